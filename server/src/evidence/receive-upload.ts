import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { EntityManager } from 'typeorm';
import { ClientPrincipal, PUBLIC } from '../auth/principal';
import { COMPLAINT_COLUMNS } from '../complaints/complaint.row';
import { ComplaintEventType, EventVisibility } from '../complaints/complaint-event.entity';
import { applyChange, lockComplaints, Rollback } from '../complaints/complaint-change';
import type { Locale } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import { UserErrorCode } from '../graphql/user-error';
import { Bilingual, userError } from '../graphql/user-errors';
import { detectContentType } from './detect-type';
import { EvidenceKind } from './evidence.entity';
import { ACCEPTED_TYPES, sizeLabel } from './evidence.rules';
import { EvidenceUploadStatus } from './evidence-upload.entity';
import { EvidenceServices } from './evidence-services';
import { attachRefusal } from './request-evidence-upload';
import { verifyUploadUrl, urlSecret } from './signed-urls';
import { ObjectSource } from './storage/evidence-storage';
import { UnreadableImageError, withoutMetadata } from './strip-metadata';
import { pdfWithoutMetadata, UnreadablePdfError } from './strip-pdf-metadata';
import { AttachedMinutes, attachMinutes } from '../deliberations/attach-minutes';
import { words } from '../words';

/** The answer to a PUT of an upload URL: like a mutation's payload, with the HTTP status that fits. */
export interface UploadAnswer {
  status: number;
  /** `minutes` only for a deliberation's minutes (docs/adr/0038), `evidence` then null. */
  body: { evidence: AttachedEvidence | null; minutes?: AttachedMinutes; userErrors: ReturnType<typeof userError>[] };
}

/** The evidence as the PUT's answer shows it (the SDK then reads it through GraphQL). */
export interface AttachedEvidence {
  id: string;
  complaintId: string;
  kind: EvidenceKind;
  contentType: string;
  size: number;
  sha256: string;
  uploadedSize: number;
  uploadedSha256: string;
  metadataRemoved: boolean;
  attachedAt: string;
}

export interface UploadRequest {
  uploadId: string;
  query: Record<string, unknown>;
  /** The Content-Length header, when the client sent one. */
  contentLength: string | undefined;
  body: Readable;
  locale: Locale;
}

interface Session {
  id: string;
  /** The complaint the file backs, or null: the minutes of deliberationId. */
  complaintId: string | null;
  deliberationId: string | null;
  apiClientId: string;
  organisationId: string;
  fileName: string;
  kind: EvidenceKind;
  declaredContentType: string;
  declaredSize: number;
  declaredSha256: string;
  /** Asked for by the complainant with code and PIN (complainant-evidence-upload.ts): attached with the PUBLIC actor. */
  byComplainant: boolean;
}

/** A refusal of the upload: its code, HTTP status and words; the upload is then REFUSED and nothing is stored. */
class Refused {
  constructor(readonly status: number, readonly code: UserErrorCode, readonly field: string[] | null, readonly message: Bilingual) {}
}

const KIND_WORDS: Record<EvidenceKind, string> = {
  [EvidenceKind.ID_CARD]: 'KTP',
  [EvidenceKind.FAMILY_CARD]: 'KK',
  [EvidenceKind.LETTER]: 'surat',
  [EvidenceKind.PHOTO]: 'foto',
  [EvidenceKind.VIDEO]: 'video',
  [EvidenceKind.OTHER]: 'berkas',
};

const REFUSAL_STATUS: Partial<Record<UserErrorCode, number>> = {
  [UserErrorCode.NOT_FOUND]: 404,
  [UserErrorCode.OUTSIDE_YOUR_TIER]: 403,
  [UserErrorCode.INVALID_TRANSITION]: 409,
  [UserErrorCode.EVIDENCE_LIMIT_REACHED]: 409,
};

/**
 * One PUT of an upload URL (docs/adr/0010-evidence.md): verify the URL, take
 * its session out of PENDING (which makes it single-use), stream the body to
 * local staging while hashing and counting — stopping as soon as it exceeds
 * the declared size — then check the size, the SHA-256 and the type the bytes
 * really are, strip an image's metadata, store the result under its own
 * SHA-256, and attach it to the complaint with an EVIDENCE_ATTACHED event.
 * Any refusal stores nothing; staging is removed whatever happens.
 */
