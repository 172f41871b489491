import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { as, tokenFor } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';
import { callerClockEnv } from '../support/caller-clock';

/**
 * The offices CSV (docs/offices-csv.md): `npm run offices -- import` (the built CLI, against the file's database)
 * and the importOrganisations mutation. Whole file or nothing, a re-run changes nothing, secrets only in a file
 * only its owner can read.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const CLI = path.join(__dirname, '../../dist/server/src/cli/offices.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'aduan-offices-'));

async function offices(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...callerClockEnv(), DATABASE_URL: db.url } });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function file(name: string, text: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
}

/** Everything an import may write: a re-run or a refused file must leave it exactly as it was. */
async function snapshot() {
  return {
    organisations: await db.dataSource.query(`SELECT id, code, name, kind, jurisdiction_region_code, tier, bank_code FROM organisations ORDER BY id`),
    clients: await db.dataSource.query(`SELECT id, client_id, organisation_id, name, requests_per_minute FROM api_clients ORDER BY id`),
    secrets: await db.dataSource.query(`SELECT id, api_client_id, secret_hash FROM api_client_secrets ORDER BY id`),
  };
}

const OFFICES = `code,kind,name,jurisdiction_code,bank_code,client_id,client_name,requests_per_minute
dinsos-3204,DISTRICT_OFFICE,Dinas Sosial Kabupaten Bandung,32.04,,,,
dinsos-prov-33,PROVINCE_OFFICE,Dinas Sosial Provinsi Jawa Tengah,33,,,,
kelurahan-3273011002,VILLAGE_OFFICE,Kantor Kelurahan Gegerkalong,32.73.01.1002,,csv-kelurahan-3273011002,,
bank-bsi,BANK,PT Bank Syariah Indonesia Tbk,,BSI,csv-bank-bsi,BSI disbursement reports,
bank-bri,BANK,PT Bank Rakyat Indonesia (Persero) Tbk,,BRI,,,
wa-nasional,PORTAL,"Layanan WhatsApp Kemensos, nasional",,,csv-whatsapp,,6000
`;

