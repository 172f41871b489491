import { beforeEach, describe, expect, it } from 'vitest';
import { DaysOffCalendar, DayOffRecord, installDaysOffCalendar } from './days-off/calendar';
import { DayOffKind } from './days-off/day-off.entity';
import { seedDaysOffRows } from './days-off/seed-days-off';
import { CUTI_BERSAMA } from './days-off/seed.data';
import {
  addCalendarDays, addWorkingDays, calendarDaysBetween, holidaysIn, isWorkingDay, toLocalDate, workingDaysBetween,
} from './working-days';

/**
 * The working-day arithmetic on the calendar the setup writes: these tests put
 * in force, in memory, the rows seedDaysOff inserts (the table itself is
 * test/days-off/days-off.spec.ts's), for the years of the known SKBs.
 */
const SKB_YEARS = Object.keys(CUTI_BERSAMA).map(Number);
const LAST_SKB_YEAR = Math.max(...SKB_YEARS);
const seededRecords = (): DayOffRecord[] => {
  const { publicHolidays, cutiBersama } = seedDaysOffRows(SKB_YEARS);
  return [...publicHolidays, ...cutiBersama].map((day) => ({ ...day, withdrawn: false }));
};
beforeEach(() => installDaysOffCalendar(new DaysOffCalendar(seededRecords())));

/** The instant of a local wall-clock time, e.g. at('2025-06-13T19:00', 7). */
const at = (local: string, offsetHours: number) =>
  new Date(Date.parse(`${local}:00Z`) - offsetHours * 3_600_000);

const publicHolidayDates = (year: number) =>
  holidaysIn(year).filter((day) => day.kind === 'PUBLIC_HOLIDAY').map((day) => day.date);
const cutiBersamaDates = (year: number) =>
  holidaysIn(year).filter((day) => day.kind === 'CUTI_BERSAMA').map((day) => day.date);

describe('holidaysIn', () => {
  // The hari libur nasional of each year's SKB 3 Menteri, against which the
  // library and its corrections are checked.
  it.each([
    [2024, ['2024-01-01', '2024-02-08', '2024-02-10', '2024-03-11', '2024-03-29', '2024-03-31', '2024-04-10', '2024-04-11',
      '2024-05-01', '2024-05-09', '2024-05-23', '2024-06-01', '2024-06-17', '2024-07-07', '2024-08-17', '2024-09-16', '2024-12-25']],
    [2025, ['2025-01-01', '2025-01-27', '2025-01-29', '2025-03-29', '2025-03-31', '2025-04-01', '2025-04-18', '2025-04-20',
      '2025-05-01', '2025-05-12', '2025-05-29', '2025-06-01', '2025-06-06', '2025-06-27', '2025-08-17', '2025-09-05', '2025-12-25']],
    [2026, ['2026-01-01', '2026-01-16', '2026-02-17', '2026-03-19', '2026-03-21', '2026-03-22', '2026-04-03', '2026-04-05',
      '2026-05-01', '2026-05-14', '2026-05-27', '2026-05-31', '2026-06-01', '2026-06-16', '2026-08-17', '2026-08-25', '2026-12-25']],
  ])('lists the public holidays of the SKB for %i', (year, expected) => {
    expect(publicHolidayDates(year)).toEqual(expected);
  });

  it('names the days as the SKB does and marks their kind', () => {
    const days2025 = holidaysIn(2025);
    expect(days2025).toContainEqual({ date: '2025-01-27', name: "Isra Mi'raj Nabi Muhammad SAW", kind: 'PUBLIC_HOLIDAY' });
    expect(days2025).toContainEqual({ date: '2025-03-31', name: 'Hari Raya Idul Fitri', kind: 'PUBLIC_HOLIDAY' });
    expect(days2025).toContainEqual({ date: '2025-04-02', name: 'Cuti bersama Idul Fitri 1446 H', kind: 'CUTI_BERSAMA' });
  });

  it('lists the cuti bersama of 2024 to 2026', () => {
    expect(cutiBersamaDates(2024)).toEqual(['2024-02-09', '2024-03-12', '2024-04-08', '2024-04-09', '2024-04-12', '2024-04-15',
      '2024-05-10', '2024-05-24', '2024-06-18', '2024-12-26']);
    expect(cutiBersamaDates(2025)).toHaveLength(11);
    expect(cutiBersamaDates(2026)).toHaveLength(8);
  });

  it('still knows the holidays of a year without an SKB, from the library', () => {
    // The year after the last SKB known: still one without an SKB once the next year's is added.
    const year = LAST_SKB_YEAR + 1;
    expect(publicHolidayDates(year)).toEqual(expect.arrayContaining([`${year}-01-01`, `${year}-06-01`, `${year}-08-17`, `${year}-12-25`]));
    expect(cutiBersamaDates(year)).toEqual([]);
  });
});

