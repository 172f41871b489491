import { randomUUID } from 'node:crypto';
import type { WorkerUtils } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook, type WebhookEvent } from '../../sdk/src/index';
import { ComplaintStatus } from '../../server/src/common/enums';
import { seedBankDisbursements } from '../../server/src/demo/bank-disbursements';
import { applyChange } from '../../server/src/complaints/complaint-change';
import { ComplaintEventType, EventVisibility } from '../../server/src/complaints/complaint-event.entity';
import { COMPLAINT_COLUMNS } from '../../server/src/complaints/complaint.row';
import { sweepSla } from '../../server/src/escalation/sla-sweep';
import { fromGlobalId, toGlobalId } from '../../server/src/graphql/global-id';
import { sweepWebhookDeliveries } from '../../server/src/webhooks/webhook-sweep';
import { RETRY_DELAYS_MS } from '../../server/src/webhooks/retry-schedule';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { demoDisbursements, item, REPORT, reportInput, RESOLVE } from '../support/disbursements';
import { Client, ok, submitted } from '../support/handling';
import { useTestServer } from '../support/server';
import { deliveriesTo, eventually, jobOf, Received, startRunner, TestRunner, WebhookReceiver, workerUtils } from './receiver';

/**
 * Webhooks end to end: the real server and its mutations, the real job runner
 * (graphile-worker) on the same PostgreSQL, and a receiver on 127.0.0.1 that
 * records what arrives and can be told to fail, hang and recover. Time is a
 * controllable clock: retries hours apart are run by moving the clock and
 * asking graphile-worker to run the waiting job now, never by sleeping.
 */
let clock = Date.now();
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => clock });
const receiver = new WebhookReceiver(() => clock);
const TIMEOUT_MS = 600;
let runner: TestRunner;
let utils: WorkerUtils;

const client = {
  district: as(api, 'demo-dinsos-3273'),
  village: as(api, 'demo-village-3273011001'),
  province: as(api, 'demo-province-32'),
  surabaya: as(api, 'demo-dinsos-3578'),
  portal: as(api, 'demo-portal-3273'),
  lks: as(api, 'demo-ngo-lks'),
  bri: as(api, 'demo-bank-bri'),
  bni: as(api, 'demo-bank-bni'),
};

const CREATE = `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
  subscription { id url eventTypes enabled } signingSecret userErrors { field code message } } }`;
const DELIVERIES = `query ($subscriptionId: ID, $first: Int) { webhookDeliveries(subscriptionId: $subscriptionId, first: $first) { totalCount edges { node {
  id eventId eventType status attemptCount nextAttemptAt deliveredAt payload subscription { id }
  attempts { number at durationMs result statusCode error } } } } }`;
const SUBSCRIPTIONS = '{ webhookSubscriptions { id enabled disabledAt disabledReason disabledAutomatically failingSince consecutiveFailures lastSuccessAt } }';

interface Subscription { id: string; uuid: string; secret: string; path: string }
const subscriptions: Record<string, Subscription> = {};

async function subscribe(name: string, as: Client, eventTypes: string[], path = `/${name}`): Promise<Subscription> {
  const { body } = await as(CREATE, { input: { idempotencyKey: randomUUID(), url: receiver.url(path), eventTypes } });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const payload = body.data.createWebhookSubscription;
  expect(payload.userErrors).toEqual([]);
  const subscription = { id: payload.subscription.id, uuid: fromGlobalId(payload.subscription.id)!.key, secret: payload.signingSecret, path };
  subscriptions[name] = subscription;
  return subscription;
}

/** Verifies a received delivery with the SDK's helper, against the clock when it arrived. */
async function verified(received: Received, secret: string): Promise<WebhookEvent> {
  return verifyWebhook({ secret, body: received.body, headers: received.headers as Record<string, string>, now: new Date(received.clock) });
}

/** Deliveries written for a subscription, optionally about one complaint or issue (straight from the outbox table). */
async function deliveriesOf(subscription: Subscription, about?: string): Promise<{ id: string; eventType: string; status: string; attemptCount: number; body: string }[]> {
  return db.dataSource.query(
    `SELECT id, event_type AS "eventType", status, attempt_count AS "attemptCount", body FROM webhook_deliveries
      WHERE subscription_id = $1 AND ($2::text IS NULL OR body LIKE '%' || $2 || '%') ORDER BY created_at, id`,
    [subscription.uuid, about ?? null],
  );
}

