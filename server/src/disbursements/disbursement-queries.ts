import { Principal, Role } from '../auth/principal';
import { DEFAULT_PAGE_SIZE, KeysetPage, MAX_PAGE_SIZE, decodeCursor, encodeCursor } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { issueScopeSql } from './disbursement.loaders';
import { DisbursementIssueFilter, DisbursementIssueRow, DisbursementReconciliationRow, ISSUE_COLUMNS } from './disbursement.types';
import { words } from '../words';

const PERIOD = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
/** How many months one reconciliation may span: three years of quarterly reconciliations. */
export const MAX_RECONCILIATION_MONTHS = 36;

export type IssuePage = KeysetPage<DisbursementIssueRow>;

function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badUserInput(words('page.first', { max: MAX_PAGE_SIZE }), 'first');
  return size;
}

function checkPeriod(value: string, field: string): string {
  if (!PERIOD.test(value)) throw badUserInput(words('input.month', { field }), field);
  return value;
}

/**
 * disbursementIssues: the issues in the caller's reach, newest report first
 * (within a report, by item index, last first), in keyset pages on
 * (created_at, batch_id, item_index) — one index range whatever the page.
 * Two statements: the page and its total.
 */
export async function listDisbursementIssues(
  ctx: RequestContext, args: { first?: number | null; after?: string | null; filter?: DisbursementIssueFilter | null },
): Promise<IssuePage> {
  const first = pageSize(args.first);
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = [`(${issueScopeSql(ctx.principal, params)})`];
  const filter = args.filter ?? {};
  if (filter.programCode?.length) where.push(`i.program_code = ANY(${p(filter.programCode)}::text[])`);
  if (filter.period) where.push(`i.period = ${p(checkPeriod(filter.period, 'filter.period'))}`);
  if (filter.status?.length) where.push(`i.status = ANY(${p(filter.status)}::disbursement_issue_status[])`);
  if (filter.failureCode?.length) where.push(`i.failure_code = ANY(${p(filter.failureCode)}::disbursement_failure_code[])`);
  if (filter.bankCode) where.push(`i.bank_organisation_id IN (SELECT id FROM organisations WHERE bank_code = ${p(filter.bankCode)})`);
  const countParams = [...params];
  const countWhere = [...where];
  if (args.after) {
    const cursor = decodeCursor(args.after);
    if (!cursor || cursor.length !== 3 || typeof cursor[0] !== 'string' || typeof cursor[1] !== 'string' || typeof cursor[2] !== 'number') {
      throw badUserInput(words('page.after'), 'after');
    }
    where.push(`(i.created_at, i.batch_id, i.item_index) < (${p(cursor[0])}::timestamptz, ${p(cursor[1])}::uuid, ${p(cursor[2])}::int)`);
  }
  const rows: DisbursementIssueRow[] = await ctx.dataSource.query(
    `SELECT ${ISSUE_COLUMNS} FROM disbursement_issues i WHERE ${where.join(' AND ')}
      ORDER BY i.created_at DESC, i.batch_id DESC, i.item_index DESC LIMIT ${p(first + 1)}`,
    params,
  );
  const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM disbursement_issues i WHERE ${countWhere.join(' AND ')}`, countParams);
  const page = rows.slice(0, first);
  page.forEach((row) => ctx.loaders.disbursementIssueByIdLoader.prime(row.id, row));
  return {
    rows: page, hasNextPage: rows.length > first, totalCount: count,
    cursorOf: (row) => encodeCursor([row.createdAtCursor, row.batchId, row.itemIndex]),
  };
}

/** A batch's issues in the caller's reach, by item index, in keyset pages. */
export async function listBatchIssues(
  ctx: RequestContext, batchId: string, args: { first?: number | null; after?: string | null },
): Promise<IssuePage> {
  const first = pageSize(args.first);
  const params: unknown[] = [batchId];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = ['i.batch_id = $1', `(${issueScopeSql(ctx.principal, params)})`];
  const countParams = [...params];
  const countWhere = [...where];
  if (args.after) {
    const cursor = decodeCursor(args.after);
    if (!cursor || cursor.length !== 1 || typeof cursor[0] !== 'number') throw badUserInput(words('page.after'), 'after');
    where.push(`i.item_index > ${p(cursor[0])}::int`);
  }
  const rows: DisbursementIssueRow[] = await ctx.dataSource.query(
    `SELECT ${ISSUE_COLUMNS} FROM disbursement_issues i WHERE ${where.join(' AND ')} ORDER BY i.item_index LIMIT ${p(first + 1)}`,
    params,
  );
  const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM disbursement_issues i WHERE ${countWhere.join(' AND ')}`, countParams);
  const page = rows.slice(0, first);
  page.forEach((row) => ctx.loaders.disbursementIssueByIdLoader.prime(row.id, row));
  return { rows: page, hasNextPage: rows.length > first, totalCount: count, cursorOf: (row) => encodeCursor([row.itemIndex]) };
}

