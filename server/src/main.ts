import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { StartupError } from './common/startup-error';
import { loadConfig } from './config';
import { openDatabase } from './database/database';
import { pendingMigrations } from './database/migrate';
import { DEMO_CLIENT_IDS } from './demo/reference.data';
import { seedDemo } from './demo/seed-demo';
import { reloadDaysOff, tellDaysOffGaps } from './escalation/days-off/days-off.service';
import { lastSetupRun } from './setup/setup';
import { aduanVersion } from './setup/version';
import { createEvidenceStorage } from './evidence/storage/create-storage';
import { storeDemoMinutes } from './demo/deliberation-minutes';
import { buildServedSchema } from './graphql/schema';
import { createServer } from './http/app';
import { startJobQueue } from './jobs/job-queue';
import { createLogger } from './logger';
import { hasHeapLimit, SERVER_NODE_FLAGS } from './runtime/node-flags';
import { closeTransports, transportsFromConfig } from './notifications/transports';

/**
 * `npm start`: configuration → database (embedded unless DATABASE_URL) →
 * migrations → demo seed when due → HTTP. Stops cleanly on SIGTERM/SIGINT.
 * In production the server migrates nothing: `npm run setup` does, with the
 * reference data, and a database it has not set up is refused with one line
 * (docs/adr/0021-setup.md).
 */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  routeProcessWarnings(logger);
  logFatalErrors(logger);
  if (!hasHeapLimit()) {
    logger.warn({ flags: SERVER_NODE_FLAGS.join(' ') }, 'started without a heap limit: memory will grow with the load; start with these flags (npm start does)');
  }
  const database = await openDatabase(config, {}, { migrate: !config.production });
  if (database.migrationsApplied.length) logger.info({ migrations: database.migrationsApplied }, 'migrations applied');
  if (config.production) {
    const setup = await lastSetupRun(database.dataSource).catch(async (error) => {
      await database.close().catch(() => undefined);
      throw error;
    });
    if (!setup) {
      await database.close().catch(() => undefined);
      throw new StartupError('the database at DATABASE_URL was never set up: run `npm run setup` against it first (docs/operations.md)');
    }
    if (setup.version !== aduanVersion()) {
      logger.warn({ setupVersion: setup.version, version: aduanVersion() }, 'the last npm run setup was by another version: run it again to bring the reference data up to date');
    }
  }

  let shuttingDown = false;
  // The order of a shutdown, each step once its part has started: stop accepting and drain the requests, stop the
  // job runners (no attempt in flight, their LISTEN connections closed), the SMTP pool, the evidence store, then the
  // database: its pools, and last the embedded PostgreSQL (in a process group of its own, so Ctrl-C reaches it only so).
  const stopping: Record<'http' | 'jobs' | 'transports' | 'evidence', (() => Promise<void>) | undefined> = {
    http: undefined, jobs: undefined, transports: undefined, evidence: undefined,
  };
  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: draining requests');
    const steps = [stopping.http, stopping.jobs, stopping.transports, stopping.evidence, () => database.close()];
    for (const step of steps) {
      if (!step) continue;
      await step().catch((error: Error) => logger.error({ err: { message: error.message } }, 'shutdown step failed'));
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // A closed terminal: stopped like Ctrl-C (by default Node would die at once and leave the database running).
  process.on('SIGHUP', () => void shutdown('SIGHUP'));

  try {
    if (config.seedDemo) {
      const result = await seedDemo(database.dataSource);
      if (result.seeded) logger.info({ counts: result.counts }, 'demo data seeded');
    }
    // The working-day calendar, read before the first request; what it lacks is told at start, then daily (jobs/job-queue.ts).
    await reloadDaysOff(database.dataSource);
    tellDaysOffGaps(logger, new Date());
    const evidenceStorage = createEvidenceStorage(config.evidenceStorage);
    await evidenceStorage.check().catch((error: Error) => {
      throw new StartupError(config.evidenceStorage.driver === 's3'
        ? `evidence storage: S3_BUCKET cannot be reached (${error.name}): check S3_BUCKET, S3_ENDPOINT, S3_REGION and the credentials`
        : `evidence storage: DATA_DIR/evidence cannot be created (${(error as NodeJS.ErrnoException).code ?? error.name})`);
    });
    stopping.evidence = () => evidenceStorage.close();
    // The IDE offers tokens of the demo clients this database has (seeded now or by npm run seed:demo); never in production.
    const demoClientIds = config.production ? [] : await seededDemoClients(database.dataSource);
    // The demo's deliberation minutes: the seed recorded them, the store (maybe new) gets their bytes (docs/adr/0038).
    if (config.seedDemo) await storeDemoMinutes(database.dataSource, evidenceStorage);
    const schema = await buildServedSchema();
    const server = await createServer({
      schema,
      dataSource: database.dataSource,
      replica: database.replica,
      logger,
      production: config.production,
      redisUrl: config.redisUrl,
      metricsToken: config.metricsToken,
      trustedProxies: config.trustedProxies,
      evidenceStorage,
      demoClientIds,
      isMigrated: async () => (await pendingMigrations(database.dataSource)).length === 0,
    });
    stopping.http = () => server.stop();
    // The transports configured by NOTIFY_* (docs/adr/0029); a channel without its settings has none and its notifications wait.
    const notificationTransports = transportsFromConfig(config.notifications);
    const jobs = await startJobQueue({
      connectionString: database.url, dataSource: database.dataSource, logger, evidenceStorage,
      notificationTransports, publicTrackerUrl: config.publicTrackerUrl,
    });
    stopping.jobs = () => jobs.stop();
    stopping.transports = () => closeTransports(notificationTransports);
    const port = await server.listen(config.port);
    const url = `http://localhost:${port}/graphql`;
    logger.info({ port, url, database: database.displayUrl, startupMs: Date.now() - startedAt }, 'Aduan is listening');
    if (!config.production) printBanner(url, database.displayUrl, config.seedDemo);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** The demo clients this database has, enabled, in the README's order. */
async function seededDemoClients(dataSource: DataSource): Promise<string[]> {
  const rows: { client_id: string }[] = await dataSource.query(
    'SELECT client_id FROM api_clients WHERE client_id = ANY($1) AND disabled_at IS NULL', [[...DEMO_CLIENT_IDS]]);
  const seeded = new Set(rows.map((r) => r.client_id));
  return DEMO_CLIENT_IDS.filter((id) => seeded.has(id));
}

/**
 * Node prints process warnings as free text on stderr; ours go to the JSON log.
 * TypeORM's schema reader runs queries concurrently on one pg client, which pg 8
 * flags as deprecated on every start: known, harmless, and not ours to fix.
 */
function routeProcessWarnings(logger: ReturnType<typeof createLogger>): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'DeprecationWarning' && warning.message.includes('client is already executing a query')) return;
    logger.warn({ warning: { name: warning.name, message: warning.message } }, 'process warning');
  });
}