const delivery = async (id: string) => (await db.dataSource.query(
  `SELECT status, attempt_count AS "attemptCount", next_attempt_at AS "nextAttemptAt", delivered_at AS "deliveredAt" FROM webhook_deliveries WHERE id = $1`, [id],
))[0];

/** Moves the clock to a delivery's next attempt and has graphile-worker run its job now; answers when that attempt is recorded. */
async function runNextAttempt(deliveryId: string): Promise<void> {
  const before = await delivery(deliveryId);
  const job = await jobOf(db, deliveryId);
  expect(job, 'a job waits for the next attempt').toBeDefined();
  expect(job!.runAt.getTime(), 'the job runs when the delivery says').toBe(before.nextAttemptAt.getTime());
  clock = before.nextAttemptAt.getTime();
  await utils.rescheduleJobs([job!.id], { runAt: new Date() });
  await eventually(async () => (await delivery(deliveryId)).attemptCount > before.attemptCount, 15_000, `attempt ${before.attemptCount + 1}`);
}

const organisationOf = async (c: Client) => (await c('{ viewer { organisation { id } } }')).body.data.viewer.organisation.id as string;

beforeAll(async () => {
  await receiver.start();
  utils = await workerUtils(db);
  runner = await startRunner(db, () => clock, { timeoutMs: TIMEOUT_MS });
  await subscribe('district', client.district, ['COMPLAINT_STATUS_CHANGED', 'COMPLAINT_SLA_BREACHED']);
  await subscribe('province', client.province, ['DISBURSEMENT_ISSUE_RESOLVED']);
  await subscribe('surabaya', client.surabaya, ['COMPLAINT_STATUS_CHANGED', 'COMPLAINT_REFERRED', 'COMPLAINT_SLA_BREACHED', 'DISBURSEMENT_ISSUE_RESOLVED']);
  await subscribe('portal', client.portal, ['COMPLAINT_STATUS_CHANGED']);
  await subscribe('lks', client.lks, ['COMPLAINT_STATUS_CHANGED']);
  await subscribe('bri', client.bri, ['COMPLAINT_STATUS_CHANGED', 'COMPLAINT_REFERRED', 'DISBURSEMENT_ISSUE_RESOLVED']);
  await subscribe('bni', client.bni, ['COMPLAINT_STATUS_CHANGED', 'COMPLAINT_REFERRED', 'DISBURSEMENT_ISSUE_RESOLVED']);
});

afterAll(async () => {
  await runner?.stop();
  await utils?.release();
  await receiver.stop();
});

