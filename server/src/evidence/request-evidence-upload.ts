import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EntityManager } from 'typeorm';
import { ClientPrincipal, Role } from '../auth/principal';
import { lockComplaints, Rollback, transactionOrRollback } from '../complaints/complaint-change';
import { canActAtTier } from '../complaints/complaint-scope';
import { ComplaintRow } from '../complaints/complaint.row';
import type { RequestContext } from '../graphql/context';
import { uuidOf } from '../graphql/global-id';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { Bilingual, UserErrors } from '../graphql/user-errors';
import { claimIdempotencyKey, recordIdempotentResult } from '../idempotency/idempotency.service';
import { EvidenceKind } from './evidence.entity';
import { EvidenceUploadStatus } from './evidence-upload.entity';
import { ACCEPTED_CONTENT_TYPES, ACCEPTED_TYPES, FILE_NAME_MAX, MAX_EVIDENCE_PER_COMPLAINT, NO_EVIDENCE_STATUSES, sizeLabel, UPLOAD_URL_LIFETIME_MS } from './evidence.rules';
import { EvidenceUpload } from './evidence.type';
import { uploadUrl, urlSecret } from './signed-urls';
import { words } from '../words';

const OPERATION = 'requestEvidenceUpload';

/** What describes a file of evidence about to be uploaded, whoever uploads it (an office, an intake client, the complainant). */
@InputType({ description: 'A file of evidence about to be uploaded: what it is, and how to recognise its bytes.' })
export abstract class EvidenceFileInput {
  @Field({ description: `The file's name (1–${FILE_NAME_MAX} characters, no folders), shown to handlers and auditors. The type is never taken from it.` })
  fileName: string;

  @Field({ description: 'The file’s type: `image/jpeg`, `image/png`, `image/webp`, `application/pdf` or `video/mp4`. Its bytes must be of this type (Aduan checks them).' })
  contentType: string;

  @Field(() => Int, { description: 'Its exact size in bytes: at most 10 MB (10 485 760 bytes), a video at most 50 MB (52 428 800 bytes).' })
  size: number;

  @Field({ description: 'SHA-256 of its bytes, 64 hexadecimal characters: the upload is refused when the bytes received differ.' })
  sha256: string;

  @Field(() => EvidenceKind, { nullable: true, description: 'What it shows; by default PHOTO for images, VIDEO for MP4, OTHER for PDF.' })
  kind?: EvidenceKind | null;
}

@InputType({ description: 'A file of evidence you are about to upload: what it is, and how to recognise its bytes.' })
export class RequestEvidenceUploadInput extends EvidenceFileInput {
  @Field({ description: 'Your key for this upload (1–128 characters): the same key within 24 h answers the same upload URL and creates nothing.' })
  idempotencyKey: string;

  @Field(() => ID, { description: 'The complaint it backs.' })
  complaintId: string;

}

@ObjectType({ description: 'The result of requestEvidenceUpload.' })
export class RequestEvidenceUploadPayload {
  @Field(() => EvidenceUpload, { nullable: true, description: 'Where to PUT the bytes; null when userErrors says why not.' })
  upload: EvidenceUpload | null;

  @Field(() => [UserError], { description: 'Why no upload URL was given; empty on success.' })
  userErrors: UserError[];
}

type Refusal = { field: string[] | null; code: UserErrorCode } & Bilingual;

/**
 * Why the caller may not attach evidence to this complaint now, or null: the
 * same rules when the URL is asked for and again when the bytes arrive (the
 * complaint may have been escalated or closed in between, or filled up).
 */
export function attachRefusal(principal: ClientPrincipal | null, row: ComplaintRow, filesSoFar: number): Refusal | null {
  const field = ['input', 'complaintId'];
  // A handler acts at the complaint's tier; the complainant (null: code and PIN) and intake clients at any.
  if (principal?.role === Role.HANDLER && !canActAtTier(principal, row.currentTier)) {
    return { field, code: UserErrorCode.OUTSIDE_YOUR_TIER, ...words('evidence.outsideTier', { tier: row.currentTier }) };
  }
  if (NO_EVIDENCE_STATUSES.includes(row.status)) {
    return { field, code: UserErrorCode.INVALID_TRANSITION, ...words('evidence.statusTakesNone', { status: row.status }) };
  }
  if (filesSoFar >= MAX_EVIDENCE_PER_COMPLAINT) {
    return { field, code: UserErrorCode.EVIDENCE_LIMIT_REACHED, ...words('evidence.limitReached', { max: MAX_EVIDENCE_PER_COMPLAINT }) };
  }
  return null;
}

/** Files attached to the complaint, plus uploads still able to attach (URL unexpired, or bytes arriving). */
export async function evidenceCount(manager: EntityManager, complaintId: string, now: Date): Promise<number> {
  const [{ n }] = await manager.query(
    `SELECT (SELECT count(*) FROM evidence WHERE complaint_id = $1)
          + (SELECT count(*) FROM evidence_uploads WHERE complaint_id = $1
               AND (status = 'RECEIVING' OR (status = 'PENDING' AND expires_at > $2)))::int AS n`,
    [complaintId, now],
  );
  return Number(n);
}

function defaultKind(contentType: string): EvidenceKind {
  if (contentType === 'video/mp4') return EvidenceKind.VIDEO;
  return ACCEPTED_TYPES[contentType]?.image ? EvidenceKind.PHOTO : EvidenceKind.OTHER;
}

