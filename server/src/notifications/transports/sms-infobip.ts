import { NotificationChannel, NotificationTransport, OutgoingMessage, SendOutcome } from '../transport';
import { gsm7Length, SMS_MAX_SEPTETS } from './gsm7';
import { HttpAnswer, e164Digits, postJson } from './http';

/**
 * SMS through Infobip's SMS API (docs/adr/0029-notification-transports.md for
 * why Infobip): `POST {baseUrl}/sms/2/text/advanced` with
 * `Authorization: App <api key>`:
 * {
 *   messages: [{ destinations: [{ to: '6281234567890', messageId: '<outbox id>' }], from: '<sender ID>', text }],
 * }
 * answered 200 `{ bulkId, messages: [{ to, messageId, status: { groupId, groupName, id, name, description } }] }`,
 * or 4xx/5xx `{ requestError: { serviceException: { messageId: 'UNAUTHORIZED', text } } }`.
 *
 * The send answer is an acceptance, not a delivery: PENDING (group 1) is SENT
 * here; the handset's delivery report comes later, to a webhook this
 * transport does not listen to.
 */
export interface InfobipSmsConfig {
  /** The account's own base URL, https://<subdomain>.api.infobip.com (Infobip portal → Homepage). */
  apiUrl: string;
  /** An API key with the sms:message:send scope. Never logged. */
  apiKey: string;
  /** The registered sender ID ("masking"): up to 11 letters and digits, registered with every Indonesian network. */
  sender: string;
  timeoutMs?: number;
}

/** Status group ids (Infobip's "Response status and error codes"). */
const PENDING = 1;
const UNDELIVERABLE = 2;
const DELIVERED = 3;
const EXPIRED = 4;
const REJECTED = 5;

/** REJECTED statuses that a later attempt can get past: credit topped up, a route back, a flood filter cooled down, Infobip's own error. */
const TEMPORARY_REJECTIONS = new Set(['REJECTED_NOT_ENOUGH_CREDITS', 'REJECTED_ROUTE_NOT_AVAILABLE', 'REJECTED_FLOODING_FILTER', 'REJECTED_SYSTEM_ERROR']);

export class InfobipSmsTransport implements NotificationTransport {
  readonly channel = NotificationChannel.SMS;
  // Private fields (#): a transport logged or serialised by mistake shows no key.
  readonly #url: string;
  readonly #config: InfobipSmsConfig;
  readonly #fetch?: typeof fetch;

  constructor(config: InfobipSmsConfig, fetchFn?: typeof fetch) {
    this.#config = config;
    this.#fetch = fetchFn;
    this.#url = `${config.apiUrl.replace(/\/+$/, '')}/sms/2/text/advanced`;
  }

  async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendOutcome> {
    const to = e164Digits(message.to);
    if (!to) return { outcome: 'FAILED', reason: 'recipient is not an E.164 phone number' };
    // A guard: the outbox renders at most 160 GSM-7 characters. Infobip would split a longer text into
    // concatenated parts (billed each, unreliably reassembled on Indonesian networks) — never silently.
    const length = gsm7Length(message.text);
    if ('unsupported' in length) return { outcome: 'FAILED', reason: `SMS text has a character outside GSM-7 (${length.unsupported}); it would go as UCS-2, 70 characters a part` };
    if (length.septets > SMS_MAX_SEPTETS) return { outcome: 'FAILED', reason: `SMS text is ${length.septets} GSM-7 characters, over the ${SMS_MAX_SEPTETS} of one SMS; not sent in parts` };
    const answer = await postJson(
      this.#url,
      { authorization: `App ${this.#config.apiKey}` },
      { messages: [{ destinations: [{ to, messageId: message.id }], from: this.#config.sender, text: message.text }] },
      { signal, timeoutMs: this.#config.timeoutMs, fetch: this.#fetch },
    );
    return infobipOutcome(answer);
  }
}

interface InfobipStatus {
  groupId?: unknown;
  name?: unknown;
}

/** Infobip's answer as SENT, RETRY or FAILED; the reason names the HTTP status and Infobip's code (status name or serviceException id), never its text. */
export function infobipOutcome(answer: HttpAnswer): SendOutcome {
  if (answer.kind === 'network') return { outcome: 'RETRY', reason: `Infobip ${answer.reason}` };
  const { status, body, retryAfterSeconds } = answer;
  if (status >= 200 && status < 300) {
    const sent = (body as { messages?: Array<{ messageId?: unknown; status?: InfobipStatus }> } | null)?.messages?.[0];
    const providerMessageId = typeof sent?.messageId === 'string' ? sent.messageId : null;
    const group = typeof sent?.status?.groupId === 'number' ? sent.status.groupId : undefined;
    const name = typeof sent?.status?.name === 'string' && /^[A-Z_]{1,64}$/.test(sent.status.name) ? sent.status.name : `group ${group ?? 'unknown'}`;
    if (group === PENDING || group === DELIVERED) return { outcome: 'SENT', providerMessageId };
    if (group === REJECTED && !TEMPORARY_REJECTIONS.has(name)) return { outcome: 'FAILED', reason: `Infobip ${name}` };
    if (group === UNDELIVERABLE) return { outcome: 'FAILED', reason: `Infobip ${name}` };
    // EXPIRED, a temporary rejection, or a status this code does not know: try again.
    if (group === REJECTED || group === EXPIRED) return { outcome: 'RETRY', reason: `Infobip ${name}` };
    return { outcome: 'RETRY', reason: `Infobip HTTP ${status} without a known message status (${name})` };
  }
  const exception = (body as { requestError?: { serviceException?: { messageId?: unknown } } } | null)?.requestError?.serviceException?.messageId;
  const code = typeof exception === 'string' && /^[A-Z_]{1,64}$/.test(exception) ? exception : undefined;
  const reason = `Infobip HTTP ${status}${code ? ` ${code}` : ''}`;
  if (status === 429 || status >= 500) return retryAfterSeconds === undefined ? { outcome: 'RETRY', reason } : { outcome: 'RETRY', reason, retryAfterSeconds };
  // 400 BAD_REQUEST (a field Infobip refuses), 401 UNAUTHORIZED (the key), 403 (the key's scope, the sender not allowed), 404.
  return { outcome: 'FAILED', reason };
}