describe('events reach exactly the organisations that may read them, signed', () => {
  let complaint: Awaited<ReturnType<typeof submitted>>;

  it('a status change (a village office verifies): the district and the submitting portal, within moments; nobody else', async () => {
    complaint = await submitted(api);
    const started = performance.now();
    const verifiedComplaint = (await ok(client.village, 'verifyComplaint', { complaintId: complaint.id, version: complaint.version })).complaint;
    // "Attempt 1 at once, when the change commits" (retry-schedule.ts): it arrives as attempt 1 (below), sooner
    // than the schedule's first retry would bring it — not deferred, and not found later by a sweep.
    const [atDistrict] = await receiver.waitFor('/district', 1, RETRY_DELAYS_MS[0]);
    const [atPortal] = await receiver.waitFor('/portal', 1, RETRY_DELAYS_MS[0]);
    const latency = Math.max(atDistrict.arrivedAt, atPortal.arrivedAt) - started;
    console.info(`status change → delivered to both subscribers: ${latency.toFixed(0)} ms after the mutation was sent`);
    expect(latency).toBeLessThan(RETRY_DELAYS_MS[0]);

    for (const [received, subscription] of [[atDistrict, subscriptions.district], [atPortal, subscriptions.portal]] as const) {
      const event = await verified(received, subscription.secret);
      expect(event).toMatchObject({
        type: 'COMPLAINT_STATUS_CHANGED',
        data: { previousStatus: 'RECEIVED', complaint: { id: complaint.id, trackingCode: complaint.trackingCode, status: 'VERIFIED', currentTier: 'VILLAGE', version: verifiedComplaint.version } },
      });
      expect(received.event).toBe('COMPLAINT_STATUS_CHANGED');
      expect(received.attempt).toBe(1);
      expect(received.id).toBe(event.id);
      expect(fromGlobalId(received.id)?.typeName).toBe('WebhookDelivery');
      // Thin: nothing of the complainant, the description, or anything beyond ids, codes, states and times.
      for (const personal of ['Siti Aminah', '0812', '3273014507850001', 'Sudah tiga bulan']) expect(received.body).not.toContain(personal);
      expect(Object.keys((event.data as { complaint: object }).complaint).sort()).toEqual(['currentTier', 'id', 'status', 'trackingCode', 'updatedAt', 'version']);
    }
    // Two deliveries of one event: one eventId, two delivery ids.
    const [districtEvent, portalEvent] = [JSON.parse(atDistrict.body), JSON.parse(atPortal.body)];
    expect(districtEvent.eventId).toBe(portalEvent.eventId);
    expect(atDistrict.id).not.toBe(atPortal.id);
    // The other city, another NGO, and banks it is not referred to hear nothing: not even a row is written for them.
    for (const name of ['surabaya', 'lks', 'bri', 'bni', 'province']) expect(await deliveriesOf(subscriptions[name], complaint.id), name).toEqual([]);
  });

  it('a referral to a bank: that bank hears of it (and of the status change it brings), the other bank does not', async () => {
    const current = (await client.district('query ($id: ID!) { complaint(id: $id) { version } }', { id: complaint.id })).body.data.complaint;
    const bri = await organisationOf(client.bri);
    const referred = await ok(client.district, 'referComplaint', {
      idempotencyKey: randomUUID(), complaintId: complaint.id, version: current.version, organisationId: bri, reason: 'Mohon cek status rekening KKS keluarga ini.',
    }, 'referral { id } complaint { status }');
    expect(referred.complaint.status).toBe('IN_PROGRESS');
    const atBri = await receiver.waitFor('/bri', 2);
    const events = await Promise.all(atBri.map((r) => verified(r, subscriptions.bri.secret)));
    const referral = events.find((e) => e.type === 'COMPLAINT_REFERRED');
    expect(referral?.data).toMatchObject({ complaint: { id: complaint.id, status: 'IN_PROGRESS' }, referral: { id: referred.referral.id, organisationId: bri } });
    expect(events.find((e) => e.type === 'COMPLAINT_STATUS_CHANGED')?.data).toMatchObject({ previousStatus: 'VERIFIED', complaint: { status: 'IN_PROGRESS' } });
    expect(await deliveriesOf(subscriptions.bni, complaint.id)).toEqual([]);
    // The district is subscribed to status changes, not referrals: the status change only.
    expect((await deliveriesOf(subscriptions.district, complaint.id)).map((d) => d.eventType)).toEqual(['COMPLAINT_STATUS_CHANGED', 'COMPLAINT_STATUS_CHANGED']);
  });

  it('a bank resolves a failed transfer: the bank, and the province whose recipient it is; not the other city, the other bank, or an office not subscribed to it', async () => {
    await seedBankDisbursements(db.dataSource, { bankCode: 'BRI', programCode: 'BPNT', period: '2026-10', count: 3, amount: 200_000, seriesStart: 70_000 });
    const [family] = await demoDisbursements(db, 'BRI', 'BPNT', '2026-10', { regionPrefix: '32.73.01.1001', quiet: true });
    // A complaint about the family first: the bank's report links it and refers it to the bank, which hears of that too.
    const aboutFamily = await submitted(api, { programCode: 'BPNT', category: 'NOT_RECEIVED', subjectNik: family.nik, occurredOn: '2026-10-25' });
    const briBefore = receiver.at('/bri').length;
    const { body } = await client.bri(REPORT, { input: reportInput('2026-10', [item(family.nik, '2026-10-20')]) });
    const issueId = body.data.reportDisbursementIssues.results[0].issue.id;
    const [autoReferral] = await receiver.waitFor('/bri', briBefore + 1).then((all) => all.slice(briBefore));
    expect(await verified(autoReferral, subscriptions.bri.secret)).toMatchObject({ type: 'COMPLAINT_REFERRED', data: { complaint: { id: aboutFamily.id } } });

    const resolved = await client.bri(RESOLVE, { input: { issueId, outcome: 'RESENT', resentOn: '2026-11-05' } });
    expect(resolved.body.data.resolveDisbursementIssue.userErrors).toEqual([]);
    const atBri = (await receiver.waitFor('/bri', briBefore + 2)).slice(briBefore + 1);
    const [atProvince] = await receiver.waitFor('/province', 1);
    for (const [received, subscription] of [[atBri[0], subscriptions.bri], [atProvince, subscriptions.province]] as const) {
      expect(await verified(received, subscription.secret)).toMatchObject({
        type: 'DISBURSEMENT_ISSUE_RESOLVED',
        data: { disbursementIssue: { id: issueId, status: 'RESENT', resentOn: '2026-11-05', programCode: 'BPNT', period: '2026-10' } },
      });
      expect(received.body).not.toContain(family.nik);
    }
    for (const name of ['surabaya', 'bni', 'district', 'portal']) {
      expect((await deliveriesOf(subscriptions[name], issueId)).filter((d) => d.eventType === 'DISBURSEMENT_ISSUE_RESOLVED'), name).toEqual([]);
    }
  });

  it('an SLA breach found by the sweep: handlers in jurisdiction, for every breached complaint and only theirs', async () => {
    const late = await submitted(api);
    clock += 30 * 86_400_000;
    const swept = await sweepSla(db.dataSource, new Date(clock));
    expect(swept.escalated).toBeGreaterThan(0);
    const districtBreaches = (await deliveriesOf(subscriptions.district)).filter((d) => d.eventType === 'COMPLAINT_SLA_BREACHED');
    const mine = districtBreaches.find((d) => d.body.includes(late.id))!;
    expect(JSON.parse(mine.body).data).toMatchObject({ complaint: { id: late.id }, breach: { tier: 'VILLAGE' } });
    // Each breach told to an office is about a complaint in its own city, never the other's.
    for (const [name, districtCode] of [['district', '32.73'], ['surabaya', '35.78']] as const) {
      const breaches = (await deliveriesOf(subscriptions[name])).filter((d) => d.eventType === 'COMPLAINT_SLA_BREACHED');
      const ids = breaches.map((d) => fromGlobalId(JSON.parse(d.body).data.complaint.id)!.key);
      const codes: { district_code: string }[] = await db.dataSource.query('SELECT DISTINCT district_code FROM complaints WHERE id = ANY($1::uuid[])', [ids]);
      expect(codes.map((c) => c.district_code), name).toEqual(breaches.length ? [districtCode] : []);
    }
    // Intake clients and banks cannot subscribe to breaches (an internal event), so none were written for them.
    for (const name of ['portal', 'lks', 'bri', 'bni']) expect((await deliveriesOf(subscriptions[name])).filter((d) => d.eventType === 'COMPLAINT_SLA_BREACHED')).toEqual([]);
    const [atDistrict] = (await eventually(async () => {
      const arrived = receiver.at('/district').filter((r) => r.body.includes(late.id) && r.event === 'COMPLAINT_SLA_BREACHED');
      return arrived.length ? arrived : null;
    }, 30_000, 'the breach of the late complaint at the district'));
    expect(await verified(atDistrict, subscriptions.district.secret)).toMatchObject({ type: 'COMPLAINT_SLA_BREACHED', data: { complaint: { id: late.id } } });
  }, 90_000);

  it('no body anywhere carries a NIK, a phone number or a complainant’s name', async () => {
    expect(receiver.received.length).toBeGreaterThan(5);
    // Every name, NIK and phone number of every complaint in the database, and the shapes of NIKs and
    // phone numbers in any value that is not an identifier (a UUID or a global id may hold "08…" digits by chance).
    const personal: { value: string }[] = await db.dataSource.query(
      `SELECT DISTINCT v AS value FROM complaints, unnest(ARRAY[complainant_name, complainant_nik, complainant_phone, subject_nik]) AS v WHERE v IS NOT NULL`);
    expect(personal.length).toBeGreaterThan(10);
    // Each distinct text once, and one assertion over what leaked (an expect per text and value took seconds).
    const texts = new Set(receiver.received.flatMap((received) => nonIdentifierStrings(JSON.parse(received.body))));
    expect(texts.size).toBeGreaterThan(10);
    const leaked = [...texts].flatMap((text) => [
      ...(/(?<!\d)\d{16}(?!\d)|(?:\+?62|0)8\d{7,12}/.test(text) ? [`${text}: the shape of a NIK or phone number`] : []),
      ...personal.filter(({ value }) => text.includes(value)).map(({ value }) => `${text}: contains ${value}`),
    ]);
    expect(leaked).toEqual([]);
  });
});

