import { complaintScopeSql } from '../complaints/complaint-scope';
import { COMPLAINT_COLUMNS, ComplaintRow } from '../complaints/complaint.row';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, MAX_PAGE_SIZE } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { RecipientRow } from './recipient.types';
import { UUID } from '../common/uuid';
import { words } from '../words';

export interface Page<T> { rows: T[]; hasNextPage: boolean; totalCount: number; cursorOf: (row: T) => string }

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badUserInput(words('page.first', { max: MAX_PAGE_SIZE }), 'first');
  return size;
}

/** A (created_at, id) keyset cursor, newest first; null when there is none. */
export function createdCursor(after: string | null | undefined): [string, string] | null {
  if (!after) return null;
  const cursor = decodeCursor(after);
  if (!cursor || cursor.length !== 2 || typeof cursor[0] !== 'string' || typeof cursor[1] !== 'string'
    || Number.isNaN(Date.parse(cursor[0])) || !UUID.test(cursor[1])) {
    throw badUserInput(words('page.after'), 'after');
  }
  return [cursor[0], cursor[1]];
}

/**
 * Complaints about a family: those naming one of its members as subject (by
 * the matched recipient, or by NIK when intake could not match it), within the
 * caller's complaint scope, newest first, in keyset pages. Two statements.
 */
export async function listFamilyComplaints(
  ctx: RequestContext, members: RecipientRow[], args: { first?: number | null; after?: string | null },
): Promise<Page<ComplaintRow>> {
  const first = pageSize(args.first);
  const cursor = createdCursor(args.after);
  const params: unknown[] = [members.map((m) => m.id), members.map((m) => m.nik)];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = [
    '(c.subject_recipient_id = ANY($1::uuid[]) OR (c.subject_recipient_id IS NULL AND c.subject_nik = ANY($2::char(16)[])))',
    `(${complaintScopeSql(ctx.principal, params)})`,
  ];
  const countParams = [...params];
  const countWhere = [...where];
  if (cursor) where.push(`(c.created_at, c.id) < (${p(cursor[0])}::timestamptz, ${p(cursor[1])}::uuid)`);
  const rows: ComplaintRow[] = await ctx.dataSource.query(
    `SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ${p(first + 1)}`,
    params,
  );
  const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM complaints c WHERE ${countWhere.join(' AND ')}`, countParams);
  const page = rows.slice(0, first);
  page.forEach((row) => ctx.loaders.complaintByIdLoader.prime(row.id, row));
  return { rows: page, hasNextPage: rows.length > first, totalCount: count, cursorOf: (row) => encodeCursor([row.createdAtCursor, row.id]) };
}
