/**
 * The month a page shows. Aduan publishes whole months (WIB), and its open
 * data files hold one row per month: a page's figures are those rows.
 */

/** Jakarta is UTC+7 all year (no daylight saving). */
const WIB_OFFSET_MS = 7 * 3_600_000;

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` of the month `monthsBack` months before `now`'s month in Jakarta. */
export function monthWib(now: Date, monthsBack = 0): string {
  const wib = new Date(now.getTime() + WIB_OFFSET_MS);
  const first = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth() - monthsBack, 1));
  return first.toISOString().slice(0, 7);
}

/** The month `delta` months from `month` (`YYYY-MM`). */
export function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m - 1 + delta, 1)).toISOString().slice(0, 7);
}

/** How many months the selector offers and the trend charts draw. */
export const MONTHS_SHOWN = 12;

/**
 * The month asked for (`?bulan=2026-11`), if it is one of those offered; else
 * the last complete month, as statistics offices publish (the current one is
 * still filling up, and offered as "berjalan").
 */
export function chosenMonth(query: unknown, now: Date): string {
  const current = monthWib(now);
  if (typeof query === 'string' && MONTH_PATTERN.test(query) && query <= current && query >= monthWib(now, MONTHS_SHOWN - 1)) return query;
  return monthWib(now, 1);
}

/** The months offered, newest first. */
export function offeredMonths(now: Date): string[] {
  return Array.from({ length: MONTHS_SHOWN }, (_, i) => monthWib(now, i));
}

/** The trend's months: the `MONTHS_SHOWN` months up to `month`, oldest first. */
export function trendMonths(month: string, count = MONTHS_SHOWN): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(month, i - count + 1));
}
