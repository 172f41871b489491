import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../logger';
import { currentDaysOffCalendar, DaysOffCalendar, DayOffRecord, installDaysOffCalendar } from './calendar';
import { DayOffEntity, DayOffKind } from './day-off.entity';
import { Said, words } from '../../words';

/**
 * The days_off table read into the process's calendar, and the rules for
 * changing it (docs/adr/0022-days-off.md).
 *
 * How a process learns of a change: the process that makes it reloads at once;
 * every other process reloads when its calendar is older than
 * DAYS_OFF_RELOAD_MS, checked by the code that computes due dates before it
 * counts (stageDueAt, the SLA sweep, referrals) — the same bound and pattern
 * as the SLA policies. An SKB is published months before its days, so a
 * minute is ample, and there is no connection to hold open or notification to
 * lose (LISTEN/NOTIFY needs a session of its own per process, does not pass a
 * transaction-mode pooler, and loses what is sent while it reconnects — a
 * periodic reload would be needed behind it anyway).
 */
export const DAYS_OFF_RELOAD_MS = 60_000;

/** After a failed reload, the calendar in force is kept and the next try waits this long (not on every submission). */
const RETRY_AFTER_FAILURE_MS = 5_000;

let loaded: { source: DataSource; at: number } | undefined;
/** The read ensureDaysOffCalendar callers share, if one is under way. */
let reloading: Promise<DaysOffCalendar> | undefined;
/** Reads are numbered as they start; an older read finishing last never replaces a newer one's calendar. */
let readsStarted = 0;
let installedRead = 0;

/** Reads the whole table into a calendar (a few hundred rows: ~25 a year). */
export async function loadDaysOffCalendar(manager: EntityManager): Promise<DaysOffCalendar> {
  const rows: { date: string; name: string; kind: DayOffKind; source: string; withdrawn: boolean }[] = await manager.query(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, name, kind, source, withdrawn_at IS NOT NULL AS withdrawn FROM days_off`,
  );
  return new DaysOffCalendar(rows satisfies DayOffRecord[]);
}

/**
 * Reads the table now — a read that starts after the caller's own change
 * committed, never one already under way — and puts the calendar in force in
 * this process.
 */
export async function reloadDaysOff(db: DataSource, now = Date.now()): Promise<DaysOffCalendar> {
  const read = ++readsStarted;
  const calendar = await loadDaysOffCalendar(db.manager);
  if (read > installedRead) {
    installedRead = read;
    installDaysOffCalendar(calendar);
    loaded = { source: db, at: now };
  }
  return calendar;
}

/**
 * Makes sure the calendar in force is this database's and at most
 * DAYS_OFF_RELOAD_MS old; a round trip once a minute, nothing otherwise.
 * When a reload fails after an earlier success, the calendar in force stays
 * (a database too far gone to read ~300 rows fails the caller's own queries
 * anyway) and the reload is tried again in a few seconds.
 */
export async function ensureDaysOffCalendar(db: DataSource, now = Date.now()): Promise<void> {
  if (loaded && loaded.source === db && now - loaded.at < DAYS_OFF_RELOAD_MS) return;
  try {
    // Concurrent callers (a burst of submissions as the minute ends) share one read.
    reloading ??= reloadDaysOff(db, now).finally(() => { reloading = undefined; });
    await reloading;
  } catch (error) {
    if (!loaded || loaded.source !== db) throw error;
    loaded = { source: db, at: now - DAYS_OFF_RELOAD_MS + RETRY_AFTER_FAILURE_MS };
  }
}

/**
 * What an operator should hear about the calendar at `now`: a year (this one,
 * or the next from October, when its SKB is due) whose public holidays are the
 * library's estimate, or whose cuti bersama are not recorded yet.
 */
export function daysOffWarnings(calendar: DaysOffCalendar, now: Date): string[] {
  const local = new Date(now.getTime() + 7 * 3_600_000); // WIB
  const year = local.getUTCFullYear();
  const years = local.getUTCMonth() >= 9 ? [year, year + 1] : [year];
  const warnings: string[] = [];
  for (const y of years) {
    if (!calendar.hasRecordedYear(y)) {
      warnings.push(`days off: no public holidays of ${y} in the days_off table; the library's computed holidays are used, Islamic holidays may be a day off. Run npm run setup, or record the SKB (npm run days-off -- import <file.csv>)`);
    }
    if (!calendar.hasCutiBersama(y)) {
      warnings.push(`days off: no cuti bersama of ${y} recorded: they count as working days until the SKB is recorded (npm run days-off -- import <file.csv>)`);
    }
  }
  return warnings;
}

/** The WIB day the gaps were last told in this process. */
let toldOn = '';

/** Logs daysOffWarnings of the calendar in force, at most once per day (WIB) per process: at start, then by the SLA sweep. */
export function tellDaysOffGaps(logger: Logger, now: Date): void {
  const today = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  if (today === toldOn) return;
  toldOn = today;
  for (const warning of daysOffWarnings(currentDaysOffCalendar(), now)) logger.warn({ component: 'days-off' }, warning);
}

