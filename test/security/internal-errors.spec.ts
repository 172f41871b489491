import { createPrivateKey, KeyObject, randomUUID, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../server/src/auth/token.service';
import { useProductionServer } from './production-server';

/**
 * Issue 15, finding 6: a token signed with the server's own key but whose
 * `sub` is not a UUID made a 500 whose `extensions.internal` carried the SQL,
 * its parameters and PostgreSQL's error. Errors were masked in Apollo's
 * `willSendResponse`, which never runs when building the request's context
 * fails. Now a token that is not one of ours is 401, and any unexpected
 * failure, at any stage, answers "Internal server error." with a request id.
 */
const server = useProductionServer();

/** What must never reach a caller: SQL, driver and ORM names, stacks, file paths. */
const INTERNALS = /select|insert|from "|api_clients|invalid input syntax|uuid|QueryFailed|driverError|parameters|internal"|stack|\.ts:|\.js:|node_modules|typeorm|postgres/i;

async function signingKey(): Promise<{ kid: string; key: KeyObject }> {
  await server.token('demo-ministry'); // the first token makes the first key, should the copy have none
  const [row] = await server.db.dataSource.query(`SELECT kid, private_key_pem FROM signing_keys WHERE retired_at IS NULL`);
  return { kid: row.kid, key: createPrivateKey(row.private_key_pem) };
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT with any header and claims, signed ES256 with the server's own key: only the claims can be wrong. */
async function forge(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const { kid, key } = await signingKey();
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'ES256', typ: 'JWT', kid, ...header });
  const body = b64({ iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, nbf: now, exp: now + 600, jti: randomUUID(), ...claims });
  const signature = sign('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return `${head}.${body}.${signature}`;
}

async function apiClientId(clientId: string): Promise<string> {
  const [row] = await server.db.dataSource.query(`SELECT id FROM api_clients WHERE client_id = $1`, [clientId]);
  return row.id;
}

const PROGRAMS = { query: '{ programs { code } }' };

/** The server's error log line for a request id, once it has come through the pipe (up to 10 s). */
async function errorLogged(requestId: string): Promise<Record<string, any> | undefined> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const lines = server.process.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const line = lines.find((l) => l.requestId === requestId && l.level === 'error');
    if (line) return line;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

async function expectUnauthenticated(authorization: string): Promise<void> {
  const { status, body, text } = await server.post(PROGRAMS, { authorization });
  expect(status, text.slice(0, 500)).toBe(401);
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]).toEqual({ message: expect.stringMatching(/token|Bearer/), extensions: { code: 'UNAUTHENTICATED', requestId: expect.any(String) } });
  expect(text).not.toMatch(INTERNALS);
}

describe('tokens that verify but are not ours', () => {
  it('a correctly signed token whose sub is not a UUID is 401 UNAUTHENTICATED, nothing internal', async () => {
    await expectUnauthenticated(`Bearer ${await forge({ sub: 'not-a-uuid' })}`);
  });

  it.each([
    ['sub a number', { sub: 12345 }, {}],
    ['sub a UUID of no client', { sub: randomUUID() }, {}],
    ['sub an upper-case UUID', { sub: randomUUID().toUpperCase() }, {}],
    ['sub holding SQL', { sub: "x' OR '1'='1" }, {}],
    ['no sub', { sub: undefined }, {}],
    ['no exp', { exp: undefined }, {}],
    ['exp a string', { exp: 'tomorrow' }, {}],
    ['expired', { exp: Math.floor(Date.now() / 1000) - 3600 }, {}],
    ['issued in the future', { iat: Math.floor(Date.now() / 1000) + 3600 }, {}],
    ['another audience', { aud: 'someone-else' }, {}],
    ['another issuer', { iss: 'evil' }, {}],
    ['an unknown kid', {}, { kid: 'no-such-key' }],
    ['a kid that is an object', {}, { kid: { $ne: null } }],
    ['a kid of 5,000 characters', {}, { kid: 'k'.repeat(5_000) }],
    ['alg none', {}, { alg: 'none' }],
    ['alg HS256', {}, { alg: 'HS256' }],
  ])('%s: 401 UNAUTHENTICATED, never a 500', async (_case, claims, header) => {
    const sub = 'sub' in claims ? claims.sub : await apiClientId('demo-ministry');
    await expectUnauthenticated(`Bearer ${await forge({ ...claims, sub }, header)}`);
  });

  it('the forging itself is sound: the same recipe with honest claims is accepted', async () => {
    const { status, body } = await server.post(PROGRAMS, { authorization: `Bearer ${await forge({ sub: await apiClientId('demo-ministry') })}` });
    expect(status).toBe(200);
    expect(body.data.programs.length).toBeGreaterThan(0);
  });

  it('a huge token is 401; a header past what Node reads is 431, not a 500', async () => {
    await expectUnauthenticated(`Bearer ${'a'.repeat(6_000)}.${'b'.repeat(6_000)}.${'c'.repeat(86)}`);
    const tooLarge = await server.post(PROGRAMS, { authorization: `Bearer ${'a'.repeat(70_000)}` }).catch((error: Error) => error);
    if (!(tooLarge instanceof Error)) expect(tooLarge.status).toBe(431);
  });
});

describe('an unexpected failure at any stage answers "Internal server error." and a request id, nothing more', () => {
  it('building the context (the clients table gone), the token endpoint, and the log line that explains it', async () => {
    const token = await server.token('demo-portal-3273'); // not used yet: its client is not cached
    await server.db.dataSource.query('ALTER TABLE api_clients RENAME TO api_clients_gone');
    try {
      const context = await server.post(PROGRAMS, { authorization: `Bearer ${token}`, 'x-request-id': 'context-failure-1' });
      expect(context.status).toBe(500);
      expect(context.body).toEqual({ errors: [{ message: 'Terjadi kesalahan internal server.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'context-failure-1' } }] });

      const response = await fetch(`${server.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'token-failure-1' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-ministry', client_secret: 'demo-ministry-secret' }),
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ errors: [{ message: 'Terjadi kesalahan internal server.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'token-failure-1' } }] });
    } finally {
      await server.db.dataSource.query('ALTER TABLE api_clients_gone RENAME TO api_clients');
    }
    // The operator finds the cause by the request id, in the JSON log (read through a pipe: it may trail the answer).
    for (const requestId of ['context-failure-1', 'token-failure-1']) {
      const logged = await errorLogged(requestId);
      expect(logged, requestId).toMatchObject({ msg: 'unhandled error', err: { message: expect.stringMatching(/api_clients/) } });
    }
    // And the server is whole again.
    expect((await server.post(PROGRAMS, { authorization: `Bearer ${token}` })).status).toBe(200);
  });
});
