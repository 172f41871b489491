import type { TrackComplaintQuery } from '@aduan/sdk';
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
].join('\n');

export function help(): string {
  return `Layanan pengaduan bantuan sosial (bansos) melalui WhatsApp.\n\n${FORMAT}`;
}

export function unrecognised(): string {
  return `Maaf, pesan Anda belum sesuai format sehingga belum kami catat sebagai pengaduan.\n\n${FORMAT}`;
}

export function textOnly(): string {
  return `Maaf, layanan ini hanya membaca pesan teks (bukan foto, suara, lokasi, atau berkas). Bukti pendukung dapat diserahkan saat petugas memverifikasi pengaduan Anda.\n\n${FORMAT}`;
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

// Tracking does not say where the complaint is, so times are given in WIB and say so.
const DATE = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' });
const DATE_TIME = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' });

function date(iso: string): string {
  return DATE.format(new Date(iso));
}

function dateTime(iso: string): string {
  return `${DATE_TIME.format(new Date(iso))} WIB`;
}
