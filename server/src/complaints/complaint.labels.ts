import { ComplaintStatus, ResolutionDecision, Tier } from '../common/enums';
import type { Locale } from '../graphql/context';
import { words } from '../words';

/** What people read: Bahasa Indonesia by default, English on request (Accept-Language). */
export const STATUS_LABELS: Record<ComplaintStatus, Record<Locale, string>> = {
  RECEIVED: { id: 'Diterima', en: 'Received' },
  VERIFIED: { id: 'Terverifikasi', en: 'Verified' },
  IN_PROGRESS: { id: 'Sedang ditangani', en: 'In progress' },
  PENDING_INFO: { id: 'Menunggu kelengkapan data dari pelapor', en: 'Waiting for information from you' },
  RESOLVED: { id: 'Selesai ditindaklanjuti', en: 'Resolved' },
  CLOSED: { id: 'Ditutup', en: 'Closed' },
  REJECTED: { id: 'Tidak dapat ditindaklanjuti', en: 'Not taken up' },
  DUPLICATE: { id: 'Digabung dengan pengaduan lain', en: 'Merged with another complaint' },
};

/** The tiers as people name them: the catalogue of words' `tier.name` (docs/adr/0028-words.md). */
export const TIER_LABELS: Record<Tier, Record<Locale, string>> = Object.fromEntries(
  Object.values(Tier).map((tier) => [tier, words('tier.name', { tier })]),
) as Record<Tier, Record<Locale, string>>;

/** A resolution's decision in words, as the complainant reads it. */
export const DECISION_LABELS: Record<ResolutionDecision, Record<Locale, string>> = {
  UPHELD: { id: 'Pengaduan diterima dan ditindaklanjuti', en: 'Upheld: acted upon' },
  PARTIALLY_UPHELD: { id: 'Pengaduan diterima sebagian', en: 'Partly upheld' },
  NOT_UPHELD: { id: 'Pengaduan tidak terbukti', en: 'Not upheld' },
  WITHDRAWN: { id: 'Pengaduan dicabut', en: 'Withdrawn' },
  REDIRECTED: { id: 'Diteruskan ke instansi yang berwenang', en: 'Passed to the competent agency' },
};

const MONTHS: Record<Locale, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const ZONE_OFFSET_HOURS: Record<string, number> = { WIB: 7, WITA: 8, WIT: 9 };

/** "12 Desember 2026 pukul 23.59 WIB" / "12 December 2026, 23:59 WIB". */
export function formatLocalDateTime(at: Date, zone: string, locale: Locale): string {
  const local = new Date(at.getTime() + (ZONE_OFFSET_HOURS[zone] ?? 7) * 3_600_000);
  const day = local.getUTCDate();
  const month = MONTHS[locale][local.getUTCMonth()];
  const year = local.getUTCFullYear();
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return locale === 'id' ? `${day} ${month} ${year} pukul ${hh}.${mm} ${zone}` : `${day} ${month} ${year}, ${hh}:${mm} ${zone}`;
}

/** The acknowledgement a complainant gets at once: the code, who handles it, what happens next, by when. */
export function acknowledgementText(args: {
  locale: Locale; trackingCode: string; replyPin?: string | null; handlerName: string; verifyBy: Date; zone: string; referredToBank?: string | null;
}): string {
  const due = formatLocalDateTime(args.verifyBy, args.zone, args.locale);
  if (args.locale === 'en') {
    return [
      `Your complaint has been received with tracking code ${args.trackingCode}.`,
      `${args.handlerName} will verify it by ${due}; you will be told the outcome and can follow every step with this code.`,
      args.referredToBank ? `It has also been referred to ${args.referredToBank}, which disbursed the payment.` : '',
      'Keep the code: read it out at any channel to ask about your complaint.',
      args.replyPin ? `Your PIN is ${args.replyPin}: with the code it lets you answer the office, add a photo, appeal or rate the outcome. It is shown only this once; do not share it.` : '',
    ].filter(Boolean).join(' ');
  }
  return [
    `Pengaduan Anda telah kami terima dengan nomor ${args.trackingCode}.`,
    `${args.handlerName} akan memverifikasinya paling lambat ${due}; Anda akan diberi tahu hasilnya dan dapat memantau setiap langkah dengan nomor ini.`,
    args.referredToBank ? `Pengaduan ini juga diteruskan kepada ${args.referredToBank} selaku bank penyalur.` : '',
    'Simpan nomor ini: sebutkan di kanal mana pun untuk menanyakan pengaduan Anda.',
    args.replyPin ? `PIN Anda ${args.replyPin}: bersama nomor pengaduan, PIN ini dipakai untuk menjawab petugas, menambah foto, mengajukan banding, atau menilai hasilnya. PIN hanya ditampilkan sekali ini; jangan berikan kepada orang lain.` : '',
  ].filter(Boolean).join(' ');
}
