import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegister, RegisterImportOptions } from '../../server/src/recipients/import/register-import';
import { makeNik } from '../../server/src/recipients/nik';
import { useTestDatabase } from '../support/database';
import { callerClockEnv } from '../support/caller-clock';

/**
 * The register import (docs/register-import.md, docs/adr/0024): CSV files
 * through COPY into staging, checked there, upserted by NIK with provenance,
 * all or nothing. Small files on the real PostgreSQL, the demo's regions,
 * programmes and banks.
 */
const db = useTestDatabase('demo');
let dir: string;
beforeAll(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'register-import-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Sarijadi (32.73.01.1001) family and a Karangpilang (35.78.01.1001) one, with serials no demo person uses. */
const HEAD_A = makeNik({ subdistrictCode: '32.73.01', birthDate: '1971-03-04', sex: 'M', serial: 4991 });
const SPOUSE_A = makeNik({ subdistrictCode: '32.73.01', birthDate: '1973-07-21', sex: 'F', serial: 4992 });
const CHILD_A = makeNik({ subdistrictCode: '32.73.01', birthDate: '2009-11-30', sex: 'F', serial: 4993 });
const HEAD_B = makeNik({ subdistrictCode: '35.78.01', birthDate: '1968-02-29', sex: 'F', serial: 4994 });
const CHILD_B = makeNik({ subdistrictCode: '35.78.01', birthDate: '1999-12-31', sex: 'M', serial: 4995 });
const KK_A = '3273019999004991';
const KK_B = '3578019999004994';

const RECIPIENTS_HEADER = 'nik,kk_number,full_name,birth_date,sex,is_family_head,region_code,address,dtks_status';
const recipientRows = () => [
  `${HEAD_A},${KK_A},Asep Impor,1971-03-04,M,true,32.73.01.1001,"Jl. Sarijadi No. 1, RT 01/RW 02",REGISTERED`,
  `${SPOUSE_A},${KK_A},Euis Impor,1973-07-21,F,false,32.73.01.1001,"Jl. Sarijadi No. 1, RT 01/RW 02",REGISTERED`,
  `${CHILD_A},${KK_A},Neng Impor,2009-11-30,F,false,32.73.01.1001,"Jl. Sarijadi No. 1, RT 01/RW 02",REGISTERED`,
  `${HEAD_B},${KK_B},Siti Impor,1968-02-29,F,true,35.78.01.1001,Jl. Karangpilang No. 9,REGISTERED`,
  `${CHILD_B},${KK_B},Budi Impor,1999-12-31,M,false,35.78.01.1001,Jl. Karangpilang No. 9,NOT_REGISTERED`,
];
const ENROLMENTS_CSV = [
  'nik,program_code,status,enrolled_on,ended_on,bank_code',
  `${HEAD_A},PKH,ACTIVE,2019-01-15,,BRI`,
  `${HEAD_A},BPNT,ACTIVE,2020-06-01,,BNI`,
  `${HEAD_B},BPNT,ENDED,2018-03-01,2023-12-31,MANDIRI`,
].join('\n') + '\n';
const DISBURSEMENTS_CSV = [
  'nik,program_code,period,stage,amount,bank_code,status,disbursed_on',
  `${HEAD_A},PKH,2025-01,1,750000,BRI,DISBURSED,2025-01-20`,
  `${HEAD_A},BPNT,2025-02,2,200000,,FAILED,`,
].join('\n') + '\n';

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}
const recipientsCsv = (rows = recipientRows()) => [RECIPIENTS_HEADER, ...rows].join('\n') + '\n';
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function run(files: RegisterImportOptions['files'], extra: Partial<RegisterImportOptions> = {}) {
  return importRegister({ connectionString: db.url, files, errorsPath: path.join(dir, 'errors.csv'), importedBy: 'operator-test', ...extra });
}

