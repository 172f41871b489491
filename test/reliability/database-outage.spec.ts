import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../server/src/database/data-source';
import { createDatabase } from '../../server/src/database/database-url';
import { EmbeddedPostgres } from '../../server/src/database/embedded-postgres';
import { migrate } from '../../server/src/database/migrate';
import { seedDemo } from '../../server/src/demo/seed-demo';
import { RETRY_AFTER_SECONDS } from '../../server/src/http/database-unavailable';
import { BuiltServer, spawnBuiltServer, tokenFrom, waitForListening } from '../support/built-server';
import { complaintInput, SUBMIT } from '../support/complaints';

/**
 * PostgreSQL stopped under load (issue 8). The test runs a PostgreSQL of its
 * own (the embedded binaries) so it can stop and restart it under the built
 * server, on the same port:
 * - while it is down, /readyz is 503, /healthz stays 200 (the process is fine),
 *   and every request is answered quickly with HTTP 503, SERVICE_UNAVAILABLE and
 *   Retry-After — never a hang, never an INTERNAL_SERVER_ERROR;
 * - when it returns, the server recovers by itself (no restart), and nothing
 *   acknowledged is lost; retries with the idempotency keys create each
 *   complaint once;
 * - when every pooled connection is busy, a request waits a bounded time for
 *   one and then gets the same clear 503.
 */

/** Four integrators submit at once, each within its own rate budget. */
const CLIENTS = ['demo-portal-3273', 'demo-ngo-lks', 'demo-ngo-csr', 'demo-dinsos-3273'];
/**
 * The pool the server opens (main.ts gives createDataSource no options): its size, and how long
 * a query waits for a connection (connectionTimeoutMillis) — the bounds below come from these.
 */
const POOL = (() => {
  const options = createDataSource('postgres://127.0.0.1/unused').options as { poolSize: number; extra: { connectionTimeoutMillis: number } };
  return { size: options.poolSize, connectTimeoutMs: options.extra.connectionTimeoutMillis };
})();
const UNAVAILABLE = { status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: String(RETRY_AFTER_SECONDS) };
let scratch: string;
let dataDir: string;
let port: number;
let postgres: EmbeddedPostgres;
let server: BuiltServer;
let baseUrl: string;
let databaseUrl: string;

/** `ms`: from sending to the answer; `at`: when the answer arrived (performance.now()). */
type Answer = { status: number; code?: string; retryAfter: string | null; trackingCode?: string; userErrors?: unknown; ms: number; at: number };

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

async function startPostgres(): Promise<void> {
  postgres = new EmbeddedPostgres({ dataDir, fast: true, port });
  await postgres.start();
}

/** fetch to the server; when it is not there, the error says why (its exit and last log lines). */
async function toServer(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    await new Promise((r) => setTimeout(r, 200)); // let the exit event arrive
    const gone = server.gone();
    throw gone ? new Error(gone, { cause: error }) : error;
  }
}

async function graphql(query: string, variables?: Record<string, unknown>, token?: string): Promise<Answer> {
  const started = performance.now();
  const response = await toServer(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.json();
  return {
    status: response.status,
    code: body.errors?.[0]?.extensions?.code,
    retryAfter: response.headers.get('retry-after'),
    trackingCode: body.data?.submitComplaint?.userErrors?.length === 0 ? body.data.submitComplaint.trackingCode : undefined,
    userErrors: body.data?.submitComplaint?.userErrors,
    ms: performance.now() - started,
    at: performance.now(),
  };
}

const statusOf = async (route: string) => (await toServer(`${baseUrl}${route}`)).status;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'aduan-outage-'));
  chmodSync(scratch, 0o755); // reachable by the `postgres` user when run as root
  dataDir = path.join(scratch, 'postgres');
  port = await freePort();
  await startPostgres();
  databaseUrl = await createDatabase(postgres.url(), 'aduan');
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  await migrate(dataSource);
  await seedDemo(dataSource);
  await dataSource.destroy();
  server = spawnBuiltServer({ DATABASE_URL: databaseUrl, PORT: '0', SEED_DEMO: 'false' });
  baseUrl = `http://127.0.0.1:${(await waitForListening(server)).port}`;
});

