import { randomBytes } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { ComplaintCategory, ResolutionDecision } from '../common/enums';
import { TRACKING_ALPHABET } from '../complaints/tracking-code';
import { DEMO_VILLAGE_CODES } from './regions.data';
import {
  ALLEYS, AUTOMATIC_ESCALATION_REASON, BYPASS_VILLAGE, CATEGORY_PROGRAMS, DECISION_RESPONSE, INFORMATION_REQUEST_MESSAGE, demoPeriods,
  MANUAL_ESCALATION_REASONS, MONTHS_ID, NAMES, OFFICERS, PROGRAM_LABEL, REJECTION_REASONS, SCALE_SERIAL_BASE, STORIES,
  UPHELD_RESPONSE,
} from './population';

/**
 * Volume data for performance work: N synthetic recipients in families, their
 * enrolments and one disbursement per family head, and M complaints with their
 * timelines, on top of the demo reference data. Rows are generated inside
 * PostgreSQL (INSERT … SELECT … FROM generate_series), in batches that each
 * commit, so a million recipients take seconds rather than round trips.
 *
 * Attributes come from hashes of the sequence number (hashint8extended), not
 * from a PRNG. Runs add to what is there: family numbers continue after the
 * highest present, complaint numbers after the count of complaints. Complaints
 * are numbered forward in time over the last 90 days, and row ids rise with
 * the numbers, so each batch appends to the time-ordered indexes instead of
 * touching pages all over them: that, more than anything, keeps it fast.
 *
 * NIKs and KK numbers are structurally valid and unique by construction: the
 * family number f is encoded bijectively into (birth date, serial), with serials
 * from SCALE_SERIAL_BASE (5000) up, which demo data never uses. Heads are men
 * born 1955–1979 (women in one family in ten, who then have no spouse), spouses
 * women born in the same years under a shifted key, children born 2000–2024.
 * This holds up to about 11 million families (34 million recipients).
 *
 * Tracking codes of scale complaints are NOT random: they are a fixed bijective
 * mix of the complaint number modulo 32^8, spelled in the tracking alphabet, so
 * they stay unique without a lookup per row. Only demo and API codes are random.
 */

export interface ScaleOptions {
  recipients: number;
  complaints: number;
  /** Rows per statement; each statement is its own transaction. */
  batchSize?: number;
  /** Statements run at once, each on its own connection: about one per CPU core of the database server. */
  jobs?: number;
  onProgress?: (line: string) => void;
}

export interface ScaleResult {
  recipients: number;
  enrolments: number;
  disbursements: number;
  complaints: number;
  events: number;
  escalations: number;
}

const DEFAULT_BATCH = 100_000;
const DEFAULT_JOBS = 2;

/** Birth dates and KK issue dates are `from + (key mod days)`; the ranges never overlap, so adults and children cannot collide. */
const ADULT_BIRTHS = { from: '1955-01-01', days: daysBetween('1955-01-01', '1980-01-01') };
const CHILD_BIRTHS = { from: '2000-01-01', days: daysBetween('2000-01-01', '2025-01-01') };
const KK_ISSUES = { from: '2005-01-01', days: daysBetween('2005-01-01', '2025-01-01') };
/** Spouses' keys are shifted by a multiple of ten, so a spouse never meets a woman head (f mod 10 = 9) on the same key. */
const SPOUSE_KEY_SHIFT = 7910;
/** Children's keys are 4f + r; their serial must stay ≤ 9999. */
const MAX_FAMILIES = Math.floor(((9999 - SCALE_SERIAL_BASE + 1) * CHILD_BIRTHS.days - 4) / 4);

/** Family sizes cycle 2, 3, 4 (three on average): the number of the first member of family f. */
function familyStart(f: number): number {
  return 9 * Math.floor(f / 3) + [0, 2, 5][f % 3];
}

/** Odd multipliers and an xorshift: each step is a bijection on 40 bits. Multipliers < 2^23 keep bigint products < 2^63. */
const MIX = { a1: 0x5deecd, c1: 0x2545f4914f, a2: 0x3c6ef3 };

export async function seedScale(dataSource: DataSource, options: ScaleOptions): Promise<ScaleResult> {
  const batch = options.batchSize ?? DEFAULT_BATCH;
  const progress = options.onProgress ?? (() => undefined);
  const runners: QueryRunner[] = [];
  try {
    let checksDeferred = true;
    for (let i = 0; i < (options.jobs ?? DEFAULT_JOBS); i += 1) {
      const runner = dataSource.createQueryRunner();
      runners.push(runner);
      await runner.connect();
      checksDeferred = (await tuneSession(runner)) && checksDeferred;
      await defineFunctions(runner);
    }
    const [main] = runners;
    // Row ids are this prefix and a sequence number (see seq_uuid): unique across runs, and appended in index order.
    const idPrefix = randomBytes(4).toString('hex');
    const reference = await loadReference(main);
    const result: ScaleResult = { recipients: 0, enrolments: 0, disbursements: 0, complaints: 0, events: 0, escalations: 0 };

    // Continue after the highest family number already present (decoded from its head's NIK: serial and birth date).
    const [{ next }] = await main.query(
      `SELECT coalesce(max((substr(nik, 13, 4)::int - ${SCALE_SERIAL_BASE}) * ${ADULT_BIRTHS.days} + (birth_date - date '${ADULT_BIRTHS.from}')) + 1, 0)::bigint AS next
       FROM recipients WHERE is_family_head AND substr(nik, 13, 4) >= '${SCALE_SERIAL_BASE}'`);
    const firstFamily = Number(next);
    let endFamily = firstFamily;
    while (familyStart(endFamily) - familyStart(firstFamily) < options.recipients) endFamily += 1;
    if (endFamily > MAX_FAMILIES) throw new Error(`seed-scale: at most ${MAX_FAMILIES} scale families fit the NIK encoding`);

    let started = Date.now();
    await inParallel(runners, ranges(firstFamily, endFamily, Math.ceil(batch / 3), runners.length), async (runner, [from, to]) => {
      const counts = await insertFamilies(runner, reference, from, to, { start: familyStart(firstFamily), limit: options.recipients, idPrefix });
      result.recipients += counts.recipients;
      result.enrolments += counts.enrolments;
      result.disbursements += counts.disbursements;
      progress(`recipients ${result.recipients}/${options.recipients}  (${seconds(started)} s)`);
    });

    const [{ complaints }] = await main.query('SELECT count(*)::bigint AS complaints FROM complaints');
    const firstComplaint = Number(complaints);
    started = Date.now();
    await inParallel(runners, ranges(firstComplaint, firstComplaint + options.complaints, batch, runners.length), async (runner, [from, to]) => {
      const counts = await insertComplaints(runner, reference, from, to, { start: firstComplaint, count: options.complaints, families: endFamily, idPrefix });
      result.complaints += counts.complaints;
      result.events += counts.events;
      result.escalations += counts.escalations;
      progress(`complaints ${result.complaints}/${options.complaints}  (${seconds(started)} s)`);
    });

    if (checksDeferred) {
      progress('checking the foreign keys of the new rows');
      await verifyForeignKeys(runners, idPrefix);
    }
    // Fresh statistics, so that the API's first queries on the new volume get good plans.
    await main.query('ANALYZE recipients, program_enrolments, disbursements, complaints, complaint_events, escalations');
    return result;
  } finally {
    // The connections go back to the pool: leave no setting or helper behind.
    await Promise.all(runners.map(async (runner) => {
      await runner.query('RESET ALL; DISCARD TEMP').catch(() => undefined);
      await runner.release();
    }));
  }
}

