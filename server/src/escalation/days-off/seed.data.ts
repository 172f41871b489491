/**
 * What the setup writes into `days_off` beyond the library's computed public
 * holidays (seed-days-off.ts): the corrections of the library's Islamic
 * holidays and the cuti bersama of each SKB 3 Menteri known when this was
 * written. Read only by the seed — and by the library fallback for a year the
 * table has no public holidays of (library-holidays.ts), which these
 * corrections' years never are once seeded. The running server reads the
 * table; a new SKB is data entry (`npm run days-off -- import`, or the
 * recordDayOff mutation), not a change here.
 */

/** A calendar date, 'YYYY-MM-DD'. */
type LocalDate = string;

export const SKB_2024 = 'SKB Menteri Agama, Menteri Ketenagakerjaan dan MenPANRB No. 855/2023, 3/2023, 4/2023';
export const SKB_2025 = 'SKB Menteri Agama, Menteri Ketenagakerjaan dan MenPANRB No. 1017/2024, 2/2024, 2/2024';
export const SKB_2026 = 'SKB 3 Menteri hari libur nasional dan cuti bersama 2026 (September 2025)';

/**
 * Where date-holidays (3.37) puts a holiday on another day than the SKB. Its
 * Islamic holidays come from a computed Hijri calendar, while Indonesia fixes
 * them by the government's sighting (sidang isbat) as published in the SKB, so
 * they can be a day apart. A correction moves the library's holiday of `rule`
 * from `libraryDate` to `officialDate`.
 */
export const HOLIDAY_CORRECTIONS: readonly { rule: string; libraryDate: LocalDate; officialDate: LocalDate; source: string }[] = [
  { rule: '10 Dhu al-Hijjah', libraryDate: '2024-06-16', officialDate: '2024-06-17', source: SKB_2024 }, // Idul Adha 1445 H
  { rule: '12 Rabi al-awwal', libraryDate: '2024-09-15', officialDate: '2024-09-16', source: SKB_2024 }, // Maulid Nabi 1446 H
  { rule: '1 Shawwal', libraryDate: '2025-03-30', officialDate: '2025-03-31', source: SKB_2025 }, // Idul Fitri 1446 H
  { rule: '2 Shawwal', libraryDate: '2025-03-31', officialDate: '2025-04-01', source: SKB_2025 },
  { rule: '1 Muharram', libraryDate: '2025-06-26', officialDate: '2025-06-27', source: SKB_2025 }, // Tahun Baru Islam 1447 H
  { rule: '1 Shawwal', libraryDate: '2026-03-20', officialDate: '2026-03-21', source: SKB_2026 }, // Idul Fitri 1447 H
  { rule: '2 Shawwal', libraryDate: '2026-03-21', officialDate: '2026-03-22', source: SKB_2026 },
];

/** The SKB each year's public holidays were checked against (the others are the library's estimate until recorded). */
export const SKB_OF_YEAR: Readonly<Record<number, string>> = { 2024: SKB_2024, 2025: SKB_2025, 2026: SKB_2026 };

/**
 * Collective leave days (cuti bersama) by year, from the SKB 3 Menteri. They
 * bind the civil service, which is who handles complaints, so they are not
 * working days here.
 */
export const CUTI_BERSAMA: Readonly<Record<number, readonly { date: LocalDate; name: string; source: string }[]>> = {
  // Sure of all ten; 8 February 2024 was a holiday (Isra Mi'raj), not cuti bersama.
  2024: [
    { date: '2024-02-09', name: 'Cuti bersama Tahun Baru Imlek', source: SKB_2024 },
    { date: '2024-03-12', name: 'Cuti bersama Hari Suci Nyepi', source: SKB_2024 },
    { date: '2024-04-08', name: 'Cuti bersama Idul Fitri 1445 H', source: SKB_2024 },
    { date: '2024-04-09', name: 'Cuti bersama Idul Fitri 1445 H', source: SKB_2024 },
    { date: '2024-04-12', name: 'Cuti bersama Idul Fitri 1445 H', source: SKB_2024 },
    { date: '2024-04-15', name: 'Cuti bersama Idul Fitri 1445 H', source: SKB_2024 },
    { date: '2024-05-10', name: 'Cuti bersama Kenaikan Yesus Kristus', source: SKB_2024 },
    { date: '2024-05-24', name: 'Cuti bersama Hari Raya Waisak', source: SKB_2024 },
    { date: '2024-06-18', name: 'Cuti bersama Idul Adha 1445 H', source: SKB_2024 },
    { date: '2024-12-26', name: 'Cuti bersama Hari Raya Natal', source: SKB_2024 },
  ],
  // Sure of the ten days of the original decree. 18 August was added in August 2025 for the 80th Independence Day;
  // fairly sure, but check it against the amending decree.
  2025: [
    { date: '2025-01-28', name: 'Cuti bersama Tahun Baru Imlek', source: SKB_2025 },
    { date: '2025-03-28', name: 'Cuti bersama Hari Suci Nyepi', source: SKB_2025 },
    { date: '2025-04-02', name: 'Cuti bersama Idul Fitri 1446 H', source: SKB_2025 },
    { date: '2025-04-03', name: 'Cuti bersama Idul Fitri 1446 H', source: SKB_2025 },
    { date: '2025-04-04', name: 'Cuti bersama Idul Fitri 1446 H', source: SKB_2025 },
    { date: '2025-04-07', name: 'Cuti bersama Idul Fitri 1446 H', source: SKB_2025 },
    { date: '2025-05-13', name: 'Cuti bersama Hari Raya Waisak', source: SKB_2025 },
    { date: '2025-05-30', name: 'Cuti bersama Kenaikan Yesus Kristus', source: SKB_2025 },
    { date: '2025-06-09', name: 'Cuti bersama Idul Adha 1446 H', source: SKB_2025 },
    { date: '2025-08-18', name: 'Cuti bersama HUT ke-80 Kemerdekaan RI', source: `${SKB_2025}, as amended in August 2025` },
    { date: '2025-12-26', name: 'Cuti bersama Hari Raya Natal', source: SKB_2025 },
  ],
  // Fairly sure of these eight days, less so than of 2024 and 2025; check them against the published decree.
  2026: [
    { date: '2026-02-16', name: 'Cuti bersama Tahun Baru Imlek', source: SKB_2026 },
    { date: '2026-03-18', name: 'Cuti bersama Hari Suci Nyepi', source: SKB_2026 },
    { date: '2026-03-20', name: 'Cuti bersama Idul Fitri 1447 H', source: SKB_2026 },
    { date: '2026-03-23', name: 'Cuti bersama Idul Fitri 1447 H', source: SKB_2026 },
    { date: '2026-03-24', name: 'Cuti bersama Idul Fitri 1447 H', source: SKB_2026 },
    { date: '2026-05-15', name: 'Cuti bersama Kenaikan Yesus Kristus', source: SKB_2026 },
    { date: '2026-05-28', name: 'Cuti bersama Idul Adha 1447 H', source: SKB_2026 },
    { date: '2026-12-24', name: 'Cuti bersama Hari Raya Natal', source: SKB_2026 },
  ],
};

/** The first year the setup fills: complaints older than the system are not counted, but 2020's withdrawn cuti bersama are history an administrator may record. */
export const FIRST_SEEDED_YEAR = 2020;
/** The setup fills up to this many years after the current one (the library's estimate until each year's SKB is recorded). */
export const YEARS_AHEAD = 2;
