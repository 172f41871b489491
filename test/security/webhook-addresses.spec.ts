import { describe, expect, it } from 'vitest';
import { useProductionServer } from './production-server';

/**
 * Finding 8 of issue 15: an organisation's webhook could point at this
 * machine or the cloud's metadata service through an IPv6 spelling of an IPv4
 * address (`[::7f00:1]`, `[::ffff:0:a9fe:a9fe]`) or an IPv6 range that is not
 * the internet (Teredo, ORCHIDv2, 5f00::/16, 3fff::/20), and Aduan's servers
 * would POST there (server-side request forgery). Refused when the
 * subscription is saved, with a userError on the URL; the same rule runs at
 * every delivery on the addresses a name resolves to (webhook-network.ts).
 */
describe('webhook URLs to addresses that are not public', () => {
  const server = useProductionServer();
  const CREATE = `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
    subscription { id url } signingSecret userErrors { field code message } } }`;
  const UPDATE = `mutation ($input: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $input) {
    subscription { id url } userErrors { field code message } } }`;

  const refusedUrls = [
    'https://[::7f00:1]/', 'https://[::127.0.0.1]/hook', 'https://[::ffff:0:7f00:1]/', 'https://[::ffff:0:a9fe:a9fe]/latest/meta-data',
    'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'https://[2001:20::1]/', 'https://[5f00::1]/', 'https://[3fff::1]/',
  ];

  async function send(query: string, input: Record<string, unknown>) {
    const token = await server.token('demo-dinsos-3273');
    const answer = await server.post({ query, variables: { input } }, { authorization: `Bearer ${token}`, 'accept-language': 'en' });
    expect(answer.status, answer.text).toBe(200);
    return answer.body.data;
  }

  it.each(refusedUrls)('createWebhookSubscription to %s: refused, the URL named', async (url) => {
    const data = await send(CREATE, { url, eventTypes: ['COMPLAINT_STATUS_CHANGED'], idempotencyKey: `ssrf-${url}` });
    expect(data.createWebhookSubscription).toEqual({
      subscription: null,
      signingSecret: null,
      userErrors: [{ field: ['input', 'url'], code: 'INVALID_INPUT', message: 'url must point to a public address; loopback and private networks are refused.' }],
    });
  });

  it('updateWebhookSubscription cannot move a subscription to such an address', async () => {
    const created = await send(CREATE, { url: 'https://sistem.dinsos.bandung.go.id/aduan/webhook', eventTypes: ['COMPLAINT_STATUS_CHANGED'], idempotencyKey: 'ssrf-update' });
    expect(created.createWebhookSubscription.userErrors).toEqual([]);
    const { id } = created.createWebhookSubscription.subscription;
    for (const url of refusedUrls) {
      const data = await send(UPDATE, { subscriptionId: id, url });
      expect(data.updateWebhookSubscription, url).toEqual({
        subscription: null,
        userErrors: [{ field: ['input', 'url'], code: 'INVALID_INPUT', message: 'url must point to a public address; loopback and private networks are refused.' }],
      });
    }
    const kept = await server.db.dataSource.query('SELECT url FROM webhook_subscriptions WHERE url LIKE $1', ['https://[%']);
    expect(kept).toEqual([]);
  });
});