/**
 * An error nothing caught (a thrown exception, or a rejected promise nobody
 * awaited: Node raises both here) leaves the process in a state nobody knows,
 * so it exits as Node would — but first says why in the JSON log, where the
 * operator looks (Node's own stack trace goes to stderr as free text, and
 * could quote personal data; ours is scrubbed like every log line).
 */
function logFatalErrors(logger: ReturnType<typeof createLogger>): void {
  process.on('uncaughtException', (error: Error, origin: string) => {
    logger.fatal({ err: { name: error?.name, message: error?.message, stack: error?.stack }, origin }, 'uncaught error: exiting');
    process.exit(1);
  });
}

function printBanner(url: string, databaseDisplay: string, demo: boolean): void {
  const lines = [
    '',
    `  Aduan GraphQL API   ${url}  (open it in a browser for the IDE)`,
    `  Database            ${databaseDisplay}`,
  ];
  if (demo) {
    lines.push('  Demo clients        (client_secret = <client_id>-secret)');
    for (const clientId of DEMO_CLIENT_IDS) lines.push(`                      ${clientId}`);
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`aduan: cannot start: ${error.message}\n`);
  } else {
    const e = error as Error;
    process.stderr.write(`aduan: cannot start: ${e?.message ?? String(error)}\n`);
  }
  process.exit(1);
});
