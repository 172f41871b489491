import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { groupedLoader, keyedLoader } from '../graphql/loader';
import { DELIBERATION_COLUMNS, DeliberationRow, PROPOSAL_COLUMNS, ProposalRow } from './change-proposal.types';
import { PROVENANCE_COLUMNS, ProvenanceRow } from './provenance.types';
import { paymentScopeSql, recipientScopeSql, registerWorkScopeSql } from './recipient-scope';
import {
  DISBURSEMENT_COLUMNS, DisbursementRow, ENROLMENT_COLUMNS, EnrolmentRow, RECIPIENT_COLUMNS, RecipientRow,
} from './recipient.types';
import { UUID } from '../common/uuid';

const SIXTEEN_DIGITS = /^[0-9]{16}$/;
// NIKs and KK numbers are char(16) columns: compared with a text[] the column is cast and its index is not used (a sequential
// scan of the register per lookup); compared with char(16)[] the unique index answers (docs/benchmarks.md).

/** The register's loaders, each scoped to the caller in SQL: outside the scope is the same as missing. */
export function createRecipientLoaders(dataSource: DataSource, principal: () => Principal) {
  const query = <T>(sql: string, params: unknown[]): Promise<T[]> => dataSource.query(sql, params);
  return {
    recipientByIdLoader: keyedLoader<string, RecipientRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      return query(`SELECT ${RECIPIENT_COLUMNS} FROM recipients r WHERE r.id = ANY($1::uuid[]) AND (${recipientScopeSql(principal(), params)})`, params);
    }, (row) => row.id),

    recipientByNikLoader: keyedLoader<string, RecipientRow>(async (niks) => {
      const params: unknown[] = [niks.filter((nik) => SIXTEEN_DIGITS.test(nik))];
      return query(`SELECT ${RECIPIENT_COLUMNS} FROM recipients r WHERE r.nik = ANY($1::char(16)[]) AND (${recipientScopeSql(principal(), params)})`, params);
    }, (row) => row.nik),

    /** The members of each family (KK) the caller may see: the head first, then by birth date. */
    familyMembersByKkLoader: groupedLoader<string, RecipientRow>(async (kks) => {
      const params: unknown[] = [kks.filter((kk) => SIXTEEN_DIGITS.test(kk))];
      return query(
        `SELECT ${RECIPIENT_COLUMNS} FROM recipients r WHERE r.kk_number = ANY($1::char(16)[]) AND (${recipientScopeSql(principal(), params)})
          ORDER BY r.kk_number, r.is_family_head DESC, r.birth_date, r.nik`,
        params,
      );
    }, (row) => row.kkNumber),

    /** Each recipient's enrolments (a bank: only those it pays), by programme. The recipient's own scope was applied when it was loaded. */
    enrolmentsByRecipientLoader: groupedLoader<string, EnrolmentRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      return query(
        `SELECT ${ENROLMENT_COLUMNS} FROM program_enrolments e
          WHERE e.recipient_id = ANY($1::uuid[]) AND (${paymentScopeSql(principal(), params, 'e.bank_organisation_id')})
          ORDER BY e.recipient_id, e.program_code`,
        params,
      );
    }, (row) => row.recipientId),

    enrolmentByIdLoader: keyedLoader<string, EnrolmentRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      return query(
        `SELECT ${ENROLMENT_COLUMNS} FROM program_enrolments e JOIN recipients r ON r.id = e.recipient_id
          WHERE e.id = ANY($1::uuid[]) AND (${recipientScopeSql(principal(), params)}) AND (${paymentScopeSql(principal(), params, 'e.bank_organisation_id')})`,
        params,
      );
    }, (row) => row.id),

    /** Each enrolment's disbursements (a bank: only its own), newest month first. */
    disbursementsByEnrolmentLoader: groupedLoader<string, DisbursementRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      return query(
        `SELECT ${DISBURSEMENT_COLUMNS} FROM disbursements d JOIN program_enrolments e ON e.id = d.enrolment_id
          WHERE d.enrolment_id = ANY($1::uuid[]) AND (${paymentScopeSql(principal(), params, 'd.bank_organisation_id')})
          ORDER BY d.enrolment_id, d.period DESC, d.stage`,
        params,
      );
    }, (row) => row.enrolmentId),

    disbursementByIdLoader: keyedLoader<string, DisbursementRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      return query(
        `SELECT ${DISBURSEMENT_COLUMNS} FROM disbursements d JOIN program_enrolments e ON e.id = d.enrolment_id JOIN recipients r ON r.id = e.recipient_id
          WHERE d.id = ANY($1::uuid[]) AND (${recipientScopeSql(principal(), params)}) AND (${paymentScopeSql(principal(), params, 'd.bank_organisation_id')})`,
        params,
      );
    }, (row) => row.id),

    /** Each recipient's provenance, oldest first (the recipient was scoped when loaded; the shield lets only handlers and auditors ask). */
    provenanceByRecipientLoader: groupedLoader<string, ProvenanceRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      return query(`SELECT ${PROVENANCE_COLUMNS} FROM recipient_provenance p WHERE p.recipient_id = ANY($1::uuid[]) ORDER BY p.recipient_id, p.seq`, params);
    }, (row) => row.recipientId),

    recipientChangeProposalByIdLoader: keyedLoader<string, ProposalRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      return query(
        `SELECT ${PROPOSAL_COLUMNS} FROM recipient_change_proposals x WHERE x.id = ANY($1::uuid[]) AND (${registerWorkScopeSql(principal(), params, 'x.region_code')})`,
        params,
      );
    }, (row) => row.id),

    /** Each recipient's change proposals the caller may see, newest first. */
    recipientChangeProposalsByRecipientLoader: groupedLoader<string, ProposalRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      return query(
        `SELECT ${PROPOSAL_COLUMNS} FROM recipient_change_proposals x
          WHERE x.recipient_id = ANY($1::uuid[]) AND (${registerWorkScopeSql(principal(), params, 'x.region_code')})
          ORDER BY x.recipient_id, x.created_at DESC, x.id DESC`,
        params,
      );
    }, (row) => row.recipientId!),

    /** The data-correction proposal each complaint opened, if the caller may see it. */
    recipientChangeProposalByComplaintLoader: keyedLoader<string, ProposalRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      return query(
        `SELECT ${PROPOSAL_COLUMNS} FROM recipient_change_proposals x
          WHERE x.source_complaint_id = ANY($1::uuid[]) AND (${registerWorkScopeSql(principal(), params, 'x.region_code')})`,
        params,
      );
    }, (row) => row.sourceComplaintId!),

    deliberationByIdLoader: keyedLoader<string, DeliberationRow>(async (ids) => {
      const params: unknown[] = [ids.filter((id) => UUID.test(id))];
      return query(
        `SELECT ${DELIBERATION_COLUMNS} FROM deliberations m WHERE m.id = ANY($1::uuid[]) AND (${registerWorkScopeSql(principal(), params, 'm.region_code')})`,
        params,
      );
    }, (row) => row.id),
  };
}