/**
 * Session settings for a bulk load: losing the last batches in a crash is fine
 * for generated data, so commits need not wait for the WAL flush; and a batch's
 * intermediate results stay in memory instead of spilling to temporary files.
 *
 * Where the role may (superuser), the per-row foreign-key triggers are switched
 * off for the session, as pg_restore --disable-triggers does: they are a third
 * of the work, and verifyForeignKeys then checks every reference of the new
 * rows in one pass per key. CHECK, NOT NULL and unique constraints always apply.
 * Returns whether the checks were deferred that way.
 */
async function tuneSession(runner: QueryRunner): Promise<boolean> {
  await runner.query('SET synchronous_commit = off');
  await runner.query(`SET work_mem = '256MB'`);
  return runner.query('SET session_replication_role = replica').then(() => true, () => false);
}

/** The tables seedScale writes; their single-column foreign keys are what verifyForeignKeys checks. */
const SCALE_TABLES = ['recipients', 'program_enrolments', 'disbursements', 'complaints', 'complaint_events', 'escalations'];

/**
 * Every foreign key of the rows this run inserted (their ids carry its prefix)
 * must point at a row: one anti-join per key, read from the catalogue so that a
 * key added to the schema later is checked too. Throws, naming the key, when one
 * does not (the batches are committed: the rows stay for inspection).
 */
async function verifyForeignKeys(runners: QueryRunner[], idPrefix: string): Promise<void> {
  const keys: { table: string; column: string; referenced: string; referencedColumn: string }[] = await runners[0].query(
    `SELECT c.conrelid::regclass::text AS "table", a.attname AS "column", c.confrelid::regclass::text AS referenced, ra.attname AS "referencedColumn"
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.conrelid::regclass::text = ANY($1)`, [SCALE_TABLES]);
  const range = [`${idPrefix}${'0'.repeat(24)}`, `${idPrefix}${'f'.repeat(24)}`];
  const broken: string[] = [];
  await inParallel(runners, keys, async (runner, { table, column, referenced, referencedColumn }) => {
    const [{ missing }] = await runner.query(
      `SELECT count(*)::int AS missing FROM "${table}" t
        WHERE t.id BETWEEN $1::uuid AND $2::uuid AND t."${column}" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "${referenced}" r WHERE r."${referencedColumn}" = t."${column}")`, range);
    if (missing > 0) broken.push(`${table}.${column} → ${referenced} (${missing} rows)`);
  });
  if (broken.length > 0) throw new Error(`seed-scale: new rows reference rows that do not exist: ${broken.join('; ')}`);
}

/**
 * [from, to] ranges of at most `size` numbers covering from … end - 1, as many
 * as a multiple of `jobs` and of equal length, so that no connection is left
 * running a last batch alone while the others idle.
 */
function ranges(from: number, end: number, size: number, jobs: number): [number, number][] {
  const count = Math.ceil(Math.ceil((end - from) / size) / jobs) * jobs;
  const length = Math.ceil((end - from) / count);
  const result: [number, number][] = [];
  for (let start = from; start < end; start += length) result.push([start, Math.min(start + length, end) - 1]);
  return result;
}

/**
 * Runs the task for each item on the connections, each taking the next item
 * when it is free. After a failure no new item starts; the first error is thrown
 * once the running ones have finished (so no connection is released mid-statement).
 */
