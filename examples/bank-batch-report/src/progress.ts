// Progress for a person at a terminal (a bar) or for a log file and a scheduler (one line per batch).
import type { BatchResult } from './report.js';

export interface Progress {
  batchDone(result: BatchResult, position: number, totalBatches: number): void;
  /** A message while the run goes on (e.g. "stopping after this batch"). */
  note(message: string): void;
  finish(): void;
}

export async function createProgress(totalRows: number, totalBatches: number): Promise<Progress> {
  // A bar redraws one line with control characters: fine on a terminal, noise in a log or a pipe.
  if (!process.stdout.isTTY) return plainLines();
  // Loaded only when a bar is drawn: runs under cron or CI never need the package.
  let cliProgress: typeof import('cli-progress');
  try {
    cliProgress = (await import('cli-progress')).default;
  } catch {
    console.error('(paket cli-progress tidak terpasang: kemajuan ditampilkan per batch)');
    return plainLines();
  }
  const bar = new cliProgress.SingleBar({
    format: '{bar} {percentage}% | {value}/{total} baris | batch {done}/{batches} | {group}',
    stream: process.stdout,
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  bar.start(totalRows, 0, { done: 0, batches: totalBatches, group: '' });
  let rowsDone = 0;
  return {
    batchDone(result, position) {
      rowsDone += result.batch.rows.length;
      bar.update(rowsDone, { done: position, group: `${result.batch.programCode} ${result.batch.period}` });
    },
    note(message) {
      process.stderr.write(`\n${message}\n`);
    },
    finish() {
      bar.stop();
    },
  };
}

function plainLines(): Progress {
  return {
    batchDone({ batch, outcomes, replayed, milliseconds }, position, totalBatches) {
      const count = (kind: string) => outcomes.filter((o) => o.kind === kind).length;
      console.log(
        `batch ${position}/${totalBatches} selesai: ${batch.programCode} ${batch.period} bagian ${batch.number}/${batch.of}, ` +
        `${batch.rows.length} baris: ${count('reported')} baru, ${count('already-reported')} sudah dilaporkan, ${count('refused')} ditolak ` +
        `(${(milliseconds / 1000).toFixed(1)} dtk)${replayed ? ' [jawaban ulang dari pengiriman sebelumnya]' : ''}`,
      );
    },
    note(message) {
      console.error(message);
    },
    finish() {},
  };
}
