import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../server/src/database/data-source';
import { idnAreaData, RegionFile, regionDataDir, RegionSource } from '../../server/src/setup/region-source';
import { runSetup } from '../../server/src/setup/setup';
import { BuiltServer, spawnBuiltServer, waitForListening } from '../support/built-server';
import { callerClockEnv } from '../support/caller-clock';
import { scratchDatabase } from '../support/database';

/**
 * `npm run setup` on the machine's PostgreSQL, as an operator runs it: the
 * built CLI on a database that has nothing, then the production server on what
 * it made, a token for the administrator it printed, and the public region
 * picker; a second run that changes nothing; a newer release of the register
 * without one village (kept, retired) and with one renamed. `npm test` builds dist/.
 */
const SETUP_CLI = path.join(__dirname, '../../dist/server/src/cli/setup.js');

interface CliRun { code: number | null; stdout: string; stderr: string; ms: number }

function runCli(databaseUrl: string | undefined, args: string[]): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [SETUP_CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...callerClockEnv(), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })));
}

/** The year in WIB, by which the setup's calendars (days off, programme stages) reach from this year to the next two. */
const wibYear = () => new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every table setup writes, as one fingerprint per table: its rows (in key order) and their xmin, so a row rewritten with the same values shows too. */
const FINGERPRINTED = {
  regions: 'code', programs: 'code', program_stages: 'program_code, year, stage', program_benefit_amounts: 'id', channels: 'code',
  sla_policies: 'id', days_off: 'id', organisations: 'id', api_clients: 'id', api_client_secrets: 'id',
};

