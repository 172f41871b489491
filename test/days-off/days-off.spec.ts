import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DaysOffCalendar } from '../../server/src/escalation/days-off/calendar';
import { DayOffKind } from '../../server/src/escalation/days-off/day-off.entity';
import { DAYS_OFF_RELOAD_MS, daysOffWarnings, recordDayOff, reloadDaysOff, tellDaysOffGaps, withdrawDayOff } from '../../server/src/escalation/days-off/days-off.service';
import { importDaysOff } from '../../server/src/escalation/days-off/import-days-off';
import { seedDaysOff, seedDaysOffRows, seededYears } from '../../server/src/escalation/days-off/seed-days-off';
import type { Logger } from '../../server/src/logger';
import { isWorkingDay, toLocalDate, workingDaysBetween } from '../../server/src/escalation/working-days';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { TestDatabase, useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * Days off as data (docs/adr/0022-days-off.md), on the machine's PostgreSQL:
 * the setup's seed, the calendar the SLA clocks count with read from the
 * table, administrators extending it, and the operators' CSV import.
 */
const DAY = 86_400_000;
const snapshot = (db: TestDatabase) => db.dataSource.query(
  `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name, source, recorded_by, recorded_at, withdrawn_at, withdrawal_source FROM days_off ORDER BY date, kind, name`,
);

/** The first working day after the local date of `from` (WIB) in the calendar in force. */
function nextWorkingDate(from: Date): string {
  for (let t = from.getTime() + DAY; ; t += DAY) {
    const date = toLocalDate(new Date(t), 'WIB');
    if (isWorkingDay(date)) return date;
  }
}

describe('seedDaysOff (the setup’s part)', () => {
  const db = useTestDatabase('empty');
  const now = new Date();
  const thisYear = Number(toLocalDate(now, 'WIB').slice(0, 4));

  it('fills 2020 to two years ahead: public holidays (with the SKBs’ corrections) and the known cuti bersama', async () => {
    expect(await seedDaysOff(db.dataSource.manager, now)).toBeGreaterThan(150);
    const years: { year: number; holidays: number }[] = await db.dataSource.query(
      `SELECT extract(year FROM date)::int AS year, count(*)::int AS holidays FROM days_off WHERE kind = 'PUBLIC_HOLIDAY' GROUP BY 1 ORDER BY 1`,
    );
    expect(years.map((y) => y.year)).toEqual(seededYears(now));
    expect(years.map((y) => y.year).at(-1)).toBe(thisYear + 2);
    for (const y of years) expect(y.holidays, String(y.year)).toBeGreaterThanOrEqual(14);
    const [idulFitri2025] = await db.dataSource.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, source FROM days_off WHERE name = 'Hari Raya Idul Fitri' AND date BETWEEN '2025-03-01' AND '2025-03-31'`);
    expect(idulFitri2025.date).toBe('2025-03-31'); // the SKB's day, not the library's 30 March
    expect(idulFitri2025.source).toMatch(/1017\/2024/);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM days_off WHERE kind = 'CUTI_BERSAMA' AND date BETWEEN '2025-01-01' AND '2025-12-31'`);
    expect(count).toBe(11);
  });

  it('run again changes nothing, keeps a withdrawn day withdrawn and an administrator’s entry as they left it', async () => {
    const withdrawn = await withdrawDayOff(db.dataSource.manager, { date: '2025-04-07', kind: DayOffKind.CUTI_BERSAMA }, { source: 'SKB amendment (test)', by: 'demo-ministry' });
    expect(withdrawn).toHaveLength(1);
    const { outcome } = await recordDayOff(db.dataSource.manager, { date: '2025-12-26', kind: DayOffKind.CUTI_BERSAMA, name: 'Cuti bersama Hari Raya Natal', source: 'SKB as amended (test)' }, 'demo-ministry');
    expect(outcome).toBe('UPDATED');
    const before = await snapshot(db);
    expect(await seedDaysOff(db.dataSource.manager, now)).toBe(0);
    expect(await snapshot(db)).toEqual(before);
    const [day] = await db.dataSource.query(`SELECT withdrawn_at, withdrawal_source FROM days_off WHERE date = '2025-04-07' AND kind = 'CUTI_BERSAMA'`);
    expect(day.withdrawn_at).not.toBeNull();
    const [natal] = await db.dataSource.query(`SELECT source, recorded_by FROM days_off WHERE date = '2025-12-26' AND kind = 'CUTI_BERSAMA'`);
    expect(natal).toEqual({ source: 'SKB as amended (test)', recorded_by: 'demo-ministry' });
  });

  it('a year later, adds no library estimate to a year an administrator already recorded', async () => {
    const nextYear = new Date(now.getTime() + 366 * DAY);
    const yearAhead = thisYear + 3;
    await recordDayOff(db.dataSource.manager, { date: `${yearAhead}-01-01`, kind: DayOffKind.PUBLIC_HOLIDAY, name: 'Tahun Baru Masehi', source: `SKB ${yearAhead} (test)` }, 'demo-ministry');
    await seedDaysOff(db.dataSource.manager, nextYear);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM days_off WHERE kind = 'PUBLIC_HOLIDAY' AND extract(year FROM date) = $1`, [yearAhead]);
    expect(count).toBe(1); // the administrator's year: the table speaks for it
  });
});

describe('the calendar from the table, through the API', () => {
  const db = useTestDatabase('demo');
  // One instant for every submission, so that only the calendar can move a due date.
  const clock = Date.now();
  const api = useTestServer(db, { now: () => clock });
  const ministry = as(api, 'demo-ministry');
  const portal = as(api, 'demo-portal-3273');
  const district = as(api, 'demo-dinsos-3273');
  const RECORD = `mutation ($input: RecordDayOffInput!) { recordDayOff(input: $input) { dayOff { date name kind source estimated } userErrors { field code message } } }`;
  const WITHDRAW = `mutation ($input: WithdrawDayOffInput!) { withdrawDayOff(input: $input) { withdrawn { date name } userErrors { field code message } } }`;
  const submitDue = async () => {
    const { body } = await portal(SUBMIT, { input: complaintInput() });
    expect(body.errors).toBeUndefined();
    expect(body.data.submitComplaint.userErrors).toEqual([]);
    return new Date(body.data.submitComplaint.complaint.dueAt);
  };
  let day = '';

  beforeAll(async () => {
    await reloadDaysOff(db.dataSource);
    day = nextWorkingDate(new Date(clock));
  });

  it('the demo holds the setup’s days off', async () => {
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM days_off WHERE recorded_by = 'setup'`);
    expect(count).toBeGreaterThan(150);
  });

  it('a cuti bersama recorded by an administrator moves a new complaint’s due date; withdrawn, it no longer does', async () => {
    const due = await submitDue();
    expect(workingDaysBetween(new Date(clock), due, 'WIB')).toBe(3); // the demo's verification: 3 working days
    const recorded = await ministry(RECORD, { input: { date: day, name: 'Cuti bersama (test)', kind: 'CUTI_BERSAMA', source: 'SKB test No. 1/2099, 2/2099' } });
    expect(recorded.body.data.recordDayOff).toEqual({
      dayOff: { date: day, name: 'Cuti bersama (test)', kind: 'CUTI_BERSAMA', source: 'SKB test No. 1/2099, 2/2099', estimated: false }, userErrors: [],
    });
    expect(isWorkingDay(day)).toBe(false); // this process, at once
    const moved = await submitDue();
    expect(moved.getTime()).toBeGreaterThan(due.getTime());
    expect(workingDaysBetween(new Date(clock), moved, 'WIB')).toBe(3);
    const listed = await api.gql(`query ($y: Int!) { daysOff(year: $y) { date name kind source estimated } }`, { y: Number(day.slice(0, 4)) });
    expect(listed.body.data.daysOff).toContainEqual({ date: day, name: 'Cuti bersama (test)', kind: 'CUTI_BERSAMA', source: 'SKB test No. 1/2099, 2/2099', estimated: false });

    const withdrawn = await ministry(WITHDRAW, { input: { date: day, kind: 'CUTI_BERSAMA', source: 'SKB amendment (test)' } });
    expect(withdrawn.body.data.withdrawDayOff).toEqual({ withdrawn: [{ date: day, name: 'Cuti bersama (test)' }], userErrors: [] });
    expect(await submitDue()).toEqual(due);
    const again = await ministry(WITHDRAW, { input: { date: day, kind: 'CUTI_BERSAMA', source: 'SKB amendment (test)' } });
    expect(again.body.data.withdrawDayOff.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'date'] })]);
  });

  it('another process counts with the change within its reload interval, not before', async () => {
    const t0 = Date.now();
    // A second copy of the modules: its own calendar in force, as another server process has.
    vi.resetModules();
    const other = {
      service: await import('../../server/src/escalation/days-off/days-off.service'),
      workingDays: await import('../../server/src/escalation/working-days'),
    };
    await other.service.ensureDaysOffCalendar(db.dataSource, t0);
    expect(other.workingDays.isWorkingDay(day)).toBe(true);
    const recorded = await ministry(RECORD, { input: { date: day, name: 'Cuti bersama (test 2)', kind: 'CUTI_BERSAMA', source: 'SKB test' } });
    expect(recorded.body.data.recordDayOff.userErrors).toEqual([]);
    expect(isWorkingDay(day)).toBe(false); // the process that recorded it
    await other.service.ensureDaysOffCalendar(db.dataSource, t0 + DAYS_OFF_RELOAD_MS - 1_000);
    expect(other.workingDays.isWorkingDay(day)).toBe(true); // not yet: within the bound
    await other.service.ensureDaysOffCalendar(db.dataSource, t0 + DAYS_OFF_RELOAD_MS);
    expect(other.workingDays.isWorkingDay(day)).toBe(false);
  });

  it('refuses the changes to everyone but administrators, and bad input as data with the field', async () => {
    const input = { date: day, name: 'x', kind: 'CUTI_BERSAMA', source: 's' };
    for (const [client, code] of [[district, 'FORBIDDEN'], [portal, 'FORBIDDEN']] as const) {
      const { body } = await client(RECORD, { input });
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
      expect((await client(WITHDRAW, { input: { date: day, kind: 'CUTI_BERSAMA', source: 's' } })).body.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect((await api.gql(RECORD, { input })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await ministry(RECORD, { input: { date: `${new Date(clock).getUTCFullYear() + 1}-02-30`, name: ' ', kind: 'CUTI_BERSAMA', source: '' } });
    expect(bad.body.data.recordDayOff.dayOff).toBeNull();
    expect(bad.body.data.recordDayOff.userErrors.map((e: { field: string[]; code: string }) => `${e.field.join('.')} ${e.code}`))
      .toEqual(['input.date INVALID_INPUT', 'input.name INVALID_INPUT', 'input.source INVALID_INPUT']);
    expect((await api.gql('{ daysOff(year: 1800) { date } }')).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('npm run days-off -- import (an SKB as a CSV file)', () => {
  const db = useTestDatabase('empty');
  const year = Number(toLocalDate(new Date(), 'WIB').slice(0, 4)) + 1; // next year's SKB
  const good = [
    'date,name,kind,source',
    `${year}-02-08,Cuti bersama Tahun Baru Imlek,CUTI_BERSAMA,"SKB No. 1/${year - 1}, 2/${year - 1}, 3/${year - 1}"`,
    `${year}-03-11,"Cuti bersama Idul Fitri, hari pertama",cuti_bersama,"SKB No. 1/${year - 1}, 2/${year - 1}, 3/${year - 1}"`,
    '',
    `${year}-01-01,Tahun Baru Masehi,PUBLIC_HOLIDAY,"SKB No. 1/${year - 1}, 2/${year - 1}, 3/${year - 1}"`,
  ].join('\r\n');
  const count = async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM days_off`))[0].n as number;

  it('reports every bad row with its line and field, and records nothing of the file', async () => {
    const bad = [
      'date,name,kind,source',
      `${year}-02-08,Cuti bersama Tahun Baru Imlek,CUTI_BERSAMA,SKB`, // good
      `${year}-02-30,Cuti bersama,CUTI_BERSAMA,SKB`,
      `${year}-03-11,Cuti bersama,HOLIDAY,SKB`,
      `${year}-03-12,Cuti bersama,CUTI_BERSAMA,`,
      `${year}-02-08,Cuti bersama Tahun Baru Imlek,CUTI_BERSAMA,SKB`,
      `${year}-03-13,Cuti bersama,CUTI_BERSAMA,SKB No. 1, 2`,
      `${year}-03-14,"Cuti bersama,CUTI_BERSAMA,SKB`,
    ].join('\n');
    const result = await importDaysOff(db.dataSource, bad, { recordedBy: 'cli:test' });
    expect(result.errors.map((e) => `${e.line} ${e.field}`)).toEqual(['3 date', '4 kind', '5 source', '6 date', '7 row', '8 column 2']);
    expect(result.errors[1].message).toMatch(/PUBLIC_HOLIDAY or CUTI_BERSAMA/);
    expect(result.errors[3].message).toMatch(/line 2/);
    expect(await count()).toBe(0);
    const header = await importDaysOff(db.dataSource, 'tanggal,name,kind,source\n', { recordedBy: 'cli:test' });
    expect(header.errors).toEqual([expect.objectContaining({ line: 1, field: 'header', message: expect.stringMatching(/missing date; unknown "tanggal"/) })]);
  });

  it('a dry run says what would change and records nothing; the import records all; a re-run changes nothing', async () => {
    const dry = await importDaysOff(db.dataSource, good, { recordedBy: 'cli:test', dryRun: true });
    expect(dry).toMatchObject({ rows: 3, errors: [], outcomes: { CREATED: 3, REINSTATED: 0, UPDATED: 0, UNCHANGED: 0 }, dryRun: true });
    expect(await count()).toBe(0);
    expect((await importDaysOff(db.dataSource, good, { recordedBy: 'cli:test' })).outcomes).toEqual({ CREATED: 3, REINSTATED: 0, UPDATED: 0, UNCHANGED: 0 });
    const rows = await snapshot(db);
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['Tahun Baru Masehi', 'Cuti bersama Tahun Baru Imlek', 'Cuti bersama Idul Fitri, hari pertama']);
    expect(rows[0]).toMatchObject({ kind: 'PUBLIC_HOLIDAY', source: `SKB No. 1/${year - 1}, 2/${year - 1}, 3/${year - 1}`, recorded_by: 'cli:test' });
    expect((await importDaysOff(db.dataSource, good, { recordedBy: 'cli:other' })).outcomes).toEqual({ CREATED: 0, REINSTATED: 0, UPDATED: 0, UNCHANGED: 3 });
    expect(await snapshot(db)).toEqual(rows);
  });

  it('the command: exit 1 with file:line: field on a bad row, 0 on a good file; withdraw and list', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aduan-days-off-'));
    const file = path.join(dir, `skb-${year}.csv`);
    const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/server/src/cli/days-off.js', ...args], {
      env: { ...process.env, DATABASE_URL: db.url, INIT_CWD: dir }, encoding: 'utf8', timeout: 30_000,
    });
    writeFileSync(file, `date,name,kind,source\n${year}-13-01,x,CUTI_BERSAMA,SKB\n`);
    const bad = cli('import', path.basename(file));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${path.basename(file)}:2: date: date must be a calendar date`);
    expect(bad.stderr).toContain('nothing recorded');
    writeFileSync(file, good);
    const dry = cli('import', file, '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/dry run, nothing recorded — would record 3 row\(s\).*0 new.*3 unchanged/);
    const withdraw = cli('withdraw', `${year}-02-08`, 'CUTI_BERSAMA', '--source', `SKB amendment ${year}`);
    expect(withdraw.status, withdraw.stderr).toBe(0);
    expect(withdraw.stdout).toContain(`withdrawn: ${year}-02-08 CUTI_BERSAMA Cuti bersama Tahun Baru Imlek`);
    const list = cli('list', String(year));
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('Cuti bersama Idul Fitri, hari pertama');
    expect(list.stdout).not.toContain('Tahun Baru Imlek');
    expect(cli('withdraw', `${year}-02-08`, 'CUTI_BERSAMA').status).toBe(2); // no --source
  });
});

describe('what the operator is told about the calendar', () => {
  const year = Number(toLocalDate(new Date(), 'WIB').slice(0, 4)) + 1;
  const rows = (y: number) => seedDaysOffRows([y]);

  it('a year whose holidays are only the library’s, or without cuti bersama; from October, next year too', () => {
    const march = new Date(`${year}-03-15T03:00:00Z`);
    const october = new Date(`${year}-10-01T03:00:00Z`);
    const empty = new DaysOffCalendar([]);
    expect(daysOffWarnings(empty, march)).toEqual([
      expect.stringMatching(new RegExp(`no public holidays of ${year} .* library's computed holidays are used`)),
      expect.stringMatching(new RegExp(`no cuti bersama of ${year} recorded`)),
    ]);
    expect(daysOffWarnings(empty, october)).toHaveLength(4);
    const recorded = new DaysOffCalendar([
      ...rows(year).publicHolidays.map((d) => ({ ...d, withdrawn: false })),
      { date: `${year}-12-24`, name: 'Cuti bersama Natal', kind: DayOffKind.CUTI_BERSAMA, source: 'SKB', withdrawn: false },
    ]);
    expect(daysOffWarnings(recorded, march)).toEqual([]);
    expect(daysOffWarnings(recorded, october).join('\n')).toMatch(new RegExp(`of ${year + 1}`));
  });

  it('tells it once a day per process', () => {
    const lines: string[] = [];
    const logger = { warn: (_: unknown, message: string) => lines.push(message) } as unknown as Logger;
    const day = new Date(`${year + 50}-03-15T03:00:00Z`); // a year no table here has
    tellDaysOffGaps(logger, day);
    const told = lines.length;
    expect(told).toBeGreaterThan(0);
    tellDaysOffGaps(logger, new Date(day.getTime() + 3_600_000));
    expect(lines).toHaveLength(told);
    tellDaysOffGaps(logger, new Date(day.getTime() + DAY));
    expect(lines.length).toBeGreaterThan(told);
  });
});