/**
 * Reconciliation: per bank, programme and month in [periodFrom, periodTo], what
 * was reported, how much is resolved by each outcome and what is still open —
 * counted over the issues in the caller's reach. A bank gets its own rows
 * whatever `bankCode` says; the ministry and auditors all banks' (or the one
 * named); other social offices the issues of recipients in their jurisdiction.
 * One statement.
 */
export async function reconcileDisbursements(
  ctx: RequestContext, args: { bankCode?: string | null; programCode?: string | null; periodFrom: string; periodTo: string },
): Promise<DisbursementReconciliationRow[]> {
  const from = checkPeriod(args.periodFrom, 'periodFrom');
  const to = checkPeriod(args.periodTo, 'periodTo');
  if (from > to) throw badUserInput(words('disbursements.periodOrder'), 'periodFrom');
  if (monthsBetween(from, to) + 1 > MAX_RECONCILIATION_MONTHS) throw badUserInput(words('disbursements.reconciliationSpan', { max: MAX_RECONCILIATION_MONTHS }), 'periodTo');
  const params: unknown[] = [from, to];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = ['i.period BETWEEN $1 AND $2', `(${issueScopeSql(ctx.principal, params)})`];
  if (args.programCode) where.push(`i.program_code = ${p(args.programCode)}`);
  if (args.bankCode && !isBank(ctx.principal)) where.push(`o.bank_code = ${p(args.bankCode)}`);
  const rows: (Omit<DisbursementReconciliationRow, 'reportedAmount' | 'openAmount' | 'resentAmount' | 'returnedToTreasuryAmount'>
    & { reportedAmount: string; openAmount: string; resentAmount: string; returnedToTreasuryAmount: string })[] = await ctx.dataSource.query(
    `WITH issues AS (
       SELECT i.id, i.bank_organisation_id, o.bank_code, i.program_code, i.period, i.status, i.amount
         FROM disbursement_issues i JOIN organisations o ON o.id = i.bank_organisation_id
        WHERE ${where.join(' AND ')}
     ), linked AS (
       SELECT s.bank_organisation_id, s.program_code, s.period, count(DISTINCT l.complaint_id)::int AS complaints
         FROM issues s JOIN complaint_disbursement_links l ON l.disbursement_issue_id = s.id
        GROUP BY 1, 2, 3
     )
     SELECT s.bank_organisation_id AS "bankOrganisationId", s.bank_code AS "bankCode", s.program_code AS "programCode", s.period,
            count(*)::int AS reported,
            count(*) FILTER (WHERE s.status = 'OPEN')::int AS open,
            count(*) FILTER (WHERE s.status <> 'OPEN')::int AS resolved,
            count(*) FILTER (WHERE s.status = 'RESENT')::int AS resent,
            count(*) FILTER (WHERE s.status = 'RETURNED_TO_TREASURY')::int AS "returnedToTreasury",
            count(*) FILTER (WHERE s.status = 'DATA_CORRECTED')::int AS "dataCorrected",
            sum(s.amount) AS "reportedAmount",
            coalesce(sum(s.amount) FILTER (WHERE s.status = 'OPEN'), 0) AS "openAmount",
            coalesce(sum(s.amount) FILTER (WHERE s.status = 'RESENT'), 0) AS "resentAmount",
            coalesce(sum(s.amount) FILTER (WHERE s.status = 'RETURNED_TO_TREASURY'), 0) AS "returnedToTreasuryAmount",
            coalesce(max(k.complaints), 0)::int AS "linkedComplaints"
       FROM issues s
       LEFT JOIN linked k ON k.bank_organisation_id = s.bank_organisation_id AND k.program_code = s.program_code AND k.period = s.period
      GROUP BY s.bank_organisation_id, s.bank_code, s.program_code, s.period
      ORDER BY s.bank_code, s.program_code, s.period`,
    params,
  );
  return rows.map((row) => Object.assign(new DisbursementReconciliationRow(), {
    ...row,
    reportedAmount: Number(row.reportedAmount),
    openAmount: Number(row.openAmount),
    resentAmount: Number(row.resentAmount),
    returnedToTreasuryAmount: Number(row.returnedToTreasuryAmount),
  }));
}

function isBank(principal: Principal): boolean {
  return principal.kind === 'client' && principal.role === Role.BANK;
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}