describe('npm run offices -- import', () => {
  it('creates the organisations and, asked to, their clients; each written secret gets a token', async () => {
    const before = await snapshot();
    const secretsOut = path.join(dir, 'secrets.csv');
    const run = await offices('import', file('offices.csv', OFFICES), '--with-clients', '--secrets-out', secretsOut);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // dinsos-3204 and bank-bri: the demo's office for 32.04 and its BRI, registered by hand, adopted (given their code), not doubled.
    expect(run.stdout).toContain('organisations: 4 created, 2 updated, 0 unchanged');
    expect(run.stdout).toContain('clients: 3 created');

    // The file: created for this run, readable by its owner only; the log never shows a secret.
    expect(statSync(secretsOut).mode & 0o777).toBe(0o600);
    const [header, ...lines] = readFileSync(secretsOut, 'utf8').trim().split('\n');
    expect(header).toBe('code,client_id,client_secret');
    expect(lines.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['kelurahan-3273011002,csv-kelurahan-3273011002', 'bank-bsi,csv-bank-bsi', 'wa-nasional,csv-whatsapp']);
    for (const line of lines) expect(run.stdout).not.toContain(line.split(',')[2]);

    const [office] = await db.dataSource.query(`SELECT kind, tier, jurisdiction_region_code AS j FROM organisations WHERE code = 'kelurahan-3273011002'`);
    expect(office).toEqual({ kind: 'VILLAGE_OFFICE', tier: 'VILLAGE', j: '32.73.01.1002' });
    expect(await db.dataSource.query(`SELECT code FROM organisations WHERE bank_code = 'BRI' OR jurisdiction_region_code = '32.04' ORDER BY code`))
      .toEqual([{ code: 'bank-bri' }, { code: 'dinsos-3204' }]);
    const [whatsapp] = await db.dataSource.query(`SELECT c.requests_per_minute AS rpm, o.name FROM api_clients c JOIN organisations o ON o.id = c.organisation_id WHERE c.client_id = 'csv-whatsapp'`);
    expect(whatsapp).toEqual({ rpm: 6000, name: 'Layanan WhatsApp Kemensos, nasional' });
    const after = await snapshot();
    expect(after.organisations.length).toBe(before.organisations.length + 4);
    expect(after.clients.length).toBe(before.clients.length + 3);

    // A written secret is a working credential: the village office gets a token and is who the file says.
    for (const line of lines) {
      const [, clientId, secret] = line.split(',');
      const token = await tokenFor(api, clientId, secret);
      if (clientId !== 'csv-kelurahan-3273011002') continue;
      const { body } = await api.gql('{ viewer { clientId organisation { code kind jurisdictionCode } } }', {}, { authorization: `Bearer ${token}` });
      expect(body.data.viewer).toEqual({ clientId, organisation: { code: 'kelurahan-3273011002', kind: 'VILLAGE_OFFICE', jurisdictionCode: '32.73.01.1002' } });
    }
  });

  it('a re-run of the same file changes nothing and creates no second client', async () => {
    const before = await snapshot();
    const secretsOut = path.join(dir, 'secrets-again.csv');
    const run = await offices('import', path.join(dir, 'offices.csv'), '--with-clients', '--secrets-out', secretsOut);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('organisations: 0 created, 0 updated, 6 unchanged');
    expect(run.stdout).toContain('clients: 0 created, 0 updated, 3 unchanged');
    expect(existsSync(secretsOut)).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to write secrets over an existing file, and asks for a file when clients are to be created', async () => {
    const before = await snapshot();
    const taken = file('taken.csv', 'mine\n');
    const csv = file('one-more.csv', 'code,kind,name,client_id\nngo-one-more,NGO,LKS Satu Lagi,csv-one-more\n');
    const refused = await offices('import', csv, '--with-clients', '--secrets-out', taken);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('exists already');
    expect(readFileSync(taken, 'utf8')).toBe('mine\n');
    expect((await offices('import', csv, '--with-clients')).status).toBe(2);
    expect(await snapshot()).toEqual(before);
  });

  it('a dry run reports what it would do and writes nothing', async () => {
    const before = await snapshot();
    const csv = file('dry.csv', 'code,kind,name,jurisdiction_code,client_id\ndinsos-prov-36,PROVINCE_OFFICE,Dinas Sosial Provinsi Banten,36,csv-dinsos-36\n');
    const secretsOut = path.join(dir, 'dry-secrets.csv');
    const run = await offices('import', csv, '--dry-run', '--with-clients', '--secrets-out', secretsOut);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Dry run, nothing written.');
    expect(run.stdout).toContain('organisations: 1 would be created');
    expect(run.stdout).toContain('clients: 1 would be created');
    expect(existsSync(secretsOut)).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it('a bad row is named by line and column, every error is reported, and nothing of the file is written', async () => {
    const before = await snapshot();
    const csv = file('bad.csv', [
      'code,kind,name,jurisdiction_code,bank_code,client_id',
      'ngo-good,NGO,LKS Baik,,,csv-ngo-good', // fine on its own: not written either
      'dinsos-bad,DISTRICT_OFFICE,Dinas Sosial Salah,32.73.01.1001,,', // a village code for a district office
      'desa-unknown,VILLAGE_OFFICE,Desa Tak Dikenal,32.73.01.9999,,', // no such village
      'ngo-good,NGO,LKS Baik Lagi,,,', // the code again
      'bank-x,BANK,Bank Tanpa Kode,,,', // a bank without its code
      'bank-bri,BANK,PT Bank Rakyat Indonesia (Persero) Tbk,,BNI,', // bank-bri is BRI
      'kemensos-2,MINISTRY,Kementerian Lain,,,',
      'portal-x,PORTAL,Portal X,,,demo-portal-3273', // another organisation's client
      'too,many,fields,,,,',
    ].join('\n'));
    const run = await offices('import', csv, '--with-clients', '--secrets-out', path.join(dir, 'bad-secrets.csv'));
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    const where = lines.slice(0, -1).map((l) => l.slice(csv.length + 1).split(': ').slice(0, 2).join(': '));
    expect(where).toEqual([
      '3: jurisdiction_code', '4: jurisdiction_code', '5: code', '6: bank_code', '7: bank_code', '8: kind', '9: client_id', '10: INVALID_INPUT',
    ]);
    expect(lines[0]).toContain('32.73.01.1001 is not a kabupaten/kota');
    expect(lines[2]).toContain('"ngo-good" is on line 2 already');
    expect(lines.at(-1)).toBe('8 errors: nothing was written.');
    expect(run.stdout).toBe('');
    expect(existsSync(path.join(dir, 'bad-secrets.csv'))).toBe(false);
    expect(await snapshot()).toEqual(before);
  });
});

const IMPORT = `mutation Import($input: ImportOrganisationsInput!) {
  importOrganisations(input: $input) {
    committed
    rows { line code organisation { name code kind tier jurisdictionCode bankCode } organisationAction clientId clientAction }
    clientSecrets { line code clientId clientSecret }
    userErrors { field code message }
  }
}`;

describe('importOrganisations (administrators)', () => {
  const ministry = () => as(api, 'demo-ministry');
  const csv = 'code,kind,name,jurisdiction_code,client_id,requests_per_minute\ndinsos-prov-34,PROVINCE_OFFICE,Dinas Sosial DIY (impor),34,csv-dinsos-34,120\n';

  it('dry run, then the import with clients: the secret once, a re-run unchanged', async () => {
    const before = await snapshot();
    const dry = (await ministry()(IMPORT, { input: { csv, dryRun: true, createClients: true } })).body.data.importOrganisations;
    expect(dry).toEqual({
      committed: false,
      rows: [{ line: 2, code: 'dinsos-prov-34', organisation: null, organisationAction: 'CREATED', clientId: 'csv-dinsos-34', clientAction: 'CREATED' }],
      clientSecrets: [],
      userErrors: [],
    });
    expect(await snapshot()).toEqual(before);

    const done = (await ministry()(IMPORT, { input: { csv, createClients: true } })).body.data.importOrganisations;
    expect(done.committed).toBe(true);
    expect(done.rows[0].organisation).toEqual({ name: 'Dinas Sosial DIY (impor)', code: 'dinsos-prov-34', kind: 'PROVINCE_OFFICE', tier: 'PROVINCE', jurisdictionCode: '34', bankCode: null });
    expect(done.clientSecrets).toHaveLength(1);
    expect(done.clientSecrets[0]).toMatchObject({ line: 2, code: 'dinsos-prov-34', clientId: 'csv-dinsos-34' });
    await tokenFor(api, 'csv-dinsos-34', done.clientSecrets[0].clientSecret);

    const again = (await ministry()(IMPORT, { input: { csv, createClients: true } })).body.data.importOrganisations;
    expect(again).toMatchObject({ committed: true, clientSecrets: [], userErrors: [] });
    expect(again.rows[0]).toMatchObject({ organisationAction: 'UNCHANGED', clientAction: 'UNCHANGED' });
  });

  it('createOrganisation with a code: an offices file finds it by that code; a malformed or taken code is refused, nothing created', async () => {
    const CREATE = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { code name } userErrors { field code } } }`;
    const input = { name: 'Dinas Sosial Kota Semarang', kind: 'DISTRICT_OFFICE', jurisdictionCode: '33.74', code: 'dinsos-3374' };
    const created = (await ministry()(CREATE, { input })).body.data.createOrganisation;
    expect(created).toEqual({ organisation: { code: 'dinsos-3374', name: 'Dinas Sosial Kota Semarang' }, userErrors: [] });

    const before = await snapshot();
    for (const [code, name] of [['Dinsos 3374', 'Huruf besar'], ['dinsos-3374', 'Kode dipakai']]) {
      const refused = (await ministry()(CREATE, { input: { ...input, name, code, jurisdictionCode: '33.74' } })).body.data.createOrganisation;
      expect(refused).toEqual({ organisation: null, userErrors: [{ field: ['input', 'code'], code: 'INVALID_INPUT' }] });
    }
    expect(await snapshot()).toEqual(before);

    const file = 'code,kind,name,jurisdiction_code\ndinsos-3374,DISTRICT_OFFICE,Dinas Sosial Kota Semarang,33.74\n';
    const imported = (await ministry()(IMPORT, { input: { csv: file } })).body.data.importOrganisations;
    expect(imported).toMatchObject({ committed: true, userErrors: [], rows: [{ line: 2, code: 'dinsos-3374', organisationAction: 'UNCHANGED' }] });
    expect(await snapshot()).toEqual(before);
  });

  it('a changed name is updated; a changed jurisdiction is refused with its line and column', async () => {
    const renamed = csv.replace('(impor)', '(impor ulang)');
    const updated = (await ministry()(IMPORT, { input: { csv: renamed } })).body.data.importOrganisations;
    expect(updated.rows[0]).toMatchObject({ organisationAction: 'UPDATED', organisation: { name: 'Dinas Sosial DIY (impor ulang)' }, clientAction: 'UNCHANGED' });

    const moved = renamed.replace(',34,', ',36,');
    const refused = (await ministry()(IMPORT, { input: { csv: moved } })).body.data.importOrganisations;
    expect(refused.committed).toBe(false);
    expect(refused.rows).toEqual([]);
    expect(refused.userErrors).toEqual([{
      field: ['input', 'csv', '2', 'jurisdiction_code'],
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^Baris 2, jurisdiction_code: dinsos-prov-34 terdaftar dengan jurisdiction_code 34;/),
    }]);
  });

  it('creates at most 100 clients a request (scrypt on the server’s thread pool): the 101st is named, nothing written', async () => {
    const before = await snapshot();
    const rows = Array.from({ length: 101 }, (_, i) => `ngo-many-${i},NGO,LKS Banyak ${i},csv-many-${i}`);
    const refused = (await ministry()(IMPORT, { input: { csv: ['code,kind,name,client_id', ...rows].join('\n'), createClients: true } })).body.data.importOrganisations;
    expect(refused).toMatchObject({ committed: false, rows: [], clientSecrets: [] });
    expect(refused.userErrors).toEqual([{ field: ['input', 'csv', '102', 'client_id'], code: 'INVALID_INPUT', message: expect.stringContaining('npm run offices') }]);
    expect(await snapshot()).toEqual(before);
  });

  it('one import at a time: while another runs, a second is told so and writes nothing', async () => {
    const other = db.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query(`SELECT pg_advisory_xact_lock(hashtext('aduan:organisation-import'))`); // as a running import holds it
      const busy = (await ministry()(IMPORT, { input: { csv: 'code,kind,name\nngo-busy,NGO,LKS Sibuk\n' } })).body.data.importOrganisations;
      expect(busy).toMatchObject({ committed: false, userErrors: [{ field: ['input', 'csv', '1'], code: 'INVALID_INPUT', message: expect.stringContaining('Impor lain sedang berjalan') }] });
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
    expect(await db.dataSource.query(`SELECT 1 FROM organisations WHERE code = 'ngo-busy'`)).toEqual([]);
  });

  it('an unreadable file or an unknown column is an error of its line, not a failure', async () => {
    const unknown = (await ministry()(IMPORT, { input: { csv: 'code,kind,name,colour\nx1,NGO,X,red\n' } })).body.data.importOrganisations;
    expect(unknown.userErrors.map((e: { field: string[] }) => e.field)).toEqual([['input', 'csv', '1', 'colour']]);
    const unclosed = (await ministry()(IMPORT, { input: { csv: 'code,kind,name\n"x1,NGO,X\n' } })).body.data.importOrganisations;
    expect(unclosed.userErrors).toEqual([{ field: ['input', 'csv', '2'], code: 'INVALID_INPUT', message: expect.stringContaining('Baris 2') }]);
  });
});