async function fingerprint(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  return withClient(url, async (client) => {
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const [table, key] of Object.entries(FINGERPRINTED)) {
      const { rows: [row] } = await client.query(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text || t.xmin::text, '|' ORDER BY ${key}), '')) AS md5 FROM ${table} t`,
      );
      result[table] = row;
    }
    return result;
  });
}

async function token(baseUrl: string, clientId: string, clientSecret: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  return { status: response.status, body: await response.json() };
}

async function graphql(baseUrl: string, query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<any> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

/** The package's release with each file's text changed by `edit` (a newer release, as a test can make one). */
function editedRelease(edit: (file: RegionFile, text: string) => string): RegionSource {
  const real = idnAreaData();
  const dataDir = regionDataDir(__dirname);
  return { release: `${real.release} (edited by the test)`, open: (file) => Readable.from([edit(file, readFileSync(path.join(dataDir, `${file}.csv`), 'utf8'))]) };
}

describe('npm run setup on an empty database, then the production server', () => {
  let database: { url: string; drop: () => Promise<void> };
  let first: CliRun;
  let firstRunYear: number;
  let admin: { clientId: string; secret: string };
  let server: BuiltServer | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    database = await scratchDatabase();
    firstRunYear = wibYear();
    first = await runCli(database.url, ['--admin', 'Pusdatin Kemensos']);
    console.info(`npm run setup on an empty database (migrations, the whole country, reference data, administrator): ${first.ms} ms`);
    const clientId = /client_id\s+(\S+)/.exec(first.stdout)?.[1];
    const secret = /client_secret\s+(\S+)/.exec(first.stdout)?.[1];
    admin = { clientId: clientId!, secret: secret! };
  }, 120_000);

  afterAll(async () => {
    if (server && server.process.exitCode === null && server.process.signalCode === null) {
      server.process.kill('SIGTERM');
      await server.exited;
    }
    await database?.drop();
  });

  it('loads the whole country and the reference data, creates the ministry and its administrator, and says so', async () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('current: 38 provinces, 514 regencies and cities, 7,285 kecamatan, 83,762 villages');
    expect(admin.clientId).toBe('admin-pusdatin-kemensos');
    expect(admin.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await withClient(database.url, async (client) => {
      const { rows: levels } = await client.query(
        `SELECT level, count(*)::int AS n FROM regions WHERE retired_at IS NULL GROUP BY level ORDER BY level`);
      expect(Object.fromEntries(levels.map((r) => [r.level, r.n]))).toEqual({ PROVINCE: 38, DISTRICT: 514, SUBDISTRICT: 7285, VILLAGE: 83762 });
      const { rows: named } = await client.query(
        `SELECT code, name, kind, time_zone AS zone FROM regions WHERE code = ANY($1) ORDER BY code`,
        [['32.04', '32.73', '32.73.01', '32.73.01.1001', '32.73.01.1004', '35.78.01.1001', '51.71', '63.71', '91.03.01.3007', '91.71']],
      );
      expect(named).toEqual([
        { code: '32.04', name: 'Kabupaten Bandung', kind: 'KABUPATEN', zone: 'WIB' },
        { code: '32.73', name: 'Kota Bandung', kind: 'KOTA', zone: 'WIB' },
        { code: '32.73.01', name: 'Sukasari', kind: null, zone: 'WIB' },
        { code: '32.73.01.1001', name: 'Sukarasa', kind: 'KELURAHAN', zone: 'WIB' },
        { code: '32.73.01.1004', name: 'Sarijadi', kind: 'KELURAHAN', zone: 'WIB' },
        { code: '35.78.01.1001', name: 'Karang Pilang', kind: 'KELURAHAN', zone: 'WIB' },
        { code: '51.71', name: 'Kota Denpasar', kind: 'KOTA', zone: 'WITA' },
        { code: '63.71', name: 'Kota Banjarmasin', kind: 'KOTA', zone: 'WITA' },
        { code: '91.03.01.3007', name: 'Desa Adat Yoboi', kind: 'DESA', zone: 'WIT' },
        { code: '91.71', name: 'Kota Jayapura', kind: 'KOTA', zone: 'WIT' },
      ]);
      const { rows: [quoted] } = await client.query(`SELECT name FROM regions WHERE code = '35.13.15.2017'`);
      expect(quoted.name).toBe('Soka"an'); // a doubled quote in the CSV, read as CSV

      const { rows: [counts] } = await client.query(`SELECT
        (SELECT count(*)::int FROM programs) AS programs, (SELECT count(*)::int FROM channels) AS channels,
        (SELECT count(*)::int FROM sla_policies) AS sla, (SELECT count(*)::int FROM program_benefit_amounts) AS benefits,
        (SELECT count(*)::int FROM setup_runs WHERE kind = 'SETUP') AS runs,
        (SELECT count(*)::int FROM days_off WHERE kind = 'CUTI_BERSAMA') > 0 AS cuti_bersama`);
      expect(counts).toEqual({ programs: 5, channels: 16, sla: 7, benefits: 13, runs: 1, cuti_bersama: true });
      const { rows: organisations } = await client.query(`SELECT name, kind, tier FROM organisations`);
      expect(organisations).toEqual([{ name: 'Kementerian Sosial Republik Indonesia', kind: 'MINISTRY', tier: 'NATIONAL' }]);
      const { rows: operators } = await client.query(
        `SELECT c.code, o.kind FROM channels c JOIN organisations o ON o.id = c.operator_organisation_id ORDER BY c.code`);
      expect(operators).toEqual([{ code: 'CALL_CENTER', kind: 'MINISTRY' }, { code: 'STAKEHOLDER_LINE', kind: 'MINISTRY' }]);
      // The secret is stored only as a hash.
      const { rows: secrets } = await client.query(`SELECT secret_hash FROM api_client_secrets`);
      expect(secrets).toHaveLength(1);
      expect(secrets[0].secret_hash).toMatch(/^scrypt\$/);
      expect(secrets[0].secret_hash).not.toContain(admin.secret);
    });
  });

  it('the production server starts on it; the administrator gets a token; regions(parentCode: "32.73") lists Kota Bandung\'s 30 districts', async () => {
    server = spawnBuiltServer({ DATABASE_URL: database.url, PORT: '0', NODE_ENV: 'production' });
    const { port } = await waitForListening(server);
    baseUrl = `http://127.0.0.1:${port}`;
    expect(server.stdout()).not.toContain('migrations applied');

    const wrong = await token(baseUrl, admin.clientId, `${admin.secret.slice(0, -1)}x`);
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
    const granted = await token(baseUrl, admin.clientId, admin.secret);
    expect(granted.status).toBe(200);
    const bearer = granted.body.access_token;

    const regions = await graphql(baseUrl, 'query ($p: String) { regions(parentCode: $p) { code name level current } }', { p: '32.73' });
    expect(regions.errors).toBeUndefined();
    expect(regions.data.regions).toHaveLength(30);
    expect(regions.data.regions[0]).toEqual({ code: '32.73.01', name: 'Sukasari', level: 'SUBDISTRICT', current: true });
    expect(regions.data.regions.at(-1)).toEqual({ code: '32.73.30', name: 'Mandalajati', level: 'SUBDISTRICT', current: true });

    // The administrator's first act: Kota Bandung's social office.
    const created = await graphql(baseUrl, `mutation ($input: CreateOrganisationInput!) {
      createOrganisation(input: $input) { organisation { name kind } userErrors { code field message } } }`,
    { input: { name: 'Dinas Sosial Kota Bandung', kind: 'DISTRICT_OFFICE', jurisdictionCode: '32.73' } }, bearer);
    expect(created.errors).toBeUndefined();
    expect(created.data.createOrganisation).toEqual({ organisation: { name: 'Dinas Sosial Kota Bandung', kind: 'DISTRICT_OFFICE' }, userErrors: [] });
    expect(server.stdout() + server.stderr()).not.toContain(admin.secret);
  }, 120_000);

  it('a second run changes nothing, and creates no second administrator unless asked', async () => {
    // Within a year: when the year (in WIB) turns, the setup adds the new year's days off and programme stages, as
    // it should (CI's shifted clock starts at 23:58 WIB on 31 December). Then the run compared is a later one that
    // began and ended in the same year.
    if (wibYear() !== firstRunYear) expect((await runCli(database.url, [])).code).toBe(0);
    let before = await fingerprint(database.url);
    let year = wibYear();
    let again = await runCli(database.url, ['--admin', 'Pusdatin Kemensos']);
    while (wibYear() !== year) {
      year = wibYear();
      before = await fingerprint(database.url);
      again = await runCli(database.url, ['--admin', 'Pusdatin Kemensos']);
    }
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('migrations          up to date');
    expect(again.stdout).toContain('0 added, 0 renamed or current again, 0 retired');
    expect(again.stdout).toMatch(/none created: admin-pusdatin-kemensos \(Pusdatin Kemensos\) already administers; add --another-admin/);
    expect(again.stdout).not.toContain('client_secret');
    expect(await fingerprint(database.url)).toEqual(before);

    const another = await runCli(database.url, ['--admin', 'Pusdatin Kemensos', '--another-admin']);
    expect(another.code).toBe(0);
    expect(another.stdout).toMatch(/client_id\s+admin-pusdatin-kemensos-2\n/);
    const after = await fingerprint(database.url);
    expect(after.api_clients.rows).toBe(before.api_clients.rows + 1);
    expect(after.organisations).toEqual(before.organisations); // the same ministry
    expect({ ...after, api_clients: null, api_client_secrets: null }).toEqual({ ...before, api_clients: null, api_client_secrets: null });
  }, 60_000);

  it('a newer release without a village keeps it, retired; a renamed region takes the new name; the next release brings it back', async () => {
    const newer = editedRelease((file, text) => (file !== 'villages' ? text : text
      .replace(/^35\.78\.01\.1004,.*\n/m, '')
      .replace(/^32\.73\.01\.1001,32\.73\.01,Sukarasa$/m, '32.73.01.1001,32.73.01,Sukarasa Baru')));
    const dataSource = createDataSource(database.url, { statementTimeoutMs: 120_000 });
    await dataSource.initialize();
    try {
      const summary = await runSetup(dataSource, { regions: newer });
      expect(summary.regions).toMatchObject({ inserted: 0, updated: 1, retired: 1, current: { villages: 83761 } });

      const current = await graphql(baseUrl, '{ regions(parentCode: "35.78.01") { code name current } }');
      expect(current.data.regions.map((r: { code: string }) => r.code)).toEqual(['35.78.01.1001', '35.78.01.1002', '35.78.01.1003']);
      const all = await graphql(baseUrl, '{ regions(parentCode: "35.78.01", includeRetired: true) { code name current } }');
      expect(all.data.regions.at(-1)).toEqual({ code: '35.78.01.1004', name: 'Waru Gunung', current: false });
      const renamed = await graphql(baseUrl, '{ regions(parentCode: "32.73.01") { code name } }');
      expect(renamed.data.regions[0]).toEqual({ code: '32.73.01.1001', name: 'Sukarasa Baru' });

      const back = await runSetup(dataSource, {});
      expect(back.regions).toMatchObject({ inserted: 0, updated: 2, retired: 0, current: { villages: 83762 } });
      const [row] = await dataSource.query(`SELECT name, retired_at FROM regions WHERE code = '35.78.01.1004'`);
      expect(row).toEqual({ name: 'Waru Gunung', retired_at: null });
    } finally {
      await dataSource.destroy();
    }
  }, 60_000);

  it('refuses a release that would break the tree, naming the region, and keeps nothing of it', async () => {
    const before = await fingerprint(database.url);
    const broken = editedRelease((file, text) => (file === 'villages' ? `${text}32.99.01.1001,32.99.01,Nowhere\n` : file === 'provinces' ? `${text}97,Provinsi Baru\n` : text));
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    try {
      await expect(runSetup(dataSource, { regions: broken })).rejects.toThrow(
        /is not a usable region register: 32\.99\.01\.1001 has parent 32\.99\.01, which the release does not have; 97 is a province without a time zone/);
    } finally {
      await dataSource.destroy();
    }
    expect(await fingerprint(database.url)).toEqual(before);
  }, 60_000);

  it('refuses a file that is not the CSV it should be, naming the file and the line', async () => {
    const broken = editedRelease((file, text) => (file === 'regencies' ? text.replace(/^32\.73,32,Kota Bandung$/m, '32.73,32,Kota Bandung,extra') : text));
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    try {
      await expect(runSetup(dataSource, { regions: broken })).rejects.toThrow(/regencies\.csv cannot be loaded \(line \d+\): extra data after last expected column/);
    } finally {
      await dataSource.destroy();
    }
  }, 60_000);
});

