// Reading the bank's CSV of failed transfers, checking each row before anything is sent,
// and cutting the good rows into the batches the API takes (one programme and month, ≤ 1000 items).
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { DisbursementFailureCode, DisbursementItemInput } from '@aduan/sdk';

/** The columns every file must have; others (the bank's own references) are carried along and ignored. */
export const REQUIRED_COLUMNS = ['program_code', 'period', 'nik', 'amount', 'failure_code', 'occurred_on'] as const;
export type Column = (typeof REQUIRED_COLUMNS)[number];

/**
 * Every failure code the API knows, with what it means for the operator. A Record keyed by the
 * SDK's union type: when the API adds a code, this file stops compiling until it is listed here.
 */
export const FAILURE_CODES: Record<DisbursementFailureCode, string> = {
  ACCOUNT_CLOSED: 'rekening ditutup',
  ACCOUNT_DORMANT: 'rekening pasif (dormant)',
  ACCOUNT_NOT_FOUND: 'rekening tidak ditemukan',
  DECEASED: 'pemilik rekening meninggal dunia',
  DUPLICATE_ACCOUNT: 'rekening ganda untuk program yang sama',
  NAME_MISMATCH: 'nama rekening berbeda dengan nama KPM',
  NIK_MISMATCH: 'NIK rekening berbeda dengan NIK KPM',
  OTHER: 'alasan lain',
};

/** GraphQL's Int is 32-bit: a larger amount would make the server refuse the whole batch, not just the row. */
const MAX_AMOUNT = 2_147_483_647;

/** A row of the file as read, with the line it starts on, so every message can point the operator at it. */
export interface TransferRow {
  line: number;
  programCode: string;
  period: string;
  nik: string;
  amount: string;
  failureCode: string;
  occurredOn: string;
}

/** Why a row was not accepted, by column: from the local checks or from the server. */
export interface RowError {
  column: Column | '';
  code: string;
  message: string;
}

export interface CheckedRow {
  row: TransferRow;
  /** Present when the row can be sent; absent when `errors` says why not. */
  item?: DisbursementItemInput;
  errors: RowError[];
}

export interface Batch {
  programCode: string;
  period: string;
  /** 1-based, within its programme and month. */
  number: number;
  /** Of its programme and month. */
  of: number;
  rows: CheckedRow[];
  idempotencyKey: string;
}

export interface TransferFile {
  /** SHA-256 of the file's bytes: the root of every idempotency key. */
  contentHash: string;
  rows: CheckedRow[];
}

/** A problem with the file as a whole (not a row): the run cannot start. */
export class FileProblem extends Error {}

