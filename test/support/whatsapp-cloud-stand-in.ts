import { randomBytes } from 'node:crypto';
import { isPlainObject, JsonAnswer, JsonRequest, parseJson, startJsonStandIn, waitForCount } from './json-stand-in';

/**
 * A stand-in for Meta's WhatsApp Cloud API send endpoint that checks every
 * request as Meta documents it (docs/adr/0029-notification-transports.md):
 * `POST /{version}/{phone-number-id}/messages`, `Authorization: Bearer <token>`,
 * `Content-Type: application/json`, and a template message body —
 * `messaging_product: "whatsapp"`, `recipient_type: "individual"`, `to` in
 * digits, `type: "template"`, the template's name, language code and body
 * parameters. A request that is wrong gets Meta's error shape (400, code 100;
 * 401, code 190 for the token; 132001 / 132000 for a template it does not
 * know or whose parameters do not fit, when `templates` is given), and is kept
 * in `refused` with what was wrong. An accepted one is kept in `received` and
 * answered with a wamid.
 *
 *   const wa = await startWhatsAppCloudStandIn();
 *   new WhatsAppCloudTransport({ apiUrl: wa.url, apiVersion: wa.apiVersion, phoneNumberId: wa.phoneNumberId, accessToken: wa.accessToken })
 */
export interface ReceivedWhatsAppMessage {
  wamid: string;
  /** Digits, as sent (no +). */
  to: string;
  template: { name: string; language: string; parameters: string[] };
  apiVersion: string;
}

export interface RefusedWhatsAppRequest {
  status: number;
  code: number;
  details: string;
}

/** A canned failure for the next request. */
export type WhatsAppFailure =
  /** HTTP 429, Graph API error 130429 (throughput), with Retry-After. */
  | 'rate-limit'
  /** HTTP 500, Graph API error 131000 (something went wrong). */
  | 'server-error'
  /** HTTP 400, Graph API error 131026 (message undeliverable: not a WhatsApp user). */
  | 'undeliverable'
  | { status: number; code: number; retryAfter?: string };

export interface WhatsAppCloudStandIn {
  url: string;
  port: number;
  apiVersion: string;
  phoneNumberId: string;
  accessToken: string;
  received: ReceivedWhatsAppMessage[];
  refused: RefusedWhatsAppRequest[];
  /** The next request (checked first: a malformed one is still refused) gets this failure; several calls queue several. */
  failNext(failure: WhatsAppFailure): void;
  /** The next request is answered only after `ms`; resolves when it has arrived (then abort, in a test). */
  delayNext(ms: number): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWhatsAppMessage[]>;
  close(): Promise<void>;
}

export interface WhatsAppCloudStandInOptions {
  phoneNumberId?: string;
  accessToken?: string;
  /** The versions the stand-in serves (default: v23.0, the configuration's default). */
  apiVersions?: string[];
  /** Approved templates: name → language codes and the body's parameter count. Unset: any well-formed template is accepted. */
  templates?: Record<string, { languages: string[]; parameters: number }>;
}

const TOP_LEVEL_KEYS = new Set(['messaging_product', 'recipient_type', 'to', 'type', 'template', 'biz_opaque_callback_data']);
const FAILURES: Record<Exclude<WhatsAppFailure, object>, { status: number; code: number; retryAfter?: string }> = {
  'rate-limit': { status: 429, code: 130429, retryAfter: '30' },
  'server-error': { status: 500, code: 131000 },
  undeliverable: { status: 400, code: 131026 },
};

