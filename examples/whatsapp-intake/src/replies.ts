import type { EvidenceKind, TrackComplaintQuery, UserErrorFieldsFragment } from '@aduan/sdk';
import type { Part, PartProblem } from './message-format.js';

/**
 * Everything the line says back, in Bahasa Indonesia. The texts never carry a
 * full NIK or a phone number: the NIK comes back masked, and text quoted from
 * the message goes through `quote` first.
 */

const PART_LABELS: Record<Part, string> = {
  nama: 'Nama',
  nik: 'NIK',
  alamat: 'Alamat',
  aduan: 'Aduan',
  program: 'Program',
  nomor: 'Nomor WhatsApp',
};

/** The PKH call centre (from the ministry's announcements): where people go when this line cannot help. */
const CALL_CENTRE = 'Call Center PKH 1500299 (08.00–17.00 WIB)';

const FORMAT = [
  'Kirim pengaduan dengan format:',
  'Nama#NIK#Alamat#Aduan',
  '',
  'Contoh:',
  'Siti Aminah#3273xxxxxxxxxxxx#Kel. Sarijadi, Kec. Sukasari, Kota Bandung#Bantuan PKH tahap 2 belum kami terima.',
  '',
  '• Nama: nama lengkap Anda',
  '• NIK: 16 angka sesuai KTP',
  '• Alamat: kode desa/kelurahan (mis. 32.73.01.1001), atau "Desa/Kel ..., Kec ..., Kota/Kab ..." dipisah koma',
  '• Aduan: apa yang terjadi (boleh beberapa baris)',
  '',
  'Boleh diawali kode program: PKH#Nama#NIK#Alamat#Aduan (PKH, BPNT, BLT_DD, PBI_JK). Tanpa kode, kami memakai program yang disebut dalam aduan, atau PKH.',
  '',
  'Cek perkembangan pengaduan: STATUS ADU-XXXX-XXXX',
  'Menjawab permintaan petugas: JAWAB ADU-XXXX-XXXX PIN jawaban Anda (PIN 6 angka ada pada balasan saat pengaduan dicatat; foto boleh dikirim dengan keterangan JAWAB ADU-XXXX-XXXX PIN)',
].join('\n');

export function help(): string {
  return `Layanan pengaduan bantuan sosial (bansos) melalui WhatsApp.\n\n${FORMAT}`;
}

export function unrecognised(): string {
  return `Maaf, pesan Anda belum sesuai format sehingga belum kami catat sebagai pengaduan.\n\n${FORMAT}`;
}

export function textOnly(): string {
  return `Maaf, layanan ini hanya membaca pesan teks, foto, dan berkas PDF (bukan suara, video, lokasi, atau stiker). Bukti lain dapat diserahkan saat petugas memverifikasi pengaduan Anda.\n\n${FORMAT}`;
}

/** Which parts to fix, each on its own line, and the format again. */
export function incomplete(problems: readonly PartProblem[]): string {
  const lines = problems.map((p) => `• ${PART_LABELS[p.part]}: ${p.message}`);
  return [
    'Maaf, pengaduan Anda belum dapat kami catat:',
    ...lines,
    '',
    'Kirim ulang seluruh pesan dengan format Nama#NIK#Alamat#Aduan. Balas BANTUAN untuk melihat contoh.',
  ].join('\n');
}

export interface Filed {
  name: string;
  acknowledgement: string;
  trackingCode: string;
  programme: { code: string; name: string; source: 'stated' | 'mentioned' | 'default' };
  categoryLabel: string;
  village: { code: string; name: string };
  maskedNik: string;
}

