import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBankDisbursements } from '../../server/src/demo/bank-disbursements';
import { makeNik } from '../../server/src/recipients/nik';
import { demoMonths } from '../support/calendar';
import { callerClockEnv } from '../support/caller-clock';
import { useTestDatabase } from '../support/database';
import { footprint } from '../support/disbursements';
import { useTestServer } from '../support/server';

// The built tool, run as a bank's operator would run it (`npm test` builds first; alone: `npm run build`).
const EXAMPLE = path.resolve(__dirname, '../../examples/bank-batch-report');
const CLI = path.join(EXAMPLE, 'dist/cli.js');
const HEADER = 'program_code,period,nik,amount,failure_code,occurred_on';

const db = useTestDatabase('demo');
const api = useTestServer(db);
let workDir: string;

interface Run { code: number | null; stdout: string; stderr: string; output: string; milliseconds: number }

/** Starts the tool; `onStdout` sees the output as it comes (to interrupt it at the right moment). */
function start(args: string[], options: { env?: Record<string, string>; onStdout?: (soFar: string, child: ChildProcess) => void } = {}): Promise<Run> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: workDir,
    env: { PATH: process.env.PATH, ADUAN_URL: `${api.url}/graphql`, ...callerClockEnv(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    options.onStdout?.(stdout, child);
  });
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, output: stdout + stderr, milliseconds: performance.now() - startedAt }));
  });
}

/** The number on a summary line, e.g. "dilaporkan (baru)   2500". */
function total(run: Run, label: string): number {
  const match = new RegExp(`^\\s+${label.replace(/[()]/g, '\\$&')}\\s+(\\d+)$`, 'm').exec(run.stdout);
  if (!match) throw new Error(`no "${label}" in the summary:\n${run.stdout.slice(-2000)}`);
  return Number(match[1]);
}

function writeCsv(name: string, rows: string[]): string {
  const file = path.join(workDir, name);
  writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
  return file;
}

/** Disbursement issues per NIK, for the NIKs given. */
async function issuesPerNik(niks: string[]): Promise<Map<string, number>> {
  const rows: { nik: string; n: number }[] = await db.dataSource.query(
    'SELECT nik, count(*)::int AS n FROM disbursement_issues WHERE nik = ANY($1::char(16)[]) GROUP BY nik', [niks],
  );
  return new Map(rows.map((r) => [r.nik, r.n]));
}

function expectNoFullNik(run: Run, niks: string[]): void {
  expect(run.output).not.toMatch(/(?<![0-9])[0-9]{16}(?![0-9])/);
  for (const nik of niks) expect(run.output).not.toContain(nik);
}

