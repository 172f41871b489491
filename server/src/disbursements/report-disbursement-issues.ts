import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { DisbursementFailureCode, DisbursementIssueStatus, DisbursementStatus } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { UserErrorCode } from '../graphql/user-error';
import { Bilingual, userError, UserErrors } from '../graphql/user-errors';
import { claimIdempotencyKey, recordIdempotentResult } from '../idempotency/idempotency.service';
import { validateNik } from '../recipients/nik';
import { linkNewIssues } from './disbursement-links';
import {
  BATCH_COLUMNS, DisbursementBatch, DisbursementBatchRow, DisbursementIssue, DisbursementIssueRow, DisbursementItemResult,
  ISSUE_COLUMNS, MAX_ITEMS_PER_REPORT, ReportDisbursementIssuesInput, ReportDisbursementIssuesPayload,
} from './disbursement.types';
import { Said, words } from '../words';

const OPERATION = 'reportDisbursementIssues';

/**
 * An item's refusal, kept in both languages (as the catalogue gave them) so that a repeated call, which reads it
 * back from the idempotency record, answers in the caller's language.
 */
type ItemError = { field: string[]; code: UserErrorCode } & Said;

/** What a call's idempotency record keeps: the batch, and the refused items with their errors (accepted items are the batch's issues). */
interface StoredResult { batchId: string; rejected: { index: number; errors: ItemError[] }[] }

interface Candidate { index: number; nik: string; amount: number; failureCode: DisbursementFailureCode; occurredOn: string }

const PERIOD = /^([0-9]{4})-(0[1-9]|1[0-2])$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/**
 * A bank's report of failed transfers for one programme and month, 1–1000 items.
 *
 * The envelope (key, programme, period) is checked first; a bad one refuses the
 * whole call as userErrors. More than 1000 items (or none) is a limit, not a
 * business outcome: a top-level BAD_USER_INPUT before anything is read, like
 * `first` above 100 or `nodes` above 100 ids.
 *
 * Each item is then checked on its own — NIK structure, amount, date — and
 * matched, for the whole batch in one statement, to a recipient, their
 * enrolment in the programme, and a disbursement of that month made by the
 * caller's bank. "Unknown NIK", "not enrolled", "no disbursement that month" and
 * "another bank's disbursement" are one and the same NOT_FOUND, with the same
 * message: BNI must not learn that a NIK is a BRI customer, or in the register
 * at all. A disbursement with an open issue already is ALREADY_REPORTED.
 *
 * The batch, every good item (one multi-row INSERT), the disbursements marked
 * FAILED, the links to citizen complaints and the idempotency record are one
 * transaction; the number of statements does not grow with the batch.
 */
