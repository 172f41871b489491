import { makeWorkerUtils } from 'graphile-worker';
import { buildSchema, GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { sweepSla } from '../../server/src/escalation/sla-sweep';
import { as, tokenFor } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { TestServer, useTestServer } from '../support/server';

/**
 * GET /metrics after real requests: the documented series (docs/operations.md,
 * "Metrics") move by exactly what was sent, labels stay within fixed sets, no
 * personal data appears, and only those allowed may read it.
 */
// A controllable clock for the SLA sweep: Monday 16 November 2026, 09:00 WIB.
let clock = Date.parse('2026-11-16T02:00:00Z');
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => clock });
const METRICS_TOKEN = 'b7c1e0f4a9d2c3b8e5f6a7d8c9b0a1f2e3d4c5b6a7f8e9d0';
const guarded = useTestServer(db, { production: true, metricsToken: METRICS_TOKEN });
const unconfigured = useTestServer(db, { production: true });
const portal = as(api, 'demo-portal-3273');

const served: GraphQLSchema = buildSchema(readFileSync(path.join(__dirname, '../../schema/schema.graphql'), 'utf8'));

interface Sample { name: string; labels: Record<string, string>; value: number }

async function scrape(server: TestServer = api, headers: Record<string, string> = {}): Promise<Sample[]> {
  const response = await server.fetch('/metrics', { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(await response.text());
}

/** The Prometheus text format, as far as these tests need it (no escaped quotes in our label values). */
function parse(text: string): Sample[] {
  return text.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    return { name: match[1], labels, value: Number(match[3]) };
  });
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.reduce((sum, s) => sum + s.value, 0);
}

