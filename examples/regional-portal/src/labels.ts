import type { EvidenceKind } from '@aduan/sdk';

/** Kota Bandung keeps Western Indonesian Time (WIB, UTC+7) all year. */
const WIB = 'Asia/Jakarta';

const dateTimeFormat = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: WIB });

/** `2026-11-30T00:39:00Z` → `30 November 2026 pukul 07.39 WIB`. */
export function formatDateTime(iso: string): string {
  return `${dateTimeFormat.format(new Date(iso))} WIB`;
}

/** Today's date in WIB, `YYYY-MM-DD`: the latest date the form accepts as when it happened. */
export function todayInWib(now = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: WIB }).format(now);
}

/**
 * What a file of evidence shows, as the attachment list names it. A Record over
 * the SDK's union: when Aduan adds a kind, this file stops compiling until it
 * gets a label. (Complaint categories come from Aduan's complaintCategories.)
 */
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  PHOTO: 'Foto',
  LETTER: 'Surat keterangan',
  ID_CARD: 'KTP',
  FAMILY_CARD: 'Kartu Keluarga (KK)',
  VIDEO: 'Video',
  OTHER: 'Lainnya',
};

export function isEvidenceKind(value: string): value is EvidenceKind {
  return Object.hasOwn(EVIDENCE_KIND_LABELS, value);
}

const FILE_TYPE_LABELS: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
  'video/mp4': 'MP4',
};

export function fileTypeLabel(contentType: string): string {
  return FILE_TYPE_LABELS[contentType] ?? contentType;
}

const oneDecimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

/** `245 KB`, `1,2 MB`: binary units, as Aduan counts its 10 MB limit, with the Indonesian decimal comma. */
export function fileSizeLabel(bytes: number): string {
  const MB = 1024 * 1024;
  return bytes >= MB ? `${oneDecimal.format(bytes / MB)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