/** Aduan's acknowledgement (code, handler, deadline), then what was recorded, so a wrong assumption can be seen at once. */
export function filed(f: Filed): string {
  const programmeNote = {
    stated: '',
    mentioned: ' (disebut dalam aduan Anda)',
    default: ` (program tidak disebutkan, jadi kami catat sebagai ${f.programme.code}; jika keliru, kirim ulang dengan kode program di depan)`,
  }[f.programme.source];
  return [
    `Terima kasih, ${f.name}. ${f.acknowledgement}`,
    '',
    'Yang kami catat:',
    `• Program: ${f.programme.code} – ${f.programme.name}${programmeNote}`,
    `• Kategori: ${f.categoryLabel} (dibaca dari isi aduan Anda)`,
    `• Desa/kelurahan: ${f.village.name} (${f.village.code})`,
    `• NIK: ${f.maskedNik}`,
    '',
    `Untuk menanyakan perkembangannya, kirim: STATUS ${f.trackingCode}`,
    `Jika petugas meminta keterangan, balas: JAWAB ${f.trackingCode} PIN jawaban Anda`,
    '',
    `Punya bukti? Kirim foto atau surat (PDF) ke nomor ini dalam 24 jam; kami lampirkan pada pengaduan ini. Sesudahnya, tulis ${f.trackingCode} pada keterangan foto.`,
  ].join('\n');
}

/** Aduan refused for a reason the person cannot fix by rewriting the message (e.g. the channel is closed). */
export function cannotFile(messages: readonly string[]): string {
  return `Maaf, pengaduan Anda belum dapat kami catat: ${messages.join(' ')} Silakan coba lagi nanti, atau hubungi ${CALL_CENTRE}.`;
}

/** The same message, filed before with other content (e.g. the region list changed between Meta's deliveries). */
export function alreadyFiled(): string {
  return 'Pesan ini sudah pernah kami catat sebagai pengaduan, dan nomor pengaduannya sudah kami kirim. Jika Anda belum menerimanya, hubungi ' + `${CALL_CENTRE}.`;
}

export function askTrackingCode(): string {
  return 'Tulis nomor pengaduan Anda setelah kata STATUS, misalnya: STATUS ADU-7K3M-9Q2X';
}

export function trackingNotFound(code: string): string {
  return `Nomor pengaduan ${code} tidak kami temukan. Periksa kembali nomornya (ada di balasan saat pengaduan Anda dicatat), lalu kirim: STATUS ADU-XXXX-XXXX`;
}

type Tracking = NonNullable<TrackComplaintQuery['trackComplaint']>;

export function status(t: Tracking): string {
  const latest = t.publicResponses.at(-1);
  return [
    `Pengaduan ${t.trackingCode}`,
    `Status: ${t.statusLabel}`,
    `Ditangani: ${t.tierLabel}`,
    `Dilaporkan: ${date(t.submittedAt)}; terakhir diperbarui ${dateTime(t.lastUpdatedAt)}`,
    ...(t.dueAt ? [`Batas waktu tahap ini: ${dateTime(t.dueAt)}`] : []),
    ...(latest ? ['', `Tanggapan terakhir (${date(latest.at)}):`, latest.message] : []),
  ].join('\n');
}

/** Sent once when Aduan cannot be reached: the message is kept by Meta's redelivery, so nobody needs to send it again. */
export function holding(): string {
  return 'Pesan Anda sudah kami terima, tetapi sistem pengaduan sedang mengalami gangguan. Pesan Anda akan diproses otomatis begitu sistem pulih, dan balasannya kami kirim ke sini; Anda tidak perlu mengirim ulang.';
}

/** A photo or a PDF sent as evidence: how it is named in replies. */
export type EvidenceFile = 'foto' | 'berkas';

const KIND_WORDS: Record<EvidenceKind, string> = {
  PHOTO: 'foto',
  LETTER: 'surat keterangan',
  ID_CARD: 'KTP',
  FAMILY_CARD: 'Kartu Keluarga',
  VIDEO: 'video',
  OTHER: 'berkas',
};

const TYPE_LABELS: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'application/pdf': 'PDF' };

const oneDecimal = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

