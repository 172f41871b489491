import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/src/database/data-source';
import { withDatabase } from '../../server/src/database/database-url';
import { contenderNamed } from '../contenders';
import type { ContenderRequest } from '../contenders/contender';
import { WorkloadName, WORKLOADS } from '../workloads';
import { demoToken, freshBankReports, inputFor, loadFixtures } from './fixtures';

/** `--name value` pairs of a command line (the one-off tools' options: profile.ts, ab.ts). */
export function parseOptions(argv: string[]): Record<string, string> {
  return Object.fromEntries(argv.reduce<string[][]>((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
}

/** The benchmark's database of a scale, on BENCH_ADMIN_URL's server (npm run bench builds it). */
export function benchDatabaseUrl(scale: string): string {
  return withDatabase(process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', `aduan_bench_${scale}`);
}

/**
 * The requests of one workload for one contender, as the workload's client
 * sends them: `next(i)` is the i-th (its own ids, fresh idempotency keys; bank
 * reports drawn from `bankReports` fresh ones, cycled). Close `db` when done.
 */
export async function workloadRequests(databaseUrl: string, contenderName: string, workload: WorkloadName, bankReports: number): Promise<{
  db: DataSource; next: (i: number) => ContenderRequest; bankReportCount: number;
}> {
  const db = createDataSource(databaseUrl, { poolSize: 2 });
  await db.initialize();
  const fixtures = await loadFixtures(db);
  const contender = contenderNamed(contenderName);
  const token = await demoToken(db, WORKLOADS[workload].clientId);
  const reports = workload === 'bankReport' ? await freshBankReports(db, bankReports) : [];
  const next = (i: number) => contender.request(workload, workload === 'bankReport' ? reports[i % reports.length] : inputFor(workload, fixtures, i), token);
  return { db, next, bankReportCount: reports.length };
}
