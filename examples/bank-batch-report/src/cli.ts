#!/usr/bin/env node
// A bank reports its failed transfers to Aduan from a CSV file:
//
//   node dist/cli.js <failed-transfers.csv> [--batch-size 1000] [--dry-run] [--errors errors.csv]
//
// Safe to stop (Ctrl-C) and to run again: every batch has an idempotency key made from the file's
// content, so a second run of the same file creates nothing twice; a journal beside the file lets
// that second run tell the operator which rows were already on record. See README.md.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AduanError } from '@aduan/sdk';
import { connect, explain } from './connection.js';
import { FileProblem, planBatches, readTransferFile, type Batch } from './failed-transfers.js';
import { Journal } from './journal.js';
import { createProgress } from './progress.js';
import { sendBatch } from './report.js';
import { printSummary, writeErrorsCsv, type RunTotals } from './summary.js';

const USAGE = `Pemakaian: node dist/cli.js <berkas.csv> [--batch-size 1000] [--dry-run] [--errors galat.csv]

  <berkas.csv>       transfer gagal, satu per baris, dengan judul kolom:
                     program_code,period,nik,amount,failure_code,occurred_on
  --batch-size N     baris per panggilan API, 1–1000 (bawaan 1000)
  --dry-run          hanya periksa berkas dan tampilkan rencana batch; tidak ada yang dikirim
  --errors F         tulis baris yang ditolak ke F (CSV; NIK disamarkan)

Lingkungan: ADUAN_URL (bawaan http://localhost:4000/graphql), ADUAN_CLIENT_ID, ADUAN_CLIENT_SECRET.
Kode keluar: 0 semua baris diterima, 1 ada baris ditolak, 2 salah pemakaian atau koneksi, 130 dihentikan (Ctrl-C).`;

/** The API takes 1–1000 items per call. */
const MAX_BATCH_SIZE = 1000;

const EXIT = { ok: 0, rowsRefused: 1, usageOrConnection: 2, interrupted: 130 } as const;

class UsageError extends Error {}

interface Options {
  file: string;
  batchSize: number;
  dryRun: boolean;
  errorsFile?: string;
}

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'batch-size': { type: 'string' },
        'dry-run': { type: 'boolean' },
        errors: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(argumentProblem(error as NodeJS.ErrnoException));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(EXIT.ok);
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'berkas CSV belum disebutkan.' : 'sebutkan satu berkas CSV saja.');
  const batchSize = values['batch-size'] === undefined ? MAX_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new UsageError(`--batch-size harus bilangan bulat 1–${MAX_BATCH_SIZE}.`);
  }
  return { file: positionals[0], batchSize, dryRun: values['dry-run'] ?? false, errorsFile: values.errors };
}

