import { describe, expect, it } from 'vitest';
import { SECRET_CHECKS } from '../../server/src/auth/secret-checks';
import { TOKEN_FAILURE_LIMITS } from '../../server/src/auth/token-throttle';
import { RawAnswer, requestFrom, tokenRequestFrom } from './from-address';
import { useProductionServer } from './production-server';

/**
 * Issue 15, finding 3: POST /oauth/token checked every secret (scrypt, on
 * libuv's thread pool) however often an address failed: 200 wrong secrets in
 * a row got 200 × 400, and 32 in parallel filled the thread pool that file I/O
 * and DNS share, so a legitimate client waited seconds for its token. Each
 * caller here has its own loopback address (from-address.ts), as citizens and
 * integrations have theirs.
 */
const server = useProductionServer();

const statuses = (answers: RawAnswer[]) => answers.map((a) => a.status);
const count = (answers: RawAnswer[], status: number) => answers.filter((a) => a.status === status).length;

/** `total` requests made by `make`, `parallel` at a time. */
async function inRounds(total: number, parallel: number, make: (i: number) => Promise<RawAnswer>): Promise<RawAnswer[]> {
  const answers: RawAnswer[] = [];
  for (let i = 0; i < total; i += parallel) {
    answers.push(...(await Promise.all(Array.from({ length: Math.min(parallel, total - i) }, (_, j) => make(i + j)))));
  }
  return answers;
}

function expectThrottled(answer: RawAnswer): void {
  expect(answer.status).toBe(429);
  expect(answer.headers['retry-after']).toMatch(/^\d+$/);
  expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(60);
  expect(answer.headers['cache-control']).toBe('no-store');
  // RFC 6749 §5.2's shape, as every other refusal of this endpoint: a generic OAuth client reads `error`.
  expect(answer.body).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringMatching(/too many failed/i) });
}

