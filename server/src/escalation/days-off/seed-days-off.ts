import { EntityManager } from 'typeorm';
import { DayOffKind } from './day-off.entity';
import { computedPublicHolidays } from './library-holidays';
import { CUTI_BERSAMA, FIRST_SEEDED_YEAR, YEARS_AHEAD } from './seed.data';

/** Who the setup's rows are recorded by. */
export const SEED_RECORDER = 'setup';

export interface SeedDayOff { date: string; name: string; kind: DayOffKind; source: string }

/** The years the setup fills: FIRST_SEEDED_YEAR to two years after `now`'s year in WIB (the country's capital's calendar). */
export function seededYears(now: Date): number[] {
  const currentYear = new Date(now.getTime() + 7 * 3_600_000).getUTCFullYear();
  const years: number[] = [];
  for (let year = FIRST_SEEDED_YEAR; year <= currentYear + YEARS_AHEAD; year += 1) years.push(year);
  return years;
}

/** What the setup would write for these years: the library's public holidays (corrected by the SKBs known) and the known cuti bersama. */
export function seedDaysOffRows(years: readonly number[]): { publicHolidays: SeedDayOff[]; cutiBersama: SeedDayOff[] } {
  return {
    publicHolidays: years.flatMap((year) => computedPublicHolidays(year)),
    cutiBersama: years.flatMap((year) => (CUTI_BERSAMA[year] ?? []).map((day) => ({ ...day, kind: DayOffKind.CUTI_BERSAMA }))),
  };
}

/**
 * Fills `days_off` for the years from 2020 to two years after `now`, for the
 * setup (and the demo). Idempotent, and never against an administrator:
 *
 * - a year's computed public holidays are written only while the table has no
 *   public holiday of that year at all (withdrawn ones count): once a year is
 *   in the table, the table speaks for it, and a newer library (whose Islamic
 *   holidays may move by a day) adds no second Idul Fitri to it;
 * - the known cuti bersama go in row by row, ON CONFLICT DO NOTHING: a day an
 *   administrator recorded or withdrew stays as they left it, and a day added
 *   to these lists in a later release is added by the next run.
 *
 * Each is one statement, so two setups at once insert each row once (the
 * unique index decides; the loser's row is skipped), with no lock.
 * Returns the number of rows inserted.
 */
export async function seedDaysOff(manager: EntityManager, now: Date): Promise<number> {
  const { publicHolidays, cutiBersama } = seedDaysOffRows(seededYears(now));
  const columns = (rows: SeedDayOff[]) => [rows.map((r) => r.date), rows.map((r) => r.name), rows.map((r) => r.kind), rows.map((r) => r.source)];
  const holidays: { id: string }[] = await manager.query(
    `INSERT INTO days_off (date, name, kind, source, recorded_by)
     SELECT d.date, d.name, d.kind::day_off_kind, d.source, $5
       FROM unnest($1::date[], $2::text[], $3::text[], $4::text[]) AS d(date, name, kind, source)
      WHERE NOT EXISTS (
        SELECT 1 FROM days_off o
         WHERE o.kind = 'PUBLIC_HOLIDAY'
           AND o.date >= make_date(extract(year FROM d.date)::int, 1, 1)
           AND o.date < make_date(extract(year FROM d.date)::int + 1, 1, 1))
     ON CONFLICT (date, kind, name) DO NOTHING
     RETURNING id`,
    [...columns(publicHolidays), SEED_RECORDER],
  );
  const leave: { id: string }[] = await manager.query(
    `INSERT INTO days_off (date, name, kind, source, recorded_by)
     SELECT d.date, d.name, d.kind::day_off_kind, d.source, $5
       FROM unnest($1::date[], $2::text[], $3::text[], $4::text[]) AS d(date, name, kind, source)
     ON CONFLICT (date, kind, name) DO NOTHING
     RETURNING id`,
    [...columns(cutiBersama), SEED_RECORDER],
  );
  return holidays.length + leave.length;
}
