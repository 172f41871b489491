// The Kota Bandung citizen portal: a complaint form and a tracker in front of Aduan.
// Run: npm start -w examples/regional-portal (with Aduan running: npm start at the repository root).
import type { AddressInfo } from 'node:net';
import { connectToAduan } from './aduan.js';
import { createApp } from './app.js';
import { AttachmentTickets } from './attachment-ticket.js';
import { ConfigError, readConfig } from './config.js';

let config;
try {
  config = readConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const app = createApp(connectToAduan(config), new AttachmentTickets(config.signingKey));
const server = app.listen(config.port, config.host, (error?: Error) => {
  if (error) {
    console.error(`cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  }
  const { port } = server.address() as AddressInfo;
  // One line, read by people and by the tests (PORT=0 picks a free port).
  console.log(`Portal Kota Bandung: http://${config.host}:${port}`);
});

// Finish the requests in flight, then stop (Ctrl-C, or a supervisor's SIGTERM).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    // Browsers keep idle connections open; without this, close() would wait for them to time out.
    server.closeIdleConnections();
  });
}