export async function receiveUpload(services: EvidenceServices, request: UploadRequest): Promise<UploadAnswer> {
  const { dataSource, now } = services;
  const answer = (status: number, refusal: Refused | null, evidence: AttachedEvidence | null = null, minutes?: AttachedMinutes): UploadAnswer => ({
    status,
    body: { evidence, ...(minutes ? { minutes } : {}), userErrors: refusal ? [userError(request.locale, refusal.field, refusal.code, refusal.message)] : [] },
  });

  const verified = verifyUploadUrl(await urlSecret(dataSource), request.uploadId, request.query, now());
  if (verified.kind === 'invalid') return answer(403, invalidUrl());
  if (verified.kind === 'expired') return answer(410, expiredUrl());
  const session = await takeSession(services, verified.uploadId);
  if ('refused' in session) return answer(session.refused.status, session.refused);

  const stagingPath = path.join(services.storage.stagingDir, `${session.id}.part`);
  try {
    // The complainant's upload was authorised by code and PIN when its URL was made; a client's, by the client still being allowed.
    const principal = session.byComplainant ? null : await services.tokens.clientPrincipal(session.apiClientId);
    if (!session.byComplainant && !principal) throw new Refused(403, UserErrorCode.UPLOAD_URL_INVALID, ['url'], words('evidence.clientMayNoLongerUpload'));
    const received = await receiveBody(request, session, stagingPath, services.storage.stagingDir);
    // A body that took longer than RECEIVE_TIMEOUT_MS: the cleanup job has ended the upload and removed its staging file.
    if (!(await stillReceiving(services, session.id))) throw expiredUrl();
    const stored = await checkAndPrepare(session, stagingPath, received);
    await claimObject(services, stored);
    await services.storage.put(stored.sha256, stored.source, stored.contentType);
    const minutes = session.deliberationId ? await attachMinutesOrRefuse(services, principal!, session, stored, received) : undefined;
    const evidence = minutes ? null : await attach(services, principal, session, stored, received);
    if (principal) await services.noteWrite?.(principal).catch((error: Error) => {
      services.logger.warn({ err: { message: error.message } }, 'could not record the write position: this client may read from the replica a moment early');
    });
    return answer(201, null, evidence, minutes);
  } catch (error) {
    if (!(error instanceof Refused)) {
      await endSession(services, session.id, EvidenceUploadStatus.FAILED, null).catch(() => undefined);
      throw error;
    }
    await endSession(services, session.id, EvidenceUploadStatus.REFUSED, error.code);
    return answer(error.status, error);
  } finally {
    await rm(stagingPath, { force: true });
  }
}

/** Moves the session from PENDING to RECEIVING: only one PUT can, so the URL works once. */
async function takeSession(services: EvidenceServices, uploadId: string): Promise<Session | { refused: Refused }> {
  const now = services.now();
  const [taken]: [Session[], number] = await services.dataSource.query(
    `UPDATE evidence_uploads SET status = 'RECEIVING', started_at = $2
      WHERE id = $1 AND status = 'PENDING' AND expires_at > $2
      RETURNING id, complaint_id AS "complaintId", deliberation_id AS "deliberationId", api_client_id AS "apiClientId", organisation_id AS "organisationId", file_name AS "fileName", kind,
                declared_content_type AS "declaredContentType", declared_size AS "declaredSize", declared_sha256 AS "declaredSha256",
                by_complainant AS "byComplainant"`,
    [uploadId, now],
  );
  if (taken[0]) return taken[0];
  const [found]: { status: EvidenceUploadStatus }[] = await services.dataSource.query('SELECT status FROM evidence_uploads WHERE id = $1', [uploadId]);
  if (!found) return { refused: invalidUrl() };
  if (found.status === EvidenceUploadStatus.PENDING || found.status === EvidenceUploadStatus.EXPIRED) return { refused: expiredUrl() };
  return {
    refused: new Refused(409, UserErrorCode.UPLOAD_URL_USED, ['url'], words('evidence.uploadUrlUsed')),
  };
}

const invalidUrl = () => new Refused(403, UserErrorCode.UPLOAD_URL_INVALID, ['url'], words('evidence.uploadUrlInvalid'));

const expiredUrl = () => new Refused(410, UserErrorCode.UPLOAD_URL_EXPIRED, ['url'], words('evidence.uploadUrlExpired'));

interface Received { size: number; sha256: string }

/**
 * Streams the body into staging, hashing and counting as it goes. A declared
 * Content-Length that differs is refused before a byte is read; a body that
 * runs past the declared size is cut off there, so no more than the declared
 * size (at most 50 MB) is ever written, whatever the client sends.
 */