export function readTransferFile(content: Buffer): TransferFile {
  let records: { record: Record<string, string | undefined>; raw: string; info: { lines: number; columns: { name: string }[] } }[];
  try {
    records = parse(content, {
      bom: true, // spreadsheet exports often start with one
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      info: true,
      raw: true,
      // A row with a cell too few or too many is that row's problem, not the file's: it gets its own error below.
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw new FileProblem(`CSV tidak dapat dibaca: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new FileProblem('berkas tidak berisi baris data (baris pertama adalah judul kolom).');
  const header = new Set(records[0].info.columns.map((column) => column.name));
  const missing = REQUIRED_COLUMNS.filter((column) => !header.has(column));
  if (missing.length > 0) {
    throw new FileProblem(`kolom wajib tidak ada: ${missing.join(', ')}. Judul kolom yang diharapkan: ${REQUIRED_COLUMNS.join(',')}`);
  }

  const firstLineOf = new Map<string, number>();
  const rows = records.map(({ record, raw, info }) => {
    const row: TransferRow = {
      line: startLineOf(raw, info.lines),
      programCode: (record.program_code ?? '').toUpperCase(),
      period: record.period ?? '',
      nik: (record.nik ?? '').replace(/\s/g, ''),
      amount: record.amount ?? '',
      failureCode: (record.failure_code ?? '').toUpperCase(),
      occurredOn: record.occurred_on ?? '',
    };
    const checked = checkRow(row);
    if (checked.item) {
      // The server matches a row to the month's disbursement by NIK and amount; a second identical row
      // would be refused by it as ALREADY_REPORTED. Saying "same as line N" here is clearer.
      const identity = [row.programCode, row.period, row.nik, checked.item.amount].join('|');
      const first = firstLineOf.get(identity);
      if (first === undefined) firstLineOf.set(identity, row.line);
      else {
        checked.errors.push({ column: 'nik', code: 'DUPLICATE_ROW', message: `sama dengan baris ${first} (program, periode, NIK dan jumlah sama).` });
        delete checked.item;
      }
    }
    return checked;
  });
  return { contentHash: createHash('sha256').update(content).digest('hex'), rows };
}

/**
 * The line a record starts on, as an editor numbers it. csv-parse counts the line a record ends on,
 * and a quoted cell may hold line breaks; `raw` (the record's text, with any skipped empty lines
 * before it and its own line break after it) tells how many.
 */
function startLineOf(raw: string, lastLine: number): number {
  const record = raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '');
  return lastLine - (record.match(/\n/g)?.length ?? 0);
}

/**
 * What can be known offline: shapes, codes and ranges. Nothing here depends on today's date, so
 * the same file always yields the same batches, and hence the same idempotency keys, on every run;
 * "not in the future" and "is this our disbursement" are the server's to answer.
 */
export function checkRow(row: TransferRow): CheckedRow {
  const errors: RowError[] = [];
  const refuse = (column: Column, message: string) => errors.push({ column, code: 'INVALID_INPUT', message });

  if (!/^[A-Z][A-Z0-9_]{1,19}$/.test(row.programCode)) refuse('program_code', 'kode program tidak valid, mis. PKH atau BPNT.');
  const periodOk = /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(row.period);
  if (!periodOk) refuse('period', 'periode harus berformat YYYY-MM, mis. 2026-10.');
  const nikProblem = nikShapeProblem(row.nik);
  if (nikProblem) refuse('nik', nikProblem);
  const amountOk = /^[0-9]+$/.test(row.amount) && Number(row.amount) > 0 && Number(row.amount) <= MAX_AMOUNT;
  if (!amountOk) refuse('amount', 'jumlah harus rupiah bulat lebih dari 0, tanpa titik atau koma, mis. 200000.');
  if (!(row.failureCode in FAILURE_CODES)) {
    refuse('failure_code', `kode kegagalan tidak dikenal; gunakan salah satu: ${Object.keys(FAILURE_CODES).join(', ')}.`);
  }
  if (!isCalendarDate(row.occurredOn)) refuse('occurred_on', 'tanggal gagal transfer harus tanggal yang ada, berformat YYYY-MM-DD.');
  else if (periodOk && row.occurredOn < `${row.period}-01`) refuse('occurred_on', `tanggal gagal transfer tidak boleh sebelum periode ${row.period}.`);

  if (errors.length > 0) return { row, errors };
  return {
    row,
    errors,
    item: { nik: row.nik, amount: Number(row.amount), failureCode: row.failureCode as DisbursementFailureCode, occurredOn: row.occurredOn },
  };
}

/**
 * The NIK's structure (3273 01 410590 0001: region, birth date with +40 for women, serial), enough
 * to catch a truncated cell or a number a spreadsheet turned into 3.27301E+15. The messages never
 * repeat the digits: they end up in logs and error files.
 */
function nikShapeProblem(nik: string): string | null {
  if (!/^[0-9]{16}$/.test(nik)) return 'NIK harus 16 angka (periksa apakah sel terpotong atau berubah menjadi notasi ilmiah).';
  const province = Number(nik.slice(0, 2));
  if (province < 11 || province > 96 || nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') return 'kode wilayah pada NIK (6 angka pertama) tidak valid.';
  const day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71)) || month < 1 || month > 12) return 'tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak valid.';
  if (nik.slice(12) === '0000') return 'nomor urut pada NIK (4 angka terakhir) tidak boleh 0000.';
  return null;
}

function isCalendarDate(value: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The good rows, grouped by programme and month (in the order each group first appears) and cut
 * into batches of at most `batchSize`, each with its idempotency key.
 *
 * The key is made of the file's content hash, the batch size and the batch's place, so:
 * - the same file run again sends the same batches with the same keys, and the server answers the
 *   first results without creating anything (within 24 h; after that, see `summariseBatch`);
 * - a changed file (a row fixed, a row added) gets new keys, because a known key with different
 *   items would be refused as IDEMPOTENCY_KEY_REUSED;
 * - another --batch-size also gets new keys, for the same reason.
 */
export function planBatches(file: TransferFile, batchSize: number): Batch[] {
  const groups = new Map<string, CheckedRow[]>();
  for (const checked of file.rows) {
    if (!checked.item) continue;
    const group = `${checked.row.programCode} ${checked.row.period}`;
    const rows = groups.get(group) ?? [];
    rows.push(checked);
    groups.set(group, rows);
  }
  const batches: Batch[] = [];
  for (const rows of groups.values()) {
    const { programCode, period } = rows[0].row;
    const of = Math.ceil(rows.length / batchSize);
    for (let start = 0, number = 1; start < rows.length; start += batchSize, number += 1) {
      batches.push({
        programCode, period, number, of,
        rows: rows.slice(start, start + batchSize),
        idempotencyKey: `bank-batch-${file.contentHash.slice(0, 32)}-${programCode}-${period}-${batchSize}-${number}`,
      });
    }
  }
  return batches;
}

/** `3273********0001`, as the API itself shows a NIK to a bank; anything not 16 long is hidden whole. */
export function maskNik(nik: string): string {
  return nik.length === 16 ? `${nik.slice(0, 4)}********${nik.slice(12)}` : '*'.repeat(16);
}
