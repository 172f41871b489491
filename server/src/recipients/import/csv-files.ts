import { RegisterImportFileKind } from './register-import.entity';

/**
 * The three CSV files of a register import and their columns, in the order
 * docs/register-import.md documents them. A file's header names its columns;
 * their order may differ, every column must be there and no other.
 */
export interface CsvLayout {
  kind: RegisterImportFileKind;
  /** The staging table (TEMP, one per import session). */
  stage: string;
  columns: readonly string[];
}

export const RECIPIENTS: CsvLayout = {
  kind: RegisterImportFileKind.RECIPIENTS,
  stage: 'import_stage_recipients',
  columns: ['nik', 'kk_number', 'full_name', 'birth_date', 'sex', 'is_family_head', 'region_code', 'address', 'dtks_status'],
};

export const ENROLMENTS: CsvLayout = {
  kind: RegisterImportFileKind.ENROLMENTS,
  stage: 'import_stage_enrolments',
  columns: ['nik', 'program_code', 'status', 'enrolled_on', 'ended_on', 'bank_code'],
};

export const DISBURSEMENTS: CsvLayout = {
  kind: RegisterImportFileKind.DISBURSEMENTS,
  stage: 'import_stage_disbursements',
  columns: ['nik', 'program_code', 'period', 'stage', 'amount', 'bank_code', 'status', 'disbursed_on'],
};

export const LAYOUTS: readonly CsvLayout[] = [RECIPIENTS, ENROLMENTS, DISBURSEMENTS];

/**
 * What an error row's code means, for the error file (Bahasa Indonesia, then
 * English). `{line}` becomes the other line of the same file the problem
 * involves ("baris 12" / "line 12"), or the register ("di register" / "in the register").
 * No message quotes a value: the operator has the file, the logs must not.
 */
