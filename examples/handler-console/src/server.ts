// The handler console: officers of social offices and banks sign in and work their complaints.
// Run: npm run example:console at the repository root (with Aduan running: npm start).
import type { AddressInfo } from 'node:net';
import { AccountBook } from './accounts.js';
import { AduanConnections } from './aduan.js';
import { createApp } from './app.js';
import { ConfigError, readConfig } from './config.js';
import { SessionStore } from './sessions.js';

let config;
try {
  config = readConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const app = createApp({ config, aduan: new AduanConnections(config), accounts: new AccountBook(config.accounts), sessions: new SessionStore() });
const server = app.listen(config.port, config.host, (error?: Error) => {
  if (error) {
    console.error(`cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  }
  const { port } = server.address() as AddressInfo;
  // One line, read by people and by the tests (PORT=0 picks a free port).
  console.log(`Konsol petugas: http://${config.host}:${port}`);
});

// Finish the requests in flight, then stop (Ctrl-C, or a supervisor's SIGTERM).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
