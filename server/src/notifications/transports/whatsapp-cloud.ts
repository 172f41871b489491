import { NotificationChannel, NotificationTransport, OutgoingMessage, SendOutcome } from '../transport';
import { HttpAnswer, e164Digits, postJson } from './http';

/**
 * WhatsApp through Meta's Cloud API, with message templates only: a business
 * may start a conversation (or write more than 24 hours after the person last
 * wrote) with a template Meta has approved, never with free text — and every
 * notification here is business-initiated (docs/adr/0029-notification-transports.md).
 *
 * `POST {apiUrl}/{version}/{phone-number-id}/messages`, `Authorization: Bearer <token>`:
 * {
 *   messaging_product: 'whatsapp', recipient_type: 'individual', to: '6281234567890',
 *   type: 'template',
 *   template: { name, language: { code: 'id' }, components: [{ type: 'body', parameters: [{ type: 'text', text }] }] },
 * }
 * answered `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id: 'wamid.…' }] }`,
 * or `{ error: { message, type, code, error_data?: { details }, fbtrace_id } }`.
 */
export interface WhatsAppCloudConfig {
  /** https://graph.facebook.com, or a stand-in's address in tests. */
  apiUrl: string;
  /** The Graph API version, e.g. v23.0. */
  apiVersion: string;
  /** The business phone number's id (not the number): WhatsApp Manager → API Setup. */
  phoneNumberId: string;
  /** A system user's permanent token with whatsapp_business_messaging. Never logged. */
  accessToken: string;
  timeoutMs?: number;
}

/**
 * Graph API error codes worth another attempt later (Meta's "Error codes" page,
 * cited in the ADR): throttling and Meta's own temporary failures. Every other
 * code means the request, the recipient, the template or the credentials are
 * wrong, and the same request would fail again.
 */
const TEMPORARY_CODES: ReadonlyMap<number, string> = new Map([
  [1, 'API unknown'],
  [2, 'API service temporarily unavailable'],
  [4, 'application rate limit'],
  [80007, 'WhatsApp Business Account rate limit'],
  [130429, 'throughput rate limit'],
  [131000, 'something went wrong'],
  [131016, 'service unavailable'],
  [131048, 'spam rate limit'],
  [131049, 'not delivered to keep engagement healthy'],
  [131056, 'pair rate limit (too many messages to this recipient)'],
  [133004, 'server temporarily unavailable'],
]);

/** The permanent ones we name in the reason (the rest are named by their code alone). */
const PERMANENT_CODES: ReadonlyMap<number, string> = new Map([
  [0, 'authentication failed'],
  [3, 'missing capability or permission'],
  [10, 'permission denied'],
  [100, 'invalid parameter'],
  [190, 'access token expired or invalid'],
  [368, 'account restricted for policy violations'],
  [131008, 'required parameter missing'],
  [131009, 'parameter value invalid'],
  [131021, 'recipient is the sender'],
  [131026, 'message undeliverable (not a WhatsApp user, or cannot receive it)'],
  [131030, 'recipient not in the allowed list'],
  [131031, 'business account locked'],
  [131042, 'payment problem'],
  [131047, 'outside the 24-hour window'],
  [131051, 'unsupported message type'],
  [132000, 'template parameter count mismatch'],
  [132001, 'template does not exist in this language'],
  [132005, 'template text too long'],
  [132007, 'template format policy violated'],
  [132012, 'template parameter format mismatch'],
  [132015, 'template paused'],
  [132016, 'template disabled'],
  [133010, 'phone number not registered'],
]);

export class WhatsAppCloudTransport implements NotificationTransport {
  readonly channel = NotificationChannel.WHATSAPP;
  // Private fields (#): a transport logged or serialised by mistake shows no token.
  readonly #url: string;
  readonly #config: WhatsAppCloudConfig;
  readonly #fetch?: typeof fetch;

  constructor(config: WhatsAppCloudConfig, fetchFn?: typeof fetch) {
    this.#config = config;
    this.#fetch = fetchFn;
    this.#url = `${config.apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(config.apiVersion)}/${encodeURIComponent(config.phoneNumberId)}/messages`;
  }

  async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendOutcome> {
    const to = e164Digits(message.to);
    if (!to) return { outcome: 'FAILED', reason: 'recipient is not an E.164 phone number' };
    const { name, language, parameters } = message.template;
    const answer = await postJson(
      this.#url,
      { authorization: `Bearer ${this.#config.accessToken}` },
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        type: 'template',
        template: {
          name,
          language: { code: language },
          // A template without variables takes no components at all.
          ...(parameters.length ? { components: [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] } : {}),
        },
      },
      { signal, timeoutMs: this.#config.timeoutMs, fetch: this.#fetch },
    );
    return whatsAppOutcome(answer);
  }
}

/** Meta's answer as SENT, RETRY or FAILED; the reason names the HTTP status and Graph API code, never Meta's message (it can quote the number). */
export function whatsAppOutcome(answer: HttpAnswer): SendOutcome {
  if (answer.kind === 'network') return { outcome: 'RETRY', reason: `WhatsApp ${answer.reason}` };
  const { status, body, retryAfterSeconds } = answer;
  if (status >= 200 && status < 300) {
    const id = (body as { messages?: Array<{ id?: unknown }> } | null)?.messages?.[0]?.id;
    return { outcome: 'SENT', providerMessageId: typeof id === 'string' ? id : null };
  }
  const rawCode = (body as { error?: { code?: unknown } } | null)?.error?.code;
  const code = typeof rawCode === 'number' ? rawCode : undefined;
  const label = code === undefined ? undefined : TEMPORARY_CODES.get(code) ?? PERMANENT_CODES.get(code) ?? templateLabel(code);
  const reason = `WhatsApp HTTP ${status}${code === undefined ? '' : `, Graph API error ${code}`}${label ? ` (${label})` : ''}`;
  const temporary = code !== undefined ? TEMPORARY_CODES.has(code) || (!PERMANENT_CODES.has(code) && !templateLabel(code) && (status === 429 || status >= 500)) : status === 429 || status >= 500;
  if (temporary) return retryAfterSeconds === undefined ? { outcome: 'RETRY', reason } : { outcome: 'RETRY', reason, retryAfterSeconds };
  return { outcome: 'FAILED', reason };
}

/** 132000–132016: the template is missing, paused, disabled or does not fit its parameters. */
function templateLabel(code: number): string | undefined {
  return code >= 132000 && code <= 132016 ? 'template error' : undefined;
}
