/**
 * npm run seed:scale -- --recipients 1000000 --complaints 500000 [--batch 100000] [--jobs 2]
 *
 * Adds synthetic volume to the database at DATABASE_URL for performance work
 * (see demo/seed-scale.ts): migrates it, seeds the demo reference data first
 * when it is empty, then generates the rows inside PostgreSQL, printing
 * progress. Refused with NODE_ENV=production.
 */
import 'reflect-metadata';
import { createDataSource } from '../database/data-source';
import { redactUrl } from '../database/database-url';
import { migrate } from '../database/migrate';
import { seedDemo } from '../demo/seed-demo';
import { seedScale } from '../demo/seed-scale';

const USAGE = 'usage: seed-scale --recipients N --complaints M [--batch ROWS] [--jobs CONNECTIONS]   (DATABASE_URL required)';

function parseArguments(argv: string[]): { recipients: number; complaints: number; batchSize: number; jobs: number } {
  const values: Record<string, number> = { recipients: 0, complaints: 0, batch: 100_000, jobs: 2 };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const name = flag.replace(/^--/, '');
    const raw = inline ?? argv[(i += 1)];
    if (!flag.startsWith('--') || !Object.hasOwn(values, name) || raw === undefined || !/^[0-9_]+$/.test(raw)) fail(USAGE);
    values[name] = Number(raw.replace(/_/g, ''));
  }
  if (values.recipients + values.complaints === 0 || values.batch < 1 || values.jobs < 1) fail(USAGE);
  return { recipients: values.recipients, complaints: values.complaints, batchSize: values.batch, jobs: values.jobs };
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) fail(`DATABASE_URL is required\n${USAGE}`);
  if (process.env.NODE_ENV === 'production') fail('refused with NODE_ENV=production: scale data is synthetic');

  // Batches of 100k rows run longer than the API's statement timeout; none here.
  const dataSource = createDataSource(url, { poolSize: options.jobs + 1, statementTimeoutMs: 0 });
  await dataSource.initialize();
  const startedAt = Date.now();
  try {
    await migrate(dataSource);
    const demo = await seedDemo(dataSource);
    if (demo.seeded) console.log('empty database: demo reference data seeded first');
    console.log(`adding ${options.recipients} recipients and ${options.complaints} complaints to ${redactUrl(url)}`);
    const result = await seedScale(dataSource, { ...options, onProgress: (line) => console.log(`  ${line}`) });
    console.log(`done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    for (const [table, count] of Object.entries(result)) console.log(`  ${table.padEnd(14)} ${count}`);
  } finally {
    await dataSource.destroy();
  }
}

function fail(message: string): never {
  console.error(`seed-scale: ${message}`);
  process.exit(2);
}

main().catch((error: Error) => {
  console.error(`seed-scale: ${error.message}`);
  process.exit(1);
});