beforeAll(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'bank-batch-report-'));
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('bank-batch-report: 2,500 failed transfers with bad rows mixed in', () => {
  let bpnt: string[];
  let pkh: string[];
  let good: string[];
  /** A BRI disbursement used only by the row with a bad failure code (fixed later). */
  let spare: string;
  /** A structurally valid NIK that is nobody in the register (Aceh: no demo family lives there). */
  const unknownNik = makeNik({ subdistrictCode: '11.01.01', birthDate: '1980-05-17', sex: 'M', serial: 4321 });
  let rows: string[];
  const badLines: Record<'badNik' | 'unknownNik' | 'badFailureCode', number> = { badNik: 0, unknownNik: 0, badFailureCode: 0 };
  let file: string;
  let firstRun: Run;

  beforeAll(async () => {
    bpnt = await seedBankDisbursements(db.dataSource, { bankCode: 'BRI', programCode: 'BPNT', period: '2026-10', count: 2001 });
    pkh = await seedBankDisbursements(db.dataSource, { bankCode: 'BRI', programCode: 'PKH', period: '2026-10', count: 500, seriesStart: 2001 });
    expect(bpnt).toHaveLength(2001);
    expect(pkh).toHaveLength(500);
    spare = bpnt.pop()!;
    good = [...bpnt, ...pkh];
    // The two programmes interleaved, as a bank's export would have them; bad rows in the middle and at the end.
    rows = [];
    for (let i = 0; i < bpnt.length; i += 1) {
      rows.push(`BPNT,2026-10,${bpnt[i]},600000,ACCOUNT_DORMANT,2026-10-15`);
      if (i % 4 === 0 && i / 4 < pkh.length) rows.push(`PKH,2026-10,${pkh[i / 4]},600000,NAME_MISMATCH,2026-10-20`);
      if (i === 10) rows.push(`BPNT,2026-10,${bpnt[i].slice(0, 12)},600000,ACCOUNT_DORMANT,2026-10-15`);
      if (i === 1200) rows.push(`BPNT,2026-10,${unknownNik},600000,ACCOUNT_CLOSED,2026-10-15`);
    }
    rows.push(`BPNT,2026-10,${spare},600000,SALDO_KURANG,2026-10-15`);
    // Line numbers as the operator sees them in an editor: the header is line 1.
    badLines.badNik = rows.findIndex((r) => r.split(',')[2].length === 12) + 2;
    badLines.unknownNik = rows.findIndex((r) => r.includes(unknownNik)) + 2;
    badLines.badFailureCode = rows.findIndex((r) => r.includes('SALDO_KURANG')) + 2;
    expect(rows).toHaveLength(2503);
    file = writeCsv('failed-transfers.csv', rows);
  });

  it('reports every good row exactly once, refuses the bad ones by line, never prints a NIK, exits 1', async () => {
    firstRun = await start([file, '--errors', path.join(workDir, 'errors.csv')]);
    console.log(`bank-batch-report: ${rows.length} rows (4 batches) in ${(firstRun.milliseconds / 1000).toFixed(1)} s`);
    expect(firstRun.code, firstRun.output).toBe(1);
    expect(total(firstRun, 'baris dibaca')).toBe(2503);
    expect(total(firstRun, 'dilaporkan (baru)')).toBe(2500);
    expect(total(firstRun, 'sudah dilaporkan sebelumnya')).toBe(0);
    expect(total(firstRun, 'ditolak')).toBe(3);
    expect(firstRun.stdout).toMatch(/^batch 4\/4 selesai/m);

    const perNik = await issuesPerNik([...good, spare, unknownNik]);
    expect(perNik.size).toBe(2500);
    expect(good.every((nik) => perNik.get(nik) === 1)).toBe(true);
    expect(perNik.has(spare)).toBe(false);

    // The refusals name the lines, with the NIK masked: locally (shape, code) and by the server (unknown NIK).
    expect(firstRun.stdout).toMatch(new RegExp(`baris ${badLines.badNik}\\s+NIK \\*{16}\\s+nik\\s+INVALID_INPUT`));
    expect(firstRun.stdout).toMatch(new RegExp(`baris ${badLines.unknownNik}\\s+NIK 1101\\*{8}4321\\s+nik\\s+NOT_FOUND`));
    expect(firstRun.stdout).toMatch(new RegExp(`baris ${badLines.badFailureCode}\\s+NIK ${spare.slice(0, 4)}\\*{8}${spare.slice(12)}\\s+failure_code\\s+INVALID_INPUT`));
    const errorsCsv = readFileSync(path.join(workDir, 'errors.csv'), 'utf8').trim().split('\n');
    expect(errorsCsv[0]).toBe('line,program_code,period,nik_masked,column,code,message');
    expect(errorsCsv.slice(1).map((line) => line.split(',').slice(0, 6).join(','))).toEqual([
      `${badLines.badNik},BPNT,2026-10,****************,nik,INVALID_INPUT`,
      `${badLines.unknownNik},BPNT,2026-10,1101********4321,nik,NOT_FOUND`,
      `${badLines.badFailureCode},BPNT,2026-10,${spare.slice(0, 4)}********${spare.slice(12)},failure_code,INVALID_INPUT`,
    ].sort((a, b) => Number(a.split(',')[0]) - Number(b.split(',')[0])));
    expectNoFullNik(firstRun, [...good, spare, unknownNik]);
    expect(readFileSync(path.join(workDir, 'errors.csv'), 'utf8')).not.toMatch(/[0-9]{16}/);
  }, 180_000);

  it('a re-run of the finished file creates nothing and reports every row as already reported', async () => {
    const before = await footprint(db);
    const again = await start([file]);
    expect(again.code, again.output).toBe(1); // the three bad rows are still bad
    expect(total(again, 'dilaporkan (baru)')).toBe(0);
    expect(total(again, 'sudah dilaporkan sebelumnya')).toBe(2500);
    expect(total(again, 'ditolak')).toBe(3);
    expect(again.stdout.match(/\[jawaban ulang dari pengiriman sebelumnya\]/g)).toHaveLength(4);
    expect(await footprint(db)).toEqual(before);
    expectNoFullNik(again, [...good, spare, unknownNik]);
  }, 180_000);

  it('a corrected file gets new keys: only the fixed row is new, the rest are already on record, no key is refused', async () => {
    const fixed = writeCsv('failed-transfers-fixed.csv', rows.map((row) => row.replace('SALDO_KURANG', 'ACCOUNT_CLOSED')));
    const run = await start([fixed]);
    expect(run.output).not.toContain('IDEMPOTENCY_KEY_REUSED');
    expect(total(run, 'dilaporkan (baru)')).toBe(1);
    expect(total(run, 'sudah dilaporkan sebelumnya')).toBe(2500);
    expect(total(run, 'ditolak')).toBe(2);
    expect(run.code).toBe(1);
    const perNik = await issuesPerNik([...good, spare]);
    expect([...good, spare].every((nik) => perNik.get(nik) === 1)).toBe(true);
  }, 180_000);
});

