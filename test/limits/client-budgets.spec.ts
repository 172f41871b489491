import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_STATE_TTL_MS } from '../../server/src/auth/token.service';
import { RATE_LIMITS } from '../../server/src/http/limits/rate-limit';
import { as, tokenFor } from '../support/auth';
import { BuiltServer, spawnBuiltServer, tokenFrom, waitForListening } from '../support/built-server';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * Request budgets per API client (docs/adr/0023-offices-and-client-budgets.md): an administrator raises the
 * national WhatsApp line's budget and lowers a quiet portal's; two built server processes in production mode share
 * each client's count through Redis and apply its own budget; the default holds for the rest.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DEFAULT = RATE_LIMITS.clientPerMinute;

const IMPORT = `mutation ($input: ImportOrganisationsInput!) {
  importOrganisations(input: $input) { committed clientSecrets { clientId clientSecret } userErrors { field message } }
}`;
const SET = `mutation ($input: SetApiClientRateLimitInput!) {
  setApiClientRateLimit(input: $input) { apiClient { clientId requestsPerMinute } userErrors { field code } }
}`;

describe('two production processes, one Redis: each client’s own budget', () => {
  const db = useTestDatabase('demo');
  const servers: BuiltServer[] = [];
  const urls: string[] = [];
  // Clients of this run only: their counts in Redis are theirs, whatever else runs against the same Redis.
  const suffix = randomBytes(3).toString('hex');
  const ids = { whatsapp: `wa-${suffix}`, portal: `portal-${suffix}`, quiet: `quiet-${suffix}` };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const server = spawnBuiltServer({ DATABASE_URL: db.url, PORT: '0', NODE_ENV: 'production', SEED_DEMO: 'false', REDIS_URL });
      servers.push(server);
      urls.push(`http://127.0.0.1:${(await waitForListening(server)).port}`);
    }
    const admin = await tokenFrom(urls[0], 'demo-ministry');
    const csv = [
      'code,kind,name,client_id,requests_per_minute',
      `wa-line-${suffix},PORTAL,Layanan WhatsApp nasional ${suffix},${ids.whatsapp},${DEFAULT + 100}`,
      `portal-${suffix},PORTAL,Portal kabupaten ${suffix},${ids.portal},`,
      `quiet-${suffix},NGO,LKS kecil ${suffix},${ids.quiet},`,
    ].join('\n');
    const imported = (await post(urls[0], IMPORT, { input: { csv, createClients: true } }, admin)).body.data.importOrganisations;
    expect(imported.userErrors).toEqual([]);
    const lowered = (await post(urls[1], SET, { input: { clientId: ids.quiet, requestsPerMinute: 10 } }, admin)).body.data.setApiClientRateLimit;
    expect(lowered).toEqual({ apiClient: { clientId: ids.quiet, requestsPerMinute: 10 }, userErrors: [] });
    for (const { clientId, clientSecret } of imported.clientSecrets) {
      const response = await fetch(`${urls[0]}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      });
      tokens[clientId] = (await response.json()).access_token;
    }
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) {
      if (server.process.exitCode === null) server.process.kill('SIGTERM');
      await server.exited;
    }
  });

  /** `times` requests, alternating between the two processes: each alone would allow all of them. */
  async function spend(clientId: string, times: number): Promise<{ allowed: number; refused: number }> {
    let allowed = 0;
    let refused = 0;
    for (let i = 0; i < times; i++) {
      const { status, body, retryAfter } = await post(urls[i % 2], '{ viewer { clientId } }', {}, tokens[clientId]);
      if (status === 200 && body.data.viewer.clientId === clientId) allowed++;
      else if (status === 429 && body.errors[0].extensions.code === 'RATE_LIMITED' && Number(retryAfter) >= 1) refused++;
      else throw new Error(`unexpected answer ${status}: ${JSON.stringify(body)}`);
    }
    return { allowed, refused };
  }

  it('a lowered budget is refused past it', async () => {
    expect(await spend(ids.quiet, 12)).toEqual({ allowed: 10, refused: 2 });
  });

  it('the default budget holds for a client without its own', async () => {
    expect(await spend(ids.portal, DEFAULT + 2)).toEqual({ allowed: DEFAULT, refused: 2 });
  }, 120_000);

  it('a raised budget passes where the default is refused', async () => {
    expect(await spend(ids.whatsapp, DEFAULT + 2)).toEqual({ allowed: DEFAULT + 2, refused: 0 });
  }, 120_000);
});

describe('a changed budget applies within the client-state cache’s time', () => {
  const db = useTestDatabase('demo');
  let clock = Date.now();
  const api = useTestServer(db, { now: () => clock, rateLimits: { clientPerMinute: 3 } });
  // The administrator itself needs more than this file's default of 3: its own budget, set before its first request.
  beforeAll(() => db.dataSource.query(`UPDATE api_clients SET requests_per_minute = 1000 WHERE client_id = 'demo-ministry'`));

  it(`applies a raised budget after at most ${CLIENT_STATE_TTL_MS / 1000} s (until then, the client's state this process cached: no query per request)`, async () => {
    const token = await tokenFor(api, 'demo-ngo-csr');
    const viewer = () => api.gql('{ viewer { clientId } }', {}, { authorization: `Bearer ${token}` });
    for (let i = 0; i < 3; i++) expect((await viewer()).status).toBe(200);
    expect((await viewer()).status).toBe(429);

    const raised = (await as(api, 'demo-ministry')(SET, { input: { clientId: 'demo-ngo-csr', requestsPerMinute: 100 } })).body.data.setApiClientRateLimit;
    expect(raised.userErrors).toEqual([]);
    expect((await viewer()).status).toBe(429); // this process still holds the client's state it read
    clock += CLIENT_STATE_TTL_MS + 1;
    expect((await viewer()).status).toBe(200); // read again: the new budget
  });

  it('refuses a budget out of bounds or for an unknown client, and null returns to the default', async () => {
    const set = (clientId: string, requestsPerMinute: number | null) => as(api, 'demo-ministry')(SET, { input: { clientId, requestsPerMinute } });
    for (const bad of [RATE_LIMITS.clientPerMinuteMin - 1, RATE_LIMITS.clientPerMinuteMax + 1]) {
      expect((await set('demo-ngo-lks', bad)).body.data.setApiClientRateLimit).toEqual({ apiClient: null, userErrors: [{ field: ['input', 'requestsPerMinute'], code: 'INVALID_INPUT' }] });
    }
    expect((await set('nobody', 100)).body.data.setApiClientRateLimit.userErrors).toEqual([{ field: ['input', 'clientId'], code: 'NOT_FOUND' }]);
    expect((await set('demo-ngo-csr', null)).body.data.setApiClientRateLimit.apiClient).toEqual({ clientId: 'demo-ngo-csr', requestsPerMinute: null });
    const [row] = await db.dataSource.query(`SELECT requests_per_minute FROM api_clients WHERE client_id = 'demo-ngo-csr'`);
    expect(row.requests_per_minute).toBeNull();
  });
});

async function post(base: string, query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}
