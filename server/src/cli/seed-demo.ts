/**
 * node dist/server/src/cli/seed-demo.js
 *
 * Migrates the database at DATABASE_URL and seeds the demo data into it, unless
 * it already holds organisations. Refused with NODE_ENV=production: the demo
 * clients' secrets are public.
 */
import 'reflect-metadata';
import { createDataSource } from '../database/data-source';
import { redactUrl } from '../database/database-url';
import { migrate } from '../database/migrate';
import { seedDemo } from '../demo/seed-demo';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) fail('DATABASE_URL is required (postgres://user:password@host:5432/database)');
  if (process.env.NODE_ENV === 'production') fail('refused with NODE_ENV=production: demo clients have public secrets');

  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    const applied = await migrate(dataSource);
    if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`);
    const startedAt = Date.now();
    const { seeded, counts } = await seedDemo(dataSource);
    if (!seeded) {
      console.log(`${redactUrl(url)} already holds organisations: nothing seeded`);
      return;
    }
    console.log(`demo data seeded into ${redactUrl(url)} in ${Date.now() - startedAt} ms`);
    for (const [table, count] of Object.entries(counts)) console.log(`  ${table.padEnd(20)} ${count}`);
  } finally {
    await dataSource.destroy();
  }
}

function fail(message: string): never {
  console.error(`seed-demo: ${message}`);
  process.exit(2);
}

main().catch((error: Error) => {
  console.error(`seed-demo: ${error.message}`);
  process.exit(1);
});