export async function reportDisbursementIssues(
  ctx: RequestContext, principal: ClientPrincipal, input: ReportDisbursementIssuesInput,
): Promise<ReportDisbursementIssuesPayload> {
  if (input.items.length < 1 || input.items.length > MAX_ITEMS_PER_REPORT) {
    throw badUserInput(words('disbursements.itemCount', { max: MAX_ITEMS_PER_REPORT, given: input.items.length }), 'input.items');
  }
  const errors = new UserErrors(ctx.locale);
  await validateEnvelope(ctx, input, errors);
  if (errors.any) return payload(null, [], errors.list);

  const now = ctx.now();
  const itemErrors: ItemError[][] = input.items.map(() => []);
  const candidates = checkItems(input, now, itemErrors);

  return ctx.dataSource.transaction(async (manager) => {
    const claim = await claimIdempotencyKey<StoredResult>(manager, principal.apiClientId, OPERATION, input.idempotencyKey, input);
    if (claim.kind === 'reused') {
      errors.add(['input', 'idempotencyKey'], UserErrorCode.IDEMPOTENCY_KEY_REUSED, 'idempotency.keyReused');
      return payload(null, [], errors.list);
    }
    if (claim.kind === 'repeat') return repeatAnswer(ctx, manager, claim.result);

    const matched = await matchItems(manager, principal, input, candidates, itemErrors);
    const accepted = candidates.filter((c) => matched.has(c.index));

    const [batch]: DisbursementBatchRow[] = await manager.query(
      `INSERT INTO disbursement_batches AS b (bank_organisation_id, submitted_by_client_id, program_code, period, item_count, accepted_count, rejected_count, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${BATCH_COLUMNS}`,
      [principal.organisationId, principal.apiClientId, input.programCode, input.period, input.items.length,
        accepted.length, input.items.length - accepted.length, now],
    );
    // Only the ids come back: the rest of each row is what was just written, and parsing it back would be pure cost.
    const inserted: { id: string; itemIndex: number }[] = accepted.length === 0 ? [] : await manager.query(
      `INSERT INTO disbursement_issues (batch_id, item_index, disbursement_id, recipient_id, bank_organisation_id, program_code, period,
          nik, amount, failure_code, occurred_on, status, created_at)
       SELECT $1, t.idx, t.disbursement_id, t.recipient_id, $2, $3, $4, t.nik, t.amount, t.failure_code, t.occurred_on, 'OPEN', $5
         FROM unnest($6::int[], $7::uuid[], $8::uuid[], $9::char(16)[], $10::bigint[], $11::disbursement_failure_code[], $12::date[])
           AS t(idx, disbursement_id, recipient_id, nik, amount, failure_code, occurred_on)
       RETURNING id, item_index AS "itemIndex"`,
      [batch.id, principal.organisationId, input.programCode, input.period, now,
        accepted.map((c) => c.index), accepted.map((c) => matched.get(c.index)!.disbursementId), accepted.map((c) => matched.get(c.index)!.recipientId),
        accepted.map((c) => c.nik), accepted.map((c) => c.amount), accepted.map((c) => c.failureCode), accepted.map((c) => c.occurredOn)],
    );
    const candidateAt = new Map(accepted.map((c) => [c.index, c]));
    const issues: DisbursementIssueRow[] = inserted.map(({ id, itemIndex }) => {
      const c = candidateAt.get(itemIndex)!;
      const m = matched.get(itemIndex)!;
      return {
        id, batchId: batch.id, itemIndex, disbursementId: m.disbursementId, recipientId: m.recipientId, bankOrganisationId: principal.organisationId,
        programCode: input.programCode, period: input.period, nik: c.nik, amount: String(c.amount), failureCode: c.failureCode,
        occurredOn: c.occurredOn, status: DisbursementIssueStatus.OPEN, resolvedAt: null, resentOn: null, resolutionNote: null, createdAt: now, createdAtCursor: now.toISOString(),
      };
    });
    if (issues.length > 0) {
      await manager.query(
        `UPDATE disbursements SET status = 'FAILED', disbursed_on = NULL WHERE id = ANY($1::uuid[])`,
        [issues.map((i) => i.disbursementId)],
      );
      await linkNewIssues(manager, {
        issues: issues.map((i) => ({ id: i.id, recipientId: i.recipientId })),
        programCode: input.programCode, period: input.period,
        bank: { id: principal.organisationId, name: principal.organisationName }, at: now,
      });
    }
    const rejected = itemErrors.flatMap((errs, index) => (errs.length ? [{ index, errors: errs }] : []));
    await recordIdempotentResult(manager, principal.apiClientId, input.idempotencyKey, { batchId: batch.id, rejected } satisfies StoredResult);
    return answer(ctx, batch, issues, rejected);
  });
}

async function validateEnvelope(ctx: RequestContext, input: ReportDisbursementIssuesInput, errors: UserErrors): Promise<void> {
  const invalid = (field: string, message: Bilingual) => errors.add(['input', field], UserErrorCode.INVALID_INPUT, message);
  if (input.idempotencyKey.length < 1 || input.idempotencyKey.length > 128) {
    invalid('idempotencyKey', words('idempotency.keyLength'));
  }
  if (!PERIOD.test(input.period)) {
    invalid('period', words('disbursements.periodFormat'));
  } else if (input.period > latestToday(ctx.now()).slice(0, 7)) {
    invalid('period', words('disbursements.periodFuture'));
  }
  const [{ known }] = await ctx.dataSource.query('SELECT EXISTS (SELECT 1 FROM programs WHERE code = $1) AS known', [input.programCode]);
  if (!known) {
    invalid('programCode', words('disbursements.programmeUnknown', { code: input.programCode.slice(0, 20) }));
  }
}

