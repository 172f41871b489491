import { AduanError, newIdempotencyKey, type AduanClient, type EvidenceFieldsFragment, type EvidenceKind, type UserErrorFieldsFragment } from '@aduan/sdk';
import type { Ticket } from './attachment-ticket.js';
import { EVIDENCE_KIND_LABELS, fileSizeLabel, fileTypeLabel, formatDateTime } from './labels.js';
import { unavailable } from './unavailable.js';

/** Aduan's limit for a photo or a PDF (10 MiB); the portal refuses bigger ones itself, before they reach Aduan. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** One request: one file at the limit, plus the form's other fields and the multipart framing. */
export const UPLOAD_REQUEST_LIMIT = MAX_FILE_BYTES + 64 * 1024;
/**
 * What the portal offers: photos and PDF letters. Aduan also takes MP4 video,
 * but keeps a video's location data (it cannot rewrite the container yet), and
 * a citizen's phone video is rarely under 10 MB anyway.
 */
export const OFFERED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/** Aduan's own limit per complaint; shown in the hint. */
export const MAX_FILES_PER_COMPLAINT = 10;

/** Aduan refuses longer names; the portal shortens them instead. */
const FILE_NAME_MAX = 200;

export interface UploadedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** What happened to one file the person sent. */
export type Outcome =
  | { fileName: string; attached: true; evidence: EvidenceFieldsFragment }
  /** `unavailable`: Aduan could not be reached; the same file may simply be sent again later. */
  | { fileName: string; attached: false; message: string; unavailable?: true };

/** A file attached to the complaint, ready to show. */
export interface AttachedFile {
  fileName: string;
  kind: string;
  type: string;
  size: string;
  attachedAt: string;
  metadataRemoved: boolean;
}

const MESSAGES = {
  empty: 'Berkas ini kosong (0 byte). Pilih berkas lain.',
  unsupported: 'Jenis berkas ini tidak diterima. Lampirkan foto (JPEG, PNG, atau WebP) atau surat dalam bentuk PDF.',
  mismatch: 'Isi berkas tidak sesuai dengan jenisnya (misalnya berkas teks yang namanya diganti menjadi .jpg). Lampirkan foto JPEG, PNG, atau WebP, atau berkas PDF yang asli.',
  unreadable: 'Berkas rusak atau gambarnya terlalu besar (lebih dari 50 megapiksel) sehingga tidak dapat dibaca. Coba ambil foto ulang atau pilih berkas lain.',
  tooLarge: `Berkas terlalu besar: paling besar ${fileSizeLabel(MAX_FILE_BYTES)} per berkas. Perkecil ukuran foto, atau pindai surat dengan resolusi lebih rendah.`,
  limit: `Pengaduan ini sudah memiliki ${MAX_FILES_PER_COMPLAINT} lampiran, jumlah paling banyak. Bukti lainnya dapat Anda serahkan kepada petugas saat verifikasi.`,
  closed: 'Pengaduan ini sudah selesai atau ditutup sehingga tidak dapat menerima lampiran baru.',
  notFound: 'Pengaduan ini tidak ditemukan, sehingga berkas tidak dapat dilampirkan.',
  interrupted: 'Pengiriman berkas terputus sebelum selesai. Pilih berkasnya lagi, lalu kirim ulang.',
  fileName: 'Nama berkas tidak dapat dipakai. Ganti nama berkas, lalu kirim ulang.',
} as const;

/** Each refusal Aduan can give to an upload, in words a citizen can act on. */
const MESSAGE_OF_CODE: Partial<Record<UserErrorFieldsFragment['code'], string>> = {
  UNSUPPORTED_FILE_TYPE: MESSAGES.unsupported,
  CONTENT_TYPE_MISMATCH: MESSAGES.mismatch,
  UNREADABLE_FILE: MESSAGES.unreadable,
  FILE_TOO_LARGE: MESSAGES.tooLarge,
  EVIDENCE_LIMIT_REACHED: MESSAGES.limit,
  INVALID_TRANSITION: MESSAGES.closed,
  NOT_FOUND: MESSAGES.notFound,
  SIZE_MISMATCH: MESSAGES.interrupted,
  HASH_MISMATCH: MESSAGES.interrupted,
  UPLOAD_URL_EXPIRED: MESSAGES.interrupted,
  UPLOAD_URL_USED: MESSAGES.interrupted,
  UPLOAD_URL_INVALID: MESSAGES.interrupted,
};

/**
 * Aduan's refusal of an upload as a message for the person. The codes the
 * portal knows get its own words; anything else gets Aduan's message, already
 * in Bahasa Indonesia (the client's locale is `id`).
 */
