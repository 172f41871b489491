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

/** What each timeline event means, in the officer's words. */
export const EVENT_LABELS: Record<string, string> = {
  ASSIGNED: 'Ditugaskan',
  CASE_CONFERENCE_HELD: 'Rapat kasus diadakan',
  CASE_CONFERENCE_SCHEDULED: 'Rapat kasus dijadwalkan',
  CLOSED: 'Ditutup',
  CORRECTED: 'Data dikoreksi',
  DISBURSEMENT_ISSUE_LINKED: 'Transfer gagal dikaitkan',
  DISBURSEMENT_ISSUE_RESOLVED: 'Transfer gagal diselesaikan',
  ESCALATED: 'Dinaikkan ke tingkat atas',
  EVIDENCE_ATTACHED: 'Bukti dilampirkan',
  HOME_VISIT_RECORDED: 'Kunjungan rumah dicatat',
  HOME_VISIT_SCHEDULED: 'Kunjungan rumah dijadwalkan',
  INFORMATION_PROVIDED: 'Informasi diberikan pelapor',
  INFORMATION_REQUESTED: 'Informasi diminta dari pelapor',
  INTERNAL_NOTE: 'Catatan internal',
  MARKED_DUPLICATE: 'Digabungkan sebagai duplikat',
  NOTIFICATION_FAILED: 'Pemberitahuan gagal',
  NOTIFICATION_RETRYING: 'Pemberitahuan dicoba lagi',
  NOTIFICATION_SENT: 'Pemberitahuan terkirim',
  NOTIFICATION_WAITING: 'Pemberitahuan menunggu',
  PUBLIC_RESPONSE: 'Tanggapan publik',
  RATED: 'Dinilai pelapor',
  REFERRAL_ANSWERED: 'Rujukan dijawab',
  REFERRED: 'Dirujuk',
  REJECTED: 'Ditolak',
  REOPENED: 'Dibuka kembali (banding)',
  REPLY_PIN_RESET: 'PIN balasan diatur ulang',
  RESOLVED: 'Diselesaikan',
  SLA_BREACHED: 'Melewati batas waktu',
  SUBMITTED: 'Diajukan',
  VERIFIED: 'Diverifikasi',
};

export const REJECTION_LABELS: Record<string, string> = {
  NOT_OUR_AUTHORITY: 'Bukan kewenangan kami',
  INVALID: 'Tidak sah / tidak dapat ditangani',
  NO_RESPONSE: 'Pelapor tidak menjawab permintaan informasi',
};

export const VISIT_OUTCOME_LABELS: Record<string, string> = {
  CONFIRMED: 'Keadaan sesuai pengaduan',
  NOT_CONFIRMED: 'Keadaan tidak sesuai pengaduan',
  NOBODY_HOME: 'Tidak ada orang di rumah',
  MOVED_AWAY: 'Sudah pindah',
  OTHER: 'Lainnya',
};

export const ORGANISATION_KIND_LABELS: Record<string, string> = {
  BANK: 'Bank penyalur',
  VILLAGE_OFFICE: 'Desa/kelurahan',
  DISTRICT_OFFICE: 'Dinas Sosial kabupaten/kota',
  PROVINCE_OFFICE: 'Dinas Sosial provinsi',
  MINISTRY: 'Kementerian',
  NGO: 'Lembaga masyarakat',
  PORTAL: 'Portal',
  AUDITOR: 'Pemeriksa',
};

export const EVIDENCE_KIND_LABELS: Record<string, string> = {
  FAMILY_CARD: 'Kartu Keluarga',
  ID_CARD: 'KTP',
  LETTER: 'Surat',
  OTHER: 'Lainnya',
  PHOTO: 'Foto',
  VIDEO: 'Video',
};
