import { defineWords } from '../words/define';

/** Moving a complaint up a tier, and the calendar of days off its clocks skip. */
export const escalationWords = defineWords({
  'escalation.reasonLength': { id: 'Alasan harus 1–2000 karakter.', en: 'reason must be 1–2000 characters.' },
  'escalation.finished': ({ status }: { status: string }) => ({
    id: `Pengaduan berstatus ${status} tidak dapat dieskalasi.`, en: `A ${status} complaint cannot be escalated.`,
  }),
  'escalation.pendingInfo': {
    id: 'Pengaduan sedang menunggu kelengkapan data dari pelapor; eskalasi setelah data diterima.',
    en: 'The complaint is waiting for information from the complainant; escalate once it has arrived.',
  },
  'escalation.atTop': { id: 'Pengaduan sudah di tingkat nasional.', en: 'The complaint is already at the national tier.' },
  'escalation.toTierNotAbove': { id: 'Tingkat tujuan harus di atas tingkat sekarang.', en: 'toTier must be above the current tier.' },

  'daysOff.dateFormat': { id: 'Tanggal harus berbentuk YYYY-MM-DD dan ada di kalender, mis. 2027-03-10.', en: 'date must be a calendar date as YYYY-MM-DD, e.g. 2027-03-10.' },
  'daysOff.dateYear': ({ from, to }: { from: number; to: number }) => ({
    id: `Tahun harus antara ${from} dan ${to}.`, en: `The year must be between ${from} and ${to}.`,
  }),
  'daysOff.yearArgument': ({ from, to }: { from: number; to: number }) => ({
    id: `year harus antara ${from} dan ${to}.`, en: `year must be between ${from} and ${to}`,
  }),
  'daysOff.nameLength': { id: 'Nama harus 1–200 karakter.', en: 'name must be 1–200 characters.' },
  'daysOff.kind': { id: 'Jenis harus PUBLIC_HOLIDAY atau CUTI_BERSAMA.', en: 'kind must be PUBLIC_HOLIDAY or CUTI_BERSAMA.' },
  'daysOff.sourceLength': { id: 'Sumber (nomor SKB) harus 1–300 karakter.', en: 'source (the SKB’s number) must be 1–300 characters.' },
  'daysOff.noneInForce': { id: 'Tidak ada hari libur jenis ini yang berlaku pada tanggal itu.', en: 'No day off of this kind is in force on that date.' },
  /** Holidays the date-holidays library lacks or names otherwise than the SKB (library-holidays.ts). */
  'daysOff.israMiraj': { id: "Isra Mi'raj Nabi Muhammad SAW", en: "Isra Mi'raj" },
  'daysOff.easter': { id: 'Kebangkitan Yesus Kristus (Paskah)', en: 'Easter Sunday' },
});
