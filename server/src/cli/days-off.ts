/**
 * npm run days-off -- <command>
 *
 *   import <file.csv> [--dry-run] [--by <operator>]
 *       Records an SKB's days off from a CSV file with the header date,name,kind,source
 *       (kind PUBLIC_HOLIDAY or CUTI_BERSAMA). All rows or none: each refused row is
 *       printed with its line and field. --dry-run reports what would change.
 *   withdraw <YYYY-MM-DD> <PUBLIC_HOLIDAY|CUTI_BERSAMA> --source <SKB> [--name <name>] [--by <operator>]
 *       Gives a day off back as a working day; it stays on record, withdrawn.
 *   list <year>
 *       The year's days off as the servers count them.
 *
 * Against DATABASE_URL, migrated (npm run setup). Running servers count with the change
 * within a minute (docs/adr/0022-days-off.md).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../database/data-source';
import { redactUrl } from '../database/database-url';
import { DayOffKind } from '../escalation/days-off/day-off.entity';
import { loadDaysOffCalendar, validateDayOff, withdrawDayOff } from '../escalation/days-off/days-off.service';
import { importDaysOff } from '../escalation/days-off/import-days-off';

const USAGE = `usage:
  npm run days-off -- import <file.csv> [--dry-run] [--by <operator>]
  npm run days-off -- withdraw <YYYY-MM-DD> <PUBLIC_HOLIDAY|CUTI_BERSAMA> --source <SKB number> [--name <name>] [--by <operator>]
  npm run days-off -- list <year>`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a value\n${USAGE}`, 2);
  args.splice(i, 2);
  return value;
}

function flag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const command = args.shift();
  const url = process.env.DATABASE_URL;
  if (!command || !['import', 'withdraw', 'list'].includes(command)) fail(USAGE, 2);
  if (!url) fail('DATABASE_URL is required (postgres://user:password@host:5432/database)', 2);
  const by = `cli:${option(args, '--by') ?? os.userInfo().username}`.slice(0, 100);
  const dryRun = flag(args, '--dry-run');
  const source = option(args, '--source');
  const name = option(args, '--name');
  const unknown = args.find((a) => a.startsWith('--'));
  if (unknown) fail(`unknown option ${unknown}\n${USAGE}`, 2);

  const dataSource = createDataSource(url);
  await dataSource.initialize();
  try {
    if (command === 'import') {
      const file = args[0];
      if (!file || args.length > 1) fail(USAGE, 2);
      let text: string;
      try {
        // npm run starts in the package's folder; the operator's path is from where they typed it.
        text = readFileSync(path.resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8');
      } catch (error) {
        fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
      }
      const result = await importDaysOff(dataSource, text, { recordedBy: by, dryRun });
      if (result.errors.length) {
        for (const e of result.errors) console.error(`${file}:${e.line}: ${e.field}: ${e.message}`);
        fail(`${result.errors.length} error(s) in ${result.rows} row(s): nothing recorded`, 1);
      }
      const { CREATED, REINSTATED, UPDATED, UNCHANGED } = result.outcomes;
      console.log(`${dryRun ? 'dry run, nothing recorded — would record' : 'recorded'} ${result.rows} row(s) into ${redactUrl(url)}: `
        + `${CREATED} new, ${REINSTATED} withdrawn before and now back, ${UPDATED} with a new source, ${UNCHANGED} unchanged`);
    } else if (command === 'withdraw') {
      const [date, kind] = args;
      if (!date || !kind || args.length > 2 || !source) fail(USAGE, 2);
      const { errors } = validateDayOff({ date, kind, name: name ?? 'any', source });
      if (errors.length) fail(errors.map((e) => `${e.field}: ${e.message.en}`).join('\n'), 2);
      const rows = await withdrawDayOff(dataSource.manager, { date, kind: kind.toUpperCase() as DayOffKind, name: name ?? null }, { source, by });
      if (!rows.length) fail(`no ${kind.toUpperCase()} in force on ${date}${name ? ` named ${JSON.stringify(name)}` : ''}: nothing withdrawn`, 1);
      for (const row of rows) console.log(`withdrawn: ${row.date} ${row.kind} ${row.name}`);
    } else {
      const year = Number(args[0]);
      if (!Number.isInteger(year) || args.length !== 1) fail(USAGE, 2);
      const calendar = await loadDaysOffCalendar(dataSource.manager);
      for (const day of calendar.daysIn(year)) {
        console.log(`${day.date}  ${day.kind.padEnd(14)}  ${day.name}${day.estimated ? '  (estimated: no SKB recorded)' : ''}  [${day.source}]`);
      }
    }
  } finally {
    await dataSource.destroy();
  }
}

function fail(message: string, code: number): never {
  console.error(`days-off: ${message}`);
  process.exit(code);
}

main().catch((error: Error) => {
  console.error(`days-off: ${error.message}`);
  process.exit(1);
});
