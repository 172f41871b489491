import { defineWords } from '../words/define';

/** Case conferences and home visits (case-conferences.ts, home-visits.ts). */
export const caseHandlingWords = defineWords({
  'caseHandling.textLength': ({ field, max }: { field: string; max: number }) => ({ id: `${field} harus 1–${max} karakter.`, en: `${field} must be 1–${max} characters.` }),
  'caseHandling.complaintCount': ({ max }: { max: number }) => ({ id: `Sebutkan 1–${max} pengaduan.`, en: `Name 1–${max} complaints.` }),
  'caseHandling.participantCount': ({ max }: { max: number }) => ({ id: `Sebutkan 1–${max} peserta.`, en: `Name 1–${max} participants.` }),
  'caseHandling.scheduledAtFuture': { id: 'Waktu konferensi harus di masa depan.', en: 'scheduledAt must be in the future.' },
  'caseHandling.complaintFinished': ({ trackingCode, status }: { trackingCode: string; status: string }) => ({
    id: `Pengaduan ${trackingCode} berstatus ${status} dan tidak lagi ditangani.`, en: `${trackingCode} is ${status} and no longer handled.`,
  }),
  'caseHandling.heldAtFuture': { id: 'Waktu pelaksanaan tidak boleh di masa depan.', en: 'heldAt cannot be in the future.' },
  'caseHandling.actionCount': ({ max }: { max: number }) => ({ id: `Paling banyak ${max} tindak lanjut.`, en: `At most ${max} actions.` }),
  'caseHandling.actionDescription': { id: 'Uraian harus 1–2000 karakter.', en: 'description must be 1–2000 characters.' },
  'caseHandling.dueOnFormat': { id: 'Tenggat harus berformat YYYY-MM-DD.', en: 'dueOn must be a date, YYYY-MM-DD.' },
  'caseHandling.conferenceNotFound': { id: 'Konferensi kasus tidak ditemukan.', en: 'No such case conference within your reach.' },
  'caseHandling.conferenceNotScheduled': ({ status }: { status: string }) => ({
    id: `Konferensi kasus berstatus ${status}; hasilnya tidak dapat dicatat lagi.`, en: `The conference is ${status}; its outcome cannot be recorded again.`,
  }),
  'caseHandling.visitInFuture': { id: 'Waktu kunjungan harus di masa depan.', en: 'scheduledFor must be in the future.' },
  'caseHandling.visitNotFound': { id: 'Kunjungan rumah tidak ditemukan.', en: 'No such home visit within your reach.' },
  'caseHandling.visitedAtFuture': { id: 'Waktu kunjungan tidak boleh di masa depan.', en: 'visitedAt cannot be in the future.' },
  'caseHandling.visitRecorded': { id: 'Hasil kunjungan ini sudah dicatat.', en: 'This visit’s outcome is recorded already.' },
});
