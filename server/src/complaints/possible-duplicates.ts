import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { groupedLoader } from '../graphql/loader';
import { UUID } from '../common/uuid';
import { complaintScopeSql } from './complaint-scope';
import { COMPLAINT_COLUMNS, ComplaintRow } from './complaint.row';

/** How far from a complaint's receipt, either way, another about the same family counts as perhaps the same matter. */
export const DUPLICATE_WINDOW_DAYS = 30;
/** At most this many per complaint, newest first: a hint to look, not a search. */
export const MAX_POSSIBLE_DUPLICATES = 10;

/**
 * The one rule for "perhaps the same matter", used by submitComplaint's
 * answer and by Complaint.possibleDuplicates: other complaints about the same
 * family (subject NIK), programme and category, received within
 * DUPLICATE_WINDOW_DAYS of the complaint's receipt, not closed, rejected or
 * merged (a RESOLVED one may still be reopened or appealed), that the caller
 * may see — the caller's scope applies to both the complaint asked about and
 * the ones found (complaint-scope.ts). A complaint without a subject NIK has
 * none. For many complaints in one statement (the inbox asks it per row):
 * each complaint's own LIMIT in a LATERAL join over idx_complaints_subject_nik.
 * Why offices only, and why either side of receipt: docs/adr/0032-handler-console-numbers.md.
 */
export async function possibleDuplicateRows(
  dataSource: DataSource, principal: Principal, complaintIds: readonly string[],
): Promise<(ComplaintRow & { forComplaint: string })[]> {
  const ids = complaintIds.filter((id) => UUID.test(id));
  if (ids.length === 0) return [];
  const params: unknown[] = [ids];
  const ownScope = complaintScopeSql(principal, params);
  const otherScope = complaintScopeSql(principal, params);
  return dataSource.query(
    `WITH k AS (
       SELECT c.id, c.subject_nik, c.program_code, c.category, c.created_at FROM complaints c
        WHERE c.id = ANY($1::uuid[]) AND c.subject_nik IS NOT NULL AND (${ownScope}))
     SELECT k.id AS "forComplaint", d.* FROM k CROSS JOIN LATERAL (
       SELECT ${COMPLAINT_COLUMNS} FROM complaints c
        WHERE c.subject_nik = k.subject_nik AND c.program_code = k.program_code AND c.category = k.category AND c.id <> k.id
          AND c.created_at > k.created_at - interval '${DUPLICATE_WINDOW_DAYS} days'
          AND c.created_at < k.created_at + interval '${DUPLICATE_WINDOW_DAYS} days'
          AND c.status NOT IN ('CLOSED', 'REJECTED', 'DUPLICATE') AND (${otherScope})
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${MAX_POSSIBLE_DUPLICATES}) d
     ORDER BY k.id, d."createdAt" DESC, d.id DESC`,
    params,
  );
}

/** Per request (complaint.loaders.ts): each complaint's possible duplicates, many complaints in one statement. */
export function possibleDuplicatesLoader(dataSource: DataSource, principal: () => Principal) {
  return groupedLoader<string, ComplaintRow & { forComplaint: string }>(
    (ids) => possibleDuplicateRows(dataSource, principal(), ids),
    (row) => row.forComplaint,
  );
}