/** The string values of a webhook body, leaving out identifiers (keys `id`, `…Id`). */
function nonIdentifierStrings(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /(^|[a-z])Id$|^id$/.test(key) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((item) => nonIdentifierStrings(item));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonIdentifierStrings(v, k));
  return [];
}

describe('retries', () => {
  it('a failing, then hanging, then failing receiver gets the same delivery with growing waits until it recovers', async () => {
    const flaky = await subscribe('flaky', client.lks, ['COMPLAINT_STATUS_CHANGED']);
    receiver.set(flaky.path, 'fail');
    const complaint = (await client.lks(SUBMIT, { input: complaintInput() })).body.data.submitComplaint;
    await ok(client.village, 'verifyComplaint', { complaintId: complaint.complaint.id, version: complaint.complaint.version });
    const [row] = await deliveriesOf(flaky);
    const deliveryId = row.id;
    await eventually(async () => (await delivery(deliveryId)).attemptCount === 1, 15_000, 'the first attempt');

    const waits: number[] = [];
    let previous = await delivery(deliveryId);
    const attemptAt = async (n: number) => (await db.dataSource.query('SELECT started_at FROM webhook_delivery_attempts WHERE delivery_id = $1 AND number = $2', [deliveryId, n]))[0].started_at as Date;
    waits.push(previous.nextAttemptAt.getTime() - (await attemptAt(1)).getTime());

    receiver.set(flaky.path, 'hang');
    await runNextAttempt(deliveryId);
    previous = await delivery(deliveryId);
    waits.push(previous.nextAttemptAt.getTime() - (await attemptAt(2)).getTime());

    receiver.set(flaky.path, 'fail');
    await runNextAttempt(deliveryId);
    previous = await delivery(deliveryId);
    waits.push(previous.nextAttemptAt.getTime() - (await attemptAt(3)).getTime());

    receiver.set(flaky.path, 'ok');
    await runNextAttempt(deliveryId);
    expect(await delivery(deliveryId)).toMatchObject({ status: 'DELIVERED', attemptCount: 4, nextAttemptAt: null });

    // The schedule's first three waits (no jitter in this runner): 10 s, 5 min, 30 min.
    expect(waits).toEqual(RETRY_DELAYS_MS.slice(0, 3));
    const arrived = receiver.at(flaky.path);
    expect(arrived.map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
    expect(new Set(arrived.map((r) => r.id)).size).toBe(1);
    expect(new Set(arrived.map((r) => r.body)).size).toBe(1);
    for (const received of arrived) expect((await verified(received, flaky.secret)).id).toBe(received.id);
    expect(new Set(arrived.map((r) => r.timestamp)).size).toBe(4); // each attempt signed anew, at its own time

    // The delivery log, as the subscriber reads it.
    const { body } = await client.lks(DELIVERIES, { subscriptionId: flaky.id, first: 10 });
    const [logged] = body.data.webhookDeliveries.edges.map((e: { node: any }) => e.node);
    expect(logged.id).toBe(arrived[0].id);
    expect(logged.payload).toBe(arrived[0].body);
    expect(logged.attempts.map((a: any) => [a.number, a.result, a.statusCode])).toEqual([[1, 'HTTP_ERROR', 500], [2, 'TIMEOUT', null], [3, 'HTTP_ERROR', 500], [4, 'SUCCESS', 200]]);
    expect(logged.attempts[0].error).toBe('HTTP 500');
    expect(logged.attempts[1].error).toMatch(/^no answer within 0\.6 s$/);
    // Ended by the sender's own timer (the receiver never answers): at the timeout, to the timer's precision —
    // a busy machine may run the timer late, not by twice the timeout.
    expect(logged.attempts[1].durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(logged.attempts[1].durationMs).toBeLessThan(TIMEOUT_MS * 3);
    const [subscription] = (await client.lks(SUBSCRIPTIONS)).body.data.webhookSubscriptions.filter((s: { id: string }) => s.id === flaky.id);
    expect(subscription).toMatchObject({ enabled: true, consecutiveFailures: 0, failingSince: null });
    expect(subscription.lastSuccessAt).not.toBeNull();
  });
});

describe('secret rotation', () => {
  it('during the overlap each delivery carries both signatures; after it, only the new secret verifies', async () => {
    const rotating = await subscribe('rotating', client.lks, ['COMPLAINT_STATUS_CHANGED']);
    const { body } = await client.lks(`mutation ($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { signingSecret userErrors { code } } }`,
      { input: { subscriptionId: rotating.id, previousSecretValidHours: 1 } });
    const newSecret = body.data.rotateWebhookSecret.signingSecret as string;
    const event = async () => {
      const complaint = (await client.lks(SUBMIT, { input: complaintInput() })).body.data.submitComplaint;
      await ok(client.village, 'verifyComplaint', { complaintId: complaint.complaint.id, version: complaint.complaint.version });
    };
    await event();
    const [during] = await receiver.waitFor(rotating.path, 1);
    expect(during.signature).toMatch(/^v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect((await verified(during, rotating.secret)).id).toBe(during.id);
    expect((await verified(during, newSecret)).id).toBe(during.id);

    clock += 61 * 60_000;
    await event();
    const [, after] = await receiver.waitFor(rotating.path, 2);
    expect(after.signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect((await verified(after, newSecret)).id).toBe(after.id);
    await expect(verified(after, rotating.secret)).rejects.toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
  });
});

describe('an endpoint down for more than a day', () => {
  it('is disabled after a delivery runs out of attempts, with why; re-enabled, it gets what failed, with the same ids', async () => {
    const down = await subscribe('down', client.lks, ['COMPLAINT_STATUS_CHANGED']);
    receiver.set(down.path, 'fail');
    const event = async () => {
      const complaint = (await client.lks(SUBMIT, { input: complaintInput() })).body.data.submitComplaint;
      await ok(client.village, 'verifyComplaint', { complaintId: complaint.complaint.id, version: complaint.complaint.version });
      return complaint.complaint.id as string;
    };
    const firstComplaint = await event();
    const [first] = await deliveriesOf(down, firstComplaint);
    await eventually(async () => (await delivery(first.id)).attemptCount === 1, 15_000, 'the first attempt');
    const failedSince = clock;
    let second: { id: string } | undefined;
    for (let attempt = 2; attempt <= 8; attempt += 1) {
      await runNextAttempt(first.id);
      if (attempt === 3) {
        // Another event while the endpoint is down: queued, and failing in its turn.
        [second] = await deliveriesOf(down, await event());
        await eventually(async () => (await delivery(second!.id)).attemptCount === 1, 15_000, 'the second delivery’s first attempt');
      }
    }
    expect(clock - failedSince).toBeGreaterThan(24 * 3_600_000);
    expect(await delivery(first.id)).toMatchObject({ status: 'FAILED', attemptCount: 8, nextAttemptAt: null });
    // The second delivery was waiting for a retry: failed with the subscription, not left pending.
    expect(await delivery(second!.id)).toMatchObject({ status: 'FAILED' });
    const [disabled] = (await client.lks(SUBSCRIPTIONS)).body.data.webhookSubscriptions.filter((s: { id: string }) => s.id === down.id);
    expect(disabled).toMatchObject({ enabled: false, disabledAutomatically: true });
    expect(disabled.consecutiveFailures).toBeGreaterThanOrEqual(9);
    expect(disabled.disabledReason).toContain('Dinonaktifkan otomatis');
    expect(disabled.disabledReason).toContain(new Date(failedSince).toISOString());
    expect(disabled.disabledReason).toContain('HTTP 500');

    // While disabled: an event is not written for it, and nothing is sent.
    const whileDisabled = await event();
    expect(await deliveriesOf(down, whileDisabled)).toEqual([]);
    const sentBefore = receiver.at(down.path).length;

    receiver.set(down.path, 'ok');
    const { body } = await client.lks(`mutation ($input: EnableWebhookSubscriptionInput!) { enableWebhookSubscription(input: $input) {
      subscription { enabled disabledReason failingSince consecutiveFailures } redeliveries userErrors { code } } }`, { input: { subscriptionId: down.id, redeliverFailed: true } });
    expect(body.data.enableWebhookSubscription).toMatchObject({
      subscription: { enabled: true, disabledReason: null, failingSince: null, consecutiveFailures: 0 }, redeliveries: 2, userErrors: [],
    });
    const again = (await receiver.waitFor(down.path, sentBefore + 2)).slice(sentBefore);
    const firstId = toGlobalId('WebhookDelivery', first.id);
    const secondId = toGlobalId('WebhookDelivery', second!.id);
    expect(again.map((r) => r.id).sort()).toEqual([firstId, secondId].sort());
    expect(again.find((r) => r.id === firstId)!.attempt).toBe(9);
    expect(again.find((r) => r.id === secondId)!.attempt).toBe(2);
    expect(again.find((r) => r.id === firstId)!.body).toBe(receiver.at(down.path)[0].body);
    await eventually(async () => (await delivery(first.id)).status === 'DELIVERED' && (await delivery(second!.id)).status === 'DELIVERED', 15_000, 'both redelivered');

    // One more, by hand (a receiver that lost what it processed): the same id and body again.
    const REDELIVER = `mutation ($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { delivery { id status attemptCount } userErrors { code } } }`;
    const redelivered = (await client.lks(REDELIVER, { input: { deliveryId: firstId } })).body.data.redeliverWebhook;
    expect(redelivered).toMatchObject({ delivery: { id: firstId, status: 'PENDING' }, userErrors: [] });
    const [last] = (await receiver.waitFor(down.path, sentBefore + 3)).slice(sentBefore + 2);
    expect(last).toMatchObject({ id: firstId, attempt: 10 });
    expect(last.body).toBe(receiver.at(down.path)[0].body);
    await eventually(async () => (await delivery(first.id)).status === 'DELIVERED', 15_000, 'the redelivery recorded');
  });
});

describe('delivered once', () => {
  it('a crash between the POST and its record: the receiver gets the same delivery id again, and one attempt is recorded', async () => {
    const crash = await subscribe('crash', client.lks, ['COMPLAINT_STATUS_CHANGED']);
    let broken = false;
    receiver.onRequest = async (received) => {
      if (received.path !== crash.path || broken) return;
      broken = true;
      // The POST has happened; the worker's bookkeeping after it will fail, as if the process died there.
      await db.dataSource.query(`ALTER TABLE webhook_delivery_attempts ADD CONSTRAINT crash_probe CHECK (false) NOT VALID`);
    };
    const complaint = (await client.lks(SUBMIT, { input: complaintInput() })).body.data.submitComplaint;
    await ok(client.village, 'verifyComplaint', { complaintId: complaint.complaint.id, version: complaint.complaint.version });
    const [row] = await deliveriesOf(crash);
    await receiver.waitFor(crash.path, 1);
    await eventually(async () => (await db.dataSource.query(`SELECT 1 FROM graphile_worker.jobs WHERE key = $1 AND last_error IS NOT NULL`, [`webhook:${row.id}`])).length > 0,
      15_000, 'the failed bookkeeping');
    await db.dataSource.query('ALTER TABLE webhook_delivery_attempts DROP CONSTRAINT crash_probe');
    receiver.onRequest = undefined;
    // A dead worker's job stays locked for hours; here it is gone: either way, no job will attempt it soon.
    await db.dataSource.query('SELECT graphile_worker.remove_job($1)', [`webhook:${row.id}`]);
    expect(await jobOf(db, row.id)).toBeUndefined();
    expect(await delivery(row.id)).toMatchObject({ status: 'PENDING', attemptCount: 0 });

    // Past the attempt's lease, the sweep finds it without an attempt under way and queues it again.
    clock += 3 * 60_000;
    expect(await sweepWebhookDeliveries(db.dataSource, new Date(clock))).toBeGreaterThanOrEqual(1);
    await eventually(async () => (await delivery(row.id)).status === 'DELIVERED', 15_000, 'the delivery after the crash');
    const arrived = receiver.at(crash.path);
    expect(arrived).toHaveLength(2);
    expect(arrived[0].id).toBe(arrived[1].id);
    expect(arrived[0].body).toBe(arrived[1].body);
    expect(await delivery(row.id)).toMatchObject({ attemptCount: 1 });
  });

  it('two job runners on one database deliver each of 30 deliveries exactly once', async () => {
    const second = await startRunner(db, () => clock, { timeoutMs: TIMEOUT_MS });
    const both = await subscribe('both', client.district, ['COMPLAINT_STATUS_CHANGED']);
    try {
      const before = { first: runner.attempts, second: second.attempts };
      const complaints = await Promise.all(Array.from({ length: 30 }, () => submitted(api)));
      const sentAt = new Map<string, number>();
      const started = performance.now();
      await Promise.all(complaints.map((c) => {
        sentAt.set(c.id, performance.now());
        return ok(client.village, 'verifyComplaint', { complaintId: c.id, version: c.version });
      }));
      const arrived = await receiver.waitFor(both.path, 30, 30_000);
      const elapsed = performance.now() - started;
      const latencies = arrived.map((r) => r.arrivedAt - sentAt.get(JSON.parse(r.body).data.complaint.id)!).sort((x, y) => x - y);
      // Would either runner send any of them again? Only a job could: wait until every delivery is recorded
      // DELIVERED and no job of theirs is left in the queue (a job leaves it once its attempt is recorded).
      await expect.poll(async () => {
        const rows = await deliveriesTo(db, receiver.url(both.path));
        return { delivered: rows.filter((r) => r.status === 'DELIVERED').length, jobs: rows.reduce((n, r) => n + r.jobs, 0) };
      }, { timeout: 15_000, interval: 25 }).toEqual({ delivered: 30, jobs: 0 });
      const byId = new Map<string, number>();
      for (const received of receiver.at(both.path)) byId.set(received.id, (byId.get(received.id) ?? 0) + 1);
      expect(byId.size).toBe(30);
      expect([...byId].filter(([, n]) => n !== 1), 'received more than once').toEqual([]);
      const rows = await deliveriesOf(both);
      expect(rows).toHaveLength(30);
      expect(rows.filter((r) => r.status !== 'DELIVERED' || r.attemptCount !== 1)).toEqual([]);
      const share = { first: runner.attempts - before.first, second: second.attempts - before.second };
      console.info(`two runners: ${arrived.length} deliveries to one endpoint, ${byId.size} distinct ids, each received once; `
        + `attempts run (all subscriptions): first runner ${share.first}, second ${share.second}; ${elapsed.toFixed(0)} ms from the first verification to the 30th delivery; `
        + `mutation sent → delivered: median ${latencies[14].toFixed(0)} ms, max ${latencies[29].toFixed(0)} ms (30 at once)`);
    } finally {
      await second.stop();
    }
  }, 90_000);
});

describe('the transactional outbox', () => {
  it('a change rolled back after it was applied writes no delivery and queues no job; committed, it does', async () => {
    const complaint = await submitted(api);
    const uuid = fromGlobalId(complaint.id)!.key;
    const change = (manager: Parameters<typeof applyChange>[1], row: Parameters<typeof applyChange>[3]) => applyChange({ now: () => new Date(clock) }, manager, null, row, {
      set: { status: ComplaintStatus.VERIFIED }, events: [{ type: ComplaintEventType.VERIFIED, visibility: EventVisibility.PUBLIC }],
    });
    const lockRow = async (manager: Parameters<typeof applyChange>[1]) => (await manager.query(`SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = $1 FOR UPDATE`, [uuid]))[0];
    // Jobs for deliveries that do not exist: what a rolled-back change would leave had it queued outside its transaction.
    // (Not a count of all delivery jobs: the runner may still be working off the submission's own meanwhile.)
    const orphanJobs = async () => Number((await db.dataSource.query(`SELECT count(*) AS n FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'webhook_deliver'
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id::text = j.payload->>'deliveryId')`))[0].n);
    expect(await orphanJobs()).toBe(0);

    await expect(db.dataSource.transaction(async (manager) => {
      await change(manager, await lockRow(manager));
      // Written inside the transaction (the district's two subscriptions, the portal's)…
      expect((await manager.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE body LIKE '%' || $1 || '%'`, [complaint.id]))[0].n).toBe(3);
      throw new Error('a later step of the same transaction failed');
    })).rejects.toThrow('a later step');
    // …and gone with it.
    expect(await deliveriesOf(subscriptions.district, complaint.id)).toEqual([]);
    expect(await deliveriesOf(subscriptions.portal, complaint.id)).toEqual([]);
    expect(await orphanJobs()).toBe(0);
    expect((await db.dataSource.query('SELECT status FROM complaints WHERE id = $1', [uuid]))[0].status).toBe('RECEIVED');

    await db.dataSource.transaction(async (manager) => change(manager, await lockRow(manager)));
    expect((await deliveriesOf(subscriptions.district, complaint.id)).map((d) => d.eventType)).toEqual(['COMPLAINT_STATUS_CHANGED']);
    await eventually(async () => receiver.at('/portal').some((r) => r.body.includes(complaint.id)), 15_000, 'the committed change at the portal');
  });
});

describe('metrics', () => {
  it('/metrics counts failed attempts by reason, finished deliveries, and disabled subscriptions', async () => {
    const text = await (await api.fetch('/metrics')).text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}"]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    // From the tests above: the flaky receiver failed twice with a 500 and timed out once; the dead one failed 8 + 1 times.
    expect(value('aduan_webhook_delivery_failures_total{reason="http_error"}')).toBeGreaterThanOrEqual(2 + 9);
    expect(value('aduan_webhook_delivery_failures_total{reason="timeout"}')).toBeGreaterThanOrEqual(1);
    expect(value('aduan_webhook_delivery_failures_total{reason="address_not_allowed"}')).toBe(0);
    expect(value('aduan_webhook_deliveries_total{outcome="delivered"}')).toBeGreaterThanOrEqual(30);
    expect(value('aduan_webhook_deliveries_total{outcome="failed"}')).toBeGreaterThanOrEqual(2);
    expect(value('aduan_webhook_subscriptions_disabled_total')).toBe(1);
  });
});
