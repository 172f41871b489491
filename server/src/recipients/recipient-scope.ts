import { Principal, Role } from '../auth/principal';

/**
 * Which recipients a caller may see, as SQL on `recipients` (alias given):
 * handlers those living in their jurisdiction (a district office its
 * villages'), the ministry and auditors all, a bank the recipients it pays (an
 * enrolment with it), intake clients and the public none. Enforced in the WHERE
 * clause like complaintScopeSql (docs/adr/0005-access-control.md); outside it
 * is the same as missing.
 */
export function recipientScopeSql(principal: Principal, params: unknown[], alias = 'r'): string {
  if (principal.kind !== 'client') return 'FALSE';
  const p = (value: unknown) => `$${params.push(value)}`;
  switch (principal.role) {
    case Role.AUDITOR:
      return 'TRUE';
    case Role.HANDLER:
      return principal.jurisdictionCode === null ? 'TRUE' : regionWithinSql(`${alias}.region_code`, p(principal.jurisdictionCode));
    case Role.BANK:
      return `EXISTS (SELECT 1 FROM program_enrolments be WHERE be.recipient_id = ${alias}.id AND be.bank_organisation_id = ${p(principal.organisationId)})`;
    case Role.INTAKE:
      return 'FALSE';
  }
}

/**
 * Which enrolments and disbursements of a visible recipient a caller sees, on
 * the bank column given: a bank only its own (what it pays), everyone else who
 * sees the recipient all of them.
 */
export function paymentScopeSql(principal: Principal, params: unknown[], bankColumn: string): string {
  if (principal.kind !== 'client') return 'FALSE';
  if (principal.role !== Role.BANK) return 'TRUE';
  return `${bankColumn} = $${params.push(principal.organisationId)}`;
}

/**
 * Which change proposals and village deliberations a caller sees, on a
 * `region_code` column: handlers those of villages in their jurisdiction (the
 * village office its own, the district office its villages'), the ministry and
 * auditors all, everyone else none.
 */
export function registerWorkScopeSql(principal: Principal, params: unknown[], regionColumn: string): string {
  if (principal.kind !== 'client') return 'FALSE';
  switch (principal.role) {
    case Role.AUDITOR:
      return 'TRUE';
    case Role.HANDLER:
      return principal.jurisdictionCode === null ? 'TRUE' : regionWithinSql(regionColumn, `$${params.push(principal.jurisdictionCode)}`);
    case Role.BANK:
    case Role.INTAKE:
      return 'FALSE';
  }
}

/** A region code column inside the region whose code is the placeholder given (itself or a descendant). */
export function regionWithinSql(column: string, placeholder: string): string {
  return `(${column} = ${placeholder}::text OR ${column} LIKE ${placeholder}::text || '.%')`;
}
