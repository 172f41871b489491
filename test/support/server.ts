import { afterAll, beforeAll } from 'vitest';
import { buildServedSchema } from '../../server/src/graphql/schema';
import { AduanServer, createServer } from '../../server/src/http/app';
import type { EvidenceStorage } from '../../server/src/evidence/storage/evidence-storage';
import { createLogger, Logger } from '../../server/src/logger';
import { TestDatabase } from './database';

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };
}

export interface TestServer {
  url: string;
  server: AduanServer;
  /** POST /graphql with JSON. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** The real HTTP server (Express + Apollo) on an ephemeral port, over the file's test database. */
export interface TestServerOptions {
  production?: boolean;
  now?: () => number;
  rateLimits?: { clientPerMinute?: number; publicPerMinute?: number; tokenFailuresPerAddress?: number; tokenFailuresPerClientAtAddress?: number };
  permissions?: boolean;
  maxRequestsInFlight?: number;
  /** METRICS_TOKEN for GET /metrics. */
  metricsToken?: string;
  /** Where the server logs (silent by default). */
  logger?: Logger;
  /** Operations executed by graphql-js field by field instead of compiled (graphql/compiled-execution.ts). */
  interpretedExecution?: boolean;
  /** Where evidence files go: a function, since a store started by the test (s3rver) exists only from its beforeAll on; a temporary folder by default. */
  evidenceStorage?: () => EvidenceStorage;
  /** The demo clients the development IDE offers a token for (main.ts passes the seeded ones); none by default. */
  demoClientIds?: readonly string[];
}

export function useTestServer(db: TestDatabase, options: TestServerOptions = {}): TestServer {
  const handle = {} as TestServer;
  beforeAll(async () => {
    const server = await createServer({
      schema: await buildServedSchema({ permissions: options.permissions }),
      dataSource: db.dataSource,
      logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
      production: options.production ?? false,
      isMigrated: async () => true,
      now: options.now,
      // Budgets no test reaches unless it sets its own (test/security/ holds the production ones to account).
      rateLimits: { clientPerMinute: 100_000, publicPerMinute: 100_000, tokenFailuresPerAddress: 100_000, tokenFailuresPerClientAtAddress: 100_000, ...options.rateLimits },
      maxRequestsInFlight: options.maxRequestsInFlight,
      metricsToken: options.metricsToken,
      evidenceStorage: options.evidenceStorage?.(),
      interpretedExecution: options.interpretedExecution,
      demoClientIds: options.demoClientIds,
    });
    const port = await server.listen(0, '127.0.0.1');
    handle.server = server;
    handle.url = `http://127.0.0.1:${port}`;
    handle.fetch = (path, init) => fetch(`${handle.url}${path}`, init);
    handle.gql = async (query, variables, headers) => {
      const response = await fetch(`${handle.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    };
  });
  afterAll(async () => {
    await handle.server?.stop();
  });
  return handle;
}
