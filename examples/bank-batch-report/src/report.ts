// Sending one batch and reading the server's answer row by row: the server, not the local checks,
// decides what is recorded.
import type { AduanClient } from '@aduan/sdk';
import type { Batch, CheckedRow, Column, RowError } from './failed-transfers.js';

export type RowOutcome =
  /** Recorded by this run. */
  | { kind: 'reported'; checked: CheckedRow; linkedComplaints: number }
  /** Recorded before: by an earlier run of this file (the server replayed its answer), or by another report still open. */
  | { kind: 'already-reported'; checked: CheckedRow }
  | { kind: 'refused'; checked: CheckedRow; errors: RowError[] };

export interface BatchResult {
  batch: Batch;
  /** What the server recorded for it; absent when the whole call was refused. */
  recorded?: { batchId: string; createdAt: string };
  /** The server answered with the result of an earlier run: nothing was created now. */
  replayed: boolean;
  outcomes: RowOutcome[];
  milliseconds: number;
}

/**
 * Sends one batch. `isReplay` tells a replayed answer from a new one (see journal.ts): the API
 * answers a repeated key with the first result, the same batch, and no flag.
 */
export async function sendBatch(aduan: AduanClient, batch: Batch, isReplay: (batchId: string) => boolean): Promise<BatchResult> {
  const startedAt = performance.now();
  const payload = await aduan.reportDisbursementIssues({
    idempotencyKey: batch.idempotencyKey,
    programCode: batch.programCode,
    period: batch.period,
    items: batch.rows.map((checked) => checked.item!),
  });
  const milliseconds = performance.now() - startedAt;

  // The whole call refused (unknown programme, a period in the future, a reused key): every row shares the reason.
  if (payload.userErrors.length > 0 || !payload.batch) {
    const errors = payload.userErrors.map(toRowError);
    return { batch, replayed: false, milliseconds, outcomes: batch.rows.map((checked) => ({ kind: 'refused', checked, errors })) };
  }

  const replayed = isReplay(payload.batch.id);
  // Results come one per item, in input order, each carrying its index: match by index, not by position, all the same.
  const resultAt = new Map(payload.results.map((result) => [result.index, result]));
  const outcomes = batch.rows.map((checked, index): RowOutcome => {
    const result = resultAt.get(index);
    if (result?.issue) {
      return replayed ? { kind: 'already-reported', checked } : { kind: 'reported', checked, linkedComplaints: result.issue.linkedComplaints.length };
    }
    const errors = result?.userErrors ?? [];
    // An open issue for this disbursement exists already (e.g. this file was sent more than 24 h ago, when
    // the keys have expired): the failure is on record, which is what the bank wants; nothing new was made.
    if (errors.length > 0 && errors.every((error) => error.code === 'ALREADY_REPORTED')) return { kind: 'already-reported', checked };
    if (errors.length === 0) return { kind: 'refused', checked, errors: [{ column: '', code: 'NO_RESULT', message: 'server tidak menjawab baris ini.' }] };
    return { kind: 'refused', checked, errors: errors.map(toRowError) };
  });
  return { batch, recorded: { batchId: payload.batch.id, createdAt: payload.batch.createdAt }, replayed, milliseconds, outcomes };
}

/** The server names fields as input paths (`["input", "items", "3", "nik"]`); the operator knows CSV columns. */
const COLUMN_OF_FIELD: Record<string, Column | ''> = {
  nik: 'nik', amount: 'amount', failureCode: 'failure_code', occurredOn: 'occurred_on',
  programCode: 'program_code', period: 'period', idempotencyKey: '', items: '',
};

function toRowError(error: { field?: readonly string[] | null; code: string; message: string }): RowError {
  const field = error.field?.at(-1) ?? '';
  return { column: COLUMN_OF_FIELD[field] ?? '', code: error.code, message: error.message };
}