/** `245 KB`, `1,2 MB`, as Aduan counts its 10 MB limit (binary units). */
export function sizeLabel(bytes: number): string {
  const MB = 1024 * 1024;
  return bytes >= MB ? `${oneDecimal.format(bytes / MB)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const capital = (word: string) => `${word[0].toUpperCase()}${word.slice(1)}`;

export function evidenceAttached(e: { file: EvidenceFile; trackingCode: string; kind: EvidenceKind; contentType: string; size: number; metadataRemoved: boolean }): string {
  return [
    `${capital(e.file)} Anda sudah kami lampirkan pada pengaduan ${e.trackingCode} sebagai ${KIND_WORDS[e.kind]} (${TYPE_LABELS[e.contentType] ?? e.contentType}, ${sizeLabel(e.size)}).`,
    ...(e.metadataRemoved ? ['Lokasi dan data kamera pada foto sudah dihapus sebelum disimpan.'] : []),
    'Hanya petugas yang menangani pengaduan Anda yang dapat melihatnya.',
  ].join(' ');
}

/** A photo from someone with no complaint here in the last 24 hours, and no tracking code in its caption. */
export function evidenceWithoutComplaint(file: EvidenceFile): string {
  return [
    `Maaf, ${file} Anda belum dapat kami lampirkan: belum ada pengaduan dari nomor ini dalam 24 jam terakhir.`,
    '',
    `Kirim dulu pengaduan Anda dengan format Nama#NIK#Alamat#Aduan (boleh sebagai keterangan ${file}), lalu kirim ${file}nya. Untuk pengaduan yang lebih lama, tulis nomor pengaduannya pada keterangan ${file}, misalnya: ADU-7K3M-9Q2X.`,
  ].join('\n');
}

/** A tracking code in the caption that this sender did not file through this line: nobody attaches to someone else's complaint. */
export function evidenceCodeNotFromSender(file: EvidenceFile, trackingCode: string): string {
  return `Maaf, ${file} Anda belum dapat kami lampirkan: pengaduan ${trackingCode} tidak tercatat dikirim dari nomor WhatsApp ini melalui layanan ini dalam 30 hari terakhir. Periksa nomornya, atau serahkan bukti kepada petugas saat verifikasi. Informasi: ${CALL_CENTRE}.`;
}

export function evidenceTypeRefused(): string {
  return 'Maaf, berkas jenis ini tidak dapat kami terima sebagai bukti. Kirim foto (JPEG, PNG, atau WebP) atau surat dalam bentuk PDF.';
}

/** `size`: as WhatsApp declared it, or as far as it was read; null when Aduan refused it by its own count. */
export function evidenceTooLarge(file: EvidenceFile, size: number | null): string {
  const given = size === null ? '' : ` (${sizeLabel(size)})`;
  return `Maaf, ${file} Anda terlalu besar${given}; paling besar 10 MB. Perkecil ukurannya (untuk surat: pindai dengan resolusi lebih rendah, atau kirim sebagai foto), lalu kirim ulang.`;
}

export function evidenceGone(file: EvidenceFile): string {
  return `Maaf, ${file} Anda tidak dapat kami ambil dari WhatsApp (mungkin sudah kedaluwarsa). Silakan kirim ulang.`;
}

