/**
 * npm run bench:office-records [-- --scale small|large] [--reps 20]
 *
 * The time to answer one office's public record (docs/adr/0036-office-records.md) — its last 12 months, as the
 * officeRecords query reads them from the counters every change keeps — against a count of the same from the raw
 * tables (complaints + events, per month: received, escalated away, breached, decided, decided on time, the median
 * days to the decision), in the same run, on the same database. Also one page of every office's records (no filter)
 * and, once, the rebuild that derives the records of the scale seed's complaints (which it writes by SQL, past the
 * one door). A measurement, not a test: it asserts nothing.
 *
 * Where: the benchmark's database at the scale (bench/harness/database.ts: `aduan_bench_<scale>`, reused when seeded),
 * on BENCH_ADMIN_URL, else the PostgreSQL on the default port. The office measured is the one that received the most
 * complaints (the busiest district office at the scale).
 */
import 'reflect-metadata';
import { createDataSource } from '../server/src/database/data-source';
import { ensureBenchDatabase, SCALES } from './harness/database';
import { rebuildOfficeRecords } from '../server/src/office-records/office-record-refresh';
import { readOfficeRecords } from '../server/src/office-records/office-records.resolver';
import { monthOf } from '../server/src/office-records/office-record-facts';
import type { RequestContext } from '../server/src/graphql/context';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const value = await work();
  return [value, Number(process.hrtime.bigint() - started) / 1e6];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.floor(sorted.length / 2)]) / 2;
}

/** The record counted from the raw tables: the complaints in the office's jurisdiction, their events of the months. */
const RAW = `
  WITH office AS (SELECT tier, jurisdiction_region_code AS code FROM organisations WHERE id = $1),
  mine AS (
    SELECT e.complaint_id, e.seq, e.type, e.data, e.occurred_at, e.to_tier,
           to_char(e.occurred_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS month,
           (SELECT a.to_tier FROM complaint_events a WHERE a.complaint_id = e.complaint_id AND a.type IN ('SUBMITTED', 'ESCALATED') AND a.seq < e.seq ORDER BY a.seq DESC LIMIT 1) AS held_by,
           (SELECT max(a.occurred_at) FROM complaint_events a WHERE a.complaint_id = e.complaint_id AND a.type IN ('SUBMITTED', 'ESCALATED') AND a.seq < e.seq) AS arrived
      FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id, office o
     WHERE (o.code IS NULL OR c.region_code = o.code OR c.region_code LIKE o.code || '.%')
       AND e.occurred_at >= $2 AND e.occurred_at < $3
       AND e.type IN ('SUBMITTED', 'ESCALATED', 'SLA_BREACHED', 'RESOLVED', 'REJECTED', 'MARKED_DUPLICATE')
  )
  SELECT m.month,
         count(*) FILTER (WHERE m.type IN ('SUBMITTED', 'ESCALATED') AND m.to_tier = o.tier) AS received,
         count(*) FILTER (WHERE m.type = 'ESCALATED' AND m.held_by = o.tier) AS escalated_away,
         count(*) FILTER (WHERE (m.type = 'ESCALATED' AND m.data ? 'breach' AND m.held_by = o.tier) OR (m.type = 'SLA_BREACHED' AND m.held_by = o.tier)) AS breached,
         count(*) FILTER (WHERE m.type IN ('RESOLVED', 'REJECTED', 'MARKED_DUPLICATE') AND m.held_by = o.tier) AS answered,
         count(*) FILTER (WHERE m.type IN ('RESOLVED', 'REJECTED', 'MARKED_DUPLICATE') AND m.held_by = o.tier AND NOT EXISTS (
           SELECT 1 FROM complaint_events b WHERE b.complaint_id = m.complaint_id AND b.seq < m.seq AND b.type IN ('SLA_BREACHED', 'ESCALATED') AND b.data ? 'breach')) AS answered_on_time,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.occurred_at - m.arrived) / 86400)
           FILTER (WHERE m.type IN ('RESOLVED', 'REJECTED', 'MARKED_DUPLICATE') AND m.held_by = o.tier) AS median_days
    FROM mine m, office o GROUP BY m.month ORDER BY m.month`;

