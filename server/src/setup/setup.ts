import { rebuildOfficeRecords } from '../office-records/office-record-refresh';
import { DataSource, EntityManager } from 'typeorm';
import { migrate } from '../database/migrate';
import { seedDaysOff } from '../escalation/days-off/seed-days-off';
import { AdministratorRequest, AdministratorResult, ensureFirstAdministrator, prepareSecret } from './first-administrator';
import { loadReferenceData, ReferenceCounts } from './load-reference-data';
import { loadRegions, RegionLoadResult } from './load-regions';
import { idnAreaData, RegionSource } from './region-source';
import { aduanVersion } from './version';

/**
 * Serialises whatever writes reference data into an empty or upgraded
 * database: two setups at once, a setup and a demo seed, two servers seeding
 * the demo on one empty database.
 */
export const REFERENCE_DATA_LOCK_KEY = 0x4164_7561; // "Adua"

export interface SetupOptions {
  /** The region register to load; the idn-area-data package by default (tests stand in a newer release). */
  regions?: RegionSource;
  /** `--admin "<name>"`: the ministry's organisation and its first administrator client. */
  admin?: AdministratorRequest;
  /** The moment of the run (stage calendars count from its year); now by default. */
  now?: Date;
}

export interface SetupSummary {
  migrationsApplied: string[];
  regions: RegionLoadResult;
  reference: ReferenceCounts;
  /** Days off (public holidays, cuti bersama) added. */
  daysOff: number;
  administrator: AdministratorResult | null;
  /** Enabled administrator clients after the run: none means nobody can get a token that administers yet. */
  administrators: number;
  elapsedMs: number;
  /** When this run applied the migration that made the offices' records: the complaints it derived them from. */
  officeRecords?: { complaints: number; changed: number };
}

/** The migration whose tables the setup fills from the complaints already there. */
const OFFICE_RECORDS_MIGRATION = 'OfficeRecords1796629000000';

/**
 * `npm run setup`: migrations, then the reference data, then (when asked) the
 * first administrator — everything after the migrations in one transaction,
 * so a failed run leaves the database as it was. Idempotent: a second run with
 * the same build and data changes nothing; after an upgrade it applies the new
 * migrations and adds the new reference data (docs/adr/0021-setup.md).
 */
export async function runSetup(dataSource: DataSource, options: SetupOptions = {}): Promise<SetupSummary> {
  const startedAt = new Date();
  const now = options.now ?? startedAt;
  const migrationsApplied = await migrate(dataSource);
  const secret = options.admin ? await prepareSecret() : null;
  const regionSource = options.regions ?? idnAreaData();

  const summary = await dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [REFERENCE_DATA_LOCK_KEY]);
    // The steps, in order. Each adds what is missing and leaves alone what is there.
    const regions = await loadRegions(manager, regionSource, now);
    // Before the channels: the ministry runs some of them, and becomes their operator.
    const administrator = options.admin ? await ensureFirstAdministrator(manager, options.admin, secret!) : null;
    const reference = await loadReferenceData(manager, now);
    // Public holidays and cuti bersama (docs/adr/0022-days-off.md): added where missing, never against an administrator.
    const daysOff = await seedDaysOff(manager, now);

    const [{ administrators }] = await manager.query(`SELECT count(*)::int AS administrators FROM api_clients WHERE administrator AND disabled_at IS NULL`);
    const summary: SetupSummary = { migrationsApplied, regions, reference, daysOff, administrator, administrators, elapsedMs: Date.now() - startedAt.getTime() };
    await recordSetupRun(manager, 'SETUP', regionSource.release, startedAt, {
      migrations: migrationsApplied, regions: { inserted: regions.inserted, updated: regions.updated, retired: regions.retired },
      reference, daysOff, administratorCreated: administrator?.created?.clientId ?? null, ministryCreated: administrator?.ministry.created ?? false,
    });
    return summary;
  });
  // The migration that made the offices' records leaves them empty: derived here from the complaints there are, in
  // batches of their own (docs/adr/0036-office-records.md). Every later change keeps them up to date itself.
  if (migrationsApplied.includes(OFFICE_RECORDS_MIGRATION)) summary.officeRecords = await rebuildOfficeRecords(dataSource);
  return summary;
}

/** Records a run of the setup (or of the demo seed, which loads the same reference data). */
export async function recordSetupRun(
  manager: EntityManager, kind: 'SETUP' | 'DEMO', regionRelease: string, startedAt: Date, changes: Record<string, unknown>,
): Promise<void> {
  await manager.query(
    `INSERT INTO setup_runs (kind, version, region_release, started_at, finished_at, changes) VALUES ($1, $2, $3, $4, clock_timestamp(), $5)`,
    [kind, aduanVersion(), regionRelease, startedAt.toISOString(), JSON.stringify(changes)],
  );
}

export interface SetupRunRecord {
  kind: string;
  version: string;
  regionRelease: string;
  finishedAt: Date;
}

/** The latest setup (or demo seed) run; null when the database was never set up, or has no setup_runs table yet. */
export async function lastSetupRun(dataSource: DataSource): Promise<SetupRunRecord | null> {
  const [{ exists }] = await dataSource.query(`SELECT to_regclass('setup_runs') IS NOT NULL AS exists`);
  if (!exists) return null;
  const [row] = await dataSource.query(
    `SELECT kind, version, region_release AS "regionRelease", finished_at AS "finishedAt" FROM setup_runs ORDER BY finished_at DESC LIMIT 1`,
  );
  return row ?? null;
}
