import { ClientPrincipal } from '../auth/principal';
import type { EvidenceServices } from '../evidence/evidence-services';
import { ObjectSource } from '../evidence/storage/evidence-storage';
import { toGlobalId } from '../graphql/global-id';
import { UserErrorCode } from '../graphql/user-error';
import { words } from '../words';
import { MinutesRefusal, minutesRefusal } from './minutes-rules';

/** The minutes as the upload's answer shows them (the SDK then reads them through villageDeliberation). */
export interface AttachedMinutes {
  id: string;
  deliberationId: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedSize: number;
  uploadedSha256: string;
  metadataRemoved: boolean;
  attachedAt: string;
}

interface MinutesSession { uploadId: string; deliberationId: string; fileName: string; apiClientId: string; organisationId: string }
interface StoredFile { sha256: string; size: number; contentType: string; source: ObjectSource; metadataRemoved: boolean; uploadedSize: number; uploadedSha256: string }

class Refusal {
  constructor(readonly refused: MinutesRefusal) {}
}

/**
 * Attaches a stored file as a deliberation's minutes, in one transaction
 * (evidence/receive-upload.ts calls it once the bytes are checked, stripped
 * and stored): the upload must still be receiving, the uploader still the
 * office that recorded the deliberation, with room for one more file; then
 * the minutes row and the upload ATTACHED.
 */
export async function attachMinutes(
  services: EvidenceServices, principal: ClientPrincipal, session: MinutesSession, stored: StoredFile,
): Promise<AttachedMinutes | { refused: MinutesRefusal }> {
  const now = services.now();
  try {
    return await services.dataSource.transaction(async (manager) => {
      const [current]: { status: string }[] = await manager.query('SELECT status FROM evidence_uploads WHERE id = $1 FOR UPDATE', [session.uploadId]);
      if (current?.status !== 'RECEIVING') throw new Refusal({ code: UserErrorCode.UPLOAD_URL_EXPIRED, message: words('evidence.uploadUrlExpired') });
      const refusal = await minutesRefusal(manager, principal, session.deliberationId, now, session.uploadId);
      if (refusal) throw new Refusal(refusal);
      const [row]: { id: string; attachedAt: Date }[] = await manager.query(
        `INSERT INTO deliberation_minutes (deliberation_id, object_sha256, content_type, size, uploaded_size, uploaded_sha256, metadata_removed, file_name,
                                           attached_by_client_id, attached_by_organisation_id, attached_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id, attached_at AS "attachedAt"`,
        [session.deliberationId, stored.sha256, stored.contentType, stored.size, stored.uploadedSize, stored.uploadedSha256, stored.metadataRemoved,
          session.fileName, session.apiClientId, session.organisationId, now],
      );
      await manager.query(`UPDATE evidence_uploads SET status = 'ATTACHED', minutes_id = $2, finished_at = $3 WHERE id = $1`, [session.uploadId, row.id, now]);
      return {
        id: toGlobalId('DeliberationMinutes', row.id),
        deliberationId: toGlobalId('Deliberation', session.deliberationId),
        contentType: stored.contentType,
        size: stored.size,
        sha256: stored.sha256,
        uploadedSize: stored.uploadedSize,
        uploadedSha256: stored.uploadedSha256,
        metadataRemoved: stored.metadataRemoved,
        attachedAt: row.attachedAt.toISOString(),
      };
    });
  } catch (error) {
    if (error instanceof Refusal) return { refused: error.refused };
    throw error;
  }
}
