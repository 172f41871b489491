import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AduanError, verifyWebhook } from '../../sdk/src/index';
import { generateSigningSecret, signatureHeader } from '../../server/src/webhooks/webhook-signature';

/**
 * verifyWebhook against signatures made the way the server makes them
 * (server/src/webhooks/webhook-signature.ts, node:crypto) and, independently,
 * by hand here: WebCrypto on one side, node:crypto on the other.
 */
const secret = generateSigningSecret();
const now = new Date('2026-11-30T03:00:00Z');
const timestamp = Math.floor(now.getTime() / 1000);
const event = {
  id: 'V2ViaG9va0RlbGl2ZXJ5OjBmMWUyZDNj', eventId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', type: 'COMPLAINT_STATUS_CHANGED', occurredAt: now.toISOString(),
  data: { complaint: { id: 'Q29tcGxhaW50OjE', trackingCode: 'ADU-7K3M-9Q2X', status: 'VERIFIED', currentTier: 'VILLAGE', version: 2, updatedAt: now.toISOString() }, previousStatus: 'RECEIVED' },
};
const body = JSON.stringify(event);

function headers(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const all: Record<string, string | undefined> = {
    'aduan-webhook-id': event.id,
    'aduan-webhook-event': event.type,
    'aduan-webhook-timestamp': String(timestamp),
    'aduan-webhook-signature': signatureHeader([secret], timestamp, body),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AduanError);
  return (error as AduanError).code;
}

describe('verifyWebhook', () => {
  it('accepts a delivery signed with the secret and answers its event', async () => {
    expect(await verifyWebhook({ secret, body, headers: headers(), now })).toEqual(event);
  });

  it('recomputes exactly HMAC-SHA256(secret, "<timestamp>.<body>") in hex, as documented', async () => {
    const byHand = `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
    expect(signatureHeader([secret], timestamp, body)).toBe(byHand);
    expect(await verifyWebhook({ secret, body, headers: headers({ 'aduan-webhook-signature': byHand }), now })).toEqual(event);
  });

  it('reads a Headers object, mixed-case plain headers, and a body as bytes', async () => {
    const fetchHeaders = new Headers(headers());
    expect(await verifyWebhook({ secret, body: new TextEncoder().encode(body), headers: fetchHeaders, now })).toEqual(event);
    const shouting = Object.fromEntries(Object.entries(headers()).map(([k, v]) => [k.replace(/(^|-)\w/g, (m) => m.toUpperCase()), v]));
    expect(Object.keys(shouting)).toContain('Aduan-Webhook-Signature');
    expect(await verifyWebhook({ secret, body, headers: shouting, now })).toEqual(event);
  });

  it('refuses a body altered by one character', async () => {
    const altered = body.replace('"VERIFIED"', '"RESOLVED"');
    expect(await refusal(verifyWebhook({ secret, body: altered, headers: headers(), now }))).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('refuses another secret, and a timestamp changed after signing', async () => {
    expect(await refusal(verifyWebhook({ secret: generateSigningSecret(), body, headers: headers(), now }))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(await refusal(verifyWebhook({ secret, body, headers: headers({ 'aduan-webhook-timestamp': String(timestamp + 1) }), now }))).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('refuses a signature older or newer than the tolerance (300 s by default), accepts one just inside it', async () => {
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect(await verifyWebhook({ secret, body, headers: headers(), now: at(300) })).toEqual(event);
    expect(await verifyWebhook({ secret, body, headers: headers(), now: at(-300) })).toEqual(event);
    expect(await refusal(verifyWebhook({ secret, body, headers: headers(), now: at(301) }))).toBe('WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE');
    expect(await refusal(verifyWebhook({ secret, body, headers: headers(), now: at(-301) }))).toBe('WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE');
    expect(await verifyWebhook({ secret, body, headers: headers(), now: at(3600), toleranceSeconds: 3600 })).toEqual(event);
    expect(await refusal(verifyWebhook({ secret, body, headers: headers({ 'aduan-webhook-timestamp': 'yesterday' }), now }))).toBe('WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE');
  });

  it('during a rotation: two signatures, either secret verifies; a receiver may hold both secrets', async () => {
    const next = generateSigningSecret();
    const both = headers({ 'aduan-webhook-signature': signatureHeader([next, secret], timestamp, body) });
    expect(both['aduan-webhook-signature']).toMatch(/^v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(await verifyWebhook({ secret, body, headers: both, now })).toEqual(event);
    expect(await verifyWebhook({ secret: next, body, headers: both, now })).toEqual(event);
    expect(await verifyWebhook({ secret: [next, secret], body, headers: headers(), now })).toEqual(event);
    expect(await refusal(verifyWebhook({ secret: [generateSigningSecret()], body, headers: both, now }))).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('refuses missing headers, a signature of another scheme, and a body whose id is not the header’s', async () => {
    for (const missing of ['aduan-webhook-id', 'aduan-webhook-timestamp', 'aduan-webhook-signature']) {
      expect(await refusal(verifyWebhook({ secret, body, headers: headers({ [missing]: undefined }), now })), missing).toBe('WEBHOOK_HEADER_MISSING');
    }
    const v0 = signatureHeader([secret], timestamp, body).replace('v1=', 'v0=');
    expect(await refusal(verifyWebhook({ secret, body, headers: headers({ 'aduan-webhook-signature': v0 }), now }))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(await refusal(verifyWebhook({ secret, body, headers: headers({ 'aduan-webhook-id': 'V2ViaG9va0RlbGl2ZXJ5Om90aGVy' }), now }))).toBe('WEBHOOK_BODY_INVALID');
    const notJson = 'not json';
    const signedNotJson = headers({ 'aduan-webhook-signature': signatureHeader([secret], timestamp, notJson) });
    expect(await refusal(verifyWebhook({ secret, body: notJson, headers: signedNotJson, now }))).toBe('WEBHOOK_BODY_INVALID');
  });

  it('a truncated or padded signature does not match', async () => {
    const good = signatureHeader([secret], timestamp, body);
    for (const bad of [good.slice(0, -2), `${good}00`, 'v1=', 'v1=' + '0'.repeat(64)]) {
      expect(await refusal(verifyWebhook({ secret, body, headers: headers({ 'aduan-webhook-signature': bad }), now })), bad).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
  });
});