/** Aduan refused the file: each refusal in words the sender can act on; others in Aduan's own words (already Bahasa Indonesia). */
export function evidenceRefused(file: EvidenceFile, trackingCode: string, errors: readonly UserErrorFieldsFragment[]): string {
  const [error] = errors;
  switch (error?.code) {
    case 'UNSUPPORTED_FILE_TYPE':
      return evidenceTypeRefused();
    case 'CONTENT_TYPE_MISMATCH':
      return `Maaf, isi ${file} Anda tidak sesuai dengan jenisnya, sehingga tidak dapat kami terima. Kirim foto (JPEG, PNG, atau WebP) atau berkas PDF yang asli.`;
    case 'UNREADABLE_FILE':
      return `Maaf, ${file} Anda rusak atau tidak dapat dibaca. Coba ambil foto ulang atau kirim berkas lain.`;
    case 'FILE_TOO_LARGE':
      return evidenceTooLarge(file, null);
    case 'EVIDENCE_LIMIT_REACHED':
      return `Maaf, pengaduan ${trackingCode} sudah memiliki 10 bukti, jumlah paling banyak. Bukti lainnya dapat diserahkan kepada petugas saat verifikasi.`;
    case 'INVALID_TRANSITION':
      return `Maaf, pengaduan ${trackingCode} sudah selesai atau ditutup sehingga tidak menerima bukti baru. Jika Anda tidak puas dengan hasilnya, hubungi ${CALL_CENTRE}.`;
    case 'NOT_FOUND':
      return `Maaf, pengaduan ${trackingCode} tidak ditemukan, sehingga ${file} Anda tidak dapat kami lampirkan. Hubungi ${CALL_CENTRE}.`;
    case undefined:
    case 'SIZE_MISMATCH':
    case 'HASH_MISMATCH':
    case 'UPLOAD_URL_EXPIRED':
    case 'UPLOAD_URL_USED':
    case 'UPLOAD_URL_INVALID':
      return `Maaf, pengiriman ${file} Anda terputus sebelum selesai. Silakan kirim ulang.`;
    default:
      return `Maaf, ${file} Anda belum dapat kami lampirkan: ${error.message}`;
  }
}

/** A caption in the complaint format that could not be filed: the photo waits for the complaint. */
export function evidenceWaitsForComplaint(file: EvidenceFile): string {
  return `${capital(file)} Anda belum kami lampirkan karena pengaduannya belum tercatat. Setelah pengaduan Anda tercatat, kirim ulang ${file}nya.`;
}

// Tracking does not say where the complaint is, so times are given in WIB and say so.
const DATE = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' });
const DATE_TIME = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' });

function date(iso: string): string {
  return DATE.format(new Date(iso));
}

function dateTime(iso: string): string {
  return `${DATE_TIME.format(new Date(iso))} WIB`;
}

/** JAWAB without a recognisable code and PIN: the form, with the code when one was written. */
export function replyFormat(trackingCode: string | null): string {
  return `Untuk menjawab permintaan petugas, kirim: JAWAB ${trackingCode ?? 'ADU-XXXX-XXXX'} PIN jawaban Anda\n`
    + 'PIN adalah 6 angka pada balasan kami saat pengaduan Anda dicatat. Foto boleh dikirim dengan keterangan yang sama.';
}

/** A photo with JAWAB code PIN and no text: attached; the answer itself is still awaited. */
export function replyPhotoOnly(file: EvidenceFile, trackingCode: string): string {
  return `${file === 'foto' ? 'Foto' : 'Berkas'} Anda sudah kami lampirkan pada pengaduan ${trackingCode}. Jika petugas meminta keterangan, tulis juga jawaban Anda: JAWAB ${trackingCode} PIN jawaban Anda`;
}

/** The answer taken: handling resumes. */
export function replyReceived(trackingCode: string, withFile: EvidenceFile | null): string {
  const what = withFile ? `Jawaban dan ${withFile} Anda` : 'Jawaban Anda';
  return `${what} untuk pengaduan ${trackingCode} sudah kami terima. Petugas melanjutkan penanganan pengaduan Anda. Untuk melihat perkembangannya, kirim: STATUS ${trackingCode}`;
}

/**
 * Aduan's refusal of the answer, as Aduan words it (in Bahasa Indonesia): a wrong PIN with the tries left, a
 * locked complaint with how long to wait, an expired PIN, a complaint not waiting for an answer.
 */
export function replyRefused(message: string): string {
  return `Maaf, jawaban Anda belum dapat kami terima. ${message}`;
}
