import { createServer } from 'node:http';
import { Pool, PoolClient } from 'pg';
import { complaintSlaState } from '../../server/src/complaints/complaint-query.service';
import { STATUS_LABELS, TIER_LABELS } from '../../server/src/complaints/complaint.labels';
import { normaliseTrackingCode } from '../../server/src/complaints/tracking-code';
import { encodeCursor } from '../../server/src/graphql/connection';
import { toGlobalId } from '../../server/src/graphql/global-id';
import { requireBenchPackage } from '../harness/packages';
import { INBOX_DISTRICT, INBOX_PAGE_SIZE, InboxInput, RecipientInput, TIMELINE_EVENTS, TrackInput, WorkloadName } from '../workloads';
import { Contender, graphqlRequest, listenOnLoopback, StartOptions } from './contender';

/**
 * PostGraphile v5 serving the same tables (the `public` schema, Amber preset,
 * no plugins): the best-known generated GraphQL API over PostgreSQL, which
 * plans each operation into few SQL statements. It has no permission layer
 * here (it connects as the owner; row-level security is not set up), so the
 * caller's scope is the condition the client sends (`districtCode`) — it does
 * less than Aduan must. Only the reads are compared: it has no business
 * mutations (routing, SLA clocks, matching a bank's items).
 *
 * Its packages are in bench/packages (their own lockfile, installed by
 * `npm run bench` on first use: bench/harness/packages.ts), not in the
 * project's install. postgraphile 5 declares Node ≥ 22; on Node 20 it needs
 * Promise.withResolvers, added below when missing. When the packages are not
 * installed, the benchmark reports "not installed" and goes on without it. Its unique lookups exist for
 * unique constraints only (tracking codes and NIKs have unique indexes), so
 * the lookups are filtered lists (`condition`), which use the same indexes.
 */
const SUPPORTED: WorkloadName[] = ['inbox', 'track', 'recipient'];

// Module names in variables, loaded from bench/packages: TypeScript does not look for them.
const POSTGRAPHILE = 'postgraphile';
const AMBER = 'postgraphile/presets/amber';
const PG_ADAPTOR = 'postgraphile/adaptors/pg';
const GRAFSERV_NODE = 'postgraphile/grafserv/node';
const UTILS = 'postgraphile/utils';