describe('isWorkingDay', () => {
  it('is false on weekends, holidays and cuti bersama, true otherwise', () => {
    expect(isWorkingDay('2025-06-13')).toBe(true); // a Friday
    expect(isWorkingDay('2025-06-14')).toBe(false); // Saturday
    expect(isWorkingDay('2025-06-15')).toBe(false); // Sunday
    expect(isWorkingDay('2025-03-31')).toBe(false); // Idul Fitri
    expect(isWorkingDay('2025-03-30')).toBe(false); // a Sunday, the library's (wrong) Idul Fitri
    expect(isWorkingDay('2025-04-07')).toBe(false); // cuti bersama
    expect(isWorkingDay('2025-04-08')).toBe(true);
  });

  it('is false on Independence Day when it falls on a weekday', () => {
    expect(isWorkingDay('2026-08-17')).toBe(false); // a Monday
    expect(isWorkingDay('2026-08-18')).toBe(true);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => isWorkingDay('2025-6-1')).toThrow(RangeError);
    expect(() => isWorkingDay('2025-02-30')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('skips the weekend: filed Friday 19:00 WIB, 3 working days, due at the end of Wednesday', () => {
    const due = addWorkingDays(at('2025-06-13T19:00', 7), 3, 'WIB');
    expect(due).toEqual(new Date('2025-06-18T23:59:59.999+07:00'));
  });

  it('gives the same due instant to a complaint filed on Saturday or Sunday', () => {
    const fridayEvening = addWorkingDays(at('2025-06-13T19:00', 7), 3, 'WIB');
    expect(addWorkingDays(at('2025-06-14T10:00', 7), 3, 'WIB')).toEqual(fridayEvening);
    expect(addWorkingDays(at('2025-06-15T23:59', 7), 3, 'WIB')).toEqual(fridayEvening);
  });

  it('does not count the day of filing, whatever the hour', () => {
    expect(addWorkingDays(at('2025-06-16T08:00', 7), 3, 'WIB')).toEqual(new Date('2025-06-19T23:59:59.999+07:00'));
  });

  it('skips Idul Fitri 2025 (31 March, 1 April) and its cuti bersama', () => {
    // 28 March cuti bersama Nyepi, 31 March to 7 April holidays, cuti bersama and a weekend.
    const due = addWorkingDays(at('2025-03-27T10:00', 7), 3, 'WIB');
    expect(due).toEqual(new Date('2025-04-10T23:59:59.999+07:00'));
  });

  it('skips 17 August', () => {
    expect(addWorkingDays(at('2026-08-14T09:00', 7), 1, 'WIB')).toEqual(new Date('2026-08-18T23:59:59.999+07:00'));
  });

  it('crosses the year end, skipping Christmas, its cuti bersama and New Year', () => {
    // Working days: 24, 29, 30, 31 December 2025 and 2 January 2026.
    const due = addWorkingDays(at('2025-12-23T10:00', 7), 5, 'WIB');
    expect(due).toEqual(new Date('2026-01-02T23:59:59.999+07:00'));
  });

  it('counts in the local day of the zone: one instant is Sunday in WIB and Monday in WIT', () => {
    const instant = new Date('2025-06-01T16:30:00Z');
    expect(toLocalDate(instant, 'WIB')).toBe('2025-06-01'); // 23:30 Sunday (and Pancasila Day)
    expect(toLocalDate(instant, 'WITA')).toBe('2025-06-02'); // 00:30 Monday
    expect(toLocalDate(instant, 'WIT')).toBe('2025-06-02'); // 01:30 Monday
    expect(addWorkingDays(instant, 1, 'WIB')).toEqual(new Date('2025-06-02T23:59:59.999+07:00'));
    expect(addWorkingDays(instant, 1, 'WITA')).toEqual(new Date('2025-06-03T23:59:59.999+08:00'));
    expect(addWorkingDays(instant, 1, 'WIT')).toEqual(new Date('2025-06-03T23:59:59.999+09:00'));
  });

  it('refuses a number of days that is not a whole number of at least 1', () => {
    const start = new Date('2025-06-02T00:00:00Z');
    expect(() => addWorkingDays(start, 0, 'WIB')).toThrow(RangeError);
    expect(() => addWorkingDays(start, 1.5, 'WIB')).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('inverts addWorkingDays', () => {
    const start = at('2025-03-27T10:00', 7);
    for (const days of [1, 3, 10, 60]) {
      expect(workingDaysBetween(start, addWorkingDays(start, days, 'WITA'), 'WITA')).toBe(days);
    }
  });

  it('counts the working days that begin between the two instants', () => {
    expect(workingDaysBetween(at('2025-06-16T08:00', 7), at('2025-06-16T17:00', 7), 'WIB')).toBe(0);
    expect(workingDaysBetween(at('2025-06-13T19:00', 7), at('2025-06-16T08:00', 7), 'WIB')).toBe(1);
    expect(workingDaysBetween(at('2025-03-27T10:00', 7), at('2025-04-08T10:00', 7), 'WIB')).toBe(1);
  });

  it('is negative when the second instant is earlier', () => {
    expect(workingDaysBetween(at('2025-06-18T10:00', 7), at('2025-06-13T19:00', 7), 'WIB')).toBe(-3);
  });
});

describe('calendar days', () => {
  it('ends at the end of the Nth local day after the start', () => {
    expect(addCalendarDays(at('2025-01-10T10:00', 8), 60, 'WITA')).toEqual(new Date('2025-03-11T23:59:59.999+08:00'));
  });

  it('counts local midnights', () => {
    expect(calendarDaysBetween(at('2025-12-31T23:00', 9), at('2026-01-01T01:00', 9), 'WIT')).toBe(1);
    expect(calendarDaysBetween(at('2025-12-31T01:00', 9), at('2025-12-31T23:00', 9), 'WIT')).toBe(0);
  });
});

describe('the calendar from the table', () => {
  // A working day years after the last SKB known here, so that no SKB added later makes it a day off already.
  const year = LAST_SKB_YEAR + 5;
  const date = [2, 3, 4, 5, 6, 7, 8].map((d) => `${year}-01-0${d}`).find((candidate) => isWorkingDay(candidate))!;
  const library = (y: number) => seedDaysOffRows([y]).publicHolidays.map((day) => ({ ...day, withdrawn: false }));

  it('counts a recorded cuti bersama as a day off, and a withdrawn one as a working day again', () => {
    expect(date).toBeDefined();
    const start = new Date(`${date}T00:00:00+07:00`);
    const before = addWorkingDays(new Date(start.getTime() - 86_400_000), 1, 'WIB'); // due on `date`
    const day = { date, name: 'Cuti bersama Tahun Baru', kind: DayOffKind.CUTI_BERSAMA, source: 'SKB test' };
    installDaysOffCalendar(new DaysOffCalendar([...library(year), { ...day, withdrawn: false }]));
    expect(isWorkingDay(date)).toBe(false);
    expect(holidaysIn(year).filter((known) => known.date === date)).toEqual([{ date, name: day.name, kind: day.kind }]);
    expect(addWorkingDays(new Date(start.getTime() - 86_400_000), 1, 'WIB').getTime()).toBeGreaterThan(before.getTime());
    installDaysOffCalendar(new DaysOffCalendar([...library(year), { ...day, withdrawn: true }]));
    expect(isWorkingDay(date)).toBe(true);
    expect(addWorkingDays(new Date(start.getTime() - 86_400_000), 1, 'WIB')).toEqual(before);
  });

  it('takes the library’s public holidays for a year without any in the table, marked estimated — and only then', () => {
    installDaysOffCalendar(new DaysOffCalendar([]));
    expect(holidaysIn(year).map((d) => d.date)).toContain(`${year}-08-17`);
    const weekday17August = [0, 6].includes(new Date(`${year}-08-17T00:00:00Z`).getUTCDay()) ? null : `${year}-08-17`;
    if (weekday17August) expect(isWorkingDay(weekday17August)).toBe(false);
    // A cuti bersama recorded alone does not make the year "in the table": its public holidays still count.
    installDaysOffCalendar(new DaysOffCalendar([{ date, name: 'Cuti bersama', kind: DayOffKind.CUTI_BERSAMA, source: 's', withdrawn: false }]));
    expect(holidaysIn(year).map((d) => d.date)).toEqual(expect.arrayContaining([`${year}-01-01`, date, `${year}-12-25`]));
    // Once one public holiday of the year is recorded, the table speaks for the year: no estimate is added.
    installDaysOffCalendar(new DaysOffCalendar([{ date: `${year}-01-01`, name: 'Tahun Baru', kind: DayOffKind.PUBLIC_HOLIDAY, source: 's', withdrawn: false }]));
    expect(holidaysIn(year)).toEqual([{ date: `${year}-01-01`, name: 'Tahun Baru', kind: 'PUBLIC_HOLIDAY' }]);
    if (weekday17August) expect(isWorkingDay(weekday17August)).toBe(true);
  });

  it('finds the year of every day from 1990 to 2130 as Date does (its fast path)', () => {
    // A day off on 1 January and 31 December of each year, in the table for that year only: a wrong year misses it.
    const records: DayOffRecord[] = [];
    for (let y = 1990; y <= 2130; y += 1) {
      records.push({ date: `${y}-01-01`, name: 'a', kind: DayOffKind.PUBLIC_HOLIDAY, source: 's', withdrawn: false });
      records.push({ date: `${y}-12-31`, name: 'b', kind: DayOffKind.PUBLIC_HOLIDAY, source: 's', withdrawn: false });
    }
    const calendar = new DaysOffCalendar(records);
    const wrong: string[] = [];
    for (let day = Date.UTC(1990, 0, 1) / 86_400_000; day <= Date.UTC(2130, 11, 31) / 86_400_000; day += 1) {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (calendar.isDayOff(day) !== (date.endsWith('-01-01') || date.endsWith('-12-31'))) wrong.push(date);
    }
    expect(wrong).toEqual([]);
  });
});
