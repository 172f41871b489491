import { types } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';
import { PreparingClient } from './prepared-statements';
import { CancellableClient } from './request-cancellation';

// A DATE is a calendar day, not an instant: keep 'YYYY-MM-DD' as it is instead of
// letting pg turn it into a Date at local midnight (which shifts with the time zone).
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** How long one statement may run before PostgreSQL cancels it, unless the data source says otherwise. */
export const STATEMENT_TIMEOUT_MS = 15_000;

export interface DataSourceOptions {
  /** Connections in the pool. */
  poolSize?: number;
  /** Milliseconds after which PostgreSQL cancels one statement, so one query cannot hold the pool. */
  statementTimeoutMs?: number;
  /** Called with each SQL statement (tests count statements per request with it). */
  onQuery?: (sql: string) => void;
  /** Parameterised statements prepared once per connection (prepared-statements.ts); on unless false. */
  preparedStatements?: boolean;
}

/**
 * The one way to reach the database. The schema comes only from migrations/
 * (synchronize is never on): see docs/adr/0001-database.md.
 */
export function createDataSource(url: string, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: 'aduan',
    poolSize: options.poolSize ?? 20,
    extra: {
      // Both cancel the statements of a request whose caller left (request-cancellation.ts, docs/adr/0017).
      Client: options.preparedStatements === false ? CancellableClient : PreparingClient,
      statement_timeout: options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    },
    logging: options.onQuery ? ['query'] : false,
    logger: options.onQuery ? new CountingLogger(options.onQuery) : undefined,
  });
}

class CountingLogger {
  constructor(private readonly onQuery: (sql: string) => void) {}
  logQuery(query: string) { this.onQuery(query); }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}
