import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { complaintInput } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { ok, organisationId, run, submitted } from '../support/handling';
import { useTestServer } from '../support/server';
import { minimalPdf } from '../evidence/evidence-fixtures';
import { startRunner, TestRunner, WebhookReceiver } from '../webhooks/receiver';
import { asOfficer } from './officer-support';

/**
 * With an officer token (token exchange, docs/adr/0030-officers.md) every step names the officer and the organisation:
 * timeline events, personal-data reads (and the auditor's filter), evidence downloads, webhook bodies; and a complaint
 * can be assigned to an officer of the office. The same steps with a plain client token name no officer, as before.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const receiver = new WebhookReceiver(() => Date.now());
let runner: TestRunner;

const SARI = { id: 'sari.w', name: 'Sari Wulandari' };
const BUDI = { id: 'NIP-198203142005011002', name: 'Budi Santoso' };
const AYU = { id: 'ayu.portal', name: 'Ayu Lestari' };
const officer = {
  village: asOfficer(api, 'demo-village-3273011001', SARI),
  district: asOfficer(api, 'demo-dinsos-3273', BUDI),
  portal: asOfficer(api, 'demo-portal-3273', AYU),
};
const client = {
  village: as(api, 'demo-village-3273011001'),
  district: as(api, 'demo-dinsos-3273'),
  portal: as(api, 'demo-portal-3273'),
  auditor: as(api, 'demo-auditor'),
};

const TIMELINE = `query ($id: ID!) { complaint(id: $id) { timeline(first: 50) { edges { node { type actorName actorOfficer { id name } } } } } }`;
const timelineOf = async (caller: typeof client.district, id: string) =>
  ((await caller(TIMELINE, { id })).body.data.complaint.timeline.edges as { node: { type: string; actorName: string | null; actorOfficer: { id: string; name: string } | null } }[]).map((e) => e.node);

const LOG = `query ($s: String, $o: String, $org: ID) { personalDataAccessLog(first: 50, subjectId: $s, officerId: $o, organisationId: $org) {
  totalCount edges { node { clientId organisationName subjectType field officer { id name } } } } }`;

let villageOffice = '';
let districtOffice = '';
beforeAll(async () => {
  villageOffice = await organisationId(db, 'Kelurahan Sukarasa');
  districtOffice = await organisationId(db, 'Dinas Sosial Kota Bandung');
  await receiver.start();
  runner = await startRunner(db, () => Date.now());
  const { body } = await client.district(`mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { userErrors { code } } }`, {
    input: { idempotencyKey: randomUUID(), url: receiver.url('/district'), eventTypes: ['COMPLAINT_STATUS_CHANGED'] },
  });
  expect(body.data.createWebhookSubscription.userErrors).toEqual([]);
});

afterAll(async () => {
  await runner?.stop();
  await receiver.stop();
});

describe('timeline events name the officer', () => {
  it('a submission and a verification by officers: each event names its officer to handlers; the portal sees no actor, as before', async () => {
    const { body } = await officer.portal(`mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { complaint { id version } userErrors { code } } }`, {
      input: complaintInput(),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.submitComplaint.userErrors).toEqual([]);
    const c = body.data.submitComplaint.complaint;
    await ok(officer.village, 'verifyComplaint', { complaintId: c.id, version: c.version });
    await ok(client.district, 'addInternalNote', { complaintId: c.id, version: c.version + 1, note: 'Dicek ke bank penyalur.' });

    expect(await timelineOf(client.district, c.id)).toEqual([
      { type: 'SUBMITTED', actorName: 'Portal Pengaduan Warga Kota Bandung', actorOfficer: AYU },
      { type: 'VERIFIED', actorName: 'Kantor Kelurahan Sukarasa (Puskesos)', actorOfficer: SARI },
      { type: 'INTERNAL_NOTE', actorName: 'Dinas Sosial Kota Bandung', actorOfficer: null },
    ]);
    expect(await timelineOf(client.portal, c.id)).toEqual([
      { type: 'SUBMITTED', actorName: null, actorOfficer: null },
      { type: 'VERIFIED', actorName: null, actorOfficer: null },
    ]);
    // Stored against the officer's row of the acting organisation, with the name as it was.
    const events = await db.dataSource.query(
      `SELECT e.type, e.actor_officer_name AS name, f.external_id AS "externalId", f.organisation_id = e.actor_organisation_id AS "sameOrganisation"
         FROM complaint_events e LEFT JOIN officers f ON f.id = e.actor_officer_id WHERE e.complaint_id = $1 ORDER BY e.seq`,
      [fromGlobalId(c.id)!.key],
    );
    expect(events).toEqual([
      { type: 'SUBMITTED', name: AYU.name, externalId: AYU.id, sameOrganisation: true },
      { type: 'VERIFIED', name: SARI.name, externalId: SARI.id, sameOrganisation: true },
      { type: 'INTERNAL_NOTE', name: null, externalId: null, sameOrganisation: null },
    ]);
  });
});

describe('webhook bodies name the officer and the organisation', () => {
  it('a status change by an officer carries actor { organisation, officer }; one by a plain client carries no actor, as before', async () => {
    const byOfficer = await submitted(api);
    await ok(officer.village, 'verifyComplaint', { complaintId: byOfficer.id, version: byOfficer.version });
    const byClient = await submitted(api);
    await ok(client.village, 'verifyComplaint', { complaintId: byClient.id, version: byClient.version });

    const [fromOfficer] = await receiver.waitFor('/district', 1, 15_000, (b) => b.includes(byOfficer.trackingCode));
    const [fromClient] = await receiver.waitFor('/district', 1, 15_000, (b) => b.includes(byClient.trackingCode));
    const officerBody = JSON.parse(fromOfficer.body);
    expect(officerBody.type).toBe('COMPLAINT_STATUS_CHANGED');
    expect(officerBody.actor).toEqual({ organisation: { id: villageOffice, name: 'Kantor Kelurahan Sukarasa (Puskesos)' }, officer: SARI });
    expect(officerBody.data.complaint.trackingCode).toBe(byOfficer.trackingCode);
    expect(JSON.parse(fromClient.body)).not.toHaveProperty('actor');
  });
});

describe('personal-data reads name the officer; auditors filter by officer', () => {
  it('a NIK read by an officer is logged with their name; the auditor finds it by officerId (and organisationId)', async () => {
    const c = await submitted(api);
    const READ = 'query ($id: ID!) { complaint(id: $id) { complainant { nik phone } } }';
    expect((await officer.district(READ, { id: c.id })).body.data.complaint.complainant.nik).toBe('3273014507850001');
    await client.district(READ, { id: c.id });

    const all = (await client.auditor(LOG, { s: c.id })).body.data.personalDataAccessLog;
    const rows = all.edges.map((e: { node: unknown }) => e.node);
    expect(rows).toHaveLength(4);
    expect(rows.filter((r: { officer: unknown }) => r.officer !== null)).toEqual([
      expect.objectContaining({ clientId: 'demo-dinsos-3273', organisationName: 'Dinas Sosial Kota Bandung', officer: BUDI }),
      expect.objectContaining({ clientId: 'demo-dinsos-3273', organisationName: 'Dinas Sosial Kota Bandung', officer: BUDI }),
    ]);
    const byOfficer = (await client.auditor(LOG, { s: c.id, o: BUDI.id, org: districtOffice })).body;
    expect(byOfficer.errors).toBeUndefined();
    expect(byOfficer.data.personalDataAccessLog.totalCount).toBe(2);
    expect(byOfficer.data.personalDataAccessLog.edges.map((e: { node: { field: string } }) => e.node.field).sort()).toEqual(['complainant.nik', 'complainant.phone']);
    expect((await client.auditor(LOG, { o: BUDI.id, org: villageOffice })).body.data.personalDataAccessLog.totalCount).toBe(0);
    expect((await client.auditor(LOG, { o: 'nobody' })).body.data.personalDataAccessLog.totalCount).toBe(0);
    const refused = await client.auditor(LOG, { org: 'not-an-id' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an evidence download through a URL minted for an officer is logged with the officer; the officer cannot be stripped from the URL', async () => {
    const c = await submitted(api);
    const pdf = minimalPdf();
    const requested = (await client.portal(`mutation ($input: RequestEvidenceUploadInput!) { requestEvidenceUpload(input: $input) { upload { url } userErrors { code } } }`, {
      input: { idempotencyKey: randomUUID(), complaintId: c.id, fileName: 'surat.pdf', contentType: 'application/pdf', size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex'), kind: 'LETTER' },
    })).body.data.requestEvidenceUpload;
    expect(requested.userErrors).toEqual([]);
    expect((await fetch(requested.upload.url, { method: 'PUT', body: pdf })).status).toBe(201);

    const EVIDENCE = 'query ($id: ID!) { complaint(id: $id) { evidence { id download { url } } } }';
    const [evidence] = (await officer.district(EVIDENCE, { id: c.id })).body.data.complaint.evidence;
    const url = new URL(evidence.download.url);
    expect(url.searchParams.get('officer')).toMatch(/^[0-9a-f-]{36}$/);
    const stripped = new URL(url);
    stripped.searchParams.delete('officer');
    expect((await fetch(stripped)).status).toBe(403);
    const downloaded = await fetch(url);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(pdf)).toBe(true);

    const [plain] = (await client.district(EVIDENCE, { id: c.id })).body.data.complaint.evidence;
    expect(new URL(plain.download.url).searchParams.has('officer')).toBe(false);
    expect((await fetch(plain.download.url)).status).toBe(200);

    const log = (await client.auditor(LOG, { s: evidence.id })).body.data.personalDataAccessLog;
    expect(log.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { clientId: 'demo-dinsos-3273', organisationName: 'Dinas Sosial Kota Bandung', subjectType: 'Evidence', field: 'content', officer: null },
      { clientId: 'demo-dinsos-3273', organisationName: 'Dinas Sosial Kota Bandung', subjectType: 'Evidence', field: 'content', officer: BUDI },
    ]);
  });
});

describe('assignComplaint to an officer of the office', () => {
  const ASSIGNED = 'complaint { id version assignedTo { name } assignedOfficerName assignedOfficer { id name } }';

  it('names the officer by the office’s own id: shown on the complaint to handlers and auditors, not to the portal', async () => {
    const c = await submitted(api);
    await ok(client.village, 'verifyComplaint', { complaintId: c.id, version: 1 });
    const payload = await ok(officer.district, 'assignComplaint', { complaintId: c.id, version: 2, organisationId: villageOffice, officer: SARI }, ASSIGNED);
    expect(payload.complaint).toMatchObject({ assignedTo: { name: 'Kantor Kelurahan Sukarasa (Puskesos)' }, assignedOfficerName: SARI.name, assignedOfficer: SARI });
    // The officer is the village office's (whose sign-in named Sari above): the same row its own token uses.
    const rows = await db.dataSource.query(`SELECT count(*)::int AS n FROM officers WHERE external_id = $1`, [SARI.id]);
    expect(rows[0].n).toBe(1);
    const READ = 'query ($id: ID!) { complaint(id: $id) { assignedOfficerName assignedOfficer { id name } } }';
    expect((await client.auditor(READ, { id: c.id })).body.data.complaint).toEqual({ assignedOfficerName: SARI.name, assignedOfficer: SARI });
    expect((await client.portal(READ, { id: c.id })).body.data.complaint).toEqual({ assignedOfficerName: null, assignedOfficer: null });
    // The inbox filters by the assigned officer.
    const INBOX = 'query ($f: ComplaintFilter) { complaints(first: 50, filter: $f) { edges { node { id } } } }';
    const mine = (await officer.village(INBOX, { f: { assignedOfficerId: SARI.id } })).body.data.complaints.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(mine).toEqual([c.id]);
    // Not a question the portal may ask: it does not see who the officer is.
    const asked = await client.portal(INBOX, { f: { assignedOfficerId: SARI.id } });
    expect(asked.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    // Reassigning without an officer clears it; the free-text name stays the caller's.
    const again = await ok(client.district, 'assignComplaint', { complaintId: c.id, version: 3, organisationId: districtOffice, officerName: 'Pak Dedi' }, ASSIGNED);
    expect(again.complaint).toMatchObject({ assignedOfficerName: 'Pak Dedi', assignedOfficer: null });
    expect((await officer.village(INBOX, { f: { assignedOfficerId: SARI.id } })).body.data.complaints.edges).toEqual([]);
  });

  it('refuses an empty officer id or a name too long (INVALID_INPUT on the field), changing nothing', async () => {
    const c = await submitted(api);
    await ok(client.village, 'verifyComplaint', { complaintId: c.id, version: 1 });
    const emptyId = await run(client.district, 'assignComplaint', { complaintId: c.id, version: 2, organisationId: districtOffice, officer: { id: ' ', name: 'X' } });
    expect(emptyId.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'officer', 'id'] })]);
    const longName = await run(client.district, 'assignComplaint', { complaintId: c.id, version: 2, organisationId: districtOffice, officer: { id: 'x-1', name: 'n'.repeat(151) } });
    expect(longName.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'officer', 'name'] })]);
    const email = await run(client.district, 'assignComplaint', { complaintId: c.id, version: 2, organisationId: districtOffice, officer: { id: 'dedi@dinsos.go.id', name: 'Dedi' } });
    expect(email.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'officer', 'id'], message: expect.stringContaining('e-mail') })]);
    const [row] = await db.dataSource.query('SELECT version, assigned_officer_id FROM complaints WHERE id = $1', [fromGlobalId(c.id)!.key]);
    expect(row).toEqual({ version: 2, assigned_officer_id: null });
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM officers WHERE external_id = 'x-1'`))[0].n).toBe(0);
  });
});
