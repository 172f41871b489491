import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { StartupError } from '../common/startup-error';
import { Config } from '../config';
import { createDataSource, DataSourceOptions } from './data-source';
import { redactUrl, withDatabase } from './database-url';
import { EmbeddedPostgres } from './embedded-postgres';
import { assertMigrated, migrate } from './migrate';

export interface Database {
  dataSource: DataSource;
  /** The read replica (DATABASE_REPLICA_URL), when configured. */
  replica?: DataSource;
  /** The connection URL (with credentials: never log it; use displayUrl). */
  url: string;
  /** Where it runs, password removed: for the start banner and logs. */
  displayUrl: string;
  embedded: boolean;
  /** Migrations applied by this start. */
  migrationsApplied: string[];
  close(): Promise<void>;
}

/** The database the embedded cluster serves Aduan from. */
const EMBEDDED_DATABASE = 'aduan';

/**
 * Opens the configured database (DATABASE_URL, or the embedded PostgreSQL under
 * DATA_DIR when it is unset) and brings its schema up to date — or, with
 * `migrate: false` (a production server: docs/adr/0021-setup.md), checks that
 * `npm run setup` did, and refuses to go on otherwise.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'databaseReplicaUrl'>>,
  options: DataSourceOptions = {},
  { migrate: applyMigrations = true }: { migrate?: boolean } = {},
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
    await checkReachable(url, 'DATABASE_URL');
  } else {
    embedded = new EmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres') });
    await embedded.start();
    url = withDatabase(embedded.url(), EMBEDDED_DATABASE);
    await ensureDatabase(embedded.url(), EMBEDDED_DATABASE);
  }
  const dataSource = createDataSource(url, options);
  let replica: DataSource | undefined;
  try {
    await dataSource.initialize();
    let migrationsApplied: string[] = [];
    if (applyMigrations) migrationsApplied = await migrate(dataSource);
    else await assertMigrated(dataSource);
    if (config.databaseReplicaUrl) {
      await checkReachable(config.databaseReplicaUrl, 'DATABASE_REPLICA_URL');
      replica = createDataSource(config.databaseReplicaUrl, options);
      await replica.initialize();
    }
    return {
      dataSource,
      replica,
      url,
      displayUrl: embedded ? `embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${config.dataDir})` : redactUrl(url),
      embedded: Boolean(embedded),
      migrationsApplied,
      async close() {
        if (replica?.isInitialized) await replica.destroy();
        if (dataSource.isInitialized) await dataSource.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    if (replica?.isInitialized) await replica.destroy().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}

async function checkReachable(url: string, variable: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ version: number }>(`SELECT current_setting('server_version_num')::int AS version`);
    if (rows[0].version < 150000) {
      throw new StartupError(`${variable}: PostgreSQL ${Math.floor(rows[0].version / 10000)} at ${redactUrl(url)} is too old; Aduan needs 15 or newer`);
    }
  } catch (error) {
    if (error instanceof StartupError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new StartupError(`${variable}: cannot connect to ${redactUrl(url)}: ${e.message || e.code || 'connection failed'}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
