import { rebuildOfficeRecords } from '../office-records/office-record-refresh';
import { createHash, randomUUID } from 'node:crypto';
import { hashPin } from '../complaints/complainant-pin';
import { DataSource, EntityManager } from 'typeorm';
import { seedDaysOff } from '../escalation/days-off/seed-days-off';
import { hashSecret } from '../organisations/secret-hash';
import { loadReferenceData } from '../setup/load-reference-data';
import { loadRegions } from '../setup/load-regions';
import { idnAreaData, RegionSource } from '../setup/region-source';
import { recordSetupRun, REFERENCE_DATA_LOCK_KEY } from '../setup/setup';
import { ColumnTypes, insertRows } from '../setup/sql-rows';
import { buildDemoPopulation } from './population';
import { seedRecipientRegister } from './recipient-register';
import { API_CLIENTS, demoSecret, ORGANISATIONS, OrganisationKey } from './reference.data';
import { DEMO_VILLAGE_CODES, VillageData } from './regions.data';

export interface SeedResult {
  seeded: boolean;
  /** Rows inserted, by table. */
  counts: Record<string, number>;
}

/**
 * Seeds the demo data in one transaction, when the database holds no
 * organisation yet; otherwise does nothing, so a restart reuses what is there.
 * The reference data comes the way `npm run setup` loads it (the whole
 * country's regions from the same register, programmes, channels, SLA
 * policies: ../setup/), so the demo's codes carry their real names; then the
 * demo organisations and clients, and the synthetic population. The run is
 * recorded in setup_runs as DEMO. Each demo table is one multi-row INSERT …
 * SELECT FROM unnest(…).
 */
export async function seedDemo(dataSource: DataSource, options: { now?: Date; regions?: RegionSource } = {}): Promise<SeedResult> {
  if (await hasOrganisations(dataSource.manager)) return { seeded: false, counts: {} };

  const startedAt = new Date();
  const organisationIds = Object.fromEntries(ORGANISATIONS.map((o) => [o.key, randomUUID()])) as Record<OrganisationKey, string>;
  const clientIds = Object.fromEntries(API_CLIENTS.map((c) => [c.clientId, randomUUID()]));
  // scrypt runs on libuv's thread pool: hashing the secrets together takes the time of a few.
  const secretHashes = await Promise.all(API_CLIENTS.map((c) => hashSecret(demoSecret(c.clientId))));
  // One moment for everything dated: complaint times, the months paid and the stage calendars all count from it.
  const now = options.now ?? new Date();
  const regionSource = options.regions ?? idnAreaData();

  const result = await dataSource.transaction(async (manager): Promise<SeedResult> => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [REFERENCE_DATA_LOCK_KEY]);
    if (await hasOrganisations(manager)) return { seeded: false, counts: {} };

    const regions = await loadRegions(manager, regionSource, now);
    const villages = await demoVillages(manager);
    const population = buildDemoPopulation({ organisationIds, clientIds, now, villages });
    const counts: Record<string, number> = { regions: regions.inserted };
    const insert = async <Row extends object>(table: string, types: ColumnTypes<Row>, rows: Row[]) => {
      counts[table] = await insertRows(manager, table, types, rows);
    };

    await insert('organisations', ORGANISATION_TYPES, ORGANISATIONS.map(({ key, ...o }) => ({ id: organisationIds[key], ...o })));
    await insert('api_clients', API_CLIENT_TYPES, API_CLIENTS.map((c) => ({
      id: clientIds[c.clientId], clientId: c.clientId, organisationId: organisationIds[c.organisation], name: c.name,
      administrator: c.administrator ?? false,
    })));
    await insert('api_client_secrets', SECRET_TYPES, API_CLIENTS.map((c, i) => ({
      apiClientId: clientIds[c.clientId], secretHash: secretHashes[i], hint: demoSecret(c.clientId).slice(0, 8),
    })));
    // After the organisations: the ministry and the banks become the operators of their channels.
    const reference = await loadReferenceData(manager, now);
    Object.assign(counts, reference);
    await insert('recipients', RECIPIENT_TYPES, population.recipients);
    await insert('program_enrolments', ENROLMENT_TYPES, population.enrolments);
    await insert('disbursements', DISBURSEMENT_TYPES, population.disbursements);
    // Duplicates and appeals reference complaints in the same statement; PostgreSQL checks
    // foreign keys at the end of the statement, so the order within it does not matter.
    await insert('complaints', COMPLAINT_TYPES, population.complaints);
    // Every demo complaint answers to the one documented demo PIN (docs/adr/0026), so the examples and the portal can
    // answer, appeal and rate by code; salted per complaint from its id, so a re-seed writes the same hashes.
    await insert('complainant_pins', PIN_TYPES, population.complaints.map((c) => ({
      complaintId: c.id, pinHash: hashPin(DEMO_REPLY_PIN, createHash('sha256').update(c.id).digest().subarray(0, 16)),
    })));
    await insert('complaint_events', EVENT_TYPES, population.events);
    await insert('escalations', ESCALATION_TYPES, population.escalations);
    await insert('referrals', REFERRAL_TYPES, population.referrals);
    Object.assign(counts, await seedRecipientRegister(manager, {
      recipients: population.recipients, ministryOrganisationId: organisationIds.kemensos,
      villageOrganisationId: organisationIds['kelurahan-3273011001'], villageClientId: clientIds['demo-village-3273011001'], now,
    }));
    // The working-day calendar the demo's SLA clocks count with: the same days off the setup writes.
    counts.days_off = await seedDaysOff(manager, now);
    await recordSetupRun(manager, 'DEMO', regionSource.release, startedAt, { regions: { inserted: regions.inserted }, reference, daysOff: counts.days_off });
    return { seeded: true, counts };
  });
  // The offices' public records of the demo's complaints, derived as a rebuild derives them (docs/adr/0036-office-records.md):
  // after the commit, so that the working days count on the days off just seeded.
  if (result.seeded) result.counts.office_record_complaints = (await rebuildOfficeRecords(dataSource)).complaints;
  return result;
}

