/** Words and numbers as readers in Indonesia read them. */

const MONTH_NAMES = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

/** `2026-11` → "November 2026". */
export function monthName(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

/** `2026-11` → "Nov 2026" (chart axes). */
export function monthShort(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${MONTH_SHORT[m - 1]} ${year}`;
}

/** 12345 → "12.345". */
export const number = (n: number) => n.toLocaleString('id-ID');

/** 0.875 → "87,5%"; null (too few to say) → "–". */
export const percent = (rate: number | null | undefined) => (rate == null ? '–' : `${(rate * 100).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`);

/** Hours → "3,2 hari" (calendar days); null → "–". */
export const daysFromHours = (hours: number | null | undefined) => (hours == null ? '–' : `${(hours / 24).toLocaleString('id-ID', { maximumFractionDigits: 1 })} hari`);

/** Working days → "2,5 hari kerja"; null → "–". */
export const workingDays = (days: number | null | undefined) => (days == null ? '–' : `${days.toLocaleString('id-ID', { maximumFractionDigits: 1 })} hari kerja`);

const WIB = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const WIB_DATE = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric' });

export const dateTimeWib = (iso: string) => `${WIB.format(new Date(iso))} WIB`;
/** A calendar date (`2026-11-20`, no time) or a moment, as a date in Jakarta. */
export const dateWib = (iso: string) => WIB_DATE.format(new Date(iso.length === 10 ? `${iso}T00:00:00+07:00` : iso));
