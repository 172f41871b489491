import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNik } from '../../server/src/recipients/nik';
import { as } from '../support/auth';
import { callerClockEnv } from '../support/caller-clock';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

// The built tool, run as an NGO's staff would run it (`npm test` builds first; alone: `npm run build`).
const EXAMPLE = path.resolve(__dirname, '../../examples/ngo-intake');
const CLI = path.join(EXAMPLE, 'dist/cli.js');
const COLUMNS = ['case_id', 'name', 'phone', 'nik', 'village_code', 'program', 'category', 'description', 'anonymous', 'confidential', 'consent', 'occurred_on'] as const;
type Case = Record<(typeof COLUMNS)[number], string>;

const db = useTestDatabase('demo');
const api = useTestServer(db);
const village = as(api, 'demo-village-3273011001');
let workDir: string;

interface Run { code: number | null; stdout: string; stderr: string; output: string }

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: workDir,
    env: { PATH: process.env.PATH, ADUAN_URL: `${api.url}/graphql`, ...callerClockEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, output: stdout + stderr }));
  });
}

function total(result: Run, label: string): number {
  const match = new RegExp(`^\\s+${label.replace(/[()]/g, '\\$&')}\\s+(\\d+)$`, 'm').exec(result.stdout);
  if (!match) throw new Error(`no "${label}" in the summary:\n${result.stdout}`);
  return Number(match[1]);
}

function csv(cases: Case[]): string {
  const field = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return `${[COLUMNS.join(','), ...cases.map((c) => COLUMNS.map((column) => field(c[column])).join(','))].join('\n')}\n`;
}

function aCase(caseId: string, overrides: Partial<Case> = {}): Case {
  return {
    case_id: caseId, name: `Keluarga ${caseId}`, phone: '0813-5550-0001', nik: '', village_code: '32.73.01.1001', program: 'PKH',
    category: 'NOT_RECEIVED', description: `Bantuan PKH tidak diterima (kasus ${caseId}).`, anonymous: 'tidak', confidential: 'tidak',
    consent: 'ya', occurred_on: '', ...overrides,
  };
}

interface StoredComplaint {
  tracking_code: string; description: string; channel_code: string; complainant_name: string; region_code: string; program_code: string;
  category: string; anonymous: boolean; confidential: boolean; complainant_nik: string | null; subject_nik: string | null;
  submitted_by_organisation_id: string; client_organisation_id: string;
}

/** The demo data's own complaints (the demo NGO has filed some): not what the tool filed. */
let demoComplaintIds: string[];

/** The complaints the NGO's API client filed in this test, with the organisation its client belongs to. */
async function filedByNgo(): Promise<StoredComplaint[]> {
  return db.dataSource.query(
    `SELECT c.tracking_code, c.description, c.channel_code, c.complainant_name, c.region_code, c.program_code, c.category::text AS category,
            c.anonymous, c.confidential, c.complainant_nik, c.subject_nik, c.submitted_by_organisation_id, a.organisation_id AS client_organisation_id
       FROM complaints c JOIN api_clients a ON a.id = c.submitted_by_client_id
      WHERE a.client_id = 'demo-ngo-lks' AND c.id <> ALL($1::uuid[])
      ORDER BY c.description`,
    [demoComplaintIds],
  );
}

