import { DataSource } from 'typeorm';
import { Principal, Role } from '../auth/principal';
import { complaintScopeSql } from '../complaints/complaint-scope';
import { COMPLAINT_COLUMNS, ComplaintRow } from '../complaints/complaint.row';
import { groupedLoader, keyedLoader } from '../graphql/loader';
import { BATCH_COLUMNS, DisbursementBatchRow, DisbursementIssueRow, ISSUE_COLUMNS } from './disbursement.types';
import { UUID } from '../common/uuid';


/**
 * Which disbursement issues a caller may see, as a SQL condition on
 * `disbursement_issues i`: a bank those it reported; auditors and the ministry
 * all; other social offices those of recipients living in their jurisdiction
 * (a district office sees its villages'); intake clients and the public none.
 * Enforced in the WHERE clause of every query, like complaintScopeSql.
 */
export function issueScopeSql(principal: Principal, params: unknown[]): string {
  if (principal.kind !== 'client') return 'FALSE';
  const p = (value: unknown) => `$${params.push(value)}`;
  switch (principal.role) {
    case Role.AUDITOR:
      return 'TRUE';
    case Role.BANK:
      return `i.bank_organisation_id = ${p(principal.organisationId)}`;
    case Role.INTAKE:
      return 'FALSE';
    case Role.HANDLER: {
      const code = principal.jurisdictionCode;
      if (code === null) return 'TRUE';
      const value = p(code);
      return `EXISTS (SELECT 1 FROM recipients ir WHERE ir.id = i.recipient_id AND (ir.region_code = ${value}::text OR ir.region_code LIKE ${value}::text || '.%'))`;
    }
  }
}

/**
 * Which batches a caller may see, on `disbursement_batches b`: a bank its own;
 * social offices and auditors all (a batch says only which bank reported how
 * many items for which programme and month; its issues stay scoped).
 */
export function batchScopeSql(principal: Principal, params: unknown[]): string {
  if (principal.kind !== 'client') return 'FALSE';
  switch (principal.role) {
    case Role.AUDITOR:
    case Role.HANDLER:
      return 'TRUE';
    case Role.BANK:
      return `b.bank_organisation_id = $${params.push(principal.organisationId)}`;
    case Role.INTAKE:
      return 'FALSE';
  }
}

export type LinkedComplaintRow = ComplaintRow & { forIssue: string };
export type ComplaintIssueRow = DisbursementIssueRow & { forComplaint: string };

export function createDisbursementLoaders(dataSource: DataSource, principal: () => Principal) {
  return {
    /** Issues by id within the caller's reach: outside it is the same as missing. */
    disbursementIssueByIdLoader: keyedLoader<string, DisbursementIssueRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      const scope = issueScopeSql(principal(), params);
      return dataSource.query(`SELECT ${ISSUE_COLUMNS} FROM disbursement_issues i WHERE i.id = ANY($1::uuid[]) AND (${scope})`, params);
    }, (row) => row.id),

    /** Batches by id within the caller's reach. */
    disbursementBatchByIdLoader: keyedLoader<string, DisbursementBatchRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      const scope = batchScopeSql(principal(), params);
      return dataSource.query(`SELECT ${BATCH_COLUMNS} FROM disbursement_batches b WHERE b.id = ANY($1::uuid[]) AND (${scope})`, params);
    }, (row) => row.id),

    /** Each issue's linked complaints the caller may see (complaint scope: a bank sees those referred to it), oldest first. */
    linkedComplaintsByIssueLoader: groupedLoader<string, LinkedComplaintRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      const scope = complaintScopeSql(principal(), params);
      return dataSource.query(
        `SELECT l.disbursement_issue_id AS "forIssue", ${COMPLAINT_COLUMNS}
           FROM complaint_disbursement_links l JOIN complaints c ON c.id = l.complaint_id
          WHERE l.disbursement_issue_id = ANY($1::uuid[]) AND (${scope})
          ORDER BY c.created_at, c.id`,
        params,
      );
    }, (row) => row.forIssue),

    /** Each complaint's linked issues the caller may see, oldest first. */
    disbursementIssuesByComplaintLoader: groupedLoader<string, ComplaintIssueRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      const scope = issueScopeSql(principal(), params);
      return dataSource.query(
        `SELECT l.complaint_id AS "forComplaint", ${ISSUE_COLUMNS}
           FROM complaint_disbursement_links l JOIN disbursement_issues i ON i.id = l.disbursement_issue_id
          WHERE l.complaint_id = ANY($1::uuid[]) AND (${scope})
          ORDER BY i.created_at, i.batch_id, i.item_index`,
        params,
      );
    }, (row) => row.forComplaint),
  };
}
