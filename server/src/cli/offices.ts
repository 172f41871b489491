/**
 * npm run offices -- import <offices.csv> [--dry-run] [--with-clients --secrets-out <secrets.csv>]
 * npm run offices -- rate-limit <client_id> <requests-a-minute | default>
 *
 * Against DATABASE_URL (migrated: `npm run setup` first). `import` registers the file's organisations and, with
 * --with-clients, creates the API clients it names; the new secrets go only to --secrets-out, a file created for
 * this run (never overwritten) that only its owner can read, written before anything is committed. The whole file
 * or nothing: every error is printed with its line and column, and then nothing is written. A re-run of the same
 * file changes nothing. The columns: docs/offices-csv.md. Exit status: 0 done, 1 the file has errors, 2 bad usage
 * or setup.
 */
import 'reflect-metadata';
import { closeSync, constants, existsSync, fsyncSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDataSource } from '../database/data-source';
import { pendingMigrations } from '../database/migrate';
import { RATE_LIMITS } from '../http/limits/rate-limit';
import { CLIENT_STATE_TTL_MS } from '../auth/token.service';
import { ImportAction, ImportResult, importOrganisations, NewClientSecret } from '../organisations/organisation-import';

const USAGE = `usage:
  npm run offices -- import <offices.csv> [--dry-run] [--with-clients --secrets-out <secrets.csv>]
  npm run offices -- rate-limit <client_id> <requests-a-minute | default>`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, 'with-clients': { type: 'boolean' }, 'secrets-out': { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) return usage(values.help ? 0 : 2);
  const url = process.env.DATABASE_URL;
  if (!url) return fail('DATABASE_URL is required (postgres://user:password@host:5432/database)');
  if (command === 'import' && rest.length === 1) {
    return runImport(url, rest[0], { dryRun: values['dry-run'] ?? false, withClients: values['with-clients'] ?? false, secretsOut: values['secrets-out'] });
  }
  if (command === 'rate-limit' && rest.length === 2) return setRateLimit(url, rest[0], rest[1]);
  return usage(2);
}