describe('bank-batch-report: stopped with Ctrl-C, then run again', () => {
  it('stops after the batch in flight; the re-run sends the rest and duplicates nothing', async () => {
    const niks = await seedBankDisbursements(db.dataSource, { bankCode: 'BRI', programCode: 'BPNT', period: '2026-09', count: 1200, seriesStart: 3000 });
    expect(niks).toHaveLength(1200);
    const file = writeCsv('september.csv', niks.map((nik) => `BPNT,2026-09,${nik},600000,ACCOUNT_DORMANT,2026-09-18`));

    let interrupted = false;
    const stopped = await start([file, '--batch-size', '200'], {
      onStdout: (soFar, child) => {
        if (!interrupted && /^batch 1\/6 selesai/m.test(soFar)) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(interrupted).toBe(true);
    expect(stopped.code, stopped.output).toBe(130);
    expect(stopped.output).toContain('Ctrl-C: berhenti setelah batch yang sedang dikirim selesai');
    const doneFirst = total(stopped, 'dilaporkan (baru)');
    const batchesFirst = stopped.stdout.match(/^batch \d\/6 selesai/gm)!.length;
    expect(batchesFirst).toBeGreaterThanOrEqual(1);
    expect(batchesFirst).toBeLessThan(6);
    expect(doneFirst).toBe(batchesFirst * 200);
    expect(total(stopped, 'belum dikirim')).toBe(1200 - doneFirst);
    expect(stopped.stdout).toContain('Jalankan perintah yang sama lagi');
    const afterStop = await issuesPerNik(niks);
    expect(afterStop.size).toBe(doneFirst);

    const resumed = await start([file, '--batch-size', '200']);
    expect(resumed.code, resumed.output).toBe(0);
    expect(total(resumed, 'sudah dilaporkan sebelumnya')).toBe(doneFirst);
    expect(total(resumed, 'dilaporkan (baru)')).toBe(1200 - doneFirst);
    expect(total(resumed, 'ditolak')).toBe(0);
    // The batches of the first run are answered from the server's record, the others are new.
    const replayedBatches = resumed.stdout.split('\n').filter((line) => line.includes('[jawaban ulang dari pengiriman sebelumnya]'));
    expect(replayedBatches.map((line) => line.slice(0, 9))).toEqual(Array.from({ length: batchesFirst }, (_, i) => `batch ${i + 1}/6`));
    const perNik = await issuesPerNik(niks);
    expect(perNik.size).toBe(1200);
    expect([...perNik.values()].every((n) => n === 1)).toBe(true);
    expectNoFullNik(stopped, niks);
    expectNoFullNik(resumed, niks);
  }, 180_000);
});

/** Runs the demo sample writer (dist/demo-sample.js) as a newcomer would, in the work folder. */
function writeDemoSample(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [path.join(EXAMPLE, 'dist/demo-sample.js'), ...args], {
    cwd: workDir, env: { PATH: process.env.PATH, ADUAN_URL: `${api.url}/graphql`, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => { stdout += chunk; });
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, output: stdout + stderr, milliseconds: performance.now() - startedAt }));
  });
}