async function main() {
  const scale = SCALES[option('scale', 'small')];
  if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const reps = Number(option('reps', '20'));
  const log = (line: string) => console.log(line);
  const adminUrl = process.env.BENCH_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  const url = await ensureBenchDatabase(adminUrl, scale, log);
  const dataSource = createDataSource(url, { poolSize: 2, statementTimeoutMs: 0 });
  await dataSource.initialize();
  try {
    const [[{ complaints }], [{ missing }]] = await Promise.all([
      dataSource.query('SELECT count(*)::int AS complaints FROM complaints'),
      dataSource.query('SELECT count(*)::int AS missing FROM complaints c WHERE NOT EXISTS (SELECT 1 FROM office_record_facts f WHERE f.complaint_id = c.id)'),
    ]);
    // The scale seed writes its complaints by SQL, past the one door: their records are derived once here (as setup
    // derives those of a deployment that predates the records); a later run reuses them.
    if (missing > 0 || process.argv.includes('--rebuild')) {
      const [result, ms] = await timed(() => rebuildOfficeRecords(dataSource));
      log(`rebuild: ${result.complaints} complaints (${result.changed} changed) in ${(ms / 1000).toFixed(1)} s (${Math.round(result.complaints / (ms / 1000))} complaints/s)`);
      await dataSource.query('VACUUM ANALYZE office_record_facts, office_month_records, office_month_histograms');
    }
    const [busiest] = await dataSource.query(
      `SELECT r.office_id AS id, o.name, sum(r.received)::int AS received FROM office_month_records r JOIN organisations o ON o.id = r.office_id
        WHERE o.kind = 'DISTRICT_OFFICE' GROUP BY r.office_id, o.name ORDER BY 3 DESC LIMIT 1`);
    const now = new Date();
    const to = monthOf(now);
    const fromIndex = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - 11;
    const from = `${Math.floor(fromIndex / 12)}-${String((fromIndex % 12) + 1).padStart(2, '0')}`;
    const start = new Date(`${from}-01T00:00:00+07:00`);
    const ctx = { dataSource } as unknown as RequestContext;
    const aggregate: number[] = [];
    const raw: number[] = [];
    const national: number[] = [];
    let page: Awaited<ReturnType<typeof readOfficeRecords>> | undefined;
    let counted: { month: string; received: string }[] = [];
    for (let rep = 0; rep < reps + 1; rep += 1) { // the first of each is a warm-up, not counted
      const [p, a] = await timed(() => readOfficeRecords(ctx, { first: 12, from, to, region: null, officeId: busiest.id, kinds: null, cursor: null }));
      const [c, r] = await timed(() => dataSource.query(RAW, [busiest.id, start, now]));
      const [, n] = await timed(() => readOfficeRecords(ctx, { first: 100, from, to, region: null, officeId: null, kinds: null, cursor: null }));
      if (rep === 0) continue;
      page = p; counted = c; aggregate.push(a); raw.push(r); national.push(n);
    }
    const received = page!.rows.reduce((sum, row) => sum + row.received, 0);
    const rawReceived = counted.reduce((sum, row) => sum + Number(row.received), 0);
    log(`scale ${scale.name}: ${complaints} complaints; office ${busiest.name}: ${received} received in ${page!.rows.length} months (raw count: ${rawReceived})`);
    log(`officeRecords (one office, 12 months, counters): median ${median(aggregate).toFixed(2)} ms, max ${Math.max(...aggregate).toFixed(2)} ms over ${reps}`);
    log(`count from the raw tables (same office, same months): median ${median(raw).toFixed(2)} ms, max ${Math.max(...raw).toFixed(2)} ms over ${reps}`);
    log(`officeRecords (every office, first 100 rows + totalCount, counters): median ${median(national).toFixed(2)} ms over ${reps}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
