import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { RegionLevel } from '../common/enums';
import { snakeCase } from '../database/naming-strategy';
import { seedDaysOff } from '../escalation/days-off/seed-days-off';
import { hashSecret } from '../organisations/secret-hash';
import { buildDemoPopulation } from './population';
import { PROGRAM_BENEFITS, programStages } from './programme-schedule.data';
import { seedRecipientRegister } from './recipient-register';
import { API_CLIENTS, CHANNELS, demoSecret, ORGANISATIONS, OrganisationKey, PROGRAMS, SLA_POLICIES } from './reference.data';
import { DISTRICTS, PROVINCES, SUBDISTRICTS, VILLAGES } from './regions.data';

export interface SeedResult {
  seeded: boolean;
  /** Rows inserted, by table. */
  counts: Record<string, number>;
}

/** Serialises concurrent seeders (two servers starting on one empty database). */
const SEED_LOCK_KEY = 0x4164_7561; // "Adua"

/**
 * Seeds the demo data (reference data, demo organisations and clients, the
 * synthetic population) in one transaction, when the database holds no
 * organisation yet; otherwise does nothing, so a restart reuses what is there.
 * Each table is one multi-row INSERT … SELECT FROM unnest(…).
 */
export async function seedDemo(dataSource: DataSource, options: { now?: Date } = {}): Promise<SeedResult> {
  if (await hasOrganisations(dataSource.manager)) return { seeded: false, counts: {} };

  const organisationIds = Object.fromEntries(ORGANISATIONS.map((o) => [o.key, randomUUID()])) as Record<OrganisationKey, string>;
  const clientIds = Object.fromEntries(API_CLIENTS.map((c) => [c.clientId, randomUUID()]));
  // scrypt runs on libuv's thread pool: hashing the secrets together takes the time of a few.
  const secretHashes = await Promise.all(API_CLIENTS.map((c) => hashSecret(demoSecret(c.clientId))));
  // One moment for everything dated: complaint times, the months paid and the stage calendars all count from it.
  const now = options.now ?? new Date();
  const population = buildDemoPopulation({ organisationIds, clientIds, now });

  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    if (await hasOrganisations(manager)) return { seeded: false, counts: {} };

    const timeZoneOf = new Map(PROVINCES.map((p) => [p.code, p.timeZone]));
    const region = (code: string, name: string, level: RegionLevel, kind: string | null, parentCode: string | null) =>
      ({ code, name, level, kind, parentCode, timeZone: timeZoneOf.get(code.slice(0, 2))! });
    const parentOf = (code: string) => code.slice(0, code.lastIndexOf('.'));
    const insert = new Inserter(manager);

    await insert.rows('regions', REGION_TYPES, [
      ...PROVINCES.map((p) => region(p.code, p.name, RegionLevel.PROVINCE, null, null)),
      ...DISTRICTS.map((d) => region(d.code, d.name, RegionLevel.DISTRICT, d.kind, parentOf(d.code))),
      ...SUBDISTRICTS.map((s) => region(s.code, s.name, RegionLevel.SUBDISTRICT, null, parentOf(s.code))),
      ...VILLAGES.map((v) => region(v.code, v.name, RegionLevel.VILLAGE, v.kind, parentOf(v.code))),
    ]);
    await insert.rows('programs', PROGRAM_TYPES, PROGRAMS);
    await insert.rows('program_stages', PROGRAM_STAGE_TYPES, programStages(now));
    await insert.rows('program_benefit_amounts', PROGRAM_BENEFIT_TYPES, PROGRAM_BENEFITS);
    await insert.rows('organisations', ORGANISATION_TYPES, ORGANISATIONS.map(({ key, ...o }) => ({ id: organisationIds[key], ...o })));
    await insert.rows('api_clients', API_CLIENT_TYPES, API_CLIENTS.map((c) => ({
      id: clientIds[c.clientId], clientId: c.clientId, organisationId: organisationIds[c.organisation], name: c.name,
      administrator: c.administrator ?? false,
    })));
    await insert.rows('api_client_secrets', SECRET_TYPES, API_CLIENTS.map((c, i) => ({
      apiClientId: clientIds[c.clientId], secretHash: secretHashes[i], hint: demoSecret(c.clientId).slice(0, 8),
    })));
    await insert.rows('channels', CHANNEL_TYPES, CHANNELS.map(({ operator, ...c }) => ({
      ...c, operatorOrganisationId: operator ? organisationIds[operator] : null,
    })));
    await insert.rows('sla_policies', SLA_POLICY_TYPES, SLA_POLICIES);
    await insert.rows('recipients', RECIPIENT_TYPES, population.recipients);
    await insert.rows('program_enrolments', ENROLMENT_TYPES, population.enrolments);
    await insert.rows('disbursements', DISBURSEMENT_TYPES, population.disbursements);
    // Duplicates and appeals reference complaints in the same statement; PostgreSQL checks
    // foreign keys at the end of the statement, so the order within it does not matter.
    await insert.rows('complaints', COMPLAINT_TYPES, population.complaints);
    await insert.rows('complaint_events', EVENT_TYPES, population.events);
    await insert.rows('escalations', ESCALATION_TYPES, population.escalations);
    await insert.rows('referrals', REFERRAL_TYPES, population.referrals);
    Object.assign(insert.counts, await seedRecipientRegister(manager, {
      recipients: population.recipients, ministryOrganisationId: organisationIds.kemensos,
      villageOrganisationId: organisationIds['kelurahan-3273011001'], villageClientId: clientIds['demo-village-3273011001'], now,
    }));
    // The working-day calendar the demo's SLA clocks count with: the same days off the setup writes.
    insert.counts.days_off = await seedDaysOff(manager, now);
    return { seeded: true, counts: insert.counts };
  });
}

