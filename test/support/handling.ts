import { expect } from 'vitest';
import { fromGlobalId, toGlobalId } from '../../server/src/graphql/global-id';
import { as } from './auth';
import { complaintInput, SUBMIT } from './complaints';
import { TestDatabase } from './database';
import { GraphQLResponse, TestServer } from './server';

/** What the handling tests read of a complaint after each step. */
export const COMPLAINT_FIELDS = 'id trackingCode status currentTier version dueAt slaState';

export type Client = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLResponse>;

/**
 * `mutation ($input: <Name>Input!) { <name>(input: $input) { <fields> userErrors { field code message } } }`:
 * every handling mutation has this shape.
 */
export function mutation(name: string, fields = `complaint { ${COMPLAINT_FIELDS} }`): string {
  const type = `${name[0].toUpperCase()}${name.slice(1)}Input`;
  return `mutation ($input: ${type}!) { ${name}(input: $input) { ${fields} userErrors { field code message } } }`;
}

/** Runs a handling mutation and answers its payload (failing the test on a top-level error). */
export async function run(client: Client, name: string, input: Record<string, unknown>, fields?: string) {
  const { body } = await client(mutation(name, fields), { input });
  expect(body.errors, `${name}: ${JSON.stringify(body.errors)}`).toBeUndefined();
  return body.data[name];
}

/** The same, expecting success: no userErrors. */
export async function ok(client: Client, name: string, input: Record<string, unknown>, fields?: string) {
  const payload = await run(client, name, input, fields);
  expect(payload.userErrors, `${name}: ${JSON.stringify(payload.userErrors)}`).toEqual([]);
  return payload;
}

/** The demo clients the handling tests use. */
export function clients(api: TestServer) {
  return {
    portal: as(api, 'demo-portal-3273'),
    lks: as(api, 'demo-ngo-lks'),
    village: as(api, 'demo-village-3273011001'),
    district: as(api, 'demo-dinsos-3273'),
    surabaya: as(api, 'demo-dinsos-3578'),
    province: as(api, 'demo-province-32'),
    ministry: as(api, 'demo-ministry'),
    bri: as(api, 'demo-bank-bri'),
    bni: as(api, 'demo-bank-bni'),
    auditor: as(api, 'demo-auditor'),
    public: ((query: string, variables?: Record<string, unknown>) => api.gql(query, variables)) as Client,
  };
}

/** replyPin: the complainant's PIN, shown once at intake (docs/adr/0026-complainant-pin.md). */
export interface Submitted { id: string; trackingCode: string; replyPin: string; version: number; status: string; currentTier: string; dueAt: string }

/** A fresh complaint about Sukarasa (Kota Bandung), submitted through the portal: RECEIVED at the village tier. */
export async function submitted(api: TestServer, overrides: Record<string, unknown> = {}): Promise<Submitted> {
  const { body } = await as(api, 'demo-portal-3273')(SUBMIT, { input: complaintInput(overrides) });
  const payload = body.data.submitComplaint;
  expect(payload.userErrors).toEqual([]);
  return { ...payload.complaint, trackingCode: payload.trackingCode, replyPin: payload.replyPin };
}

/**
 * Each role that must be refused the operation gets FORBIDDEN (a role that may
 * never do it), the public UNAUTHENTICATED — and nothing runs.
 */
export async function expectRefused(api: TestServer, query: string, variables: Record<string, unknown>, forbidden: string[]): Promise<void> {
  for (const clientId of forbidden) {
    const { body } = await as(api, clientId)(query, variables);
    expect(body.errors?.[0]?.extensions?.code, clientId).toBe('FORBIDDEN');
  }
  const { body } = await api.gql(query, variables);
  expect(body.errors?.[0]?.extensions?.code, 'public').toBe('UNAUTHENTICATED');
}

/** A complaint's row as stored, and its timeline (type, visibility, actor organisation), straight from the database. */
export async function stored(db: TestDatabase, complaintId: string) {
  const uuid = fromGlobalId(complaintId)!.key;
  const [row] = await db.dataSource.query(
    `SELECT status, version, current_tier AS "currentTier", due_at AS "dueAt", sla_paused_at AS "slaPausedAt", sla_started_at AS "slaStartedAt",
            assigned_organisation_id AS "assignedOrganisationId", assigned_officer_name AS "assignedOfficerName", duplicate_of_id AS "duplicateOfId",
            resolution_rating AS "resolutionRating", resolution_comment AS "resolutionComment", rated_at AS "ratedAt"
       FROM complaints WHERE id = $1`,
    [uuid],
  );
  const events: { seq: number; type: string; visibility: string; fromStatus: string | null; toStatus: string | null; fromTier: string | null; toTier: string | null; message: string | null; data: Record<string, unknown>; actor: string | null }[] = await db.dataSource.query(
    `SELECT e.seq, e.type, e.visibility, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.from_tier AS "fromTier", e.to_tier AS "toTier",
            e.message, e.data, o.name AS actor
       FROM complaint_events e LEFT JOIN organisations o ON o.id = e.actor_organisation_id
      WHERE e.complaint_id = $1 ORDER BY e.seq`,
    [uuid],
  );
  return { row, events, uuid };
}

/** An organisation's global id, by its name (demo data). */
export async function organisationId(db: TestDatabase, nameLike: string): Promise<string> {
  const rows = await db.dataSource.query('SELECT id FROM organisations WHERE name ILIKE $1', [`%${nameLike}%`]);
  expect(rows, nameLike).toHaveLength(1);
  return toGlobalId('Organisation', rows[0].id);
}

export const TRACK = `query ($code: String!) { trackComplaint(trackingCode: $code) {
  trackingCode status currentTier dueAt lastUpdatedAt publicResponses { at message } } }`;

export const TIMELINE = `query ($id: ID!) { complaint(id: $id) { id status version
  timeline(first: 100) { totalCount edges { node { seq type visibility fromStatus toStatus fromTier toTier message actorName } } } } }`;

/** The timeline as a client sees it (null when the complaint is outside its reach). */
export async function timeline(client: Client, id: string) {
  const { body } = await client(TIMELINE, { id });
  expect(body.errors).toBeUndefined();
  const complaint = body.data.complaint;
  return complaint && (complaint.timeline.edges.map((e: { node: unknown }) => e.node) as {
    seq: number; type: string; visibility: string; fromStatus: string | null; toStatus: string | null; fromTier: string | null; toTier: string | null; message: string | null; actorName: string | null;
  }[]);
}
