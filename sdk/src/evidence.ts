import { AduanError } from './errors.js';
import type { EvidenceFieldsFragment, EvidenceKind, UserErrorFieldsFragment } from './generated/graphql.js';
import type { Operations } from './generated/operations.js';
import type { FetchFunction } from './http.js';
import type { RequestOptions } from './request.js';

/** What `uploadEvidence` needs to know about the file besides its bytes. */
export interface UploadEvidenceOptions extends RequestOptions {
  /** Shown to handlers and auditors (1–200 characters, no folders). */
  fileName: string;
  /** `image/jpeg`, `image/png`, `image/webp`, `application/pdf` or `video/mp4`: the server checks the bytes are of this type. */
  contentType: string;
  /** What it shows; by default PHOTO for images, VIDEO for MP4, OTHER for PDF. */
  kind?: EvidenceKind;
  /** Make it from your own record's id to stay safe across re-runs: the same key answers the first upload. */
  idempotencyKey?: string;
}

/** The attached evidence, or why not: as a mutation answers, never thrown. */
export interface UploadEvidenceResult {
  evidence: EvidenceFieldsFragment | null;
  userErrors: UserErrorFieldsFragment[];
}

export type UploadEvidence = (complaintId: string, file: Blob | ArrayBuffer | Uint8Array, options: UploadEvidenceOptions) => Promise<UploadEvidenceResult>;

interface PutAnswer {
  evidence: { id: string } | null;
  userErrors: UserErrorFieldsFragment[];
}

/**
 * The upload in one call: SHA-256 of the bytes (WebCrypto: Node 20+ and
 * browsers, which allow it on https and localhost), `requestEvidenceUpload`,
 * one PUT of the bytes to the URL it answers, then the attached evidence read
 * back with `complaintEvidence`. The PUT is not retried (its URL works once);
 * with your own `idempotencyKey`, calling again after a lost answer finds the
 * evidence the first call attached.
 */
export function evidenceUploader(operations: Operations, fetchFn: FetchFunction, headers: Record<string, string>): UploadEvidence {
  return async (complaintId, file, options) => {
    const { fileName, contentType, kind, idempotencyKey, ...requestOptions } = options;
    const bytes = file instanceof Uint8Array ? file : file instanceof ArrayBuffer ? new Uint8Array(file) : new Uint8Array(await file.arrayBuffer());
    const sha256 = await sha256Hex(bytes);
    const requested = await operations.requestEvidenceUpload(
      { complaintId, fileName, contentType, size: bytes.byteLength, sha256, ...(kind ? { kind } : {}), ...(idempotencyKey ? { idempotencyKey } : {}) },
      requestOptions,
    );
    if (!requested.upload) return { evidence: null, userErrors: requested.userErrors };
    // The SDK's own headers only (language, client name): the URL is the credential, and a token has no business there.
    const answer = await put(fetchFn, requested.upload.url, bytes, contentType, headers, requestOptions.signal);
    const attachedId = answer.evidence?.id;
    const usedBefore = answer.userErrors.length === 1 && answer.userErrors[0].code === 'UPLOAD_URL_USED';
    if (!attachedId && !usedBefore) return { evidence: null, userErrors: answer.userErrors };
    const complaint = await operations.complaintEvidence(complaintId, requestOptions);
    const evidence = complaint?.evidence.find((e) => (attachedId ? e.id === attachedId : e.uploadedSha256 === sha256)) ?? null;
    return evidence ? { evidence, userErrors: [] } : { evidence: null, userErrors: answer.userErrors };
  };
}

/** The complainant's upload: attached (as the PUT answered), or why not. */
export interface UploadComplainantEvidenceResult {
  attached: boolean;
  userErrors: UserErrorFieldsFragment[];
}

export type UploadComplainantEvidence = (
  credentials: { trackingCode: string; pin: string }, file: Blob | ArrayBuffer | Uint8Array, options: Omit<UploadEvidenceOptions, 'idempotencyKey'>,
) => Promise<UploadComplainantEvidenceResult>;

/**
 * The complainant's upload in one call, with code and PIN (docs/adr/0026): SHA-256 of the bytes,
 * `requestComplainantEvidenceUpload`, one PUT. The person cannot read evidence back (the API shows evidence to
 * clients only), so the answer is whether the PUT attached it.
 */
export function complainantEvidenceUploader(operations: Operations, fetchFn: FetchFunction, headers: Record<string, string>): UploadComplainantEvidence {
  return async ({ trackingCode, pin }, file, options) => {
    const { fileName, contentType, kind, ...requestOptions } = options;
    const bytes = file instanceof Uint8Array ? file : file instanceof ArrayBuffer ? new Uint8Array(file) : new Uint8Array(await file.arrayBuffer());
    const sha256 = await sha256Hex(bytes);
    const requested = await operations.requestComplainantEvidenceUpload(
      { trackingCode, pin, fileName, contentType, size: bytes.byteLength, sha256, ...(kind ? { kind } : {}) },
      requestOptions,
    );
    if (!requested.upload) return { attached: false, userErrors: requested.userErrors };
    const answer = await put(fetchFn, requested.upload.url, bytes, contentType, headers, requestOptions.signal);
    return { attached: answer.evidence !== null, userErrors: answer.userErrors };
  };
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new TypeError('uploadEvidence: no WebCrypto here (browsers offer it on https and localhost only).');
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function put(fetchFn: FetchFunction, url: string, bytes: Uint8Array, contentType: string, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<PutAnswer> {
  let response: Response;
  try {
    response = await fetchFn(url, { method: 'PUT', headers: { ...headers, 'content-type': contentType }, body: bytes as Uint8Array<ArrayBuffer>, signal });
  } catch (error) {
    const code = signal?.aborted ? 'ABORTED' : 'NETWORK_ERROR';
    throw new AduanError({ code, message: `The upload did not complete: ${(error as Error).message}.`, operationName: 'uploadEvidence', cause: error });
  }
  const text = await response.text();
  let body: Partial<PutAnswer> | undefined;
  try {
    body = JSON.parse(text) as Partial<PutAnswer>;
  } catch {
    body = undefined;
  }
  if (!body || !Array.isArray(body.userErrors)) {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    throw new AduanError({ code: 'HTTP_ERROR', message: `The upload URL answered HTTP ${response.status} without a result.`, status: response.status, requestId, operationName: 'uploadEvidence' });
  }
  return { evidence: body.evidence ?? null, userErrors: body.userErrors };
}