const gqlGet = (query: string) => api.fetch(`/graphql?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true' } });

describe('requests and latency by operation', () => {
  it('counts each GraphQL request once under the root field it calls, whatever the client named it', async () => {
    const before = await scrape();
    await api.gql('query FrontPagePrograms { programs { code } }');
    await api.gql('query AnotherNameEntirely { programs { name } }');
    await api.gql('{ programs { code } }');
    expect((await gqlGet('{ programs { code } }')).status).toBe(200);
    const after = await scrape();

    const programs = { operation: 'programs', type: 'query', status: '200' };
    expect(value(after, 'aduan_graphql_requests_total', programs) - value(before, 'aduan_graphql_requests_total', programs)).toBe(4);
    const latency = { operation: 'programs', type: 'query' };
    expect(value(after, 'aduan_graphql_request_duration_seconds_count', latency) - value(before, 'aduan_graphql_request_duration_seconds_count', latency)).toBe(4);
    expect(value(after, 'aduan_graphql_request_duration_seconds_sum', latency)).toBeGreaterThan(value(before, 'aduan_graphql_request_duration_seconds_sum', latency));
    // The slowest bucket holds every observation: a histogram, cumulative.
    expect(value(after, 'aduan_graphql_request_duration_seconds_bucket', { ...latency, le: '+Inf' })).toBe(value(after, 'aduan_graphql_request_duration_seconds_count', latency));
    const http = { route: '/graphql', method: 'POST', status: '200' };
    expect(value(after, 'aduan_http_requests_total', http) - value(before, 'aduan_http_requests_total', http)).toBeGreaterThanOrEqual(3);
  });

  it('counts a mutation under its name, and its userErrors by code', async () => {
    const before = await scrape();
    const ok = await portal(SUBMIT, { input: complaintInput() });
    expect(ok.body.data.submitComplaint.userErrors).toEqual([]);
    const refused = await portal(SUBMIT, { input: complaintInput({ description: '' }) });
    expect(refused.body.data.submitComplaint.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_INPUT']);
    const after = await scrape();

    const submit = { operation: 'submitComplaint', type: 'mutation', status: '200' };
    expect(value(after, 'aduan_graphql_requests_total', submit) - value(before, 'aduan_graphql_requests_total', submit)).toBe(2);
    const invalid = { operation: 'submitComplaint', code: 'INVALID_INPUT' };
    expect(value(after, 'aduan_user_errors_total', invalid) - value(before, 'aduan_user_errors_total', invalid)).toBe(1);
  });

  it('names requests with several root fields, only introspection, or no valid operation with fixed labels', async () => {
    const before = await scrape();
    await api.gql('{ programs { code } channels { code } }');
    await api.gql('{ __typename }');
    await api.gql('{ notAField }');
    const after = await scrape();
    const delta = (operation: string, type: string, status: string) =>
      value(after, 'aduan_graphql_requests_total', { operation, type, status }) - value(before, 'aduan_graphql_requests_total', { operation, type, status });
    expect(delta('_multiple', 'query', '200')).toBe(1);
    expect(delta('_introspection', 'query', '200')).toBe(1);
    expect(delta('_none', 'none', '400')).toBe(1);
  });

  it('keeps the operation label within the schema’s root fields however many names clients invent', async () => {
    for (let i = 0; i < 30; i += 1) {
      await api.gql(`query Invented${i} { channels { code } }`);
      await api.gql(`query Typo${i} { channel${i} { code } }`);
    }
    const samples = await scrape();
    const rootFields = new Set([...Object.keys(served.getQueryType()!.getFields()), ...Object.keys(served.getMutationType()!.getFields())]);
    const operations = new Set(samples.filter((s) => s.labels.operation !== undefined).map((s) => s.labels.operation));
    for (const operation of operations) expect(rootFields.has(operation) || ['_multiple', '_introspection', '_none'].includes(operation), operation).toBe(true);
    const routes = new Set(samples.filter((s) => s.name === 'aduan_http_requests_total').map((s) => s.labels.route));
    await api.fetch('/wp-login.php');
    await api.fetch('/graphql/../../etc/passwd');
    const routesAfter = new Set((await scrape()).filter((s) => s.name === 'aduan_http_requests_total').map((s) => s.labels.route));
    expect([...routesAfter].filter((r) => !routes.has(r))).toEqual(routes.has('other') ? [] : ['other']);
  });

  it('names evidence downloads by their route, never by the id in the path', async () => {
    const response = await api.fetch('/evidence/files/RXZpZGVuY2VGdXp6SWQ?expires=1&signature=abc');
    expect(response.status).toBeGreaterThanOrEqual(400);
    const text = await (await api.fetch('/metrics')).text();
    expect(text).toContain('route="/evidence/files/:evidenceId"');
    expect(text).not.toMatch(/RXZpZGVuY2VGdXp6SWQ|signature/);
  });
});

describe('errors by code', () => {
  it('counts top-level errors by extensions.code, inside and outside GraphQL', async () => {
    const before = await scrape();
    const unauthenticated = await api.gql('{ viewer { clientId } }');
    expect(unauthenticated.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const badToken = await api.gql('{ programs { code } }', undefined, { authorization: 'Bearer not.a.token' });
    expect(badToken.status).toBe(401);
    const validation = await api.gql('{ programs { nope } }');
    expect(validation.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const malformed = await api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    const after = await scrape();
    const delta = (code: string, operation: string) => value(after, 'aduan_errors_total', { code, operation }) - value(before, 'aduan_errors_total', { code, operation });
    expect(delta('UNAUTHENTICATED', 'viewer')).toBe(1);
    expect(delta('UNAUTHENTICATED', '_none')).toBe(1); // the bad token is refused before any operation is read
    expect(delta('GRAPHQL_VALIDATION_FAILED', '_none')).toBe(1);
    expect(delta('BAD_REQUEST', '_none')).toBe(1);
    expect(value(after, 'aduan_graphql_requests_total', { operation: 'viewer' }) - value(before, 'aduan_graphql_requests_total', { operation: 'viewer' })).toBe(1);
  });
});

describe('database pool and job queue', () => {
  it('counts the connections requests hold and the queries waiting for one, as PostgreSQL sees them, and both fall back', async () => {
    const gauges = (samples: Sample[]) => ({
      inUse: value(samples, 'aduan_db_pool_connections', { pool: 'primary', state: 'in_use' }),
      idle: value(samples, 'aduan_db_pool_connections', { pool: 'primary', state: 'idle' }),
      waiting: value(samples, 'aduan_db_pool_waiting_requests', { pool: 'primary' }),
    });
    const first = await scrape();
    const max = value(first, 'aduan_db_pool_max_connections', { pool: 'primary' });
    expect(max).toBe(20);
    expect(first.some((s) => s.labels.pool === 'replica')).toBe(false); // no DATABASE_REPLICA_URL here
    for (const state of ['in_use', 'idle']) expect(first.some((s) => s.name === 'aduan_db_pool_connections' && s.labels.pool === 'primary' && s.labels.state === state), state).toBe(true);

    // Requests that block in PostgreSQL on a lock each hold one of the pool's connections;
    // PostgreSQL's own view (pg_stat_activity, by the server's application_name) is the yardstick.
    // Two clients of the test's own: the one holding the lock is in a transaction, where
    // pg_stat_activity would answer from the snapshot it took first.
    const locker = new Client({ connectionString: db.url, application_name: 'aduan-metrics-test' });
    const observer = new Client({ connectionString: db.url, application_name: 'aduan-metrics-test' });
    await Promise.all([locker.connect(), observer.connect()]);
    const blockedInPostgres = async () => (await observer.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'aduan' AND wait_event_type = 'Lock'`)).rows[0].n as number;
    const serverConnections = async () => (await observer.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'aduan'`)).rows[0].n as number;
    // The pool's queue is in this process: the test waits on it only to know when to look, never to compare with it.
    const pool = (db.dataSource.driver as unknown as { master: { waitingCount: number } }).master;
    const requests: Promise<{ status: number }>[] = [];
    const send = (n: number) => { for (let i = 0; i < n; i += 1) requests.push(api.gql('{ programs { code } }')); };
    let released = false;
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE programs IN ACCESS EXCLUSIVE MODE');
      const held = 8;
      send(held);
      await expect.poll(blockedInPostgres, { timeout: 10_000 }).toBe(held);
      expect(gauges(await scrape())).toMatchObject({ inUse: held, waiting: 0 });

      // More requests than the pool has connections: it fills, and the rest queue for one.
      const beyond = 5;
      send(max + beyond - held);
      await expect.poll(blockedInPostgres, { timeout: 10_000 }).toBe(max);
      await expect.poll(() => pool.waitingCount, { timeout: 10_000 }).toBe(beyond);
      expect(await serverConnections()).toBe(max);
      // /metrics answers while the lock is still held: with the pool full it does not queue its
      // own job-queue query behind the requests (database-outage.spec.ts shows the ordering).
      expect(gauges(await scrape())).toEqual({ inUse: max, idle: 0, waiting: beyond });
      expect(pool.waitingCount).toBe(beyond);
      await locker.query('ROLLBACK');
      released = true;
    } finally {
      if (!released) await locker.query('ROLLBACK');
      await Promise.all([locker.end(), observer.end()]);
    }
    // Those that held a connection were answered once the lock was gone; those queued beyond the pool too,
    // unless the machine stalled past the pool's connection wait (then a 503: not what this test is about).
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(max);
    // Answered, they gave their connections back: nothing in use, nothing waiting, the connections idle.
    await expect.poll(async () => gauges(await scrape())).toMatchObject({ inUse: 0, waiting: 0 });
    expect(gauges(await scrape()).idle).toBeGreaterThanOrEqual(1);
  });

  it('shows the jobs waiting in the queue, by task and state', async () => {
    expect((await scrape()).filter((s) => s.name === 'aduan_job_queue_jobs')).toEqual([]); // no queue schema yet: nothing, and no error
    const utils = await makeWorkerUtils({ connectionString: db.url });
    try {
      for (let i = 0; i < 3; i += 1) await utils.addJob('metrics_probe', { i });
      const later = new Date(Date.now() + 3_600_000);
      for (let i = 0; i < 2; i += 1) await utils.addJob('sla_sweep', {}, { runAt: later, jobKey: `later-${i}` });
      const samples = await scrape();
      expect(value(samples, 'aduan_job_queue_jobs', { task: 'metrics_probe', state: 'ready' })).toBe(3);
      expect(value(samples, 'aduan_job_queue_jobs', { task: 'sla_sweep', state: 'scheduled' })).toBe(2);
      await utils.withPgClient((client) => client.query(`UPDATE graphile_worker._private_jobs SET attempts = max_attempts WHERE id IN (SELECT id FROM graphile_worker.jobs WHERE task_identifier = 'metrics_probe' LIMIT 1)`));
      const failed = await scrape();
      expect(value(failed, 'aduan_job_queue_jobs', { task: 'metrics_probe', state: 'ready' })).toBe(2);
      expect(value(failed, 'aduan_job_queue_jobs', { task: 'metrics_probe', state: 'failed' })).toBe(1);
    } finally {
      await utils.release();
    }
  });
});

describe('SLA breaches', () => {
  it('counts each breach the sweep finds once, by the tier that missed its deadline', async () => {
    const breachEvents = async () => Object.fromEntries(
      (await db.dataSource.query(`SELECT coalesce(data->'breach'->>'tier', data->>'tier') AS tier, count(*)::int AS n FROM complaint_events
        WHERE type = 'SLA_BREACHED' OR (type = 'ESCALATED' AND data ? 'breach') GROUP BY 1`)).map((r: { tier: string; n: number }) => [r.tier, r.n]),
    ) as Record<string, number>;
    clock = Date.parse('2026-11-16T02:00:00Z');
    const submitted = (await portal(SUBMIT, { input: complaintInput() })).body.data.submitComplaint;
    expect(submitted.complaint.dueAt).toBe('2026-11-19T16:59:59.999Z');

    const before = await scrape();
    const eventsBefore = await breachEvents();
    clock = Date.parse('2026-11-20T01:00:00Z'); // Friday 08:00 WIB: the village's 3 working days are over
    const result = await sweepSla(db.dataSource, new Date(clock));
    const after = await scrape();
    const eventsAfter = await breachEvents();

    expect(result.escalated + result.breachedAtNational).toBeGreaterThanOrEqual(1);
    for (const tier of ['VILLAGE', 'DISTRICT', 'PROVINCE', 'NATIONAL']) {
      const counted = value(after, 'aduan_sla_breaches_total', { tier }) - value(before, 'aduan_sla_breaches_total', { tier });
      expect(counted, tier).toBe((eventsAfter[tier] ?? 0) - (eventsBefore[tier] ?? 0));
    }
    expect(value(after, 'aduan_sla_breaches_total', { tier: 'VILLAGE' }) - value(before, 'aduan_sla_breaches_total', { tier: 'VILLAGE' })).toBeGreaterThanOrEqual(1);

    await sweepSla(db.dataSource, new Date(clock)); // nothing new has breached
    expect(value(await scrape(), 'aduan_sla_breaches_total')).toBe(value(after, 'aduan_sla_breaches_total'));
  });
});

describe('who may read /metrics', () => {
  it('development without METRICS_TOKEN: anyone who reaches the port (npm start, then curl)', async () => {
    expect((await api.fetch('/metrics')).status).toBe(200);
  });

  it('METRICS_TOKEN set: only `Authorization: Bearer <token>`; an API client’s token is not enough', async () => {
    const missing = await guarded.fetch('/metrics');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await missing.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await guarded.fetch('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
    const apiClientToken = await tokenFor(guarded, 'demo-ministry');
    expect((await guarded.fetch('/metrics', { headers: { authorization: `Bearer ${apiClientToken}` } })).status).toBe(401);
    const samples = await scrape(guarded, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(samples.some((s) => s.name === 'aduan_http_requests_total')).toBe(true);
  });

  it('production without METRICS_TOKEN: nobody', async () => {
    const response = await unconfigured.fetch('/metrics');
    expect(response.status).toBe(403);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(body.errors[0].message).toMatch(/METRICS_TOKEN/);
  });

  it('refuses in the caller’s language: Bahasa Indonesia, English with Accept-Language: en', async () => {
    const read = async (server: typeof guarded, acceptLanguage?: string) => {
      const response = await server.fetch('/metrics', acceptLanguage ? { headers: { 'accept-language': acceptLanguage } } : {});
      return (await response.json()).errors[0].message as string;
    };
    expect(await read(guarded)).toBe('Metrik memerlukan `Authorization: Bearer <METRICS_TOKEN>`.');
    expect(await read(guarded, 'en')).toBe('Metrics need `Authorization: Bearer <METRICS_TOKEN>`.');
    expect(await read(unconfigured)).toBe('Metrik tidak disajikan di produksi sebelum METRICS_TOKEN ditetapkan.');
    expect(await read(unconfigured, 'en-GB,en;q=0.9')).toBe('Metrics are not served in production until METRICS_TOKEN is set.');
  });
});

describe('no personal data', () => {
  it('has no NIK, phone number, tracking code, client id, secret or client-chosen name in the output', async () => {
    const submitted = (await portal('mutation SubmitForSitiAminah($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode userErrors { code } } }', {
      input: complaintInput({ subjectNik: '3273010101800002', complainant: { nik: '3273014507850001', phone: '081234567890', name: 'Siti Aminah' } }),
    })).body.data.submitComplaint;
    await api.gql('query ($c: String!) { trackComplaint(trackingCode: $c) { status } }', { c: submitted.trackingCode });
    await api.fetch(`/graphql?query=${encodeURIComponent('{ programs { code } }')}&nik=3273014507850001`, { headers: { 'apollo-require-preflight': 'true' } });
    await api.fetch('/oauth/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-bank-bri', client_secret: 'wrong-secret' }) });
    const text = await (await api.fetch('/metrics')).text();
    // Not inside a number's fraction: default process metrics print floats with many digits.
    expect(text).not.toMatch(/(?<![\d.])\d{16}/);
    expect(text).not.toMatch(/(?<![\d.])(?:\+?62|0)8\d{7,12}(?!\d)/);
    expect(text).not.toContain(submitted.trackingCode);
    expect(text).not.toMatch(/ADU-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(text).not.toMatch(/demo-|secret|Siti|SubmitForSitiAminah|FrontPagePrograms|Invented/);
  });
});
