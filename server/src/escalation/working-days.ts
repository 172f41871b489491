import { TimeZone } from '../common/enums';
import { currentDaysOffCalendar, DaysOffCalendar } from './days-off/calendar';

/**
 * Indonesian working days (hari kerja), for SLA clocks.
 *
 * A day is a working day unless it is a Saturday, a Sunday, a national public
 * holiday (hari libur nasional) or a collective leave day (cuti bersama). Both
 * kinds of day off are fixed each year by a joint decree of the Minister of
 * Religious Affairs, the Minister of Manpower and the Minister for
 * Administrative and Bureaucratic Reform (SKB 3 Menteri), usually published in
 * September or October of the year before. They are data: the `days_off`
 * table, read into the process's calendar (days-off/calendar.ts,
 * days-off/days-off.service.ts; docs/adr/0022-days-off.md). The functions here
 * stay synchronous and read the calendar in force.
 *
 * Days are counted in the local time of the complaint's region. Indonesia has
 * no daylight saving time, so each zone is a fixed offset from UTC and plain
 * arithmetic on epoch milliseconds is enough; no date library is needed.
 */

/** A calendar date in local time, 'YYYY-MM-DD'. */
export type LocalDate = string;

export type DayOffKind = 'PUBLIC_HOLIDAY' | 'CUTI_BERSAMA';

export interface DayOff {
  date: LocalDate;
  name: string;
  kind: DayOffKind;
}

/** 'WIB', 'WITA' or 'WIT'; a TimeZone enum value is accepted too. */
export type Zone = `${TimeZone}`;

const UTC_OFFSET_HOURS: Record<TimeZone, number> = {
  [TimeZone.WIB]: 7, // Asia/Jakarta
  [TimeZone.WITA]: 8, // Asia/Makassar
  [TimeZone.WIT]: 9, // Asia/Jayapura
};

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** The public holidays and cuti bersama of a year in the calendar in force, by date. Weekend holidays are included. */
export function holidaysIn(year: number): DayOff[] {
  return currentDaysOffCalendar().daysIn(year).map(({ date, name, kind }) => ({ date, name, kind }));
}

export function isWorkingDay(localDate: LocalDate): boolean {
  assertLocalDate(localDate);
  return isWorkingDayNumber(Date.parse(`${localDate}T00:00:00Z`) / MS_PER_DAY, currentDaysOffCalendar());
}

/** Days since 1970-01-01 (a Thursday): no string, no Date, one Set lookup — this runs in every SLA loop. */
function isWorkingDayNumber(dayNumber: number, calendar: DaysOffCalendar): boolean {
  const weekday = (((dayNumber + 4) % 7) + 7) % 7; // 0 = Sunday (before 1970 too)
  if (weekday === 0 || weekday === 6) return false;
  return !calendar.isDayOff(dayNumber);
}

/**
 * The SLA due instant N working days after `start`.
 *
 * The rule: the local day of `start` is day 0 whatever the hour, and the
 * complaint is due at the end (23:59:59.999 local) of the Nth working day after
 * it. The office so always gets N whole working days: a complaint filed on
 * Friday at 19:00, on Saturday or on Sunday with 3 working days is due at the
 * end of Wednesday (if no holiday intervenes), and one filed on Monday at 08:00
 * at the end of Thursday.
 */
export function addWorkingDays(start: Date, days: number, zone: Zone): Date {
  assertPositiveInteger(days);
  let day = localDayNumber(start, zone);
  const calendar = currentDaysOffCalendar(); // one calendar for the whole count, even if a reload replaces it meanwhile
  for (let counted = 0; counted < days; ) {
    day += 1;
    if (isWorkingDayNumber(day, calendar)) counted += 1;
  }
  return endOfLocalDay(day, zone);
}

/**
 * The number of working days after the local day of `a`, up to and including
 * the local day of `b`: the working days that begin between the two instants.
 * It inverts addWorkingDays (workingDaysBetween(s, addWorkingDays(s, n)) === n)
 * and is negative when `b` is before `a`.
 */
export function workingDaysBetween(a: Date, b: Date, zone: Zone): number {
  const from = localDayNumber(a, zone);
  const to = localDayNumber(b, zone);
  if (to < from) return -workingDaysBetween(b, a, zone);
  let count = 0;
  const calendar = currentDaysOffCalendar();
  for (let day = from + 1; day <= to; day += 1) {
    if (isWorkingDayNumber(day, calendar)) count += 1;
  }
  return count;
}

/** The end (23:59:59.999 local) of the Nth calendar day after the local day of `start`; the same rule as addWorkingDays. */
export function addCalendarDays(start: Date, days: number, zone: Zone): Date {
  assertPositiveInteger(days);
  return endOfLocalDay(localDayNumber(start, zone) + days, zone);
}

/** The number of local midnights between the two instants; negative when `b` is before `a`. */
export function calendarDaysBetween(a: Date, b: Date, zone: Zone): number {
  return localDayNumber(b, zone) - localDayNumber(a, zone);
}

/** The local calendar date of an instant in a zone. */
export function toLocalDate(instant: Date, zone: Zone): LocalDate {
  return dayNumberToLocalDate(localDayNumber(instant, zone));
}

/** Days since 1970-01-01 of the instant's local date. */
function localDayNumber(instant: Date, zone: Zone): number {
  return Math.floor((instant.getTime() + UTC_OFFSET_HOURS[zone] * MS_PER_HOUR) / MS_PER_DAY);
}

function dayNumberToLocalDate(dayNumber: number): LocalDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

function endOfLocalDay(dayNumber: number, zone: Zone): Date {
  return new Date((dayNumber + 1) * MS_PER_DAY - UTC_OFFSET_HOURS[zone] * MS_PER_HOUR - 1);
}

function assertLocalDate(value: string): void {
  const time = Date.parse(`${value}T00:00:00Z`);
  // The round trip refuses dates that Date would roll over, such as 2025-02-30.
  const isCalendarDate = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  if (!isCalendarDate) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${value}`);
}

function assertPositiveInteger(days: number): void {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`Expected a whole number of days, at least 1: ${days}`);
}
