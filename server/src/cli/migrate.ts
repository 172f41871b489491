/**
 * npm run migrate            — apply pending migrations to DATABASE_URL (or the embedded database)
 * npm run migrate -- --revert — undo the newest applied migration (its `down`)
 */
import 'reflect-metadata';
import { StartupError } from '../common/startup-error';
import { loadConfig } from '../config';
import { openDatabase } from '../database/database';

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    if (process.argv.includes('--revert')) {
      await database.dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the newest migration.');
    } else if (database.migrationsApplied.length) {
      console.log(`Applied: ${database.migrationsApplied.join(', ')}`);
    } else {
      console.log('Up to date: no migration to apply.');
    }
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(`aduan migrate: ${error instanceof StartupError || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
