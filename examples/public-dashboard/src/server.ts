// The public dashboard: Aduan's public figures for everyone, from the nation down to a village.
// Run: npm run example:dashboard at the repository root (with Aduan running: npm start).
import type { AddressInfo } from 'node:net';
import { PublicData } from './aduan.js';
import { createApp } from './app.js';
import { ConfigError, readConfig } from './config.js';

let config;
try {
  config = readConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const app = createApp({ config, data: new PublicData(config) });
const server = app.listen(config.port, config.host, (error?: Error) => {
  if (error) {
    console.error(`cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  }
  const { port } = server.address() as AddressInfo;
  // One line, read by people and by the tests (PORT=0 picks a free port).
  console.log(`Dasbor publik: http://${config.host}:${port}`);
});

// Finish the requests in flight, then stop (Ctrl-C, or a supervisor's SIGTERM).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
