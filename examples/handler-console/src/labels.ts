import type { ComplaintStatus, ResolutionDecision, SlaState, Tier } from '@aduan/sdk';

/** Words officers read: Bahasa Indonesia, as Kemensos's own forms say them. */

export const TIER_LABELS: Record<Tier, string> = {
  VILLAGE: 'Desa/Kelurahan',
  DISTRICT: 'Kabupaten/Kota',
  PROVINCE: 'Provinsi',
  NATIONAL: 'Kementerian Sosial',
};

/** The SLA clock in words; each state also has its own colour and mark in the stylesheet, never colour alone. */
export const SLA_LABELS: Record<SlaState, string> = {
  ON_TRACK: 'Sesuai jadwal',
  AT_RISK: 'Hampir jatuh tempo',
  BREACHED: 'Terlambat',
  PAUSED: 'Dijeda',
  MET: 'Selesai tepat waktu',
};

export const SLA_HINTS: Record<SlaState, string> = {
  ON_TRACK: 'masih dalam batas waktu',
  AT_RISK: 'sisa waktu 25% atau kurang',
  BREACHED: 'melewati batas waktu',
  PAUSED: 'menunggu jawaban pelapor; waktu tidak berjalan',
  MET: 'diselesaikan dalam batas waktu',
};

export const STATUS_LABELS: Record<ComplaintStatus, string> = {
  RECEIVED: 'Diterima',
  VERIFIED: 'Terverifikasi',
  IN_PROGRESS: 'Dalam proses',
  PENDING_INFO: 'Menunggu informasi',
  RESOLVED: 'Diselesaikan',
  CLOSED: 'Ditutup',
  REJECTED: 'Ditolak',
  DUPLICATE: 'Digabungkan (duplikat)',
};

/** The statuses of complaints still to be handled, which the inbox shows unless told otherwise. */
export const OPEN_STATUSES: ComplaintStatus[] = ['RECEIVED', 'VERIFIED', 'IN_PROGRESS', 'PENDING_INFO'];

export const DECISION_LABELS: Record<ResolutionDecision, string> = {
  UPHELD: 'Diterima (pengaduan benar)',
  PARTIALLY_UPHELD: 'Diterima sebagian',
  NOT_UPHELD: 'Tidak terbukti',
  REDIRECTED: 'Dialihkan ke instansi lain',
  WITHDRAWN: 'Dicabut pelapor',
};

const WIB = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const WIB_DATE = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'short', year: 'numeric' });

/** A time as officers in Jakarta read it: "7 Des 2026 14.05 WIB". */
export function dateTimeWib(iso: string | null | undefined): string {
  return iso ? `${WIB.format(new Date(iso))} WIB` : '–';
}

export function dateWib(iso: string | null | undefined): string {
  return iso ? WIB_DATE.format(new Date(iso)) : '–';
}

/** "dalam 3 hari" / "2 hari lalu" / "hari ini", from now to the given time, in whole calendar days. */
export function relativeDays(iso: string, now = Date.now()): string {
  const days = Math.round((new Date(iso).getTime() - now) / 86_400_000);
  if (days === 0) return 'hari ini';
  return days > 0 ? `dalam ${days} hari` : `${-days} hari lalu`;
}
