import { DataSource } from 'typeorm';
import { Principal, Role } from '../auth/principal';
import { complaintScopeSql } from '../complaints/complaint-scope';
import { groupedLoader, keyedLoader } from '../graphql/loader';
import { REFERRAL_COLUMNS, ReferralRow } from './referral.type';
import { UUID } from '../common/uuid';


/**
 * Which referrals a caller may see, as a SQL condition on `referrals r` joined
 * to `complaints c`: handlers those of complaints in their jurisdiction,
 * auditors all, a bank those made to it (never another bank's answer about the
 * same complaint), intake clients none — referrals are between offices.
 */
export function referralScopeSql(principal: Principal, params: unknown[]): string {
  if (principal.kind !== 'client') return 'FALSE';
  switch (principal.role) {
    case Role.AUDITOR:
    case Role.HANDLER:
      return complaintScopeSql(principal, params);
    case Role.BANK:
      return `r.to_organisation_id = $${params.push(principal.organisationId)}`;
    case Role.INTAKE:
      return 'FALSE';
  }
}

export function createReferralLoaders(dataSource: DataSource, principal: () => Principal) {
  const select = (where: string, keys: readonly string[]) => {
    const params: unknown[] = [keys.filter((k) => UUID.test(k))];
    const scope = referralScopeSql(principal(), params);
    return dataSource.query(
      `SELECT ${REFERRAL_COLUMNS} FROM referrals r JOIN complaints c ON c.id = r.complaint_id
        WHERE ${where} = ANY($1::uuid[]) AND (${scope}) ORDER BY r.created_at, r.id`,
      params,
    ) as Promise<ReferralRow[]>;
  };
  return {
    /** Referrals by id, within the caller's reach: outside it is the same as missing. */
    referralByIdLoader: keyedLoader<string, ReferralRow>((ids) => select('r.id', ids), (row) => row.id),
    /** Each complaint's referrals the caller may see, oldest first. */
    referralsByComplaintLoader: groupedLoader<string, ReferralRow>((ids) => select('r.complaint_id', ids), (row) => row.complaintId),
  };
}
