import { defineWords, withExamples } from '../words/define';
import { Tier } from '../common/enums';
import { TIER_NAMES } from '../common/common.words';

/** Evidence: asking for an upload URL, the upload itself, and the download link. */
export const evidenceWords = defineWords({
  'evidence.outsideTier': withExamples(({ tier }: { tier: Tier }) => ({
    id: `Pengaduan ini sedang ditangani oleh ${TIER_NAMES[tier].id}; kantor tersebut yang melampirkan bukti.`,
    en: `This complaint is handled by the ${TIER_NAMES[tier].en} now; that office attaches evidence.`,
  }), ...Object.values(Tier).map((tier) => ({ tier }))),
  'evidence.statusTakesNone': ({ status }: { status: string }) => ({
    id: `Pengaduan berstatus ${status} tidak menerima bukti baru; ajukan banding bila perlu.`,
    en: `A ${status} complaint takes no new evidence; appeal it if needed.`,
  }),
  'evidence.limitReached': ({ max }: { max: number }) => ({
    id: `Satu pengaduan paling banyak ${max} berkas bukti (termasuk yang sedang diunggah).`,
    en: `A complaint takes at most ${max} files of evidence (counting those being uploaded).`,
  }),
  'evidence.fileName': ({ max }: { max: number }) => ({
    id: `Nama berkas harus 1–${max} karakter, tanpa garis miring atau karakter kendali.`,
    en: `fileName must be 1–${max} characters, without slashes or control characters.`,
  }),
  'evidence.typeNotAccepted': ({ types }: { types: string }) => ({
    id: 'Jenis berkas tidak diterima: hanya JPEG, PNG, WebP, PDF dan MP4.', en: `Files of this type are not accepted: only ${types}.`,
  }),
  'evidence.sizeNotPositive': { id: 'Ukuran berkas harus bilangan bulat positif (byte).', en: 'size must be a positive whole number of bytes.' },
  'evidence.fileTooLarge': ({ label, size, bytes }: { label: string; size: string; bytes: number }) => ({
    id: `Berkas ${label} paling besar ${size} (${bytes} byte).`, en: `A ${label} file takes at most ${size} (${bytes} bytes).`,
  }),
  'evidence.sha256Format': { id: 'SHA-256 harus 64 karakter heksadesimal.', en: 'sha256 must be 64 hexadecimal characters.' },
  'evidence.notByTrackingCode': {
    id: 'Bukti untuk pengaduan ini tidak dapat dikirim lewat nomor pengaduan; kirimkan melalui kanal tempat Anda mengadu.',
    en: 'Evidence for this complaint cannot be sent with the complaint number; send it through the channel you complained through.',
  },
  // The upload (PUT to the signed URL)
  'evidence.clientMayNoLongerUpload': { id: 'Klien yang meminta URL unggah ini tidak lagi diizinkan mengunggah.', en: 'The client that asked for this upload URL may no longer upload.' },
  'evidence.uploadUrlUsed': {
    id: 'URL unggah ini sudah dipakai (setiap URL hanya berlaku sekali); minta URL baru untuk mengirim berkas lagi.',
    en: 'This upload URL was used already (each works once); ask for a new one to send the file again.',
  },
  'evidence.uploadUrlInvalid': { id: 'URL unggah tidak sah atau telah diubah.', en: 'The upload URL is not valid, or was altered.' },
  'evidence.uploadUrlExpired': { id: 'URL unggah sudah kedaluwarsa; minta URL baru dengan requestEvidenceUpload.', en: 'The upload URL has expired; ask for a new one with requestEvidenceUpload.' },
  'evidence.bodyTooLong': ({ declared }: { declared: number }) => ({
    id: `Isi unggahan melebihi ukuran yang dinyatakan (${declared} byte); unggahan dihentikan dan tidak ada yang disimpan.`,
    en: `The body is longer than the declared size (${declared} bytes); the upload was stopped and nothing was stored.`,
  }),
  'evidence.bodyTooShort': ({ size, declared }: { size: number; declared: number }) => ({
    id: `Isi unggahan ${size} byte, padahal yang dinyatakan ${declared} byte; tidak ada yang disimpan.`,
    en: `The body has ${size} bytes but ${declared} were declared; nothing was stored.`,
  }),
  'evidence.hashMismatch': { id: 'SHA-256 isi unggahan berbeda dari yang dinyatakan; tidak ada yang disimpan.', en: 'The SHA-256 of the body differs from the one declared; nothing was stored.' },
  'evidence.typeMismatch': withExamples(({ label, detected }: { label: string; detected: string | null }) => ({
    id: `Isi berkas bukan ${label}${detected ? ` (terdeteksi: ${detected})` : ''}; jenis berkas dibaca dari isinya, bukan dari nama atau jenis yang dinyatakan.`,
    en: `The bytes are not ${label}${detected ? ` (detected: ${detected})` : ''}; the type is read from the bytes, never from the name or the declared type.`,
  }), { label: 'JPEG', detected: 'PNG' }, { label: 'JPEG', detected: null }),
  'evidence.unreadable': ({ label }: { label: string }) => ({
    id: `Berkas ${label} ini rusak atau terlalu besar (paling banyak 50 megapiksel) sehingga tidak dapat dibaca.`,
    en: `This ${label} file is damaged or too large (at most 50 megapixels) and cannot be read.`,
  }),
  // The download link
  'evidence.downloadUrlInvalid': { id: 'URL unduhan tidak sah atau telah diubah.', en: 'The download URL is not valid, or was altered.' },
  'evidence.downloadUrlExpired': { id: 'URL unduhan sudah kedaluwarsa; minta yang baru (Evidence.download).', en: 'The download URL has expired; ask for a new one (Evidence.download).' },
  'evidence.notFound': { id: 'Bukti tidak ditemukan atau di luar jangkauan Anda.', en: 'No such evidence within your reach.' },
});
