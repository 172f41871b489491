/**
 * node dist/bench/ab.js --baseline <another checkout> [--workload inbox] [--connections 1,16] [--seconds 10] [--rounds 4] [--scale large]
 *
 * Before and after a change, in one run: this build's Aduan (B) against
 * another checkout's build (A, e.g. `git worktree add /tmp/before HEAD~1`,
 * then `npm ci && npm run build` there), each in a process of its own over
 * the benchmark's database, under the same closed-loop load, in alternating
 * order (A B B A …, so drift on a shared machine falls on both), after a
 * warm-up of each. Prints per round and the medians: requests/s, p50 and p99,
 * and the CPU milliseconds per request of the server and of PostgreSQL's
 * backends — the figures a change moves, and the steadiest on a busy machine.
 */
import 'reflect-metadata';
import path from 'node:path';
import { Client } from 'pg';
import { ContenderProcess, startContenderProcess } from './harness/child';
import { cleanUpSubmissions } from './harness/fixtures';
import { runLoad } from './harness/load';
import { benchDatabaseUrl, parseOptions, workloadRequests } from './harness/workload-requests';
import { PostgresCpu } from './harness/postgres-cpu';
import { median } from './harness/stats';
import { WorkloadName } from './workloads';

interface Round { build: 'A' | 'B'; connections: number; rps: number; p50: number; p99: number; cpuMsPerRequest: number; pgCpuMsPerRequest: number }

async function main() {
  const args = parseOptions(process.argv.slice(2));
  if (!args.baseline) throw new Error('--baseline <path of another checkout, built> is required');
  const workload = (args.workload ?? 'inbox') as WorkloadName;
  const levels = (args.connections ?? '1,16').split(',').map(Number);
  const seconds = Number(args.seconds ?? 10);
  const rounds = Number(args.rounds ?? 4);
  const contenderName = args.contender ?? 'aduan';
  const databaseUrl = benchDatabaseUrl(args.scale ?? 'large');

  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  const pgCpu = new PostgresCpu(admin, new URL(databaseUrl).pathname.slice(1)); // both builds' backends: the idle one adds nothing
  const requests = await workloadRequests(databaseUrl, contenderName, workload, 200);
  const db = requests.db;
  const builds: Record<'A' | 'B', ContenderProcess> = {
    A: await startContenderProcess(contenderName, databaseUrl, 10, path.resolve(args.baseline, 'dist/bench/serve.js')),
    B: await startContenderProcess(contenderName, databaseUrl, 10),
  };
  let sent = 0;
  const next = () => requests.next(sent++);
  const measure = async (build: 'A' | 'B', connections: number, durationMs: number): Promise<Round> => {
    const before = await builds[build].snapshot();
    const pgBefore = await pgCpu.snapshot();
    const result = await runLoad({ port: builds[build].port, mode: { kind: 'closed', connections }, durationMs, next });
    const after = await builds[build].snapshot();
    const pgAfter = await pgCpu.snapshot();
    if (result.failed > 0) throw new Error(`build ${build}: ${result.failed} requests failed: ${result.firstFailure}`);
    return { build, connections, rps: result.requestsPerSecond, p50: result.p50Ms, p99: result.p99Ms, cpuMsPerRequest: (after.cpuMs - before.cpuMs) / result.ok, pgCpuMsPerRequest: PostgresCpu.between(pgBefore, pgAfter) / result.ok };
  };
  try {
    for (const build of ['A', 'B'] as const) await measure(build, 4, 3000); // warm-up: compiled code, caches, pools
    const all: Round[] = [];
    for (const connections of levels) {
      for (let round = 0; round < rounds; round++) {
        for (const build of round % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
          const r = await measure(build, connections, seconds * 1000);
          all.push(r);
          console.log(`c${connections} round ${round + 1} ${build}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, server ${r.cpuMsPerRequest.toFixed(2)} ms, PostgreSQL ${r.pgCpuMsPerRequest.toFixed(2)} ms CPU/req`);
        }
      }
      const of = (build: 'A' | 'B', key: keyof Round) => median(all.filter((r) => r.build === build && r.connections === connections).map((r) => r[key] as number));
      const line = (key: keyof Round) => `${of('A', key).toFixed(2)} → ${of('B', key).toFixed(2)} (${((of('B', key) / of('A', key) - 1) * 100).toFixed(1)} %)`;
      console.log(`== ${workload} c${connections}, medians of ${rounds}, A (${args.baseline}) → B (this build): req/s ${line('rps')}; p50 ms ${line('p50')}; p99 ms ${line('p99')}; server CPU ms/req ${line('cpuMsPerRequest')}; PostgreSQL CPU ms/req ${line('pgCpuMsPerRequest')}`);
    }
  } finally {
    await Promise.all([builds.A.stop(), builds.B.stop()]);
    if (workload === 'submit') console.log(`removed the ${await cleanUpSubmissions(db)} complaints this run submitted`); // as npm run bench does: the next run starts from the same data
    await db.destroy();
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
