import { OrganisationKind, Tier } from '../common/enums';

/**
 * What a caller may do follows from its organisation's kind (docs/adr/0005-access-control.md):
 * handlers act within a jurisdiction, intake clients submit and read their own,
 * banks report and answer referrals, auditors read everything.
 */
export enum Role {
  HANDLER = 'HANDLER',
  INTAKE = 'INTAKE',
  BANK = 'BANK',
  AUDITOR = 'AUDITOR',
}

export const ROLE_OF_KIND: Record<OrganisationKind, Role> = {
  [OrganisationKind.MINISTRY]: Role.HANDLER,
  [OrganisationKind.PROVINCE_OFFICE]: Role.HANDLER,
  [OrganisationKind.DISTRICT_OFFICE]: Role.HANDLER,
  [OrganisationKind.VILLAGE_OFFICE]: Role.HANDLER,
  [OrganisationKind.BANK]: Role.BANK,
  [OrganisationKind.NGO]: Role.INTAKE,
  [OrganisationKind.PORTAL]: Role.INTAKE,
  [OrganisationKind.AUDITOR]: Role.AUDITOR,
};

export interface ClientPrincipal {
  kind: 'client';
  /** api_clients.id */
  apiClientId: string;
  /** The public client_id, e.g. `demo-dinsos-3273`. */
  clientId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  organisationName: string;
  role: Role;
  /** For handlers: the tier they act at. */
  tier: Tier | null;
  /** For handlers: the region code they cover; null = all of Indonesia (the ministry) or not a handler. */
  jurisdictionCode: string | null;
  /** May manage organisations, API clients and signing keys. */
  administrator: boolean;
  bankCode: string | null;
  /** Its request budget a minute set by an administrator; null: the default (http/limits/rate-limit.ts). */
  requestsPerMinute: number | null;
  /**
   * The officer of this organisation the client acts for, when its token came from a token exchange
   * (docs/adr/0030-officers.md); absent for a plain client-credentials token.
   */
  officer?: OfficerRef;
}

/** An officer as the principal carries them: our row, the organisation's own id for them, their display name. */
export interface OfficerRef {
  /** officers.id */
  rowId: string;
  /** The organisation's own id for the officer (its sign-in's subject). */
  externalId: string;
  displayName: string;
}

export type Principal = { kind: 'public' } | ClientPrincipal;

export const PUBLIC: Principal = { kind: 'public' };
