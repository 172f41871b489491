import { DataSource } from 'typeorm';
import { SCALE_SERIAL_BASE } from '../../server/src/demo/population';

/**
 * Dates for tests, taken from the data or the database's clock, never from the
 * calendar the test was written on: the suite runs on any day, with the clock
 * moved ahead, and across the turn of a month.
 */

/**
 * The months the demo paid, `YYYY-MM`, oldest first, as the test database holds
 * them: the three before the month the run's setup seeded it in (WIB), which is
 * not always the month a test runs in. Only the demo population's people count
 * (NIK serials below SCALE_SERIAL_BASE): disbursements a test seeds with
 * seedBankDisbursements use the serials above.
 */
export async function demoMonths(db: { dataSource: DataSource }): Promise<[string, string, string]> {
  const rows: { period: string }[] = await db.dataSource.query(
    `SELECT DISTINCT d.period FROM disbursements d
       JOIN program_enrolments e ON e.id = d.enrolment_id JOIN recipients r ON r.id = e.recipient_id
      WHERE substr(r.nik, 13, 4)::int < $1 ORDER BY d.period`,
    [SCALE_SERIAL_BASE],
  );
  if (rows.length !== 3) throw new Error(`the demo data should pay three months; it pays ${rows.map((r) => r.period).join(', ') || 'none'}`);
  return [rows[0].period, rows[1].period, rows[2].period];
}

/** The database's today in WIB (Asia/Jakarta), `YYYY-MM-DD`: the day the API counts a complaint received on. */
export async function wibToday(db: { dataSource: DataSource }): Promise<string> {
  const [{ today }] = await db.dataSource.query(`SELECT to_char(now() AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS today`);
  return today;
}

/**
 * The first day and the first month the API calls future, by the database's
 * clock: it judges a date by the day where it is latest in Indonesia (WIT,
 * UTC+9), so tomorrow in WIT and the month after WIT's — from 22:00 WIB on, not
 * tomorrow in WIB. Read it just before the request that uses it.
 */
export async function firstFuture(db: { dataSource: DataSource }): Promise<{ day: string; month: string }> {
  const [row] = await db.dataSource.query(
    `SELECT to_char((now() AT TIME ZONE 'Asia/Jayapura')::date + 1, 'YYYY-MM-DD') AS day,
            to_char(date_trunc('month', now() AT TIME ZONE 'Asia/Jayapura') + interval '1 month', 'YYYY-MM') AS month`,
  );
  return row;
}

/** `YYYY-MM` plus `months` (negative: back). */
export function addMonths(period: string, months: number): string {
  const [year, month] = period.split('-').map(Number);
  const d = new Date(Date.UTC(year, month - 1 + months, 1));
  return d.toISOString().slice(0, 7);
}

/** `YYYY-MM-DD` plus `days` (negative: back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The last day of a `YYYY-MM`, `YYYY-MM-DD`. */
export function lastDayOf(period: string): string {
  return addDays(`${addMonths(period, 1)}-01`, -1);
}

// The expected Indonesian texts are spelt here, apart from the product's own label functions, so a wrong label fails.
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** `2026-10` → `Oktober 2026`. */
export function bulan(period: string): string {
  return `${BULAN[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
}

/** `2026-11-05` → `5 November 2026`. */
export function tanggal(date: string): string {
  return `${Number(date.slice(8, 10))} ${bulan(date.slice(0, 7))}`;
}
