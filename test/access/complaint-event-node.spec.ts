import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../server/src/graphql/global-id';
import { useTestDatabase } from '../support/database';
import { Client, clients, ok, organisationId, submitted } from '../support/handling';
import { useTestServer } from '../support/server';

/**
 * `ComplaintEvent` implements `Node`, so `node(id)` / `nodes(ids)` fetch one
 * (issue 15, finding 9): exactly the events the caller sees in that
 * complaint's `timeline` — the complaint within its reach, internal events
 * only for handlers and auditors — and null for every other, as for a
 * missing id.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const { portal, village, district, surabaya, bri, bni, auditor, public: anyone } = clients(api);

const EVENT = 'id seq type visibility message';
const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on ComplaintEvent { ${EVENT} } } }`;
const NODE = `query ($id: ID!) { node(id: $id) { id ... on ComplaintEvent { ${EVENT} } } }`;
const TIMELINE = `query ($id: ID!) { complaint(id: $id) { timeline(first: 100) { edges { node { ${EVENT} } } } } }`;

let complaintId = '';
let eventIds: string[] = [];
let internalIds: string[] = [];
beforeAll(async () => {
  const c = await submitted(api);
  await ok(village, 'verifyComplaint', { complaintId: c.id, version: 1 });
  await ok(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: c.id, version: 2, organisationId: await organisationId(db, 'Bank Rakyat Indonesia'), reason: 'Mohon cek status rekening.' });
  await ok(village, 'addInternalNote', { complaintId: c.id, version: 3, note: 'Catatan internal: pendamping PKH diduga memotong bantuan.' });
  await ok(village, 'respondToComplaint', { complaintId: c.id, version: 4, message: 'Aduan Anda sedang kami periksa bersama bank penyalur.' });
  complaintId = c.id;
  const rows: { id: string; visibility: string }[] = await db.dataSource.query(
    `SELECT e.id, e.visibility FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id WHERE c.tracking_code = $1 ORDER BY e.seq`, [c.trackingCode],
  );
  eventIds = rows.map((r) => toGlobalId('ComplaintEvent', r.id));
  internalIds = rows.filter((r) => r.visibility === 'INTERNAL').map((r) => toGlobalId('ComplaintEvent', r.id));
  expect(internalIds.length).toBeGreaterThan(0);
  expect(internalIds.length).toBeLessThan(eventIds.length);
});

/** What `nodes` answers for every event of the complaint, and what the caller's timeline of it shows. */
async function fetched(client: Client) {
  const { body } = await client(NODES, { ids: eventIds });
  expect(body.errors).toBeUndefined();
  const timeline = (await client(TIMELINE, { id: complaintId })).body.data?.complaint?.timeline.edges.map((e: { node: unknown }) => e.node) ?? [];
  return { nodes: body.data.nodes as ({ id: string; visibility: string } | null)[], timeline };
}

describe('node(id) of a ComplaintEvent', () => {
  it.each([['the village office handling it', village], ['the district above it', district], ['the auditor', auditor]] as const)('%s: every event, internal notes too, as in its timeline', async (_who, client) => {
    const { nodes, timeline } = await fetched(client);
    expect(nodes.map((n) => n?.id)).toEqual(eventIds);
    expect(nodes).toEqual(timeline);
  });

  it.each([['the submitting portal', portal], ['the bank it was referred to', bri]] as const)('%s: the public events only, as in its timeline; internal ones are null', async (_who, client) => {
    const { nodes, timeline } = await fetched(client);
    expect(nodes.filter(Boolean)).toEqual(timeline);
    expect(timeline.length).toBe(eventIds.length - internalIds.length);
    nodes.forEach((node, i) => expect(node === null, eventIds[i]).toBe(internalIds.includes(eventIds[i])));
  });

  it.each([['another region’s handler', surabaya], ['a bank it was not referred to', bni], ['the public', anyone]] as const)('%s: null for each, as for an id that does not exist', async (_who, client) => {
    const { nodes } = await fetched(client);
    expect(nodes).toEqual(eventIds.map(() => null));
  });

  it('node(id) answers the same as nodes(ids), and null for a well-formed id of no event', async () => {
    const [first] = eventIds;
    expect((await village(NODE, { id: first })).body.data.node).toMatchObject({ id: first, seq: 1, type: 'SUBMITTED', visibility: 'PUBLIC' });
    expect((await portal(NODE, { id: internalIds[0] })).body.data.node).toBeNull();
    expect((await village(NODE, { id: toGlobalId('ComplaintEvent', randomUUID()) })).body.data.node).toBeNull();
    const malformed = (await village(NODE, { id: toGlobalId('ComplaintEvent', 'not-a-uuid') })).body;
    expect(malformed.errors).toBeUndefined();
    expect(malformed.data.node).toBeNull();
  });
});