/** Structure of each item, in memory: the NIK, the amount, the date. Answers the items worth matching. */
function checkItems(input: ReportDisbursementIssuesInput, now: Date, itemErrors: ItemError[][]): Candidate[] {
  const periodStart = `${input.period}-01`;
  const today = latestToday(now);
  const candidates: Candidate[] = [];
  input.items.forEach((item, index) => {
    const add = (field: string, message: Said) =>
      itemErrors[index].push({ field: ['input', 'items', String(index), field], code: UserErrorCode.INVALID_INPUT, ...message });
    const nik = item.nik.replace(/\s/g, '');
    const checked = validateNik(nik, now);
    if (!checked.ok) {
      add('nik', words('disbursements.nikInvalid', { message: checked.message, reason: checked.reason }));
    }
    if (!Number.isInteger(item.amount) || item.amount <= 0) {
      add('amount', words('disbursements.amount'));
    }
    if (!isDate(item.occurredOn)) {
      add('occurredOn', words('disbursements.occurredOnFormat'));
    } else if (item.occurredOn < periodStart) {
      add('occurredOn', words('disbursements.occurredOnBeforePeriod', { period: input.period }));
    } else if (item.occurredOn > today) {
      add('occurredOn', words('disbursements.occurredOnFuture'));
    }
    if (itemErrors[index].length === 0) {
      candidates.push({ index, nik, amount: item.amount, failureCode: item.failureCode, occurredOn: item.occurredOn });
    }
  });
  return candidates;
}

interface Match { disbursementId: string; recipientId: string }

/**
 * Matches the candidates to disbursements of the caller's bank, three
 * statements for the whole batch: the match (recipient → enrolment in the
 * programme → the month's disbursement by this bank; the one whose amount
 * agrees when a month has several stages), the disbursements locked in id order
 * (two reports of the same disbursement queue here instead of failing on the
 * unique index), and their open issues read after the lock.
 */
