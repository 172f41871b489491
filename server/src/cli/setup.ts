/**
 * npm run setup                                  — migrations and reference data into DATABASE_URL
 * npm run setup -- --admin "<name>"              — and the ministry's first administrator client
 * npm run setup -- --admin "<name>" --another-admin — another administrator, when one exists already
 *
 * Idempotent: run it on an empty database, and again after every upgrade
 * (docs/operations.md, docs/adr/0021-setup.md). The administrator's secret is
 * printed here once, and stored nowhere but as a hash.
 */
import 'reflect-metadata';
import { createDataSource } from '../database/data-source';
import { redactUrl } from '../database/database-url';
import { StartupError } from '../common/startup-error';
import { runSetup, SetupSummary } from '../setup/setup';
import { SetupError } from '../setup/setup-error';
import { aduanVersion } from '../setup/version';

const USAGE = 'usage: npm run setup [-- --admin "<administrator client name>" [--another-admin]]';

interface Arguments { admin?: string; another: boolean }

function parseArguments(argv: string[]): Arguments {
  const parsed: Arguments = { another: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--admin') {
      const name = argv[i + 1];
      if (name === undefined || name.startsWith('--')) fail(`--admin needs the administrator client's name, e.g. --admin "Pusdatin Kemensos"\n${USAGE}`);
      parsed.admin = name;
      i += 1;
    } else if (arg.startsWith('--admin=')) {
      parsed.admin = arg.slice('--admin='.length);
    } else if (arg === '--another-admin') {
      parsed.another = true;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      fail(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    }
  }
  if (parsed.another && parsed.admin === undefined) fail(`--another-admin goes with --admin "<name>"\n${USAGE}`);
  return parsed;
}

/** TypeORM's schema reader trips pg 8's "already executing a query" deprecation on every run (main.ts says why): not the operator's concern. */
function quietKnownWarnings(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'DeprecationWarning' && warning.message.includes('client is already executing a query')) return;
    console.error(`aduan setup: warning: ${warning.name}: ${warning.message}`);
  });
}

async function main(): Promise<void> {
  quietKnownWarnings();
  const args = parseArguments(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) fail('DATABASE_URL is required: the PostgreSQL database to set up (postgres://user:password@host:5432/aduan)');
  if (!/^postgres(ql)?:\/\//.test(url)) fail('DATABASE_URL must start with postgres:// or postgresql://');

  // Loading the whole register is one long statement on a slow disk: not the API's 15 s limit.
  const dataSource = createDataSource(url, { poolSize: 2, statementTimeoutMs: 10 * 60_000, preparedStatements: false });
  try {
    await dataSource.initialize();
  } catch (error) {
    fail(`cannot connect to ${redactUrl(url)}: ${(error as Error).message}`);
  }
  try {
    console.log(`Aduan ${aduanVersion()} setup of ${redactUrl(url)}`);
    const summary = await runSetup(dataSource, { admin: args.admin !== undefined ? { name: args.admin, another: args.another } : undefined });
    print(summary);
  } finally {
    await dataSource.destroy();
  }
}

const n = (value: number) => value.toLocaleString('en-US');

function print(s: SetupSummary): void {
  const line = (label: string, text: string) => console.log(`  ${label.padEnd(20)}${text}`);
  line('migrations', s.migrationsApplied.length ? `${s.migrationsApplied.length} applied (${s.migrationsApplied.join(', ')})` : 'up to date');
  const r = s.regions;
  line('regions', `${r.release}: ${n(r.inserted)} added, ${n(r.updated)} renamed or current again, ${n(r.retired)} retired (kept, no longer current)`);
  line('', `current: ${n(r.current.provinces)} provinces, ${n(r.current.districts)} regencies and cities, ${n(r.current.subdistricts)} kecamatan, ${n(r.current.villages)} villages`);
  line('programmes', `${s.reference.programs} added, ${s.reference.program_stages} stages, ${s.reference.program_benefit_amounts} benefit amounts`);
  line('channels', `${s.reference.channels} added, ${s.reference.channel_operators} operators set`);
  line('SLA policies', `${s.reference.sla_policies} added`);
  line('days off', `${s.daysOff} added (public holidays and cuti bersama; npm run days-off records the next SKB)`);
  const a = s.administrator;
  if (a) {
    line('ministry', `${a.ministry.name}${a.ministry.created ? ' (created)' : ' (exists)'}`);
    if (a.created) {
      line('administrator', `created: ${a.created.name}`);
      console.log('');
      console.log(`  client_id      ${a.created.clientId}`);
      console.log(`  client_secret  ${a.created.secret}`);
      console.log('');
      console.log('  The secret is shown this once and stored nowhere but as a hash: hand it over now.');
      console.log('  Get a token: POST /oauth/token with grant_type=client_credentials, client_id and client_secret (docs/operations.md).');
    } else {
      const names = a.existing.map((c) => `${c.clientId} (${c.name})`).join(', ');
      line('administrator', `none created: ${names} already ${a.existing.length === 1 ? 'administers' : 'administer'}; add --another-admin to create another`);
    }
  } else if (s.administrators === 0) {
    line('administrator', 'none yet: nobody can administer Aduan; run npm run setup -- --admin "<name>"');
  } else {
    line('administrator', `${s.administrators} enabled`);
  }
  console.log(`Set up in ${(s.elapsedMs / 1000).toFixed(1)} s.`);
}

function fail(message: string): never {
  console.error(`aduan setup: ${message}`);
  process.exit(2);
}

main().catch((error: unknown) => {
  const e = error as Error;
  const known = error instanceof SetupError || error instanceof StartupError;
  console.error(`aduan setup: ${known ? e.message : `failed: ${e?.message ?? String(error)} (what it loaded was rolled back; migrations it applied stay)`}`);
  process.exit(1);
});