export const ERROR_MESSAGES: Record<string, [string, string]> = {
  HEADER_MISSING_COLUMN: ['Kolom wajib tidak ada di baris judul.', 'A required column is missing from the header.'],
  HEADER_UNKNOWN_COLUMN: ['Kolom tidak dikenal di baris judul.', 'The header names a column this file does not have.'],
  HEADER_DUPLICATE_COLUMN: ['Kolom disebut dua kali di baris judul.', 'The header names a column twice.'],
  CSV_MALFORMED: ['Baris CSV tidak dapat dibaca (jumlah kolom, tanda kutip, atau pengodean).', 'The CSV line cannot be read (column count, quoting or encoding).'],
  EMPTY_FILE: ['Berkas tidak memuat baris judul.', 'The file has no header line.'],
  REQUIRED: ['Wajib diisi.', 'Required.'],
  TOO_LONG: ['Terlalu panjang.', 'Too long.'],
  CONTROL_CHARACTERS: ['Tidak boleh memuat baris baru atau karakter kendali.', 'Must not contain line breaks or control characters.'],
  NIK_FORMAT: ['NIK harus terdiri atas 16 angka.', 'A NIK is 16 digits.'],
  NIK_REGION: ['Kode wilayah pada NIK (6 angka pertama) tidak dikenal.', 'The NIK’s region part (first 6 digits) is not a region code.'],
  NIK_BIRTH_DATE: ['Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak valid.', 'The NIK’s birth-date part (digits 7–12) is not a past date.'],
  NIK_SERIAL: ['Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000.', 'The NIK’s serial (last 4 digits) cannot be 0000.'],
  BIRTH_DATE_NOT_NIK: ['Tanggal lahir tidak sesuai dengan NIK.', 'The birth date does not match the NIK.'],
  SEX_NOT_NIK: ['Jenis kelamin tidak sesuai dengan NIK.', 'The sex does not match the NIK.'],
  KK_FORMAT: ['Nomor KK harus 16 angka dengan kode kecamatan yang sah di depannya.', 'A KK number is 16 digits starting with a sub-district code.'],
  DATE_FORMAT: ['Tanggal harus YYYY-MM-DD (tahun 1900–2099) dan ada di kalender.', 'A date is YYYY-MM-DD (years 1900–2099) and exists in the calendar.'],
  DATE_IN_FUTURE: ['Tanggal tidak boleh di masa depan.', 'The date cannot be in the future.'],
  SEX: ['Jenis kelamin harus L atau P (seperti di KTP), atau M atau F.', 'sex is L or P (as on the KTP), or M or F.'],
  BOOLEAN: ['Harus true atau false.', 'Must be true or false.'],
  REGION_UNKNOWN: ['Kode wilayah tidak dikenal.', 'Unknown region code.'],
  REGION_NOT_VILLAGE: ['Kode wilayah harus kode desa/kelurahan (NN.NN.NN.NNNN).', 'The region code must be a village’s (NN.NN.NN.NNNN).'],
  DTKS_STATUS: ['Status DTKS harus REGISTERED, NOT_REGISTERED, PROPOSED atau REMOVED.', 'dtks_status is REGISTERED, NOT_REGISTERED, PROPOSED or REMOVED.'],
  DUPLICATE_NIK: ['NIK yang sama sudah ada ({line}).', 'The same NIK is already there ({line}).'],
  FAMILY_NO_HEAD: ['KK ini tidak memiliki kepala keluarga (di berkas maupun di register).', 'This KK has no family head (in the file or the register).'],
  FAMILY_TWO_HEADS: ['KK ini sudah memiliki kepala keluarga ({line}).', 'This KK already has a family head ({line}).'],
  FAMILY_TWO_VILLAGES: ['Anggota lain KK ini tinggal di desa lain ({line}); satu KK, satu desa.', 'Other members of this KK live in another village ({line}); one KK, one village.'],
  RECIPIENT_UNKNOWN: ['NIK tidak ada di berkas penerima maupun di register.', 'The NIK is neither in the recipients file nor in the register.'],
  PROGRAMME_UNKNOWN: ['Kode program tidak dikenal.', 'Unknown programme code.'],
  BANK_UNKNOWN: ['Kode bank tidak dikenal (harus bank_code sebuah organisasi BANK).', 'Unknown bank code (must be a BANK organisation’s bank_code).'],
  ENROLMENT_STATUS: ['Status kepesertaan harus ACTIVE, SUSPENDED atau ENDED.', 'status is ACTIVE, SUSPENDED or ENDED.'],
  ENDED_BEFORE_ENROLLED: ['Tanggal berakhir sebelum tanggal terdaftar.', 'ended_on is before enrolled_on.'],
  DUPLICATE_ENROLMENT: ['Kepesertaan NIK dan program yang sama sudah ada ({line}).', 'The same NIK and programme are already there ({line}).'],
  ENROLMENT_UNKNOWN: ['NIK ini tidak terdaftar pada program tersebut (di berkas kepesertaan maupun di register).', 'This NIK is not enrolled in this programme (in the enrolments file or the register).'],
  PERIOD_FORMAT: ['Periode harus YYYY-MM.', 'period is YYYY-MM.'],
  STAGE: ['Tahap harus angka 1 sampai jumlah tahap program per tahun.', 'stage is a whole number from 1 to the programme’s stages per year.'],
  AMOUNT: ['Jumlah harus bilangan bulat rupiah lebih dari 0.', 'amount is a whole number of rupiah above 0.'],
  DISBURSEMENT_STATUS: ['Status penyaluran harus SCHEDULED, DISBURSED, FAILED, RESENT atau RETURNED_TO_TREASURY.', 'status is SCHEDULED, DISBURSED, FAILED, RESENT or RETURNED_TO_TREASURY.'],
  DUPLICATE_DISBURSEMENT: ['Penyaluran NIK, program, periode dan tahap yang sama sudah ada ({line}).', 'The same NIK, programme, period and stage are already there ({line}).'],
};
