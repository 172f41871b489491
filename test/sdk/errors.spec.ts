import http from 'node:http';
import { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AduanError, createClient } from '../../sdk/src/index';
import { createDataSource } from '../../server/src/database/data-source';
import { buildServedSchema } from '../../server/src/graphql/schema';
import { createServer } from '../../server/src/http/app';
import { createLogger } from '../../server/src/logger';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';
import { tcpRelay } from '../support/tcp-relay';

/**
 * Each kind of failure as a caller of the SDK meets it, against the real
 * server: expected outcomes as typed `userErrors`, everything else as one
 * `AduanError` with its code, status and request id. PRINT_SDK_ERRORS=1 prints
 * what a caller would log.
 */

const db = useTestDatabase('demo');
const api = useTestServer(db);
const strict = useTestServer(db, { rateLimits: { publicPerMinute: 1, clientPerMinute: 100_000 } });

const client = (clientId?: string, options: Partial<Parameters<typeof createClient>[0]> = {}) =>
  createClient({ url: `${api.url}/graphql`, ...(clientId ? { clientId, clientSecret: `${clientId}-secret` } : {}), ...options });

async function failure(promise: Promise<unknown>, kind: string): Promise<AduanError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AduanError);
  if (process.env.PRINT_SDK_ERRORS) {
    const { code, status, requestId, attempts, retryAfterSeconds, data } = error as AduanError;
    console.log(`${kind}\n  ${String(error)}\n  ${JSON.stringify({ code, status, requestId, attempts, retryAfterSeconds, data })}`);
  }
  return error as AduanError;
}

