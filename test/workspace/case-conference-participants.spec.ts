import { randomUUID } from 'node:crypto';
import type { WorkerUtils } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../sdk/src/index';
import { useTestDatabase } from '../support/database';
import { clients, Client, ok, organisationId, submitted } from '../support/handling';
import { useTestServer } from '../support/server';
import { eventually, startRunner, TestRunner, WebhookReceiver, workerUtils } from '../webhooks/receiver';

/**
 * Case-conference participants (docs/adr/0031-workspace-api.md): a bank invited reads the conference and the actions
 * it owns — not another organisation's — and hears of its invitation by webhook; a bank not invited does neither.
 */
let clock = Date.now();
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => clock });
const receiver = new WebhookReceiver(() => clock);
const { village, district, bri, bni } = clients(api);
let runner: TestRunner;
let utils: WorkerUtils;
const secrets: Record<string, string> = {};

const CREATE = `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { signingSecret userErrors { code } } }`;
const CONFERENCE = `query ($id: ID!) { node(id: $id) { ... on CaseConference { id agenda location status participants { name } actions { description responsibleOrganisation { name } } } } }`;
const LIST = `{ caseConferences(first: 50) { totalCount edges { node { id agenda } } } }`;

async function subscribe(name: string, as: Client) {
  const { body } = await as(CREATE, { input: { idempotencyKey: randomUUID(), url: receiver.url(`/${name}`), eventTypes: ['CASE_CONFERENCE_INVITED'] } });
  expect(body.data.createWebhookSubscription.userErrors).toEqual([]);
  secrets[name] = body.data.createWebhookSubscription.signingSecret;
}

beforeAll(async () => {
  await receiver.start();
  utils = await workerUtils(db);
  runner = await startRunner(db, () => clock);
  await subscribe('bri', bri);
  await subscribe('bni', bni);
  await subscribe('village', village);
});

afterAll(async () => {
  await runner?.stop();
  await utils?.release();
  await receiver.stop();
});

describe('an invited bank', () => {
  it('BRI invited reads the conference and its own action, and hears of it by webhook; BNI reads nothing and hears nothing', async () => {
    const [bankBri, villageOffice] = [await organisationId(db, 'Bank Rakyat Indonesia'), await organisationId(db, 'Kelurahan Sukarasa')];
    const c = await submitted(api);
    const scheduled = await ok(district, 'scheduleCaseConference', {
      idempotencyKey: randomUUID(), complaintIds: [c.id], participantIds: [bankBri, villageOffice],
      scheduledAt: new Date(clock + 2 * 86_400_000).toISOString(), location: 'Aula Dinsos', agenda: 'Rekening KKS pasif.',
    }, 'caseConference { id }');
    const id = scheduled.caseConference.id;

    // Told: BRI and the village office, each of its own invitation; BNI not; the convener not.
    const [received] = await eventually(async () => { const r = receiver.received.filter((x) => x.path === '/bri'); return r.length ? r : null; }, 15_000, 'BRI’s webhook');
    const event = await verifyWebhook({ secret: secrets.bri, body: received.body, headers: received.headers as Record<string, string>, now: new Date(received.clock) });
    expect(event.type).toBe('CASE_CONFERENCE_INVITED');
    expect(event.data).toEqual({ caseConference: { id, scheduledAt: expect.any(String), complaintCount: 1 } });
    expect(received.body).not.toMatch(/Siti|3273014507850001|0812/);
    await eventually(async () => receiver.received.some((x) => x.path === '/village'), 15_000, 'the village office’s webhook');
    const toBni = await db.dataSource.query(`SELECT count(*)::int AS count FROM webhook_deliveries d JOIN organisations o ON o.id = d.organisation_id WHERE o.bank_code = 'BNI' AND d.event_type = 'CASE_CONFERENCE_INVITED'`);
    expect(toBni[0].count).toBe(0);

    await ok(district, 'recordCaseConference', {
      caseConferenceId: id, decisions: 'Bank mengaktifkan rekening; kelurahan memverifikasi alamat.',
      actions: [
        { description: 'Aktifkan kembali rekening KKS.', responsibleOrganisationId: bankBri },
        { description: 'Verifikasi alamat KPM.', responsibleOrganisationId: villageOffice },
      ],
    }, 'caseConference { id status }');

    const seenByBri = (await bri(CONFERENCE, { id })).body;
    expect(seenByBri.errors).toBeUndefined();
    expect(seenByBri.data.node).toMatchObject({ id, agenda: 'Rekening KKS pasif.', status: 'HELD' });
    expect(seenByBri.data.node.actions).toEqual([{ description: 'Aktifkan kembali rekening KKS.', responsibleOrganisation: { name: expect.stringContaining('Bank Rakyat Indonesia') } }]);
    expect((await district(CONFERENCE, { id })).body.data.node.actions).toHaveLength(2);
    expect((await bri(LIST)).body.data.caseConferences.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);

    const seenByBni = (await bni(CONFERENCE, { id })).body;
    expect(seenByBni.errors).toBeUndefined();
    expect(seenByBni.data.node).toBeNull();
    expect((await bni(LIST)).body.data.caseConferences.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(id);

    // The invited bank cannot record it (it stays the offices' work).
    const recordedByBri = (await bri('mutation ($id: ID!) { recordCaseConference(input: { caseConferenceId: $id, decisions: "x", actions: [] }) { userErrors { code } } }', { id })).body;
    expect(recordedByBri.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
