import { EntityManager } from 'typeorm';

/**
 * Officers in the API (docs/adr/0030-officers.md). An organisation's client acts for one of its officers by exchanging
 * its credentials and a subject token naming the officer for an officer token (RFC 8693), or names one when assigning
 * a complaint. Aduan knows an officer only by the organisation's own id for them and a display name.
 */

/** RFC 8693 §2.1 grant_type of a token exchange. */
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
/** Our subject_token_type: base64url of the JSON `{"sub": "<the organisation's id for the officer>", "name": "<display name>"}`. */
export const OFFICER_TOKEN_TYPE = 'urn:aduan:params:oauth:token-type:officer';
/** RFC 8693 §3: the only token type we issue. */
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export const OFFICER_ID_MAX = 200;
export const OFFICER_NAME_MAX = 150;

export interface OfficerIdentity { externalId: string; displayName: string }

/** Printable, trimmed, within its length: what an officer id or name may be. Undefined when not. */
export function officerText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= max && !/[\u0000-\u001f\u007f]/.test(trimmed) ? trimmed : undefined;
}

/**
 * An officer's id or name that is an e-mail address, a phone number or a NIK/KK number (16 digits) is refused: the id
 * and the name appear on timelines and in webhook bodies, where such data never goes (a NIP, 18 digits, is fine).
 */
export function looksLikePersonalData(value: string): boolean {
  if (/[^\s@]+@[^\s@]+\.[^\s@]+/.test(value)) return true;
  const digits = value.replace(/[\s.\-()]/g, '');
  if (/^\d{16}$/.test(digits)) return true;
  return /^(\+?62|0)8\d{7,12}$/.test(digits);
}

/** The officer a subject token of OFFICER_TOKEN_TYPE names, or why not (for error_description; never the token). */
export function parseOfficerSubjectToken(token: string): OfficerIdentity | { problem: string } {
  let claims: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('not base64url');
    claims = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return { problem: 'subject_token must be the base64url encoding of a JSON object {"sub": …, "name": …}' };
  }
  const object = claims as { sub?: unknown; name?: unknown } | null;
  const externalId = officerText(object?.sub, OFFICER_ID_MAX);
  if (!externalId) return { problem: `subject_token's sub must be the officer's id in your sign-in, 1–${OFFICER_ID_MAX} printable characters` };
  const displayName = officerText(object?.name, OFFICER_NAME_MAX);
  if (!displayName) return { problem: `subject_token's name must be the officer's display name, 1–${OFFICER_NAME_MAX} printable characters` };
  if (looksLikePersonalData(externalId) || looksLikePersonalData(displayName)) {
    return { problem: 'subject_token\'s sub and name must not be an e-mail address, a phone number or a NIK: use your sign-in\'s own id for the officer' };
  }
  return { externalId, displayName };
}

/** The subject token for an officer, as a client makes it (the SDK's actAs does the same). */
export function officerSubjectToken(officer: { id: string; name: string }): string {
  return Buffer.from(JSON.stringify({ sub: officer.id, name: officer.name })).toString('base64url');
}

export interface OfficerRow { id: string; externalId: string; displayName: string }

/**
 * The officer's row in the organisation, written the first time it is named and refreshed after (the latest name
 * wins; earlier events keep the name they were written with).
 */
export async function upsertOfficer(manager: EntityManager, organisationId: string, officer: OfficerIdentity, at: Date): Promise<OfficerRow> {
  const [row]: OfficerRow[] = await manager.query(
    `INSERT INTO officers (organisation_id, external_id, display_name, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (organisation_id, external_id) DO UPDATE SET display_name = EXCLUDED.display_name, last_seen_at = greatest(officers.last_seen_at, EXCLUDED.last_seen_at)
     RETURNING id, external_id AS "externalId", display_name AS "displayName"`,
    [organisationId, officer.externalId, officer.displayName, at],
  );
  return row;
}