async function inParallel<T>(runners: QueryRunner[], items: T[], task: (runner: QueryRunner, item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  await Promise.all(runners.map(async (runner) => {
    while (failure === undefined && next < items.length) {
      const item = items[next++];
      await task(runner, item).catch((error: unknown) => { failure ??= error; });
    }
  }));
  if (failure !== undefined) throw failure;
}

interface Reference {
  villages: string[];
  desa: boolean[];
  /** BRI, BNI. */
  banks: string[];
  channels: string[];
  /** Submitters by role: portal-3273, ngo-lks, ngo-csr, bank-bri, bank-bni; null where the demo client is missing. */
  submitterOrganisations: (string | null)[];
  submitterClients: (string | null)[];
  programs: Set<string>;
  /**
   * The month of the families' one payment, `YYYY-MM`: the demo's latest (the
   * month before the database's today in WIB), as complaint times count back
   * from the database's now().
   */
  period: string;
}

async function loadReference(runner: QueryRunner): Promise<Reference> {
  // The demo's villages, not the whole country the register holds: where the demo's offices are.
  const villages: { code: string; desa: boolean }[] = await runner.query(
    `SELECT code, kind = 'DESA' AS desa FROM regions WHERE level = 'VILLAGE' AND code = ANY($1::text[]) ORDER BY code`, [DEMO_VILLAGE_CODES]);
  const banks: { bank_code: string; id: string }[] = await runner.query(
    `SELECT bank_code, id FROM organisations WHERE bank_code IN ('BRI', 'BNI') ORDER BY bank_code DESC`);
  const programs = new Set<string>((await runner.query('SELECT code FROM programs')).map((p: { code: string }) => p.code));
  const channels = new Set<string>((await runner.query('SELECT code FROM channels WHERE active')).map((c: { code: string }) => c.code));
  const missing = ['PKH', 'BPNT', 'BLT_DD', 'PBI_JK'].filter((code) => !programs.has(code));
  if (villages.length === 0 || banks.length < 2 || missing.length > 0 || channels.size === 0) {
    throw new Error('seed-scale: the database lacks the demo reference data (villages, programmes PKH/BPNT/BLT_DD/PBI_JK, banks BRI and BNI, channels)');
  }
  const [{ now }]: { now: Date }[] = await runner.query('SELECT now() AS now');
  const submitterClientIds = ['demo-portal-3273', 'demo-ngo-lks', 'demo-ngo-csr', 'demo-bank-bri', 'demo-bank-bni'];
  const clients: { client_id: string; id: string; organisation_id: string }[] = await runner.query(
    `SELECT client_id, id, organisation_id FROM api_clients WHERE client_id = ANY($1)`, [submitterClientIds]);
  const byClientId = new Map(clients.map((c) => [c.client_id, c]));
  // Person-to-person channels, weighted as in the demo; WEB_PORTAL and BANK_REPORT get their submitters below.
  const weighted = ['WHATSAPP', 'WHATSAPP', 'CALL_CENTER', 'CALL_CENTER', 'WEB_PORTAL', 'WEB_PORTAL', 'PUSKESOS', 'WALK_IN', 'SLRT', 'MOBILE_APP', 'SMS', 'EMAIL', 'SOCIAL_MEDIA'];
  return {
    villages: villages.map((v) => v.code),
    desa: villages.map((v) => v.desa),
    banks: banks.map((b) => b.id),
    channels: weighted.filter((code) => channels.has(code)),
    submitterOrganisations: submitterClientIds.map((id) => byClientId.get(id)?.organisation_id ?? null),
    submitterClients: submitterClientIds.map((id) => byClientId.get(id)?.id ?? null),
    programs,
    period: demoPeriods(now)[2],
  };
}

/**
 * Session-local helpers (pg_temp), so that each encoding is written once and
 * the statements below stay readable. One-line SQL functions are inlined by the
 * planner; the longer ones are plpgsql, evaluated once per call.
 */
async function defineFunctions(runner: QueryRunner): Promise<void> {
  await runner.query(`CREATE OR REPLACE FUNCTION pg_temp.h(n bigint, seed int) RETURNS bigint LANGUAGE sql IMMUTABLE
    AS $$ SELECT hashint8extended(n, seed) & 2147483647 $$`);
  // Sequential ids: an 8-hex prefix per run, then n in 22 hex digits around the RFC 9562 version (8, custom) and variant
  // nibbles. Ordered by n, so new rows append to the primary-key index instead of landing on random pages.
  await runner.query(`CREATE OR REPLACE FUNCTION pg_temp.seq_uuid(prefix text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE
    AS $$ SELECT (prefix || substr(lpad(to_hex(n), 22, '0'), 1, 4) || '8' || substr(lpad(to_hex(n), 22, '0'), 5, 3)
                  || '8' || substr(lpad(to_hex(n), 22, '0'), 8, 15))::uuid $$`);
  await runner.query(`CREATE OR REPLACE FUNCTION pg_temp.scale_tracking_code(n bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      x bigint := (n * ${MIX.a1} + ${MIX.c1}) & 1099511627775;
      code text := '';
    BEGIN
      x := ((x # (x >> 20)) * ${MIX.a2}) & 1099511627775;
      FOR i IN REVERSE 7..0 LOOP
        code := code || substr('${TRACKING_ALPHABET}', ((x >> (5 * i)) & 31)::int + 1, 1);
      END LOOP;
      RETURN 'ADU-' || left(code, 4) || '-' || right(code, 4);
    END $$`);
  await runner.query(`CREATE OR REPLACE FUNCTION pg_temp.scale_nik(village text, birth date, female boolean, serial bigint) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN
      RETURN replace(left(village, 8), '.', '')
        || lpad((extract(day FROM birth)::int + CASE WHEN female THEN 40 ELSE 0 END)::text, 2, '0')
        || to_char(birth, 'MMYY') || lpad(serial::text, 4, '0');
    END $$`);
  await runner.query(`CREATE OR REPLACE FUNCTION pg_temp.adult_birth(key bigint) RETURNS date LANGUAGE sql IMMUTABLE
    AS $$ SELECT date '${ADULT_BIRTHS.from}' + (key % ${ADULT_BIRTHS.days})::int $$`);
  await runner.query(`CREATE OR REPLACE FUNCTION pg_temp.adult_serial(key bigint) RETURNS bigint LANGUAGE sql IMMUTABLE
    AS $$ SELECT ${SCALE_SERIAL_BASE} + key / ${ADULT_BIRTHS.days} $$`);
  await runner.query(`CREATE OR REPLACE FUNCTION pg_temp.head_nik(f bigint, villages text[]) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT pg_temp.scale_nik(villages[1 + (f % cardinality(villages))::int], pg_temp.adult_birth(f), f % 10 = 9, pg_temp.adult_serial(f)) $$`);
}

/** Builds `$n::type` placeholders in the order values are added. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** Families from..to (inclusive), cut off when the run has made `limit` recipients. */
async function insertFamilies(runner: QueryRunner, ref: Reference, from: number, to: number, run: { start: number; limit: number; idPrefix: string }) {
  const p = new Params();
  const prefix = p.add(run.idPrefix, 'text');
  const villages = p.add(ref.villages, 'text[]');
  const desa = p.add(ref.desa, 'boolean[]');
  const banks = p.add(ref.banks, 'uuid[]');
  const males = p.add(Object.values(NAMES).flatMap((n) => n.male), 'text[]');
  const females = p.add(Object.values(NAMES).flatMap((n) => n.female), 'text[]');
  const maleSeconds = p.add(Object.values(NAMES).flatMap((n) => n.maleSecond), 'text[]');
  const femaleSeconds = p.add(Object.values(NAMES).flatMap((n) => (n.familyNames ? n.maleSecond : n.femaleSecond)), 'text[]');
  const alleys = p.add(ALLEYS, 'text[]');
  const { period } = ref;
  const sql = `
    WITH person AS MATERIALIZED (
      SELECT f, r, pg_temp.seq_uuid(${prefix}, 4 * f + r) AS id, v.village, v.desa, ro.role, k.sex, k.key, b.birth,
             pg_temp.scale_nik(v.village, b.birth, k.sex = 'F', b.serial) AS nik
      FROM generate_series(${p.add(from, 'bigint')}, ${p.add(to, 'bigint')}) AS f
      CROSS JOIN LATERAL (SELECT (${villages})[1 + (f % cardinality(${villages}))::int] AS village,
                                 (${desa})[1 + (f % cardinality(${villages}))::int] AS desa) v
      CROSS JOIN LATERAL generate_series(0, 1 + (f % 3)::int) AS r
      CROSS JOIN LATERAL (SELECT CASE WHEN r = 0 THEN 'HEAD' WHEN r = 1 AND f % 10 <> 9 THEN 'SPOUSE' ELSE 'CHILD' END AS role) ro
      CROSS JOIN LATERAL (SELECT
          CASE ro.role WHEN 'HEAD' THEN CASE WHEN f % 10 = 9 THEN 'F' ELSE 'M' END
                       WHEN 'SPOUSE' THEN 'F'
                       ELSE CASE WHEN (f + r) % 2 = 0 THEN 'M' ELSE 'F' END END AS sex,
          CASE ro.role WHEN 'HEAD' THEN f WHEN 'SPOUSE' THEN f + ${SPOUSE_KEY_SHIFT} ELSE 4 * f + r END AS key) k
      CROSS JOIN LATERAL (SELECT
          CASE WHEN ro.role = 'CHILD' THEN date '${CHILD_BIRTHS.from}' + (k.key % ${CHILD_BIRTHS.days})::int ELSE pg_temp.adult_birth(k.key) END AS birth,
          CASE WHEN ro.role = 'CHILD' THEN ${SCALE_SERIAL_BASE} + k.key / ${CHILD_BIRTHS.days} ELSE pg_temp.adult_serial(k.key) END AS serial) b
      WHERE 9 * (f / 3) + (ARRAY[0, 2, 5])[1 + (f % 3)::int] + r - ${p.add(run.start, 'bigint')} < ${p.add(run.limit, 'bigint')}
    ),
    new_recipients AS (
      INSERT INTO recipients (id, nik, kk_number, full_name, birth_date, sex, is_family_head, region_code, address, dtks_status)
      SELECT id, nik,
             replace(left(village, 8), '.', '') || to_char(date '${KK_ISSUES.from}' + (f % ${KK_ISSUES.days})::int, 'DDMMYY')
               || lpad((${SCALE_SERIAL_BASE} + f / ${KK_ISSUES.days})::text, 4, '0'),
             CASE WHEN sex = 'M'
               THEN (${males})[1 + (pg_temp.h(key, 1) % cardinality(${males}))::int] || ' ' || (${maleSeconds})[1 + (pg_temp.h(key, 2) % cardinality(${maleSeconds}))::int]
               ELSE (${females})[1 + (pg_temp.h(key, 1) % cardinality(${females}))::int] || ' ' || (${femaleSeconds})[1 + (pg_temp.h(key, 2) % cardinality(${femaleSeconds}))::int]
             END,
             birth, sex, role = 'HEAD', village,
             'Gg. ' || (${alleys})[1 + (pg_temp.h(f, 3) % cardinality(${alleys}))::int] || ' No. ' || (1 + pg_temp.h(f, 4) % 120)
               || ', RT ' || lpad((1 + pg_temp.h(f, 5) % 12)::text, 2, '0') || '/RW ' || lpad((1 + pg_temp.h(f, 6) % 9)::text, 2, '0'),
             'REGISTERED'
      FROM person
      -- NIK order: the NIK, KK and region indexes (all led by the region code) then fill page by page.
      ORDER BY nik
      RETURNING 1
    ),
    enrolment AS MATERIALIZED (
      SELECT pg_temp.seq_uuid(${prefix}, 2 * person.f + CASE WHEN programme.main THEN 0 ELSE 1 END) AS id, person.id AS recipient_id, programme.code AS program_code, programme.main, person.f,
             CASE WHEN programme.code IN ('PKH', 'BPNT') THEN (${banks})[1 + (pg_temp.h(person.f, 8) % 2)::int] END AS bank
      FROM person
      CROSS JOIN LATERAL (SELECT CASE WHEN person.desa AND pg_temp.h(person.f, 7) % 2 = 0 THEN 'BLT_DD'
                                      WHEN pg_temp.h(person.f, 7) % 5 < 2 THEN 'PKH' ELSE 'BPNT' END AS code) main
      CROSS JOIN LATERAL (VALUES (main.code, true), ('PBI_JK', false)) AS programme(code, main)
      WHERE person.role = 'HEAD' AND (programme.main OR pg_temp.h(person.f, 9) % 10 < 7)
    ),
    new_enrolments AS (
      INSERT INTO program_enrolments (id, recipient_id, program_code, status, enrolled_on, bank_organisation_id)
      SELECT id, recipient_id, program_code, 'ACTIVE', date '2018-01-01' + (pg_temp.h(f, 10) % 2500)::int, bank FROM enrolment
      RETURNING 1
    ),
    new_disbursements AS (
      -- One payment per head: the main programme's, in the demo's latest month (PKH's stage, tahap, is the quarter).
      INSERT INTO disbursements (id, enrolment_id, period, stage, amount, bank_organisation_id, status, disbursed_on)
      SELECT pg_temp.seq_uuid(${prefix}, f), id, '${period}', CASE program_code WHEN 'PKH' THEN ${Math.ceil(Number(period.slice(5, 7)) / 3)} ELSE ${Number(period.slice(5, 7))} END,
             CASE program_code WHEN 'PKH' THEN (ARRAY[225000, 375000, 500000, 600000, 750000, 975000, 1125000])[1 + (pg_temp.h(f, 11) % 7)::int]
                               WHEN 'BPNT' THEN 200000 ELSE 300000 END,
             bank,
             CASE WHEN bank IS NOT NULL AND pg_temp.h(f, 12) % 100 < 5 THEN 'FAILED' ELSE 'DISBURSED' END::disbursement_status,
             CASE WHEN bank IS NOT NULL AND pg_temp.h(f, 12) % 100 < 5 THEN NULL
                  ELSE date '${period}-05' + (pg_temp.h(f, 13) % 20)::int END
      FROM enrolment WHERE main
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM new_recipients)::int AS recipients,
           (SELECT count(*) FROM new_enrolments)::int AS enrolments,
           (SELECT count(*) FROM new_disbursements)::int AS disbursements`;
  const [counts] = await runner.query(sql, p.values);
  return counts as { recipients: number; enrolments: number; disbursements: number };
}

/**
 * Complaints from..to (complaint numbers), each with a coherent timeline:
 * SUBMITTED, then the events its status implies. A complaint above the district
 * tier was escalated there from the district; a duplicate points at the
 * complaint numbered just before it. Complaints about a family name one of the
 * `families` scale families (found by the NIK its number encodes).
 */
async function insertComplaints(
  runner: QueryRunner, ref: Reference, from: number, to: number,
  run: { start: number; count: number; families: number; idPrefix: string },
) {
  const { start: runStart, count: runCount, families, idPrefix } = run;
  const p = new Params();
  const categories = Object.values(ComplaintCategory);
  const villages = p.add(ref.villages, 'text[]');
  const first = p.add(from, 'bigint');
  const prefix = p.add(idPrefix, 'text');
  const categoryList = p.add(categories, 'text[]');
  // Five programme slots and three story slots per category, cycling where a category has fewer.
  const programSlots = p.add(categories.flatMap((c) => cycle(CATEGORY_PROGRAMS[c].filter((code) => ref.programs.has(code)), 5)), 'text[]');
  const storySlots = p.add(categories.flatMap((c) => cycle(STORIES[c].filter((s) => !s.programs).map((s) => s.text), 3)), 'text[]');
  const upheld = p.add(categories.map((c) => UPHELD_RESPONSE[c]), 'text[]');
  const decisions = Object.values(ResolutionDecision);
  const decisionList = p.add(decisions, 'text[]');
  const decisionResponses = p.add(decisions.map((d) => (d === ResolutionDecision.UPHELD ? null : DECISION_RESPONSE[d])), 'text[]');
  const programCodes = Object.keys(PROGRAM_LABEL);
  const programCodeList = p.add(programCodes, 'text[]');
  const programLabels = p.add(programCodes.map((code) => PROGRAM_LABEL[code]), 'text[]');
  const channels = p.add(ref.channels, 'text[]');
  const subOrgs = p.add(ref.submitterOrganisations, 'uuid[]');
  const subClients = p.add(ref.submitterClients, 'uuid[]');
  const males = p.add(Object.values(NAMES).flatMap((n) => n.male), 'text[]');
  const females = p.add(Object.values(NAMES).flatMap((n) => n.female), 'text[]');
  const seconds = p.add(Object.values(NAMES).flatMap((n) => n.maleSecond.concat(n.femaleSecond)), 'text[]');
  const officers = p.add(Object.values(OFFICERS).flat(), 'text[]');
  const rejections = p.add(REJECTION_REASONS, 'text[]');
  const escalationReasons = p.add(MANUAL_ESCALATION_REASONS, 'text[]');
  const { period } = ref;
  const month = `${MONTHS_ID[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
  const bypassVillage = [...BYPASS_VILLAGE].map((c) => categories.indexOf(c)).join(', ');
  const pick = (array: string, hash: string) => `(${array})[1 + (${hash} % cardinality(${array}))::int]`;
  const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

  const sql = `
    WITH handler AS (
      SELECT DISTINCT ON (o.tier, coalesce(o.jurisdiction_region_code, ''))
             o.tier::text AS tier, coalesce(o.jurisdiction_region_code, '') AS jurisdiction, o.id,
             (SELECT c.id FROM api_clients c WHERE c.organisation_id = o.id AND c.disabled_at IS NULL ORDER BY c.created_at, c.id LIMIT 1) AS client_id
      FROM organisations o
      WHERE o.tier IS NOT NULL AND o.disabled_at IS NULL
      ORDER BY o.tier, coalesce(o.jurisdiction_region_code, ''), o.created_at, o.id
    ),
    -- Each stage is MATERIALIZED so that its expressions run once per row instead of being inlined into every use.
    numbered AS MATERIALIZED (
      SELECT n, code, EXISTS (SELECT 1 FROM complaints x WHERE x.tracking_code = code) AS taken
      FROM (SELECT n, pg_temp.scale_tracking_code(n) AS code FROM generate_series(${first}, ${p.add(to, 'bigint')}) AS n) g
    ),
    dated AS MATERIALIZED (
      -- Numbers run forward in time over the last 90 days: each batch lands at the right edge of the time-ordered indexes.
      SELECT n, code, taken, created_at, now() - created_at AS age, pg_temp.h(n, 22) % 100 AS roll,
             n > ${first} AND NOT lag(taken) OVER (ORDER BY n) AS may_duplicate
      FROM numbered
      CROSS JOIN LATERAL (SELECT now() - interval '90 days'
        + make_interval(secs => (n - ${p.add(runStart, 'bigint')} + (pg_temp.h(n, 31) % 100) / 100.0) * 7776000.0 / ${p.add(runCount, 'bigint')}) AS created_at) t
    ),
    drawn AS MATERIALIZED (
      SELECT n, code, taken, created_at, age, pg_temp.seq_uuid(${prefix}, n) AS id,
             (pg_temp.h(n, 21) % ${categories.length})::int AS category_index,
             -- Recent complaints are mostly open, older ones mostly settled; a duplicate points at the complaint numbered
             -- just before it, so it needs that one in this statement and not skipped.
             CASE WHEN roll >= 94 AND may_duplicate THEN 'DUPLICATE' WHEN roll >= 88 THEN 'REJECTED'
                  WHEN age < interval '3 days' THEN CASE WHEN roll < 50 THEN 'RECEIVED' WHEN roll < 75 THEN 'VERIFIED' ELSE 'IN_PROGRESS' END
                  WHEN age < interval '14 days' THEN CASE WHEN roll < 5 THEN 'RECEIVED' WHEN roll < 20 THEN 'VERIFIED' WHEN roll < 55 THEN 'IN_PROGRESS'
                                                           WHEN roll < 70 THEN 'PENDING_INFO' ELSE 'RESOLVED' END
                  ELSE CASE WHEN roll < 8 THEN 'IN_PROGRESS' WHEN roll < 15 THEN 'PENDING_INFO' WHEN roll < 40 THEN 'RESOLVED' ELSE 'CLOSED' END
             END AS status,
             pg_temp.h(n, 23) % 100 AS tier_roll,
             CASE WHEN pg_temp.h(n, 24) % 100 < 60 AND ${p.add(families, 'bigint')} > 0
                  THEN pg_temp.head_nik(pg_temp.h(n, 25) % greatest(${p.add(families, 'bigint')}, 1), ${villages}) END AS subject_candidate
      FROM dated
    ),
    located AS MATERIALIZED (
      SELECT d.*, rg.code AS region, rg.name AS village_name, rg.kind = 'DESA' AS desa, subject.id AS subject_id, subject.nik AS subject_nik,
             EXISTS (SELECT 1 FROM handler o WHERE o.tier = 'VILLAGE' AND o.jurisdiction = rg.code) AS village_office
      FROM drawn d
      -- LATERAL … LIMIT 1: one index probe per complaint, never a scan of all recipients.
      -- (nik is char(16): compared as text, its index could not be used.)
      LEFT JOIN LATERAL (SELECT r.id, r.nik, r.region_code FROM recipients r WHERE r.nik = d.subject_candidate::char(16) LIMIT 1) subject ON true
      JOIN regions rg ON rg.code = coalesce(subject.region_code, ${pick(villages, 'pg_temp.h(d.n, 26)')})
      -- A number whose code an earlier (random) code already took is skipped.
      WHERE NOT d.taken
    ),
    complaint AS MATERIALIZED (
      SELECT l.n, l.code, l.id, l.category_index, l.status, l.region, l.village_name, l.subject_id, l.subject_nik,
             (${categoryList})[1 + l.category_index] AS category, t.start_tier, t.tier, t.escalated, t.verified, t.assigned,
             pr.program, ch.channel, times.*,
             CASE WHEN ch.channel = 'WEB_PORTAL' THEN CASE WHEN l.region LIKE '32.73.%' AND pg_temp.h(l.n, 27) % 2 = 0 THEN 1 WHEN pg_temp.h(l.n, 27) % 3 = 0 THEN 3 ELSE 2 END
                  WHEN ch.channel = 'BANK_REPORT' THEN 4 + (pg_temp.h(l.n, 27) % 2)::int END AS submitter,
             CASE WHEN l.status IN ('RESOLVED', 'CLOSED') THEN ${pick(decisionList, 'pg_temp.h(l.n, 28)')} END AS decision,
             CASE WHEN l.status = 'DUPLICATE' THEN pg_temp.seq_uuid(${prefix}, l.n - 1) END AS duplicate_of,
             pg_temp.h(l.n, 40) % 2 = 0 AS automatic,
             CASE WHEN pg_temp.h(l.n, 40) % 2 = 0 THEN ${literal(AUTOMATIC_ESCALATION_REASON)} ELSE ${pick(escalationReasons, 'pg_temp.h(l.n, 41)')} END AS escalation_reason,
             hs.id AS start_handler, hs.client_id AS start_client, hc.id AS handler, hc.client_id AS handler_client
      FROM located l
      CROSS JOIN LATERAL (SELECT
          l.status IN ('VERIFIED', 'IN_PROGRESS', 'PENDING_INFO', 'RESOLVED', 'CLOSED') AS verified,
          l.status IN ('IN_PROGRESS', 'PENDING_INFO', 'RESOLVED', 'CLOSED') AS assigned,
          -- Complaints start at the village where it has an office in Aduan (except those about village officials
          -- and facilitators), else at the district;
          -- verified ones may since have been escalated to the province or the ministry.
          CASE WHEN l.tier_roll < 60 AND l.village_office AND l.category_index NOT IN (${bypassVillage}) THEN 'VILLAGE' ELSE 'DISTRICT' END AS start_tier) v
      CROSS JOIN LATERAL (SELECT v.start_tier, v.verified, v.assigned, v.verified AND l.tier_roll >= 75 AS escalated,
          CASE WHEN NOT v.verified OR l.tier_roll < 75 THEN v.start_tier WHEN l.tier_roll < 90 THEN 'PROVINCE' ELSE 'NATIONAL' END AS tier) t
      CROSS JOIN LATERAL (SELECT CASE WHEN slot = 'BLT_DD' AND NOT l.desa THEN 'PKH' ELSE slot END AS program
                          FROM (SELECT (${programSlots})[1 + l.category_index * 5 + (pg_temp.h(l.n, 29) % 5)::int] AS slot) x) pr
      CROSS JOIN LATERAL (SELECT CASE WHEN l.category_index = ${categories.indexOf(ComplaintCategory.FAILED_TRANSFER)} AND pg_temp.h(l.n, 30) % 3 = 0 THEN 'BANK_REPORT'
                                      ELSE ${pick(channels, 'pg_temp.h(l.n, 30)')} END AS channel) ch
      -- Each step a fixed share of the time since submission: ordered, in the past, and (like created_at) rising with n.
      CROSS JOIN LATERAL (SELECT l.created_at,
          l.created_at + l.age * 0.10 AS verified_at, l.created_at + l.age * 0.30 AS escalated_at,
          l.created_at + l.age * 0.45 AS assigned_at, l.created_at + l.age * 0.60 AS info_at,
          l.created_at + l.age * 0.70 AS resolved_at, l.created_at + l.age * 0.90 AS closed_at,
          l.created_at + l.age * 0.30 AS decided_at) times
      LEFT JOIN handler hs ON hs.tier = t.start_tier AND hs.jurisdiction = CASE t.start_tier WHEN 'VILLAGE' THEN l.region ELSE left(l.region, 5) END
      LEFT JOIN handler hc ON hc.tier = t.tier AND hc.jurisdiction = CASE t.tier
          WHEN 'VILLAGE' THEN l.region WHEN 'DISTRICT' THEN left(l.region, 5) WHEN 'PROVINCE' THEN left(l.region, 2) ELSE '' END
    ),
    new_complaints AS (
      INSERT INTO complaints (id, tracking_code, status, category, program_code, channel_code, region_code, current_tier, description,
        occurred_on, complainant_name, complainant_phone, complainant_nik, anonymous, confidential, subject_nik, subject_recipient_id,
        submitted_by_client_id, submitted_by_organisation_id, assigned_organisation_id, assigned_officer_name, due_at, sla_started_at,
        sla_paused_at, resolution_decision, resolved_at, closed_at, duplicate_of_id, version, created_at, updated_at)
      SELECT id, code, status::complaint_status, category::complaint_category, program, channel, region, tier::tier,
             replace(replace(replace(replace(replace((${storySlots})[1 + category_index * 3 + (pg_temp.h(n, 43) % 3)::int],
               '{program}', (${programLabels})[array_position(${programCodeList}, program)]), '{village}', village_name),
               '{month}', ${literal(month)}), '{bank}', 'bank'), '{amount}', 'Rp375.000'),
             CASE WHEN category <> 'INFORMATION_REQUEST' THEN (created_at - make_interval(days => 1 + (pg_temp.h(n, 32) % 30)::int))::date END,
             CASE WHEN channel <> 'BANK_REPORT' THEN CASE WHEN pg_temp.h(n, 33) % 2 = 0
               THEN ${pick(males, 'pg_temp.h(n, 34)')} ELSE ${pick(females, 'pg_temp.h(n, 34)')} END || ' ' || ${pick(seconds, 'pg_temp.h(n, 35)')} END,
             CASE WHEN channel <> 'BANK_REPORT' THEN '+62812' || lpad((pg_temp.h(n, 36) % 10000000)::text, 7, '0') END,
             CASE WHEN channel <> 'BANK_REPORT' AND pg_temp.h(n, 37) % 3 = 0 THEN subject_nik END,
             pg_temp.h(n, 38) % 100 < 6, pg_temp.h(n, 38) % 100 BETWEEN 6 AND 15,
             subject_nik, subject_id,
             (${subClients})[submitter], (${subOrgs})[submitter],
             handler, CASE WHEN assigned THEN ${pick(officers, 'pg_temp.h(n, 39)')} END,
             CASE status
               WHEN 'RECEIVED' THEN created_at + CASE WHEN category IN ('ILLEGAL_LEVY', 'MISUSE_OR_FRAUD') THEN interval '24 hours' ELSE interval '3 days' END
               WHEN 'VERIFIED' THEN (CASE WHEN escalated THEN escalated_at ELSE verified_at END) + ${RESOLUTION_INTERVAL}
               WHEN 'IN_PROGRESS' THEN (CASE WHEN escalated THEN escalated_at ELSE verified_at END) + ${RESOLUTION_INTERVAL}
             END,
             CASE WHEN escalated THEN escalated_at WHEN verified THEN verified_at ELSE created_at END,
             CASE WHEN status = 'PENDING_INFO' THEN info_at END,
             decision::resolution_decision,
             CASE WHEN status IN ('RESOLVED', 'CLOSED') THEN resolved_at END,
             CASE WHEN status = 'CLOSED' THEN closed_at END,
             duplicate_of,
             1 + verified::int + escalated::int + assigned::int + (status IN ('PENDING_INFO', 'RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE'))::int + (status = 'CLOSED')::int,
             created_at,
             CASE status WHEN 'RECEIVED' THEN created_at WHEN 'VERIFIED' THEN CASE WHEN escalated THEN escalated_at ELSE verified_at END
               WHEN 'IN_PROGRESS' THEN assigned_at WHEN 'PENDING_INFO' THEN info_at WHEN 'RESOLVED' THEN resolved_at
               WHEN 'CLOSED' THEN closed_at ELSE decided_at END
      FROM complaint
      RETURNING 1
    ),
    new_escalations AS (
      INSERT INTO escalations (id, complaint_id, from_tier, to_tier, reason, automatic, actor_client_id, created_at)
      SELECT pg_temp.seq_uuid(${prefix}, n), id, start_tier::tier, tier::tier, escalation_reason, automatic, CASE WHEN NOT automatic THEN start_client END, escalated_at
      FROM complaint WHERE escalated
      RETURNING 1
    ),
    -- One SELECT per event type, each over just the complaints it applies to (casts in the first fix the column types).
    new_events AS (
      INSERT INTO complaint_events (id, complaint_id, seq, type, visibility, actor_client_id, actor_organisation_id,
        from_status, to_status, from_tier, to_tier, message, data, occurred_at)
      SELECT pg_temp.seq_uuid(${prefix}, 16 * e.n + e.seq), e.id, e.seq, e.type, e.visibility, e.actor_client, e.actor_organisation,
             e.from_status, e.to_status, e.from_tier, e.to_tier, e.message, e.data, e.at
      FROM (
        SELECT n, id, 1, 'SUBMITTED'::complaint_event_type, 'PUBLIC'::event_visibility, (${subClients})[submitter], (${subOrgs})[submitter],
               NULL::complaint_status, 'RECEIVED'::complaint_status, NULL::tier, start_tier::tier,
               'Pengaduan diterima dengan nomor pelacakan ' || code || '. Simpan nomor ini untuk memantau tindak lanjut.',
               jsonb_build_object('channel', channel), created_at
        FROM complaint
        UNION ALL
        SELECT n, id, 2, 'VERIFIED', 'PUBLIC', start_client, start_handler, 'RECEIVED', 'VERIFIED', NULL, NULL,
               'Pengaduan Anda telah diverifikasi dan sedang ditangani.', '{}', verified_at
        FROM complaint WHERE verified
        UNION ALL
        SELECT n, id, 3, 'ESCALATED', 'PUBLIC', CASE WHEN NOT automatic THEN start_client END, CASE WHEN NOT automatic THEN start_handler END,
               NULL, NULL, start_tier::tier, tier::tier, escalation_reason, jsonb_build_object('automatic', automatic), escalated_at
        FROM complaint WHERE escalated
        UNION ALL
        SELECT n, id, 2 + verified::int + escalated::int, 'ASSIGNED', 'INTERNAL', handler_client, handler, 'VERIFIED', 'IN_PROGRESS', NULL, NULL,
               NULL, '{}', assigned_at
        FROM complaint WHERE assigned
        UNION ALL
        SELECT n, id, 4 + escalated::int, 'INFORMATION_REQUESTED', 'PUBLIC', handler_client, handler, 'IN_PROGRESS', 'PENDING_INFO', NULL, NULL,
               ${literal(INFORMATION_REQUEST_MESSAGE)}, '{}', info_at
        FROM complaint WHERE status = 'PENDING_INFO'
        UNION ALL
        SELECT n, id, 4 + escalated::int, 'RESOLVED', 'PUBLIC', handler_client, handler, 'IN_PROGRESS', 'RESOLVED', NULL, NULL,
               coalesce((${decisionResponses})[array_position(${decisionList}, decision)],
                        replace((${upheld})[1 + category_index], '{program}', (${programLabels})[array_position(${programCodeList}, program)])),
               jsonb_build_object('decision', decision), resolved_at
        FROM complaint WHERE status IN ('RESOLVED', 'CLOSED')
        UNION ALL
        SELECT n, id, 5 + escalated::int, 'CLOSED', 'PUBLIC', NULL, NULL, 'RESOLVED', 'CLOSED', NULL, NULL, 'Pengaduan ditutup.', '{}', closed_at
        FROM complaint WHERE status = 'CLOSED'
        UNION ALL
        SELECT n, id, 2, 'REJECTED', 'PUBLIC', start_client, start_handler, 'RECEIVED', 'REJECTED', NULL, NULL,
               ${pick(rejections, 'pg_temp.h(n, 42)')}, '{}', decided_at
        FROM complaint WHERE status = 'REJECTED'
        UNION ALL
        SELECT n, id, 2, 'MARKED_DUPLICATE', 'PUBLIC', start_client, start_handler, 'RECEIVED', 'DUPLICATE', NULL, NULL,
               'Pengaduan ini sama dengan pengaduan lain yang sedang ditangani; tindak lanjut dilakukan pada pengaduan tersebut.',
               jsonb_build_object('duplicateOfId', duplicate_of), decided_at
        FROM complaint WHERE status = 'DUPLICATE'
      ) AS e(n, id, seq, type, visibility, actor_client, actor_organisation, from_status, to_status, from_tier, to_tier, message, data, at)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM new_complaints)::int AS complaints,
           (SELECT count(*) FROM new_events)::int AS events,
           (SELECT count(*) FROM new_escalations)::int AS escalations`;
  const [counts] = await runner.query(sql, p.values);
  return counts as { complaints: number; events: number; escalations: number };
}

/** Calendar approximations of the default resolution SLAs (5/10/14 working days, 60 days) by the current tier. */
const RESOLUTION_INTERVAL = `CASE tier WHEN 'VILLAGE' THEN interval '7 days' WHEN 'DISTRICT' THEN interval '14 days'
  WHEN 'PROVINCE' THEN interval '20 days' ELSE interval '60 days' END`;

/** `count` items taken round-robin from `items`. */
function cycle<T>(items: T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[i % items.length]);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}
