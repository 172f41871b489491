/**
 * npm run bench [-- --scale small|large] [--reps 3] [--seconds 5] [--warmup 2] [--only inbox,detail] [--compare-only] [--rewrite-report]
 *
 * Aduan side by side with the limit (one SQL statement per request, JSON built
 * in PostgreSQL) and PostGraphile v5 when installed, over the same PostgreSQL
 * and data, in one run, on this machine: see docs/benchmarks.md for what is
 * measured and how. The database is `aduan_bench_<scale>` on the PostgreSQL
 * server at BENCH_ADMIN_URL (a superuser URL; default
 * postgres://postgres@127.0.0.1:5432/postgres, or an embedded PostgreSQL kept
 * in the temporary folder when none answers there — it must run on this machine,
 * its backends' CPU time is read from /proc), built on first use and reused
 * after. Results: docs/benchmarks.md (between its result markers for the
 * scale), docs/benchmarks/<scale>.json and docs/benchmarks/<scale>-latency.svg.
 */
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../server/src/database/data-source';
import { withDatabase } from '../server/src/database/database-url';
import { EmbeddedPostgres } from '../server/src/database/embedded-postgres';
import { CONTENDERS } from './contenders';
import type { Contender } from './contenders/contender';
import { startContenderProcess, ContenderProcess } from './harness/child';
import { compareAnswers } from './harness/compare';
import { ensureBenchDatabase, SCALES } from './harness/database';
import { installBenchPackages } from './harness/packages';
import { cleanUpSubmissions, demoToken, Fixtures, freshBankReports, inputFor, loadFixtures } from './harness/fixtures';
import { LoadMode, LoadResult, runLoad } from './harness/load';
import { PostgresCpu } from './harness/postgres-cpu';
import { rewriteReport, writeReport } from './harness/report';
import { median, round } from './harness/stats';
import { WorkloadName, WORKLOADS } from './workloads';

export interface Cell {
  workload: WorkloadName;
  level: string;
  contender: string;
  rep: number;
  load: LoadResult;
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  loadGeneratorCpuMsPerRequest: number;
  statementsPerRequest: number;
  peakRssMb: number;
  /** submitComplaint: complaints found committed in the database after the run, per second. */
  committedPerSecond?: number;
}

interface Plan { workload: WorkloadName; contenders: string[]; levels: number[]; open: boolean; sequential?: number }

const ALL = ['aduan', 'limit', 'postgraphile', 'aduan-no-permissions', 'aduan-no-dataloader'];
const PLANS: Plan[] = [
  { workload: 'inbox', contenders: [...ALL, 'aduan-interpreted'], levels: [1, 16, 64], open: true },
  { workload: 'inboxDeep', contenders: ['aduan', 'limit'], levels: [1, 16], open: false },
  { workload: 'detail', contenders: ['aduan', 'limit', 'aduan-no-permissions', 'aduan-no-dataloader'], levels: [1, 16, 64], open: true },
  { workload: 'track', contenders: ['aduan', 'limit', 'postgraphile'], levels: [1, 16, 64], open: true },
  { workload: 'recipient', contenders: ['aduan', 'limit', 'postgraphile'], levels: [1, 16, 64], open: true },
  { workload: 'submit', contenders: ['aduan', 'limit'], levels: [1, 16, 64], open: true },
  // A bank's batch job sends its reports one after another: five per measurement, on one connection.
  { workload: 'bankReport', contenders: ['aduan', 'limit'], levels: [1], open: false, sequential: 5 },
];
const POOL_SIZE = 10;