/** A day off as an administrator or the import gives it. */
export interface DayOffInput { date: string; name: string; kind: string; source: string }

/** A validated DayOffInput. */
export interface ValidDayOff { date: string; name: string; kind: DayOffKind; source: string }

/** A field that failed, and why, in words an operator can act on. */
export interface DayOffFieldError { field: keyof DayOffInput; message: Said }

/** The years a day off may be recorded for: the system's past and what an SKB can be about. */
export const RECORDABLE_YEARS = { from: 2000, to: 2100 } as const;

export function validateDayOff(input: DayOffInput): { value?: ValidDayOff; errors: DayOffFieldError[] } {
  const errors: DayOffFieldError[] = [];
  const date = input.date.trim();
  if (!isCalendarDate(date)) {
    errors.push({ field: 'date', message: words('daysOff.dateFormat') });
  } else if (Number(date.slice(0, 4)) < RECORDABLE_YEARS.from || Number(date.slice(0, 4)) > RECORDABLE_YEARS.to) {
    errors.push({ field: 'date', message: words('daysOff.dateYear', RECORDABLE_YEARS) });
  }
  const name = input.name.trim();
  if (name.length < 1 || name.length > 200) errors.push({ field: 'name', message: words('daysOff.nameLength') });
  const kind = input.kind.trim().toUpperCase();
  if (kind !== DayOffKind.PUBLIC_HOLIDAY && kind !== DayOffKind.CUTI_BERSAMA) {
    errors.push({ field: 'kind', message: words('daysOff.kind') });
  }
  const source = input.source.trim();
  if (source.length < 1 || source.length > 300) {
    errors.push({ field: 'source', message: words('daysOff.sourceLength') });
  }
  return errors.length ? { errors } : { value: { date, name, kind: kind as DayOffKind, source }, errors };
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  // The round trip refuses dates that Date would roll over, such as 2027-02-30.
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** What recording a day did: a new row, a withdrawn one back in force, a new source, or nothing (already so). */
export type RecordOutcome = 'CREATED' | 'REINSTATED' | 'UPDATED' | 'UNCHANGED';

/**
 * Records a day off, or puts a withdrawn one back in force (an administrator's
 * word is the last: a later SKB can restore a day an earlier one withdrew).
 * A day already in force with the same source is left alone, so recording the
 * same SKB twice changes nothing. One statement per day, safe against another
 * process recording the same day at once; the caller reloads the calendar
 * after its transaction.
 */
export async function recordDayOff(manager: EntityManager, day: ValidDayOff, recordedBy: string): Promise<{ row: DayOffEntity; outcome: RecordOutcome }> {
  const [changed]: { id: string; existed: boolean; wasWithdrawn: boolean }[] = await manager.query(
    `WITH before AS (SELECT withdrawn_at FROM days_off WHERE date = $1 AND kind = $2 AND name = $3)
     INSERT INTO days_off (date, name, kind, source, recorded_by) VALUES ($1, $3, $2, $4, $5)
     ON CONFLICT (date, kind, name) DO UPDATE
       SET source = EXCLUDED.source, recorded_by = EXCLUDED.recorded_by, recorded_at = now(),
           withdrawn_at = NULL, withdrawn_by = NULL, withdrawal_source = NULL
       WHERE days_off.withdrawn_at IS NOT NULL OR days_off.source <> EXCLUDED.source
     RETURNING id, EXISTS (SELECT 1 FROM before) AS "existed", EXISTS (SELECT 1 FROM before WHERE withdrawn_at IS NOT NULL) AS "wasWithdrawn"`,
    [day.date, day.kind, day.name, day.source, recordedBy],
  );
  const repository = manager.getRepository(DayOffEntity);
  if (!changed) return { row: await repository.findOneByOrFail({ date: day.date, kind: day.kind, name: day.name }), outcome: 'UNCHANGED' };
  const outcome: RecordOutcome = !changed.existed ? 'CREATED' : changed.wasWithdrawn ? 'REINSTATED' : 'UPDATED';
  return { row: await repository.findOneByOrFail({ id: changed.id }), outcome };
}

/**
 * Gives back as working days the days off in force on `date` of `kind` (of
 * that name only, when given). Rows stay, withdrawn: the seed never puts them
 * back. Returns the rows withdrawn (none: nothing matched).
 */
export async function withdrawDayOff(
  manager: EntityManager, target: { date: string; kind: DayOffKind; name?: string | null }, withdrawal: { source: string; by: string },
): Promise<DayOffEntity[]> {
  const rows: { id: string }[] = await manager.query(
    `UPDATE days_off SET withdrawn_at = now(), withdrawn_by = $4, withdrawal_source = $5
      WHERE date = $1 AND kind = $2 AND ($3::text IS NULL OR name = $3) AND withdrawn_at IS NULL
      RETURNING id`,
    [target.date, target.kind, target.name ?? null, withdrawal.by, withdrawal.source],
  ).then((result) => result[0]);
  if (!rows.length) return [];
  return manager.getRepository(DayOffEntity).find({ where: rows.map((r) => ({ id: r.id })), order: { name: 'ASC' } });
}
