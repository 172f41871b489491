import { createHmac, randomBytes } from 'node:crypto';

/** Header names of a delivery, as the receiver reads them (docs/adr/0012-webhooks.md). */
export const WEBHOOK_HEADERS = {
  id: 'Aduan-Webhook-Id',
  event: 'Aduan-Webhook-Event',
  timestamp: 'Aduan-Webhook-Timestamp',
  signature: 'Aduan-Webhook-Signature',
  attempt: 'Aduan-Webhook-Attempt',
} as const;

/** A new signing secret: `whsec_` and 32 random bytes, base64url. The whole string, prefix included, is the HMAC key. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: what the SDK's verifyWebhook recomputes. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * The signature header: one `v1=` per live secret, the current one first,
 * comma-separated. During a rotation the previous secret signs too, so a
 * receiver still holding it keeps verifying until it switches over.
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return secrets.map((secret) => signature(secret, timestamp, body)).join(',');
}
