// What the operator reads at the end, and the error file they can hand to whoever fixes the rows.
// A full NIK is never printed or written: both outputs travel by e-mail and chat.
import { writeFileSync } from 'node:fs';
import { maskNik, type CheckedRow, type RowError } from './failed-transfers.js';

export interface RefusedRow {
  checked: CheckedRow;
  errors: RowError[];
}

export interface RunTotals {
  rowsRead: number;
  reported: number;
  alreadyReported: number;
  refused: RefusedRow[];
  /** Good rows left unsent because the run was stopped. */
  notSent: number;
  /** Issues made now that were linked to citizens' complaints about the same transfer. */
  linkedComplaints: number;
}

/** Enough to find the rows without flooding a terminal; the whole list goes to --errors. */
const MAX_LISTED = 50;

export function printSummary(file: string, totals: RunTotals, options: { dryRun: boolean; errorsFile?: string }): void {
  const line = (label: string, value: number) => console.log(`  ${label.padEnd(30)} ${String(value).padStart(8)}`);
  console.log('');
  console.log(`Ringkasan ${file}${options.dryRun ? ' (uji coba: tidak ada yang dikirim)' : ''}`);
  line('baris dibaca', totals.rowsRead);
  if (options.dryRun) {
    line('siap dikirim', totals.notSent);
  } else {
    line('dilaporkan (baru)', totals.reported);
    line('sudah dilaporkan sebelumnya', totals.alreadyReported);
    if (totals.notSent > 0) line('belum dikirim', totals.notSent);
  }
  line('ditolak', totals.refused.length);
  if (totals.linkedComplaints > 0) line('terkait pengaduan warga', totals.linkedComplaints);

  if (totals.refused.length === 0) return;
  console.log('');
  console.log('Baris yang ditolak:');
  const sorted = [...totals.refused].sort((a, b) => a.checked.row.line - b.checked.row.line);
  for (const { checked, errors } of sorted.slice(0, MAX_LISTED)) {
    for (const error of errors) {
      console.log(`  baris ${String(checked.row.line).padEnd(6)} NIK ${maskNik(checked.row.nik)}  ${(error.column || '-').padEnd(13)} ${error.code.padEnd(16)} ${error.message}`);
    }
  }
  if (sorted.length > MAX_LISTED) {
    console.log(`  … dan ${sorted.length - MAX_LISTED} baris lagi${options.errorsFile ? ` (semuanya di ${options.errorsFile})` : '; gunakan --errors berkas.csv untuk daftar lengkap'}.`);
  }
}

/** One line per error, sorted by the input's line number; written even when empty, so a scheduler never reads a stale file. */
export function writeErrorsCsv(path: string, refused: RefusedRow[]): void {
  const header = ['line', 'program_code', 'period', 'nik_masked', 'column', 'code', 'message'];
  const lines = [header.join(',')];
  for (const { checked, errors } of [...refused].sort((a, b) => a.checked.row.line - b.checked.row.line)) {
    const { row } = checked;
    for (const error of errors) {
      lines.push([String(row.line), row.programCode, row.period, maskNik(row.nik), error.column, error.code, error.message].map(csvField).join(','));
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
