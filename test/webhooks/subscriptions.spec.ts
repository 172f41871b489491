import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { attemptDelivery } from '../../server/src/webhooks/deliver-webhook';
import { emitWebhookEvents, statusChanged } from '../../server/src/webhooks';
import { ComplaintStatus } from '../../server/src/common/enums';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { Client, expectRefused, submitted } from '../support/handling';
import { useTestServer } from '../support/server';
import { WebhookReceiver } from './receiver';

/**
 * Managing webhook subscriptions through the API: the secret shown once,
 * validation with a code and a field, the per-organisation limit (also under
 * a race), rotation, disable/enable, delete, the delivery log's keyset pages,
 * and who may do any of it. No job runner here: deliveries wait PENDING.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const district = as(api, 'demo-dinsos-3273');
const surabaya = as(api, 'demo-dinsos-3578');
const portal = as(api, 'demo-portal-3273');
const bri = as(api, 'demo-bank-bri');
const receiver = new WebhookReceiver(() => Date.now());

const FIELDS = 'id url description eventTypes enabled disabledAt disabledReason disabledAutomatically failingSince consecutiveFailures lastSuccessAt previousSecretExpiresAt createdAt updatedAt';
const CREATE = `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
  subscription { ${FIELDS} } signingSecret userErrors { field code message } } }`;
const UPDATE = `mutation ($input: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $input) { subscription { ${FIELDS} } userErrors { field code message } } }`;
const ROTATE = `mutation ($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { subscription { ${FIELDS} } signingSecret userErrors { field code message } } }`;
const DISABLE = `mutation ($input: DisableWebhookSubscriptionInput!) { disableWebhookSubscription(input: $input) { subscription { ${FIELDS} } userErrors { field code message } } }`;
const ENABLE = `mutation ($input: EnableWebhookSubscriptionInput!) { enableWebhookSubscription(input: $input) { subscription { ${FIELDS} } redeliveries userErrors { field code message } } }`;
const DELETE = `mutation ($input: DeleteWebhookSubscriptionInput!) { deleteWebhookSubscription(input: $input) { deletedSubscriptionId userErrors { field code message } } }`;
const REDELIVER = `mutation ($input: RedeliverWebhookInput!) { redeliverWebhook(input: $input) { delivery { id status } userErrors { field code message } } }`;
const LIST = `{ webhookSubscriptions { ${FIELDS} } }`;
const DELIVERIES = `query ($first: Int, $after: String, $subscriptionId: ID, $status: WebhookDeliveryStatus, $eventType: WebhookEventType) {
  webhookDeliveries(first: $first, after: $after, subscriptionId: $subscriptionId, status: $status, eventType: $eventType) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id eventId eventType status attemptCount createdAt payload subscription { id } attempts { number } } } } }`;
const NODE = `query ($id: ID!) { node(id: $id) { id ... on WebhookSubscription { url } ... on WebhookDelivery { eventType } } }`;

const input = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(), url: 'https://sistem.dinsos.bandung.go.id/aduan/webhook', eventTypes: ['COMPLAINT_STATUS_CHANGED'], description: 'Sistem kasus Dinsos', ...overrides,
});

async function create(client: Client, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const { body } = await client(CREATE, { input: input(overrides) }, headers);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.createWebhookSubscription;
}

/** Subscriptions of the organisation of a demo client. */
const count = async (clientId = 'demo-dinsos-3273') => Number((await db.dataSource.query(
  `SELECT count(*) AS n FROM webhook_subscriptions s JOIN api_clients a ON a.organisation_id = s.organisation_id WHERE a.client_id = $1`, [clientId],
))[0].n);

beforeAll(async () => {
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});

