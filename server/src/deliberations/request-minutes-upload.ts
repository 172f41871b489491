import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import { Rollback, transactionOrRollback } from '../complaints/complaint-change';
import { EvidenceKind } from '../evidence/evidence.entity';
import { EvidenceUploadStatus } from '../evidence/evidence-upload.entity';
import { FILE_NAME_MAX, UPLOAD_URL_LIFETIME_MS } from '../evidence/evidence.rules';
import { EvidenceUpload } from '../evidence/evidence.type';
import { declared } from '../evidence/request-evidence-upload';
import { uploadUrl, urlSecret } from '../evidence/signed-urls';
import type { RequestContext } from '../graphql/context';
import { uuidOf } from '../graphql/global-id';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { claimIdempotencyKey, recordIdempotentResult } from '../idempotency/idempotency.service';
import { words } from '../words';
import { MINUTES_CONTENT_TYPES } from './deliberation-minutes.rules';
import { minutesRefusal } from './minutes-rules';

const OPERATION = 'requestDeliberationMinutesUpload';

@InputType('RequestDeliberationMinutesUploadInput', {
  description: 'The signed minutes (berita acara) of a village deliberation your office recorded, about to be uploaded: a PDF scan or a photo of the pages.',
})
export class RequestDeliberationMinutesUploadInput {
  @Field({ description: 'Your key for this upload (1–128 characters): the same key within 24 h answers the same upload URL and creates nothing.' })
  idempotencyKey: string;

  @Field(() => ID, { description: 'The deliberation (a Deliberation id, as on its proposals or in villageDeliberations).' })
  deliberationId: string;

  @Field({ description: `The file's name (1–${FILE_NAME_MAX} characters, no folders); kept for your office and auditors, never shown publicly.` })
  fileName: string;

  @Field({ description: 'The file’s type: `application/pdf`, `image/jpeg`, `image/png` or `image/webp`. Its bytes must be of this type (Aduan checks them).' })
  contentType: string;

  @Field(() => Int, { description: 'Its exact size in bytes: at most 10 MB (10 485 760 bytes).' })
  size: number;

  @Field({ description: 'SHA-256 of its bytes, 64 hexadecimal characters: the upload is refused when the bytes received differ.' })
  sha256: string;
}

@ObjectType('RequestDeliberationMinutesUploadPayload', { description: 'The result of requestDeliberationMinutesUpload.' })
export class RequestDeliberationMinutesUploadPayload {
  @Field(() => EvidenceUpload, {
    nullable: true,
    description: 'Where to PUT the bytes (once, within 15 minutes); the answer is JSON `{ minutes, userErrors }`. Null when userErrors says why not.',
  })
  upload: EvidenceUpload | null;

  @Field(() => [UserError], { description: 'Why no upload URL was given (not your deliberation, a type or size not accepted, 5 files already); empty on success.' })
  userErrors: UserError[];
}

/**
 * The village office's door into the evidence pipeline for a deliberation's
 * minutes (docs/adr/0038): the same declared-file checks and single-use URL as
 * requestEvidenceUpload, owned by the deliberation instead of a complaint. The
 * PUT checks the bytes' type, strips the metadata — of a PDF too, since the
 * minutes are public — and attaches them (deliberations/attach-minutes.ts).
 */
export async function requestDeliberationMinutesUpload(
  ctx: RequestContext, principal: ClientPrincipal, input: RequestDeliberationMinutesUploadInput,
): Promise<RequestDeliberationMinutesUploadPayload> {
  const errors = new UserErrors(ctx.locale);
  const answer = (upload: EvidenceUpload | null) => Object.assign(new RequestDeliberationMinutesUploadPayload(), { upload, userErrors: errors.list });
  if (input.idempotencyKey.length < 1 || input.idempotencyKey.length > 128) {
    errors.add(['input', 'idempotencyKey'], UserErrorCode.INVALID_INPUT, 'idempotency.keyLength');
  }
  const file = declared({ ...input, kind: EvidenceKind.LETTER }, errors);
  if (!errors.any && !(MINUTES_CONTENT_TYPES as readonly string[]).includes(file.contentType)) {
    errors.add(['input', 'contentType'], UserErrorCode.UNSUPPORTED_FILE_TYPE, words('deliberations.minutesType'));
  }
  if (errors.any) return answer(null);
  const secret = await urlSecret(ctx.primary);
  const origin = ctx.origin ?? 'http://localhost';
  const toUpload = (id: string, expiresAt: Date, size: number) =>
    Object.assign(new EvidenceUpload(), { url: uploadUrl(origin, secret, id, expiresAt), method: 'PUT', expiresAt, size });

  return transactionOrRollback(ctx, async (manager) => {
    const { deliberationId, ...declaredFile } = { ...file, deliberationId: input.deliberationId };
    const claim = await claimIdempotencyKey<{ uploadId: string }>(manager, principal.apiClientId, OPERATION, input.idempotencyKey, { ...declaredFile, deliberationId });
    if (claim.kind === 'reused') {
      errors.add(['input', 'idempotencyKey'], UserErrorCode.IDEMPOTENCY_KEY_REUSED, words('idempotency.keyReused'));
      throw new Rollback(answer(null));
    }
    if (claim.kind === 'repeat') {
      const [first]: { id: string; expiresAt: Date; size: number }[] = await manager.query(
        'SELECT id, expires_at AS "expiresAt", declared_size AS size FROM evidence_uploads WHERE id = $1', [claim.result.uploadId]);
      return answer(toUpload(first.id, first.expiresAt, first.size));
    }
    const now = ctx.now();
    const id = uuidOf(deliberationId, 'Deliberation');
    const refusal = await minutesRefusal(manager, principal, id, now);
    if (refusal) {
      errors.add(['input', 'deliberationId'], refusal.code, refusal.message);
      throw new Rollback(answer(null));
    }
    // Whole seconds: the URL carries its expiry in seconds, and the two must agree.
    const expiresAt = new Date(Math.floor((now.getTime() + UPLOAD_URL_LIFETIME_MS) / 1000) * 1000);
    const [{ id: uploadId }]: { id: string }[] = await manager.query(
      `INSERT INTO evidence_uploads (deliberation_id, api_client_id, organisation_id, file_name, kind, declared_content_type, declared_size, declared_sha256, status, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [id, principal.apiClientId, principal.organisationId, file.fileName, EvidenceKind.LETTER, file.contentType, file.size, file.sha256,
        EvidenceUploadStatus.PENDING, expiresAt, now],
    );
    await recordIdempotentResult(manager, principal.apiClientId, input.idempotencyKey, { uploadId });
    return answer(toUpload(uploadId, expiresAt, file.size));
  });
}
