/**
 * npm run bench:register [-- --recipients 1000000] — the register import at
 * scale, against plain COPY. Not a test: it measures and asserts nothing.
 *
 * Generates N recipients in families of 2, 3 and 4 (a third each: N/3
 * families) in the demo's villages, with one BPNT enrolment per family head
 * and PKH for every other one, as CSV in a temporary folder; then, in one
 * run, on a scratch database (migrations and the demo's reference data):
 *   1. the reference: the recipients file's plain `COPY` into an UNLOGGED
 *      table of the same columns, typed, without indexes;
 *   2. the import of both files into the register (`importRegister`, what
 *      `npm run register -- import` runs): staging, checks, upsert, provenance;
 *   3. the same import again (every row unchanged).
 * Rows per second for each (recipients-file rows over the whole import's time,
 * enrolments included), and the ratio to COPY's rate.
 *
 * Where: a scratch database on the PostgreSQL at DATABASE_URL (a superuser URL;
 * the database it names is left alone), dropped afterwards (BENCH_KEEP=1 keeps
 * it and the files). BENCH_SLOW=ms prints the import's statements slower than
 * that. Figures: docs/adr/0024-register-import.md.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createDataSource } from '../server/src/database/data-source';
import { createDatabase, dropDatabase, redactUrl } from '../server/src/database/database-url';
import { migrate } from '../server/src/database/migrate';
import { seedDemo } from '../server/src/demo/seed-demo';
import { importRegister, RegisterImportReport } from '../server/src/recipients/import/register-import';
import { makeNik } from '../server/src/recipients/nik';

const FIRST_NAMES = ['Asep', 'Dedi', 'Euis', 'Siti', 'Budi', 'Wati', 'Agus', 'Rina', 'Joko', 'Ani', 'Yanto', 'Sri'];
const SURNAMES = ['Suryana', 'Hidayat', 'Rahmawati', 'Wijaya', 'Setiawan', 'Lestari', 'Kusuma', 'Saputra', 'Nugraha', 'Permata'];

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1].replace(/_/g, ''));
}

const dayMs = 86_400_000;
const isoDay = (from: string, offset: number) => new Date(Date.parse(`${from}T00:00:00Z`) + offset * dayMs).toISOString().slice(0, 10);
const ADULT_DAYS = 9131; // 1955-01-01 … 1979-12-31
const CHILD_DAYS = 9131; // 2000-01-01 … 2024-12-31
/** Serials from 6000: the demo's people use lower ones, so no generated NIK is already in the register. */
const SERIAL_BASE = 6000;

/**
 * Writes the two files. Adults and children are numbered apart (a, c); number k
 * becomes the birth day (k mod the range's days) and the serial (1 + k div days),
 * so every NIK is unique and structurally valid, its birth date and sex the columns'.
 */
async function generate(dir: string, recipients: number, villages: string[]): Promise<{ recipients: string; enrolments: string; families: number; enrolmentRows: number }> {
  const rFile = path.join(dir, 'recipients.csv');
  const eFile = path.join(dir, 'enrolments.csv');
  const r = createWriteStream(rFile, { highWaterMark: 1 << 20 });
  const e = createWriteStream(eFile, { highWaterMark: 1 << 20 });
  r.write('nik,kk_number,full_name,birth_date,sex,is_family_head,region_code,address,dtks_status\n');
  e.write('nik,program_code,status,enrolled_on,ended_on,bank_code\n');
  let adults = 0;
  let children = 0;
  let written = 0;
  let families = 0;
  let enrolmentRows = 0;
  let rChunk: string[] = [];
  let eChunk: string[] = [];
  const flush = async () => {
    if (!r.write(rChunk.join(''))) await once(r, 'drain');
    if (eChunk.length && !e.write(eChunk.join(''))) await once(e, 'drain');
    rChunk = [];
    eChunk = [];
  };
  const person = (subdistrict: string, adult: boolean, sex: 'M' | 'F') => {
    const k = adult ? adults++ : children++;
    const days = adult ? ADULT_DAYS : CHILD_DAYS;
    const birthDate = isoDay(adult ? '1955-01-01' : '2000-01-01', k % days);
    return { nik: makeNik({ subdistrictCode: subdistrict, birthDate, sex, serial: SERIAL_BASE + Math.floor(k / days) }), birthDate, sex };
  };
  for (let f = 0; written < recipients; f += 1) {
    families += 1;
    const village = villages[f % villages.length];
    const subdistrict = village.slice(0, 8);
    const size = Math.min(2 + (f % 3), recipients - written);
    const kk = `${subdistrict.replace(/\./g, '')}${String(f).padStart(10, '0')}`;
    const surname = SURNAMES[f % SURNAMES.length];
    const address = `"Jl. ${SURNAMES[(f >> 3) % SURNAMES.length]} No. ${1 + (f % 200)}, RT ${String(1 + (f % 12)).padStart(2, '0')}/RW ${String(1 + (f % 9)).padStart(2, '0')}"`;
    for (let m = 0; m < size; m += 1) {
      const p = m === 0 ? person(subdistrict, true, f % 10 === 9 ? 'F' : 'M') : m === 1 && f % 10 !== 9 ? person(subdistrict, true, 'F') : person(subdistrict, false, m % 2 ? 'F' : 'M');
      const name = `${FIRST_NAMES[(f + m) % FIRST_NAMES.length]} ${surname}`;
      rChunk.push(`${p.nik},${kk},${name},${p.birthDate},${p.sex},${m === 0},${village},${address},REGISTERED\n`);
      if (m === 0) {
        eChunk.push(`${p.nik},BPNT,ACTIVE,2020-01-${String(1 + (f % 28)).padStart(2, '0')},,${['BRI', 'BNI', 'MANDIRI', 'BTN'][f % 4]}\n`);
        enrolmentRows += 1;
        if (f % 2 === 0) {
          eChunk.push(`${p.nik},PKH,ACTIVE,2019-07-${String(1 + (f % 28)).padStart(2, '0')},,BRI\n`);
          enrolmentRows += 1;
        }
      }
      written += 1;
    }
    if (rChunk.length >= 10_000) await flush();
  }
  await flush();
  r.end();
  e.end();
  await Promise.all([once(r, 'finish'), once(e, 'finish')]);
  return { recipients: rFile, enrolments: eFile, families, enrolmentRows };
}