afterAll(async () => {
  if (server && server.process.exitCode === null) {
    server.process.kill('SIGTERM');
    await server.exited;
  }
  await postgres?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('PostgreSQL stopped mid-load', () => {
  it('answers 503 fast while it is down, recovers by itself, and loses nothing', async () => {
    const tokens = await Promise.all(CLIENTS.map((client) => tokenFrom(baseUrl, client)));
    const tokenOfKey = new Map<string, string>();
    const inputs = new Map<string, Record<string, unknown>>();
    const acknowledged = new Map<string, string>();
    const answers: (Answer & { phase: string; worker: number })[] = [];
    let phase = 'before';
    let running = true;

    const workerFailures: string[] = [];
    const worker = async (n: number) => {
      // A worker that cannot reach the server stops and says why (asserted below), instead of rejecting unseen.
      try {
        await submitUntilStopped(n);
      } catch (error) {
        workerFailures.push((error as Error).message);
      }
    };
    const submitUntilStopped = async (n: number) => {
      for (let i = 0; running; i++) {
        const key = `outage-${n}-${i}-${randomUUID()}`;
        const input = complaintInput({ idempotencyKey: key });
        inputs.set(key, input);
        tokenOfKey.set(key, tokens[n]);
        const answer = await graphql(SUBMIT, { input }, tokens[n]);
        answers.push({ ...answer, phase, worker: n });
        if (answer.trackingCode) acknowledged.set(key, answer.trackingCode);
        if (answer.status === 503) await new Promise((r) => setTimeout(r, 250)); // a polite client backs off a little
      }
    };
    /** How many integrators had a submission acknowledged in a phase. */
    const acknowledgedIn = (inPhase: string) => new Set(answers.filter((a) => a.phase === inPhase && a.trackingCode).map((a) => a.worker)).size;
    // Each wait below ends on what it waits for; its deadline, derived from the pool's connect
    // timeout (the longest any one attempt may take), only turns a hang into a failure.
    const waitFor = { timeout: POOL.connectTimeoutMs * 3, interval: 50 };
    const workers = CLIENTS.map((_, n) => worker(n));
    // Under load: every integrator has had a submission through before PostgreSQL stops.
    await expect.poll(() => workerFailures.length ? workerFailures : acknowledgedIn('before'), { ...waitFor, message: 'integrators acknowledged before the outage' }).toBe(CLIENTS.length);
    expect(await statusOf('/readyz')).toBe(200);

    phase = 'down';
    await postgres.stop();
    // Down for as long as it takes the integrators to meet more than ten 503s; /readyz asked all along.
    const readyWhileDown: number[] = [];
    const unavailableWhileDown = () => answers.filter((a) => a.phase === 'down' && a.status === 503).length;
    await expect.poll(async () => {
      readyWhileDown.push(await statusOf('/readyz'));
      return workerFailures.length ? workerFailures : unavailableWhileDown();
    }, { ...waitFor, message: '503s answered to the integrators while PostgreSQL is down' }).toBeGreaterThan(10);
    expect(readyWhileDown.length).toBeGreaterThan(1);
    expect(readyWhileDown).toEqual(readyWhileDown.map(() => 503));
    expect(await statusOf('/healthz')).toBe(200);
    const publicQuery = await graphql('{ programs { code } }');
    expect(publicQuery).toMatchObject(UNAVAILABLE);
    const tokenRequest = await toServer(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENTS[0], client_secret: `${CLIENTS[0]}-secret` }),
    });
    expect(tokenRequest.status).toBe(503);
    expect(await tokenRequest.json()).toMatchObject({ error: 'temporarily_unavailable' });

    phase = 'returning';
    await startPostgres();
    const recoveryStarted = Date.now();
    // PostgreSQL accepts connections again: the server's next connection attempt succeeds, or at worst one times out first.
    await expect.poll(() => statusOf('/readyz'), { ...waitFor, interval: 200, message: 'the server should recover by itself' }).toBe(200);
    const recoveredAfterMs = Date.now() - recoveryStarted;
    phase = 'after';
    const acknowledgedBeforeAfter = acknowledged.size;
    // Submissions succeed again without a server restart: every integrator gets one through.
    await expect.poll(() => workerFailures.length ? workerFailures : acknowledgedIn('after'), { ...waitFor, message: 'integrators acknowledged after the recovery' }).toBe(CLIENTS.length);
    running = false;
    await Promise.all(workers);
    expect(workerFailures).toEqual([]);
    expect(server.process.exitCode).toBeNull();
    expect(server.stdout().split('\n').filter((l) => l.includes('"Aduan is listening"'))).toHaveLength(1); // the same process, never restarted

    const during = answers.filter((a) => a.phase === 'down');
    const unavailable = during.filter((a) => a.status === 503);
    const after = answers.filter((a) => a.phase === 'after');
    // Every answer is a success or the clear 503; nothing else, at any time.
    // (A committed mutation whose answer then lost the database is a 200 with its data and a
    // SERVICE_UNAVAILABLE error beside it: its tracking code reached the client.)
    const serverErrors = () => [...new Set(server.stdout().split('\n').filter((l) => l.includes('"level":"error"')).map((l) => JSON.parse(l).err?.message))].join(' | ');
    for (const answer of answers) {
      if (answer.trackingCode) expect(answer.status).toBe(200);
      else expect(answer, `${JSON.stringify(answer)}; server errors: ${serverErrors()}`).toMatchObject(UNAVAILABLE);
    }
    expect(unavailable.length).toBeGreaterThan(10);
    // Fast: a refused connection fails at once, and no request waits longer than the pool's connect
    // timeout for one (with as much again for a busy machine) — never the 15 s statement timeout, never a hang.
    expect(Math.max(...unavailable.map((a) => a.ms))).toBeLessThan(POOL.connectTimeoutMs * 2);
    expect(acknowledged.size).toBeGreaterThan(acknowledgedBeforeAfter);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((a) => a.trackingCode)).toBe(true);

    // Nothing acknowledged is lost, and retries create each complaint once.
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM complaints WHERE tracking_code = ANY($1::text[])`, [[...acknowledged.values()]]);
      expect(rows[0].n).toBe(acknowledged.size);
      for (const [key, input] of inputs) {
        const retry = await graphql(SUBMIT, { input }, tokenOfKey.get(key));
        expect(retry.trackingCode, `${key}: ${JSON.stringify(retry)}`).toBeTruthy();
        if (acknowledged.has(key)) expect(retry.trackingCode).toBe(acknowledged.get(key));
      }
      const { rows: made } = await client.query(
        `SELECT count(*)::int AS n FROM idempotency_records WHERE key = ANY($1::text[])`, [[...inputs.keys()]]);
      expect(made[0].n).toBe(inputs.size);
      const { rows: complaints } = await client.query(
        `SELECT count(*)::int AS n FROM complaints c JOIN idempotency_records r ON r.result->>'complaintId' = c.id::text WHERE r.key = ANY($1::text[])`, [[...inputs.keys()]]);
      expect(complaints[0].n).toBe(inputs.size);
    } finally {
      await client.end();
    }
    const slowest = Math.max(...unavailable.map((a) => a.ms)).toFixed(0);
    console.info(`outage: ${answers.length} submissions (${during.length} while down: ${unavailable.length} answered 503 SERVICE_UNAVAILABLE, slowest ${slowest} ms; /readyz 503 all ${readyWhileDown.length} times asked); ready again ${recoveredAfterMs} ms after PostgreSQL restarted; ${acknowledged.size} acknowledged, all found; ${inputs.size} keys retried → ${inputs.size} complaints`);
  }, 60_000);
});

describe('every pooled connection busy', () => {
  it('waits a bounded time for a connection, then answers 503 with Retry-After', async () => {
    expect(POOL.connectTimeoutMs, 'the pool bounds its wait for a connection (0 would be no bound)').toBeGreaterThan(0);
    // Hold a lock every `programs` query waits on, and send twice as many requests as the pool has
    // connections: those that get one block in PostgreSQL, the rest wait for one.
    const locker = new Client({ connectionString: databaseUrl });
    // pg_stat_activity is read outside the locker's transaction, which would see one snapshot of it throughout.
    const observer = new Client({ connectionString: databaseUrl });
    await Promise.all([locker.connect(), observer.connect()]);
    const blockedOnLock = async () => (await observer.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'aduan' AND wait_event_type = 'Lock'`)).rows[0].n as number;
    const answered: Answer[] = [];
    let releasedAt = Infinity;
    let answers: Answer[] = [];
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE programs IN ACCESS EXCLUSIVE MODE');
      const requests = Array.from({ length: 2 * POOL.size }, () => graphql('{ programs { code } }').then((a) => (answered.push(a), a)));
      // Wait (no longer than a few of the pool's waits) until every connection blocks on the lock and
      // every other request has been answered 503 — all while the lock is still held: the pool's wait
      // answered them, not the lock's release.
      await expect.poll(async () => ({ blockedOnLock: await blockedOnLock(), unavailable: answered.filter((a) => a.status === 503).length }),
        { timeout: POOL.connectTimeoutMs * 3, interval: 100 }).toEqual({ blockedOnLock: POOL.size, unavailable: POOL.size });
      releasedAt = performance.now();
      await locker.query('ROLLBACK');
      answers = await Promise.all(requests);
    } finally {
      if (releasedAt === Infinity) await locker.query('ROLLBACK');
      await Promise.all([locker.end(), observer.end()]);
    }

    const waitedOut = answers.filter((a) => a.status === 503);
    const served = answers.filter((a) => a.status === 200);
    expect(waitedOut.length + served.length).toBe(answers.length);
    expect({ waitedOut: waitedOut.length, served: served.length }).toEqual({ waitedOut: POOL.size, served: POOL.size });
    for (const answer of waitedOut) expect(answer).toMatchObject(UNAVAILABLE);
    // Answered before the lock was released, after waiting the pool's connect timeout (to the timer's millisecond).
    for (const answer of waitedOut) expect(answer.at).toBeLessThan(releasedAt);
    expect(Math.min(...waitedOut.map((a) => a.ms))).toBeGreaterThanOrEqual(POOL.connectTimeoutMs - 5);
    // Those that held a connection were served once the lock was gone.
    for (const answer of served) expect(answer.at).toBeGreaterThan(releasedAt);
    console.info(`pool exhausted: ${served.length} served after the lock, ${waitedOut.length} answered 503 after ${Math.min(...waitedOut.map((a) => a.ms)).toFixed(0)}–${Math.max(...waitedOut.map((a) => a.ms)).toFixed(0)} ms (connect timeout ${POOL.connectTimeoutMs} ms), the lock released after ${(releasedAt - Math.min(...answers.map((a) => a.at - a.ms))).toFixed(0)} ms`);
  });

  it('answers /metrics while every connection is busy — the pool full, requests waiting — without queueing behind them', async () => {
    const locker = new Client({ connectionString: databaseUrl });
    const observer = new Client({ connectionString: databaseUrl });
    await Promise.all([locker.connect(), observer.connect()]);
    const blockedOnLock = async () => (await observer.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'aduan' AND wait_event_type = 'Lock'`)).rows[0].n as number;
    const answered: Answer[] = [];
    let requests: Promise<Answer>[] = [];
    let metrics = '';
    let answeredBeforeMetrics = -1;
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE programs IN ACCESS EXCLUSIVE MODE');
      requests = Array.from({ length: 2 * POOL.size }, () => graphql('{ programs { code } }').then((a) => (answered.push(a), a)));
      await expect.poll(blockedOnLock, { timeout: POOL.connectTimeoutMs * 3, interval: 100 }).toBe(POOL.size);
      expect(answered, 'the pool is full and no waiting request has waited out its connect timeout yet').toEqual([]);
      // The other half of the requests reach the pool's queue a moment after the first half took the connections
      // (each is read, parsed and checked first): scrape until all of them wait, well within their connect timeout.
      // At least them: the server's scheduled jobs (SLA, webhook and notification sweeps) share the pool, and one
      // may be queued too.
      await expect.poll(async () => {
        const response = await toServer(`${baseUrl}/metrics`);
        // Ordering, not timing: a scrape that queued for a connection would come back after
        // the requests queued before it had waited out the same connect timeout.
        answeredBeforeMetrics = answered.length;
        expect(response.status).toBe(200);
        metrics = await response.text();
        return Number(/^aduan_db_pool_waiting_requests\{pool="primary"\} (\d+)$/m.exec(metrics)?.[1] ?? -1);
      }, { timeout: POOL.connectTimeoutMs / 2, interval: 50 }).toBeGreaterThanOrEqual(POOL.size);
    } finally {
      await locker.query('ROLLBACK');
      await Promise.all(requests);
      await Promise.all([locker.end(), observer.end()]);
    }
    expect(answeredBeforeMetrics).toBe(0);
    expect(metrics).toContain(`aduan_db_pool_connections{pool="primary",state="in_use"} ${POOL.size}`);
    expect(metrics).not.toMatch(/^aduan_job_queue_jobs\{/m); // left out of this scrape, not waited for
    await expect.poll(() => server.stdout().includes('job queue depth not counted: every database connection is busy')).toBe(true);
  });
});
