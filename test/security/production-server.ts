import { afterAll, beforeAll } from 'vitest';
import { BuiltServer, spawnBuiltServer, tokenFrom, waitForListening } from '../support/built-server';
import { TestDatabase, useTestDatabase } from '../support/database';

/**
 * The hostile-traffic suite's target: the built server (`node <flags>
 * dist/server/src/main.js`, as `npm start` runs it) in production mode
 * (NODE_ENV=production: introspection and the IDE off, no demo seeding), on a
 * copy of the demo database so that real clients and complaints exist. Each
 * file gets its own process, so one attack's aftermath (a filled cache, a
 * throttled address) never leaks into another file. `npm test` builds dist/.
 */
export interface ProductionServer {
  db: TestDatabase;
  process: BuiltServer;
  url: string;
  /** POST /graphql with a JSON body (or a raw string body), answering status, headers and the parsed body (null when not JSON). */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  /** A client-credentials token for a demo client (secret `<client_id>-secret`). */
  token(clientId: string): Promise<string>;
}

export function useProductionServer(env: Record<string, string> = {}): ProductionServer {
  const db = useTestDatabase('demo');
  const handle = { db } as ProductionServer;
  beforeAll(async () => {
    handle.process = spawnBuiltServer({ DATABASE_URL: db.url, PORT: '0', NODE_ENV: 'production', SEED_DEMO: 'false', ...env });
    const { port } = await waitForListening(handle.process);
    handle.url = `http://127.0.0.1:${port}`;
    handle.post = async (body, headers = {}) => {
      const response = await fetch(`${handle.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = null;
      try { parsed = JSON.parse(text); } catch { /* not JSON: the caller looks at text */ }
      return { status: response.status, headers: response.headers, body: parsed, text };
    };
    handle.token = (clientId) => tokenFrom(handle.url, clientId);
  }, 120_000);
  afterAll(async () => {
    const server = handle.process;
    if (server && server.process.exitCode === null && server.process.signalCode === null) {
      server.process.kill('SIGTERM');
      await server.exited;
    }
  });
  return handle;
}