async function plainCopy(url: string, file: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE UNLOGGED TABLE copy_reference (nik char(16), kk_number char(16), full_name varchar(150), birth_date date, sex char(1),
      is_family_head boolean, region_code varchar(13), address varchar(300), dtks_status dtks_status)`);
    const t0 = process.hrtime.bigint();
    const copy = client.query(copyFrom(`COPY copy_reference FROM STDIN WITH (FORMAT csv, HEADER true)`));
    await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), copy);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await client.query('DROP TABLE copy_reference');
    return seconds;
  } finally {
    await client.end();
  }
}

/** BENCH_SLOW=ms: print each statement of the import that takes longer (its first line), to see where the time goes. */
function traceSlowStatements(): void {
  const threshold = Number(process.env.BENCH_SLOW ?? 0);
  if (!threshold) return;
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as unknown as { query: unknown }).query = function traced(this: Client, ...args: unknown[]) {
    const started = Date.now();
    const result = original.apply(this, args);
    const text = typeof args[0] === 'string' ? args[0] : '';
    if (text && result instanceof Promise) {
      void result.finally(() => {
        const ms = Date.now() - started;
        if (ms >= threshold) console.error(`    ${ms} ms  ${text.trim().split('\n').slice(0, 2).join(' ').replace(/\s+/g, ' ').slice(0, 140)}`);
      }).catch(() => undefined);
    }
    return result;
  };
}

async function main() {
  traceSlowStatements();
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL (a superuser URL of the PostgreSQL to use) is required');
  const recipients = argument('recipients', 1_000_000);
  const name = `aduan_bench_register_${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aduan-bench-register-'));
  const url = await createDatabase(adminUrl, name);
  try {
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    await migrate(dataSource);
    await seedDemo(dataSource);
    const villages: string[] = (await dataSource.query(`SELECT code FROM regions WHERE level = 'VILLAGE' ORDER BY code`)).map((r: { code: string }) => r.code);
    const [{ before }] = await dataSource.query(`SELECT count(*)::int AS before FROM recipients`);
    await dataSource.destroy();

    let t0 = Date.now();
    const files = await generate(dir, recipients, villages);
    const generateSeconds = (Date.now() - t0) / 1000;
    const mb = (file: string) => +(statSync(file).size / 2 ** 20).toFixed(1);
    console.error(`generated ${recipients} recipients (${files.families} families, ${mb(files.recipients)} MiB), ${files.enrolmentRows} enrolments in ${generateSeconds.toFixed(1)} s`);

    const copySeconds = await plainCopy(url, files.recipients);
    console.error(`plain COPY: ${copySeconds.toFixed(2)} s`);
    const run = async (label: string): Promise<RegisterImportReport> => {
      const report = await importRegister({
        connectionString: url, files: { recipients: files.recipients, enrolments: files.enrolments },
        errorsPath: path.join(dir, 'errors.csv'), importedBy: 'bench',
        onProgress: (event) => { if (event.phase === 'step') console.error(`  ${label}: ${event.message}`); },
      });
      if (report.outcome !== 'IMPORTED') throw new Error(`${label}: ${report.outcome}, ${report.errorCount} errors (see ${report.errorsPath})`);
      console.error(`${label}: ${report.seconds.toFixed(2)} s`);
      return report;
    };
    const first = await run('import into the empty register');
    const again = await run('re-run, unchanged');

    const copyRate = recipients / copySeconds;
    const rate = (report: RegisterImportReport) => Math.round(recipients / report.seconds);
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows: [settings] } = await client.query(`SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS "sharedBuffers",
      current_setting('max_wal_size') AS "maxWalSize", current_setting('synchronous_commit') AS "synchronousCommit"`);
    await client.end();
    console.log(JSON.stringify({
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
      postgres: { url: redactUrl(adminUrl), ...settings },
      data: { recipients, families: files.families, enrolments: files.enrolmentRows, recipientsMiB: mb(files.recipients), demoRecipientsAlready: before },
      plainCopy: { seconds: +copySeconds.toFixed(2), rowsPerSecond: Math.round(copyRate) },
      import: { seconds: +first.seconds.toFixed(2), rowsPerSecond: rate(first), ratioToCopy: +(rate(first) / copyRate).toFixed(3), files: first.files },
      rerun: { seconds: +again.seconds.toFixed(2), rowsPerSecond: rate(again), ratioToCopy: +(rate(again) / copyRate).toFixed(3), files: again.files },
    }, null, 2));
  } finally {
    if (process.env.BENCH_KEEP) console.error(`kept: database ${name}, files in ${dir}`);
    else {
      rmSync(dir, { recursive: true, force: true });
      await dropDatabase(adminUrl, name);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
