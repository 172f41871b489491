import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { BuiltServer, spawnBuiltServer, tokenFrom, waitForListening } from '../support/built-server';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';

/**
 * A surge (issue 8): ten times the normal submission rate, open loop (requests
 * leave on schedule whatever the answers), from eight integrators at once,
 * against the built server with its real rate limits. Every request must end
 * as one of two things: committed and acknowledged with a tracking code, or
 * refused with 429 and Retry-After. None dropped, none failed, none left
 * hanging; every acknowledged complaint in the database; the server's memory
 * bounded.
 *
 * 60 s with ADUAN_LONG_TESTS=1 (.ci/run sets it for one of its two runs),
 * 10 s otherwise.
 */

const db = useTestDatabase('demo');
const SURGE_SECONDS = process.env.ADUAN_LONG_TESTS === '1' ? 60 : 10;
/** "Normal" is 20 submissions a second across the country's integrators; the surge is ten times that. */
const NORMAL_PER_SECOND = 20;
const SURGE_PER_SECOND = NORMAL_PER_SECOND * 10;
const CLIENTS = ['demo-portal-3273', 'demo-ngo-lks', 'demo-ngo-csr', 'demo-dinsos-3273', 'demo-dinsos-3578', 'demo-province-32', 'demo-ministry', 'demo-village-3273011001'];
/**
 * Bounded, not small: V8 lets the heap grow before it collects hard, so RSS
 * rises at first, then must level off. The ceiling is generous; in the 60 s
 * run, the plateau check (the second half of the surge no higher than the
 * first half allows) is what catches a leak.
 */
const RSS_LIMIT_MB = 512;
/** A client may spend its whole minute's budget (600) in a burst: a short surge stays within it. */
const CLIENT_BURST = 600;

let server: BuiltServer | undefined;
afterAll(async () => {
  if (server && server.process.exitCode === null) {
    server.process.kill('SIGTERM');
    await server.exited;
  }
});

type Outcome = { kind: 'acknowledged'; code: string } | { kind: 'refused'; retryAfter: string | null; busy: boolean } | { kind: 'failed'; detail: string };

function rssMegabytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : 0;
  } catch {
    return 0; // the process is gone: its exit fails the test elsewhere
  }
}

describe(`a surge of ${SURGE_PER_SECOND} submissions a second for ${SURGE_SECONDS} s`, () => {
  it('acknowledges or refuses with 429 every request; drops none; memory stays bounded', { timeout: (SURGE_SECONDS + 120) * 1000 }, async () => {
    server = spawnBuiltServer({ DATABASE_URL: db.url, PORT: '0', SEED_DEMO: 'false' });
    const { port } = await waitForListening(server);
    const base = `http://127.0.0.1:${port}`;
    const tokens = await Promise.all(CLIENTS.map((client) => tokenFrom(base, client)));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

    const send = (n: number): Promise<Outcome> => {
      const body = JSON.stringify({ query: SUBMIT, variables: { input: complaintInput({ idempotencyKey: `surge-${n}-${randomUUID()}` }) } });
      return new Promise((resolve) => {
        const request = http.request(`${base}/graphql`, {
          method: 'POST', agent, timeout: 30_000,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${tokens[n % tokens.length]}` },
        }, (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => {
            const payload = safeJson(text)?.data?.submitComplaint;
            if (response.statusCode === 200 && payload?.trackingCode && payload.userErrors.length === 0) resolve({ kind: 'acknowledged', code: payload.trackingCode });
            else if (response.statusCode === 429) {
              // Two reasons: the client's budget (rate-limit.ts), or the process at its in-flight cap (load-shedding.ts).
              resolve({ kind: 'refused', retryAfter: response.headers['retry-after'] ?? null, busy: /busy|sibuk/.test(safeJson(text)?.errors?.[0]?.message ?? '') });
            }
            else resolve({ kind: 'failed', detail: `${response.statusCode} ${text.slice(0, 200)}` });
          });
          response.on('error', (error) => resolve({ kind: 'failed', detail: error.message }));
        });
        request.on('timeout', () => request.destroy(new Error('no answer within 30 s')));
        request.on('error', (error) => resolve({ kind: 'failed', detail: error.message }));
        request.end(body);
      });
    };

    const pending: Promise<Outcome>[] = [];
    const rss: number[] = [];
    const started = performance.now();
    const total = SURGE_PER_SECOND * SURGE_SECONDS;
    const sampler = setInterval(() => rss.push(rssMegabytes(server!.process.pid!)), 500);
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / SURGE_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      pending.push(send(n));
    }
    const sendingMs = performance.now() - started;
    const outcomes = await Promise.all(pending);
    const answeredMs = performance.now() - started;
    clearInterval(sampler);
    rss.push(rssMegabytes(server.process.pid!));
    agent.destroy();

    const acknowledged = outcomes.filter((o): o is Extract<Outcome, { kind: 'acknowledged' }> => o.kind === 'acknowledged');
    const refused = outcomes.filter((o): o is Extract<Outcome, { kind: 'refused' }> => o.kind === 'refused');
    const failed = outcomes.filter((o) => o.kind === 'failed');
    const peakRss = Math.max(...rss);
    console.info(
      `surge: ${total} requests sent in ${(sendingMs / 1000).toFixed(1)} s, all answered after ${(answeredMs / 1000).toFixed(1)} s: ` +
      `${acknowledged.length} acknowledged (${(acknowledged.length / (answeredMs / 1000)).toFixed(0)}/s), ${refused.length} refused with 429 (${refused.filter((r) => r.busy).length} because the server was busy, the rest over a client's budget), ${failed.length} other; ` +
      `server RSS every 5 s: ${rss.filter((_, i) => i % 10 === 0).map((m) => m.toFixed(0)).join(', ')} MB (peak ${peakRss.toFixed(0)})`,
    );

    expect(failed.slice(0, 3)).toEqual([]);
    expect(acknowledged.length + refused.length).toBe(total);
    expect(refused.every((r) => r.retryAfter !== null && Number(r.retryAfter) >= 1)).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(0);
    if (SURGE_SECONDS * SURGE_PER_SECOND / CLIENTS.length > CLIENT_BURST) {
      expect(refused.length).toBeGreaterThan(0); // the budgets held: a surge past them is not let through unmetered
    }
    expect(peakRss).toBeLessThan(RSS_LIMIT_MB);
    if (SURGE_SECONDS >= 60) {
      // Over a minute the heap has warmed up by the first half; a leak would keep climbing in the second.
      // (In a 10 s run the first seconds are still V8's warm-up, so only the ceiling applies.)
      const half = Math.floor(rss.length / 2);
      const firstHalfPeak = Math.max(...rss.slice(0, half));
      const secondHalfPeak = Math.max(...rss.slice(half));
      expect(secondHalfPeak).toBeLessThan(firstHalfPeak * 1.25);
    }

    const [{ found }] = await db.dataSource.query(
      `SELECT count(*)::int AS found FROM complaints WHERE tracking_code = ANY($1::text[])`, [acknowledged.map((a) => a.code)]);
    expect(found).toBe(acknowledged.length);
    const [{ made }] = await db.dataSource.query(`SELECT count(*)::int AS made FROM idempotency_records WHERE key LIKE 'surge-%'`);
    expect(made).toBe(acknowledged.length); // a refused request wrote nothing
  });
});

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
