import { DayOffKind } from './day-off.entity';
import { computedPublicHolidays, LIBRARY_SOURCE } from './library-holidays';

/**
 * The working-day calendar the SLA clocks count with, in memory: built from
 * the `days_off` table (days-off.service.ts loads it) and replaced whole, so a
 * reader never sees half a reload. Lookups are synchronous and allocation-free
 * (a Set of day numbers): addWorkingDays runs on every submission.
 *
 * A year the table holds no public holiday of (not even a withdrawn one) is
 * not taken as a year without holidays: its public holidays are the library's
 * computation, marked `estimated`, and the server warns at start
 * (docs/adr/0022-days-off.md). Cuti bersama cannot be computed; a year has
 * none until its SKB is recorded.
 */

/** A calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;

/** One day off as the calendar knows it. */
export interface CalendarDayOff {
  date: LocalDate;
  name: string;
  kind: DayOffKind;
  source: string;
  /** True when no row of the table says so: the library's computation for a year the table lacks. */
  estimated: boolean;
}

/** A row of `days_off` as the calendar needs it. */
export interface DayOffRecord {
  date: LocalDate;
  name: string;
  kind: DayOffKind;
  source: string;
  withdrawn: boolean;
}

const MS_PER_DAY = 86_400_000;

export class DaysOffCalendar {
  /** Day numbers (days since 1970-01-01) of the recorded days off still in force. */
  private readonly off = new Set<number>();
  private readonly recordedByYear = new Map<number, CalendarDayOff[]>();
  /** Years with at least one PUBLIC_HOLIDAY row, withdrawn or not: the table speaks for them. */
  private readonly recordedYears = new Set<number>();
  /** The library's holidays of years the table lacks, computed on first use (a memo; the calendar's answers never change). */
  private readonly estimatedYears = new Map<number, { days: CalendarDayOff[]; off: Set<number> }>();

  constructor(records: readonly DayOffRecord[]) {
    for (const record of records) {
      const year = yearOf(record.date);
      if (record.kind === DayOffKind.PUBLIC_HOLIDAY) this.recordedYears.add(year);
      if (record.withdrawn) continue;
      this.off.add(dayNumberOf(record.date));
      const list = this.recordedByYear.get(year) ?? [];
      list.push({ date: record.date, name: record.name, kind: record.kind, source: record.source, estimated: false });
      this.recordedByYear.set(year, list);
    }
    for (const list of this.recordedByYear.values()) list.sort(byDateKindName);
  }

  /** Whether the local day (days since 1970-01-01) is a public holiday or cuti bersama; weekends are not asked here. */
  isDayOff(dayNumber: number): boolean {
    if (this.off.has(dayNumber)) return true;
    const year = yearOfDayNumber(dayNumber);
    if (this.recordedYears.has(year)) return false;
    return this.estimated(year).off.has(dayNumber);
  }

  /** The days off of a year, by date: the table's in force, plus the library's estimate when the table has no public holidays of the year. */
  daysIn(year: number): CalendarDayOff[] {
    const recorded = this.recordedByYear.get(year) ?? [];
    if (this.recordedYears.has(year)) return recorded.map((day) => ({ ...day }));
    return [...recorded, ...this.estimated(year).days].sort(byDateKindName).map((day) => ({ ...day }));
  }

  /** Whether the table has the public holidays of the year (else they are the library's estimate). */
  hasRecordedYear(year: number): boolean {
    return this.recordedYears.has(year);
  }

  /** Whether the table has any cuti bersama in force for the year. */
  hasCutiBersama(year: number): boolean {
    return (this.recordedByYear.get(year) ?? []).some((day) => day.kind === DayOffKind.CUTI_BERSAMA);
  }

  private estimated(year: number): { days: CalendarDayOff[]; off: Set<number> } {
    let entry = this.estimatedYears.get(year);
    if (!entry) {
      const days = computedPublicHolidays(year).map((day) => ({ ...day, source: LIBRARY_SOURCE, estimated: true }));
      entry = { days, off: new Set(days.map((day) => dayNumberOf(day.date))) };
      this.estimatedYears.set(year, entry);
    }
    return entry;
  }
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumberOf(date: LocalDate): number {
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

/** The first day number of each year from 1900, for yearOfDayNumber without a Date per call. */
const YEAR_STARTS: number[] = [];
const FIRST_YEAR = 1900;
const LAST_YEAR = 2400;
for (let year = FIRST_YEAR; year <= LAST_YEAR + 1; year += 1) YEAR_STARTS.push(Date.UTC(year, 0, 1) / MS_PER_DAY);

function yearOfDayNumber(dayNumber: number): number {
  // 365.2425 days a year on average: the estimate is right or one too high.
  let index = Math.floor((dayNumber - YEAR_STARTS[0]) / 365.2425);
  if (index < 0 || index >= YEAR_STARTS.length - 1) return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
  if (YEAR_STARTS[index] > dayNumber) index -= 1;
  else if (YEAR_STARTS[index + 1] <= dayNumber) index += 1;
  return FIRST_YEAR + index;
}

function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

function byDateKindName(a: CalendarDayOff, b: CalendarDayOff): number {
  return a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name);
}

/**
 * The calendar in force in this process. Until the table is read (a process
 * that never touched the database, a unit test) it is the empty table's: the
 * library's public holidays for every year, no cuti bersama.
 */
let current = new DaysOffCalendar([]);

export function currentDaysOffCalendar(): DaysOffCalendar {
  return current;
}

/** Replaces the calendar in force, at once and whole. */
export function installDaysOffCalendar(calendar: DaysOffCalendar): void {
  current = calendar;
}
