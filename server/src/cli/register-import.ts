/**
 * npm run register -- import [--recipients r.csv] [--enrolments e.csv] [--disbursements d.csv]
 *                            [--dry-run] [--errors errors.csv] [--operator NAME] [--approved-by ORGANISATION_ID]
 *
 * Imports the register (DTKS recipients with their families, programme
 * enrolments, the banks' disbursements) from CSV files into the database at
 * DATABASE_URL: see docs/register-import.md for the columns and
 * docs/adr/0024-register-import.md for the rules. All or nothing: any refused
 * row and nothing is written; the error file then names each line, field and
 * reason. Progress goes to stderr (a bar on a terminal, a line every few
 * seconds otherwise); the summary to stdout. No NIK or KK number is printed.
 *
 * Exit status: 0 imported (or a clean dry run), 1 rows refused, 2 usage or setup.
 */
import { SingleBar } from 'cli-progress';
import os from 'node:os';
import { redactUrl } from '../database/database-url';
import { importRegister, ImportProgress, RegisterImportFiles, RegisterImportSetupError } from '../recipients/import/register-import';

const USAGE = `usage: npm run register -- import [--recipients FILE] [--enrolments FILE] [--disbursements FILE]
         [--dry-run] [--errors FILE (default register-import-errors.csv)] [--operator NAME] [--approved-by ORGANISATION_ID]
       (DATABASE_URL required; see docs/register-import.md)`;

interface Arguments {
  files: RegisterImportFiles;
  dryRun: boolean;
  errors: string;
  operator: string;
  approvedBy?: string;
}

function parseArguments(argv: string[]): Arguments {
  if (argv[0] !== 'import') fail(USAGE);
  const parsed: Arguments = { files: {}, dryRun: false, errors: 'register-import-errors.csv', operator: os.userInfo().username };
  for (let i = 1; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--dry-run') { parsed.dryRun = true; continue; }
    const value = inline ?? argv[(i += 1)];
    if (value === undefined || value === '') fail(`${flag} needs a value\n${USAGE}`);
    switch (flag) {
      case '--recipients': parsed.files.recipients = value; break;
      case '--enrolments': parsed.files.enrolments = value; break;
      case '--disbursements': parsed.files.disbursements = value; break;
      case '--errors': parsed.errors = value; break;
      case '--operator': parsed.operator = value; break;
      case '--approved-by': parsed.approvedBy = value; break;
      default: fail(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return parsed;
}

/** A bar with rows per second on a terminal; elsewhere (a log, CI) one plain line every five seconds. */
function progressReporter(): { onProgress: (event: ImportProgress) => void; stop: () => void } {
  const tty = Boolean(process.stderr.isTTY);
  let bar: SingleBar | null = null;
  let barKind = '';
  let started = Date.now();
  let lastLine = 0;
  const begun = Date.now();
  const stopBar = () => { bar?.stop(); bar = null; };
  return {
    onProgress(event) {
      if (event.phase === 'step') {
        stopBar();
        process.stderr.write(`  ${((Date.now() - begun) / 1000).toFixed(1).padStart(6)} s  ${event.message}\n`);
        return;
      }
      const { kind, progress } = event;
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const rows = Math.max(progress.lines - 1, 0);
      const rate = Math.round(rows / seconds);
      if (kind !== barKind) {
        stopBar();
        barKind = kind;
        started = Date.now();
        if (tty) {
          bar = new SingleBar({
            format: `  ${kind.toLowerCase().padEnd(13)} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {eta}s left`,
            stream: process.stderr, hideCursor: true,
          });
          bar.start(progress.totalBytes, 0, { rows: 0, rate: 0 });
        }
      }
      if (bar) bar.update(progress.bytes, { rows, rate });
      else if (Date.now() - lastLine >= 5000 || progress.bytes === progress.totalBytes) {
        lastLine = Date.now();
        const percent = progress.totalBytes ? Math.floor((100 * progress.bytes) / progress.totalBytes) : 100;
        process.stderr.write(`  ${kind.toLowerCase()}: ${percent}% ${rows} rows ${rate} rows/s\n`);
      }
    },
    stop: stopBar,
  };
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) fail(`DATABASE_URL is required\n${USAGE}`);
  process.stderr.write(`register import${args.dryRun ? ' (dry run: nothing will be written)' : ''} into ${redactUrl(url)}\n`);
  const reporter = progressReporter();
  let report;
  try {
    report = await importRegister({
      connectionString: url, files: args.files, dryRun: args.dryRun, errorsPath: args.errors, importedBy: args.operator,
      approvedByOrganisationId: args.approvedBy, onProgress: reporter.onProgress,
    });
  } catch (error) {
    reporter.stop();
    if (error instanceof RegisterImportSetupError) fail(error.message);
    throw error;
  }
  reporter.stop();
  const rows = report.files.reduce((sum, f) => sum + f.rows, 0);
  console.log(`${report.outcome}${report.importId ? ` (import ${report.importId})` : ''} in ${report.seconds.toFixed(1)} s, ${Math.round(rows / report.seconds)} rows/s`);
  for (const f of report.files) {
    console.log(`  ${f.kind.toLowerCase().padEnd(13)} ${f.fileName}  sha256 ${f.sha256}`);
    console.log(`  ${''.padEnd(13)} rows ${f.rows}  inserted ${f.inserted}  updated ${f.updated}  unchanged ${f.unchanged}  rejected ${f.rejected}`);
  }
  if (report.errorCount > 0) {
    console.log(`${report.errorCount} errors written to ${report.errorsPath}: nothing was imported. Correct the lines it names and run again.`);
    process.exitCode = 1;
  }
}

function fail(message: string): never {
  console.error(`register: ${message}`);
  process.exit(2);
}

main().catch((error: Error) => {
  console.error(`register: ${error.message}`);
  process.exit(1);
});
