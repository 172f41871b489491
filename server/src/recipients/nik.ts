/**
 * NIK (Nomor Induk Kependudukan), the 16-digit national ID number, and the KK
 * (family card) number. A NIK reads:
 *
 *   3273 01 410590 0001
 *   │ │  │  │      └─ serial, 0001–9999
 *   │ │  │  └──────── birth date DDMMYY; women have 40 added to the day (41–71)
 *   │ │  └─────────── sub-district (kecamatan) of registration
 *   │ └────────────── district/city (kabupaten/kota)
 *   └──────────────── province (11–96)
 *
 * The structure can be checked offline; whether the person exists cannot. A
 * structurally valid NIK may still be unknown to the register.
 */

export type NikSex = 'M' | 'F';

export type NikProblem = 'FORMAT' | 'REGION' | 'BIRTH_DATE' | 'SERIAL';

export type NikValidation =
  | { ok: true; /** `32.73.01` */ regionPrefix: string; /** `YYYY-MM-DD` */ birthDate: string; sex: NikSex }
  | { ok: false; reason: NikProblem; /** Bahasa Indonesia; never contains the NIK's digits (they are personal data). */ message: string };

const MESSAGES: Record<NikProblem, string> = {
  FORMAT: 'NIK harus terdiri atas 16 angka.',
  REGION: 'Kode wilayah pada NIK (6 angka pertama) tidak dikenal.',
  BIRTH_DATE: 'Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak valid.',
  SERIAL: 'Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000.',
};

/** Women's NIKs carry the day of birth plus 40. */
const FEMALE_DAY_OFFSET = 40;

/**
 * Checks a NIK's structure. `today` decides the century of the two-digit birth
 * year (a year after this year's two digits is 19YY, otherwise 20YY) and refuses
 * birth dates still to come.
 */
export function validateNik(nik: string, today: Date = new Date()): NikValidation {
  if (!/^[0-9]{16}$/.test(nik)) return invalid('FORMAT');
  if (!isRegionPrefix(nik.slice(0, 6))) return invalid('REGION');

  const encodedDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex: NikSex = encodedDay > FEMALE_DAY_OFFSET ? 'F' : 'M';
  const day = sex === 'F' ? encodedDay - FEMALE_DAY_OFFSET : encodedDay;
  const currentYear = today.getUTCFullYear();
  const year = yy > currentYear % 100 ? 1900 + yy : 2000 + yy;
  const birthDate = calendarDate(year, month, day);
  if (!birthDate || birthDate > isoDate(today)) return invalid('BIRTH_DATE');

  if (nik.slice(12) === '0000') return invalid('SERIAL');
  return { ok: true, regionPrefix: `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`, birthDate, sex };
}

export interface NikParts {
  /** The kecamatan of registration, `32.73.01`. */
  subdistrictCode: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  sex: NikSex;
  /** 1–9999. */
  serial: number;
}

/** Builds a structurally valid NIK (for synthetic data and tests). Throws on impossible parts. */
export function makeNik({ subdistrictCode, birthDate, sex, serial }: NikParts): string {
  const prefix = /^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$/.test(subdistrictCode) ? subdistrictCode.replace(/\./g, '') : '';
  if (!isRegionPrefix(prefix)) throw new RangeError(`makeNik: not a sub-district code: ${subdistrictCode}`);
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(birthDate);
  if (!match || !calendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new RangeError(`makeNik: not a date: ${birthDate}`);
  }
  if (!Number.isInteger(serial) || serial < 1 || serial > 9999) throw new RangeError(`makeNik: serial out of 1–9999: ${serial}`);
  const day = Number(match[3]) + (sex === 'F' ? FEMALE_DAY_OFFSET : 0);
  return `${prefix}${pad2(day)}${match[2]}${match[1].slice(2)}${String(serial).padStart(4, '0')}`;
}

/** `3273********0001`: enough to recognise one's own NIK, not enough to use someone else's. */
export function maskNik(nik: string): string {
  if (nik.length !== 16) return '*'.repeat(16);
  return `${nik.slice(0, 4)}${'*'.repeat(8)}${nik.slice(12)}`;
}

/** A KK number: 16 digits starting with the sub-district where the card was issued. */
export function isKkNumber(value: string): boolean {
  return /^[0-9]{16}$/.test(value) && isRegionPrefix(value.slice(0, 6));
}

/** Province 11–96, and district and sub-district codes that are not 00. */
function isRegionPrefix(sixDigits: string): boolean {
  if (!/^[0-9]{6}$/.test(sixDigits)) return false;
  const province = Number(sixDigits.slice(0, 2));
  return province >= 11 && province <= 96 && sixDigits.slice(2, 4) !== '00' && sixDigits.slice(4, 6) !== '00';
}

/** `YYYY-MM-DD` when the day exists in the calendar (29 February only in leap years), else null. */
function calendarDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return isoDate(date);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function invalid(reason: NikProblem): NikValidation {
  return { ok: false, reason, message: MESSAGES[reason] };
}
