import { byKey, defineWords, withExamples, Words } from '../words/define';
import { ComplaintStatus, ResolutionDecision, Tier } from '../common/enums';
import { TIER_NAMES } from '../common/common.words';

/**
 * What people read about a complaint: its status and decision in words, the
 * acknowledgement, local dates, and the refusals of intake, the handling steps
 * and the complainant's own steps (docs/adr/0028-words.md).
 */

const MONTHS = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** The step a complaint's status does not allow, as the end of "A RESOLVED complaint cannot …". */
const STEPS = {
  verify: { id: 'diverifikasi lagi', en: 'be verified again' },
  assign: { id: 'ditugaskan', en: 'be assigned' },
  reject: { id: 'ditolak', en: 'be rejected' },
  respond: { id: 'ditanggapi lagi', en: 'be responded to any more' },
  requestInformation: { id: 'dimintai kelengkapan data', en: 'have information requested' },
  provideInformation: { id: 'menerima kelengkapan data karena tidak sedang menunggunya', en: 'take information it is not waiting for' },
  appeal: { id: 'diajukan banding: hanya pengaduan yang sudah diselesaikan', en: 'be appealed: only resolved complaints can' },
  markDuplicate: { id: 'ditandai sebagai duplikat', en: 'be marked a duplicate' },
  refer: { id: 'dirujuk', en: 'be referred' },
  scheduleHomeVisit: { id: 'dijadwalkan kunjungan rumah', en: 'have a home visit scheduled' },
  correct: { id: 'dikoreksi lagi', en: 'be corrected any more' },
} satisfies Record<string, Words>;

export type ComplaintStep = keyof typeof STEPS;

/** What a complainant sent that the complaint does not wait for. */
const AWAITED = {
  answer: { id: 'jawaban atau keterangan', en: 'an answer or information' },
} satisfies Record<string, Words>;

