import Holidays from 'date-holidays';
import { TimeZone } from '../common/enums';

/**
 * Indonesian working days (hari kerja), for SLA clocks.
 *
 * A day is a working day unless it is a Saturday, a Sunday, a national public
 * holiday (hari libur nasional) or a collective leave day (cuti bersama). Both
 * kinds of day off are fixed each year by a joint decree of the Minister of
 * Religious Affairs, the Minister of Manpower and the Minister for
 * Administrative and Bureaucratic Reform (SKB 3 Menteri), usually published in
 * September or October of the year before.
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

const SKB_2024 = 'SKB Menteri Agama, Menteri Ketenagakerjaan dan MenPANRB No. 855/2023, 3/2023, 4/2023 (hari libur nasional dan cuti bersama 2024)';
const SKB_2025 = 'SKB Menteri Agama, Menteri Ketenagakerjaan dan MenPANRB No. 1017/2024, 2/2024, 2/2024 (hari libur nasional dan cuti bersama 2025)';
const SKB_2026 = 'SKB 3 Menteri on hari libur nasional dan cuti bersama 2026 (signed September 2025)';

/**
 * Where date-holidays (3.37) puts a holiday on another day than the SKB. Its
 * Islamic holidays come from a computed Hijri calendar, while Indonesia fixes
 * them by the government's sighting (sidang isbat) as published in the SKB, so
 * they can be a day apart. A correction moves the library's holiday of `rule`
 * from `libraryDate` to `officialDate`.
 *
 * 2027 has no SKB yet: its Islamic holidays are the library's estimate and may
 * move by a day. Add its corrections here when the SKB is published.
 */
const HOLIDAY_CORRECTIONS: readonly { rule: string; libraryDate: LocalDate; officialDate: LocalDate; source: string }[] = [
  { rule: '10 Dhu al-Hijjah', libraryDate: '2024-06-16', officialDate: '2024-06-17', source: SKB_2024 }, // Idul Adha 1445 H
  { rule: '12 Rabi al-awwal', libraryDate: '2024-09-15', officialDate: '2024-09-16', source: SKB_2024 }, // Maulid Nabi 1446 H
  { rule: '1 Shawwal', libraryDate: '2025-03-30', officialDate: '2025-03-31', source: SKB_2025 }, // Idul Fitri 1446 H
  { rule: '2 Shawwal', libraryDate: '2025-03-31', officialDate: '2025-04-01', source: SKB_2025 },
  { rule: '1 Muharram', libraryDate: '2025-06-26', officialDate: '2025-06-27', source: SKB_2025 }, // Tahun Baru Islam 1447 H
  { rule: '1 Shawwal', libraryDate: '2026-03-20', officialDate: '2026-03-21', source: SKB_2026 }, // Idul Fitri 1447 H
  { rule: '2 Shawwal', libraryDate: '2026-03-21', officialDate: '2026-03-22', source: SKB_2026 },
];

/**
 * Collective leave days (cuti bersama) by year, from the SKB 3 Menteri. They
 * bind the civil service, which is who handles complaints, so they are not
 * working days here. To add a year, add its list; to add or correct a day at
 * runtime (from the database, say), use `mergeDaysOff`.
 */
export const CUTI_BERSAMA: Readonly<Record<number, readonly { date: LocalDate; name: string }[]>> = {
  // Source: SKB_2024. Sure of all ten; 8 February 2024 was a holiday (Isra
  // Mi'raj), not cuti bersama.
  2024: [
    { date: '2024-02-09', name: 'Cuti bersama Tahun Baru Imlek' },
    { date: '2024-03-12', name: 'Cuti bersama Hari Suci Nyepi' },
    { date: '2024-04-08', name: 'Cuti bersama Idul Fitri 1445 H' },
    { date: '2024-04-09', name: 'Cuti bersama Idul Fitri 1445 H' },
    { date: '2024-04-12', name: 'Cuti bersama Idul Fitri 1445 H' },
    { date: '2024-04-15', name: 'Cuti bersama Idul Fitri 1445 H' },
    { date: '2024-05-10', name: 'Cuti bersama Kenaikan Yesus Kristus' },
    { date: '2024-05-24', name: 'Cuti bersama Hari Raya Waisak' },
    { date: '2024-06-18', name: 'Cuti bersama Idul Adha 1445 H' },
    { date: '2024-12-26', name: 'Cuti bersama Hari Raya Natal' },
  ],
  // Source: SKB_2025. Sure of the ten days of the original decree. 18 August
  // was added in August 2025 for the 80th Independence Day; fairly sure, but
  // check it against the amending decree.
  2025: [
    { date: '2025-01-28', name: 'Cuti bersama Tahun Baru Imlek' },
    { date: '2025-03-28', name: 'Cuti bersama Hari Suci Nyepi' },
    { date: '2025-04-02', name: 'Cuti bersama Idul Fitri 1446 H' },
    { date: '2025-04-03', name: 'Cuti bersama Idul Fitri 1446 H' },
    { date: '2025-04-04', name: 'Cuti bersama Idul Fitri 1446 H' },
    { date: '2025-04-07', name: 'Cuti bersama Idul Fitri 1446 H' },
    { date: '2025-05-13', name: 'Cuti bersama Hari Raya Waisak' },
    { date: '2025-05-30', name: 'Cuti bersama Kenaikan Yesus Kristus' },
    { date: '2025-06-09', name: 'Cuti bersama Idul Adha 1446 H' },
    { date: '2025-08-18', name: 'Cuti bersama HUT ke-80 Kemerdekaan RI' },
    { date: '2025-12-26', name: 'Cuti bersama Hari Raya Natal' },
  ],
  // Source: SKB_2026. Fairly sure of these eight days, less so than of 2024 and
  // 2025; check them against the published decree.
  2026: [
    { date: '2026-02-16', name: 'Cuti bersama Tahun Baru Imlek' },
    { date: '2026-03-18', name: 'Cuti bersama Hari Suci Nyepi' },
    { date: '2026-03-20', name: 'Cuti bersama Idul Fitri 1447 H' },
    { date: '2026-03-23', name: 'Cuti bersama Idul Fitri 1447 H' },
    { date: '2026-03-24', name: 'Cuti bersama Idul Fitri 1447 H' },
    { date: '2026-05-15', name: 'Cuti bersama Kenaikan Yesus Kristus' },
    { date: '2026-05-28', name: 'Cuti bersama Idul Adha 1447 H' },
    { date: '2026-12-24', name: 'Cuti bersama Hari Raya Natal' },
  ],
};

