import { AduanError } from './errors.js';
import type { ComplaintStatus, DisbursementIssueStatus, Tier, WebhookEventType } from './generated/graphql.js';

/** The headers of every delivery (matched case-insensitively). */
export const WEBHOOK_HEADERS = {
  /** The delivery's id: the same on every attempt. Keep the ids you processed and drop a repeat. */
  id: 'aduan-webhook-id',
  event: 'aduan-webhook-event',
  /** Unix seconds when this attempt was signed. */
  timestamp: 'aduan-webhook-timestamp',
  /** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`, comma-separated: two during a secret rotation. */
  signature: 'aduan-webhook-signature',
  attempt: 'aduan-webhook-attempt',
} as const;

/** A complaint as a webhook tells it: fetch the rest with `complaint(id)`, which shows what your role may see. */
export interface WebhookComplaint {
  id: string;
  trackingCode: string;
  status: ComplaintStatus;
  currentTier: Tier;
  version: number;
  updatedAt: string;
}

interface Envelope<T extends WebhookEventType, D> {
  /** The delivery's id, as in `Aduan-Webhook-Id`; `node(id)` answers it with its attempts. */
  id: string;
  /** The same for every subscription told of this event. */
  eventId: string;
  type: T;
  occurredAt: string;
  data: D;
  /**
   * Who acted, when an organisation's client acted for one of its officers (an officer token, `actAs`): the
   * organisation (its global id and name) and the officer (the organisation's own id for them, their name).
   * Absent when a client acted for no officer, or the system did.
   */
  actor?: { organisation: { id: string; name: string }; officer: { id: string; name: string } };
}

/** What a delivery's body holds, by `type`. Ids are the API's global ids. */
export type WebhookEvent =
  | Envelope<'COMPLAINT_STATUS_CHANGED', { complaint: WebhookComplaint; previousStatus: ComplaintStatus }>
  | Envelope<'COMPLAINT_REFERRED', { complaint: WebhookComplaint; referral: { id: string; organisationId: string } }>
  | Envelope<'COMPLAINT_SLA_BREACHED', { complaint: WebhookComplaint; breach: { tier: Tier; dueAt: string | null } }>
  | Envelope<'DISBURSEMENT_ISSUE_RESOLVED', {
    disbursementIssue: {
      id: string; batchId: string; programCode: string; period: string; status: DisbursementIssueStatus; resolvedAt: string | null; resentOn: string | null;
    };
  }>;

export interface VerifyWebhookOptions {
  /** The subscription's signing secret (`whsec_…`), or several while you switch over after a rotation. */
  secret: string | readonly string[];
  /** The request body exactly as received — not parsed and serialised again, which changes the bytes. */
  body: string | Uint8Array;
  /** The request's headers: a `Headers`, or a plain object such as Node's `req.headers`. */
  headers: Headers | Record<string, string | readonly string[] | undefined>;
  /** How far the signed time may be from now, either way (default 300 s): an older delivery, replayed, is refused. */
  toleranceSeconds?: number;
  /** The time to check against (default now). */
  now?: Date;
}

/**
 * Checks that a webhook came from Aduan, unaltered and recently, and answers
 * its event. Throws AduanError with code WEBHOOK_HEADER_MISSING,
 * WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE, WEBHOOK_SIGNATURE_INVALID or
 * WEBHOOK_BODY_INVALID: answer such a request with a 400 and do nothing else.
 *
 * The signature is HMAC-SHA256 over `${timestamp}.${body}` with the secret's
 * whole string as key, hex-encoded, sent as `v1=<hex>` (one per live secret,
 * comma-separated). Compared in constant time. WebCrypto only: Node 20+,
 * browsers, Deno, Bun, edge workers.
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookEvent> {
  const header = (name: string) => readHeader(options.headers, name);
  const id = header(WEBHOOK_HEADERS.id);
  const timestampText = header(WEBHOOK_HEADERS.timestamp);
  const signatures = header(WEBHOOK_HEADERS.signature);
  if (!id || !timestampText || !signatures) {
    throw verificationError('WEBHOOK_HEADER_MISSING', 'Aduan-Webhook-Id, Aduan-Webhook-Timestamp and Aduan-Webhook-Signature are required.');
  }
  const timestamp = /^\d{1,12}$/.test(timestampText) ? Number(timestampText) : NaN;
  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > tolerance) {
    throw verificationError('WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE', `The signed time is more than ${tolerance} s from now: a replay, or a clock out of step.`);
  }
  const body = typeof options.body === 'string' ? options.body : new TextDecoder('utf-8', { fatal: false }).decode(options.body);
  const offered = signatures.split(/[,\s]+/).map((part) => part.trim()).filter((part) => part.startsWith('v1=')).map((part) => part.slice(3).toLowerCase());
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) throw new TypeError('verifyWebhook: a secret is required.');
  let matched = false;
  for (const secret of secrets) {
    const expected = await hmacSha256Hex(secret, `${timestamp}.${body}`);
    // Every candidate is compared whole, matched or not: the time taken says nothing about which came close.
    for (const candidate of offered) matched = constantTimeEqual(candidate, expected) || matched;
  }
  if (!matched) throw verificationError('WEBHOOK_SIGNATURE_INVALID', 'No signature matches: the body was altered, or the secret is not this subscription’s.');
  let event: WebhookEvent;
  try {
    event = JSON.parse(body) as WebhookEvent;
  } catch {
    throw verificationError('WEBHOOK_BODY_INVALID', 'The signed body is not JSON.');
  }
  if (!event || typeof event !== 'object' || event.id !== id) {
    throw verificationError('WEBHOOK_BODY_INVALID', 'The body’s id is not the Aduan-Webhook-Id header’s.');
  }
  return event;
}

function readHeader(headers: VerifyWebhookOptions['headers'], name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== name) continue;
    return typeof value === 'string' ? value : value?.join(',');
  }
  return undefined;
}

async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new TypeError('verifyWebhook: no WebCrypto here (browsers offer it on https and localhost only).');
  const encoder = new TextEncoder();
  const key = await subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i += 1) difference |= (a.charCodeAt(i) || 0) ^ b.charCodeAt(i);
  return difference === 0;
}

function verificationError(code: string, message: string): AduanError {
  return new AduanError({ code, message });
}