async function counts(): Promise<Record<string, number>> {
  const [row] = await db.dataSource.query(`SELECT
    (SELECT count(*)::int FROM recipients) AS recipients, (SELECT count(*)::int FROM program_enrolments) AS enrolments,
    (SELECT count(*)::int FROM disbursements) AS disbursements, (SELECT count(*)::int FROM recipient_provenance) AS provenance,
    (SELECT count(*)::int FROM register_imports WHERE outcome = 'IMPORTED') AS imports`);
  return row;
}

function errorRows(): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(dir, 'errors.csv'), 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  // The messages hold commas only inside quotes; the first five columns never do.
  return lines.map((line) => Object.fromEntries(line.split(',').slice(0, 5).map((v, i) => [names[i], v])));
}

describe('register import', () => {
  let firstImportId: string;

  it('a dry run checks and counts everything and writes nothing', async () => {
    const before = await counts();
    const report = await run({ recipients: write('r.csv', recipientsCsv()), enrolments: write('e.csv', ENROLMENTS_CSV) }, { dryRun: true });
    expect(report.outcome).toBe('DRY_RUN');
    expect(report.files.map((f) => [f.kind, f.inserted])).toEqual([['RECIPIENTS', 5], ['ENROLMENTS', 3]]);
    expect(await counts()).toEqual(before);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM register_imports`);
    expect(n).toBe(0);
  });

  it('imports recipients, enrolments and disbursements, records the files’ SHA-256 and an IMPORTED entry per recipient', async () => {
    const before = await counts();
    const files = { recipients: write('r.csv', recipientsCsv()), enrolments: write('e.csv', ENROLMENTS_CSV), disbursements: write('d.csv', DISBURSEMENTS_CSV) };
    const report = await run(files);
    expect(report.outcome).toBe('IMPORTED');
    expect(report.files.map(({ kind, rows, inserted, updated, unchanged, rejected }) => ({ kind, rows, inserted, updated, unchanged, rejected }))).toEqual([
      { kind: 'RECIPIENTS', rows: 5, inserted: 5, updated: 0, unchanged: 0, rejected: 0 },
      { kind: 'ENROLMENTS', rows: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 },
      { kind: 'DISBURSEMENTS', rows: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
    ]);
    expect(await counts()).toEqual({ ...before, recipients: before.recipients + 5, enrolments: before.enrolments + 3,
      disbursements: before.disbursements + 2, provenance: before.provenance + 5, imports: 1 });
    firstImportId = report.importId!;

    const recorded = await db.dataSource.query(
      `SELECT i.outcome, i.imported_by, o.kind AS approver, f.kind, f.file_name, f.sha256, f.rows, f.inserted
         FROM register_imports i JOIN organisations o ON o.id = i.approved_by_organisation_id JOIN register_import_files f ON f.import_id = i.id
        WHERE i.id = $1 ORDER BY f.kind`, [firstImportId]);
    expect(recorded).toEqual([
      { outcome: 'IMPORTED', imported_by: 'operator-test', approver: 'MINISTRY', kind: 'RECIPIENTS', file_name: 'r.csv', sha256: sha256(files.recipients), rows: 5, inserted: 5 },
      { outcome: 'IMPORTED', imported_by: 'operator-test', approver: 'MINISTRY', kind: 'ENROLMENTS', file_name: 'e.csv', sha256: sha256(files.enrolments), rows: 3, inserted: 3 },
      { outcome: 'IMPORTED', imported_by: 'operator-test', approver: 'MINISTRY', kind: 'DISBURSEMENTS', file_name: 'd.csv', sha256: sha256(files.disbursements), rows: 2, inserted: 2 },
    ]);

    const [head] = await db.dataSource.query(`SELECT kk_number, full_name, birth_date, sex, is_family_head, region_code, address, dtks_status FROM recipients WHERE nik = $1`, [HEAD_A]);
    expect(head).toEqual({ kk_number: KK_A, full_name: 'Asep Impor', birth_date: '1971-03-04', sex: 'M', is_family_head: true,
      region_code: '32.73.01.1001', address: 'Jl. Sarijadi No. 1, RT 01/RW 02', dtks_status: 'REGISTERED' });
    const paid = await db.dataSource.query(
      `SELECT e.program_code, e.status AS enrolment, b.bank_code, d.period, d.stage, d.amount, d.status, d.disbursed_on, db.bank_code AS paid_by
         FROM recipients r JOIN program_enrolments e ON e.recipient_id = r.id LEFT JOIN organisations b ON b.id = e.bank_organisation_id
         JOIN disbursements d ON d.enrolment_id = e.id LEFT JOIN organisations db ON db.id = d.bank_organisation_id
        WHERE r.nik = $1 ORDER BY e.program_code`, [HEAD_A]);
    expect(paid).toEqual([
      { program_code: 'BPNT', enrolment: 'ACTIVE', bank_code: 'BNI', period: '2025-02', stage: 2, amount: '200000', status: 'FAILED', disbursed_on: null, paid_by: 'BNI' },
      { program_code: 'PKH', enrolment: 'ACTIVE', bank_code: 'BRI', period: '2025-01', stage: 1, amount: '750000', status: 'DISBURSED', disbursed_on: '2025-01-20', paid_by: 'BRI' },
    ]);

    // One IMPORTED entry each, linked to the import, numbered and hashed by the trigger; every chain verifies.
    const entries = await db.dataSource.query(
      `SELECT p.seq, p.action, p.import_id, p.prev_hash, p.hash = recipient_provenance_hash(p) AS hash_ok, p.state_hash = recipient_state_hash(r) AS state_ok
         FROM recipient_provenance p JOIN recipients r ON r.id = p.recipient_id WHERE r.nik = ANY($1)`, [[HEAD_A, SPOUSE_A, CHILD_A, HEAD_B, CHILD_B]]);
    expect(entries).toHaveLength(5);
    for (const entry of entries) expect(entry).toEqual({ seq: 1, action: 'IMPORTED', import_id: firstImportId, prev_hash: null, hash_ok: true, state_ok: true });
  });

  it('a re-run of the same files changes nothing and is recorded', async () => {
    const before = await counts();
    const report = await run({ recipients: write('r.csv', recipientsCsv()), enrolments: write('e.csv', ENROLMENTS_CSV), disbursements: write('d.csv', DISBURSEMENTS_CSV) });
    expect(report.outcome).toBe('IMPORTED');
    expect(report.files.map((f) => [f.kind, f.inserted, f.updated, f.unchanged])).toEqual([['RECIPIENTS', 0, 0, 5], ['ENROLMENTS', 0, 0, 3], ['DISBURSEMENTS', 0, 0, 2]]);
    expect(await counts()).toEqual({ ...before, imports: before.imports + 1 });
    expect(report.importId).not.toBe(firstImportId);
  });

  it('a changed row is updated and gets an UPDATED entry naming the changed fields, chained to the one before', async () => {
    const rows = recipientRows();
    rows[1] = rows[1].replace('"Jl. Sarijadi No. 1, RT 01/RW 02",REGISTERED', 'Gg. Melati No. 3,PROPOSED');
    const changedEnrolments = ENROLMENTS_CSV.replace(`${HEAD_A},BPNT,ACTIVE,2020-06-01,,BNI`, `${HEAD_A},BPNT,SUSPENDED,2020-06-01,,BNI`);
    const report = await run({ recipients: write('r2.csv', recipientsCsv(rows)), enrolments: write('e2.csv', changedEnrolments) });
    expect(report.files.map((f) => [f.kind, f.inserted, f.updated, f.unchanged])).toEqual([['RECIPIENTS', 0, 1, 4], ['ENROLMENTS', 0, 1, 2]]);
    const entries = await db.dataSource.query(
      `SELECT p.seq, p.action, p.changed_fields, p.import_id = $2 AS this_import, p.prev_hash = lag(p.hash) OVER (ORDER BY p.seq) AS linked,
              p.hash = recipient_provenance_hash(p) AS hash_ok
         FROM recipient_provenance p JOIN recipients r ON r.id = p.recipient_id WHERE r.nik = $1 ORDER BY p.seq`, [SPOUSE_A, report.importId]);
    expect(entries).toEqual([
      { seq: 1, action: 'IMPORTED', changed_fields: [], this_import: false, linked: null, hash_ok: true },
      { seq: 2, action: 'UPDATED', changed_fields: ['address', 'dtksStatus'], this_import: true, linked: true, hash_ok: true },
    ]);
    const [spouse] = await db.dataSource.query(`SELECT address, dtks_status, recipient_state_hash(r) = (SELECT state_hash FROM recipient_provenance WHERE recipient_id = r.id ORDER BY seq DESC LIMIT 1) AS state_ok FROM recipients r WHERE nik = $1`, [SPOUSE_A]);
    expect(spouse).toEqual({ address: 'Gg. Melati No. 3', dtks_status: 'PROPOSED', state_ok: true });
  });

  it('refuses the whole import when a row is wrong, naming line, field and reason, and writes nothing of it', async () => {
    const before = await counts();
    const newcomer = makeNik({ subdistrictCode: '32.73.01', birthDate: '1985-05-05', sex: 'M', serial: 4996 });
    const rows = [
      ...recipientRows(),
      `${newcomer},3273019999004996,Dadang Baru,1985-05-05,M,true,32.73.01.1001,Jl. Baru No. 1,REGISTERED`, // line 7: fine on its own
      `32730141059X0001,3273019999004997,Salah NIK,1990-05-01,F,true,32.73.01.1001,Jl. A,REGISTERED`, // line 8: NIK not digits
      `${makeNik({ subdistrictCode: '32.73.01', birthDate: '1990-01-01', sex: 'M', serial: 4997 })},3273019999004998,Desa Salah,1990-01-01,M,true,32.73.99.9999,Jl. B,REGISTERED`, // line 9: unknown village
      `${makeNik({ subdistrictCode: '32.73.01', birthDate: '1980-01-01', sex: 'M', serial: 4998 })},${KK_A},Kepala Kedua,1980-01-01,M,true,32.73.01.1001,Jl. C,REGISTERED`, // line 10: KK_A has a head
      `${CHILD_B},${KK_B},Budi Dua Kali,1999-12-31,M,false,35.78.01.1001,Jl. Karangpilang No. 9,REGISTERED`, // line 11: same NIK as line 6
    ];
    const enrolments = `${ENROLMENTS_CSV}${newcomer},BANSOS_FIKTIF,ACTIVE,2021-01-01,,BRI\n`; // line 5: unknown programme
    const recipients = write('bad-r.csv', recipientsCsv(rows));
    const report = await run({ recipients, enrolments: write('bad-e.csv', enrolments) });
    expect(report.outcome).toBe('REJECTED');
    expect(errorRows()).toEqual([
      { file: 'RECIPIENTS', line: '8', field: 'nik', code: 'NIK_FORMAT', related_line: '' },
      { file: 'RECIPIENTS', line: '9', field: 'region_code', code: 'REGION_UNKNOWN', related_line: '' },
      { file: 'RECIPIENTS', line: '10', field: 'is_family_head', code: 'FAMILY_TWO_HEADS', related_line: '2' },
      { file: 'RECIPIENTS', line: '11', field: 'nik', code: 'DUPLICATE_NIK', related_line: '6' },
      { file: 'ENROLMENTS', line: '5', field: 'program_code', code: 'PROGRAMME_UNKNOWN', related_line: '' },
    ]);
    const errorFile = readFileSync(path.join(dir, 'errors.csv'), 'utf8');
    expect(errorFile).toContain('The same NIK is already there (line 6).');
    for (const nik of [HEAD_A, CHILD_B, newcomer, KK_A]) expect(errorFile).not.toContain(nik);
    // Nothing of it: not the good newcomer, not the valid enrolments; the attempt is recorded with its files.
    expect(await counts()).toEqual(before);
    const [attempt] = await db.dataSource.query(
      `SELECT i.outcome, i.error_count, array_agg(f.kind || ':' || f.rejected ORDER BY f.kind) AS files, bool_and(f.sha256 ~ '^[0-9a-f]{64}$') AS hashed
         FROM register_imports i JOIN register_import_files f ON f.import_id = i.id WHERE i.id = $1 GROUP BY i.id`, [report.importId]);
    expect(attempt).toEqual({ outcome: 'REJECTED', error_count: 5, files: ['RECIPIENTS:4', 'ENROLMENTS:1'], hashed: true });
  });

  it('refuses a line that is not CSV of the layout (a column too many) with its line, and a header missing a column', async () => {
    const before = await counts();
    const rows = recipientRows();
    rows[2] = `${rows[2]},extra`;
    const report = await run({ recipients: write('bad-csv.csv', recipientsCsv(rows)) });
    expect(report.outcome).toBe('REJECTED');
    expect(errorRows()).toEqual([{ file: 'RECIPIENTS', line: '4', field: '', code: 'CSV_MALFORMED', related_line: '' }]);
    expect(readFileSync(path.join(dir, 'errors.csv'), 'utf8')).not.toContain(CHILD_A);

    await run({ enrolments: write('bad-header.csv', 'nik,program_code,status,enrolled_on,bank_code\n') });
    expect(errorRows()).toEqual([{ file: 'ENROLMENTS', line: '1', field: 'ended_on', code: 'HEADER_MISSING_COLUMN', related_line: '' }]);
    expect(await counts()).toEqual(before);
  });

  it('checks NIK structure, dates and the NIK’s birth date and sex against the columns', async () => {
    const nik = makeNik({ subdistrictCode: '32.73.01', birthDate: '1975-06-15', sex: 'F', serial: 4990 });
    const kk = '3273019999004990';
    const rows = [
      `${nik},${kk},Ibu Satu,1975-06-16,M,true,32.73.01.1001,Jl. D,REGISTERED`, // birth date and sex disagree with the NIK
      `${nik.slice(0, 6)}3213750001,${kk},Bulan Salah,1975-13-32,F,false,32.73.01,Jl. D,UNKNOWN`, // NIK month 13; bad date; a sub-district; bad status
    ];
    await run({ recipients: write('bad-fields.csv', recipientsCsv(rows)) });
    expect(errorRows()).toEqual([
      { file: 'RECIPIENTS', line: '2', field: 'birth_date', code: 'BIRTH_DATE_NOT_NIK', related_line: '' },
      { file: 'RECIPIENTS', line: '2', field: 'sex', code: 'SEX_NOT_NIK', related_line: '' },
      { file: 'RECIPIENTS', line: '3', field: 'birth_date', code: 'DATE_FORMAT', related_line: '' },
      { file: 'RECIPIENTS', line: '3', field: 'dtks_status', code: 'DTKS_STATUS', related_line: '' },
      { file: 'RECIPIENTS', line: '3', field: 'nik', code: 'NIK_BIRTH_DATE', related_line: '' },
      // A sub-district is not the family's village (line 2's) either.
      { file: 'RECIPIENTS', line: '3', field: 'region_code', code: 'FAMILY_TWO_VILLAGES', related_line: '2' },
      { file: 'RECIPIENTS', line: '3', field: 'region_code', code: 'REGION_NOT_VILLAGE', related_line: '' },
    ]);
  });

  it('reads sex as the KTP writes it, L or P (or the words in full, any case), and stores M or F', async () => {
    const head = makeNik({ subdistrictCode: '32.73.01', birthDate: '1980-01-02', sex: 'M', serial: 4980 });
    const wife = makeNik({ subdistrictCode: '32.73.01', birthDate: '1982-03-04', sex: 'F', serial: 4981 });
    const son = makeNik({ subdistrictCode: '32.73.01', birthDate: '2005-05-06', sex: 'M', serial: 4982 });
    const daughter = makeNik({ subdistrictCode: '32.73.01', birthDate: '2008-07-08', sex: 'F', serial: 4983 });
    const kk = '3273019999004980';
    const row = (nik: string, name: string, birth: string, sex: string, head: boolean) => `${nik},${kk},${name},${birth},${sex},${head},32.73.01.1001,Jl. E,REGISTERED`;
    // Refused as before: P for a man's NIK, and a letter that is neither.
    await run({ recipients: write('ktp-sex-bad.csv', recipientsCsv([row(head, 'Ujang Ktp', '1980-01-02', 'P', true), row(wife, 'Imas Ktp', '1982-03-04', 'W', false)])) });
    expect(errorRows()).toEqual([
      { file: 'RECIPIENTS', line: '2', field: 'sex', code: 'SEX_NOT_NIK', related_line: '' },
      { file: 'RECIPIENTS', line: '3', field: 'sex', code: 'SEX', related_line: '' },
    ]);
    const rows = [row(head, 'Ujang Ktp', '1980-01-02', 'L', true), row(wife, 'Imas Ktp', '1982-03-04', 'p', false),
      row(son, 'Dadan Ktp', '2005-05-06', 'Laki-laki', false), row(daughter, 'Rina Ktp', '2008-07-08', ' PEREMPUAN ', false)];
    const report = await run({ recipients: write('ktp-sex.csv', recipientsCsv(rows)) });
    expect(report.errorCount).toBe(0);
    const stored = await db.dataSource.query('SELECT nik, sex FROM recipients WHERE kk_number = $1 ORDER BY nik', [kk]);
    expect(stored).toEqual([{ nik: head, sex: 'M' }, { nik: wife, sex: 'F' }, { nik: son, sex: 'M' }, { nik: daughter, sex: 'F' }].sort((a, b) => a.nik.localeCompare(b.nik)));
  });
});

describe('register import: enrolments, disbursements and families', () => {
  it('refuses disbursements for no enrolment, bad periods, stages, amounts, banks, future dates and duplicates', async () => {
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const csv = [
      'nik,program_code,period,stage,amount,bank_code,status,disbursed_on',
      `${HEAD_A},PKH,2025-04,2,750000,BRI,DISBURSED,2025-04-20`, // 2: fine
      `${HEAD_B},PKH,2025-04,2,750000,BRI,DISBURSED,2025-04-20`, // 3: HEAD_B is not in PKH
      `${HEAD_A},PKH,2025-13,13,0,BCA,PAID,${inAMonth}`, // 4: period, stage, amount, bank, status, date
      `${HEAD_A},PKH,2025-04,2,750000,BRI,DISBURSED,2025-04-20`, // 5: same as line 2
    ].join('\n') + '\n';
    const before = await counts();
    const report = await run({ disbursements: write('bad-d.csv', csv) });
    expect(report.outcome).toBe('REJECTED');
    expect(errorRows()).toEqual([
      { file: 'DISBURSEMENTS', line: '3', field: 'program_code', code: 'ENROLMENT_UNKNOWN', related_line: '' },
      { file: 'DISBURSEMENTS', line: '4', field: 'amount', code: 'AMOUNT', related_line: '' },
      { file: 'DISBURSEMENTS', line: '4', field: 'bank_code', code: 'BANK_UNKNOWN', related_line: '' },
      { file: 'DISBURSEMENTS', line: '4', field: 'disbursed_on', code: 'DATE_IN_FUTURE', related_line: '' },
      { file: 'DISBURSEMENTS', line: '4', field: 'period', code: 'PERIOD_FORMAT', related_line: '' },
      { file: 'DISBURSEMENTS', line: '4', field: 'stage', code: 'STAGE', related_line: '' },
      { file: 'DISBURSEMENTS', line: '4', field: 'status', code: 'DISBURSEMENT_STATUS', related_line: '' },
      { file: 'DISBURSEMENTS', line: '5', field: 'stage', code: 'DUPLICATE_DISBURSEMENT', related_line: '2' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a family without a head, and an enrolment for someone in neither the file nor the register', async () => {
    const member = makeNik({ subdistrictCode: '32.73.01', birthDate: '1988-08-08', sex: 'M', serial: 4989 });
    const stranger = makeNik({ subdistrictCode: '32.73.01', birthDate: '1977-07-07', sex: 'M', serial: 4988 });
    await run({
      recipients: write('headless.csv', recipientsCsv([`${member},3273019999004989,Tanpa Kepala,1988-08-08,M,false,32.73.01.1001,Jl. E,REGISTERED`])),
      enrolments: write('stranger.csv', `nik,program_code,status,enrolled_on,ended_on,bank_code\n${stranger},PKH,ACTIVE,2020-01-01,,BRI\n`),
    });
    expect(errorRows()).toEqual([
      { file: 'RECIPIENTS', line: '2', field: 'is_family_head', code: 'FAMILY_NO_HEAD', related_line: '' },
      { file: 'ENROLMENTS', line: '2', field: 'nik', code: 'RECIPIENT_UNKNOWN', related_line: '' },
    ]);
  });
});

describe('register import by a role that is not a superuser', () => {
  it('imports with the per-row foreign-key checks (no replica session), and the chain verifies', async () => {
    // A role of this test's own, with the rights an application role has on the register's tables; dropped at the end.
    const role = `aduan_import_${Math.random().toString(36).slice(2, 10)}`;
    // With a password: the embedded PostgreSQL asks for one (SCRAM), the machine's may trust.
    const password = Math.random().toString(36).slice(2);
    await db.dataSource.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER PASSWORD '${password}'`);
    try {
      await db.dataSource.query(`GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${role}`);
      const url = new URL(db.url);
      url.username = role;
      url.password = password;
      const nik = makeNik({ subdistrictCode: '35.78.01', birthDate: '1979-09-09', sex: 'M', serial: 4987 });
      const report = await importRegister({
        connectionString: url.toString(), errorsPath: path.join(dir, 'errors.csv'), importedBy: 'operator-role',
        files: {
          recipients: write('role-r.csv', recipientsCsv([`${nik},3578019999004987,Pak Peran,1979-09-09,M,true,35.78.01.1001,Jl. F,REGISTERED`])),
          enrolments: write('role-e.csv', `nik,program_code,status,enrolled_on,ended_on,bank_code\n${nik},BPNT,ACTIVE,2021-02-03,,BNI\n`),
        },
      });
      expect(report.outcome).toBe('IMPORTED');
      expect(report.files.map((f) => [f.kind, f.inserted])).toEqual([['RECIPIENTS', 1], ['ENROLMENTS', 1]]);
      const [entry] = await db.dataSource.query(
        `SELECT p.action, p.hash = recipient_provenance_hash(p) AS hash_ok, p.state_hash = recipient_state_hash(r) AS state_ok
           FROM recipient_provenance p JOIN recipients r ON r.id = p.recipient_id WHERE r.nik = $1`, [nik]);
      expect(entry).toEqual({ action: 'IMPORTED', hash_ok: true, state_ok: true });
    } finally {
      await db.dataSource.query(`DROP OWNED BY ${role}`);
      await db.dataSource.query(`DROP ROLE ${role}`);
    }
  });
});

describe('npm run register -- import (the built command)', () => {
  const cli = path.join(__dirname, '../../dist/server/src/cli/register-import.js');

  it('exits 1 on refused rows, prints counts and where the errors are, and no NIK', async () => {
    const rows = recipientRows();
    rows[0] = rows[0].replace('32.73.01.1001', '32.73.01.9999');
    const errors = path.join(dir, 'cli-errors.csv');
    const result = await promisify(execFile)(process.execPath, [cli, 'import', '--recipients', write('cli-r.csv', recipientsCsv(rows)), '--errors', errors],
      { env: { PATH: process.env.PATH ?? '', ...callerClockEnv(), DATABASE_URL: db.url } }).then(() => null, (error) => error);
    expect(result?.code).toBe(1);
    expect(result.stdout).toContain('REJECTED');
    // The unknown village, and the family's two other members, who live elsewhere than its first line.
    expect(result.stdout).toContain(`3 errors written to ${errors}`);
    for (const nik of [HEAD_A, SPOUSE_A]) expect(result.stdout + result.stderr).not.toContain(nik);
    expect(readFileSync(errors, 'utf8')).toContain('RECIPIENTS,2,region_code,REGION_UNKNOWN');
  });
});
