import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Pool } from 'pg';
import type { Principal } from '../../server/src/auth/principal';
import { PUBLIC, Role } from '../../server/src/auth/principal';
import { SigningKeyRing } from '../../server/src/auth/signing-keys';
import { TokenService } from '../../server/src/auth/token.service';
import { ComplaintCategory, SlaStage, Tier, TIER_ORDER, TimeZone } from '../../server/src/common/enums';
import { normalisePhone } from '../../server/src/common/personal-data';
import { AT_RISK_FRACTION } from '../../server/src/complaints/complaint-query.service';
import { complaintScopeSql, CONFLICT_OF_INTEREST_CATEGORIES, seesPersonalDataWhole } from '../../server/src/complaints/complaint-scope';
import { acknowledgementText, STATUS_LABELS, TIER_LABELS } from '../../server/src/complaints/complaint.labels';
import { newReplyPin } from '../../server/src/complaints/complainant-pin';
import { newTrackingCode, normaliseTrackingCode } from '../../server/src/complaints/tracking-code';
import { createDataSource } from '../../server/src/database/data-source';
import { isDate, latestToday } from '../../server/src/disbursements/report-disbursement-issues';
import { stageDueAt } from '../../server/src/escalation/sla-policy.service';
import { decodeCursor } from '../../server/src/graphql/connection';
import { uuidOf } from '../../server/src/graphql/global-id';
import { requestHash } from '../../server/src/idempotency/idempotency.service';
import { validateNik } from '../../server/src/recipients/nik';
import { paymentScopeSql, recipientScopeSql } from '../../server/src/recipients/recipient-scope';
import {
  BankReportInput, DETAIL_TIMELINE_EVENTS, DetailInput, FAMILY_COMPLAINTS, INBOX_PAGE_SIZE, InboxInput, RecipientInput, SubmitInput,
  TIMELINE_EVENTS, TrackInput, WorkloadName,
} from '../workloads';
import { Contender, listenOnLoopback, StartOptions } from './contender';

/**
 * The limit: a minimal Node HTTP handler (node:http, no framework, no GraphQL)
 * answering each workload with ONE SQL statement that builds the whole response
 * JSON inside PostgreSQL, which Node passes through as text. It authenticates as
 * Aduan does (the same bearer tokens, verified by the same code, client state
 * cached) and applies the same scopes (the same SQL fragments), so it does the
 * work Aduan must do and nothing more. Reference data (offices, regions,
 * channels, programmes, SLA policies) is read once at start, so that a
 * submission is one statement too. It answers what the benchmark asks, not
 * every edge case: a repeated idempotency key is an error here.
 */
export const limitContender: Contender = {
  name: 'limit',
  label: 'Limit (one SQL statement, JSON built in PostgreSQL)',
  unavailable: async () => null,
  supports: () => true,
  async start(options: StartOptions) {
    let statements = 0;
    // Token checks as Aduan makes them; their reads (a key, a client's state) are cached for 30 s and counted too.
    const authSource = createDataSource(options.databaseUrl, { poolSize: 2, onQuery: () => { statements += 1; } });
    await authSource.initialize();
    const tokens = new TokenService(authSource, new SigningKeyRing(authSource));
    const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize, application_name: 'aduan-bench-limit' });
    const query = async (sql: string, params: unknown[]): Promise<string | null> => {
      statements += 1;
      const result = await pool.query({ text: sql, values: params, rowMode: 'array' });
      return (result.rows[0]?.[0] as string | undefined) ?? null;
    };
    const reference = await loadReference(authSource);

    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const answer = async () => {
          const principal = await principalOf(tokens, req.headers.authorization);
          const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          const workload = (req.url ?? '/').slice(1) as WorkloadName;
          return HANDLERS[workload]?.(query, principal, input, reference) ?? Promise.resolve(null);
        };
        answer().then((body) => {
          res.writeHead(body === null ? 404 : 200, { 'content-type': 'application/json' });
          res.end(body ?? '{"errors":[{"message":"not found"}]}');
        }, (error: Error) => {
          res.writeHead(error.message === 'unauthenticated' ? 401 : 500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: error.message }] }));
        });
      });
    });
    server.keepAliveTimeout = 60_000;
    return listenOnLoopback(server, () => statements, async () => {
      await pool.end();
      await authSource.destroy();
    });
  },
  request(workload, input, token) {
    return {
      method: 'POST',
      path: `/${workload}`,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input),
    };
  },
};

