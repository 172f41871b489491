import { DataSource } from 'typeorm';
import { Principal, Role } from '../auth/principal';
import { UUID } from '../common/uuid';
import { complaintScopeSql } from '../complaints/complaint-scope';
import { groupedLoader, keyedLoader } from '../graphql/loader';
import { EVIDENCE_COLUMNS, EvidenceRow } from './evidence.type';

/**
 * Which evidence a caller may see, as a SQL condition on `evidence v` joined
 * to `complaints c` (docs/adr/0010-evidence.md): handlers that of complaints
 * in their jurisdiction, auditors all, a bank that of complaints referred to
 * it (the complaint scope), an intake client only what it attached itself —
 * it has those bytes already; what offices or others added is not its to see.
 */
export function evidenceScopeSql(principal: Principal, params: unknown[]): string {
  if (principal.kind !== 'client') return 'FALSE';
  const scope = complaintScopeSql(principal, params);
  if (principal.role === Role.INTAKE) return `(${scope}) AND v.attached_by_organisation_id = $${params.push(principal.organisationId)}`;
  return scope;
}

/** Who may fetch the content of evidence it sees (intake clients see what they attached, not a download). */
export function mayDownloadEvidence(principal: Principal): boolean {
  return principal.kind === 'client' && [Role.HANDLER, Role.AUDITOR, Role.BANK].includes(principal.role);
}

export async function selectEvidence(dataSource: DataSource, principal: Principal, where: string, keys: readonly string[]): Promise<EvidenceRow[]> {
  const valid = keys.filter((k) => UUID.test(k));
  if (valid.length === 0) return [];
  const params: unknown[] = [valid];
  const scope = evidenceScopeSql(principal, params);
  return dataSource.query(
    `SELECT ${EVIDENCE_COLUMNS} FROM evidence v JOIN complaints c ON c.id = v.complaint_id
      WHERE ${where} = ANY($1::uuid[]) AND (${scope}) ORDER BY v.attached_at, v.id`,
    params,
  );
}

export function createEvidenceLoaders(dataSource: DataSource, principal: () => Principal) {
  return {
    /** Evidence by id, within the caller's reach: outside it is the same as missing. */
    evidenceByIdLoader: keyedLoader<string, EvidenceRow>((ids) => selectEvidence(dataSource, principal(), 'v.id', ids), (row) => row.id),
    /** Each complaint's evidence the caller may see, oldest first. */
    evidenceByComplaintLoader: groupedLoader<string, EvidenceRow>((ids) => selectEvidence(dataSource, principal(), 'v.complaint_id', ids), (row) => row.complaintId),
  };
}
