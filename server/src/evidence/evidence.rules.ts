import { ComplaintStatus } from '../common/enums';

/**
 * What Aduan accepts as evidence and for how long its URLs live
 * (docs/adr/0010-evidence.md). The type is always what the bytes are
 * (detected with `file-type`), never the file name or the declared type.
 */

const MB = 1024 * 1024;

export interface AcceptedType {
  /** What people call it, in messages. */
  label: string;
  /** The most bytes a file of this type may have. */
  maxBytes: number;
  /** Images are re-encoded without their metadata (location first of all); sharp's output format. */
  image?: 'jpeg' | 'png' | 'webp';
  /** The file extension of a download. */
  extension: string;
}

export const ACCEPTED_TYPES: Readonly<Record<string, AcceptedType>> = {
  'image/jpeg': { label: 'JPEG', maxBytes: 10 * MB, image: 'jpeg', extension: 'jpg' },
  'image/png': { label: 'PNG', maxBytes: 10 * MB, image: 'png', extension: 'png' },
  'image/webp': { label: 'WebP', maxBytes: 10 * MB, image: 'webp', extension: 'webp' },
  'application/pdf': { label: 'PDF', maxBytes: 10 * MB, extension: 'pdf' },
  'video/mp4': { label: 'MP4', maxBytes: 50 * MB, extension: 'mp4' },
};

export const ACCEPTED_CONTENT_TYPES = Object.keys(ACCEPTED_TYPES);

/**
 * The CHECK constraints both evidence tables share, built from the list above so
 * the database and the service accept the same types (adding a type is still a
 * migration: the drift check then asks for one).
 */
export const acceptedContentTypeCheck = (column: string) => `"${column}" IN (${ACCEPTED_CONTENT_TYPES.map((type) => `'${type}'`).join(', ')})`;
export const sha256FormatCheck = (column: string) => `"${column}" ~ '^[0-9a-f]{64}$'`;

export const MAX_FILE_BYTES = 10 * MB;
export const MAX_VIDEO_BYTES = 50 * MB;

/** Files per complaint, attached or being uploaded. */
export const MAX_EVIDENCE_PER_COMPLAINT = 10;

/** An upload URL is used within this time, once. */
export const UPLOAD_URL_LIFETIME_MS = 15 * 60_000;
/** A download URL works this long, for the client it was issued to. */
export const DOWNLOAD_URL_LIFETIME_MS = 5 * 60_000;
/** An upload still receiving after this long is abandoned: the cleanup job ends it and removes its data. */
export const RECEIVE_TIMEOUT_MS = 30 * 60_000;
/** A stored object no evidence refers to is removed once its last claim is this old (an upload between claim and attach takes seconds). */
export const ORPHAN_GRACE_MS = 60 * 60_000;

/** Decoding bigger images takes memory a small server does not have (a 50 MP image is ~150 MB of pixels); phone photos are 12–50 MP. */
export const MAX_IMAGE_PIXELS = 50_000_000;

export const FILE_NAME_MAX = 200;

/** A finished complaint takes no new evidence: an appeal (reopenComplaint) does. */
export const NO_EVIDENCE_STATUSES: readonly ComplaintStatus[] = [ComplaintStatus.CLOSED, ComplaintStatus.REJECTED, ComplaintStatus.DUPLICATE];

export function sizeLabel(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
