import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Refusal } from '../complaints/complaint-change';
import { ComplaintRow } from '../complaints/complaint.row';
import { asComplainant, rollbackWith } from '../complaints/complainant-pin';
import type { RequestContext } from '../graphql/context';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { EvidenceKind } from './evidence.entity';
import { EvidenceUploadStatus } from './evidence-upload.entity';
import { FILE_NAME_MAX, UPLOAD_URL_LIFETIME_MS } from './evidence.rules';
import { EvidenceUpload } from './evidence.type';
import { attachRefusal, declared, EvidenceFileInput, evidenceCount } from './request-evidence-upload';
import { uploadUrl, urlSecret } from './signed-urls';
import { Said, words } from '../words';

@InputType({ description: 'A file the complainant is about to upload (a photo, a letter), with the tracking code and reply PIN.' })
export class RequestComplainantEvidenceUploadInput extends EvidenceFileInput {
  @Field({ description: 'The tracking code from the acknowledgement, e.g. `ADU-7K3M-9Q2X`.' })
  trackingCode: string;

  @Field({ description: 'The 6-digit reply PIN from the acknowledgement.' })
  pin: string;
}

@ObjectType({ description: 'The result of requestComplainantEvidenceUpload.' })
export class RequestComplainantEvidenceUploadPayload {
  @Field(() => EvidenceUpload, { nullable: true, description: 'Where to PUT the bytes (once, within 15 minutes); null when userErrors says why not.' })
  upload: EvidenceUpload | null;

  @Field(() => [UserError], { description: 'Why no upload URL was given (a wrong, locked or expired PIN; a finished complaint; 10 files already; a file refused); empty on success.' })
  userErrors: UserError[];
}

/**
 * The complainant's door into the evidence pipeline (docs/adr/0010-evidence.md,
 * docs/adr/0026-complainant-pin.md): code and PIN instead of a client's token,
 * then the same checks as requestEvidenceUpload (type, size, 10 files, an open
 * complaint) and the same single-use URL; the PUT strips the metadata and
 * checks the bytes as for anyone, and attaches with the PUBLIC actor. The
 * upload is recorded under the complaint's intake client and organisation —
 * the door the person came in by — marked by_complainant. No idempotency key:
 * a retry makes another URL, and an unused one stops counting after 15 minutes.
 */
export async function requestComplainantEvidenceUpload(ctx: RequestContext, input: RequestComplainantEvidenceUploadInput): Promise<RequestComplainantEvidenceUploadPayload> {
  const errors = new UserErrors(ctx.locale);
  const answer = (upload: EvidenceUpload | null) => Object.assign(new RequestComplainantEvidenceUploadPayload(), { upload, userErrors: errors.list });
  const file = declared(input, errors);
  if (errors.any) return answer(null);
  const secret = await urlSecret(ctx.primary);
  const origin = ctx.origin ?? 'http://localhost';
  const refused = (refusal: Refusal | ({ field: string[] | null; code: UserErrorCode } & Said), _row: ComplaintRow | null) => {
    errors.add(refusal.field ?? null, refusal.code, refusal);
    return answer(null);
  };
  return asComplainant(ctx, input, refused, async (manager, row) => {
    const now = ctx.now();
    const refusal = attachRefusal(null, row, await evidenceCount(manager, row.id, now));
    if (refusal) return rollbackWith(refused, { ...refusal, field: ['input', 'trackingCode'] }, row);
    const [intake]: { clientId: string | null; organisationId: string | null }[] = await manager.query(
      'SELECT submitted_by_client_id AS "clientId", submitted_by_organisation_id AS "organisationId" FROM complaints WHERE id = $1', [row.id]);
    if (!intake?.clientId || !intake.organisationId) {
      // Complaints not filed through an API client (a bank's report): there is no door to record the upload under.
      return rollbackWith(refused, {
        code: UserErrorCode.INVALID_TRANSITION, field: ['input', 'trackingCode'], ...words('evidence.notByTrackingCode'),
      }, row);
    }
    const expiresAt = new Date(Math.floor((now.getTime() + UPLOAD_URL_LIFETIME_MS) / 1000) * 1000);
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO evidence_uploads (complaint_id, api_client_id, organisation_id, by_complainant, file_name, kind, declared_content_type, declared_size, declared_sha256, status, expires_at, created_at)
       VALUES ($1, $2, $3, true, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [row.id, intake.clientId, intake.organisationId, file.fileName, file.kind, file.contentType, file.size, file.sha256, EvidenceUploadStatus.PENDING, expiresAt, now],
    );
    return answer(Object.assign(new EvidenceUpload(), { url: uploadUrl(origin, secret, id, expiresAt), method: 'PUT', expiresAt, size: file.size }));
  });
}
