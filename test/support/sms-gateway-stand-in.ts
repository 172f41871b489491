import { randomBytes } from 'node:crypto';
import { gsm7Length } from '../../server/src/notifications/transports/gsm7';
import { isPlainObject, JsonAnswer, JsonRequest, parseJson, startJsonStandIn, waitForCount } from './json-stand-in';

/**
 * A stand-in for Infobip's SMS API (`POST /sms/2/text/advanced`) that checks
 * every request as Infobip documents it (docs/adr/0029-notification-transports.md):
 * `Authorization: App <api key>`, JSON in and out, `messages[].destinations[].to`
 * in international digits, `from` a sender ID (3–11 letters and digits, or up
 * to 14 digits), a non-empty `text`. A wrong key gets 401 UNAUTHORIZED, a
 * malformed body 400 BAD_REQUEST with validationErrors — Infobip's
 * `{ requestError: { serviceException } }` shape — and is kept in `refused`.
 * An accepted message is kept in `received` (with how many SMS parts its text
 * makes) and answered PENDING_ACCEPTED.
 *
 *   const sms = await startSmsGatewayStandIn();
 *   new InfobipSmsTransport({ apiUrl: sms.url, apiKey: sms.apiKey, sender: 'KEMENSOS' })
 */
export interface ReceivedSms {
  /** Infobip's message id: the one the request gave in destinations[].messageId, or one it made. */
  messageId: string;
  bulkId: string;
  to: string;
  from: string;
  text: string;
  /** SMS parts the text takes (1 up to 160 GSM-7 characters). */
  parts: number;
}

export interface RefusedSmsRequest {
  status: number;
  messageId: string;
  details: string;
}

export type SmsFailure =
  /** HTTP 429 TOO_MANY_REQUESTS, Retry-After 20. */
  | 'rate-limit'
  /** HTTP 500 GENERAL_ERROR. */
  | 'server-error'
  /** HTTP 200 with the message REJECTED (group 5), REJECTED_DESTINATION. */
  | 'rejected-destination'
  /** HTTP 200 with the message REJECTED, REJECTED_NOT_ENOUGH_CREDITS. */
  | 'not-enough-credits';

export interface SmsGatewayStandIn {
  url: string;
  port: number;
  apiKey: string;
  received: ReceivedSms[];
  refused: RefusedSmsRequest[];
  failNext(failure: SmsFailure): void;
  /** The next request is answered only after `ms`; resolves when it has arrived (then abort, in a test). */
  delayNext(ms: number): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedSms[]>;
  close(): Promise<void>;
}

const MESSAGE_KEYS = new Set(['destinations', 'from', 'text', 'flash', 'language', 'transliteration', 'notifyUrl', 'notifyContentType', 'callbackData', 'validityPeriod', 'sendAt', 'entityId', 'applicationId']);
const REJECTIONS: Record<'rejected-destination' | 'not-enough-credits', { id: number; name: string; description: string }> = {
  'rejected-destination': { id: 14, name: 'REJECTED_DESTINATION', description: 'Destination number not valid or blacklisted' },
  'not-enough-credits': { id: 12, name: 'REJECTED_NOT_ENOUGH_CREDITS', description: 'Not enough credits' },
};

