import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { OrganisationKind } from '../common/enums';
import { UserErrorCode } from '../graphql/user-error';
import { Said, words } from '../words';
import { MAX_MINUTES_PER_DELIBERATION } from './deliberation-minutes.rules';

export interface MinutesRefusal { code: UserErrorCode; message: Said }

/**
 * Why the caller may not attach minutes to this deliberation now, or null:
 * the same rule when the URL is asked for and when the bytes arrive. Only the
 * village office that recorded the deliberation attaches its minutes — another
 * village's office, or a district, is told it does not exist (not found and
 * not allowed look the same). The deliberation row is locked while the
 * files are counted, so two uploads racing for the last place cannot both
 * win it (NO KEY UPDATE: proposals referring to it are not held up). When
 * the bytes arrive, the upload itself (`ownUploadId`) is not counted twice.
 */
export async function minutesRefusal(
  manager: EntityManager, principal: ClientPrincipal, deliberationId: string | null, now: Date, ownUploadId: string | null = null,
): Promise<MinutesRefusal | null> {
  const notFound = { code: UserErrorCode.NOT_FOUND, message: words('deliberations.notFound') };
  if (!deliberationId || principal.organisationKind !== OrganisationKind.VILLAGE_OFFICE) return notFound;
  const [row]: { id: string }[] = await manager.query(
    'SELECT id FROM deliberations WHERE id = $1 AND recorded_by_organisation_id = $2 FOR NO KEY UPDATE', [deliberationId, principal.organisationId]);
  if (!row) return notFound;
  const [{ n }] = await manager.query(
    `SELECT (SELECT count(*) FROM deliberation_minutes WHERE deliberation_id = $1)
          + (SELECT count(*) FROM evidence_uploads WHERE deliberation_id = $1 AND id IS DISTINCT FROM $3::uuid
               AND (status = 'RECEIVING' OR (status = 'PENDING' AND expires_at > $2)))::int AS n`,
    [deliberationId, now, ownUploadId],
  );
  if (Number(n) >= MAX_MINUTES_PER_DELIBERATION) {
    return { code: UserErrorCode.EVIDENCE_LIMIT_REACHED, message: words('deliberations.minutesLimit', { max: MAX_MINUTES_PER_DELIBERATION }) };
  }
  return null;
}
