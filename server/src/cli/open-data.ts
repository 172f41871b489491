/**
 * npm run open-data
 *
 * Builds the open data files now (what the hourly job does) into DATABASE_URL,
 * migrated (npm run setup), and prints each file's size and whether it changed.
 * Running servers serve the new files at once (docs/adr/0037-open-data.md).
 */
import 'reflect-metadata';
import { createDataSource } from '../database/data-source';
import { redactUrl } from '../database/database-url';
import { buildOpenData } from '../open-data/build';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) fail('DATABASE_URL is required');
  const dataSource = createDataSource(url, { poolSize: 2 });
  await dataSource.initialize();
  try {
    console.log(`building the open data of ${redactUrl(url)}`);
    const build = await buildOpenData(dataSource);
    for (const file of build.files) {
      console.log(`  ${file.path.padEnd(44)} ${String(file.bytes).padStart(10)} B${file.rows != null ? `${String(file.rows).padStart(8)} rows` : '             '}  ${file.changed ? 'changed' : 'unchanged'}`);
    }
    console.log(`built in ${(build.durationMs / 1000).toFixed(1)} s`);
  } finally {
    await dataSource.destroy();
  }
}

function fail(message: string): never {
  console.error(`open-data: ${message}`);
  process.exit(2);
}

main().catch((error: Error) => {
  console.error(`open-data: ${error.message}`);
  process.exit(1);
});
