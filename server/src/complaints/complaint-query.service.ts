import { ComplaintStatus, SlaState } from '../common/enums';
import { DEFAULT_PAGE_SIZE, KeysetPage, MAX_PAGE_SIZE, decodeCursor, encodeCursor } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { uuidOf } from '../graphql/global-id';
import { REGION_CODE_PATTERN } from '../regions/region.service';
import { complaintScopeSql, seesPersonalDataWhole } from './complaint-scope';
import { ComplaintFilter, ComplaintOrder } from './complaint-filter.input';
import { COMPLAINT_COLUMNS, ComplaintRow } from './complaint.row';
import { words } from '../words';

/** The statuses whose SLA clock runs. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = [ComplaintStatus.RECEIVED, ComplaintStatus.VERIFIED, ComplaintStatus.IN_PROGRESS];
export const FINISHED_STATUSES: readonly ComplaintStatus[] = [ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED, ComplaintStatus.REJECTED, ComplaintStatus.DUPLICATE];
/** Not yet finished: the open statuses and PENDING_INFO (paused, waiting for the complainant, but still someone's work). */
export const UNFINISHED_STATUSES: readonly ComplaintStatus[] = Object.values(ComplaintStatus).filter((status) => !FINISHED_STATUSES.includes(status));

/** One of the sets above as a condition on `complaints c`, for SQL that must say what the TypeScript says. */
export function statusInSql(statuses: readonly ComplaintStatus[]): string {
  return `c.status IN (${statuses.map((status) => `'${status}'`).join(', ')})`;
}

/** The fraction of the allowed time left at which a complaint is AT_RISK. */
export const AT_RISK_FRACTION = 0.25;

/** A complaint's SLA state now; the same rule as slaStateSql below, which the inbox filters with. */
export function complaintSlaState(row: Pick<ComplaintRow, 'status' | 'dueAt' | 'slaStartedAt' | 'resolvedAt' | 'closedAt' | 'updatedAt'>, now: Date): SlaState {
  if (row.status === ComplaintStatus.PENDING_INFO) return SlaState.PAUSED;
  if (FINISHED_STATUSES.includes(row.status)) {
    // Rejected and merged complaints have no resolution time: they finished when they last changed.
    const finishedAt = row.resolvedAt ?? row.closedAt ?? row.updatedAt;
    return row.dueAt && finishedAt > row.dueAt ? SlaState.BREACHED : SlaState.MET;
  }
  if (!row.dueAt) return SlaState.ON_TRACK;
  const left = row.dueAt.getTime() - now.getTime();
  if (left < 0) return SlaState.BREACHED;
  const allowed = row.dueAt.getTime() - row.slaStartedAt.getTime();
  return left <= allowed * AT_RISK_FRACTION ? SlaState.AT_RISK : SlaState.ON_TRACK;
}

function slaStateSql(state: SlaState, p: (v: unknown) => string, at: Date): string {
  if (state === SlaState.PAUSED) return `c.status = 'PENDING_INFO'`; // no clock: no parameter (an unused one has no type)
  const now = `${p(at)}::timestamptz`;
  const open = statusInSql(OPEN_STATUSES);
  const finished = statusInSql(FINISHED_STATUSES);
  switch (state) {
    case SlaState.MET: return `(${finished} AND (c.due_at IS NULL OR coalesce(c.resolved_at, c.closed_at, c.updated_at) <= c.due_at))`;
    case SlaState.BREACHED: return `((${open} AND c.due_at < ${now}) OR (${finished} AND c.due_at < coalesce(c.resolved_at, c.closed_at, c.updated_at)))`;
    case SlaState.AT_RISK: return `(${open} AND c.due_at >= ${now} AND c.due_at - ${now} <= (c.due_at - c.sla_started_at) * ${AT_RISK_FRACTION})`;
    case SlaState.ON_TRACK: return `(${open} AND (c.due_at IS NULL OR c.due_at - ${now} > (c.due_at - c.sla_started_at) * ${AT_RISK_FRACTION}))`;
  }
}

const REGION_COLUMN_BY_LENGTH: Record<number, string> = { 2: 'c.province_code', 5: 'c.district_code', 8: 'c.subdistrict_code', 13: 'c.region_code' };

interface Ordering { columns: string[]; directions: ('ASC' | 'DESC')[]; values: (row: ComplaintRow) => unknown[] }

const ORDERINGS: Record<ComplaintOrder, Ordering> = {
  NEWEST_FIRST: { columns: ['c.created_at', 'c.id'], directions: ['DESC', 'DESC'], values: (r) => [r.createdAtCursor, r.id] },
  OLDEST_FIRST: { columns: ['c.created_at', 'c.id'], directions: ['ASC', 'ASC'], values: (r) => [r.createdAtCursor, r.id] },
  // Complaints without a due time sort last: coalesce to far in the future.
  DUE_SOONEST: { columns: [`coalesce(c.due_at, 'infinity'::timestamptz)`, 'c.id'], directions: ['ASC', 'ASC'], values: (r) => [r.dueAtCursor ?? 'infinity', r.id] },
};

export type ComplaintPage = KeysetPage<ComplaintRow>;

