import { rule } from 'graphql-shield';
import { OrganisationKind } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { Role } from './principal';

/**
 * The permission catalogue: every permission the API knows, described once.
 * graphql/shield.ts builds the graphql-shield rules from it, and each schema
 * field's description names the permission it needs. Jurisdiction (which
 * complaints a handler sees) is not a permission here: it is enforced in SQL by
 * the services (docs/adr/0005-access-control.md).
 */
export const PERMISSIONS = {
  public: 'Anyone, without a token.',
  authenticated: 'Any API client with a valid token.',
  handler: 'Handlers: village, district/city, provincial and ministry social offices (within their jurisdiction).',
  intake: 'Intake clients: portals and NGOs that submit complaints.',
  bank: 'Banks that disburse aid.',
  auditor: 'Auditors: read everything, change nothing.',
  administrator: "The ministry's administrators: manage organisations, API clients and keys.",
  villageOffice: 'Village (desa/kelurahan) offices: propose changes to the recipient register of their village.',
  districtOffice: 'District/city social offices: review the register changes their villages propose.',
  webhooks: "Handlers, banks and intake clients: subscribe their organisation to webhooks and read its delivery log (docs/adr/0012-webhooks.md).",
} as const;

export type Permission = keyof typeof PERMISSIONS;

const hasRole = (ctx: RequestContext, ...roles: Role[]) => ctx.principal.kind === 'client' && roles.includes(ctx.principal.role);

// `cache: 'contextual'`: a rule's answer depends only on the caller, so it is
// computed once per request, not once per field of every row.
export const RULES = {
  authenticated: rule({ cache: 'contextual' })((_p, _a, ctx: RequestContext) => ctx.principal.kind === 'client'),
  handler: rule({ cache: 'contextual' })((_p, _a, ctx: RequestContext) => hasRole(ctx, Role.HANDLER)),
  intake: rule({ cache: 'contextual' })((_p, _a, ctx: RequestContext) => hasRole(ctx, Role.INTAKE)),
  bank: rule({ cache: 'contextual' })((_p, _a, ctx: RequestContext) => hasRole(ctx, Role.BANK)),
  auditor: rule({ cache: 'contextual' })((_p, _a, ctx: RequestContext) => hasRole(ctx, Role.AUDITOR)),
  administrator: rule({ cache: 'contextual' })((_p, _a, ctx: RequestContext) => ctx.principal.kind === 'client' && ctx.principal.administrator),
  villageOffice: rule({ cache: 'contextual' })((_p, _a, ctx: RequestContext) => ctx.principal.kind === 'client' && ctx.principal.organisationKind === OrganisationKind.VILLAGE_OFFICE),
  districtOffice: rule({ cache: 'contextual' })((_p, _a, ctx: RequestContext) => ctx.principal.kind === 'client' && ctx.principal.organisationKind === OrganisationKind.DISTRICT_OFFICE),
  webhooks: rule({ cache: 'contextual' })((_p, _a, ctx: RequestContext) => hasRole(ctx, Role.HANDLER, Role.BANK, Role.INTAKE)),
};