function ledger(file: string): { cases: Record<string, { trackingCode: string; complaintId: string }> } {
  return JSON.parse(readFileSync(`${file}.tracking.json`, 'utf8'));
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'ngo-intake-'));
  demoComplaintIds = (await db.dataSource.query('SELECT id FROM complaints')).map((row: { id: string }) => row.id);
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('ngo-intake: submit a CSV, run it again, then follow the cases', () => {
  const nik = makeNik({ subdistrictCode: '32.73.01', birthDate: '1984-03-12', sex: 'F', serial: 4711 });
  const cases: Case[] = [
    aCase('LKS-T-001', { nik, phone: '0813-5550-1001', category: 'FAILED_TRANSFER', program: 'BPNT', occurred_on: '2026-10-20' }),
    // Written as the family told it, over two lines: the rows after it are numbered as an editor shows them.
    aCase('LKS-T-002', { village_code: '35.78.01.1001', phone: '+6281355501002', category: 'ILLEGAL_LEVY', anonymous: 'ya', description: 'Diminta membayar Rp20.000 saat pencairan BPNT.\nYang meminta mengaku petugas e-warong.' }),
    aCase('LKS-T-003', { phone: '081355501003', confidential: 'ya' }),
    aCase('LKS-T-004', { phone: '081355501004', consent: 'tidak' }),
    aCase('LKS-T-005', { phone: '12345' }),
    aCase('LKS-T-006', { phone: '081355501006', category: 'BANSOS_HILANG' }),
  ];
  const good = cases.slice(0, 3);
  const lineOf: Record<string, number> = { 'LKS-T-001': 2, 'LKS-T-002': 3, 'LKS-T-003': 5, 'LKS-T-004': 6, 'LKS-T-005': 7, 'LKS-T-006': 8 };
  let file: string;
  let firstCodes: Record<string, string>;

  beforeAll(() => {
    file = path.join(workDir, 'families.csv');
    writeFileSync(file, csv(cases));
  });

  it('files exactly the consented, valid cases, as the NGO on WEB_PORTAL, and says why the others were not', async () => {
    const result = await run(['submit', file]);
    expect(result.code, result.output).toBe(1);
    expect(total(result, 'kasus dibaca')).toBe(6);
    expect(total(result, 'diajukan sekarang')).toBe(3);
    expect(total(result, 'dilewati (tanpa persetujuan)')).toBe(1);
    expect(total(result, 'ditolak')).toBe(2);

    const stored = await filedByNgo();
    expect(stored.map((c) => c.description)).toEqual(good.map((c) => c.description).sort());
    for (const complaint of stored) {
      const row = good.find((c) => c.description === complaint.description)!;
      expect(complaint).toMatchObject({
        channel_code: 'WEB_PORTAL', complainant_name: row.name, region_code: row.village_code, program_code: row.program, category: row.category,
        anonymous: row.anonymous === 'ya',
        confidential: row.confidential === 'ya' || row.category === 'ILLEGAL_LEVY', // complaints about officials are always confidential
      });
      expect(complaint.submitted_by_organisation_id).toBe(complaint.client_organisation_id);
    }
    expect(stored.find((c) => c.description === good[0].description)).toMatchObject({ complainant_nik: nik, subject_nik: nik });

    // The tracking file maps each filed case to its complaint, and nothing else.
    const record = ledger(file);
    expect(Object.keys(record.cases).sort()).toEqual(['LKS-T-001', 'LKS-T-002', 'LKS-T-003']);
    firstCodes = Object.fromEntries(Object.entries(record.cases).map(([caseId, filed]) => [caseId, filed.trackingCode]));
    expect(Object.values(firstCodes).sort()).toEqual(stored.map((c) => c.tracking_code).sort());
    for (const [caseId, code] of Object.entries(firstCodes)) expect(result.stdout).toContain(`${caseId} (baris ${lineOf[caseId]}): diajukan, ${code}`);

    // Each case left behind is named by its case id, line and column, in plain words.
    expect(result.stdout).toContain('LKS-T-004 (baris 6), kolom consent: dilewati: persetujuan keluarga belum tercatat');
    expect(result.stdout).toMatch(/LKS-T-005 \(baris 7\), kolom phone: Nomor telepon tidak valid/);
    expect(result.stdout).toMatch(/LKS-T-006 \(baris 8\), kolom category: kategori tidak dikenal/);

    // No phone number or NIK in what the staff sees or keeps.
    const kept = readFileSync(`${file}.tracking.json`, 'utf8');
    for (const text of [result.output, kept]) {
      expect(text).not.toContain(nik);
      expect(text).not.toMatch(/5550-?1\d{3}|55501\d{3}/);
    }
    expect(kept).not.toContain('Keluarga');
  });

  it('a second run files nothing: the tracking file says what was filed', async () => {
    const result = await run(['submit', file]);
    expect(result.code, result.output).toBe(1);
    expect(total(result, 'diajukan sekarang')).toBe(0);
    expect(total(result, 'sudah diajukan sebelumnya')).toBe(3);
    expect(await filedByNgo()).toHaveLength(3);
  });

  it('without the tracking file, a run within 24 h files nothing either: the keys give back the same complaints', async () => {
    rmSync(`${file}.tracking.json`);
    const result = await run(['submit', file]);
    expect(result.code, result.output).toBe(1);
    expect(await filedByNgo()).toHaveLength(3);
    const restored = Object.fromEntries(Object.entries(ledger(file).cases).map(([caseId, filed]) => [caseId, filed.trackingCode]));
    expect(restored).toEqual(firstCodes);
  });

  it('an edited row is not sent again, and the staff is told', async () => {
    const edited = cases.map((c) => (c.case_id === 'LKS-T-003' ? { ...c, description: `${c.description} Sudah tiga bulan.` } : c));
    writeFileSync(file, csv(edited));
    const result = await run(['submit', file]);
    expect(result.stdout).toMatch(/LKS-T-003 \(baris 5\): sudah diajukan sebelumnya, ADU-\S+ \(baris ini berubah sesudah diajukan/);
    expect(await filedByNgo()).toHaveLength(3);
    writeFileSync(file, csv(cases));
  });

  it('status lists each case with its tracking code, status label, tier and latest public response', async () => {
    // A handler moves one case on and answers publicly, so the listing shows the tracker as it is now.
    const record = ledger(file);
    const complaintId = record.cases['LKS-T-003'].complaintId;
    const read = await village('query($id: ID!) { complaint(id: $id) { version } }', { id: complaintId });
    const verified = await village(
      'mutation($input: VerifyComplaintInput!) { verifyComplaint(input: $input) { complaint { version } userErrors { code message } } }',
      { input: { complaintId, version: read.body.data.complaint.version } },
    );
    expect(verified.body.data.verifyComplaint.userErrors).toEqual([]);
    const answered = await village(
      'mutation($input: RespondToComplaintInput!) { respondToComplaint(input: $input) { userErrors { code message } } }',
      { input: { complaintId, version: verified.body.data.verifyComplaint.complaint.version, message: 'Petugas akan berkunjung pada hari Kamis.' } },
    );
    expect(answered.body.data.respondToComplaint.userErrors).toEqual([]);

    const result = await run(['status', file]);
    expect(result.code, result.output).toBe(1); // three cases were never filed
    for (const [caseId, filed] of Object.entries(record.cases)) {
      const { body } = await api.gql('query($code: String!) { trackComplaint(trackingCode: $code) { statusLabel tierLabel } }', { code: filed.trackingCode });
      const { statusLabel, tierLabel } = body.data.trackComplaint;
      expect(result.stdout).toContain(`${caseId}  ${filed.trackingCode}  ${statusLabel}  ${tierLabel}  tenggat `);
    }
    const labels = await Promise.all(Object.values(record.cases).map(async (filed) =>
      (await api.gql('query($code: String!) { trackComplaint(trackingCode: $code) { status } }', { code: filed.trackingCode })).body.data.trackComplaint.status));
    expect(new Set(labels).size).toBeGreaterThan(1); // the verified case stands apart from the others
    expect(result.stdout).toMatch(/tanggapan terakhir \([^)]+ WIB\): Petugas akan berkunjung pada hari Kamis\./);
    expect(result.stdout).toContain('LKS-T-004  -  belum diajukan (baris 6: tanpa persetujuan keluarga)');
    expect(result.stdout).toContain('LKS-T-005  -  belum diajukan (baris 7: jalankan submit)');
    expect(result.stdout).toContain('LKS-T-006  -  belum diajukan (baris 8: data belum valid, lihat hasil submit)');
    expect(result.output).not.toContain(nik);
  });
});

