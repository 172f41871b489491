import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNik } from '../../server/src/recipients/nik';
import { callerClockEnv } from '../support/caller-clock';
import { BuiltServer, spawnBuiltServer, waitForListening } from '../support/built-server';
import { scratchDatabase } from '../support/database';

/**
 * Day one in production (issue 16), as the ministry's operator types it
 * (docs/operations.md, "From an empty PostgreSQL to a first token"), with the
 * built commands on the machine's PostgreSQL and the built server in
 * production mode:
 *   npm run setup -- --admin → a token for the administrator →
 *   npm run offices -- import (a district office, a portal, a bank, with clients) →
 *   npm run register -- import (a family, its enrolment, a payment) →
 *   the region picker, a complaint through the new portal, and the district
 *   office's own `complaints`; a register file with a bad row (named by line
 *   and field, nothing of it written); and the setup run again, changing nothing.
 * `npm test` builds dist/.
 */
const CLI = (name: string) => path.join(__dirname, '../../dist/server/src/cli', `${name}.js`);

interface CliRun { code: number | null; stdout: string; stderr: string }

function runCli(name: string, args: string[], databaseUrl: string): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI(name), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: databaseUrl, ...callerClockEnv() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** What the operator's commands write, one fingerprint per table (rows in key order with their xmin: a rewrite shows). */
const TABLES = {
  regions: 'code', programs: 'code', program_stages: 'program_code, year, stage', channels: 'code', sla_policies: 'id', days_off: 'id',
  organisations: 'id', api_clients: 'id', api_client_secrets: 'id', recipients: 'id', program_enrolments: 'id', disbursements: 'id',
  recipient_provenance: 'id', complaints: 'id',
};