export const complaintsWords = defineWords({
  'complaint.status': byKey('status', {
    RECEIVED: { id: 'Diterima', en: 'Received' },
    VERIFIED: { id: 'Terverifikasi', en: 'Verified' },
    IN_PROGRESS: { id: 'Sedang ditangani', en: 'In progress' },
    PENDING_INFO: { id: 'Menunggu kelengkapan data dari pelapor', en: 'Waiting for information from you' },
    RESOLVED: { id: 'Selesai ditindaklanjuti', en: 'Resolved' },
    CLOSED: { id: 'Ditutup', en: 'Closed' },
    REJECTED: { id: 'Tidak dapat ditindaklanjuti', en: 'Not taken up' },
    DUPLICATE: { id: 'Digabung dengan pengaduan lain', en: 'Merged with another complaint' },
  } satisfies Record<ComplaintStatus, Words>),

  /** A resolution's decision as the complainant reads it on the tracker. */
  'complaint.decision': byKey('decision', {
    UPHELD: { id: 'Pengaduan diterima dan ditindaklanjuti', en: 'Upheld: acted upon' },
    PARTIALLY_UPHELD: { id: 'Pengaduan diterima sebagian', en: 'Partly upheld' },
    NOT_UPHELD: { id: 'Pengaduan tidak terbukti', en: 'Not upheld' },
    WITHDRAWN: { id: 'Pengaduan dicabut', en: 'Withdrawn' },
    REDIRECTED: { id: 'Diteruskan ke instansi yang berwenang', en: 'Passed to the competent agency' },
  } satisfies Record<ResolutionDecision, Words>),

  /** "12 Desember 2026 pukul 23.59 WIB" / "12 December 2026, 23:59 WIB" (`month` 0–11). */
  'date.localDateTime': withExamples(({ day, month, year, hh, mm, zone }: { day: number; month: number; year: number; hh: string; mm: string; zone: string }) => ({
    id: `${day} ${MONTHS.id[month]} ${year} pukul ${hh}.${mm} ${zone}`,
    en: `${day} ${MONTHS.en[month]} ${year}, ${hh}:${mm} ${zone}`,
  }), ...MONTHS.id.map((_, month) => ({ day: 1, month, year: 2026, hh: '08', mm: '00', zone: 'WIB' }))),

  /** The acknowledgement a complainant gets at once: the code, who handles it, what happens next, by when (and the PIN, once). */
  'complaint.acknowledgement': withExamples(({ trackingCode, replyPin, handlerName, due, referredToBank }: {
    trackingCode: string; replyPin: string | null; handlerName: string; due: Words; referredToBank: string | null;
  }) => ({
    id: [
      `Pengaduan Anda telah kami terima dengan nomor ${trackingCode}.`,
      `${handlerName} akan memverifikasinya paling lambat ${due.id}; Anda akan diberi tahu hasilnya dan dapat memantau setiap langkah dengan nomor ini.`,
      referredToBank ? `Pengaduan ini juga diteruskan kepada ${referredToBank} selaku bank penyalur.` : '',
      'Simpan nomor ini: sebutkan di kanal mana pun untuk menanyakan pengaduan Anda.',
      replyPin ? `PIN Anda ${replyPin}: bersama nomor pengaduan, PIN ini dipakai untuk menjawab petugas, menambah foto, mengajukan banding, atau menilai hasilnya. PIN hanya ditampilkan sekali ini; jangan berikan kepada orang lain.` : '',
    ].filter(Boolean).join(' '),
    en: [
      `Your complaint has been received with tracking code ${trackingCode}.`,
      `${handlerName} will verify it by ${due.en}; you will be told the outcome and can follow every step with this code.`,
      referredToBank ? `It has also been referred to ${referredToBank}, which disbursed the payment.` : '',
      'Keep the code: read it out at any channel to ask about your complaint.',
      replyPin ? `Your PIN is ${replyPin}: with the code it lets you answer the office, add a photo, appeal or rate the outcome. It is shown only this once; do not share it.` : '',
    ].filter(Boolean).join(' '),
  }), {
    trackingCode: 'ADU-7K3M-9Q2X', replyPin: '123456', handlerName: 'Pemerintah Desa Contoh', referredToBank: 'Bank Contoh',
    due: { id: '1 Januari 2026 pukul 08.00 WIB', en: '1 January 2026, 08:00 WIB' },
  }, {
    trackingCode: 'ADU-7K3M-9Q2X', replyPin: null, handlerName: 'Pemerintah Desa Contoh', referredToBank: null,
    due: { id: '1 Januari 2026 pukul 08.00 WIB', en: '1 January 2026, 08:00 WIB' },
  }),

  // submitComplaint's input
  'complaints.descriptionLength': { id: 'Uraian pengaduan harus 1–4000 karakter.', en: 'description must be 1–4000 characters.' },
  'complaints.complainantNameLength': { id: 'Nama pelapor harus 1–150 karakter.', en: 'complainant.name must be 1–150 characters.' },
  'complaints.phoneFormat': { id: 'Nomor telepon tidak valid; contoh: 081234567890.', en: 'complainant.phone is not a valid Indonesian number, e.g. 081234567890.' },
  'complaints.emailFormat': { id: 'Alamat surel tidak valid; contoh: nama@contoh.id.', en: 'complainant.email is not a valid e-mail address, e.g. name@example.org.' },
  'complaints.emailNeededToNotify': {
    id: 'Untuk diberi tahu melalui surel, isi alamat surel pelapor (complainant.email).',
    en: 'To be told by e-mail, give the complainant\'s e-mail address (complainant.email).',
  },
  'complaints.occurredOnFormat': { id: 'Tanggal kejadian harus berformat YYYY-MM-DD.', en: 'occurredOn must be a date, YYYY-MM-DD.' },
  'complaints.occurredOnFuture': { id: 'Tanggal kejadian tidak boleh di masa depan.', en: 'occurredOn cannot be in the future.' },
  'complaints.channelUnknown': ({ channel }: { channel: string }) => ({
    id: `Kanal "${channel}" tidak dikenal; lihat daftar di query channels.`, en: `Unknown channel "${channel}"; see the channels query.`,
  }),
  'complaints.channelInactive': { id: 'Kanal ini sedang tidak menerima pengaduan.', en: 'This channel does not take complaints now.' },
  'complaints.channelIsBank': { id: 'Laporan bank dikirim melalui reportDisbursementIssues.', en: 'Bank reports go through reportDisbursementIssues.' },
  // correctComplaint (correct-complaint.ts)
  'complaints.correctionNothingChanged': {
    id: 'Tidak ada yang berubah: berikan kategori, programCode atau regionCode yang berbeda dari sekarang.',
    en: 'Nothing would change: give a category, programCode or regionCode different from the current one.',
  },
  'complaints.correctionOutsideJurisdiction': withExamples(({ regionCode }: { regionCode: string }) => ({
    id: `Desa/kelurahan ${regionCode} di luar wilayah Anda: pengaduan hanya dapat dipindahkan ke desa/kelurahan dalam wilayah Anda; mintalah kantor di atas Anda.`,
    en: `${regionCode} is outside your jurisdiction: you can move a complaint only to a village inside it; ask the office above you.`,
  }), { regionCode: '35.78.01.1001' }),
  'complaints.channelNotBanks': {
    id: 'Bank hanya dapat mencatat pengaduan melalui kanal call center miliknya sendiri (BANK_CALL_CENTER_…); lihat daftar di query channels.',
    en: "A bank files complaints only through its own call-centre channel (BANK_CALL_CENTER_…); see the channels query.",
  },
  'complaints.programUnknown': ({ programCode }: { programCode: string }) => ({
    id: `Program "${programCode}" tidak dikenal; lihat daftar di query programs.`, en: `Unknown programme "${programCode}"; see the programs query.`,
  }),
  'complaints.programInactive': { id: 'Program ini tidak lagi menerima pengaduan.', en: 'This programme no longer takes complaints.' },
  'complaints.villageCode': { id: 'Kode wilayah harus kode desa/kelurahan yang dikenal, mis. 32.73.01.1001.', en: 'regionCode must be a known village code, e.g. 32.73.01.1001.' },
  'complaints.villageRetired': {
    id: 'Kode desa/kelurahan ini sudah tidak berlaku di register Kemendagri; gunakan kode yang berlaku (query regions).',
    en: 'This village code is no longer in the Kemendagri register; use the current code (regions query).',
  },
  'complaints.bypassVillageOnlyWrongTarget': {
    id: 'Permintaan melewati kantor desa/kelurahan hanya untuk pengaduan salah sasaran (WRONG_TARGET) tentang rekomendasi kantor desa/kelurahan itu sendiri.',
    en: 'bypassVillage is only for a WRONG_TARGET complaint about the village office’s own recommendation.',
  },

  // The handling steps (complaint-change.ts, handling-rules.ts and one file per step)
  'complaint.staleVersion': ({ version }: { version: number }) => ({
    id: `Pengaduan telah berubah (versi ${version}); muat ulang lalu coba lagi.`,
    en: `The complaint changed since you read it (now version ${version}); read it again and retry.`,
  }),
  'complaint.textLength': ({ field, max }: { field: string; max: number }) => ({ id: `${field} harus 1–${max} karakter.`, en: `${field} must be 1–${max} characters.` }),
  'complaint.wrongStatus': withExamples(({ status, step }: { status: ComplaintStatus; step: ComplaintStep }) => ({
    id: `Pengaduan berstatus ${status} tidak dapat ${STEPS[step].id}.`, en: `A ${status} complaint cannot ${STEPS[step].en}.`,
  }), ...(Object.keys(STEPS) as ComplaintStep[]).map((step) => ({ status: ComplaintStatus.RESOLVED, step }))),
  'complaints.officeIneligible': withExamples(({ office, tier }: { office: string; tier: Tier }) => ({
    id: `${office} tidak dapat menangani pengaduan ini: harus kantor penanganan yang wilayahnya mencakup lokasi pengaduan, setingkat ${TIER_NAMES[tier].id} atau di atasnya.`,
    en: `${office} cannot handle this complaint: it must be a handling office whose jurisdiction covers the complaint’s village, at the level of the ${TIER_NAMES[tier].en} or above.`,
  }), ...Object.values(Tier).map((tier) => ({ office: 'Dinas Sosial Contoh', tier }))),
  'complaints.noResponseNotPending': {
    id: 'NO_RESPONSE hanya untuk pengaduan yang menunggu kelengkapan data dari pelapor.',
    en: 'NO_RESPONSE is only for a complaint waiting for information from the complainant.',
  },
  'complaints.publicResponseLength': { id: 'Tanggapan harus 1–4000 karakter.', en: 'publicResponse must be 1–4000 characters.' },
  'complaints.resolvedAgain': ({ status }: { status: string }) => ({
    id: `Pengaduan berstatus ${status} tidak dapat diselesaikan lagi.`, en: `A ${status} complaint cannot be resolved again.`,
  }),
  'complaints.appealWindowClosed': ({ days }: { days: number }) => ({
    id: `Banding hanya dapat diajukan dalam ${days} hari setelah pengaduan diselesaikan.`, en: `An appeal must be made within ${days} days of the resolution.`,
  }),
  'complaints.appealedAlready': ({ trackingCode }: { trackingCode: string }) => ({
    id: `Banding atas pengaduan ini sudah diajukan: ${trackingCode}.`, en: `This complaint has been appealed already: ${trackingCode}.`,
  }),
  'complaints.duplicateOfItself': { id: 'Pengaduan tidak dapat menjadi duplikat dirinya sendiri.', en: 'A complaint cannot duplicate itself.' },
  'complaints.duplicateTargetNotFound': { id: 'Pengaduan tujuan tidak ditemukan.', en: 'No such complaint within your reach.' },
  'complaints.duplicateTargetFinished': ({ trackingCode, status }: { trackingCode: string; status: string }) => ({
    id: `Pengaduan ${trackingCode} berstatus ${status}; gabungkan ke pengaduan yang masih berlaku.`,
    en: `${trackingCode} is ${status}; merge into a complaint that stands.`,
  }),

  // The complainant's own steps, with the tracking code and PIN (complainant-pin.ts)
  'complaints.unknownTrackingCode': {
    id: 'Kode pelacakan tidak dikenal. Periksa kembali nomor pengaduan Anda, mis. ADU-7K3M-9Q2X.',
    en: 'Unknown tracking code. Check your complaint number, e.g. ADU-7K3M-9Q2X.',
  },
  'complaints.pinIncorrect': withExamples(({ triesLeft, lockoutMinutes }: { triesLeft: number; lockoutMinutes: number }) => ({
    id: `PIN salah. Periksa PIN 6 angka pada tanda terima pengaduan Anda; sisa ${triesLeft} kali percobaan sebelum pengaduan ini dikunci selama ${lockoutMinutes} menit.`,
    en: `Wrong PIN. Check the 6-digit PIN on your complaint's acknowledgement; ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left before this complaint is locked for ${lockoutMinutes} minutes.`,
  }), { triesLeft: 1, lockoutMinutes: 15 }, { triesLeft: 4, lockoutMinutes: 15 }),
  'complaints.pinLocked': withExamples(({ failures, minutes }: { failures: number; minutes: number }) => {
    const hours = Math.ceil(minutes / 60);
    const wait = minutes <= 90 ? { id: `${minutes} menit`, en: `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}` } : { id: `${hours} jam`, en: `${hours} hours` };
    return {
      id: `PIN salah ${failures} kali berturut-turut, sehingga pengaduan ini dikunci. Coba lagi dalam ${wait.id}, atau minta PIN baru di kanal tempat Anda mengadu.`,
      en: `The PIN was wrong ${failures} times in a row, so this complaint is locked. Try again in ${wait.en}, or ask for a new PIN at the channel you complained through.`,
    };
  }, { failures: 5, minutes: 1 }, { failures: 5, minutes: 15 }, { failures: 5, minutes: 180 }),
  'complaints.pinExpired': ({ days }: { days: number }) => ({
    id: `PIN pengaduan ini sudah tidak berlaku (PIN berlaku sampai ${days} hari setelah pengaduan selesai). Status tetap dapat dilihat dengan nomor pengaduan; untuk hal lain, hubungi kanal tempat Anda mengadu dan sebutkan nomor pengaduan.`,
    en: `This complaint's PIN no longer works (a PIN works until ${days} days after the complaint is finished). You can still see its status with the complaint number; for anything else, contact the channel you complained through and give the number.`,
  }),
  'complaints.pinResetTooLate': ({ days }: { days: number }) => ({
    id: `Pengaduan ini selesai lebih dari ${days} hari yang lalu: tidak ada lagi yang dapat dilakukan pelapor dengan PIN (banding dan penilaian sudah ditutup), jadi PIN tidak diperbarui.`,
    en: `This complaint finished more than ${days} days ago: there is nothing left its complainant could do with a PIN (appeal and rating have closed), so no new PIN is given.`,
  }),
  'complaints.notAwaiting': withExamples(({ what }: { what: keyof typeof AWAITED }) => ({
    id: `Pengaduan ini sedang tidak menunggu ${AWAITED[what].id} dari Anda. Lihat statusnya dengan nomor pengaduan; petugas akan memberi tahu bila memerlukan sesuatu.`,
    en: `This complaint is not waiting for ${AWAITED[what].en} from you. See its status with the complaint number; the office will tell you if it needs anything.`,
  }), ...(Object.keys(AWAITED) as (keyof typeof AWAITED)[]).map((what) => ({ what }))),
  'complaints.ratingRange': { id: 'Nilai harus 1–5.', en: 'rating must be 1–5.' },
  'complaints.commentLength': { id: 'Komentar paling banyak 1000 karakter.', en: 'comment takes at most 1000 characters.' },
  'complaints.ratingBeforeResolution': { id: 'Penilaian hanya dapat diberikan setelah pengaduan diselesaikan.', en: 'A rating can be given only once the complaint is resolved.' },
  'complaints.ratedAlready': { id: 'Penyelesaian pengaduan ini sudah dinilai.', en: 'The resolution of this complaint has been rated already.' },

  // Query arguments (BAD_USER_INPUT)
  'complaints.timelineCursor': { id: 'after bukan kursor dari linimasa ini.', en: 'after is not a cursor from this timeline' },
  'complaints.filterRegionCode': {
    id: 'regionCode harus berupa kode wilayah, mis. 32, 32.73, 32.73.01 atau 32.73.01.1001.',
    en: 'regionCode must be a region code such as 32, 32.73, 32.73.01 or 32.73.01.1001',
  },
  'complaints.filterSubmittedBy': { id: 'submittedBy harus berupa id Organisation.', en: 'submittedBy must be an Organisation id' },
  'officers.personalDataAsOfficer': ({ field }: { field: string }) => ({
    id: `officer.${field} tidak boleh berupa alamat e-mail, nomor telepon, atau NIK: gunakan id petugas dari sistem masuk kantor Anda.`,
    en: `officer.${field} must not be an e-mail address, a phone number or a NIK: use your sign-in's own id for the officer.`,
  }),
  'complaints.filterAssignedOfficer': {
    id: 'Filter assignedOfficerId hanya untuk kantor penanganan dan auditor, yang dapat melihat petugasnya.',
    en: 'assignedOfficerId is for handling offices and auditors only, who see the officers',
  },
  'complaints.filterSearchLength': { id: 'search paling banyak 200 karakter.', en: 'search takes at most 200 characters' },
});