describe('ngo-intake: JSON works the same', () => {
  it('files the consented cases of a JSON file and lists their status', async () => {
    const before = (await filedByNgo()).length;
    const file = path.join(workDir, 'families.json');
    const entries = [
      { ...aCase('LKS-J-001', { phone: '081355502001' }), anonymous: false, confidential: true, consent: true },
      { ...aCase('LKS-J-002', { phone: '081355502002', village_code: '35.78.01.1001' }), anonymous: false, confidential: false, consent: true },
      { ...aCase('LKS-J-003', { phone: '081355502003' }), anonymous: false, confidential: false, consent: false },
    ];
    writeFileSync(file, JSON.stringify(entries, null, 2));
    const result = await run(['submit', file]);
    expect(result.code, result.output).toBe(1);
    expect(total(result, 'diajukan sekarang')).toBe(2);
    expect(result.stdout).toContain('LKS-J-003 (entri ke-3), kolom consent: dilewati');
    const stored = await filedByNgo();
    expect(stored).toHaveLength(before + 2);
    expect(stored.find((c) => c.description === entries[0].description)).toMatchObject({ confidential: true, channel_code: 'WEB_PORTAL' });

    const again = await run(['submit', file]);
    expect(total(again, 'diajukan sekarang')).toBe(0);
    expect(await filedByNgo()).toHaveLength(before + 2);

    const codes = ledger(file).cases;
    const status = await run(['status', file]);
    expect(status.stdout).toMatch(new RegExp(`LKS-J-001  ${codes['LKS-J-001'].trackingCode}  \\S`));
    expect(status.stdout).toMatch(new RegExp(`LKS-J-002  ${codes['LKS-J-002'].trackingCode}  \\S`));
    expect(status.stdout).toContain('LKS-J-003  -  belum diajukan (entri ke-3: tanpa persetujuan keluarga)');
  });
});