async function fingerprint(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const [table, key] of Object.entries(TABLES)) {
      const { rows: [row] } = await client.query(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text || t.xmin::text, '|' ORDER BY ${key}), '')) AS md5 FROM ${table} t`);
      result[table] = row;
    }
    return result;
  } finally {
    await client.end();
  }
}

/** The year in WIB, by which the setup's calendars (days off, programme stages) reach from this year to the next two. */
const wibYear = () => new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

/** A family of Kelurahan Sukarasa (32.73.01.1001), born long enough ago that no clock makes them future. */
const HEAD = makeNik({ subdistrictCode: '32.73.01', birthDate: '1975-04-12', sex: 'F', serial: 3101 });
const CHILD = makeNik({ subdistrictCode: '32.73.01', birthDate: '2004-09-01', sex: 'M', serial: 3102 });
const KK = '3273010101003101';

describe('day one: from an empty PostgreSQL to a district office working its complaints', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dir: string;
  let server: BuiltServer | undefined;
  let baseUrl: string;
  let admin: { clientId: string; secret: string };
  const secrets = new Map<string, string>();
  let setupYear: number;

  const token = async (clientId: string, secret: string): Promise<string> => {
    const response = await fetch(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
    });
    expect(response.status).toBe(200);
    return (await response.json()).access_token;
  };
  const graphql = async (query: string, variables: Record<string, unknown> = {}, bearer?: string) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };
  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };

  beforeAll(async () => {
    database = await scratchDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), 'aduan-day-one-'));
  });

  afterAll(async () => {
    if (server && server.process.exitCode === null && server.process.signalCode === null) {
      server.process.kill('SIGTERM');
      await server.exited;
    }
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('npm run setup -- --admin: the country, the reference data and the first administrator, its secret printed once', async () => {
    setupYear = wibYear();
    const setup = await runCli('setup', ['--admin', 'Pusdatin Kemensos'], database.url);
    expect(setup.code, setup.stderr).toBe(0);
    admin = { clientId: /client_id\s+(\S+)/.exec(setup.stdout)![1], secret: /client_secret\s+(\S+)/.exec(setup.stdout)![1] };
    expect(setup.stdout).toContain('current: 38 provinces, 514 regencies and cities, 7,285 kecamatan, 83,762 villages');
  }, 120_000);

  it('the production server starts on it; the administrator gets a token; regions(parentCode: "32.73") has Kota Bandung\'s 30 districts', async () => {
    server = spawnBuiltServer({ DATABASE_URL: database.url, PORT: '0', NODE_ENV: 'production' });
    baseUrl = `http://127.0.0.1:${(await waitForListening(server)).port}`;
    const bearer = await token(admin.clientId, admin.secret);
    const data = await graphql('{ viewer { administrator } regions(parentCode: "32.73") { code name } }', {}, bearer);
    expect(data.viewer.administrator).toBe(true);
    expect(data.regions).toHaveLength(30);
    expect(data.regions.slice(0, 2)).toEqual([{ code: '32.73.01', name: 'Sukasari' }, { code: '32.73.02', name: 'Coblong' }]);
  }, 120_000);

  it('npm run offices -- import: a district office, a village office, a portal and a bank, with clients; secrets in a file only the operator reads', async () => {
    const offices = write('offices.csv', [
      'code,kind,name,jurisdiction_code,bank_code,client_id',
      'dinsos-3273,DISTRICT_OFFICE,Dinas Sosial Kota Bandung,32.73,,dinsos-3273',
      'kelurahan-3273011001,VILLAGE_OFFICE,Kantor Kelurahan Sukarasa,32.73.01.1001,,',
      'portal-3273,PORTAL,Portal Pengaduan Kota Bandung,,,portal-3273',
      'bank-bri,BANK,Bank Rakyat Indonesia,,BRI,',
    ]);
    const secretsFile = path.join(dir, 'secrets.csv');
    const run = await runCli('offices', ['import', offices, '--with-clients', '--secrets-out', secretsFile], database.url);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const [header, ...rows] = readFileSync(secretsFile, 'utf8').trimEnd().split('\n');
    expect(header).toBe('code,client_id,client_secret');
    for (const row of rows) {
      const [, clientId, secret] = row.split(',');
      secrets.set(clientId, secret);
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
    expect([...secrets.keys()].sort()).toEqual(['dinsos-3273', 'portal-3273']);
    // Registering BRI makes BRI the operator of its call centre channel at once (not at the next setup).
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows: operators } = await client.query(`SELECT o.name FROM channels c JOIN organisations o ON o.id = c.operator_organisation_id WHERE c.code = 'BANK_CALL_CENTER_BRI'`)
      .finally(() => client.end());
    expect(operators).toEqual([{ name: 'Bank Rakyat Indonesia' }]);
  }, 60_000);

  it('createOrganisation of a bank makes it the operator of its call centre channel at once, as the offices import does', async () => {
    const bearer = await token(admin.clientId, admin.secret);
    const data = await graphql(`mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { name } userErrors { field } } }`,
      { input: { name: 'Bank Mandiri', kind: 'BANK', bankCode: 'MANDIRI' } }, bearer);
    expect(data.createOrganisation).toEqual({ organisation: { name: 'Bank Mandiri' }, userErrors: [] });
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(`SELECT c.code, o.name FROM channels c JOIN organisations o ON o.id = c.operator_organisation_id WHERE c.code LIKE 'BANK_CALL_CENTER_%' ORDER BY c.code`)
      .finally(() => client.end());
    expect(rows).toEqual([{ code: 'BANK_CALL_CENTER_BRI', name: 'Bank Rakyat Indonesia' }, { code: 'BANK_CALL_CENTER_MANDIRI', name: 'Bank Mandiri' }]);
  });

  it('npm run register -- import: a family, its enrolment and a payment, recorded with the files\' SHA-256', async () => {
    const recipients = write('dtks.csv', [
      'nik,kk_number,full_name,birth_date,sex,is_family_head,region_code,address,dtks_status',
      `${HEAD},${KK},Imas Hari Pertama,1975-04-12,F,true,32.73.01.1001,"Jl. Sukarasa No. 7, RT 02/RW 05",REGISTERED`,
      `${CHILD},${KK},Dadan Hari Pertama,2004-09-01,M,false,32.73.01.1001,"Jl. Sukarasa No. 7, RT 02/RW 05",REGISTERED`,
    ]);
    const enrolments = write('enrolments.csv', ['nik,program_code,status,enrolled_on,ended_on,bank_code', `${HEAD},BPNT,ACTIVE,2021-02-01,,BRI`]);
    const disbursements = write('disbursements.csv', [
      'nik,program_code,period,stage,amount,bank_code,status,disbursed_on', `${HEAD},BPNT,2024-05,5,200000,,DISBURSED,2024-05-20`,
    ]);
    const run = await runCli('register-import', ['import', '--recipients', recipients, '--enrolments', enrolments, '--disbursements', disbursements,
      '--errors', path.join(dir, 'errors.csv')], database.url);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(HEAD); // no NIK on the operator's terminal
    const data = await graphql('query ($nik: String!) { recipient(nik: $nik) { fullName region { code } provenance { action } } }', { nik: HEAD },
      await token('dinsos-3273', secrets.get('dinsos-3273')!));
    expect(data.recipient).toEqual({ fullName: 'Imas Hari Pertama', region: { code: '32.73.01.1001' }, provenance: [{ action: 'IMPORTED' }] });
  }, 60_000);

  it('a register file with a bad row: the row named by line and field, and nothing of the file written', async () => {
    const before = await fingerprint(database.url);
    const newcomer = makeNik({ subdistrictCode: '32.73.01', birthDate: '1980-01-30', sex: 'M', serial: 3103 });
    const recipients = write('dtks-bad.csv', [
      'nik,kk_number,full_name,birth_date,sex,is_family_head,region_code,address,dtks_status',
      `${newcomer},3273010101003103,Ujang Baris Baik,1980-01-30,M,true,32.73.01.1001,Jl. Sukarasa No. 9,REGISTERED`,
      `${makeNik({ subdistrictCode: '32.73.01', birthDate: '1982-06-15', sex: 'F', serial: 3104 })},3273010101003103,Baris Salah,1982-06-15,F,false,99.99.99.9999,Jl. Sukarasa No. 9,REGISTERED`,
    ]);
    const errors = path.join(dir, 'errors-bad.csv');
    const run = await runCli('register-import', ['import', '--recipients', recipients, '--errors', errors], database.url);
    expect(run.code).toBe(1);
    const [header, ...rows] = readFileSync(errors, 'utf8').trimEnd().split('\n');
    expect(header.split(',').slice(0, 4)).toEqual(['file', 'line', 'field', 'code']);
    expect(rows.map((row) => row.split(',').slice(1, 4))).toContainEqual(['3', 'region_code', 'REGION_UNKNOWN']);
    expect(rows.every((row) => row.split(',')[1] === '3'), 'only line 3 is at fault').toBe(true);
    expect(await fingerprint(database.url)).toEqual(before); // not even the good line 2
  }, 60_000);

  it('a complaint through the new portal reaches the district office\'s own complaints', async () => {
    const portal = await token('portal-3273', secrets.get('portal-3273')!);
    const submitted = await graphql(`mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode userErrors { field message } } }`, {
      input: {
        idempotencyKey: randomUUID(), channel: 'WEB_PORTAL', programCode: 'BPNT', category: 'NOT_RECEIVED', regionCode: '32.73.01.1001', subjectNik: HEAD,
        description: 'Bantuan sembako bulan ini belum masuk ke kartu KKS ibu kami.', complainant: { name: 'Dadan Hari Pertama', phone: '0812-2222-3101' },
      },
    }, portal);
    expect(submitted.submitComplaint.userErrors).toEqual([]);
    const district = await token('dinsos-3273', secrets.get('dinsos-3273')!);
    const data = await graphql('{ complaints(first: 20) { totalCount edges { node { trackingCode region { code } } } } }', {}, district);
    expect(data.complaints.totalCount).toBe(1);
    expect(data.complaints.edges[0].node).toEqual({
      trackingCode: submitted.submitComplaint.trackingCode, region: { code: '32.73.01.1001' },
    });
  }, 60_000);

  it('npm run setup again changes nothing: not the reference data, not the offices, not the register', async () => {
    // Within a year. When the year (in WIB) turns, the setup adds the new year's days off and programme stages —
    // as it should: CI's shifted clock starts at 23:58 WIB on 31 December, so the turn can fall in this file.
    // Then it runs once more first, and the run compared is one that began and ended in the same year.
    if (wibYear() !== setupYear) expect((await runCli('setup', [], database.url)).code).toBe(0);
    for (;;) {
      const year = wibYear();
      const before = await fingerprint(database.url);
      const again = await runCli('setup', ['--admin', 'Pusdatin Kemensos'], database.url);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).not.toContain('client_secret');
      if (wibYear() !== year) continue; // the year turned during this run
      expect(await fingerprint(database.url)).toEqual(before);
      break;
    }
  }, 120_000);
});