type Query = (sql: string, params: unknown[]) => Promise<string | null>;
type Handler = (query: Query, principal: Principal, input: any, reference: Reference) => Promise<string | null>;

async function principalOf(tokens: TokenService, authorization: string | undefined): Promise<Principal> {
  if (!authorization) return PUBLIC;
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization.trim());
  if (!match) throw new Error('unauthenticated');
  return tokens.verify(match[1]).catch(() => { throw new Error('unauthenticated'); });
}

// ---------------------------------------------------------------- SQL pieces

/** A global id, as toGlobalId makes it: base64url of `Type:key`. */
const gid = (type: string, column: string) => `translate(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
/** A DateTime as the DateTime scalar writes it: ISO 8601, milliseconds, UTC. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** A keyset cursor as encodeCursor makes it: base64url of the JSON array [created_at to the microsecond, id]. */
const cursorSql = (alias: string) => `translate(encode(convert_to('["' || to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '","' || ${alias}.id || '"]', 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const statusLabel = (column: string) => `CASE ${column}::text ${Object.entries(STATUS_LABELS).map(([s, l]) => `WHEN '${s}' THEN ${literal(l.id)}`).join(' ')} END`;
const tierLabel = (column: string) => `CASE ${column}::text ${Object.entries(TIER_LABELS).map(([t, l]) => `WHEN '${t}' THEN ${literal(l.id)}`).join(' ')} END`;
/** The rule of complaintSlaState, in SQL. */
const slaState = (c: string) => `CASE
  WHEN ${c}.status = 'PENDING_INFO' THEN 'PAUSED'
  WHEN ${c}.status IN ('RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE') THEN
    CASE WHEN ${c}.due_at IS NOT NULL AND coalesce(${c}.resolved_at, ${c}.closed_at, ${c}.updated_at) > ${c}.due_at THEN 'BREACHED' ELSE 'MET' END
  WHEN ${c}.due_at IS NULL THEN 'ON_TRACK'
  WHEN ${c}.due_at < now() THEN 'BREACHED'
  WHEN ${c}.due_at - now() <= (${c}.due_at - ${c}.sla_started_at) * ${AT_RISK_FRACTION} THEN 'AT_RISK'
  ELSE 'ON_TRACK' END`;

/** The complaint summary every list shows (COMPLAINT_SUMMARY in workloads.ts). */
const summarySql = (c: string) => `'id', ${gid('Complaint', `${c}.id`)}, 'trackingCode', ${c}.tracking_code, 'status', ${c}.status,
  'statusLabel', ${statusLabel(`${c}.status`)}, 'category', ${c}.category, 'currentTier', ${c}.current_tier,
  'createdAt', ${iso(`${c}.created_at`)}, 'dueAt', ${iso(`${c}.due_at`)}, 'slaState', ${slaState(c)},
  'program', (SELECT json_build_object('code', p.code, 'name', p.name) FROM programs p WHERE p.code = ${c}.program_code),
  'channel', (SELECT json_build_object('code', ch.code, 'name', ch.name) FROM channels ch WHERE ch.code = ${c}.channel_code),
  'region', (SELECT json_build_object('code', r.code, 'name', r.name) FROM regions r WHERE r.code = ${c}.region_code),
  'assignedTo', (SELECT json_build_object('id', ${gid('Organisation', 'o.id')}, 'name', o.name) FROM organisations o WHERE o.id = ${c}.assigned_organisation_id)`;

/** A page of a complaint's timeline with its total, as ComplaintEventConnection. */
const timelineSql = (c: string, first: number, fields: string, internal: boolean, pageInfo: boolean) => {
  const visible = internal ? 'TRUE' : `e.visibility = 'PUBLIC'`;
  return `json_build_object(
    'totalCount', (SELECT count(*)::int FROM complaint_events e WHERE e.complaint_id = ${c}.id AND ${visible}),
    ${pageInfo ? `'pageInfo', json_build_object('hasNextPage', (SELECT count(*) FROM (SELECT 1 FROM complaint_events e WHERE e.complaint_id = ${c}.id AND ${visible} LIMIT ${first + 1}) x) > ${first}),` : ''}
    'edges', coalesce((SELECT json_agg(json_build_object('node', json_build_object(${fields})) ORDER BY e.seq)
      FROM (SELECT * FROM complaint_events e WHERE e.complaint_id = ${c}.id AND ${visible} ORDER BY e.seq LIMIT ${first}) e), '[]'::json))`;
};

// ---------------------------------------------------------------- workloads

function inbox(query: Query, principal: Principal, input: InboxInput): Promise<string | null> {
  const params: unknown[] = [];
  const scope = complaintScopeSql(principal, params);
  let after = '';
  if (input.after) {
    const cursor = decodeCursor(input.after);
    if (!cursor || cursor.length !== 2) throw new Error('after is not a cursor from this list');
    after = `AND (c.created_at, c.id) < ($${params.push(cursor[0])}::timestamptz, $${params.push(cursor[1])}::uuid)`;
  }
  return query(`
    WITH page AS MATERIALIZED (
      SELECT c.* FROM complaints c WHERE (${scope}) ${after} ORDER BY c.created_at DESC, c.id DESC LIMIT ${INBOX_PAGE_SIZE + 1}
    ), shown AS MATERIALIZED (SELECT * FROM page ORDER BY created_at DESC, id DESC LIMIT ${INBOX_PAGE_SIZE})
    SELECT json_build_object('data', json_build_object('complaints', json_build_object(
      'totalCount', (SELECT count(*)::int FROM complaints c WHERE (${scope})),
      'pageInfo', json_build_object('hasNextPage', (SELECT count(*) FROM page) > ${INBOX_PAGE_SIZE},
                                    'endCursor', (SELECT ${cursorSql('s')} FROM shown s ORDER BY s.created_at, s.id LIMIT 1)),
      'edges', coalesce((SELECT json_agg(json_build_object('node', json_build_object(${summarySql('s')},
                  'timeline', ${timelineSql('s', TIMELINE_EVENTS, `'seq', e.seq, 'type', e.type, 'at', ${iso('e.occurred_at')}`, seesPersonalDataWhole(principal), false)}))
                ORDER BY s.created_at DESC, s.id DESC) FROM shown s), '[]'::json))))::text`, params);
}

function detail(query: Query, principal: Principal, input: DetailInput): Promise<string | null> {
  const complaintId = uuidOf(input.id, 'Complaint');
  const params: unknown[] = [complaintId, input.nik.replace(/\s/g, '')];
  const complaintScope = complaintScopeSql(principal, params);
  const recipientScope = recipientScopeSql(principal, params, 'r');
  const memberScope = recipientScopeSql(principal, params, 'm');
  const payments = paymentScopeSql(principal, params, 'e.bank_organisation_id');
  const familyScope = complaintScopeSql(principal, params);
  const internal = seesPersonalDataWhole(principal);
  return query(`
    WITH c AS (SELECT c.* FROM complaints c WHERE c.id = $1::uuid AND (${complaintScope})),
    r AS (SELECT r.* FROM recipients r WHERE r.nik = $2 AND (${recipientScope})),
    members AS MATERIALIZED (
      SELECT m.*, row_number() OVER (ORDER BY m.is_family_head DESC, m.birth_date, m.nik) AS position
        FROM recipients m WHERE m.kk_number = (SELECT kk_number FROM r) AND (${memberScope})
    ),
    family AS MATERIALIZED (SELECT * FROM members UNION ALL SELECT r.*, 1 FROM r WHERE NOT EXISTS (SELECT 1 FROM members)),
    fc AS MATERIALIZED (
      SELECT c.* FROM complaints c
       WHERE (c.subject_recipient_id = ANY(ARRAY(SELECT id FROM family)) OR (c.subject_recipient_id IS NULL AND c.subject_nik = ANY(ARRAY(SELECT nik FROM family))))
         AND (${familyScope})
    )
    SELECT json_build_object('data', json_build_object(
      'complaint', (SELECT json_build_object(${summarySql('c')}, 'description', c.description, 'occurredOn', c.occurred_on,
          'updatedAt', ${iso('c.updated_at')}, 'version', c.version,
          'submittedBy', (SELECT json_build_object('id', ${gid('Organisation', 'o.id')}, 'name', o.name) FROM organisations o WHERE o.id = c.submitted_by_organisation_id),
          'timeline', ${timelineSql('c', DETAIL_TIMELINE_EVENTS, `'seq', e.seq, 'type', e.type, 'at', ${iso('e.occurred_at')}, 'fromStatus', e.from_status, 'toStatus', e.to_status, 'message', e.message`, internal, true)})
        FROM c),
      'recipient', (SELECT json_build_object('family', json_build_object(
          'enrolments', coalesce((SELECT json_agg(json_build_object(
              'program', (SELECT json_build_object('code', p.code, 'name', p.name) FROM programs p WHERE p.code = e.program_code),
              'status', e.status, 'enrolledOn', e.enrolled_on,
              'bank', (SELECT json_build_object('name', o.name) FROM organisations o WHERE o.id = e.bank_organisation_id))
            ORDER BY e.program_code COLLATE "C", f.position)
            FROM family f JOIN program_enrolments e ON e.recipient_id = f.id WHERE (${payments})), '[]'::json),
          'complaints', json_build_object(
            'totalCount', (SELECT count(*)::int FROM fc),
            'edges', coalesce((SELECT json_agg(json_build_object('node', json_build_object('id', ${gid('Complaint', 'x.id')}, 'trackingCode', x.tracking_code,
                'status', x.status, 'statusLabel', ${statusLabel('x.status')}, 'createdAt', ${iso('x.created_at')})) ORDER BY x.created_at DESC, x.id DESC)
              FROM (SELECT * FROM fc ORDER BY created_at DESC, id DESC LIMIT ${FAMILY_COMPLAINTS}) x), '[]'::json))))
        FROM r)))::text`, params);
}

const TRACKED_EVENT_TYPES = ['PUBLIC_RESPONSE', 'RESOLVED', 'REJECTED', 'INFORMATION_REQUESTED', 'REFERRED', 'REFERRAL_ANSWERED', 'DISBURSEMENT_ISSUE_RESOLVED'];

function track(query: Query, _principal: Principal, input: TrackInput): Promise<string | null> {
  const code = input.trackingCode.length <= 40 ? normaliseTrackingCode(input.trackingCode) : null;
  if (!code) return Promise.resolve('{"data":{"trackComplaint":null}}');
  return query(`
    WITH RECURSIVE chain AS (
      SELECT c.id, c.duplicate_of_id, 0 AS depth FROM complaints c WHERE c.tracking_code = $1
      UNION ALL
      SELECT c.id, c.duplicate_of_id, chain.depth + 1 FROM complaints c JOIN chain ON c.id = chain.duplicate_of_id WHERE chain.depth < 5
    ), found AS (SELECT c.* FROM complaints c WHERE c.id = (SELECT id FROM chain ORDER BY depth DESC LIMIT 1))
    SELECT json_build_object('data', json_build_object('trackComplaint', (SELECT json_build_object(
      'trackingCode', f.tracking_code, 'status', f.status, 'statusLabel', ${statusLabel('f.status')}, 'currentTier', f.current_tier,
      'tierLabel', ${tierLabel('f.current_tier')}, 'submittedAt', ${iso('f.created_at')}, 'lastUpdatedAt', ${iso('f.updated_at')},
      'dueAt', CASE WHEN f.status IN ('RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE', 'PENDING_INFO') THEN NULL ELSE ${iso('f.due_at')} END,
      'publicResponses', coalesce((SELECT json_agg(json_build_object('at', ${iso('e.occurred_at')}, 'message', e.message) ORDER BY e.seq)
        FROM complaint_events e WHERE e.complaint_id = f.id AND e.visibility = 'PUBLIC' AND e.message IS NOT NULL
          AND e.type = ANY($2::complaint_event_type[])), '[]'::json))
      FROM found f)))::text`, [code, TRACKED_EVENT_TYPES]);
}

function recipient(query: Query, principal: Principal, input: RecipientInput): Promise<string | null> {
  const params: unknown[] = [input.nik.replace(/\s/g, '')];
  const scope = recipientScopeSql(principal, params, 'r');
  const payments = paymentScopeSql(principal, params, 'e.bank_organisation_id');
  const whole = seesPersonalDataWhole(principal);
  if (!whole) throw new Error('the limit answers recipient lookups for handlers and auditors only');
  return query(`
    SELECT json_build_object('data', json_build_object('recipient', (SELECT json_build_object(
      'id', ${gid('Recipient', 'r.id')}, 'fullName', r.full_name, 'sex', r.sex, 'birthDate', r.birth_date, 'isFamilyHead', r.is_family_head,
      'dtksStatus', r.dtks_status, 'masked', false,
      'region', (SELECT json_build_object('code', g.code, 'name', g.name) FROM regions g WHERE g.code = r.region_code),
      'enrolments', coalesce((SELECT json_agg(json_build_object('program', json_build_object('code', e.program_code), 'status', e.status,
          'enrolledOn', e.enrolled_on) ORDER BY e.program_code) FROM program_enrolments e WHERE e.recipient_id = r.id AND (${payments})), '[]'::json))
      FROM recipients r WHERE r.nik = $1 AND (${scope}))))::text`, params);
}

// ------------------------------------------------------------- submissions

interface Reference {
  offices: { id: string; name: string; tier: Tier; kind: string; jurisdiction: string | null }[];
  regions: Map<string, { level: string; zone: TimeZone }>;
  channels: Map<string, { active: boolean; kind: string }>;
  programs: Map<string, boolean>;
  /** For SLA due times (stageDueAt caches the policies per process). */
  dueAt: (scope: Parameters<typeof stageDueAt>[1], start: Date, zone: TimeZone) => Promise<Date | null>;
}

async function loadReference(db: ReturnType<typeof createDataSource>): Promise<Reference> {
  const offices = await db.query(
    `SELECT id, name, tier, kind, jurisdiction_region_code AS jurisdiction FROM organisations
      WHERE disabled_at IS NULL AND kind IN ('VILLAGE_OFFICE', 'DISTRICT_OFFICE', 'PROVINCE_OFFICE', 'MINISTRY')`);
  const regions = await db.query(`SELECT code, level, time_zone AS zone FROM regions`);
  const channels = await db.query(`SELECT code, active, kind FROM channels`);
  const programs = await db.query(`SELECT code, active FROM programs`);
  return {
    offices,
    regions: new Map(regions.map((r: { code: string; level: string; zone: TimeZone }) => [r.code, r])),
    channels: new Map(channels.map((c: { code: string; active: boolean; kind: string }) => [c.code, c])),
    programs: new Map(programs.map((p: { code: string; active: boolean }) => [p.code, p.active])),
    dueAt: (scope, start, zone) => stageDueAt(db, scope, start, zone),
  };
}

async function submit(query: Query, principal: Principal, input: SubmitInput, reference: Reference): Promise<string | null> {
  if (principal.kind !== 'client' || (principal.role !== Role.INTAKE && principal.role !== Role.HANDLER)) throw new Error('forbidden');
  const phone = normalisePhone(input.complainant.phone);
  const region = reference.regions.get(input.regionCode);
  const channel = reference.channels.get(input.channel);
  const description = input.description.trim();
  const name = input.complainant.name.trim();
  if (!phone || region?.level !== 'VILLAGE' || !channel?.active || channel.kind === 'BANK_REPORT' || !reference.programs.get(input.programCode)
    || description.length < 1 || description.length > 4000 || name.length < 1 || name.length > 150) {
    throw new Error('the limit answers valid submissions only');
  }
  const category = input.category as ComplaintCategory;
  const conduct = CONFLICT_OF_INTEREST_CATEGORIES.includes(category);
  const codes = [input.regionCode, input.regionCode.slice(0, 5), input.regionCode.slice(0, 2)];
  const lowest = conduct ? TIER_ORDER.indexOf(Tier.DISTRICT) : 0;
  const office = reference.offices
    .filter((o) => (o.kind === 'MINISTRY' || codes.includes(o.jurisdiction ?? '')) && TIER_ORDER.indexOf(o.tier) >= lowest)
    .sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier))[0];
  const now = new Date();
  const due = await reference.dueAt({ stage: SlaStage.VERIFICATION, tier: office.tier, category, programCode: input.programCode }, now, region.zone);
  const id = randomUUID();
  const trackingCode = newTrackingCode();
  // The reply PIN as Aduan draws and stores it: shown in the acknowledgement, only its salted hash kept (complainant_pins).
  const reply = newReplyPin();
  const acknowledgement = acknowledgementText({ locale: 'id', trackingCode, replyPin: reply.pin, handlerName: office.name, verifyBy: due ?? now, zone: region.zone });
  const params = [
    id, trackingCode, category, input.programCode, input.channel, input.regionCode, office.tier, description,
    name, phone, input.complainant.anonymous, input.complainant.confidential || conduct,
    principal.apiClientId, principal.organisationId, office.id, due, now, input.idempotencyKey, requestHash(input),
    JSON.stringify({ complaintId: id, acknowledgement, replyPin: reply.pin }), acknowledgement, JSON.stringify({ channel: input.channel, routedTo: office.id }),
    reply.hash,
  ];
  return query(`
    WITH claim AS (
      INSERT INTO idempotency_records (api_client_id, key, operation, request_hash, result, expires_at)
      VALUES ($13, $18, 'submitComplaint', $19, $20::jsonb, now() + interval '24 hours')
    ), c AS (
      INSERT INTO complaints AS c (id, tracking_code, status, category, program_code, channel_code, region_code, current_tier, description,
          complainant_name, complainant_phone, anonymous, confidential, submitted_by_client_id, submitted_by_organisation_id,
          assigned_organisation_id, due_at, sla_started_at, locale, created_at, updated_at)
      VALUES ($1, $2, 'RECEIVED', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'id', $17, $17)
      RETURNING c.id, c.tracking_code, c.status, c.current_tier, c.category, c.created_at, c.due_at, c.program_code, c.region_code
    ), event AS (
      INSERT INTO complaint_events (complaint_id, seq, type, visibility, actor_client_id, actor_organisation_id, to_status, to_tier, data, occurred_at)
      SELECT c.id, 1, 'SUBMITTED', 'PUBLIC', $13, $14, 'RECEIVED', c.current_tier, $22::jsonb, $17 FROM c
    ), pin AS (
      INSERT INTO complainant_pins (complaint_id, pin_hash) SELECT c.id, $23 FROM c
    )
    SELECT json_build_object('data', json_build_object('submitComplaint', json_build_object(
      'trackingCode', c.tracking_code, 'acknowledgement', $21::text,
      'complaint', json_build_object('trackingCode', c.tracking_code, 'status', c.status, 'currentTier', c.current_tier, 'category', c.category,
        'createdAt', ${iso('c.created_at')}, 'dueAt', ${iso('c.due_at')}, 'program', json_build_object('code', c.program_code),
        'region', json_build_object('code', c.region_code)),
      'userErrors', '[]'::json)))::text FROM c`, params);
}

/**
 * A bank's report: the structure of each item checked in Node (as Aduan does),
 * then one statement matches the items to this bank's disbursements (locking
 * them), writes the batch, the issues, the FAILED disbursements and the
 * idempotency record, reads the family complaints they would link to, and
 * answers every item.
 */
async function bankReport(query: Query, principal: Principal, input: BankReportInput): Promise<string | null> {
  if (principal.kind !== 'client' || principal.role !== Role.BANK) throw new Error('forbidden');
  const now = new Date();
  const today = latestToday(now);
  const periodStart = `${input.period}-01`;
  const structural: (object[] | null)[] = input.items.map((item, index) => {
    const errors: object[] = [];
    const field = (name: string) => ['input', 'items', String(index), name];
    const checked = validateNik(item.nik.replace(/\s/g, ''), now);
    if (!checked.ok) errors.push({ field: field('nik'), code: 'INVALID_INPUT', message: checked.message });
    if (!Number.isInteger(item.amount) || item.amount <= 0) errors.push({ field: field('amount'), code: 'INVALID_INPUT', message: 'Jumlah harus bilangan bulat rupiah lebih dari 0.' });
    if (!isDate(item.occurredOn)) errors.push({ field: field('occurredOn'), code: 'INVALID_INPUT', message: 'Tanggal gagal transfer harus berformat YYYY-MM-DD.' });
    else if (item.occurredOn < periodStart) errors.push({ field: field('occurredOn'), code: 'INVALID_INPUT', message: `Tanggal gagal transfer tidak boleh sebelum periode ${input.period}.` });
    else if (item.occurredOn > today) errors.push({ field: field('occurredOn'), code: 'INVALID_INPUT', message: 'Tanggal gagal transfer tidak boleh di masa depan.' });
    return errors.length ? errors : null;
  });
  const candidates = input.items.map((item, index) => ({ ...item, index, nik: item.nik.replace(/\s/g, '') })).filter((c) => structural[c.index] === null);
  const notFound = `Tidak ada penyaluran ${input.programCode} periode ${input.period} oleh bank Anda untuk NIK ini.`;
  const params = [
    principal.organisationId, principal.apiClientId, input.programCode, input.period, input.items.length,
    candidates.map((c) => c.index), candidates.map((c) => c.nik), candidates.map((c) => c.amount), candidates.map((c) => c.failureCode),
    candidates.map((c) => c.occurredOn), now, input.idempotencyKey, requestHash(input),
    JSON.stringify(structural), notFound,
  ];
  return query(`
    WITH k AS (
      SELECT * FROM unnest($6::int[], $7::char(16)[], $8::bigint[], $9::disbursement_failure_code[], $10::date[]) AS k(idx, nik, amount, failure_code, occurred_on)
    ), found AS MATERIALIZED (
      SELECT k.*, r.id AS recipient_id, d.id AS disbursement_id, d.status AS disbursement_status
        FROM k JOIN recipients r ON r.nik = k.nik
        JOIN program_enrolments e ON e.recipient_id = r.id AND e.program_code = $3
        CROSS JOIN LATERAL (
          SELECT d.id, d.status FROM disbursements d WHERE d.enrolment_id = e.id AND d.period = $4 AND d.bank_organisation_id = $1
           ORDER BY (d.amount = k.amount) DESC, d.stage LIMIT 1 FOR NO KEY UPDATE
        ) d
    ), judged AS MATERIALIZED (
      SELECT f.*, CASE
          WHEN f.disbursement_status = 'RETURNED_TO_TREASURY' THEN 'RETURNED'
          WHEN EXISTS (SELECT 1 FROM disbursement_issues i WHERE i.disbursement_id = f.disbursement_id AND i.status = 'OPEN') THEN 'OPEN'
          WHEN min(f.idx) OVER (PARTITION BY f.disbursement_id) <> f.idx THEN 'IN_BATCH'
          ELSE 'ACCEPTED' END AS verdict,
          min(f.idx) OVER (PARTITION BY f.disbursement_id) AS first_idx
        FROM found f
    ), batch AS (
      INSERT INTO disbursement_batches (bank_organisation_id, submitted_by_client_id, program_code, period, item_count, accepted_count, rejected_count, created_at)
      SELECT $1, $2, $3, $4, $5, n, $5 - n, $11 FROM (SELECT count(*)::int AS n FROM judged WHERE verdict = 'ACCEPTED') a
      RETURNING id, item_count, accepted_count, rejected_count, period, program_code
    ), issues AS (
      INSERT INTO disbursement_issues (batch_id, item_index, disbursement_id, recipient_id, bank_organisation_id, program_code, period,
          nik, amount, failure_code, occurred_on, status, created_at)
      SELECT b.id, j.idx, j.disbursement_id, j.recipient_id, $1, $3, $4, j.nik, j.amount, j.failure_code, j.occurred_on, 'OPEN', $11
        FROM judged j CROSS JOIN batch b WHERE j.verdict = 'ACCEPTED'
      RETURNING item_index, status, amount, failure_code, occurred_on, period
    ), failed AS (
      UPDATE disbursements SET status = 'FAILED', disbursed_on = NULL WHERE id IN (SELECT disbursement_id FROM judged WHERE verdict = 'ACCEPTED')
    ), linkable AS (
      SELECT count(*) AS n FROM complaints c
       WHERE c.subject_recipient_id IN (SELECT m.id FROM recipients s JOIN recipients m ON m.kk_number = s.kk_number
                                          WHERE s.id IN (SELECT recipient_id FROM judged WHERE verdict = 'ACCEPTED'))
         AND c.program_code = $3 AND c.category IN ('NOT_RECEIVED', 'FAILED_TRANSFER')
    ), refused AS (
      SELECT g.idx, CASE
          WHEN ($14::jsonb -> g.idx) <> 'null'::jsonb THEN ($14::jsonb -> g.idx)::json
          WHEN j.idx IS NULL THEN json_build_array(json_build_object('field', json_build_array('input', 'items', g.idx::text, 'nik'), 'code', 'NOT_FOUND', 'message', $15::text))
          WHEN j.verdict = 'RETURNED' THEN json_build_array(json_build_object('field', json_build_array('input', 'items', g.idx::text, 'nik'), 'code', 'INVALID_TRANSITION',
            'message', 'Dana penyaluran ini sudah dikembalikan ke kas negara; tidak ada transfer yang dapat gagal lagi.'))
          WHEN j.verdict = 'OPEN' THEN json_build_array(json_build_object('field', json_build_array('input', 'items', g.idx::text, 'nik'), 'code', 'ALREADY_REPORTED',
            'message', 'Penyaluran ini sudah dilaporkan gagal dan laporannya masih terbuka; selesaikan dulu dengan resolveDisbursementIssue.'))
          WHEN j.verdict = 'IN_BATCH' THEN json_build_array(json_build_object('field', json_build_array('input', 'items', g.idx::text, 'nik'), 'code', 'ALREADY_REPORTED',
            'message', 'Penyaluran ini sudah dilaporkan pada butir ' || j.first_idx || ' dalam laporan ini.'))
          ELSE '[]'::json END AS errors
        FROM generate_series(0, $5::int - 1) AS g(idx) LEFT JOIN judged j ON j.idx = g.idx
    ), claim AS (
      INSERT INTO idempotency_records (api_client_id, key, operation, request_hash, result, expires_at)
      SELECT $2, $12, 'reportDisbursementIssues', $13,
             jsonb_build_object('batchId', b.id, 'rejected', coalesce((SELECT jsonb_agg(jsonb_build_object('index', idx, 'errors', errors::jsonb) ORDER BY idx)
                                                                     FROM refused WHERE errors::text <> '[]'), '[]'::jsonb)),
             now() + interval '24 hours'
        FROM batch b WHERE (SELECT n FROM linkable) >= 0
    )
    SELECT json_build_object('data', json_build_object('reportDisbursementIssues', json_build_object(
      'batch', (SELECT json_build_object('itemCount', b.item_count, 'acceptedCount', b.accepted_count, 'rejectedCount', b.rejected_count,
                'period', b.period, 'program', json_build_object('code', b.program_code)) FROM batch b),
      'results', (SELECT json_agg(json_build_object('index', x.idx,
                    'issue', (SELECT json_build_object('status', i.status, 'amount', i.amount, 'failureCode', i.failure_code,
                               'occurredOn', i.occurred_on, 'period', i.period) FROM issues i WHERE i.item_index = x.idx),
                    'userErrors', x.errors) ORDER BY x.idx) FROM refused x),
      'userErrors', '[]'::json)))::text`, params);
}

const HANDLERS: Partial<Record<WorkloadName, Handler>> = {
  inbox, inboxDeep: inbox, detail, track, recipient, submit, bankReport,
};

