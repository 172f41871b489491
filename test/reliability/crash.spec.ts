import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { BuiltServer, spawnBuiltServer, tokenFrom, waitForListening } from '../support/built-server';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';

/**
 * A tracking code that reached a client is a promise (issue 8): the built
 * server is killed with SIGKILL in the middle of a load of concurrent
 * submissions, restarted on the same database, and then
 * - every complaint whose tracking code a client received is there, whole
 *   (its SUBMITTED event and its idempotency record written with it);
 * - no complaint is half-written (none without its event or its record);
 * - every client retrying with its idempotency key ends with exactly one
 *   complaint: the acknowledged ones get the same code back, the ones cut off
 *   mid-flight get theirs now, and nothing is created twice.
 */

const db = useTestDatabase('demo');
const CLIENT = 'demo-portal-3273';
const WORKERS = 12;
const ACKNOWLEDGED_BEFORE_KILL = 150;

type Outcome = { kind: 'acknowledged'; trackingCode: string } | { kind: 'unanswered' } | { kind: 'refused'; detail: string };

let server: BuiltServer | undefined;
afterAll(async () => {
  if (server && server.process.exitCode === null) {
    server.process.kill('SIGTERM');
    await server.exited;
  }
});

async function start(): Promise<string> {
  server = spawnBuiltServer({ DATABASE_URL: db.url, PORT: '0', SEED_DEMO: 'false' });
  const { port } = await waitForListening(server);
  return `http://127.0.0.1:${port}`;
}

async function submit(baseUrl: string, token: string, input: Record<string, unknown>): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SUBMIT, variables: { input } }),
    });
  } catch {
    return { kind: 'unanswered' }; // the connection died with the server
  }
  const body = await response.json().catch(() => undefined);
  const payload = body?.data?.submitComplaint;
  if (response.status === 200 && payload?.trackingCode && payload.userErrors.length === 0) return { kind: 'acknowledged', trackingCode: payload.trackingCode };
  return { kind: 'refused', detail: `${response.status} ${JSON.stringify(body)}` };
}

describe('SIGKILL during a load of submissions', () => {
  it('loses no acknowledged complaint, half-writes none, and retries end with exactly one complaint per key', async () => {
    // The complaints there before (the demo's): "made during the test" is every other one. By id, not by
    // created_at against the test's clock: created_at is the server process's clock, not this one's.
    const before: string[] = (await db.dataSource.query('SELECT id FROM complaints')).map((r: { id: string }) => r.id);
    const firstUrl = await start();
    const token = await tokenFrom(firstUrl, CLIENT);

    const inputs = new Map<string, Record<string, unknown>>();
    const acknowledged = new Map<string, string>();
    const refusedBeforeKill: string[] = [];
    let killed = false;

    const worker = async (n: number) => {
      for (let i = 0; !killed; i++) {
        const key = `crash-${n}-${i}-${randomUUID()}`;
        const input = complaintInput({ idempotencyKey: key, description: `Bantuan PKH belum diterima (uji beban ${n}/${i}).` });
        inputs.set(key, input);
        const outcome = await submit(firstUrl, token, input);
        if (outcome.kind === 'acknowledged') acknowledged.set(key, outcome.trackingCode);
        else if (outcome.kind === 'refused' && !killed) refusedBeforeKill.push(outcome.detail);
        else if (outcome.kind === 'unanswered') return;
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, n) => worker(n));

    // Kill once enough codes have gone out, while the workers still have requests in flight.
    const deadline = Date.now() + 60_000;
    while (acknowledged.size < ACKNOWLEDGED_BEFORE_KILL && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    server!.process.kill('SIGKILL');
    killed = true;
    expect(await server!.exited).toBeNull(); // killed by the signal, not exited
    await Promise.all(workers);
    expect(refusedBeforeKill).toEqual([]);
    const inFlightAtKill = [...inputs.keys()].filter((key) => !acknowledged.has(key));
    console.info(`before the kill: ${inputs.size} submissions sent, ${acknowledged.size} acknowledged, ${inFlightAtKill.length} cut off`);

    // Restart on the same database.
    const secondUrl = await start();

    // Every acknowledged code is in the database, whole.
    const codes = [...acknowledged.values()];
    const found: { tracking_code: string; events: number; records: number }[] = await db.dataSource.query(
      `SELECT c.tracking_code,
              (SELECT count(*)::int FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'SUBMITTED') AS events,
              (SELECT count(*)::int FROM idempotency_records r WHERE r.result->>'complaintId' = c.id::text) AS records
         FROM complaints c WHERE c.tracking_code = ANY($1::text[])`,
      [codes],
    );
    expect(found).toHaveLength(codes.length);
    for (const row of found) expect(row, row.tracking_code).toMatchObject({ events: 1, records: 1 });

    // Nothing half-written: every complaint made during the test has its event and its idempotency record.
    const [{ complaints, without_event, without_record }] = await db.dataSource.query(
      `SELECT count(*)::int AS complaints,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'SUBMITTED'))::int AS without_event,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM idempotency_records r WHERE r.result->>'complaintId' = c.id::text))::int AS without_record
         FROM complaints c WHERE c.id <> ALL($1::uuid[])`,
      [before],
    );
    expect({ without_event, without_record }).toEqual({ without_event: 0, without_record: 0 });
    expect(complaints).toBeGreaterThanOrEqual(acknowledged.size);
    expect(complaints).toBeLessThanOrEqual(inputs.size);

    // Every client retries with its key and its input: one complaint each, the acknowledged ones unchanged.
    const retryToken = await tokenFrom(secondUrl, CLIENT);
    const retried = new Map<string, string>();
    const keys = [...inputs.keys()];
    for (let i = 0; i < keys.length; i += 16) {
      await Promise.all(keys.slice(i, i + 16).map(async (key) => {
        const outcome = await submit(secondUrl, retryToken, inputs.get(key)!);
        expect(outcome, key).toMatchObject({ kind: 'acknowledged' });
        if (outcome.kind === 'acknowledged') retried.set(key, outcome.trackingCode);
      }));
    }
    for (const [key, code] of acknowledged) expect(retried.get(key), key).toBe(code);
    const [{ after_retries, distinct_codes }] = await db.dataSource.query(
      `SELECT count(*)::int AS after_retries, count(DISTINCT tracking_code)::int AS distinct_codes FROM complaints WHERE id <> ALL($1::uuid[])`,
      [before],
    );
    expect(after_retries).toBe(inputs.size);
    expect(new Set(retried.values()).size).toBe(inputs.size);
    expect(distinct_codes).toBe(inputs.size);
    console.info(`after the restart: ${found.length}/${codes.length} acknowledged complaints found whole; ${complaints} complaints before retries, ${after_retries} after ${keys.length} retries (one per key)`);
  });
});