async function receiveBody(request: UploadRequest, session: Session, stagingPath: string, stagingDir: string): Promise<Received> {
  const declared = session.declaredSize;
  const tooLong = () => new Refused(413, UserErrorCode.SIZE_MISMATCH, ['body'], words('evidence.bodyTooLong', { declared }));
  const tooShort = (size: number) => new Refused(400, UserErrorCode.SIZE_MISMATCH, ['body'], words('evidence.bodyTooShort', { size, declared }));
  if (request.contentLength !== undefined) {
    const length = Number(request.contentLength);
    if (length > declared) throw tooLong();
    if (length < declared) throw tooShort(length);
  }
  await mkdir(stagingDir, { recursive: true, mode: 0o700 });
  const file = createWriteStream(stagingPath, { mode: 0o600 });
  const hash = createHash('sha256');
  let size = 0;
  const outcome = await new Promise<'complete' | 'too-long' | 'gone'>((resolve) => {
    const body = request.body;
    const stop = (result: 'complete' | 'too-long' | 'gone') => {
      body.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > declared) {
        // Leave the rest unread: the HTTP layer discards it (and closes the connection) after answering.
        body.pause();
        stop('too-long');
        return;
      }
      hash.update(chunk);
      if (!file.write(chunk)) {
        body.pause();
        file.once('drain', () => body.resume());
      }
    };
    const onEnd = () => stop('complete');
    const onGone = () => stop('gone');
    const onClose = () => stop(body.readableEnded ? 'complete' : 'gone');
    body.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onClose);
  });
  file.end();
  await finished(file);
  if (outcome === 'too-long') throw tooLong();
  if (outcome === 'gone' || size < declared) throw tooShort(size);
  return { size, sha256: hash.digest('hex') };
}

interface Stored { sha256: string; size: number; contentType: string; source: ObjectSource; metadataRemoved: boolean }

/** The checks on what arrived (hash, then the type the bytes are), and the bytes to store. */
async function checkAndPrepare(session: Session, stagingPath: string, received: Received): Promise<Stored> {
  if (received.sha256 !== session.declaredSha256) {
    throw new Refused(422, UserErrorCode.HASH_MISMATCH, ['body'], words('evidence.hashMismatch'));
  }
  const declaredType = ACCEPTED_TYPES[session.declaredContentType];
  const detected = await detectContentType(stagingPath);
  if (detected !== session.declaredContentType) {
    const what = detected ? (ACCEPTED_TYPES[detected]?.label ?? detected) : null;
    throw new Refused(415, UserErrorCode.CONTENT_TYPE_MISMATCH, ['body'], words('evidence.typeMismatch', { label: declaredType.label, detected: what || null }));
  }
  if (declaredType.extension === 'pdf' && session.deliberationId) {
    // Public minutes: the PDF's metadata goes too (author, software, XMP, photos' EXIF). A complaint's PDF evidence is seen by
    // handlers only and stays byte for byte as the complainant gave it (docs/adr/0038).
    let bytes: Buffer;
    try {
      bytes = await pdfWithoutMetadata(stagingPath);
    } catch (error) {
      if (!(error instanceof UnreadablePdfError)) throw error;
      throw new Refused(422, UserErrorCode.UNREADABLE_FILE, ['body'], words('evidence.unreadable', { label: declaredType.label }));
    }
    return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, contentType: detected, source: { bytes }, metadataRemoved: true };
  }
  if (!declaredType.image) {
    return { sha256: received.sha256, size: received.size, contentType: detected, source: { path: stagingPath, size: received.size }, metadataRemoved: false };
  }
  let bytes: Buffer;
  try {
    bytes = await withoutMetadata(stagingPath, declaredType.image);
  } catch (error) {
    if (!(error instanceof UnreadableImageError)) throw error;
    throw new Refused(422, UserErrorCode.UNREADABLE_FILE, ['body'], words('evidence.unreadable', { label: declaredType.label }));
  }
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, contentType: detected, source: { bytes }, metadataRemoved: true };
}

