import { DataSource } from 'typeorm';
import { DayOffInput, DayOffFieldError, recordDayOff, RecordOutcome, validateDayOff, ValidDayOff } from './days-off.service';

/**
 * `npm run days-off -- import <file.csv>`: an SKB 3 Menteri as a CSV file,
 * recorded whole or not at all. Columns, in a header line, in any order:
 * `date,name,kind,source` (kind PUBLIC_HOLIDAY or CUTI_BERSAMA). Fields may be
 * quoted ("…", with "" for a quote): an SKB's number often holds commas.
 */
export const DAYS_OFF_COLUMNS = ['date', 'name', 'kind', 'source'] as const;

/** A refused row: its line in the file (1 is the header), the column, and why. */
export interface ImportError { line: number; field: string; message: string }

export interface ImportResult {
  /** Rows read (not counting the header and blank lines). */
  rows: number;
  errors: ImportError[];
  /** What each row did (or would do, in a dry run); empty when there are errors: nothing is written then. */
  outcomes: Record<RecordOutcome, number>;
  dryRun: boolean;
}

/** Splits CSV text into records with the line each starts on. A quoted field may not span lines (no day's name or source does). */
export function parseCsv(text: string): { records: { line: number; fields: string[] }[]; errors: ImportError[] } {
  const records: { line: number; fields: string[] }[] = [];
  const errors: ImportError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const fields: string[] = [];
    let field = '';
    let i = 0;
    let quoted = false;
    let closed = false;
    for (; i < raw.length; i += 1) {
      const c = raw[i];
      if (quoted) {
        if (c === '"' && raw[i + 1] === '"') { field += '"'; i += 1; }
        else if (c === '"') { quoted = false; closed = true; }
        else field += c;
      } else if (c === '"' && field.trim() === '' && !closed) { quoted = true; field = ''; }
      else if (c === ',') { fields.push(field); field = ''; closed = false; }
      else if (closed && c.trim() !== '') { errors.push({ line, field: `column ${fields.length + 1}`, message: 'text after a closing quote: quote the whole field, and double any quote inside it ("")' }); return; }
      else field += c;
    }
    if (quoted) { errors.push({ line, field: `column ${fields.length + 1}`, message: 'a quote is opened and not closed on this line' }); return; }
    fields.push(field);
    records.push({ line, fields });
  });
  return { records, errors };
}

/** Reads and validates the file; every problem is reported, each with its line and field. */
export function readDaysOffCsv(text: string): { rows: number; days: { line: number; day: ValidDayOff }[]; errors: ImportError[] } {
  const { records, errors } = parseCsv(text);
  const rows = Math.max(0, records.length - 1);
  const days: { line: number; day: ValidDayOff }[] = [];
  const header = records.shift();
  if (!header) return { rows, days, errors: [...errors, { line: 1, field: 'header', message: `the file is empty: expected a header line ${DAYS_OFF_COLUMNS.join(',')}` }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const position = Object.fromEntries(DAYS_OFF_COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<typeof DAYS_OFF_COLUMNS[number], number>;
  const missing = DAYS_OFF_COLUMNS.filter((column) => position[column] < 0);
  const unknown = names.filter((name) => !(DAYS_OFF_COLUMNS as readonly string[]).includes(name));
  if (missing.length || unknown.length) {
    const what = [missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.map((u) => JSON.stringify(u)).join(', ')}` : ''].filter(Boolean).join('; ');
    return { rows, days, errors: [...errors, { line: header.line, field: 'header', message: `${what}: the header must name the columns ${DAYS_OFF_COLUMNS.join(',')}` }] };
  }
  const seen = new Map<string, number>();
  for (const { line, fields } of records) {
    if (fields.length !== names.length) {
      errors.push({ line, field: 'row', message: `${fields.length} fields, the header has ${names.length}: quote a field that holds a comma` });
      continue;
    }
    const input = Object.fromEntries(DAYS_OFF_COLUMNS.map((column) => [column, fields[position[column]]])) as unknown as DayOffInput;
    const { value, errors: invalid } = validateDayOff(input);
    errors.push(...invalid.map((e: DayOffFieldError) => ({ line, field: e.field, message: e.message.en })));
    if (!value) continue;
    const key = `${value.date} ${value.kind} ${value.name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line, field: 'date', message: `the same day off (date, kind and name) as line ${first}` });
      continue;
    }
    seen.set(key, line);
    days.push({ line, day: value });
  }
  return { rows, days, errors: errors.sort((a, b) => a.line - b.line) };
}

/**
 * Records the file's days off in one transaction: all or, at the first
 * problem anywhere in the file, none. A dry run does everything but commit,
 * so it reports what would change. Re-importing the same file changes nothing
 * (each row is UNCHANGED). The caller reloads the calendar of a running
 * server process; others see it within a minute (days-off.service.ts).
 */
export async function importDaysOff(db: DataSource, text: string, options: { recordedBy: string; dryRun?: boolean }): Promise<ImportResult> {
  const { rows, days, errors } = readDaysOffCsv(text);
  const outcomes: Record<RecordOutcome, number> = { CREATED: 0, REINSTATED: 0, UPDATED: 0, UNCHANGED: 0 };
  const result: ImportResult = { rows, errors, outcomes, dryRun: Boolean(options.dryRun) };
  if (errors.length) return result;
  const queryRunner = db.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.startTransaction();
    for (const { day } of days) outcomes[(await recordDayOff(queryRunner.manager, day, options.recordedBy)).outcome] += 1;
    if (options.dryRun) await queryRunner.rollbackTransaction();
    else await queryRunner.commitTransaction();
  } catch (error) {
    if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
    throw error;
  } finally {
    await queryRunner.release();
  }
  return result;
}
