import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../server/src/database/data-source';
import { createDatabase } from '../../server/src/database/database-url';
import { EmbeddedPostgres } from '../../server/src/database/embedded-postgres';
import { migrate } from '../../server/src/database/migrate';
import { REPLICA_PROBE_SQL } from '../../server/src/database/read-routing';
import { seedDemo } from '../../server/src/demo/seed-demo';
import { toGlobalId } from '../../server/src/graphql/global-id';
import { buildServedSchema } from '../../server/src/graphql/schema';
import { AduanServer, createServer } from '../../server/src/http/app';
import { createLogger } from '../../server/src/logger';
import { tokenFrom } from '../support/built-server';
import { complaintInput, SUBMIT } from '../support/complaints';

/**
 * Read-only queries on a real streaming replica (issue 8). The test builds a
 * primary and a hot standby of its own from the embedded PostgreSQL binaries:
 * the primary is stopped cleanly, its data folder copied, and the copy started
 * as a standby streaming from it. Replay on the standby is paused to make lag
 * as long as the test needs, then resumed. Statements are counted per server,
 * so each assertion says where a request was answered.
 */

let scratch: string;
let primaryPg: EmbeddedPostgres;
let standbyPg: EmbeddedPostgres;
let primary: DataSource;
let replica: DataSource;
let superReplica: DataSource; // the test's own connection to the standby (pause/resume replay)
let server: AduanServer;
let baseUrl: string;
const statements = { primary: 0, replica: 0 };

async function freePort(): Promise<number> {
  const net = await import('node:net');
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as import('node:net').AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A file inside a cluster folder, owned like the folder (as root, by the `postgres` user). */
function writeOwned(file: string, content: string, like: string, append = false): void {
  if (append) appendFileSync(file, content);
  else writeFileSync(file, content);
  const { uid, gid } = statSync(like);
  chownSync(file, uid, gid);
  chmodSync(file, 0o600);
}

/** A token, and one request with it, so the caller's state is cached before statements are counted. */
async function warmToken(clientId: string): Promise<string> {
  const token = await tokenFrom(baseUrl, clientId);
  await gql('{ viewer { clientId } }', {}, token);
  return token;
}

async function gql(query: string, variables?: Record<string, unknown>, token?: string) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

/** Runs a request and answers where its statements went. */
async function counted<T>(request: () => Promise<T>): Promise<{ result: T; primary: number; replica: number }> {
  const before = { ...statements };
  const result = await request();
  return { result, primary: statements.primary - before.primary, replica: statements.replica - before.replica };
}

async function waitForReplay(): Promise<void> {
  const [{ lsn }] = await primary.query(`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
  for (let i = 0; i < 200; i++) {
    const [{ done }] = await superReplica.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done`, [lsn]);
    if (done) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the standby did not catch up within 10 s');
}

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'aduan-replica-'));
  chmodSync(scratch, 0o755);
  const primaryParent = path.join(scratch, 'primary');
  const standbyParent = path.join(scratch, 'standby');
  const primaryPort = await freePort();
  primaryPg = new EmbeddedPostgres({ dataDir: path.join(primaryParent, 'postgres'), fast: true, port: primaryPort });
  await primaryPg.start();
  const url = await createDatabase(primaryPg.url(), 'aduan');
  const setup = createDataSource(url);
  await setup.initialize();
  await migrate(setup);
  await seedDemo(setup);
  await setup.destroy();

  // A base backup the simplest way: a copy of the cleanly stopped primary, started as a standby.
  await primaryPg.stop();
  spawnSync('mkdir', ['-p', standbyParent]);
  chmodSync(standbyParent, 0o755);
  const copy = spawnSync('cp', ['-a', path.join(primaryParent, 'postgres'), path.join(standbyParent, 'postgres')]);
  expect(copy.status, copy.stderr?.toString()).toBe(0);
  copyFileSync(path.join(primaryParent, 'postgres.password'), path.join(standbyParent, 'postgres.password'));
  const standbyData = path.join(standbyParent, 'postgres');
  const password = readFileSync(path.join(primaryParent, 'postgres.password'), 'utf8').trim();
  writeOwned(path.join(standbyData, 'standby.signal'), '', standbyData);
  writeOwned(path.join(standbyData, 'postgresql.auto.conf'),
    `\nprimary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=aduan password=${password} application_name=aduan_test_standby'\nhot_standby = on\n`, standbyData, true);
  await primaryPg.start();
  standbyPg = new EmbeddedPostgres({ dataDir: standbyData, fast: true });
  await standbyPg.start();

  primary = createDataSource(url, { onQuery: () => statements.primary++ });
  // The routing's health probe (`SELECT 1` each second, database/read-routing.ts) is no request's statement: a
  // probe that happens to fall inside a counted mutation is not that mutation reading the replica.
  replica = createDataSource(standbyPg.url('aduan'), { onQuery: (sql) => { if (sql !== REPLICA_PROBE_SQL) statements.replica++; } });
  superReplica = createDataSource(standbyPg.url('aduan'));
  await Promise.all([primary.initialize(), replica.initialize(), superReplica.initialize()]);
  const [{ in_recovery }] = await superReplica.query(`SELECT pg_is_in_recovery() AS in_recovery`);
  expect(in_recovery).toBe(true);
  const streaming = await primary.query(`SELECT state FROM pg_stat_replication WHERE application_name = 'aduan_test_standby'`);
  expect(streaming).toEqual([{ state: 'streaming' }]);

  server = await createServer({
    schema: await buildServedSchema(),
    dataSource: primary,
    replica,
    logger: createLogger((process.env.REPLICA_TEST_LOG as 'silent') ?? 'silent'),
    production: false,
    isMigrated: async () => true,
    rateLimits: { clientPerMinute: 100_000, publicPerMinute: 100_000 },
  });
  baseUrl = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  for (const ds of [primary, replica, superReplica]) if (ds?.isInitialized) await ds.destroy();
  await standbyPg?.stop();
  await primaryPg?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const INBOX = `query Inbox { complaints(first: 5) { totalCount edges { node { trackingCode } } } }`;