function parseArguments(argv: string[]) {
  const options = { scale: 'large', reps: 3, seconds: NaN, warmup: NaN, only: [] as string[], compareOnly: false, rewriteReport: false };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[(i += 1)];
    switch (flag) {
      case '--scale': options.scale = value(); break;
      case '--reps': options.reps = Number(value()); break;
      case '--seconds': options.seconds = Number(value()); break;
      case '--warmup': options.warmup = Number(value()); break;
      case '--only': options.only = value().split(','); break;
      case '--compare-only': options.compareOnly = true; break;
      case '--rewrite-report': options.rewriteReport = true; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!SCALES[options.scale]) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  if (Number.isNaN(options.seconds)) options.seconds = options.scale === 'small' ? 2 : 5;
  if (Number.isNaN(options.warmup)) options.warmup = options.scale === 'small' ? 1 : 2;
  return options;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const scale = SCALES[options.scale];
  if (options.rewriteReport) {
    console.log(`results: ${rewriteReport(path.join(__dirname, '..', '..'), scale.name).join(', ')}`);
    return;
  }
  const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  const { adminUrl, embedded } = await postgresServer(log);
  const startedAt = new Date();
  const loadBefore = os.loadavg();

  const databaseUrl = await ensureBenchDatabase(adminUrl, scale, log);
  const db = createDataSource(databaseUrl, { poolSize: 3, statementTimeoutMs: 0 });
  await db.initialize();
  const admin = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await admin.connect();
  const pgCpu = new PostgresCpu(admin, new URL(databaseUrl).pathname.slice(1));
  const leftOver = await cleanUpSubmissions(db);
  if (leftOver) log(`removed ${leftOver} complaints an earlier run submitted`);
  const fixtures = await loadFixtures(db);

  // PostGraphile's packages (bench/packages) are installed on first use, when a workload it serves is measured.
  const plans = PLANS.filter((p) => options.only.length === 0 || options.only.includes(p.workload));
  if (options.compareOnly || plans.some((p) => p.contenders.includes('postgraphile'))) installBenchPackages(log);

  const missing = new Map<string, string>();
  const available: Contender[] = [];
  for (const contender of CONTENDERS) {
    const why = await contender.unavailable();
    if (why) {
      missing.set(contender.name, why);
      log(`${contender.label}: ${why}`);
    } else available.push(contender);
  }
  const processes = new Map<string, ContenderProcess>();
  try {
    for (const contender of available) processes.set(contender.name, await startContenderProcess(contender.name, databaseUrl, POOL_SIZE));
    log(`contenders up: ${[...processes.keys()].join(', ')}`);

    const check = await compareAnswers(db, fixtures, available.map((c) => ({ contender: c, port: processes.get(c.name)!.port })));
    log(`answers compared: ${check.compared}, differences: ${check.differences.length}`);
    for (const d of check.differences) log(`  DIFFERENT ${d.workload} ${d.contender} at ${d.path}: ${JSON.stringify(d.expected)} vs ${JSON.stringify(d.actual)}`);
    if (options.compareOnly) return;

    const cells: Cell[] = [];
    const openRates: Partial<Record<WorkloadName, number>> = {};
    for (const plan of plans) {
      const contenders = plan.contenders.filter((name) => processes.has(name));
      const measureLevel = async (level: string, mode: LoadMode, who = contenders) => {
        for (let rep = 1; rep <= options.reps; rep += 1) {
          const order = rep % 2 === 1 ? who : [...who].reverse();
          for (const name of order) {
            const cell = await measure({ plan, level, mode, rep, name, process: processes.get(name)!, contender: available.find((c) => c.name === name)!, db, fixtures, pgCpu, options });
            cells.push(cell);
            log(`${plan.workload} ${level} rep ${rep} ${name}: ${round(cell.load.requestsPerSecond, 1)} req/s, p50 ${round(cell.load.p50Ms)} ms, p99 ${round(cell.load.p99Ms)} ms, `
              + `${round(cell.statementsPerRequest, 1)} stmt/req, server ${round(cell.serverCpuMsPerRequest)} ms, pg ${round(cell.postgresCpuMsPerRequest)} ms CPU/req`
              + `${cell.load.failed ? `, ${cell.load.failed} FAILED: ${cell.load.firstFailure}` : ''}`);
          }
        }
      };
      if (plan.sequential) {
        await measureLevel('sequential', { kind: 'closed', connections: 1 });
        continue;
      }
      for (const connections of plan.levels) await measureLevel(`c${connections}`, { kind: 'closed', connections });
      if (plan.open && contenders.includes('limit')) {
        // Half the limit's best throughput in this run, for every contender alike.
        const best = Math.max(...plan.levels.map((c) => median(cells.filter((x) => x.workload === plan.workload && x.level === `c${c}` && x.contender === 'limit').map((x) => x.load.requestsPerSecond))));
        const rate = Math.max(1, Math.round(best / 2));
        openRates[plan.workload] = rate;
        // The switched-off variants only explain costs; at a rate Aduan itself may not sustain they would only queue.
        await measureLevel('open', { kind: 'open', rate, connections: 64 }, contenders.filter((name) => !name.startsWith('aduan-')));
      }
    }

    const finishedAt = new Date();
    const environment = await describeEnvironment(db, loadBefore, startedAt, finishedAt);
    const published = writeReport({
      scale, options, environment, cells, openRates, missing, comparison: check, fixtures: { deepPage: fixtures.deepPage },
      root: path.join(__dirname, '..', '..'),
    });
    log(`results: ${published.join(', ')}`);
  } finally {
    for (const p of processes.values()) await p.stop();
    const submitted = await cleanUpSubmissions(db).catch(() => 0);
    if (submitted) log(`removed the ${submitted} complaints this run submitted`);
    await admin.end();
    await db.destroy();
    await embedded?.stop();
  }
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The PostgreSQL server to measure on: BENCH_ADMIN_URL; else the one on the
 * default port when it answers; else an embedded one (the real PostgreSQL
 * binaries of the embedded-postgres package) kept in <tmp>/aduan-bench-postgres
 * with its default durability, so that a fresh clone runs with one command and a
 * second run reuses the seeded database.
 */
export async function postgresServer(log: (line: string) => void, defaultUrl = DEFAULT_ADMIN_URL): Promise<{ adminUrl: string; embedded?: EmbeddedPostgres }> {
  if (process.env.BENCH_ADMIN_URL) return { adminUrl: process.env.BENCH_ADMIN_URL };
  const probe = new Client({ connectionString: defaultUrl, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
    return { adminUrl: defaultUrl };
  } catch {
    await probe.end().catch(() => undefined);
  }
  // In the temporary folder, open to others: as root, the embedded PostgreSQL runs as the `postgres` user, who must reach it.
  const dataDir = path.join(os.tmpdir(), 'aduan-bench-postgres', 'postgres');
  mkdirSync(path.dirname(dataDir), { recursive: true });
  chmodSync(path.dirname(dataDir), 0o755);
  log(`no PostgreSQL at ${defaultUrl} and no BENCH_ADMIN_URL: starting an embedded one in ${path.dirname(dataDir)}`);
  const embedded = new EmbeddedPostgres({ dataDir });
  await embedded.start();
  return { adminUrl: embedded.url(), embedded };
}

interface MeasureArgs {
  plan: Plan; level: string; mode: LoadMode; rep: number; name: string; process: ContenderProcess; contender: Contender;
  db: ReturnType<typeof createDataSource>; fixtures: Fixtures; pgCpu: PostgresCpu; options: { seconds: number; warmup: number };
}

async function measure(a: MeasureArgs): Promise<Cell> {
  const workload = a.plan.workload;
  const token = await demoToken(a.db, WORKLOADS[workload].clientId);
  const sequential = a.plan.sequential ?? 0;
  const reports = workload === 'bankReport' ? await freshBankReports(a.db, sequential + 1) : [];
  const request = (i: number, offset: number) => a.contender.request(
    workload, workload === 'bankReport' ? reports[offset + i] : inputFor(workload, a.fixtures, offset + i), token);

  // Warm-up, not counted: the same requests (other inputs), for JIT, pools and caches.
  if (sequential) await runLoad({ port: a.process.port, mode: a.mode, durationMs: 60_000, maxRequests: 1, next: (i) => request(i, sequential) });
  else await runLoad({ port: a.process.port, mode: a.mode, durationMs: a.options.warmup * 1000, next: (i) => request(i, 1_000_000) });

  const before = await a.process.snapshot();
  const pgBefore = await a.pgCpu.snapshot();
  const generatorBefore = process.cpuUsage();
  const submittedSince = new Date();
  const load = await runLoad({
    port: a.process.port, mode: a.mode,
    durationMs: sequential ? 600_000 : a.options.seconds * 1000,
    maxRequests: sequential || undefined,
    next: (i) => request(i, 0),
  });
  const generator = process.cpuUsage(generatorBefore);
  const pgAfter = await a.pgCpu.snapshot();
  const after = await a.process.snapshot();
  const requests = load.ok + load.failed;
  const cell: Cell = {
    workload, level: a.level, contender: a.name, rep: a.rep, load,
    serverCpuMsPerRequest: (after.cpuMs - before.cpuMs) / requests,
    postgresCpuMsPerRequest: PostgresCpu.between(pgBefore, pgAfter) / requests,
    loadGeneratorCpuMsPerRequest: (generator.user + generator.system) / 1000 / requests,
    statementsPerRequest: (after.statements - before.statements) / requests,
    peakRssMb: after.rssPeakBytes / 2 ** 20,
  };
  if (workload === 'submit') {
    const [{ count }] = await a.db.query(
      `SELECT count(*)::int AS count FROM complaints c JOIN api_clients a ON a.id = c.submitted_by_client_id
        WHERE a.client_id = $1 AND c.created_at >= $2`, [WORKLOADS.submit.clientId, submittedSince]);
    cell.committedPerSecond = count / load.seconds;
  }
  return cell;
}

export interface Environment {
  machine: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  settings: Record<string, string>;
  commit: string;
  startedAt: string;
  finishedAt: string;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  command: string;
}

async function describeEnvironment(db: ReturnType<typeof createDataSource>, loadBefore: number[], startedAt: Date, finishedAt: Date): Promise<Environment> {
  const [settings] = await db.query(`SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS "synchronousCommit",
    current_setting('fsync') AS fsync, current_setting('shared_buffers') AS "sharedBuffers", current_setting('work_mem') AS "workMem",
    current_setting('max_connections') AS "maxConnections"`);
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: __dirname, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    if (execSync('git status --porcelain', { cwd: __dirname, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()) commit += ' (with uncommitted changes)';
  } catch { /* not a git checkout */ }
  const { version, ...rest } = settings;
  return {
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: version,
    settings: rest,
    commit,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    loadAverageBefore: loadBefore.map((l) => round(l)),
    loadAverageAfter: os.loadavg().map((l) => round(l)),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  };
}

if (require.main === module) {
  mkdirSync(path.join(__dirname, '..', '..', 'docs', 'benchmarks'), { recursive: true });
  main().then(() => process.exit(0), (error) => {
    console.error(error);
    process.exit(1);
  });
}
