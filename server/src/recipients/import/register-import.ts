import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { applyDisbursements, applyEnrolments, applyRecipients, ApplyCounts, defineOrderedIds } from './apply';
import { CsvLayout, DISBURSEMENTS, ENROLMENTS, ERROR_MESSAGES, LAYOUTS, RECIPIENTS } from './csv-files';
import { RegisterImportFileKind, RegisterImportOutcome } from './register-import.entity';
import { checkForeignKeys, deferForeignKeys, mayDeferForeignKeys } from './foreign-keys';
import { copyIntoStage, CopyProgress, createStage, FileError, StagedFile } from './staging';
import { defineRuleFunctions, readKtpSex, validateDisbursements, validateEnrolments, validateRecipients } from './validation';

/**
 * The register import (docs/register-import.md, docs/adr/0024-register-import.md):
 * CSV files of recipients (with their KK, i.e. families), enrolments and
 * disbursements, each streamed through COPY into a staging table, checked
 * there set-based, and upserted — all in one transaction, so an import goes in
 * whole or not at all. A refused import writes every error (file, line, field,
 * code, message; never a value) to the error file and records the attempt.
 */

export interface RegisterImportFiles {
  recipients?: string;
  enrolments?: string;
  disbursements?: string;
}

export type ImportProgress =
  | { phase: 'copy'; kind: RegisterImportFileKind; progress: CopyProgress }
  | { phase: 'step'; message: string };

export interface RegisterImportOptions {
  connectionString: string;
  files: RegisterImportFiles;
  /** Runs every step, reports the counts, and rolls back: nothing is written, not even the import record. */
  dryRun?: boolean;
  /** Where the error file goes when rows are refused. */
  errorsPath: string;
  /** Who runs it (recorded). */
  importedBy: string;
  /** The approving organisation; by default the one MINISTRY organisation (Kemensos determines DTKS). */
  approvedByOrganisationId?: string;
  now?: () => Date;
  onProgress?: (event: ImportProgress) => void;
}

export interface RegisterImportFileReport extends ApplyCounts {
  kind: RegisterImportFileKind;
  fileName: string;
  sha256: string;
  rows: number;
  rejected: number;
}

export interface RegisterImportReport {
  outcome: RegisterImportOutcome | 'DRY_RUN' | 'DRY_RUN_REJECTED';
  /** The register_imports row; null for a dry run. */
  importId: string | null;
  files: RegisterImportFileReport[];
  errorCount: number;
  /** The error file, when there were errors. */
  errorsPath: string | null;
  seconds: number;
}

/** A problem with the command itself (no file, no ministry): nothing was read. */
export class RegisterImportSetupError extends Error {}

const APPLY: Record<RegisterImportFileKind, (client: Client, context: Parameters<typeof applyEnrolments>[1]) => Promise<ApplyCounts>> = {
  [RegisterImportFileKind.RECIPIENTS]: applyRecipients,
  [RegisterImportFileKind.ENROLMENTS]: applyEnrolments,
  [RegisterImportFileKind.DISBURSEMENTS]: (client) => applyDisbursements(client),
};

