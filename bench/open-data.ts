/**
 * npm run bench:open-data [-- --scale small|large] — the open data build at a
 * benchmark scale: the build's time (a first build, then a second over the
 * same data, which writes nothing new) and each file's size and rows. Not a
 * test: it measures and asserts nothing.
 *
 * Where: the PostgreSQL at BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * on a database of its own, `aduan_bench_open_data_<scale>`, seeded as npm run
 * bench seeds its own (migrations, the demo, seed:scale) and reused when it
 * was (the offices' records derived once when missing); the clock is the real
 * one. Figures: docs/open-data.md.
 */
import 'reflect-metadata';
import { createDataSource } from '../server/src/database/data-source';
import { rebuildOfficeRecords } from '../server/src/office-records/office-record-refresh';
import { buildOpenData } from '../server/src/open-data/build';
import { ensureBenchDatabase, SCALES } from './harness/database';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--scale');
  const name = at >= 0 ? process.argv[at + 1] : 'small';
  if (!SCALES[name]) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = await ensureBenchDatabase(adminUrl, { ...SCALES[name], name: `open_data_${name}` }, (line) => console.log(line));
  const dataSource = createDataSource(url, { poolSize: 2 });
  await dataSource.initialize();
  try {
    const [{ complaints, months }] = await dataSource.query(
      `SELECT count(*)::int AS complaints, count(DISTINCT to_char(created_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM'))::int AS months FROM complaints`);
    // seed:scale writes complaints, not the offices' records: a database seeded without them gets them derived once, as setup would.
    const [{ records }] = await dataSource.query('SELECT count(*)::int AS records FROM office_month_records');
    if (!records) {
      const started = Date.now();
      const derived = await rebuildOfficeRecords(dataSource);
      console.log(`offices' records derived from ${derived.complaints} complaints in ${((Date.now() - started) / 1000).toFixed(1)} s (once)`);
    }
    await dataSource.query('DELETE FROM open_data_files');
    const first = await buildOpenData(dataSource);
    const second = await buildOpenData(dataSource);
    console.log(`\n${complaints} complaints over ${months} months (WIB)`);
    console.log(`first build ${(first.durationMs / 1000).toFixed(2)} s; second build ${(second.durationMs / 1000).toFixed(2)} s (${second.files.filter((f) => f.changed).length} files changed)`);
    console.log('| file | bytes | rows |\n| --- | ---: | ---: |');
    for (const file of first.files) console.log(`| ${file.path} | ${file.bytes} | ${file.rows ?? ''} |`);
    console.log(`| total | ${first.files.reduce((n, f) => n + f.bytes, 0)} | |`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`bench:open-data: ${error.message}`);
  process.exit(1);
});
