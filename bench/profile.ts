/**
 * node dist/bench/profile.js [--contender aduan] [--workload inbox] [--seconds 10] [--connections 4] [--scale small] [--node-flags "--max-semi-space-size=8"] [--memory-only yes]
 *
 * Where a contender's CPU time goes on one workload: runs it in a child
 * process under the V8 profiler (--cpu-prof) with closed-loop load, then
 * prints the self time by package (or file, for the project's own code) and
 * the hottest functions. The .cpuprofile file is kept (open it in Chrome
 * DevTools) in the system's temporary folder. Uses the benchmark's database
 * (npm run bench builds it). With --memory-only, no profile: the run's
 * throughput and the server process's peak RSS (VmHWM), e.g. to try V8 flags
 * (--node-flags) against the production defaults.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../server/src/runtime/node-flags';
import { runLoad } from './harness/load';
import { benchDatabaseUrl, parseOptions, workloadRequests } from './harness/workload-requests';
import { WorkloadName } from './workloads';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }

async function main() {
  const args = parseOptions(process.argv.slice(2));
  const contenderName = args.contender ?? 'aduan';
  const workload = (args.workload ?? 'inbox') as WorkloadName;
  const seconds = Number(args.seconds ?? 10);
  const connections = Number(args.connections ?? 4);
  const databaseUrl = benchDatabaseUrl(args.scale ?? 'small');
  const root = path.join(__dirname, '..', '..');
  const dir = path.join(os.tmpdir(), 'aduan-bench-profiles');
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));

  const { db, next, bankReportCount } = await workloadRequests(databaseUrl, contenderName, workload, 40);
  const child = fork(path.join(__dirname, 'serve.js'), [contenderName], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_POOL_SIZE: '10', NODE_ENV: 'production' },
    // Aduan with the flags npm start gives it unless --node-flags says otherwise ('' for Node's defaults).
    execArgv: [
      ...(args['memory-only'] ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`]),
      ...(args['node-flags'] ?? (contenderName.startsWith('aduan') ? SERVER_NODE_FLAGS.join(' ') : '')).split(' ').filter(Boolean),
    ],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) => child.on('message', (m: { type: string; port?: number }) => { if (m.type === 'ready') resolve(m.port!); }));
  const result = await runLoad({ port, mode: { kind: 'closed', connections }, durationMs: seconds * 1000, next, maxRequests: workload === 'bankReport' ? bankReportCount : undefined });
  const peakRss = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
  console.log(`${contenderName} ${workload}: ${result.ok} answers (${result.failed} failed), ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, peak RSS ${Math.round(Number(peakRss) / 1024)} MB`);
  await new Promise((resolve) => { child.once('exit', resolve); child.send({ type: 'stop' }); });
  await db.destroy();
  if (args['memory-only']) return;

  const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = profile.samples.length;
  const self = new Map<number, number>();
  for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
  const where = (url: string) => {
    if (!url) return '(native / GC / idle)';
    const modules = url.lastIndexOf('node_modules/');
    if (modules >= 0) {
      const rest = url.slice(modules + 'node_modules/'.length).split('/');
      return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    }
    if (url.startsWith('node:')) return url;
    return path.relative(root, url.replace('file://', ''));
  };
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, hits] of self) {
    const node = byId.get(id)!;
    const place = node.callFrame.functionName === '(idle)' ? '(idle)' : where(node.callFrame.url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + hits);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  const busy = total - (byPlace.get('(idle)') ?? 0);
  const show = (title: string, map: Map<string, number>, n: number) => {
    console.log(`\n${title} (share of busy samples, ${busy} of ${total}):`);
    for (const [name, hits] of [...map].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, n)) {
      console.log(`  ${((hits / busy) * 100).toFixed(1).padStart(5)} %  ${name}`);
    }
  };
  show('Self time by package or file', byPlace, 25);
  show('Hottest functions', byFunction, 30);
  console.log(`\nprofile: ${path.join(dir, file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
