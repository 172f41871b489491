import Holidays from 'date-holidays';
import { DayOffKind } from './day-off.entity';
import { HOLIDAY_CORRECTIONS, SKB_OF_YEAR } from './seed.data';
import { words } from '../../words';

/** A public holiday as computed by date-holidays, with the SKB's corrections applied. */
export interface ComputedHoliday { date: string; name: string; kind: DayOffKind.PUBLIC_HOLIDAY; source: string }

/** How a computed holiday's source reads when no SKB of its year was checked: an estimate, to be confirmed. */
export const LIBRARY_SOURCE = 'date-holidays 3.37 (computed; no SKB recorded)';

let calendar: Holidays | undefined;

function holidayCalendar(): Holidays {
  if (calendar) return calendar;
  calendar = new Holidays('ID');
  // The library calls 27 Rajab "Maulid Nabi Muhammad" in Indonesian; the SKB
  // calls it Isra Mi'raj (Maulid is 12 Rabi al-awwal).
  calendar.setHoliday('27 Rajab', { name: words('daysOff.israMiraj'), type: 'public' });
  // Easter Sunday has been a national holiday since the SKB for 2024; the
  // library does not have it. It is always a Sunday, so it never changes a
  // working-day count, but the list should show what the SKB lists.
  calendar.setHoliday('easter', {
    name: words('daysOff.easter'),
    type: 'public',
    active: [{ from: '2024-01-01' }],
  });
  return calendar;
}

/**
 * Indonesia's public holidays of a year as the library computes them. Used to
 * seed the table, and by the calendar for a year the table has no public
 * holidays of (docs/adr/0022-days-off.md). Its Islamic holidays may be a day
 * off the SKB's for a year without corrections.
 */
export function computedPublicHolidays(year: number): ComputedHoliday[] {
  return holidayCalendar()
    .getHolidays(year, 'id')
    // Indonesia has only 'public' days in date-holidays today; the filter keeps
    // any observance or optional day added later from becoming a day off.
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => {
      // `date` is the local date and time the holiday starts; Islamic holidays
      // start at sunset the evening before ("2025-03-30 00:00:00 -0600").
      const libraryDate = holiday.date.slice(0, 10);
      const correction = HOLIDAY_CORRECTIONS.find((c) => c.rule === holiday.rule && c.libraryDate === libraryDate);
      return {
        date: correction?.officialDate ?? libraryDate,
        name: holiday.name,
        kind: DayOffKind.PUBLIC_HOLIDAY as const,
        source: SKB_OF_YEAR[year] ?? LIBRARY_SOURCE,
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}