describe('ngo-intake: the samples', () => {
  it('files the sample cases against the demo data, skipping the one without consent', async () => {
    for (const name of ['families.csv', 'families.json']) copyFileSync(path.join(EXAMPLE, 'sample', name), path.join(workDir, `sample-${name}`));
    const fromCsv = await run(['submit', 'sample-families.csv']);
    expect(fromCsv.code, fromCsv.output).toBe(1);
    expect(total(fromCsv, 'diajukan sekarang')).toBe(3);
    expect(total(fromCsv, 'dilewati (tanpa persetujuan)')).toBe(1);
    expect(total(fromCsv, 'ditolak')).toBe(0);
    // Its first case, a failed BPNT transfer of a demo family BRI pays (the demo keeps them whatever the day), is referred to BRI at once.
    const firstNik = readFileSync(path.join(EXAMPLE, 'sample', 'families.csv'), 'utf8').split('\n')[1].split(',')[3];
    const [{ referred }] = await db.dataSource.query(
      `SELECT count(*)::int AS referred FROM complaints c JOIN referrals f ON f.complaint_id = c.id JOIN organisations o ON o.id = f.to_organisation_id
        WHERE c.subject_nik = $1 AND c.category = 'FAILED_TRANSFER' AND c.program_code = 'BPNT' AND o.bank_code = 'BRI'`, [firstNik]);
    expect(referred).toBe(1);
    const fromJson = await run(['submit', 'sample-families.json']);
    expect(fromJson.code, fromJson.output).toBe(0);
    expect(total(fromJson, 'diajukan sekarang')).toBe(2);
    const status = await run(['status', 'sample-families.json']);
    expect(status.code, status.output).toBe(0);
  });
});

describe('ngo-intake: usage and connection errors exit 2 with a clear message', () => {
  it.each([
    [[], 'perintah belum disebutkan (submit atau status)'],
    [['send', 'a.csv'], 'perintah tidak dikenal: send'],
    [['submit'], 'berkas kasus belum disebutkan'],
    [['submit', 'cases.txt'], 'berkas kasus harus .csv atau .json'],
    [['status', 'missing.csv'], 'berkas missing.csv tidak dapat dibaca (ENOENT)'],
  ])('%j', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Pemakaian:');
  });

  it('a JSON file that is not a list, a CSV without required columns, a damaged tracking file', async () => {
    writeFileSync(path.join(workDir, 'object.json'), '{"case_id": "X"}');
    expect((await run(['submit', 'object.json'])).stderr).toContain('JSON harus berupa daftar (array) kasus');
    writeFileSync(path.join(workDir, 'short.csv'), 'case_id,name\nA,B\n');
    const short = await run(['submit', 'short.csv']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('kolom wajib tidak ada: phone, village_code, program, category, description, consent');
    writeFileSync(path.join(workDir, 'damaged.csv'), csv([aCase('LKS-D-001')]));
    writeFileSync(path.join(workDir, 'damaged.csv.tracking.json'), '{"cases": ');
    const damaged = await run(['submit', 'damaged.csv']);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toContain('berkas pelacakan damaged.csv.tracking.json rusak');
  });

  it('an unreachable server, and refused credentials', async () => {
    writeFileSync(path.join(workDir, 'one.csv'), csv([aCase('LKS-C-001')]));
    const unreachable = await run(['submit', 'one.csv'], { ADUAN_URL: 'http://127.0.0.1:9/graphql' });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('Aduan di http://127.0.0.1:9/graphql tidak dapat dihubungi (NETWORK_ERROR');
    const refused = await run(['submit', 'one.csv'], { ADUAN_CLIENT_SECRET: 'not-the-secret' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('kredensial ditolak');
    expect(await filedByNgo()).not.toContainEqual(expect.objectContaining({ description: aCase('LKS-C-001').description }));
  }, 60_000);
});