describe('createWebhookSubscription', () => {
  it('answers the subscription and its signing secret, once; the list never shows a secret', async () => {
    const created = await create(district, { eventTypes: ['COMPLAINT_SLA_BREACHED', 'COMPLAINT_STATUS_CHANGED', 'COMPLAINT_STATUS_CHANGED'] });
    expect(created.userErrors).toEqual([]);
    expect(created.signingSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.subscription).toMatchObject({
      url: 'https://sistem.dinsos.bandung.go.id/aduan/webhook', description: 'Sistem kasus Dinsos', eventTypes: ['COMPLAINT_SLA_BREACHED', 'COMPLAINT_STATUS_CHANGED'],
      enabled: true, disabledAt: null, consecutiveFailures: 0, previousSecretExpiresAt: null,
    });
    expect(fromGlobalId(created.subscription.id)?.typeName).toBe('WebhookSubscription');
    const { body } = await district(LIST);
    expect(body.data.webhookSubscriptions).toContainEqual(created.subscription);
    expect(JSON.stringify(body)).not.toContain(created.signingSecret);
    const schemaHasSecretField = await district('{ __type(name: "WebhookSubscription") { fields { name } } }');
    expect(schemaHasSecretField.body.data.__type.fields.map((f: { name: string }) => f.name).filter((n: string) => /secret/i.test(n))).toEqual(['previousSecretExpiresAt']);
  });

  it('the same idempotency key answers the first subscription with the same secret; with other input it is refused, and nothing is created', async () => {
    const request = input();
    const first = (await district(CREATE, { input: request })).body.data.createWebhookSubscription;
    const before = await count();
    const again = (await district(CREATE, { input: request })).body.data.createWebhookSubscription;
    expect(again).toEqual(first);
    const reused = (await district(CREATE, { input: { ...request, url: 'https://lain.example.go.id/hook' } })).body.data.createWebhookSubscription;
    expect(reused).toMatchObject({ subscription: null, signingSecret: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }] });
    expect(await count()).toBe(before);
  });

  it.each([
    ['not a URL', { url: 'bukan url' }, ['input', 'url']],
    ['ftp', { url: 'ftp://example.go.id/hook' }, ['input', 'url']],
    ['http to another host', { url: 'http://example.go.id/hook' }, ['input', 'url']],
    ['credentials in the URL', { url: 'https://admin:rahasia@example.go.id/hook' }, ['input', 'url']],
    ['a URL over 2048 characters', { url: `https://example.go.id/${'x'.repeat(2048)}` }, ['input', 'url']],
    ['no event types', { eventTypes: [] }, ['input', 'eventTypes']],
    ['a description over 200 characters', { description: 'x'.repeat(201) }, ['input', 'description']],
    ['an empty idempotency key', { idempotencyKey: '' }, ['input', 'idempotencyKey']],
  ])('refuses %s with INVALID_INPUT on the field; nothing is created', async (_name, overrides, field) => {
    const before = await count();
    const created = await create(district, overrides);
    expect(created).toMatchObject({ subscription: null, signingSecret: null });
    expect(created.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field })]);
    expect(await count()).toBe(before);
  });

  it('event types by role: an intake client is never told of SLA breaches (internal), a bank is told of referrals, not breaches', async () => {
    const intake = await create(portal, { eventTypes: ['COMPLAINT_STATUS_CHANGED', 'COMPLAINT_SLA_BREACHED'] }, { 'accept-language': 'en' });
    expect(intake.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'eventTypes', '1'], message: expect.stringContaining('Your organisation cannot receive COMPLAINT_SLA_BREACHED') }]);
    const intakeId = await create(portal, { eventTypes: ['COMPLAINT_REFERRED'] });
    expect(intakeId.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'eventTypes', '0'], message: expect.stringContaining('tidak dapat menerima') });
    expect((await create(bri, { eventTypes: ['COMPLAINT_SLA_BREACHED'] })).userErrors[0]).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await create(bri, { eventTypes: ['COMPLAINT_REFERRED', 'DISBURSEMENT_ISSUE_RESOLVED', 'COMPLAINT_STATUS_CHANGED'] })).userErrors).toEqual([]);
    expect((await create(portal, { url: 'http://127.0.0.1:9999/hook' })).userErrors).toEqual([]); // http to this machine, outside production
  });

  it('at most 10 per organisation, also when several are created at once', async () => {
    const have = await count('demo-dinsos-3578');
    for (let i = have; i < 8; i += 1) expect((await create(surabaya)).userErrors).toEqual([]);
    const racing = await Promise.all(Array.from({ length: 5 }, () => create(surabaya)));
    expect(racing.filter((r) => r.userErrors.length === 0)).toHaveLength(2);
    for (const refused of racing.filter((r) => r.userErrors.length > 0)) {
      expect(refused).toMatchObject({ subscription: null, userErrors: [{ code: 'WEBHOOK_SUBSCRIPTION_LIMIT_REACHED', field: null }] });
    }
    expect(await count('demo-dinsos-3578')).toBe(10);
  });
});