const ONE = `query One($id: ID!) { complaint(id: $id) { trackingCode complainant { nik } } }`;
const TRACK = `query Track($code: String!) { trackComplaint(trackingCode: $code) { trackingCode statusLabel } }`;

describe('a streaming read replica', () => {
  it('serves read-only queries, and never a mutation', async () => {
    const district = await warmToken('demo-dinsos-3273');
    const inbox = await counted(() => gql(INBOX, {}, district));
    expect(inbox.result.body.data.complaints.totalCount).toBeGreaterThan(0);
    expect(inbox.replica).toBeGreaterThan(0);
    expect(inbox.primary).toBe(0);

    const portal = await warmToken('demo-portal-3273');
    const submitted = await counted(() => gql(SUBMIT, { input: complaintInput() }, portal));
    expect(submitted.result.body.data.submitComplaint.userErrors).toEqual([]);
    expect(submitted.replica).toBe(0);
    expect(submitted.primary).toBeGreaterThan(0);
  });

  it('under lag, a client reads its own write from the primary, others read the replica, and the tracker finds a new code', async () => {
    const portal = await warmToken('demo-ngo-lks');
    const district = await warmToken('demo-dinsos-3273');
    await waitForReplay();
    await superReplica.query(`SELECT pg_wal_replay_pause()`);
    try {
      const submitted = await gql(SUBMIT, { input: complaintInput() }, portal);
      const { complaint, trackingCode } = submitted.body.data.submitComplaint;
      const onReplica = await superReplica.query(`SELECT 1 FROM complaints WHERE tracking_code = $1`, [trackingCode]);
      expect(onReplica).toEqual([]); // the lag is real

      // The submitter sees its complaint at once: read from the primary.
      const own = await counted(() => gql(ONE, { id: complaint.id }, portal));
      expect(own.result.body.data.complaint.trackingCode).toBe(trackingCode);
      expect(own.primary).toBeGreaterThan(0);

      // Another client's inbox is served by the replica, a moment behind (documented).
      const other = await counted(() => gql(INBOX, {}, district));
      expect(other.replica).toBeGreaterThan(0);
      expect(other.primary).toBe(0);

      // The public tracker misses on the replica and asks the primary before saying "unknown".
      const tracked = await counted(() => gql(TRACK, { code: trackingCode }));
      expect(tracked.result.body.data.trackComplaint.trackingCode).toBe(trackingCode);
      expect(tracked.replica).toBeGreaterThan(0);
      expect(tracked.primary).toBeGreaterThan(0);
      const unknown = await gql(TRACK, { code: 'ADU-2222-2222' });
      expect(unknown.body.data.trackComplaint).toBeNull();
    } finally {
      await superReplica.query(`SELECT pg_wal_replay_resume()`);
    }

    // Once the replica has replayed past the write, the submitter's reads go back to it.
    await waitForReplay();
    const again = await counted(() => gql(INBOX, {}, portal));
    expect(again.replica).toBeGreaterThan(0);
    expect(again.primary).toBe(0);
  });

  it('writes the personal-data access log of a replica-served read to the primary', async () => {
    const district = await warmToken('demo-dinsos-3273');
    const [row] = await primary.query(
      `SELECT id FROM complaints WHERE district_code = '32.73' AND complainant_nik IS NOT NULL AND NOT anonymous AND NOT confidential LIMIT 1`);
    const id = toGlobalId('Complaint', row.id);
    const read = await counted(() => gql(ONE, { id }, district));
    expect(read.result.body.data.complaint.complainant.nik).toMatch(/^\d{16}$/);
    expect(read.replica).toBeGreaterThan(0);
    const logged = await primary.query(`SELECT count(*)::int AS n FROM personal_data_access_log WHERE subject_id = $1 AND field = 'complainant.nik'`, [row.id]);
    expect(logged[0].n).toBeGreaterThan(0);
  });

  it('falls back to the primary when the replica is down', async () => {
    const district = await warmToken('demo-dinsos-3273');
    await standbyPg.stop();
    // A request already routed to the replica when it went away gets a 503 (safe to retry); within
    // about a second the probe notices, and reads go to the primary.
    const stopped = Date.now();
    let inbox = await counted(() => gql(INBOX, {}, district));
    while (inbox.result.status !== 200 && Date.now() - stopped < 5_000) {
      expect(inbox.result.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      await new Promise((r) => setTimeout(r, 200));
      inbox = await counted(() => gql(INBOX, {}, district));
    }
    expect(inbox.result.status).toBe(200);
    expect(inbox.result.body.data.complaints.totalCount).toBeGreaterThan(0);
    expect(inbox.primary).toBeGreaterThan(0);
  });
});