/**
 * The inbox: the caller's complaints, filtered, in keyset pages. The caller's
 * scope is part of the WHERE clause; a page is one indexed range scan, so page
 * 1,000 costs what page 1 costs. One statement: the page with its total.
 */
export async function listComplaints(
  ctx: RequestContext,
  args: { first?: number | null; after?: string | null; filter?: ComplaintFilter | null; orderBy?: ComplaintOrder | null },
): Promise<ComplaintPage> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badUserInput(words('page.first', { max: MAX_PAGE_SIZE }), 'first');
  const ordering = ORDERINGS[args.orderBy ?? ComplaintOrder.NEWEST_FIRST];
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  // Who a complaint is assigned to is for those who see it (handlers, auditors): no filter may ask it for others.
  if (args.filter?.assignedOfficerId && !seesPersonalDataWhole(ctx.principal)) {
    throw badUserInput(words('complaints.filterAssignedOfficer'), 'filter.assignedOfficerId');
  }
  const where = [`(${complaintScopeSql(ctx.principal, params)})`, ...filterSql(args.filter ?? {}, p, ctx.now())];
  const countParamCount = params.length;
  const countWhere = [...where];

  if (args.after) {
    const cursor = decodeCursor(args.after);
    if (!cursor || cursor.length !== ordering.columns.length) throw badUserInput(words('page.after'), 'after');
    // Row comparison on the sort key: (a, b) < (x, y) — one index range, whatever the page.
    const op = ordering.directions[0] === 'DESC' ? '<' : '>';
    const casts = ordering.columns.map((_c, i) => (i === ordering.columns.length - 1 ? '::uuid' : '::timestamptz'));
    where.push(`(${ordering.columns.join(', ')}) ${op} (${cursor.map((v, i) => `${p(v)}${casts[i]}`).join(', ')})`);
  }
  const orderSql = ordering.columns.map((c, i) => `${c} ${ordering.directions[i]}`).join(', ');
  // The total rides along as a scalar subquery (evaluated once, an InitPlan): one round trip for page and total.
  // The count's parameters are the first of the page's, so one list serves both.
  const countSql = `SELECT count(*)::int FROM complaints c WHERE ${countWhere.join(' AND ')}`;
  const rows: (ComplaintRow & { totalCount: number })[] = await ctx.dataSource.query(
    `SELECT ${COMPLAINT_COLUMNS}, (${countSql}) AS "totalCount" FROM complaints c WHERE ${where.join(' AND ')} ORDER BY ${orderSql} LIMIT ${p(first + 1)}`,
    params,
  );
  // An empty page (nothing matches, or a cursor past the end) has no row to carry the total.
  const count: number = rows.length > 0 ? rows[0].totalCount : (await ctx.dataSource.query(countSql, params.slice(0, countParamCount)))[0].count;
  const page = rows.slice(0, first);
  page.forEach((row) => ctx.loaders.complaintByIdLoader.prime(row.id, row));
  return { rows: page, hasNextPage: rows.length > first, totalCount: count, cursorOf: (row) => encodeCursor(ordering.values(row)) };
}

function filterSql(filter: ComplaintFilter, p: (value: unknown) => string, now: Date): string[] {
  const clauses: string[] = [];
  if (filter.status?.length) clauses.push(`c.status = ANY(${p(filter.status)}::complaint_status[])`);
  if (filter.tier?.length) clauses.push(`c.current_tier = ANY(${p(filter.tier)}::tier[])`);
  if (filter.programCode?.length) clauses.push(`c.program_code = ANY(${p(filter.programCode)}::text[])`);
  if (filter.category?.length) clauses.push(`c.category = ANY(${p(filter.category)}::complaint_category[])`);
  if (filter.channel?.length) clauses.push(`c.channel_code = ANY(${p(filter.channel)}::text[])`);
  if (filter.regionCode) {
    const column = REGION_COLUMN_BY_LENGTH[filter.regionCode.length];
    if (!column || !REGION_CODE_PATTERN.test(filter.regionCode)) throw badUserInput(words('complaints.filterRegionCode'), 'filter.regionCode');
    clauses.push(`${column} = ${p(filter.regionCode)}`);
  }
  if (filter.slaState?.length) clauses.push(`(${filter.slaState.map((s) => slaStateSql(s, p, now)).join(' OR ')})`);
  if (filter.submittedBy) {
    const organisationId = uuidOf(filter.submittedBy, 'Organisation');
    if (!organisationId) throw badUserInput(words('complaints.filterSubmittedBy'), 'filter.submittedBy');
    clauses.push(`c.submitted_by_organisation_id = ${p(organisationId)}`);
  }
  if (filter.assignedOfficerId) {
    clauses.push(`EXISTS (SELECT 1 FROM officers o WHERE o.id = c.assigned_officer_id AND o.external_id = ${p(filter.assignedOfficerId)})`);
  }
  if (filter.createdFrom) clauses.push(`c.created_at >= ${p(filter.createdFrom)}`);
  if (filter.createdTo) clauses.push(`c.created_at < ${p(filter.createdTo)}`);
  if (filter.search?.trim()) {
    if (filter.search.length > 200) throw badUserInput(words('complaints.filterSearchLength'), 'filter.search');
    clauses.push(`to_tsvector('indonesian', c.description) @@ plainto_tsquery('indonesian', ${p(filter.search)})`);
  }
  return clauses;
}
