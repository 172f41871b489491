import type { EvidenceKind } from '@aduan/sdk';

/**
 * What this line accepts as evidence, and how a file is described to Aduan.
 * Aduan checks every file's bytes itself; these checks only spare downloading
 * what it would refuse anyway.
 */

/** Aduan's limit for photos and PDFs (10 MiB). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/**
 * Photos and PDF documents. Not video: Aduan keeps a video's location data
 * (it cannot rewrite MP4 yet), and a WhatsApp video is the sender's location
 * as often as not. Not audio, which Aduan does not take.
 */
const ACCEPTED: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** `image/jpeg; charset=binary` → `image/jpeg`; null for nothing. */
export function bareType(mimeType: string | null | undefined): string | null {
  const type = mimeType?.split(';')[0].trim().toLowerCase();
  return type || null;
}

export function isAcceptedType(contentType: string | null): contentType is string {
  return contentType !== null && Object.hasOwn(ACCEPTED, contentType);
}

/**
 * What the file shows, from the words of its caption when they say it (KTP,
 * KK, surat); otherwise a photo is a photo, and a PDF sent to a complaint line
 * is, in practice, a letter (surat keterangan).
 */
export function evidenceKind(contentType: string, caption: string | null): EvidenceKind {
  const words = caption ?? '';
  if (/\bktp\b|\bkartu tanda penduduk\b/i.test(words)) return 'ID_CARD';
  if (/\bkk\b|\bkartu keluarga\b/i.test(words)) return 'FAMILY_CARD';
  if (/\bsurat\b/i.test(words)) return 'LETTER';
  return contentType === 'application/pdf' ? 'LETTER' : 'PHOTO';
}

/**
 * The name handlers see: a document's own name (without folders or control
 * characters, at most 200 characters, as Aduan takes it), or for a photo,
 * which has none, one made from the message's log ref. The name is never
 * logged nor repeated in a reply: people name files after what is in them,
 * a NIK included.
 */
export function evidenceFileName(fileName: string | null, contentType: string, ref: string): string {
  // eslint-disable-next-line no-control-regex
  let name = (fileName ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  if (/[\ud800-\udbff]$/.test(name)) name = name.slice(0, -1);
  return name || `${contentType === 'application/pdf' ? 'berkas' : 'foto'}-whatsapp-${ref}.${ACCEPTED[contentType] ?? 'bin'}`;
}