export const postgraphileContender: Contender = {
  name: 'postgraphile',
  label: 'PostGraphile v5',
  async unavailable() {
    try {
      requireBenchPackage.resolve(POSTGRAPHILE);
      return null;
    } catch {
      return 'not installed (npm ci --prefix bench/packages, which npm run bench does on first use)';
    }
  },
  supports: (workload) => SUPPORTED.includes(workload),
  async start(options: StartOptions) {
    // PostGraphile 5 uses Promise.withResolvers (Node 22); on Node 20 it answers every request with an error without this.
    const promise = Promise as unknown as { withResolvers?: () => unknown };
    promise.withResolvers ??= () => {
      let resolve!: (value: unknown) => void;
      let reject!: (reason: unknown) => void;
      const pending = new Promise((yes, no) => { resolve = yes; reject = no; });
      return { promise: pending, resolve, reject };
    };
    // CommonJS packages (postgraphile 5 ships CommonJS), required as from bench/packages.
    const [{ postgraphile }, { PostGraphileAmberPreset }, { makePgService }, { grafserv }, { jsonPgSmartTags }] = [POSTGRAPHILE, AMBER, PG_ADAPTOR, GRAFSERV_NODE, UTILS]
      .map((name) => requireBenchPackage(name));
    let statements = 0;
    const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize, application_name: 'aduan-bench-postgraphile' });
    // Every statement PostGraphile sends goes through a pooled client's query().
    pool.on('connect', (client: PoolClient) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => { statements += 1; return query(...args); };
    });
    const pgl = postgraphile({
      extends: [PostGraphileAmberPreset],
      // recipient_provenance.hash collides with a name of PostGraphile's own, and the clash takes the Complaint type down with it.
      plugins: [jsonPgSmartTags({ version: 1, config: { attribute: { 'recipient_provenance.hash': { tags: { name: 'entryHash' } } } } })],
      pgServices: [makePgService({ pool, schemas: ['public'] })],
      grafast: { explain: false },
      grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
    });
    const serv = pgl.createServ(grafserv);
    const server = createServer();
    serv.addTo(server);
    return listenOnLoopback(server, () => statements, async () => {
      await pgl.release();
      await pool.end();
    });
  },
  request(workload, input, _token) {
    switch (workload) {
      case 'inbox':
        return graphqlRequest(INBOX, { district: INBOX_DISTRICT, after: (input as InboxInput).after }, null);
      case 'track':
        return graphqlRequest(TRACK, { code: normaliseTrackingCode((input as TrackInput).trackingCode) ?? '' }, null);
      case 'recipient':
        return graphqlRequest(RECIPIENT, { nik: (input as RecipientInput).nik }, null);
      default:
        throw new Error(`PostGraphile does not answer ${workload}`);
    }
  },
  toAduanShape(workload, answer) {
    const data = (answer as { data: any }).data;
    switch (workload) {
      case 'inbox': {
        const list = data.allComplaints;
        return { data: { complaints: {
          totalCount: list.totalCount,
          // Its cursors are its own; Aduan's for the same last row, to compare the rows.
          pageInfo: { hasNextPage: list.pageInfo.hasNextPage, endCursor: list.nodes.length ? encodeCursor([microsecondIso(list.nodes.at(-1).createdAt), list.nodes.at(-1).rowId]) : null },
          edges: list.nodes.map((c: any) => ({ node: {
            id: toGlobalId('Complaint', c.rowId), trackingCode: c.trackingCode, status: c.status, statusLabel: STATUS_LABELS[c.status as keyof typeof STATUS_LABELS].id,
            category: c.category, currentTier: c.currentTier, createdAt: iso(c.createdAt), dueAt: iso(c.dueAt),
            slaState: complaintSlaState({ status: c.status, dueAt: date(c.dueAt), slaStartedAt: date(c.slaStartedAt)!, resolvedAt: date(c.resolvedAt), closedAt: date(c.closedAt), updatedAt: date(c.updatedAt)! }, new Date()),
            program: c.programByProgramCode, channel: c.channelByChannelCode, region: c.regionByRegionCode,
            assignedTo: c.organisationByAssignedOrganisationId && { id: toGlobalId('Organisation', c.organisationByAssignedOrganisationId.rowId), name: c.organisationByAssignedOrganisationId.name },
            timeline: { totalCount: c.complaintEventsByComplaintId.totalCount, edges: c.complaintEventsByComplaintId.nodes.map((e: any) => ({ node: { seq: e.seq, type: e.type, at: iso(e.occurredAt) } })) },
          } })),
        } } };
      }
      case 'track': {
        const c = data.allComplaints.nodes[0];
        if (!c) return { data: { trackComplaint: null } };
        const finished = ['RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE', 'PENDING_INFO'].includes(c.status);
        return { data: { trackComplaint: {
          trackingCode: c.trackingCode, status: c.status, statusLabel: STATUS_LABELS[c.status as keyof typeof STATUS_LABELS].id, currentTier: c.currentTier,
          tierLabel: TIER_LABELS[c.currentTier as keyof typeof TIER_LABELS].id, submittedAt: iso(c.createdAt), lastUpdatedAt: iso(c.updatedAt),
          dueAt: finished ? null : iso(c.dueAt),
          publicResponses: c.complaintEventsByComplaintId.nodes
            .filter((e: any) => e.visibility === 'PUBLIC' && e.message !== null && TRACKED.includes(e.type))
            .map((e: any) => ({ at: iso(e.occurredAt), message: e.message })),
        } } };
      }
      case 'recipient': {
        const r = data.allRecipients.nodes[0];
        return { data: { recipient: r && {
          id: toGlobalId('Recipient', r.rowId), fullName: r.fullName, sex: r.sex, birthDate: r.birthDate, isFamilyHead: r.isFamilyHead,
          dtksStatus: r.dtksStatus, masked: false, region: r.regionByRegionCode,
          enrolments: r.programEnrolmentsByRecipientId.nodes.map((e: any) => ({ program: { code: e.programCode }, status: e.status, enrolledOn: e.enrolledOn })),
        } } };
      }
      default:
        return answer;
    }
  },
};

const TRACKED = ['PUBLIC_RESPONSE', 'RESOLVED', 'REJECTED', 'INFORMATION_REQUESTED', 'REFERRED', 'REFERRAL_ANSWERED', 'DISBURSEMENT_ISSUE_RESOLVED'];
const date = (value: string | null) => (value ? new Date(value) : null);
const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);
/** PostgreSQL's `2026-11-29T09:26:24.350448+00:00` as Aduan's cursors spell it: `2026-11-29T09:26:24.350448Z` (the server's time zone is UTC). */
const microsecondIso = (value: string) => {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:\+00(?::00)?|Z)$/.exec(value);
  return match ? `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(6, '0')}Z` : value;
};

const INBOX = `query Inbox($district: String!, $after: Cursor) {
  allComplaints(first: ${INBOX_PAGE_SIZE}, after: $after, condition: { districtCode: $district }, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      rowId trackingCode status category currentTier createdAt dueAt slaStartedAt resolvedAt closedAt updatedAt
      programByProgramCode { code name } channelByChannelCode { code name } regionByRegionCode { code name }
      organisationByAssignedOrganisationId { rowId name }
      complaintEventsByComplaintId(first: ${TIMELINE_EVENTS}, orderBy: SEQ_ASC) { totalCount nodes { seq type occurredAt } }
    }
  }
}`;

const TRACK = `query Track($code: String!) {
  allComplaints(condition: { trackingCode: $code }) { nodes {
    trackingCode status currentTier createdAt updatedAt dueAt
    complaintEventsByComplaintId(orderBy: SEQ_ASC) { nodes { type visibility message occurredAt } }
  } }
}`;

const RECIPIENT = `query Recipient($nik: String!) {
  allRecipients(condition: { nik: $nik }) { nodes {
    rowId fullName sex birthDate isFamilyHead dtksStatus regionByRegionCode { code name }
    programEnrolmentsByRecipientId(orderBy: PROGRAM_CODE_ASC) { nodes { programCode status enrolledOn } }
  } }
}`;