/** What the input declares, checked and normalised; the errors name the fields at fault. */
export function declared(input: Omit<RequestEvidenceUploadInput, 'idempotencyKey' | 'complaintId'> & { complaintId?: string }, errors: UserErrors) {
  const fileName = input.fileName.trim();
  // eslint-disable-next-line no-control-regex
  if (fileName.length < 1 || fileName.length > FILE_NAME_MAX || /[\u0000-\u001f\u007f/\\]/.test(fileName)) {
    errors.add(['input', 'fileName'], UserErrorCode.INVALID_INPUT, 'evidence.fileName', { max: FILE_NAME_MAX });
  }
  const contentType = input.contentType.trim().toLowerCase();
  const accepted = ACCEPTED_TYPES[contentType];
  if (!accepted) {
    errors.add(['input', 'contentType'], UserErrorCode.UNSUPPORTED_FILE_TYPE, 'evidence.typeNotAccepted', { types: ACCEPTED_CONTENT_TYPES.join(', ') });
  }
  if (!Number.isInteger(input.size) || input.size < 1) {
    errors.add(['input', 'size'], UserErrorCode.INVALID_INPUT, 'evidence.sizeNotPositive');
  } else if (accepted && input.size > accepted.maxBytes) {
    errors.add(['input', 'size'], UserErrorCode.FILE_TOO_LARGE, 'evidence.fileTooLarge', { label: accepted.label, size: sizeLabel(accepted.maxBytes), bytes: accepted.maxBytes });
  }
  const sha256 = input.sha256.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    errors.add(['input', 'sha256'], UserErrorCode.INVALID_INPUT, 'evidence.sha256Format');
  }
  return { complaintId: input.complaintId ?? '', fileName, contentType, size: input.size, sha256, kind: input.kind ?? defaultKind(contentType) };
}

/**
 * Hands out a single-use upload URL for one file (docs/adr/0010-evidence.md).
 * Nothing about the complaint changes yet, so it takes no `version` and makes
 * no event; attaching does both, once the bytes arrive and check out. The
 * complaint is locked while the files are counted, so two requests racing for
 * the tenth place cannot both win it.
 */
export async function requestEvidenceUpload(ctx: RequestContext, principal: ClientPrincipal, input: RequestEvidenceUploadInput): Promise<RequestEvidenceUploadPayload> {
  const errors = new UserErrors(ctx.locale);
  const answer = (upload: EvidenceUpload | null) => Object.assign(new RequestEvidenceUploadPayload(), { upload, userErrors: errors.list });
  if (input.idempotencyKey.length < 1 || input.idempotencyKey.length > 128) {
    errors.add(['input', 'idempotencyKey'], UserErrorCode.INVALID_INPUT, 'idempotency.keyLength');
  }
  const file = declared(input, errors);
  if (errors.any) return answer(null);
  const secret = await urlSecret(ctx.primary);
  const origin = ctx.origin ?? 'http://localhost';
  const toUpload = (id: string, expiresAt: Date, size: number) =>
    Object.assign(new EvidenceUpload(), { url: uploadUrl(origin, secret, id, expiresAt), method: 'PUT', expiresAt, size });
  const refuse = (refusal: Refusal): never => {
    errors.add(refusal.field, refusal.code, refusal);
    throw new Rollback(answer(null));
  };

  return transactionOrRollback(ctx, async (manager) => {
    const claim = await claimIdempotencyKey<{ uploadId: string }>(manager, principal.apiClientId, OPERATION, input.idempotencyKey, file);
    if (claim.kind === 'reused') {
      return refuse({ field: ['input', 'idempotencyKey'], code: UserErrorCode.IDEMPOTENCY_KEY_REUSED, ...words('idempotency.keyReused') });
    }
    if (claim.kind === 'repeat') {
      const [first]: { id: string; expiresAt: Date; size: number }[] = await manager.query(
        'SELECT id, expires_at AS "expiresAt", declared_size AS size FROM evidence_uploads WHERE id = $1', [claim.result.uploadId]);
      return answer(toUpload(first.id, first.expiresAt, first.size));
    }
    const complaintId = uuidOf(file.complaintId, 'Complaint');
    const [row] = complaintId ? await lockComplaints(manager, principal, [complaintId]) : [];
    if (!row) {
      return refuse({ field: ['input', 'complaintId'], code: UserErrorCode.NOT_FOUND, ...words('complaint.notFound') });
    }
    const now = ctx.now();
    const refusal = attachRefusal(principal, row, await evidenceCount(manager, row.id, now));
    if (refusal) return refuse(refusal);
    // Whole seconds: the URL carries its expiry in seconds, and the two must agree.
    const expiresAt = new Date(Math.floor((now.getTime() + UPLOAD_URL_LIFETIME_MS) / 1000) * 1000);
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO evidence_uploads (complaint_id, api_client_id, organisation_id, file_name, kind, declared_content_type, declared_size, declared_sha256, status, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [row.id, principal.apiClientId, principal.organisationId, file.fileName, file.kind, file.contentType, file.size, file.sha256, EvidenceUploadStatus.PENDING, expiresAt, now],
    );
    await recordIdempotentResult(manager, principal.apiClientId, input.idempotencyKey, { uploadId: id });
    return answer(toUpload(id, expiresAt, file.size));
  });
}