/** node:util's parseArgs explains in English; the operator reads Indonesian everywhere else. */
function argumentProblem(error: NodeJS.ErrnoException): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `opsi tidak dikenal: ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.includes('does not take an argument') ? `opsi ${option} tidak memakai nilai` : `opsi ${option} memerlukan nilai, mis. ${option} 1000`;
    default:
      return error.message;
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  let content: Buffer;
  try {
    content = readFileSync(options.file);
  } catch (error) {
    throw new UsageError(`berkas ${options.file} tidak dapat dibaca (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  const transfers = readTransferFile(content);
  const batches = planBatches(transfers, options.batchSize);
  const sendable = batches.reduce((sum, batch) => sum + batch.rows.length, 0);
  const totals: RunTotals = {
    rowsRead: transfers.rows.length,
    reported: 0,
    alreadyReported: 0,
    refused: transfers.rows.filter((checked) => !checked.item).map((checked) => ({ checked, errors: checked.errors })),
    notSent: sendable,
    linkedComplaints: 0,
  };
  console.log(`${options.file}: ${transfers.rows.length} baris, ${sendable} lolos pemeriksaan lokal, ${batches.length} batch ` +
    `(${new Set(batches.map((b) => `${b.programCode} ${b.period}`)).size} kelompok program/periode)`);

  if (options.dryRun) {
    for (const batch of batches) console.log(`  ${describe(batch)}: ${batch.rows.length} baris, kunci ${batch.idempotencyKey}`);
    return finish(options, totals, { dryRun: true });
  }
  if (batches.length === 0) return finish(options, totals, { dryRun: false });

  const { aduan, url, clientId } = connect();
  console.log(`Mengirim ke ${url} sebagai ${clientId}`);
  const { journal, warning } = Journal.open(`${options.file}.journal.json`);
  if (warning) console.error(`Peringatan: ${warning}`);

  const progress = await createProgress(sendable, batches.length);
  let stopRequested = false;
  process.on('SIGINT', () => {
    // A second Ctrl-C leaves at once. Still safe: had the server recorded the batch cut off, its key makes the re-run replay it.
    if (stopRequested) process.exit(EXIT.interrupted);
    stopRequested = true;
    progress.note('Ctrl-C: berhenti setelah batch yang sedang dikirim selesai (tekan sekali lagi untuk keluar segera).');
  });

  for (const [position, batch] of batches.entries()) {
    if (stopRequested) break;
    let result;
    try {
      result = await sendBatch(aduan, batch, (batchId) => journal.isReplay(batch.idempotencyKey, batchId));
    } catch (error) {
      progress.finish();
      if (!(error instanceof AduanError)) throw error;
      console.error(`\nBerhenti pada ${describe(batch)}: ${explain(error, url)}`);
      if (position > 0) {
        console.error(`${position} batch sudah terkirim dan tercatat; jalankan perintah yang sama lagi untuk melanjutkan, tidak ada yang terkirim dua kali.`);
      }
      finish(options, totals, { dryRun: false });
      return EXIT.usageOrConnection;
    }
    for (const outcome of result.outcomes) {
      if (outcome.kind === 'reported') {
        totals.reported += 1;
        totals.linkedComplaints += outcome.linkedComplaints;
      } else if (outcome.kind === 'already-reported') totals.alreadyReported += 1;
      else totals.refused.push({ checked: outcome.checked, errors: outcome.errors });
    }
    totals.notSent -= batch.rows.length;
    if (result.recorded) {
      const problem = journal.record(batch.idempotencyKey, result.recorded.batchId, result.recorded.createdAt);
      if (problem) progress.note(`Peringatan: ${problem}`);
    }
    progress.batchDone(result, position + 1, batches.length);
  }
  progress.finish();

  const code = finish(options, totals, { dryRun: false });
  if (stopRequested && totals.notSent > 0) {
    console.log(`\nDihentikan: ${totals.notSent} baris belum dikirim. Jalankan perintah yang sama lagi untuk melanjutkan; ` +
      'batch yang sudah terkirim akan dijawab ulang oleh server tanpa membuat laporan baru.');
    return EXIT.interrupted;
  }
  return code;
}

function finish(options: Options, totals: RunTotals, { dryRun }: { dryRun: boolean }): number {
  printSummary(options.file, totals, { dryRun, errorsFile: options.errorsFile });
  if (options.errorsFile) {
    try {
      writeErrorsCsv(options.errorsFile, totals.refused);
    } catch (error) {
      console.error(`Galat: berkas ${options.errorsFile} tidak dapat ditulis (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      return EXIT.usageOrConnection;
    }
    console.log(`\nBaris yang ditolak ditulis ke ${options.errorsFile}.`);
  }
  return totals.refused.length > 0 ? EXIT.rowsRefused : EXIT.ok;
}

function describe(batch: Batch): string {
  return `${batch.programCode} ${batch.period} bagian ${batch.number}/${batch.of}`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof FileProblem) {
      console.error(`Galat: ${error.message}\n\n${USAGE}`);
      process.exit(EXIT.usageOrConnection);
    }
    console.error(error);
    process.exit(EXIT.usageOrConnection);
  },
);
