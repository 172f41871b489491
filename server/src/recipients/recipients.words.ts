import { byKey, defineWords } from '../words/define';

/** The register (DTKS): proposals of change, their review, the register's reads and the public aid check. */
export const recipientsWords = defineWords({
  // Proposals of change (proposal-rules.ts, propose-recipient-change.ts)
  'recipients.textLength': ({ name, max }: { name: string; max: number }) => ({ id: `${name} harus 1–${max} karakter.`, en: `${name} must be 1–${max} characters.` }),
  'recipients.textControlCharacters': ({ name }: { name: string }) => ({
    id: `${name} tidak boleh memuat baris baru atau karakter kendali.`, en: `${name} must not contain line breaks or control characters.`,
  }),
  'recipients.removeCarriesNoData': { id: 'Usulan REMOVE tidak memuat data; kosongkan data.', en: 'A REMOVE proposal carries no data; omit data.' },
  'recipients.kkNumberFormat': { id: 'Nomor KK harus 16 angka yang diawali kode kecamatan.', en: 'kkNumber must be 16 digits starting with a sub-district code.' },
  'recipients.birthDateFormat': { id: 'Tanggal lahir harus YYYY-MM-DD dan tidak di masa depan.', en: 'birthDate must be YYYY-MM-DD, not in the future.' },
  'recipients.sexFormat': {
    id: 'Jenis kelamin harus L (laki-laki) atau P (perempuan), seperti di KTP, atau M atau F.',
    en: 'sex must be L (laki-laki, male) or P (perempuan, female) as on the KTP, or M or F.',
  },
  'recipients.addedNotInRegisterYet': { id: 'Orang yang ditambahkan masuk DTKS saat usulan disetujui; kosongkan dtksStatus.', en: 'An added person enters DTKS when approved; omit dtksStatus.' },
  'recipients.removeThroughRemove': { id: 'Untuk mengeluarkan dari DTKS gunakan usulan REMOVE.', en: 'To take someone out of DTKS, propose REMOVE.' },
  'recipients.birthDateNotNik': { id: 'Tanggal lahir tidak sesuai dengan NIK.', en: 'birthDate does not match the NIK.' },
  'recipients.sexNotNik': { id: 'Jenis kelamin tidak sesuai dengan NIK.', en: 'sex does not match the NIK.' },
  'recipients.requiredForAdd': byKey('field', {
    fullName: { id: 'Nama lengkap wajib diisi untuk usulan ADD.', en: 'fullName is required for ADD.' },
    kkNumber: { id: 'Nomor KK wajib diisi untuk usulan ADD.', en: 'kkNumber is required for ADD.' },
    address: { id: 'Alamat wajib diisi untuk usulan ADD.', en: 'address is required for ADD.' },
  }),
  'recipients.updateChangesNothing': { id: 'Usulan UPDATE harus memuat sedikitnya satu data yang diubah.', en: 'An UPDATE proposal must change at least one field.' },
  'recipients.familyInAnotherVillage': { id: 'Keluarga dengan KK ini terdaftar di desa/kelurahan lain.', en: 'The family on this KK is registered in another village.' },
  'recipients.familyHasHead': { id: 'Keluarga ini sudah memiliki kepala keluarga; satu KK satu kepala keluarga.', en: 'The family already has a head; a KK has one.' },
  'recipients.nikInvalid': ({ message, reason }: { message: string; reason: string }) => ({
    id: message, en: `The NIK is not valid (${reason.toLowerCase().replace('_', ' ')}); it has 16 digits: region, birth date and serial.`,
  }),
  'recipients.nikInRegister': {
    id: 'NIK ini sudah ada di DTKS; ajukan UPDATE melalui desa/kelurahan tempat orang tersebut terdaftar.',
    en: 'This NIK is in the register already; propose an UPDATE through the village where the person is registered.',
  },
  'recipients.nikNotInVillage': { id: 'Tidak ada penerima dengan NIK ini di desa/kelurahan Anda.', en: 'No recipient with this NIK lives in your village.' },
  'recipients.alreadyRemoved': { id: 'Orang ini sudah dikeluarkan dari DTKS.', en: 'This person is out of the register already.' },
  'recipients.proposalChangesNothing': { id: 'Usulan ini tidak mengubah apa pun: data sudah sama.', en: 'This proposal changes nothing: the data are the same already.' },
  'recipients.addPending': { id: 'Usulan penambahan NIK ini sudah ada dan menunggu keputusan.', en: 'A proposal to add this NIK is waiting for review already.' },
  'recipients.heldOnFormat': { id: 'Tanggal musyawarah harus YYYY-MM-DD.', en: 'heldOn must be a date, YYYY-MM-DD.' },
  'recipients.heldOnFuture': { id: 'Tanggal musyawarah tidak boleh di masa depan.', en: 'heldOn cannot be in the future.' },
  'recipients.heldOnTooOld': { id: 'Musyawarah desa harus dalam setahun terakhir.', en: 'The deliberation must be within the last year.' },
  'recipients.attendanceCount': ({ max }: { max: number }) => ({ id: `Jumlah peserta harus 1–${max}.`, en: `attendanceCount must be 1–${max}.` }),
  'recipients.minutesRecordedOtherwise': ({ heldOn, attendanceCount }: { heldOn: string; attendanceCount: number }) => ({
    id: `Berita acara ini sudah tercatat dengan tanggal ${heldOn} dan ${attendanceCount} peserta; periksa kembali.`,
    en: `These minutes are recorded already, held on ${heldOn} with ${attendanceCount} attending; check the details.`,
  }),
  // Review (review-recipient-change.ts)
  'recipients.proposalNotFound': { id: 'Usulan tidak ditemukan.', en: 'No such proposal within your reach.' },
  'recipients.proposalDecided': ({ status }: { status: string }) => ({ id: `Usulan ini sudah diputus (${status}).`, en: `This proposal was decided already (${status}).` }),
  'recipients.nikEnteredMeanwhile': { id: 'NIK ini sudah masuk DTKS sejak usulan dibuat.', en: 'This NIK entered the register after the proposal was made.' },
  'recipients.changedSinceProposal': {
    id: 'Data penerima telah berubah sejak usulan dibuat; tolak usulan ini dan minta desa/kelurahan mengusulkan ulang.',
    en: 'The recipient’s data changed since this proposal was made; reject it and ask the village to propose again.',
  },

  // The public aid check (check-aid.ts): a programme's standing for the period, as the family reads it.
  'aidCheck.status': byKey('status', {
    SUSPENDED: { id: 'Dihentikan sementara', en: 'Suspended' },
    ENDED: { id: 'Tidak lagi menerima', en: 'No longer receives it' },
    NO_STAGE: { id: 'Tidak ada penyaluran pada periode ini', en: 'Nothing is paid in this period' },
    NOT_YET: { id: 'Belum disalurkan', en: 'Not yet disbursed' },
    // A contribution (PBI-JK): the government pays the premium to BPJS Kesehatan; nothing is disbursed to the family.
    PREMIUM_PAID_BY_GOVERNMENT: {
      id: 'Iuran BPJS Kesehatan dibayar pemerintah; tidak ada dana yang disalurkan ke keluarga',
      en: 'The government pays the BPJS Kesehatan premium; no money is paid to the family',
    },
    SCHEDULED: { id: 'Dijadwalkan', en: 'Scheduled' },
    DISBURSED: { id: 'Sudah disalurkan', en: 'Disbursed' },
    FAILED: { id: 'Gagal salur, sedang ditindaklanjuti bank penyalur', en: 'The transfer failed; the bank is following it up' },
    RESENT: { id: 'Sudah disalurkan ulang', en: 'Disbursed again' },
    RETURNED_TO_TREASURY: { id: 'Dikembalikan ke kas negara', en: 'Returned to the state treasury' },
  }),
  'aidCheck.regionCodeFormat': {
    id: 'regionCode harus kode kabupaten/kota, kecamatan atau desa/kelurahan, mis. 32.73 atau 32.73.01.1001.',
    en: 'regionCode must be a district/city, sub-district or village code, e.g. 32.73 or 32.73.01.1001',
  },
  'aidCheck.nameTooShort': ({ min }: { min: number }) => ({
    id: `Nama harus memuat sedikitnya ${min} huruf (nama seperti di KTP).`, en: `name must have at least ${min} letters (the name as on the KTP)`,
  }),
  'aidCheck.regionUnknown': {
    id: 'regionCode bukan kabupaten/kota, kecamatan atau desa/kelurahan yang dikenal.', en: 'regionCode is not a known district/city, sub-district or village',
  },

  // Arguments of the register's queries
  'recipients.nikFormat': ({ field }: { field: string }) => ({ id: `${field} harus NIK: 16 angka.`, en: `${field} must be a NIK: 16 digits` }),
  'recipients.kkFormat': { id: 'kkNumber harus nomor KK: 16 angka.', en: 'kkNumber must be a KK number: 16 digits' },
  'recipients.oneOfNikOrRecipientId': { id: 'Berikan tepat satu dari nik dan recipientId.', en: 'give exactly one of nik and recipientId' },
  'recipients.filterRegionCode': {
    id: 'regionCode harus kode wilayah seperti 32, 32.73, 32.73.01 atau 32.73.01.1001.', en: 'regionCode must be a region code such as 32, 32.73, 32.73.01 or 32.73.01.1001',
  },
  'recipients.filterNik': { id: 'nik harus 16 angka.', en: 'nik must be 16 digits' },
  'recipients.filterComplaintId': { id: 'complaintId harus id sebuah Complaint.', en: 'complaintId must be a Complaint id' },
});
