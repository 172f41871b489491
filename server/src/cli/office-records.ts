/**
 * npm run office-records:rebuild — derives the offices' public records (docs/adr/0036-office-records.md) again from
 * every complaint's timeline and referrals, in batches, and says how many complaints' facts it changed: none when the
 * records are right. `npm run setup` runs it once, with the migration that made the records; run it by hand after
 * writing complaints past the one door (a bulk load by SQL) or after replacing an office.
 */
import 'reflect-metadata';
import { createDataSource } from '../database/data-source';
import { rebuildOfficeRecords } from '../office-records/office-record-refresh';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required (postgres://user:password@host:5432/database)');
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const started = Date.now();
    const result = await rebuildOfficeRecords(dataSource);
    console.log(`office records: ${result.complaints} complaints read, ${result.changed} changed, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
