import { defineWords } from '../words/define';

/** Banks' failed-transfer reports (report-disbursement-issues.ts), their resolution, and the disbursement queries. */
export const disbursementsWords = defineWords({
  'disbursements.resentOnRequired': { id: 'Tanggal transfer ulang wajib diisi untuk RESENT.', en: 'resentOn is required for RESENT.' },
  'disbursements.resentOnFormat': { id: 'Tanggal transfer ulang harus berformat YYYY-MM-DD.', en: 'resentOn must be a date, YYYY-MM-DD.' },
  'disbursements.resentOnFuture': { id: 'Tanggal transfer ulang tidak boleh di masa depan.', en: 'resentOn cannot be in the future.' },
  'disbursements.resentOnOnlyForResent': { id: 'Tanggal transfer ulang hanya untuk hasil RESENT.', en: 'resentOn is only for the RESENT outcome.' },
  'disbursements.noteLength': ({ max }: { max: number }) => ({ id: `Catatan harus 1–${max} karakter.`, en: `note must be 1–${max} characters.` }),
  'disbursements.issueNotFound': { id: 'Laporan gagal salur tidak ditemukan.', en: 'No such disbursement issue of your bank.' },
  'disbursements.issueResolved': ({ status }: { status: string }) => ({
    id: `Laporan ini sudah diselesaikan (${status}) dan tidak dapat diubah.`, en: `This issue is resolved already (${status}) and cannot be changed.`,
  }),
  'disbursements.resentBeforeFailure': ({ occurredOn }: { occurredOn: string }) => ({
    id: `Tanggal transfer ulang tidak boleh sebelum tanggal gagal transfer (${occurredOn}).`, en: `resentOn cannot be before the failure (${occurredOn}).`,
  }),
  'disbursements.itemCount': ({ max, given }: { max: number; given: number }) => ({
    id: `items memuat 1–${max} butir per panggilan; diberikan ${given}. Bagi laporan menjadi beberapa panggilan.`,
    en: `items takes 1–${max} items per call; got ${given}. Split the report into several calls.`,
  }),
  'disbursements.periodFormat': { id: 'Periode harus berformat YYYY-MM, mis. 2026-10.', en: 'period must be a month, YYYY-MM, e.g. 2026-10.' },
  'disbursements.periodFuture': { id: 'Periode tidak boleh di masa depan.', en: 'period cannot be in the future.' },
  'disbursements.programmeUnknown': ({ code }: { code: string }) => ({
    id: `Program "${code}" tidak dikenal; lihat daftar di query programs.`, en: `Unknown programme "${code}"; see the programs query.`,
  }),
  'disbursements.nikInvalid': ({ message, reason }: { message: string; reason: string }) => ({
    id: message, en: `The NIK is not valid (${reason.toLowerCase().replace('_', ' ')}); it has 16 digits: region, birth date and serial.`,
  }),
  'disbursements.amount': { id: 'Jumlah harus bilangan bulat rupiah lebih dari 0.', en: 'amount must be a whole number of rupiah above 0.' },
  'disbursements.occurredOnFormat': { id: 'Tanggal gagal transfer harus berformat YYYY-MM-DD.', en: 'occurredOn must be a date, YYYY-MM-DD.' },
  'disbursements.occurredOnBeforePeriod': ({ period }: { period: string }) => ({
    id: `Tanggal gagal transfer tidak boleh sebelum periode ${period}.`, en: `occurredOn cannot be before the period ${period}.`,
  }),
  'disbursements.occurredOnFuture': { id: 'Tanggal gagal transfer tidak boleh di masa depan.', en: 'occurredOn cannot be in the future.' },
  'disbursements.notYourDisbursement': ({ programCode, period }: { programCode: string; period: string }) => ({
    id: `Tidak ada penyaluran ${programCode} periode ${period} oleh bank Anda untuk NIK ini.`,
    en: `No ${programCode} disbursement of ${period} made by your bank matches this NIK.`,
  }),
  'disbursements.returnedToTreasury': {
    id: 'Dana penyaluran ini sudah dikembalikan ke kas negara; tidak ada transfer yang dapat gagal lagi.',
    en: 'This disbursement was returned to the state treasury; there is no transfer left to fail.',
  },
  'disbursements.openIssueExists': {
    id: 'Penyaluran ini sudah dilaporkan gagal dan laporannya masih terbuka; selesaikan dulu dengan resolveDisbursementIssue.',
    en: 'This disbursement has an open issue already; resolve it with resolveDisbursementIssue first.',
  },
  'disbursements.reportedInThisCall': ({ item }: { item: number }) => ({
    id: `Penyaluran ini sudah dilaporkan pada butir ${item} dalam laporan ini.`, en: `This disbursement is reported by item ${item} of this call already.`,
  }),
  'disbursements.periodOrder': { id: 'periodFrom tidak boleh sesudah periodTo.', en: 'periodFrom must not be after periodTo' },
  'disbursements.reconciliationSpan': ({ max }: { max: number }) => ({
    id: `Rekonsiliasi paling panjang ${max} bulan.`, en: `a reconciliation spans at most ${max} months`,
  }),
});