describe('changing a subscription', () => {
  let subscription: { id: string; updatedAt: string };
  let secret: string;

  beforeAll(async () => {
    const created = await create(district, { eventTypes: ['COMPLAINT_STATUS_CHANGED'] });
    subscription = created.subscription;
    secret = created.signingSecret;
  });

  it('updateWebhookSubscription changes what is given and keeps the rest; a bad URL changes nothing', async () => {
    const { body } = await district(UPDATE, { input: { subscriptionId: subscription.id, url: 'https://baru.dinsos.bandung.go.id/hook', eventTypes: ['COMPLAINT_SLA_BREACHED'] } });
    expect(body.data.updateWebhookSubscription).toMatchObject({
      userErrors: [], subscription: { url: 'https://baru.dinsos.bandung.go.id/hook', eventTypes: ['COMPLAINT_SLA_BREACHED'], description: 'Sistem kasus Dinsos' },
    });
    const bad = (await district(UPDATE, { input: { subscriptionId: subscription.id, url: 'http://example.go.id/x', description: 'diubah' } })).body.data.updateWebhookSubscription;
    expect(bad).toMatchObject({ subscription: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'url'] }] });
    const cleared = (await district(UPDATE, { input: { subscriptionId: subscription.id, description: '' } })).body.data.updateWebhookSubscription;
    expect(cleared.subscription).toMatchObject({ url: 'https://baru.dinsos.bandung.go.id/hook', description: null });
  });

  it('another organisation’s subscription is NOT_FOUND for every change, and null from node', async () => {
    const id = subscription.id;
    expect((await surabaya(UPDATE, { input: { subscriptionId: id, description: 'x' } })).body.data.updateWebhookSubscription.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'subscriptionId'] }),
    ]);
    for (const [mutation, name] of [[ROTATE, 'rotateWebhookSecret'], [DISABLE, 'disableWebhookSubscription'], [ENABLE, 'enableWebhookSubscription'], [DELETE, 'deleteWebhookSubscription']] as const) {
      expect((await surabaya(mutation, { input: { subscriptionId: id } })).body.data[name].userErrors[0].code, name).toBe('NOT_FOUND');
    }
    expect((await surabaya(NODE, { id })).body.data.node).toBeNull();
    expect((await bri(NODE, { id })).body.data.node).toBeNull();
    expect((await district(NODE, { id })).body.data.node).toEqual({ id, url: 'https://baru.dinsos.bandung.go.id/hook' });
    expect((await district(UPDATE, { input: { subscriptionId: 'bm90IGFuIGlk', description: 'x' } })).body.data.updateWebhookSubscription.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('rotateWebhookSecret: a new secret; the old one signs alongside it for the hours asked; 0 ends it; over 72 is refused', async () => {
    const rotated = (await district(ROTATE, { input: { subscriptionId: subscription.id } })).body.data.rotateWebhookSecret;
    expect(rotated.userErrors).toEqual([]);
    expect(rotated.signingSecret).toMatch(/^whsec_/);
    expect(rotated.signingSecret).not.toBe(secret);
    const overlap = Date.parse(rotated.subscription.previousSecretExpiresAt) - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3_600_000);
    expect(overlap).toBeLessThanOrEqual(24 * 3_600_000);
    const [stored] = await db.dataSource.query('SELECT secret, previous_secret FROM webhook_subscriptions WHERE id = $1', [fromGlobalId(subscription.id)!.key]);
    expect(stored).toEqual({ secret: rotated.signingSecret, previous_secret: secret });

    const tooLong = (await district(ROTATE, { input: { subscriptionId: subscription.id, previousSecretValidHours: 73 } })).body.data.rotateWebhookSecret;
    expect(tooLong).toMatchObject({ signingSecret: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'previousSecretValidHours'] }] });
    const [unchanged] = await db.dataSource.query('SELECT secret FROM webhook_subscriptions WHERE id = $1', [fromGlobalId(subscription.id)!.key]);
    expect(unchanged.secret).toBe(rotated.signingSecret);

    const ended = (await district(ROTATE, { input: { subscriptionId: subscription.id, previousSecretValidHours: 0 } })).body.data.rotateWebhookSecret;
    expect(ended.subscription.previousSecretExpiresAt).toBeNull();
    const [after] = await db.dataSource.query('SELECT secret, previous_secret FROM webhook_subscriptions WHERE id = $1', [fromGlobalId(subscription.id)!.key]);
    expect(after).toEqual({ secret: ended.signingSecret, previous_secret: null });
  });

  it('disable and enable: off with who did it, on again with its health reset; each twice changes nothing more', async () => {
    const disabled = (await district(DISABLE, { input: { subscriptionId: subscription.id } })).body.data.disableWebhookSubscription;
    expect(disabled.subscription).toMatchObject({ enabled: false, disabledAutomatically: false, disabledReason: 'Dinonaktifkan oleh klien demo-dinsos-3273.' });
    const again = (await district(DISABLE, { input: { subscriptionId: subscription.id } })).body.data.disableWebhookSubscription;
    expect(again.subscription.disabledAt).toBe(disabled.subscription.disabledAt);
    const enabled = (await district(ENABLE, { input: { subscriptionId: subscription.id } })).body.data.enableWebhookSubscription;
    expect(enabled).toMatchObject({ redeliveries: 0, userErrors: [], subscription: { enabled: true, disabledAt: null, disabledReason: null, failingSince: null } });
    expect((await district(ENABLE, { input: { subscriptionId: subscription.id } })).body.data.enableWebhookSubscription.subscription.enabled).toBe(true);
  });

  it('deleteWebhookSubscription removes it with its log; a second delete is NOT_FOUND', async () => {
    const created = await create(district);
    const complaint = await submitted(api);
    await db.dataSource.transaction((m) => emitWebhookEvents(m, [statusChanged(fromGlobalId(complaint.id)!.key, ComplaintStatus.RECEIVED, new Date())]));
    const uuid = fromGlobalId(created.subscription.id)!.key;
    expect(Number((await db.dataSource.query('SELECT count(*) AS n FROM webhook_deliveries WHERE subscription_id = $1', [uuid]))[0].n)).toBe(1);
    const deleted = (await district(DELETE, { input: { subscriptionId: created.subscription.id } })).body.data.deleteWebhookSubscription;
    expect(deleted).toEqual({ deletedSubscriptionId: created.subscription.id, userErrors: [] });
    expect(Number((await db.dataSource.query('SELECT count(*) AS n FROM webhook_deliveries WHERE subscription_id = $1', [uuid]))[0].n)).toBe(0);
    expect((await district(LIST)).body.data.webhookSubscriptions.map((s: { id: string }) => s.id)).not.toContain(created.subscription.id);
    expect((await district(NODE, { id: created.subscription.id })).body.data.node).toBeNull();
    expect((await district(DELETE, { input: { subscriptionId: created.subscription.id } })).body.data.deleteWebhookSubscription.userErrors[0].code).toBe('NOT_FOUND');
  });
});