export async function startSmsGatewayStandIn(options: { apiKey?: string } = {}): Promise<SmsGatewayStandIn> {
  const apiKey = options.apiKey ?? randomBytes(24).toString('hex');
  const received: ReceivedSms[] = [];
  const refused: RefusedSmsRequest[] = [];
  const failures: SmsFailure[] = [];

  const error = (status: number, messageId: string, text: string, details: string, validationErrors?: Record<string, string[]>): JsonAnswer => {
    refused.push({ status, messageId, details });
    return { status, body: { requestError: { serviceException: { messageId, text, ...(validationErrors ? { validationErrors } : {}) } } } };
  };
  const badRequest = (field: string, problem: string) => error(400, 'BAD_REQUEST', 'Bad request', `${field}: ${problem}`, { [field]: [problem] });

  const handle = (request: JsonRequest): JsonAnswer => {
    if (request.method !== 'POST' || request.path !== '/sms/2/text/advanced') return error(404, 'NOT_FOUND', 'Not found', `no ${request.method} ${request.path}`);
    if (request.headers.authorization !== `App ${apiKey}`) return error(401, 'UNAUTHORIZED', 'Invalid login details', 'Authorization: App <key>');
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) return error(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Content-Type must be application/json');
    const body = parseJson(request.text);
    if (!isPlainObject(body) || !Array.isArray(body.messages) || body.messages.length === 0) return badRequest('messages', 'must not be empty');
    const accepted: Array<Omit<ReceivedSms, 'bulkId'>> = [];
    for (const [m, message] of body.messages.entries()) {
      const at = `messages[${m}]`;
      if (!isPlainObject(message)) return badRequest(at, 'must be an object');
      const unknown = Object.keys(message).find((key) => !MESSAGE_KEYS.has(key));
      if (unknown) return badRequest(`${at}.${unknown}`, 'unrecognized field');
      if (typeof message.from !== 'string' || !/^(?:[A-Za-z0-9]{3,11}|\d{3,14})$/.test(message.from)) return badRequest(`${at}.from`, 'must be a sender ID: 3–11 alphanumeric characters, or up to 14 digits');
      if (typeof message.text !== 'string' || message.text.length === 0) return badRequest(`${at}.text`, 'must not be blank');
      if (!Array.isArray(message.destinations) || message.destinations.length === 0) return badRequest(`${at}.destinations`, 'must not be empty');
      for (const [d, destination] of message.destinations.entries()) {
        const where = `${at}.destinations[${d}]`;
        if (!isPlainObject(destination) || typeof destination.to !== 'string' || !/^[1-9]\d{7,14}$/.test(destination.to)) {
          return badRequest(`${where}.to`, 'must be the number in international format, digits only');
        }
        if (destination.messageId !== undefined && (typeof destination.messageId !== 'string' || destination.messageId.length > 200)) return badRequest(`${where}.messageId`, 'must be a string of at most 200 characters');
        const length = gsm7Length(message.text);
        const parts = 'septets' in length ? (length.septets <= 160 ? 1 : Math.ceil(length.septets / 153)) : Math.ceil(message.text.length / 67);
        accepted.push({ messageId: (destination.messageId as string | undefined) ?? randomBytes(12).toString('hex'), to: destination.to, from: message.from, text: message.text, parts });
      }
    }
    const bulkId = randomBytes(12).toString('hex');
    const failure = failures.shift();
    if (failure === 'rate-limit') return { ...error(429, 'TOO_MANY_REQUESTS', 'Too many requests', 'failNext'), headers: { 'retry-after': '20' } };
    if (failure === 'server-error') return error(500, 'GENERAL_ERROR', 'Something went wrong. Please contact support.', 'failNext');
    const rejection = failure ? REJECTIONS[failure] : undefined;
    if (!rejection) received.push(...accepted.map((sms) => ({ ...sms, bulkId })));
    return {
      status: 200,
      body: {
        bulkId,
        messages: accepted.map((sms) => ({
          to: sms.to,
          messageId: sms.messageId,
          status: rejection
            ? { groupId: 5, groupName: 'REJECTED', ...rejection }
            : { groupId: 1, groupName: 'PENDING', id: 26, name: 'PENDING_ACCEPTED', description: 'Message sent to next instance' },
        })),
      },
    };
  };

  const server = await startJsonStandIn(handle);
  return {
    url: server.url,
    port: server.port,
    apiKey,
    received,
    refused,
    failNext(failure) {
      failures.push(failure);
    },
    delayNext: (ms) => server.delayNext(ms),
    waitFor: (count, timeoutMs) => waitForCount(() => received, count, 'the SMS gateway stand-in', timeoutMs),
    close: () => server.close(),
  };
}