async function hasOrganisations(manager: EntityManager): Promise<boolean> {
  const [{ exists }] = await manager.query('SELECT EXISTS (SELECT 1 FROM organisations) AS exists');
  return exists;
}

/** The PostgreSQL type of each property's column; property names become snake_case columns. */
type ColumnTypes<Row> = { [K in keyof Row & string]: string };

/** Multi-row inserts: one statement per table, one array parameter per column. */
class Inserter {
  readonly counts: Record<string, number> = {};

  constructor(private readonly manager: EntityManager) {}

  async rows<Row extends object>(table: string, types: ColumnTypes<Row>, rows: Row[]): Promise<void> {
    this.counts[table] = rows.length;
    if (rows.length === 0) return;
    const properties = Object.keys(types) as (keyof Row & string)[];
    const columns = properties.map((p) => `"${snakeCase(p)}"`).join(', ');
    const arrays = properties.map((p, i) => `$${i + 1}::${types[p]}[]`).join(', ');
    const parameters = properties.map((p) => rows.map((row) => toParameter(row[p])));
    await this.manager.query(`INSERT INTO "${table}" (${columns}) SELECT * FROM unnest(${arrays})`, parameters);
  }
}

function toParameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value ?? null;
}

const REGION_TYPES = { code: 'text', name: 'text', level: 'region_level', kind: 'text', parentCode: 'text', timeZone: 'time_zone' };

const PROGRAM_TYPES = {
  code: 'text', name: 'text', description: 'text', managingUnit: 'text', benefitForm: 'text', stagesPerYear: 'smallint', active: 'boolean',
};

const PROGRAM_STAGE_TYPES = { programCode: 'text', year: 'smallint', stage: 'smallint', firstPeriod: 'text', lastPeriod: 'text' };

const PROGRAM_BENEFIT_TYPES = {
  programCode: 'text', component: 'text', description: 'text', amountPerStage: 'bigint', unit: 'benefit_unit', validFrom: 'date', validTo: 'date',
};

const ORGANISATION_TYPES = {
  id: 'uuid', name: 'text', kind: 'organisation_kind', jurisdictionRegionCode: 'text', tier: 'tier', bankCode: 'text',
};

const API_CLIENT_TYPES = { id: 'uuid', clientId: 'text', organisationId: 'uuid', name: 'text', administrator: 'boolean' };

const SECRET_TYPES = { apiClientId: 'uuid', secretHash: 'text', hint: 'text' };

const CHANNEL_TYPES = {
  code: 'text', name: 'text', kind: 'channel_kind', description: 'text', operatorOrganisationId: 'uuid', contact: 'text', serviceHours: 'text',
};

const SLA_POLICY_TYPES = {
  stage: 'sla_stage', tier: 'tier', category: 'complaint_category', programCode: 'text', duration: 'integer', unit: 'duration_unit',
  autoEscalate: 'boolean', description: 'text',
};

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
