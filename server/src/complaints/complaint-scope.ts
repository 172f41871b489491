import { ClientPrincipal, Principal, Role } from '../auth/principal';
import { ComplaintCategory, Tier, TIER_ORDER } from '../common/enums';

/**
 * Which complaints a caller may see, as a SQL condition on `complaints` aliased
 * `c` — jurisdiction is enforced in the WHERE clause of every query, never by
 * filtering rows after fetching (docs/adr/0005-access-control.md).
 * `params` is the caller's parameter list; placeholders are appended to it.
 */
export function complaintScopeSql(principal: Principal, params: unknown[]): string {
  if (principal.kind !== 'client') return 'FALSE';
  const p = (value: unknown) => `$${params.push(value)}`;
  switch (principal.role) {
    case Role.AUDITOR:
      return 'TRUE';
    case Role.INTAKE:
      return `c.submitted_by_organisation_id = ${p(principal.organisationId)}`;
    case Role.BANK:
      // Those referred to it, and those its call centre filed (submitComplaint on its BANK_CALL_CENTER_* channel).
      return `(c.submitted_by_organisation_id = ${p(principal.organisationId)} OR EXISTS (SELECT 1 FROM referrals r WHERE r.complaint_id = c.id AND r.to_organisation_id = ${p(principal.organisationId)}))`;
    case Role.HANDLER:
      return handlerScopeSql(principal, p);
  }
}

/**
 * Categories about the conduct of frontline officials: they skip the village
 * tier, and village offices do not see them at all — the people complained
 * about must not handle (or read) them (the 4Ps conflict-of-interest bypass).
 */
export const CONFLICT_OF_INTEREST_CATEGORIES: readonly ComplaintCategory[] = [
  ComplaintCategory.SERVICE_CONDUCT,
  ComplaintCategory.ILLEGAL_LEVY,
  ComplaintCategory.MISUSE_OR_FRAUD,
];

/**
 * Whether the village office is kept out of a complaint: a complaint about officials (by its category), or one
 * whose complainant asked to bypass the village (a WRONG_TARGET complaint naming the office's own recommendation,
 * recorded in bypass_village). The SQL below and officeSees (handling-rules.ts) say the same.
 */
export function hiddenFromVillage(row: { category: ComplaintCategory; bypassVillage: boolean }): boolean {
  return row.bypassVillage || CONFLICT_OF_INTEREST_CATEGORIES.includes(row.category);
}

function handlerScopeSql(principal: ClientPrincipal, p: (value: unknown) => string): string {
  const code = principal.jurisdictionCode;
  if (code === null) return 'TRUE'; // the ministry: all of Indonesia
  switch (code.length) {
    case 2: return `c.province_code = ${p(code)}`;
    case 5: return `c.district_code = ${p(code)}`;
    case 8: return `c.subdistrict_code = ${p(code)}`;
    default:
      return `c.region_code = ${p(code)} AND c.category <> ALL(${p(CONFLICT_OF_INTEREST_CATEGORIES)}::complaint_category[]) AND NOT c.bypass_village`;
  }
}

/** Whether a handler may act on a complaint it can see: its current tier is at or below the handler's. */
export function canActAtTier(principal: Principal, currentTier: Tier): boolean {
  return principal.kind === 'client' && principal.role === Role.HANDLER && principal.tier !== null
    && TIER_ORDER.indexOf(currentTier) <= TIER_ORDER.indexOf(principal.tier);
}

/** Handlers in jurisdiction and auditors see personal data whole; everyone else masked. */
export function seesPersonalDataWhole(principal: Principal): boolean {
  return principal.kind === 'client' && (principal.role === Role.HANDLER || principal.role === Role.AUDITOR);
}

/**
 * Who reads a complaint's INTERNAL events (notes, evidence attached, …) besides
 * its PUBLIC ones: handlers and auditors, on the complaints within their reach;
 * the submitting organisation and a bank it was referred to see the public ones
 * only. The timeline and `node(id)` of an event both ask this.
 */
export function seesInternalEvents(principal: Principal): boolean {
  return seesPersonalDataWhole(principal);
}