describe('npm run setup refuses what it cannot do, in one line', () => {
  it('without DATABASE_URL, with an unknown argument, with --admin and no name, --another-admin alone', async () => {
    const cases: [string | undefined, string[], RegExp][] = [
      [undefined, [], /^aduan setup: DATABASE_URL is required/],
      ['postgres://nobody@127.0.0.1:1/x', ['--admni', 'x'], /^aduan setup: unknown argument "--admni"/],
      ['postgres://nobody@127.0.0.1:1/x', ['--admin'], /^aduan setup: --admin needs the administrator client's name/],
      ['postgres://nobody@127.0.0.1:1/x', ['--another-admin'], /^aduan setup: --another-admin goes with --admin/],
    ];
    for (const [url, args, message] of cases) {
      const run = await runCli(url, args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });

  it('a database nobody answers at, without echoing its password', async () => {
    const run = await runCli('postgres://aduan:s3cret@127.0.0.1:1/aduan', []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^aduan setup: cannot connect to postgres:\/\/aduan:\*\*\*@127\.0\.0\.1:1\/aduan/);
    expect(run.stderr).not.toContain('s3cret');
  });
});

describe('the production server on a database npm run setup has not set up', () => {
  const expectRefusal = async (url: string, pattern: RegExp) => {
    const server = spawnBuiltServer({ DATABASE_URL: url, PORT: '0', NODE_ENV: 'production' });
    expect(await server.exited).toBe(1);
    const stderr = server.stderr().trim();
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^aduan: cannot start: .*`npm run setup`/);
    expect(stderr).toMatch(pattern);
    return stderr;
  };

  it('an empty database: one line naming npm run setup, and nothing created in it', async () => {
    const empty = await scratchDatabase();
    try {
      await expectRefusal(empty.url, /was never set up/);
      const { rows } = await withClient(empty.url, (c) => c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`));
      expect(rows[0].n).toBe(0); // production migrates nothing
    } finally {
      await empty.drop();
    }
  }, 60_000);

  it('a migrated database without reference data (no setup run): refused the same way', async () => {
    const migratedOnly = await scratchDatabase();
    try {
      const dataSource = createDataSource(migratedOnly.url);
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      await dataSource.destroy();
      await expectRefusal(migratedOnly.url, /was never set up/);
    } finally {
      await migratedOnly.drop();
    }
  }, 60_000);

  it('a database set up by an older build (a migration missing): refused, naming npm run setup to apply it', async () => {
    const older = await scratchDatabase();
    try {
      const dataSource = createDataSource(older.url);
      await dataSource.initialize();
      await runSetup(dataSource, {});
      await dataSource.undoLastMigration({ transaction: 'each' });
      await dataSource.destroy();
      await expectRefusal(older.url, /lacks 1 migration\(s\) of this build/);
    } finally {
      await older.drop();
    }
  }, 60_000);
});
