/**
 * npm run bench:disbursements — a bank reporting 10,000 failed transfers in 10
 * calls of 1,000 items (reportDisbursementIssues) through the real HTTP API, one
 * call after another, as a bank's batch job would send them. Reports the total
 * seconds, each call's milliseconds, and the rows committed, counted afterwards
 * in the database. A measurement, not a test: it asserts nothing (the goal is
 * under 5 s for the 10 calls, every row committed).
 *
 * Where: a scratch database, dropped afterwards — on the PostgreSQL server at
 * DATABASE_URL (a superuser URL; the database named in it is left alone), or,
 * unset, on an embedded PostgreSQL in a temporary folder, with its default
 * durability (fsync and synchronous_commit on). The scratch database gets the
 * migrations, the demo data (organisations, clients, programmes) and, by SQL
 * (generate_series), 11,000 synthetic families of BRI, each with one PKH
 * disbursement of last month: 10,000 for the measured calls and 1,000 for one
 * warm-up call that is not counted.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../server/src/database/data-source';
import { createDatabase, dropDatabase, redactUrl } from '../server/src/database/database-url';
import { EmbeddedPostgres } from '../server/src/database/embedded-postgres';
import { migrate } from '../server/src/database/migrate';
import { seedBankDisbursements } from '../server/src/demo/bank-disbursements';
import { demoPeriods } from '../server/src/demo/population';
import { seedDemo } from '../server/src/demo/seed-demo';
import { buildServedSchema } from '../server/src/graphql/schema';
import { createServer } from '../server/src/http/app';
import { createLogger } from '../server/src/logger';

const CALLS = 10;
const ITEMS_PER_CALL = 1000;
const PROGRAM = 'PKH';

const REPORT = `mutation Report($input: ReportDisbursementIssuesInput!) {
  reportDisbursementIssues(input: $input) {
    batch { id itemCount acceptedCount rejectedCount }
    results { index issue { id } userErrors { field code message } }
    userErrors { field code message }
  }
}`;

async function main() {
  const started = Date.now();
  let embedded: EmbeddedPostgres | undefined;
  let scratchDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    scratchDir = mkdtempSync(path.join(os.tmpdir(), 'aduan-bench-'));
    chmodSync(scratchDir, 0o755); // reachable by the `postgres` user when run as root
    embedded = new EmbeddedPostgres({ dataDir: path.join(scratchDir, 'postgres') });
    await embedded.start();
    adminUrl = embedded.url();
  }
  const name = `aduan_bench_${randomBytes(4).toString('hex')}`;
  const dataSource = createDataSource(await createDatabase(adminUrl, name));
  let server: Awaited<ReturnType<typeof createServer>> | undefined;
  try {
    await dataSource.initialize();
    await migrate(dataSource);
    await seedDemo(dataSource);
    const [, , period] = demoPeriods(new Date()); // last month in WIB: one the API accepts whenever the benchmark runs
    const setupStarted = Date.now();
    const niks = await seedBankDisbursements(dataSource, { bankCode: 'BRI', programCode: PROGRAM, period, count: CALLS * ITEMS_PER_CALL, seriesStart: 0 });
    const warmUpNiks = await seedBankDisbursements(dataSource, { bankCode: 'BRI', programCode: PROGRAM, period, count: ITEMS_PER_CALL, seriesStart: 100_000 });
    await dataSource.query('ANALYZE');
    const setupMs = Date.now() - setupStarted;
    if (niks.length !== CALLS * ITEMS_PER_CALL || warmUpNiks.length !== ITEMS_PER_CALL) throw new Error(`synthetic data: got ${niks.length} + ${warmUpNiks.length} families`);

    server = await createServer({
      schema: await buildServedSchema(), dataSource, logger: createLogger('silent'), production: true,
      isMigrated: async () => true, rateLimits: { clientPerMinute: 1e9, publicPerMinute: 1e9 },
    });
    const url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    const token = await fetch(`${url}/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-bank-bri&client_secret=demo-bank-bri-secret',
    }).then((r) => r.json() as Promise<{ access_token: string }>).then((b) => b.access_token);

    const occurredOn = `${period}-20`;
    const call = async (batch: string[]) => {
      const items = batch.map((nik, i) => ({ nik, amount: 600_000, failureCode: i % 3 ? 'ACCOUNT_DORMANT' : 'NAME_MISMATCH', occurredOn }));
      const body = JSON.stringify({ query: REPORT, variables: { input: { idempotencyKey: randomUUID(), programCode: PROGRAM, period, items } } });
      const t0 = process.hrtime.bigint();
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      const answer = (await response.json()) as { errors?: unknown[]; data: { reportDisbursementIssues: { batch: { id: string; acceptedCount: number } } } };
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      return { ms, accepted: answer.data.reportDisbursementIssues.batch.acceptedCount, requestBytes: body.length, batchId: answer.data.reportDisbursementIssues.batch.id };
    };

    const warmUp = await call(warmUpNiks); // JIT and connection pool warm-up on other families; not counted
    const perCall: number[] = [];
    const batchKeys: string[] = [];
    let accepted = 0;
    const t0 = process.hrtime.bigint();
    for (let c = 0; c < CALLS; c += 1) {
      const result = await call(niks.slice(c * ITEMS_PER_CALL, (c + 1) * ITEMS_PER_CALL));
      perCall.push(+result.ms.toFixed(1));
      accepted += result.accepted;
      batchKeys.push(Buffer.from(result.batchId, 'base64url').toString('utf8').split(':')[1]);
    }
    const totalMs = Number(process.hrtime.bigint() - t0) / 1e6;

    // Counted afterwards, in the database: what the 10 calls committed.
    const [committed] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM disbursement_batches WHERE id = ANY($1::uuid[])) AS batches,
              (SELECT count(*)::int FROM disbursement_issues WHERE batch_id = ANY($1::uuid[])) AS issues,
              (SELECT count(DISTINCT disbursement_id)::int FROM disbursement_issues WHERE batch_id = ANY($1::uuid[])) AS "distinctDisbursements",
              (SELECT count(*)::int FROM disbursements d JOIN disbursement_issues i ON i.disbursement_id = d.id
                WHERE i.batch_id = ANY($1::uuid[]) AND d.status = 'FAILED') AS "disbursementsMarkedFailed"`,
      [batchKeys],
    );
    const [settings] = await dataSource.query(`SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS "synchronousCommit"`);
    const sorted = [...perCall].sort((a, b) => a - b);
    console.log(JSON.stringify({
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
      node: process.version,
      postgres: { where: embedded ? 'embedded, temporary folder' : redactUrl(adminUrl), ...settings },
      setup: { syntheticFamilies: niks.length + warmUpNiks.length, ms: setupMs },
      warmUpCallMs: +warmUp.ms.toFixed(1),
      calls: CALLS,
      itemsPerCall: ITEMS_PER_CALL,
      requestBytesPerCall: warmUp.requestBytes,
      totalSeconds: +(totalMs / 1000).toFixed(3),
      perCallMs: perCall,
      medianCallMs: sorted[Math.floor(sorted.length / 2)],
      acceptedInAnswers: accepted,
      committed,
      goal: 'under 5 s for 10 × 1000 items, every row committed',
      wallSeconds: +((Date.now() - started) / 1000).toFixed(1),
    }, null, 2));
  } finally {
    await server?.stop();
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(adminUrl, name).catch(() => undefined);
    await embedded?.stop();
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