export function refusalMessage(userErrors: readonly UserErrorFieldsFragment[]): string {
  const [error] = userErrors;
  if (!error) return MESSAGES.interrupted;
  const known = MESSAGE_OF_CODE[error.code];
  if (known) return known;
  const field = error.field?.at(-1);
  if (error.code === 'INVALID_INPUT' && field === 'size') return MESSAGES.empty;
  if (error.code === 'INVALID_INPUT' && field === 'fileName') return MESSAGES.fileName;
  return error.message;
}

/** The name as Aduan takes it: no folders (old browsers sent whole paths), no control characters, at most 200 characters. */
export function cleanFileName(name: string | null): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  let short = base.slice(0, FILE_NAME_MAX);
  if (/[\ud800-\udbff]$/.test(short)) short = short.slice(0, -1); // never half an emoji
  return short || 'berkas';
}

/** A photo shows something; a PDF sent through this form is, in practice, a letter (surat keterangan). */
function defaultKind(contentType: string): EvidenceKind {
  return contentType === 'application/pdf' ? 'LETTER' : 'PHOTO';
}

/**
 * Attaches the files, one after the other, to the ticket's complaint through
 * the SDK's `uploadEvidence` (hash, upload URL, PUT, read back), with the
 * portal's own token. Each file's idempotency key comes from the form it was
 * sent with (`batchKey`) and its place in it, so the same form sent twice (a
 * refresh of the answer page) attaches nothing twice. When Aduan cannot be
 * reached, the files not yet sent are reported as not attached.
 */
export async function attachFiles(aduan: AduanClient, ticket: Ticket, files: readonly UploadedFile[], options: { kind: EvidenceKind | null; batchKey: string }): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let down: string | null = null;
  for (const [index, file] of files.entries()) {
    const refuse = (message: string) => outcomes.push({ fileName: file.fileName, attached: false, message });
    if (down) {
      outcomes.push({ fileName: file.fileName, attached: false, message: down, unavailable: true });
      continue;
    }
    if (file.data.length === 0) refuse(MESSAGES.empty);
    else if (file.data.length > MAX_FILE_BYTES) refuse(MESSAGES.tooLarge);
    else if (!(OFFERED_TYPES as readonly string[]).includes(file.contentType)) refuse(MESSAGES.unsupported);
    else {
      const upload = (idempotencyKey: string) => aduan.uploadEvidence(ticket.complaintId, file.data, {
        fileName: file.fileName,
        contentType: file.contentType,
        kind: options.kind ?? defaultKind(file.contentType),
        idempotencyKey,
      });
      try {
        let { evidence, userErrors } = await upload(`portal-lampiran-${options.batchKey}-${index}`);
        if (userErrors.some((e) => e.code === 'IDEMPOTENCY_KEY_REUSED')) {
          // This form was sent before with other files (Back, choose another file, send): the person chose
          // these files now, so they are a new upload, under a key of their own.
          ({ evidence, userErrors } = await upload(`portal-lampiran-${newIdempotencyKey()}`));
        }
        if (evidence) outcomes.push({ fileName: file.fileName, attached: true, evidence });
        else refuse(refusalMessage(userErrors));
      } catch (error) {
        down = unavailable(error, 'uploadEvidence').message;
        outcomes.push({ fileName: file.fileName, attached: false, message: down, unavailable: true });
      }
    }
  }
  return outcomes;
}

/**
 * What is attached to the complaint so far: Aduan shows the portal the files
 * it attached itself (name, type, size, time), never their content. Null when
 * Aduan cannot be asked: the page then shows the outcomes without the list.
 */
export async function attachedFiles(aduan: AduanClient, complaintId: string): Promise<AttachedFile[] | null> {
  try {
    const complaint = await aduan.complaintEvidence(complaintId);
    return (complaint?.evidence ?? [])
      .toSorted((a, b) => a.attachedAt.localeCompare(b.attachedAt))
      .map(describeEvidence);
  } catch (error) {
    if (!(error instanceof AduanError)) throw error;
    unavailable(error, 'complaintEvidence'); // logged; the list is only a convenience
    return null;
  }
}

export function describeEvidence(evidence: EvidenceFieldsFragment): AttachedFile {
  return {
    fileName: evidence.fileName ?? 'berkas',
    kind: EVIDENCE_KIND_LABELS[evidence.kind],
    type: fileTypeLabel(evidence.contentType),
    // What the person sent: the size they know their file by (a photo is stored re-encoded, a little different).
    size: fileSizeLabel(evidence.uploadedSize),
    attachedAt: formatDateTime(evidence.attachedAt),
    metadataRemoved: evidence.metadataRemoved,
  };
}