export async function importRegister(options: RegisterImportOptions): Promise<RegisterImportReport> {
  const started = Date.now();
  const now = (options.now ?? (() => new Date()))();
  const today = now.toISOString().slice(0, 10);
  const progress = options.onProgress ?? (() => undefined);
  const given = LAYOUTS.filter((layout) => pathOf(options.files, layout));
  if (given.length === 0) throw new RegisterImportSetupError('give at least one of --recipients, --enrolments, --disbursements');
  for (const layout of given) {
    const file = pathOf(options.files, layout)!;
    const stat = await fs.stat(file).catch(() => null);
    if (!stat?.isFile()) throw new RegisterImportSetupError(`${layout.kind.toLowerCase()} file not found: ${path.basename(file)}`);
  }

  const client = new Client({ connectionString: options.connectionString, application_name: 'aduan-register-import', statement_timeout: 0 });
  await client.connect();
  try {
    // Staging lives in temporary tables: local buffers, set before the session's first temporary table.
    await client.query(`SET temp_buffers = '512MB'`);
    await client.query(`SET work_mem = '256MB'`);
    const approver = await findApprover(client, options.approvedByOrganisationId);
    const setBasedKeys = await mayDeferForeignKeys(client);

    await client.query('BEGIN');
    await defineRuleFunctions(client);
    await defineOrderedIds(client, now);
    const staged = new Map<CsvLayout, StagedFile>();
    const fileErrors: (FileError & { kind: RegisterImportFileKind })[] = [];
    for (const layout of given) {
      await createStage(client, layout);
      const file = await copyIntoStage(client, layout, pathOf(options.files, layout)!, (p) => progress({ phase: 'copy', kind: layout.kind, progress: p }));
      staged.set(layout, file);
      fileErrors.push(...file.errors.map((e) => ({ ...e, kind: layout.kind })));
      // A line COPY could not read aborted the transaction; a bad header did not, but its file was not read: check no rows then.
      if (file.errors.length > 0) break;
    }
    const reports = (rejected: Map<RegisterImportFileKind, number>, counts?: Map<RegisterImportFileKind, ApplyCounts>) => given.map((layout) => {
      const file = staged.get(layout);
      return {
        kind: layout.kind, fileName: path.basename(pathOf(options.files, layout)!), sha256: file?.sha256 ?? '', rows: file?.rows ?? 0,
        inserted: 0, updated: 0, unchanged: 0, ...counts?.get(layout.kind), rejected: rejected.get(layout.kind) ?? 0,
      };
    });

    if (fileErrors.length > 0) {
      await client.query('ROLLBACK');
      await writeFileErrors(options.errorsPath, fileErrors);
      const rejected = new Map(fileErrors.map((e) => [e.kind, 1]));
      return await refused(client, options, approver, now, started, reports(rejected), fileErrors.length);
    }

    // Writers of the register wait until the import is done (readers do not): what was checked is what gets written.
    await client.query('LOCK TABLE recipients, program_enrolments, disbursements IN EXCLUSIVE MODE');
    progress({ phase: 'step', message: 'checking the rows' });
    if (staged.has(RECIPIENTS)) await readKtpSex(client);
    for (const layout of given) await client.query(`ANALYZE ${layout.stage}`);
    if (staged.has(RECIPIENTS)) await validateRecipients(client, today);
    if (staged.has(ENROLMENTS)) await validateEnrolments(client, today, staged.has(RECIPIENTS));
    if (staged.has(DISBURSEMENTS)) await validateDisbursements(client, today, staged.has(ENROLMENTS));
    const errorCounts: { file: RegisterImportFileKind; errors: number; lines: number }[] = (await client.query(
      `SELECT file, count(*)::int AS errors, count(DISTINCT line)::int AS lines FROM import_errors GROUP BY file`)).rows;
    const errorCount = errorCounts.reduce((sum, row) => sum + row.errors, 0);
    if (errorCount > 0) {
      await writeSqlErrors(client, options.errorsPath);
      await client.query('ROLLBACK');
      return await refused(client, options, approver, now, started, reports(new Map(errorCounts.map((row) => [row.file, row.lines]))), errorCount);
    }

    const [{ id: importId }] = (await client.query(
      `INSERT INTO register_imports (outcome, imported_by, approved_by_organisation_id, started_at, finished_at, error_count)
       VALUES ('IMPORTED', $1, $2, $3, $3, 0) RETURNING id`, [options.importedBy.slice(0, 200), approver, now])).rows;
    const counts = new Map<RegisterImportFileKind, ApplyCounts>();
    if (setBasedKeys) await deferForeignKeys(client, { recipients: staged.has(RECIPIENTS), enrolments: staged.has(ENROLMENTS), disbursements: staged.has(DISBURSEMENTS) }, approver);
    for (const layout of given) {
      progress({ phase: 'step', message: `writing ${layout.kind.toLowerCase()}` });
      counts.set(layout.kind, await APPLY[layout.kind](client, { importId, approvedByOrganisationId: approver, now }));
    }
    if (setBasedKeys) {
      progress({ phase: 'step', message: 'checking the references of the written rows' });
      const written = { RECIPIENTS: ['recipients', 'recipient_provenance'], ENROLMENTS: ['program_enrolments'], DISBURSEMENTS: ['disbursements'] };
      await checkForeignKeys(client, importId, given.flatMap((layout) => written[layout.kind]));
    }
    const files = reports(new Map(), counts);
    await recordFiles(client, importId, files);
    await client.query(`UPDATE register_imports SET finished_at = $2 WHERE id = $1`, [importId, new Date(now.getTime() + Date.now() - started)]);
    await client.query(options.dryRun ? 'ROLLBACK' : 'COMMIT');
    return {
      outcome: options.dryRun ? 'DRY_RUN' : RegisterImportOutcome.IMPORTED, importId: options.dryRun ? null : importId,
      files, errorCount: 0, errorsPath: null, seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function pathOf(files: RegisterImportFiles, layout: CsvLayout): string | undefined {
  return { RECIPIENTS: files.recipients, ENROLMENTS: files.enrolments, DISBURSEMENTS: files.disbursements }[layout.kind];
}

async function findApprover(client: Client, given: string | undefined): Promise<string> {
  if (given) {
    const { rows } = await client.query(`SELECT id FROM organisations WHERE id::text = $1 AND disabled_at IS NULL`, [given]);
    if (rows.length === 0) throw new RegisterImportSetupError('--approved-by: no such organisation (or disabled)');
    return rows[0].id;
  }
  const { rows } = await client.query(`SELECT id FROM organisations WHERE kind = 'MINISTRY' AND disabled_at IS NULL ORDER BY created_at`);
  if (rows.length === 0) throw new RegisterImportSetupError('no MINISTRY organisation to approve the import: run `npm run setup -- --admin <name>` first, or give --approved-by');
  if (rows.length > 1) throw new RegisterImportSetupError('several MINISTRY organisations: say which approves the import with --approved-by <organisation id>');
  return rows[0].id;
}

/** A refused import: the register's transaction is rolled back; the attempt is recorded (not for a dry run). */
async function refused(
  client: Client, options: RegisterImportOptions, approver: string, now: Date, started: number, files: RegisterImportFileReport[], errorCount: number,
): Promise<RegisterImportReport> {
  let importId: string | null = null;
  if (!options.dryRun) {
    await client.query('BEGIN');
    [{ id: importId }] = (await client.query(
      `INSERT INTO register_imports (outcome, imported_by, approved_by_organisation_id, started_at, finished_at, error_count)
       VALUES ('REJECTED', $1, $2, $3, $4, $5) RETURNING id`,
      [options.importedBy.slice(0, 200), approver, now, new Date(now.getTime() + Date.now() - started), errorCount])).rows;
    await recordFiles(client, importId!, files.filter((f) => f.sha256 !== ''));
    await client.query('COMMIT');
  }
  return {
    outcome: options.dryRun ? 'DRY_RUN_REJECTED' : RegisterImportOutcome.REJECTED, importId,
    files, errorCount, errorsPath: options.errorsPath, seconds: (Date.now() - started) / 1000,
  };
}

async function recordFiles(client: Client, importId: string, files: RegisterImportFileReport[]): Promise<void> {
  for (const file of files) {
    await client.query(
      `INSERT INTO register_import_files (import_id, kind, file_name, sha256, rows, inserted, updated, unchanged, rejected)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [importId, file.kind, file.fileName.slice(0, 255), file.sha256, file.rows, file.inserted, file.updated, file.unchanged, file.rejected]);
  }
}

const ERROR_HEADER = 'file,line,field,code,related_line,message,message_en\n';
const FILE_ORDER = LAYOUTS.map((l) => l.kind);

function message(code: string, relatedLine: number | null): [string, string] {
  const [id, en] = ERROR_MESSAGES[code] ?? [code, code];
  return [
    id.replace('{line}', relatedLine == null ? 'di register' : `baris ${relatedLine}`),
    en.replace('{line}', relatedLine == null ? 'in the register' : `line ${relatedLine}`),
  ];
}

function csvField(value: string | number | null): string {
  const text = value == null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeFileErrors(errorsPath: string, errors: (FileError & { kind: RegisterImportFileKind })[]): Promise<void> {
  const lines = errors.map((e) => [e.kind, e.line, e.field, e.code, null, ...message(e.code, null)].map(csvField).join(','));
  await fs.writeFile(errorsPath, ERROR_HEADER + lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
}

/** Streams import_errors to the error file (COPY TO), ordered by file, line and field, with the messages. */
async function writeSqlErrors(client: Client, errorsPath: string): Promise<void> {
  const messages = Object.entries(ERROR_MESSAGES).map(([code, [id, en]]) => `(${literal(code)}, ${literal(id)}, ${literal(en)})`).join(', ');
  const order = FILE_ORDER.map((kind, i) => `WHEN ${literal(kind)} THEN ${i}`).join(' ');
  const copy = client.query(copyTo(`COPY (
    SELECT e.file, e.line, e.field, e.code, e.related_line,
           replace(m.id, '{line}', coalesce('baris ' || e.related_line, 'di register')) AS message,
           replace(m.en, '{line}', coalesce('line ' || e.related_line, 'in the register')) AS message_en
      FROM import_errors e LEFT JOIN (VALUES ${messages}) AS m(code, id, en) ON m.code = e.code
     ORDER BY CASE e.file ${order} END, e.line, e.field, e.code) TO STDOUT WITH (FORMAT csv, HEADER true)`));
  await pipeline(copy, createWriteStream(errorsPath, { mode: 0o600 }));
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