describe('the delivery log', () => {
  let subscription: { id: string };
  const base = Date.now() - 60_000;

  beforeAll(async () => {
    // A subscription of the portal's own, and 25 events about a complaint it submitted, a second apart.
    subscription = (await create(portal, { url: receiver.url('/log'), eventTypes: ['COMPLAINT_STATUS_CHANGED'] })).subscription;
    const complaint = await submitted(api);
    await db.dataSource.transaction((m) => emitWebhookEvents(m, Array.from({ length: 25 }, (_, i) => statusChanged(fromGlobalId(complaint.id)!.key, ComplaintStatus.RECEIVED, new Date(base + i * 1000)))));
  });

  it('pages newest first, keyset: every delivery once, in order, with totalCount', async () => {
    const seen: { id: string; createdAt: string }[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { body } = await portal(DELIVERIES, { first: 10, after, subscriptionId: subscription.id });
      expect(body.errors).toBeUndefined();
      const page = body.data.webhookDeliveries;
      expect(page.totalCount).toBe(25);
      seen.push(...page.edges.map((e: { node: { id: string; createdAt: string } }) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen.map((d) => d.id)).size).toBe(25);
    expect(seen.map((d) => d.createdAt)).toEqual([...seen.map((d) => d.createdAt)].sort().reverse());
    expect(seen[0].createdAt).toBe(new Date(base + 24_000).toISOString());
  });

  it('filters by status and event type; each delivery carries its body and subscription', async () => {
    const pending = (await portal(DELIVERIES, { first: 100, subscriptionId: subscription.id, status: 'PENDING' })).body.data.webhookDeliveries;
    expect(pending.totalCount).toBe(25);
    expect(pending.edges[0].node).toMatchObject({ status: 'PENDING', attemptCount: 0, attempts: [], eventType: 'COMPLAINT_STATUS_CHANGED', subscription: { id: subscription.id } });
    expect(JSON.parse(pending.edges[0].node.payload)).toMatchObject({ id: pending.edges[0].node.id, type: 'COMPLAINT_STATUS_CHANGED', eventId: pending.edges[0].node.eventId });
    expect((await portal(DELIVERIES, { subscriptionId: subscription.id, status: 'DELIVERED' })).body.data.webhookDeliveries.totalCount).toBe(0);
    expect((await portal(DELIVERIES, { subscriptionId: subscription.id, eventType: 'COMPLAINT_REFERRED' })).body.data.webhookDeliveries.totalCount).toBe(0);
    const id = pending.edges[0].node.id;
    expect((await portal(NODE, { id })).body.data.node).toEqual({ id, eventType: 'COMPLAINT_STATUS_CHANGED' });
    expect((await district(NODE, { id })).body.data.node).toBeNull();
  });

  it('another organisation sees none of it; bad arguments are BAD_USER_INPUT', async () => {
    const theirs = (await district(DELIVERIES, { first: 100 })).body.data.webhookDeliveries;
    expect(theirs.edges.map((e: { node: { subscription: { id: string } } }) => e.node.subscription.id)).not.toContain(subscription.id);
    for (const variables of [{ first: 101 }, { first: 0 }, { after: 'bm90IGEgY3Vyc29y' }, { subscriptionId: 'bm9wZQ' }]) {
      const { body } = await portal(DELIVERIES, variables);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });

  it('redeliverWebhook: refused while pending, for another organisation’s delivery, and while the subscription is disabled', async () => {
    const [first] = (await portal(DELIVERIES, { first: 1, subscriptionId: subscription.id })).body.data.webhookDeliveries.edges;
    const id = first.node.id;
    expect((await portal(REDELIVER, { input: { deliveryId: id } })).body.data.redeliverWebhook).toMatchObject({ delivery: null, userErrors: [{ code: 'INVALID_TRANSITION' }] });
    expect((await district(REDELIVER, { input: { deliveryId: id } })).body.data.redeliverWebhook.userErrors[0].code).toBe('NOT_FOUND');
    await portal(DISABLE, { input: { subscriptionId: subscription.id } });
    // Disabling failed its pending deliveries; redelivering one needs the subscription on.
    expect((await portal(DELIVERIES, { subscriptionId: subscription.id, status: 'FAILED' })).body.data.webhookDeliveries.totalCount).toBe(25);
    expect((await portal(REDELIVER, { input: { deliveryId: id } })).body.data.redeliverWebhook.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('nonaktif') });
    const enabled = (await portal(ENABLE, { input: { subscriptionId: subscription.id, redeliverFailed: true } })).body.data.enableWebhookSubscription;
    // Only those of the last 72 hours by the server's clock: these were made "now".
    expect(enabled.redeliveries).toBe(25);
    expect((await portal(DELIVERIES, { subscriptionId: subscription.id, status: 'PENDING' })).body.data.webhookDeliveries.totalCount).toBe(25);
  });
});

describe('in production, a private address is refused at delivery (SSRF)', () => {
  it('a name resolving to loopback and a literal private address: refused before connecting; allowed outside production', async () => {
    const created = await create(portal, { url: receiver.url('/ssrf', 'localhost'), eventTypes: ['COMPLAINT_STATUS_CHANGED'] });
    const complaint = await submitted(api);
    const uuid = fromGlobalId(created.subscription.id)!.key;
    await db.dataSource.transaction((m) => emitWebhookEvents(m, [statusChanged(fromGlobalId(complaint.id)!.key, ComplaintStatus.RECEIVED, new Date())]));
    const [row] = await db.dataSource.query(`SELECT id FROM webhook_deliveries WHERE subscription_id = $1`, [uuid]);
    const attempt = (allowPrivateAddresses: boolean) => attemptDelivery(db.dataSource, row.id, { allowPrivateAddresses, timeoutMs: 2_000, now: () => new Date() });

    expect(await attempt(false)).toMatchObject({ attempt: 1, result: 'ADDRESS_NOT_ALLOWED', statusCode: null, status: 'PENDING' });
    await db.dataSource.query('UPDATE webhook_subscriptions SET url = $2 WHERE id = $1', [uuid, receiver.url('/ssrf')]);
    await db.dataSource.query('UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = $1', [row.id]);
    expect(await attempt(false)).toMatchObject({ attempt: 2, result: 'ADDRESS_NOT_ALLOWED' });
    expect(receiver.at('/ssrf')).toEqual([]);
    const [logged] = await db.dataSource.query('SELECT error FROM webhook_delivery_attempts WHERE delivery_id = $1 AND number = 2', [row.id]);
    expect(logged.error).toBe('127.0.0.1 is not a public address');

    expect(await attempt(true)).toMatchObject({ attempt: 3, result: 'SUCCESS', statusCode: 200, status: 'DELIVERED' });
    expect(receiver.at('/ssrf')).toHaveLength(1);
  });
});

describe('who may use webhooks', () => {
  it('handlers, banks and intake clients; auditors FORBIDDEN (they subscribe to nothing), the public UNAUTHENTICATED', async () => {
    await expectRefused(api, LIST, {}, ['demo-auditor']);
    await expectRefused(api, CREATE, { input: input() }, ['demo-auditor']);
    await expectRefused(api, DELIVERIES, {}, ['demo-auditor']);
    await expectRefused(api, REDELIVER, { input: { deliveryId: 'x' } }, ['demo-auditor']);
    for (const client of ['demo-village-3273011001', 'demo-bank-bni', 'demo-ngo-csr']) {
      const { body } = await as(api, client)(LIST);
      expect(body.errors, client).toBeUndefined();
    }
  });
});