export async function startWhatsAppCloudStandIn(options: WhatsAppCloudStandInOptions = {}): Promise<WhatsAppCloudStandIn> {
  const phoneNumberId = options.phoneNumberId ?? '106540352242922';
  const accessToken = options.accessToken ?? `EAAG${randomBytes(24).toString('hex')}`;
  const apiVersions = options.apiVersions ?? ['v23.0'];
  const received: ReceivedWhatsAppMessage[] = [];
  const refused: RefusedWhatsAppRequest[] = [];
  const failures: Array<{ status: number; code: number; retryAfter?: string }> = [];

  const error = (status: number, code: number, message: string, details: string, type = 'OAuthException'): JsonAnswer => {
    refused.push({ status, code, details });
    return {
      status,
      body: {
        error: { message, type, code, error_data: { messaging_product: 'whatsapp', details }, fbtrace_id: `A${randomBytes(8).toString('hex')}` },
      },
    };
  };
  const invalid = (details: string) => error(400, 100, '(#100) Invalid parameter', details);

  const handle = (request: JsonRequest): JsonAnswer => {
    const path = /^\/(v\d+\.\d+)\/([^/?]+)\/messages$/.exec(request.path);
    if (request.method !== 'POST' || !path) return error(400, 100, 'Unsupported request - method type: ' + request.method.toLowerCase(), `no ${request.method} ${request.path}`, 'GraphMethodException');
    const [, version, id] = path;
    if (!apiVersions.includes(version!)) return error(400, 2635, `(#2635) You are calling a deprecated or unknown version of the Graph API`, `version ${version}`);
    if (id !== phoneNumberId) return error(400, 100, `Unsupported post request. Object with ID '${id}' does not exist`, 'unknown phone-number id', 'GraphMethodException');
    if (request.headers.authorization !== `Bearer ${accessToken}`) return error(401, 190, 'Invalid OAuth access token - Cannot parse access token', 'bearer token');
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) return invalid('Content-Type must be application/json');
    const body = parseJson(request.text);
    if (!isPlainObject(body)) return invalid('the body is not a JSON object');
    const unknown = Object.keys(body).find((key) => !TOP_LEVEL_KEYS.has(key));
    if (unknown) return invalid(`unexpected parameter ${unknown}`);
    if (body.messaging_product !== 'whatsapp') return invalid('messaging_product must be "whatsapp"');
    if (body.recipient_type !== undefined && body.recipient_type !== 'individual') return invalid('recipient_type must be "individual"');
    if (typeof body.to !== 'string' || !/^[1-9]\d{7,14}$/.test(body.to)) return invalid('to must be the phone number in digits, country code first, without +');
    if (body.type !== 'template') return invalid('type must be "template" for a business-initiated message');
    const template = body.template;
    if (!isPlainObject(template)) return invalid('template must be an object');
    if (typeof template.name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(template.name)) return invalid('template.name must be the template name (lower-case letters, digits, _)');
    if (!isPlainObject(template.language) || typeof template.language.code !== 'string' || !/^[a-z]{2,3}(?:_[A-Z]{2})?$/.test(template.language.code)) {
      return invalid('template.language.code must be a language code such as id or en_US');
    }
    if (template.language.policy !== undefined && template.language.policy !== 'deterministic') return invalid('template.language.policy must be "deterministic"');
    const parameters: string[] = [];
    if (template.components !== undefined) {
      if (!Array.isArray(template.components)) return invalid('template.components must be an array');
      for (const component of template.components) {
        if (!isPlainObject(component) || component.type !== 'body') return invalid('only a body component is expected');
        if (!Array.isArray(component.parameters)) return invalid('the body component needs parameters');
        for (const parameter of component.parameters) {
          if (!isPlainObject(parameter) || parameter.type !== 'text' || typeof parameter.text !== 'string' || parameter.text.length === 0) {
            return invalid('each body parameter must be { type: "text", text: <non-empty string> }');
          }
          // Meta refuses new lines, tabs and more than four consecutive spaces in a text parameter.
          if (/[\n\t]| {5}/.test(parameter.text)) return error(400, 132018, '(#132018) There was an issue with the parameters in your template.', 'a parameter has a new line, a tab or more than 4 consecutive spaces');
          parameters.push(parameter.text);
        }
      }
    }
    const approved = options.templates?.[template.name];
    if (options.templates && (!approved || !approved.languages.includes(template.language.code))) {
      return error(404, 132001, '(#132001) Template name does not exist in the translation', `template ${template.name} (${template.language.code})`);
    }
    if (approved && approved.parameters !== parameters.length) {
      return error(400, 132000, '(#132000) Number of parameters does not match the expected number of params', `${parameters.length} of ${approved.parameters}`);
    }
    const failure = failures.shift();
    if (failure) {
      const answer = error(failure.status, failure.code, `(#${failure.code}) canned failure`, 'failNext');
      return failure.retryAfter ? { ...answer, headers: { 'retry-after': failure.retryAfter } } : answer;
    }
    const wamid = `wamid.${randomBytes(24).toString('base64url')}`;
    received.push({ wamid, to: body.to, template: { name: template.name, language: template.language.code, parameters }, apiVersion: version! });
    return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: wamid }] } };
  };

  const server = await startJsonStandIn(handle);
  return {
    url: server.url,
    port: server.port,
    apiVersion: apiVersions[0]!,
    phoneNumberId,
    accessToken,
    received,
    refused,
    failNext(failure) {
      failures.push(typeof failure === 'string' ? FAILURES[failure] : failure);
    },
    delayNext: (ms) => server.delayNext(ms),
    waitFor: (count, timeoutMs) => waitForCount(() => received, count, 'the WhatsApp stand-in', timeoutMs),
    close: () => server.close(),
  };
}