/** The demo's villages with their names from the register just loaded; a code the register lacks is a broken demo. */
async function demoVillages(manager: EntityManager): Promise<VillageData[]> {
  const rows: VillageData[] = await manager.query(
    `SELECT code, name, kind FROM regions WHERE code = ANY($1::text[]) AND level = 'VILLAGE' ORDER BY array_position($1::text[], code::text)`,
    [DEMO_VILLAGE_CODES],
  );
  if (rows.length !== DEMO_VILLAGE_CODES.length) {
    const missing = DEMO_VILLAGE_CODES.filter((code) => !rows.some((r) => r.code === code));
    throw new Error(`the region register lacks the demo villages ${missing.join(', ')} (demo/regions.data.ts)`);
  }
  return rows;
}

async function hasOrganisations(manager: EntityManager): Promise<boolean> {
  const [{ exists }] = await manager.query('SELECT EXISTS (SELECT 1 FROM organisations) AS exists');
  return exists;
}

/** The reply PIN of every demo complaint (real complaints draw their own at intake and show it once). */
export const DEMO_REPLY_PIN = '123456';

const PIN_TYPES = { complaintId: 'uuid', pinHash: 'text' };

const ORGANISATION_TYPES = {
  id: 'uuid', name: 'text', kind: 'organisation_kind', jurisdictionRegionCode: 'text', tier: 'tier', bankCode: 'text',
};

const API_CLIENT_TYPES = { id: 'uuid', clientId: 'text', organisationId: 'uuid', name: 'text', administrator: 'boolean' };

const SECRET_TYPES = { apiClientId: 'uuid', secretHash: 'text', hint: 'text' };

const RECIPIENT_TYPES = {
  id: 'uuid', nik: 'text', kkNumber: 'text', fullName: 'text', birthDate: 'date', sex: 'text', isFamilyHead: 'boolean',
  regionCode: 'text', address: 'text', dtksStatus: 'dtks_status',
};

const ENROLMENT_TYPES = {
  id: 'uuid', recipientId: 'uuid', programCode: 'text', status: 'enrolment_status', enrolledOn: 'date', endedOn: 'date', bankOrganisationId: 'uuid',
};

const DISBURSEMENT_TYPES = {
  id: 'uuid', enrolmentId: 'uuid', period: 'text', stage: 'smallint', amount: 'bigint', bankOrganisationId: 'uuid',
  status: 'disbursement_status', disbursedOn: 'date',
};

const COMPLAINT_TYPES = {
  id: 'uuid', trackingCode: 'text', status: 'complaint_status', category: 'complaint_category', programCode: 'text', channelCode: 'text',
  regionCode: 'text', currentTier: 'tier', description: 'text', occurredOn: 'date', complainantName: 'text', complainantPhone: 'text',
  complainantNik: 'text', anonymous: 'boolean', confidential: 'boolean', subjectNik: 'text', subjectRecipientId: 'uuid',
  submittedByClientId: 'uuid', submittedByOrganisationId: 'uuid', assignedOrganisationId: 'uuid', assignedOfficerName: 'text',
  dueAt: 'timestamptz', slaStartedAt: 'timestamptz', slaPausedAt: 'timestamptz', resolutionDecision: 'resolution_decision',
  resolvedAt: 'timestamptz', closedAt: 'timestamptz', resolutionRating: 'smallint', resolutionComment: 'text', ratedAt: 'timestamptz',
  duplicateOfId: 'uuid', appealOfId: 'uuid', locale: 'text', version: 'integer',
  createdAt: 'timestamptz', updatedAt: 'timestamptz',
};

const EVENT_TYPES = {
  id: 'uuid', complaintId: 'uuid', seq: 'integer', type: 'complaint_event_type', visibility: 'event_visibility',
  actorClientId: 'uuid', actorOrganisationId: 'uuid', fromStatus: 'complaint_status', toStatus: 'complaint_status',
  fromTier: 'tier', toTier: 'tier', message: 'text', data: 'jsonb', occurredAt: 'timestamptz',
};

const ESCALATION_TYPES = {
  id: 'uuid', complaintId: 'uuid', fromTier: 'tier', toTier: 'tier', reason: 'text', automatic: 'boolean', actorClientId: 'uuid', createdAt: 'timestamptz',
};

const REFERRAL_TYPES = {
  id: 'uuid', complaintId: 'uuid', toOrganisationId: 'uuid', fromOrganisationId: 'uuid', reason: 'text', status: 'referral_status',
  answer: 'text', answeredAt: 'timestamptz', dueAt: 'timestamptz', createdAt: 'timestamptz',
};