async function matchItems(
  manager: EntityManager, principal: ClientPrincipal, input: ReportDisbursementIssuesInput, candidates: Candidate[], itemErrors: ItemError[][],
): Promise<Map<number, Match>> {
  const matched = new Map<number, Match>();
  if (candidates.length === 0) return matched;
  const rows: { index: number; recipientId: string; disbursementId: string }[] = await manager.query(
    `SELECT k.idx AS index, r.id AS "recipientId", d.id AS "disbursementId"
       FROM unnest($1::int[], $2::char(16)[], $3::bigint[]) AS k(idx, nik, amount)
       JOIN recipients r ON r.nik = k.nik
       JOIN program_enrolments e ON e.recipient_id = r.id AND e.program_code = $4
       CROSS JOIN LATERAL (
         SELECT d.id FROM disbursements d
          WHERE d.enrolment_id = e.id AND d.period = $5 AND d.bank_organisation_id = $6
          ORDER BY (d.amount = k.amount) DESC, d.stage
          LIMIT 1
       ) d`,
    [candidates.map((c) => c.index), candidates.map((c) => c.nik), candidates.map((c) => c.amount), input.programCode, input.period, principal.organisationId],
  );
  const found = new Map(rows.map((r) => [r.index, r]));
  const disbursementIds = [...new Set(rows.map((r) => r.disbursementId))];
  const locked: { id: string; status: DisbursementStatus }[] = disbursementIds.length === 0 ? [] : await manager.query(
    `SELECT id, status FROM disbursements WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
    [disbursementIds],
  );
  const statusOf = new Map(locked.map((d) => [d.id, d.status]));
  const open: { disbursementId: string }[] = disbursementIds.length === 0 ? [] : await manager.query(
    `SELECT disbursement_id AS "disbursementId" FROM disbursement_issues WHERE disbursement_id = ANY($1::uuid[]) AND status = 'OPEN'`,
    [disbursementIds],
  );
  const reportedBefore = new Set(open.map((o) => o.disbursementId));
  const firstInBatch = new Map<string, number>();

  for (const candidate of candidates) {
    const field = ['input', 'items', String(candidate.index), 'nik'];
    const refuse = (code: UserErrorCode, message: Said) => itemErrors[candidate.index].push({ field, code, ...message });
    const match = found.get(candidate.index);
    if (!match) {
      // One message for every way of not being this bank's disbursement: nothing here tells a NIK apart from another bank's customer.
      refuse(UserErrorCode.NOT_FOUND, words('disbursements.notYourDisbursement', { programCode: input.programCode, period: input.period }));
    } else if (statusOf.get(match.disbursementId) === DisbursementStatus.RETURNED_TO_TREASURY) {
      refuse(UserErrorCode.INVALID_TRANSITION, words('disbursements.returnedToTreasury'));
    } else if (reportedBefore.has(match.disbursementId)) {
      refuse(UserErrorCode.ALREADY_REPORTED, words('disbursements.openIssueExists'));
    } else if (firstInBatch.has(match.disbursementId)) {
      const first = firstInBatch.get(match.disbursementId)!;
      refuse(UserErrorCode.ALREADY_REPORTED, words('disbursements.reportedInThisCall', { item: first }));
    } else {
      firstInBatch.set(match.disbursementId, candidate.index);
      matched.set(candidate.index, { disbursementId: match.disbursementId, recipientId: match.recipientId });
    }
  }
  return matched;
}

/** The same answer as the first call with this key: the batch, its issues as they are now, the stored refusals. */
async function repeatAnswer(ctx: RequestContext, manager: EntityManager, stored: StoredResult): Promise<ReportDisbursementIssuesPayload> {
  const [batch]: DisbursementBatchRow[] = await manager.query(`SELECT ${BATCH_COLUMNS} FROM disbursement_batches b WHERE b.id = $1`, [stored.batchId]);
  const issues: DisbursementIssueRow[] = await manager.query(
    `SELECT ${ISSUE_COLUMNS} FROM disbursement_issues i WHERE i.batch_id = $1 ORDER BY i.item_index`,
    [stored.batchId],
  );
  return answer(ctx, batch, issues, stored.rejected);
}

function answer(ctx: RequestContext, batch: DisbursementBatchRow, issues: DisbursementIssueRow[], rejected: StoredResult['rejected']): ReportDisbursementIssuesPayload {
  ctx.loaders.disbursementBatchByIdLoader.prime(batch.id, batch);
  const byIndex = new Map(issues.map((row) => [row.itemIndex, row]));
  const refusals = new Map(rejected.map((r) => [r.index, r.errors]));
  const results = Array.from({ length: batch.itemCount }, (_, index) => {
    const row = byIndex.get(index);
    if (row) ctx.loaders.disbursementIssueByIdLoader.prime(row.id, row);
    return Object.assign(new DisbursementItemResult(), {
      index,
      issue: row ? DisbursementIssue.from(row) : null,
      userErrors: (refusals.get(index) ?? []).map((e) => userError(ctx.locale, e.field, e.code, e)),
    });
  });
  return payload(DisbursementBatch.from(batch), results, []);
}

function payload(batch: DisbursementBatch | null, results: DisbursementItemResult[], userErrors: ReportDisbursementIssuesPayload['userErrors']): ReportDisbursementIssuesPayload {
  return Object.assign(new ReportDisbursementIssuesPayload(), { batch, results, userErrors });
}

/** `YYYY-MM-DD` naming a day of the calendar (29 February only in leap years); no Date is built (1000 per call). */
export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/**
 * Today's date where it is latest in Indonesia (WIT, UTC+9): a date is "in the
 * future" only when it is tomorrow everywhere in the country.
 */
export function latestToday(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}