describe('POST /oauth/token under a guessing attack', () => {
  it('200 wrong secrets in a row from one address: 429 with Retry-After once the failures pass the budget', async () => {
    const PARALLEL = 8;
    const answers = await inRounds(200, PARALLEL, (i) => tokenRequestFrom('127.0.0.2', server.url, 'demo-ministry', `guess-${i}`));
    expect(new Set(statuses(answers))).toEqual(new Set([400, 429]));
    // Checked, then counted: requests in flight together were all admitted before the failures that stop them counted.
    expect(count(answers, 400)).toBeLessThanOrEqual(TOKEN_FAILURE_LIMITS.perClientAtAddress + PARALLEL - 1);
    expectThrottled(answers.find((a) => a.status === 429)!);
    expect(answers.slice(-PARALLEL).every((a) => a.status === 429)).toBe(true);
  });

  it('spraying client ids from one address is stopped by the address budget', async () => {
    const PARALLEL = 4;
    const answers = await inRounds(100, PARALLEL, (i) => tokenRequestFrom('127.0.0.3', server.url, `nobody-${i}`, 'x'));
    expect(new Set(statuses(answers))).toEqual(new Set([400, 429]));
    expect(count(answers, 400)).toBeLessThanOrEqual(TOKEN_FAILURE_LIMITS.perAddress + PARALLEL - 1);
    expectThrottled(answers.find((a) => a.status === 429)!);
  });

  it('while an address is hammering, a correct client elsewhere gets its token, the client being guessed included, and public queries are answered', async () => {
    const ATTACKER = '127.0.0.4';
    let stop = false;
    let throttled = 0;
    let sent = 0;
    let attacking = true;
    const attack = (async () => {
      while (!stop && sent < 1_000) {
        const round = await Promise.all(Array.from({ length: 8 }, () => tokenRequestFrom(ATTACKER, server.url, 'demo-dinsos-3273', `guess-${sent++}`)));
        throttled += count(round, 429);
        expect(round.every((a) => a.status === 400 || a.status === 429)).toBe(true);
      }
    })().finally(() => (attacking = false));
    try {
      // Wait (within a budget of requests, not of time) until the attacker's address is refused.
      while (throttled === 0 && sent < 200 && attacking) await new Promise((r) => setTimeout(r, 20));
      expect(throttled, `no 429 after ${sent} wrong secrets`).toBeGreaterThan(0);
      const legitimate = await tokenRequestFrom('127.0.0.5', server.url, 'demo-dinsos-3273', 'demo-dinsos-3273-secret');
      expect(legitimate.status).toBe(200);
      expect(legitimate.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
      const other = await tokenRequestFrom('127.0.0.5', server.url, 'demo-ministry', 'demo-ministry-secret');
      expect(other.status).toBe(200);
      const query = await requestFrom('127.0.0.6', `${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ programs { code } }' }) });
      expect(query.status).toBe(200);
      expect(query.body.data.programs.length).toBeGreaterThan(0);
      // From the attacker's address that client stays refused, even with its correct secret, until the minute is
      // over: nothing is checked while refused, so a refusal says nothing about the secret.
      expectThrottled(await tokenRequestFrom(ATTACKER, server.url, 'demo-dinsos-3273', 'demo-dinsos-3273-secret'));
    } finally {
      stop = true;
      await attack;
    }
  }, 120_000);

  it('bounds the secret checks worked on at once: past the queue, a burst from many addresses is answered 503 at once, never a 500', async () => {
    const BURST = 96;
    const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => tokenRequestFrom(`127.0.1.${i + 1}`, server.url, `nobody-${i}`, 'x')));
    expect(new Set(statuses(answers))).toEqual(new Set([400, 503]));
    // The first arrivals found room (in a slot or the queue) and were checked; the rest were not queued without end.
    expect(count(answers, 400)).toBeGreaterThanOrEqual(SECRET_CHECKS.concurrent + SECRET_CHECKS.queued);
    const busy = answers.find((a) => a.status === 503)!;
    expect(busy.headers['retry-after']).toBe('1');
    expect(busy.body).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringMatching(/busy/i) });
    expect((await requestFrom('127.0.0.1', `${server.url}/readyz`)).status).toBe(200);
  });

  it('while a flood from ever new addresses fills the secret checks, a client that had a token from its address before gets the next one', async () => {
    const LEGITIMATE = '127.0.0.8';
    expect((await tokenRequestFrom(LEGITIMATE, server.url, 'demo-village-3273011001', 'demo-village-3273011001-secret')).status).toBe(200);
    let stop = false;
    let busy = 0;
    let n = 0;
    // Each attacker request from an address of its own (127.0.2.0 and up): no per-address budget is ever spent.
    const flood = Array.from({ length: 48 }, async () => {
      while (!stop && n < 5_000) {
        const i = n++;
        const answer = await tokenRequestFrom(`127.0.${2 + (i >> 8)}.${i & 255}`, server.url, `nobody-${i}`, 'x');
        if (answer.status === 503) busy++;
        else expect(answer.status).toBe(400);
      }
    });
    try {
      while (busy < 20 && n < 5_000) await new Promise((r) => setTimeout(r, 20));
      expect(busy, 'the flood never filled the secret checks').toBeGreaterThanOrEqual(20);
      for (let i = 0; i < 3; i++) {
        const renewed = await tokenRequestFrom(LEGITIMATE, server.url, 'demo-village-3273011001', 'demo-village-3273011001-secret');
        expect(renewed.status, renewed.text).toBe(200);
      }
    } finally {
      stop = true;
      await Promise.all(flood);
    }
  }, 120_000);

  it('correct secrets are not failures, and a success clears the failures of that client at that address', async () => {
    const ADDRESS = '127.0.0.7';
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < TOKEN_FAILURE_LIMITS.perClientAtAddress - 1; i++) {
        expect((await tokenRequestFrom(ADDRESS, server.url, 'demo-bank-bri', `typo-${round}-${i}`)).status).toBe(400);
      }
      expect((await tokenRequestFrom(ADDRESS, server.url, 'demo-bank-bri', 'demo-bank-bri-secret')).status).toBe(200);
    }
    const answers = await inRounds(30, 3, () => tokenRequestFrom(ADDRESS, server.url, 'demo-ngo-lks', 'demo-ngo-lks-secret'));
    expect(statuses(answers)).toEqual(Array(30).fill(200));
  });
});
