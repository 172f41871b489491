import { DataSource } from 'typeorm';
import { StartupError } from '../common/startup-error';
import { pendingSchemaChanges } from './schema-drift';

/**
 * Applies pending migrations, each in its own transaction, and refuses to go on
 * when the database and this build disagree: a migration the build does not know
 * (the database is newer than the code), or entities that no migration creates
 * (a migration is missing). Returns the names of the migrations applied now.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  await refuseUnknownMigrations(dataSource);
  await adoptTypeormMetadata(dataSource);
  const ran = await dataSource.runMigrations({ transaction: 'each' });
  await assertSchemaMatchesCode(dataSource);
  return ran.map((m) => m.name);
}

/**
 * What a production server checks instead of migrating (docs/adr/0021-setup.md):
 * the schema is this build's, applied by `npm run setup`. A database never set
 * up, or one that lacks this build's migrations, is refused with one line that
 * names the command to run.
 */
export async function assertMigrated(dataSource: DataSource): Promise<void> {
  const applied = await refuseUnknownMigrations(dataSource);
  if (applied.length === 0) {
    throw new StartupError('the database at DATABASE_URL was never set up: run `npm run setup` against it first (docs/operations.md)');
  }
  const pending = await pendingMigrations(dataSource);
  if (pending.length > 0) {
    throw new StartupError(
      `the database lacks ${pending.length} migration(s) of this build (first: ${pending[0]}): run \`npm run setup\`, which applies them, then start the server (docs/operations.md)`,
    );
  }
  await adoptTypeormMetadata(dataSource);
  await assertSchemaMatchesCode(dataSource);
}

/** The applied migrations, after refusing a database that has one this build does not know (it is newer than the code). */
async function refuseUnknownMigrations(dataSource: DataSource): Promise<string[]> {
  const known = new Set(dataSource.migrations.map((m) => m.name));
  const applied = await appliedMigrations(dataSource);
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new StartupError(
      `the database has migration ${unknown[unknown.length - 1]} applied, which this build does not have: run the newer build, or revert it with the build that added it`,
    );
  }
  return applied;
}

/**
 * TypeORM records generated columns' expressions in typeorm_metadata under the
 * database's *name*. A database restored from a backup under another name, or
 * copied with CREATE DATABASE … TEMPLATE, would look as if every generated
 * column were missing, and the drift check would refuse to start. The rows
 * describe this database's own tables, so they follow it to its new name.
 */
async function adoptTypeormMetadata(dataSource: DataSource): Promise<void> {
  const [{ exists }] = await dataSource.query(`SELECT to_regclass('typeorm_metadata') IS NOT NULL AS exists`);
  if (!exists) return;
  await dataSource.query(`UPDATE typeorm_metadata SET database = current_database() WHERE database IS DISTINCT FROM current_database()`);
}

export async function assertSchemaMatchesCode(dataSource: DataSource): Promise<void> {
  const { up } = await pendingSchemaChanges(dataSource);
  if (up.length > 0) {
    const first = up[0].query.replace(/\s+/g, ' ').slice(0, 120);
    throw new StartupError(
      `the database schema does not match the code: a migration is missing (${up.length} change(s), first: ${first}); generate one with npm run migration:generate -- <Name>`,
    );
  }
}

export async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const [{ exists }] = await dataSource.query(`SELECT to_regclass('migrations') IS NOT NULL AS exists`);
  if (!exists) return [];
  const rows: { name: string }[] = await dataSource.query(`SELECT name FROM migrations ORDER BY id`);
  return rows.map((r) => r.name);
}

/** The migrations this build has but the database has not applied. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = new Set(await appliedMigrations(dataSource));
  return dataSource.migrations.map((m) => m.name).filter((name) => name !== undefined && !applied.has(name)) as string[];
}