/** The lock the cleanup job takes too before removing an object: serialises a claim with a removal of the same object. */
export async function lockObject(manager: EntityManager, sha256: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('aduan-evidence-object:' || $1, 0))`, [sha256]);
}

/**
 * Claims the object before its bytes are written, in a transaction of its
 * own: from then on the cleanup job leaves it alone for ORPHAN_GRACE_MS, so it
 * cannot remove bytes this upload is about to attach (or reuse, when the same
 * bytes are stored already).
 */
async function claimObject(services: EvidenceServices, stored: Stored): Promise<void> {
  await services.dataSource.transaction(async (manager) => {
    await lockObject(manager, stored.sha256);
    await manager.query(
      `INSERT INTO evidence_objects (sha256, size, content_type, claimed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sha256) DO UPDATE SET claimed_at = greatest(evidence_objects.claimed_at, EXCLUDED.claimed_at)`,
      [stored.sha256, stored.size, stored.contentType, services.now()],
    );
  });
}

/**
 * Attaches the stored file, in one transaction: the session must still be
 * receiving (the cleanup job may have ended an upload that stalled), the
 * complaint still within the uploader's reach and open to evidence, with
 * room for it; then the evidence row, the session ATTACHED, and the
 * complaint's new version with its EVIDENCE_ATTACHED event.
 */
async function attach(services: EvidenceServices, principal: ClientPrincipal | null, session: Session, stored: Stored, received: Received): Promise<AttachedEvidence> {
  const now = services.now();
  try {
    return await services.dataSource.transaction(async (manager) => {
      const [current]: { status: EvidenceUploadStatus }[] = await manager.query('SELECT status FROM evidence_uploads WHERE id = $1 FOR UPDATE', [session.id]);
      if (current?.status !== EvidenceUploadStatus.RECEIVING) throw new Rollback(expiredUrl());
      const [row] = principal
        ? await lockComplaints(manager, principal, [session.complaintId!])
        : await manager.query(`SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = $1 FOR UPDATE`, [session.complaintId]);
      if (!row) throw new Rollback(new Refused(404, UserErrorCode.NOT_FOUND, null, words('complaint.notFound')));
      const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM evidence WHERE complaint_id = $1', [row.id]);
      const refusal = attachRefusal(principal, row, n);
      if (refusal) throw new Rollback(new Refused(REFUSAL_STATUS[refusal.code] ?? 409, refusal.code, null, refusal));
      const [evidence]: { id: string; attachedAt: Date }[] = await manager.query(
        `INSERT INTO evidence (complaint_id, object_sha256, kind, content_type, size, uploaded_size, uploaded_sha256, metadata_removed, file_name,
                               attached_by_client_id, attached_by_organisation_id, attached_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id, attached_at AS "attachedAt"`,
        [row.id, stored.sha256, session.kind, stored.contentType, stored.size, received.size, received.sha256, stored.metadataRemoved, session.fileName,
          session.apiClientId, session.organisationId, now],
      );
      await manager.query(`UPDATE evidence_uploads SET status = 'ATTACHED', evidence_id = $2, finished_at = $3 WHERE id = $1`, [session.id, evidence.id, now]);
      // A new version: whoever read the complaint before must read it again — and see this evidence — before deciding on it.
      await applyChange({ now: services.now }, manager, principal ?? PUBLIC, row, {
        set: {},
        events: [{
          type: ComplaintEventType.EVIDENCE_ATTACHED,
          visibility: EventVisibility.INTERNAL,
          message: `Bukti dilampirkan: ${KIND_WORDS[session.kind]} (${ACCEPTED_TYPES[stored.contentType].label}, ${sizeLabel(stored.size)}).`,
          data: { evidenceId: evidence.id, kind: session.kind, contentType: stored.contentType, size: stored.size, ...(principal ? {} : { byComplainant: true }) },
        }],
      });
      return {
        id: toGlobalId('Evidence', evidence.id),
        complaintId: toGlobalId('Complaint', row.id),
        kind: session.kind,
        contentType: stored.contentType,
        size: stored.size,
        sha256: stored.sha256,
        uploadedSize: received.size,
        uploadedSha256: received.sha256,
        metadataRemoved: stored.metadataRemoved,
        attachedAt: evidence.attachedAt.toISOString(),
      };
    });
  } catch (error) {
    if (error instanceof Rollback) throw error.value as Refused;
    throw error;
  }
}

/** The deliberation's minutes attached (deliberations/attach-minutes.ts), or its refusal as the upload's answer. */
async function attachMinutesOrRefuse(
  services: EvidenceServices, principal: ClientPrincipal, session: Session, stored: Stored, received: Received,
): Promise<AttachedMinutes> {
  const result = await attachMinutes(services, principal, {
    uploadId: session.id, deliberationId: session.deliberationId!, fileName: session.fileName, apiClientId: session.apiClientId, organisationId: session.organisationId,
  }, { ...stored, uploadedSize: received.size, uploadedSha256: received.sha256 });
  if ('refused' in result) {
    const refused = result.refused;
    throw new Refused(refused.code === UserErrorCode.NOT_FOUND ? 404 : 409, refused.code, null, refused.message);
  }
  return result;
}

async function stillReceiving(services: EvidenceServices, uploadId: string): Promise<boolean> {
  const [row]: { status: EvidenceUploadStatus }[] = await services.dataSource.query('SELECT status FROM evidence_uploads WHERE id = $1', [uploadId]);
  return row?.status === EvidenceUploadStatus.RECEIVING;
}

/** Ends a session that is still receiving (an ended one — expired by the cleanup job — stays as it is). */
async function endSession(services: EvidenceServices, uploadId: string, status: EvidenceUploadStatus, code: UserErrorCode | null): Promise<void> {
  await services.dataSource.query(
    `UPDATE evidence_uploads SET status = $2, refusal_code = $3, finished_at = $4 WHERE id = $1 AND status = 'RECEIVING'`,
    [uploadId, status, code, services.now()],
  );
}