const holidayCalendar = createHolidayCalendar();

/** Days off merged at runtime, on top of the library, the corrections and CUTI_BERSAMA. */
const mergedDaysOff: DayOff[] = [];

/** holidaysIn(year), by year; cleared when days are merged. */
const daysOffByYear = new Map<number, { list: DayOff[]; dates: Set<LocalDate> }>();

function createHolidayCalendar(): Holidays {
  const calendar = new Holidays('ID');
  // The library calls 27 Rajab "Maulid Nabi Muhammad" in Indonesian; the SKB
  // calls it Isra Mi'raj (Maulid is 12 Rabi al-awwal).
  calendar.setHoliday('27 Rajab', { name: { id: "Isra Mi'raj Nabi Muhammad SAW", en: "Isra Mi'raj" }, type: 'public' });
  // Easter Sunday has been a national holiday since the SKB for 2024; the
  // library does not have it. It is always a Sunday, so it never changes a
  // working-day count, but holidaysIn should list what the SKB lists.
  calendar.setHoliday('easter', {
    name: { id: 'Kebangkitan Yesus Kristus (Paskah)', en: 'Easter Sunday' },
    type: 'public',
    active: [{ from: '2024-01-01' }],
  });
  return calendar;
}

function publicHolidaysIn(year: number): DayOff[] {
  return holidayCalendar
    .getHolidays(year, 'id')
    // Indonesia has only 'public' days in date-holidays today; the filter keeps
    // any observance or optional day added later from becoming a day off.
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => {
      // `date` is the local date and time the holiday starts; Islamic holidays
      // start at sunset the evening before ("2025-03-30 00:00:00 -0600").
      const libraryDate = holiday.date.slice(0, 10);
      const correction = HOLIDAY_CORRECTIONS.find((c) => c.rule === holiday.rule && c.libraryDate === libraryDate);
      return { date: correction?.officialDate ?? libraryDate, name: holiday.name, kind: 'PUBLIC_HOLIDAY' as const };
    });
}

function daysOff(year: number): { list: DayOff[]; dates: Set<LocalDate> } {
  let days = daysOffByYear.get(year);
  if (!days) {
    const all = [
      ...publicHolidaysIn(year),
      ...(CUTI_BERSAMA[year] ?? []).map((day) => ({ ...day, kind: 'CUTI_BERSAMA' as const })),
      ...mergedDaysOff.filter((day) => yearOf(day.date) === year),
    ];
    const unique = all.filter((day, i) => all.findIndex((other) => sameDayOff(day, other)) === i);
    const list = unique.sort((a, b) => a.date.localeCompare(b.date));
    days = { list, dates: new Set(list.map((day) => day.date)) };
    daysOffByYear.set(year, days);
  }
  return days;
}

function sameDayOff(a: DayOff, b: DayOff): boolean {
  return a.date === b.date && a.name === b.name && a.kind === b.kind;
}

/** The public holidays and cuti bersama of a year, by date. Weekend holidays are included. */
export function holidaysIn(year: number): DayOff[] {
  return daysOff(year).list.map((day) => ({ ...day }));
}

/**
 * Adds days off, such as a cuti bersama decided after this table was written,
 * or a day the database knows better. Merging a day already known is harmless.
 * It can only add days off: a day the SKB later gives back as a working day
 * (as happened with cuti bersama in 2020 and 2021) must be removed from the
 * tables here.
 */
export function mergeDaysOff(days: readonly DayOff[]): void {
  for (const day of days) {
    assertLocalDate(day.date);
    if (!mergedDaysOff.some((known) => sameDayOff(known, day))) mergedDaysOff.push({ ...day });
  }
  daysOffByYear.clear();
}

export function isWorkingDay(localDate: LocalDate): boolean {
  assertLocalDate(localDate);
  const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !daysOff(yearOf(localDate)).dates.has(localDate);
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
  for (let counted = 0; counted < days; ) {
    day += 1;
    if (isWorkingDay(dayNumberToLocalDate(day))) counted += 1;
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
  for (let day = from + 1; day <= to; day += 1) {
    if (isWorkingDay(dayNumberToLocalDate(day))) count += 1;
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

function yearOf(localDate: LocalDate): number {
  return Number(localDate.slice(0, 4));
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