async function runImport(url: string, file: string, options: { dryRun: boolean; withClients: boolean; secretsOut?: string }): Promise<number> {
  if (options.withClients !== Boolean(options.secretsOut)) return fail('--with-clients and --secrets-out <file> go together: new secrets are written only to that file');
  if (!existsSync(file)) return fail(`no such file: ${file}`);
  if (options.secretsOut && existsSync(options.secretsOut)) return fail(`${options.secretsOut} exists already: secrets are written only to a new file`);
  const csv = readFileSync(file);
  return withDatabase(url, async (dataSource) => {
    let secretsFile: number | undefined;
    let secretsWritten = false;
    try {
      const result = await importOrganisations(dataSource, csv, {
        dryRun: options.dryRun,
        createClients: options.withClients,
        beforeCommit: async (secrets) => {
          if (secrets.length === 0) return;
          // Created only now, and exclusively (O_EXCL: never someone else's file, never overwritten), readable by its
          // owner alone; on disk before the transaction commits, so no stored client lacks its secret.
          secretsFile = openSync(options.secretsOut!, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
          secretsWritten = true;
          writeSync(secretsFile, secretsCsv(secrets));
          fsyncSync(secretsFile);
          closeSync(secretsFile);
          secretsFile = undefined;
        },
      });
      report(file, result, options.secretsOut);
      return result.errors.length > 0 ? 1 : 0;
    } catch (error) {
      // Rolled back: a secrets file written for it holds secrets of clients that do not exist.
      if (secretsFile !== undefined) closeSync(secretsFile);
      if (secretsWritten) unlinkSync(options.secretsOut!);
      throw error;
    }
  });
}

function secretsCsv(secrets: NewClientSecret[]): string {
  // code, client_id and the base64url secret hold no comma, quote or line break: nothing to quote.
  return ['code,client_id,client_secret', ...secrets.map((s) => `${s.code},${s.clientId},${s.clientSecret}`)].join('\n') + '\n';
}

/** What happened, for the operator: counts, every error with its line and column; never a secret. */
function report(file: string, result: ImportResult, secretsOut?: string): void {
  for (const error of result.errors) {
    console.error(`${file}:${error.line}${error.column ? `: ${error.column}` : ''}: ${error.code}: ${error.message.en}`);
  }
  if (result.errors.length > 0) {
    console.error(`${result.errors.length} error${result.errors.length === 1 ? '' : 's'}: nothing was written.`);
    return;
  }
  const count = (key: 'organisation' | 'client', action: ImportAction) => result.rows.filter((r) => r[key] === action).length;
  const done = (key: 'organisation' | 'client', action: ImportAction, word: string) => `${count(key, action)} ${result.dryRun ? `would be ${word}` : word}`;
  console.log(`${result.dryRun ? 'Dry run, nothing written. ' : ''}${result.rows.length} rows.`);
  console.log(`  organisations: ${done('organisation', ImportAction.CREATED, 'created')}, ${done('organisation', ImportAction.UPDATED, 'updated')}, ${count('organisation', ImportAction.UNCHANGED)} unchanged`);
  if (result.rows.some((r) => r.client !== null)) {
    const notRequested = count('client', ImportAction.NOT_REQUESTED);
    console.log(`  clients: ${done('client', ImportAction.CREATED, 'created')}, ${done('client', ImportAction.UPDATED, 'updated')}, ${count('client', ImportAction.UNCHANGED)} unchanged${notRequested ? `, ${notRequested} not created (no --with-clients)` : ''}`);
  }
  if (result.secrets.length > 0) console.log(`  ${result.secrets.length} new secret${result.secrets.length === 1 ? '' : 's'} written to ${secretsOut} (mode 0600): hand each over, then delete the file.`);
  else if (secretsOut && !result.dryRun) console.log(`  no new client: ${secretsOut} not written.`);
}

async function setRateLimit(url: string, clientId: string, value: string): Promise<number> {
  const { clientPerMinuteMin: min, clientPerMinuteMax: max } = RATE_LIMITS;
  const perMinute = value === 'default' ? null : Number(value);
  if (perMinute !== null && !(Number.isInteger(perMinute) && perMinute >= min && perMinute <= max)) {
    return fail(`the budget must be a whole number ${min}–${max}, or "default" (${RATE_LIMITS.clientPerMinute} a minute)`);
  }
  return withDatabase(url, async (dataSource) => {
    const [rows] = await dataSource.query(`UPDATE api_clients SET requests_per_minute = $2 WHERE client_id = $1 RETURNING client_id`, [clientId, perMinute]);
    if (rows.length === 0) return fail(`no API client ${clientId}`);
    console.log(`${clientId}: ${perMinute ?? `the default (${RATE_LIMITS.clientPerMinute})`} requests a minute, applied by every server within ${CLIENT_STATE_TTL_MS / 1000} s.`);
    return 0;
  });
}

async function withDatabase(url: string, work: (dataSource: ReturnType<typeof createDataSource>) => Promise<number>): Promise<number> {
  // A large import runs long statements (tens of thousands of rows in one INSERT): not the API's 15-s ceiling.
  const dataSource = createDataSource(url, { statementTimeoutMs: 10 * 60_000 });
  await dataSource.initialize();
  try {
    if ((await pendingMigrations(dataSource)).length > 0) return fail('the database is not set up (or not upgraded): run npm run setup first');
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function usage(status: number): number {
  (status === 0 ? console.log : console.error)(USAGE);
  return status;
}

function fail(message: string): number {
  console.error(`offices: ${message}`);
  return 2;
}

main().then((status) => process.exit(status), (error: Error) => {
  console.error(`offices: ${error.message}`);
  process.exit(1);
});
