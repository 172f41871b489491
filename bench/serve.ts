/**
 * One contender in a process of its own, so that its CPU time and memory are
 * its own (bench/harness/child.ts starts it). Argument: the contender's name;
 * environment: BENCH_DATABASE_URL, BENCH_POOL_SIZE. It tells its port over IPC,
 * then answers snapshots (CPU time, statements sent, peak RSS since the last
 * snapshot) until told to stop.
 */
import 'reflect-metadata';
import { contenderNamed } from './contenders';

export interface Snapshot {
  cpuMs: number;
  statements: number;
  rssPeakBytes: number;
  rssBytes: number;
}

async function main() {
  const contender = contenderNamed(process.argv[2]);
  const running = await contender.start({
    databaseUrl: process.env.BENCH_DATABASE_URL!,
    poolSize: Number(process.env.BENCH_POOL_SIZE ?? 20),
  });
  let rssPeak = process.memoryUsage.rss();
  setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage.rss()); }, 25).unref();
  process.on('message', async (message: { type: string; id?: number }) => {
    if (message.type === 'snapshot') {
      const cpu = process.cpuUsage();
      const rss = process.memoryUsage.rss();
      const snapshot: Snapshot = { cpuMs: (cpu.user + cpu.system) / 1000, statements: running.statements(), rssPeakBytes: Math.max(rssPeak, rss), rssBytes: rss };
      rssPeak = rss;
      process.send!({ type: 'snapshot', id: message.id, snapshot });
    } else if (message.type === 'stop') {
      await running.stop().catch(() => undefined);
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0)); // the benchmark ended: leave nothing running
  process.send!({ type: 'ready', port: running.port });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