describe('bank-batch-report: the sample and a dry run', () => {
  it('the sample written from the demo data is of the demo’s latest months, and is reported in full', async () => {
    const [, middle, latest] = await demoMonths(db); // the months the demo paid, from the data
    const made = await writeDemoSample(['--out', 'sample.csv']);
    expect(made.code, made.output).toBe(0);
    expect(made.stdout).toContain('sample.csv: ');
    const [header, ...lines] = readFileSync(path.join(workDir, 'sample.csv'), 'utf8').trim().split('\n');
    expect(header).toBe(`${HEADER},transfer_ref`);
    const rows = lines.map((line) => line.split(','));
    expect(new Set(rows.map(([program, period]) => `${program} ${period}`))).toEqual(new Set([`BPNT ${latest}`, `PKH ${latest}`, `BPNT ${middle}`]));
    // Each row a disbursement BRI made in the demo data, as the database holds it; failed on a day of its month.
    for (const [program, period, nik, amount, , occurredOn] of rows) {
      const [paid] = await db.dataSource.query(
        `SELECT d.amount::int AS amount FROM disbursements d JOIN program_enrolments e ON e.id = d.enrolment_id JOIN recipients r ON r.id = e.recipient_id
           JOIN organisations o ON o.id = d.bank_organisation_id WHERE r.nik = $1 AND e.program_code = $2 AND d.period = $3 AND o.bank_code = 'BRI'`,
        [nik, program, period]);
      expect(paid, `${program} ${period} ${nik.slice(0, 4)}…`).toEqual({ amount: Number(amount) });
      expect(occurredOn.slice(0, 7)).toBe(period);
    }
    expectNoFullNik(made, rows.map(([, , nik]) => nik));

    const run = await start(['sample.csv']);
    expect(run.code, run.output).toBe(0);
    expect(total(run, 'dilaporkan (baru)')).toBe(rows.length);
    expect(total(run, 'ditolak')).toBe(0);
  });

  it('the sample writer never overwrites a file, and says so when the client pays no demo family', async () => {
    writeFileSync(path.join(workDir, 'taken.csv'), 'milik bank\n');
    const taken = await writeDemoSample(['--out', 'taken.csv']);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('taken.csv sudah ada');
    expect(readFileSync(path.join(workDir, 'taken.csv'), 'utf8')).toBe('milik bank\n');
    const bni = await writeDemoSample(['--out', 'bni.csv'], { ADUAN_CLIENT_ID: 'demo-bank-bni', ADUAN_CLIENT_SECRET: 'demo-bank-bni-secret' });
    expect(bni.code).toBe(1);
    expect(bni.stderr).toContain('demo-bank-bni tidak membayar KPM demo mana pun');
  });

  it('--dry-run checks the file and shows the batches without sending anything', async () => {
    const before = await footprint(db);
    const sample = path.join(workDir, 'mistakes.csv');
    copyFileSync(path.join(EXAMPLE, 'sample/failed-transfers-with-mistakes.csv'), sample);
    const run = await start([sample, '--dry-run'], { env: { ADUAN_URL: 'http://127.0.0.1:9/graphql' } });
    expect(run.code, run.output).toBe(1);
    expect(total(run, 'siap dikirim')).toBe(2);
    expect(total(run, 'ditolak')).toBe(3);
    expect(run.stdout).toMatch(/BPNT 2026-10 bagian 1\/1: 2 baris, kunci bank-batch-[0-9a-f]{32}-BPNT-2026-10-1000-1/);
    expect(await footprint(db)).toEqual(before);
  });
});

describe('bank-batch-report: usage and connection errors exit 2 with a clear message', () => {
  it.each([
    [[], 'berkas CSV belum disebutkan'],
    [['a.csv', 'b.csv'], 'sebutkan satu berkas CSV saja'],
    [['x.csv', '--batch-size', '5000'], '--batch-size harus bilangan bulat 1–1000'],
    [['x.csv', '--unknown'], 'opsi tidak dikenal: --unknown'],
    [['does-not-exist.csv'], 'berkas does-not-exist.csv tidak dapat dibaca (ENOENT)'],
  ])('%j', async (args, message) => {
    const run = await start(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Pemakaian: node dist/cli.js <berkas.csv>');
  });

  it('a file without the required columns', async () => {
    const file = path.join(workDir, 'columns.csv');
    writeFileSync(file, 'nik,amount\n3273014507850001,200000\n');
    const run = await start([file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('kolom wajib tidak ada: program_code, period, failure_code, occurred_on');
  });

  it('an unreachable server, and refused credentials', async () => {
    const file = path.join(workDir, 'one.csv');
    copyFileSync(path.join(EXAMPLE, 'sample/failed-transfers-with-mistakes.csv'), file);
    const unreachable = await start([file], { env: { ADUAN_URL: 'http://127.0.0.1:9/graphql' } });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('Aduan di http://127.0.0.1:9/graphql tidak dapat dihubungi (NETWORK_ERROR');
    const refused = await start([file], { env: { ADUAN_CLIENT_SECRET: 'not-the-secret' } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('kredensial ditolak: periksa ADUAN_CLIENT_ID dan ADUAN_CLIENT_SECRET');
    expect(refused.stderr).not.toContain('not-the-secret');
  }, 60_000);
});
