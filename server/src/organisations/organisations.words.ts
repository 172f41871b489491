import { defineWords, withExamples } from '../words/define';

const LEVEL = {
  PROVINCE: { id: 'provinsi, mis. 32', en: 'a province, e.g. 32' },
  DISTRICT: { id: 'kabupaten/kota, mis. 32.73', en: 'a kabupaten/kota, e.g. 32.73' },
  SUBDISTRICT: { id: 'kecamatan, mis. 32.73.01', en: 'a kecamatan, e.g. 32.73.01' },
  VILLAGE: { id: 'desa/kelurahan, mis. 32.73.01.1001', en: 'a desa/kelurahan, e.g. 32.73.01.1001' },
};
type Level = keyof typeof LEVEL;
const LEVELS = Object.keys(LEVEL) as Level[];

/** Organisations and API clients: the administrator's mutations (client-admin.ts) and the offices CSV (organisation-import.ts). */
export const organisationsWords = defineWords({
  // Both
  'organisations.nameLength': { id: 'Nama harus 1–200 karakter.', en: 'name must be 1–200 characters.' },
  'organisations.codeFormat': { id: 'code: 2–64 huruf kecil, angka dan tanda hubung, mis. dinsos-3273.', en: 'code: 2–64 lower-case letters, digits and dashes, e.g. dinsos-3273.' },
  'organisations.bankCodeFormat': ({ field }: { field: string }) => ({
    id: 'Kode bank: 2–20 huruf besar, angka atau garis bawah, mis. BSI.', en: `${field}: 2–20 capital letters, digits or underscores, e.g. BSI.`,
  }),
  'organisations.bankCodeOnlyForBanks': ({ field }: { field: string }) => ({
    id: 'Kode bank wajib untuk bank, dan hanya untuk bank.', en: `${field} is required for banks, and only for banks.`,
  }),
  'organisations.clientIdFormat': ({ field }: { field: string }) => ({
    id: 'client_id: 3–64 huruf kecil, angka dan tanda hubung.', en: `${field}: 3–64 lower-case letters, digits and dashes.`,
  }),
  'organisations.regionRetired': ({ code }: { code: string | null }) => ({
    id: `Wilayah ${code ?? 'ini'} sudah tidak berlaku di register Kemendagri; gunakan kode yang berlaku.`,
    en: `${code ?? 'This region'} is no longer in the Kemendagri register; use the current code.`,
  }),
  // client-admin.ts
  'organisations.jurisdictionForKind': {
    id: 'Kode wilayah yurisdiksi tidak sesuai dengan jenis kantor.', en: 'jurisdictionCode must be a known region at the level of this kind of office.',
  },
  'organisations.onlySocialOfficesJurisdiction': { id: 'Hanya kantor dinas sosial yang memiliki yurisdiksi.', en: 'Only social offices have a jurisdiction.' },
  'organisations.bankCodeTaken': { id: 'Kode bank ini sudah dipakai bank lain.', en: 'Another bank has this bankCode.' },
  'organisations.codeTaken': { id: 'code ini sudah dipakai organisasi lain.', en: 'Another organisation has this code.' },
  'organisations.clientIdTaken': { id: 'client_id ini sudah dipakai.', en: 'This clientId is taken.' },
  'organisations.clientCannotDisableItself': { id: 'Klien tidak dapat menonaktifkan dirinya sendiri.', en: 'A client cannot disable itself.' },
  'organisations.requestsPerMinute': ({ min, max }: { min: number; max: number }) => ({
    id: `Batas permintaan harus ${min}–${max} per menit, atau null untuk bawaan.`, en: `requestsPerMinute must be ${min}–${max}, or null for the default.`,
  }),
  'organisations.clientNotFound': { id: 'Klien API tidak ditemukan.', en: 'No such API client.' },
  // organisation-import.ts: the offices CSV
  'offices.line': withExamples(({ where, message }: { where: string; message: { id: string; en: string } }) => ({ id: `Baris ${where}: ${message.id}`, en: `Line ${where}: ${message.en}` }),
    { where: '3, code', message: { id: 'code: …', en: 'code: …' } }),
  'offices.tooManyNewClients': ({ max }: { max: number }) => ({
    id: `Paling banyak ${max} klien baru per permintaan; untuk lebih, jalankan npm run offices -- import di server.`,
    en: `At most ${max} new clients a request; for more, run npm run offices -- import on the server.`,
  }),
  'offices.takenMeanwhile': {
    id: 'Sebuah code, kode bank atau client_id dalam berkas baru saja didaftarkan oleh orang lain; tidak ada yang ditulis. Jalankan lagi.',
    en: 'A code, bank code or client_id of the file was registered by someone else meanwhile; nothing was written. Run it again.',
  },
  'offices.busy': { id: 'Impor lain sedang berjalan; tidak ada yang ditulis. Jalankan lagi setelah selesai.', en: 'Another import is running; nothing was written. Run it again when it has finished.' },
  'offices.csvUnreadable': ({ line, reason }: { line: number; reason: string }) => ({
    id: `Berkas CSV tidak dapat dibaca di baris ${line}: ${reason}`, en: `The CSV cannot be read at line ${line}: ${reason}`,
  }),
  'offices.empty': { id: 'Berkas kosong: baris pertama harus berisi nama kolom.', en: 'The file is empty: its first line must name the columns.' },
  'offices.unknownColumn': ({ name, columns }: { name: string; columns: string }) => ({
    id: `Kolom tidak dikenal "${name}"; kolom yang dikenal: ${columns}.`, en: `Unknown column "${name}"; the columns are ${columns}.`,
  }),
  'offices.columnTwice': ({ name }: { name: string }) => ({ id: `Kolom "${name}" muncul dua kali.`, en: `Column "${name}" appears twice.` }),
  'offices.columnMissing': ({ name }: { name: string }) => ({ id: `Kolom wajib "${name}" tidak ada.`, en: `The required column "${name}" is missing.` }),
  'offices.tooManyRows': ({ max }: { max: number }) => ({ id: `Paling banyak ${max} baris per berkas; bagi berkasnya.`, en: `At most ${max} rows a file; split it.` }),
  'offices.duplicateValue': ({ value, first }: { value: string; first: number }) => ({ id: `"${value}" sudah ada di baris ${first}.`, en: `"${value}" is on line ${first} already.` }),
  'offices.fieldCount': ({ fields, header }: { fields: number; header: number }) => ({
    id: `Baris ini punya ${fields} kolom, judulnya ${header}.`, en: `This line has ${fields} fields; the header has ${header}.`,
  }),
  'offices.ministryNotFromFile': { id: 'Kementerian dibuat oleh npm run setup -- --admin, bukan dari berkas.', en: 'The ministry is created by npm run setup -- --admin, not from a file.' },
  'offices.kindUnknown': ({ kinds }: { kinds: string }) => ({ id: `kind harus salah satu dari ${kinds}.`, en: `kind must be one of ${kinds}.` }),
  'offices.jurisdictionRequired': withExamples(({ kind, level }: { kind: string; level: Level }) => ({
    id: `Kantor ${kind} wajib punya kode wilayah (${LEVEL[level].id}).`, en: `A ${kind} needs a jurisdiction_code (${LEVEL[level].en}).`,
  }), ...LEVELS.map((level) => ({ kind: 'DISTRICT_OFFICE', level }))),
  'offices.jurisdictionOnlySocialOffices': { id: 'Hanya kantor dinas sosial yang memiliki yurisdiksi; kosongkan.', en: 'Only social offices have a jurisdiction; leave it empty.' },
  'offices.clientNameWithoutClient': { id: 'client_name tanpa client_id.', en: 'client_name without a client_id.' },
  'offices.clientNameLength': { id: 'Nama klien paling banyak 200 karakter.', en: 'client_name must be at most 200 characters.' },
  'offices.rateWithoutClient': { id: 'requests_per_minute tanpa client_id.', en: 'requests_per_minute without a client_id.' },
  'offices.rateRange': ({ min, max }: { min: number; max: number }) => ({
    id: `requests_per_minute: bilangan bulat ${min}–${max}, atau kosong.`, en: `requests_per_minute: a whole number ${min}–${max}, or empty.`,
  }),
  'offices.noRows': { id: 'Berkas tidak berisi baris data.', en: 'The file has no rows below its header.' },
  'offices.regionUnknown': ({ code }: { code: string }) => ({
    id: `Tidak ada wilayah dengan kode ${code} (wilayah dimuat oleh npm run setup).`, en: `No region has the code ${code} (npm run setup loads the regions).`,
  }),
  'offices.regionWrongLevel': withExamples(({ code, level }: { code: string; level: Level }) => ({
    id: `${code} bukan ${LEVEL[level].id}.`, en: `${code} is not ${LEVEL[level].en}.`,
  }), ...LEVELS.map((level) => ({ code: '32.73', level }))),
  'offices.bankCodeOfAnother': ({ bankCode, code }: { bankCode: string; code: string }) => ({
    id: `Kode bank ${bankCode} milik organisasi ${code}.`, en: `Bank code ${bankCode} belongs to organisation ${code}.`,
  }),
  'offices.ambiguousMatch': ({ count }: { count: number }) => ({
    id: `${count} organisasi tanpa code cocok dengan baris ini; beri code lewat satu per satu atau nonaktifkan yang ganda.`,
    en: `${count} organisations registered without a code match this row; resolve the duplicates first.`,
  }),
  'offices.sameOrganisationTwice': ({ first }: { first: number }) => ({
    id: `Organisasi yang sama sudah diambil baris ${first}.`, en: `The same organisation is taken by line ${first} already.`,
  }),
  'offices.clientIdOfAnother': ({ clientId }: { clientId: string }) => ({
    id: `client_id ${clientId} milik organisasi lain.`, en: `client_id ${clientId} belongs to another organisation.`,
  }),
  'offices.registeredOtherwise': ({ code, column, registered }: { code: string; column: string; registered: string }) => ({
    id: `${code} terdaftar dengan ${column} ${registered}; yang ini tidak diubah dari berkas (kantor lain: code lain).`,
    en: `${code} is registered with ${column} ${registered}; a file does not change it (another office: another code).`,
  }),
});
