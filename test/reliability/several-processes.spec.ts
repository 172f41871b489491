import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltServer, spawnBuiltServer, tokenFrom, waitForListening } from '../support/built-server';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';

/**
 * Two built server processes on one database and one Redis, as behind a load
 * balancer (issue 8): a caller's budget is one budget whichever process
 * answers, a complaint filed through one is read back through the other, and
 * an idempotency key sent to both at once creates one complaint.
 * (The SLA scheduler's exactly-once across two job runners is in
 * test/complaints/sla-escalation.spec.ts; webhook delivery once in
 * test/webhooks.)
 */

const db = useTestDatabase('demo');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The public budget for trackComplaint per IP address and minute (http/limits/rate-limit.ts). */
const PUBLIC_PER_MINUTE = 30;

const servers: BuiltServer[] = [];
const urls: string[] = [];

beforeAll(async () => {
  // This test runs the real limits on loopback: clear what an earlier run left for 127.0.0.1.
  const redis = new Redis(REDIS_URL);
  const stale = await redis.keys('aduan:rate:*127.0.0.1*');
  if (stale.length > 0) await redis.del(...stale);
  await redis.quit();
  for (let i = 0; i < 2; i++) {
    const server = spawnBuiltServer({ DATABASE_URL: db.url, PORT: '0', SEED_DEMO: 'false', REDIS_URL });
    servers.push(server);
    urls.push(`http://127.0.0.1:${(await waitForListening(server)).port}`);
  }
});

afterAll(async () => {
  for (const server of servers) {
    if (server.process.exitCode === null) server.process.kill('SIGTERM');
    await server.exited;
  }
});

async function post(base: string, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

describe('two server processes on one database', () => {
  it('share one rate budget through Redis', async () => {
    const track = `query Track($code: String!) { trackComplaint(trackingCode: $code) { status } }`;
    const answers = [];
    for (let i = 0; i < PUBLIC_PER_MINUTE + 2; i++) {
      // Alternate: each process alone would allow all of them.
      answers.push(await post(urls[i % 2], track, { code: 'ADU-2222-2222' }));
    }
    const allowed = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 429);
    expect(allowed).toBe(PUBLIC_PER_MINUTE);
    expect(refused).toHaveLength(2);
    expect(refused.every((r) => Number(r.retryAfter) >= 1 && r.body.errors[0].extensions.code === 'RATE_LIMITED')).toBe(true);
  });

  it('file through one, read back through the other; one key sent to both at once creates one complaint', async () => {
    const [tokenA, tokenB] = await Promise.all(urls.map((url) => tokenFrom(url, 'demo-portal-3273')));
    const input = complaintInput();
    const [a, b] = await Promise.all([post(urls[0], SUBMIT, { input }, tokenA), post(urls[1], SUBMIT, { input }, tokenB)]);
    const codeA = a.body.data.submitComplaint.trackingCode;
    expect(codeA).toMatch(/^ADU-/);
    expect(b.body.data.submitComplaint.trackingCode).toBe(codeA);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM complaints WHERE tracking_code = $1`, [codeA]);
    expect(n).toBe(1);
    const read = await post(urls[1], `query One($id: ID!) { complaint(id: $id) { trackingCode } }`, { id: a.body.data.submitComplaint.complaint.id }, tokenB);
    expect(read.body.data.complaint.trackingCode).toBe(codeA);
  });
});