/** A server that accepts connections and never answers. */
let silent: http.Server;
let silentUrl = '';
beforeAll(async () => {
  silent = http.createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

const submission = {
  channel: 'WEB_PORTAL', programCode: 'PKH', category: 'NOT_RECEIVED' as const, description: 'Bantuan PKH tidak masuk.', regionCode: '32.73.01.1001',
  complainant: { name: 'Siti Aminah', phone: '0812-3456-7890' },
};

describe('what a caller sees', () => {
  it('an expected refusal is data: userErrors typed by code, nothing thrown', async () => {
    const portal = client('demo-portal-3273');
    const { complaint } = await portal.submitComplaint(submission);
    const village = client('demo-village-3273011001');
    await village.verifyComplaint({ complaintId: complaint!.id, version: 1 });
    const stale = await village.verifyComplaint({ complaintId: complaint!.id, version: 1 });
    expect(stale.complaint).toMatchObject({ version: 2 }); // the current version, to read again and retry
    expect(stale.userErrors).toEqual([{ field: ['input', 'version'], code: 'STALE_VERSION', message: expect.any(String) }]);
    const invalid = await portal.submitComplaint({ ...submission, regionCode: '32.73' });
    expect(invalid.userErrors.map((e) => e.code)).toEqual(['INVALID_INPUT']);
    if (process.env.PRINT_SDK_ERRORS) console.log(`userErrors\n  ${JSON.stringify(stale.userErrors)}\n  ${JSON.stringify(invalid.userErrors)}`);
  });

  it('UNAUTHENTICATED: a wrong secret, refused by the token endpoint', async () => {
    const error = await failure(client(undefined, { clientId: 'demo-portal-3273', clientSecret: 'wrong' }).viewer(), 'UNAUTHENTICATED (credentials)');
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 400, requestId: expect.any(String), attempts: 1 });
  });

  it('UNAUTHENTICATED: the public role asking for what needs a token', async () => {
    const error = await failure(client().viewer(), 'UNAUTHENTICATED (no token)');
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', operationName: 'Viewer', attempts: 1 });
  });

  it('FORBIDDEN: a portal trying a handler’s step, not retried', async () => {
    const error = await failure(client('demo-portal-3273').verifyComplaint({ complaintId: 'Q29tcGxhaW50OjA', version: 1 }), 'FORBIDDEN');
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 200, operationName: 'VerifyComplaint', attempts: 1, requestId: expect.any(String) });
  });

  it('GRAPHQL_VALIDATION_FAILED: a document the schema does not allow', async () => {
    const error = await failure(client().request('query Wrong { programs { code budget } }'), 'GRAPHQL_VALIDATION_FAILED');
    expect(error).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', status: 400, attempts: 1 });
  });

  it('BAD_USER_INPUT: an argument the server cannot use', async () => {
    const error = await failure(client('demo-dinsos-3273').complaints({ first: 10, after: 'not-a-cursor' }), 'BAD_USER_INPUT');
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', attempts: 1 });
  });

  it('QUERY_TOO_COMPLEX: over the cost ceiling', async () => {
    const error = await failure(
      client('demo-dinsos-3273').request('query Huge { complaints(first: 100) { edges { node { timeline(first: 100) { edges { node { id type message at seq } } } } } } }'),
      'QUERY_TOO_COMPLEX',
    );
    expect(error).toMatchObject({ code: 'QUERY_TOO_COMPLEX', status: 400, attempts: 1 });
  });

  it('RATE_LIMITED: over the budget, with a Retry-After longer than the caller will wait', async () => {
    const tracker = createClient({ url: `${strict.url}/graphql`, retry: { maxRetryAfterMs: 1000 } });
    await tracker.trackComplaint('ADU-0000-0000');
    const error = await failure(tracker.trackComplaint('ADU-0000-0001'), 'RATE_LIMITED');
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: expect.any(Number), attempts: 1 });
  });

  it('SERVICE_UNAVAILABLE: the server cannot reach its database; Retry-After says when to come back', async () => {
    // A server of its own, reaching the test database through a relay the test cuts.
    const target = new URL(db.url);
    const relay = await tcpRelay({ host: target.hostname, port: Number(target.port || 5432) });
    const relayed = new URL(db.url);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(relay.port);
    const dataSource = createDataSource(relayed.toString());
    await dataSource.initialize();
    const server = await createServer({ schema: await buildServedSchema(), dataSource, logger: createLogger('silent'), production: false, isMigrated: async () => true });
    const port = await server.listen(0, '127.0.0.1');
    try {
      await relay.cut();
      const error = await failure(createClient({ url: `http://127.0.0.1:${port}/graphql`, retry: { maxRetryAfterMs: 1000 } }).programs(), 'SERVICE_UNAVAILABLE');
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503, retryAfterSeconds: 5, attempts: 1 });
    } finally {
      await server.stop();
      await dataSource.destroy().catch(() => undefined);
    }
  });

  it('NOT_FOUND: an address that is not the GraphQL endpoint, with the server’s word on where it is (a page without a GraphQL error is HTTP_ERROR: client.spec.ts)', async () => {
    const error = await failure(createClient({ url: `${api.url}/graphql-v2` }).programs(), 'NOT_FOUND');
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(error.message).toContain('Tidak ada apa pun di POST /graphql-v2. API menjawab di /graphql'); // Bahasa Indonesia unless the client asks for English
    const english = await failure(createClient({ url: `${api.url}/graphql-v2`, locale: 'en' }).programs(), 'NOT_FOUND');
    expect(english.message).toContain('Nothing at POST /graphql-v2. The API answers at /graphql');
  });

  it('NETWORK_ERROR: nothing listening, after the retries', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(createClient({ url: `http://127.0.0.1:${port}/graphql`, retry: { baseDelayMs: 5 } }).programs(), 'NETWORK_ERROR');
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: undefined, attempts: 4 });
  });

  it('TIMEOUT: a server that never answers', async () => {
    const error = await failure(createClient({ url: silentUrl, timeoutMs: 200, retry: { maxAttempts: 2, baseDelayMs: 5 } }).programs(), 'TIMEOUT');
    expect(error).toMatchObject({ code: 'TIMEOUT', attempts: 2 });
  });

  it('ABORTED: the caller gave up', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(createClient({ url: silentUrl }).programs({ signal: controller.signal }), 'ABORTED');
    expect(error).toMatchObject({ code: 'ABORTED', attempts: 1 });
  });
});

describe('instanceof AduanError', () => {
  // Across the ES module and CommonJS builds (test/sdk/package.spec.ts loads both): a brand, not the prototype.
  it('holds for an error of another copy of the SDK, carrying the same brand, and not for a look-alike', () => {
    class OtherCopysError extends Error {
      readonly code = 'NETWORK_ERROR';
      constructor() {
        super('[NETWORK_ERROR] fetch failed');
        Object.defineProperty(this, Symbol.for('@aduan/sdk.AduanError'), { value: true });
      }
    }
    expect(new OtherCopysError()).toBeInstanceOf(AduanError);
    expect(new AduanError({ code: 'TIMEOUT', message: 'm' })).toBeInstanceOf(AduanError);
    expect(Object.assign(new Error('[NETWORK_ERROR] x'), { code: 'NETWORK_ERROR' })).not.toBeInstanceOf(AduanError);
    expect(null instanceof AduanError).toBe(false);
    expect('AduanError' instanceof AduanError).toBe(false);
  });

  it('a subclass of it keeps the ordinary prototype check', () => {
    class TokenError extends AduanError {}
    expect(new TokenError({ code: 'UNAUTHENTICATED', message: 'm' })).toBeInstanceOf(TokenError);
    expect(new TokenError({ code: 'UNAUTHENTICATED', message: 'm' })).toBeInstanceOf(AduanError);
    expect(new AduanError({ code: 'UNAUTHENTICATED', message: 'm' })).not.toBeInstanceOf(TokenError);
  });
});
