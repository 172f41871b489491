import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationChannel } from '../../server/src/notifications/transport';
import { WhatsAppCloudTransport } from '../../server/src/notifications/transports/whatsapp-cloud';
import { startWhatsAppCloudStandIn, type WhatsAppCloudStandIn } from '../support/whatsapp-cloud-stand-in';
import { outgoing, PHONE_DIGITS, reasonOf } from './messages';

/**
 * The WhatsApp transport against a local Cloud API that checks each request
 * as Meta documents it (test/support/whatsapp-cloud-stand-in.ts), with the
 * approved templates it knows.
 */
let wa: WhatsAppCloudStandIn;

function transport(overrides: { accessToken?: string; timeoutMs?: number; apiUrl?: string } = {}) {
  return new WhatsAppCloudTransport({
    apiUrl: overrides.apiUrl ?? wa.url,
    apiVersion: wa.apiVersion,
    phoneNumberId: wa.phoneNumberId,
    accessToken: overrides.accessToken ?? wa.accessToken,
    timeoutMs: overrides.timeoutMs,
  });
}

beforeAll(async () => {
  wa = await startWhatsAppCloudStandIn({
    templates: {
      aduan_keterangan_diminta: { languages: ['id', 'en'], parameters: 2 },
      aduan_ditutup: { languages: ['id'], parameters: 0 },
    },
  });
});
afterAll(async () => {
  await wa.close();
});

describe('WhatsAppCloudTransport', () => {
  it('sends the approved template with its language and parameters to the number in digits; SENT with the wamid', async () => {
    const message = outgoing(NotificationChannel.WHATSAPP);
    const before = wa.received.length;
    const outcome = await transport().send(message);
    expect(wa.refused).toEqual([]);
    const arrived = wa.received[before]!;
    expect(arrived).toMatchObject({
      to: PHONE_DIGITS,
      template: { name: 'aduan_keterangan_diminta', language: 'id', parameters: ['ADU-2026-000123', 'Dinas Sosial Kota Bandung'] },
      apiVersion: 'v23.0',
    });
    expect(outcome).toEqual({ outcome: 'SENT', providerMessageId: arrived.wamid });
    expect(arrived.wamid).toMatch(/^wamid\./);
  });

  it('a template without variables goes without components', async () => {
    const message = outgoing(NotificationChannel.WHATSAPP, { template: { name: 'aduan_ditutup', language: 'id', parameters: [] } });
    expect(await transport().send(message)).toMatchObject({ outcome: 'SENT' });
    expect(wa.received.at(-1)!.template).toEqual({ name: 'aduan_ditutup', language: 'id', parameters: [] });
  });

  it('throttling (429, 130429) and Meta\'s own failures (500, 131000) are RETRY; Retry-After is passed on', async () => {
    const message = outgoing(NotificationChannel.WHATSAPP);
    wa.failNext('rate-limit');
    const limited = await transport().send(message);
    expect(limited).toMatchObject({ outcome: 'RETRY', retryAfterSeconds: 30 });
    expect(reasonOf(limited, message)).toBe('WhatsApp HTTP 429, Graph API error 130429 (throughput rate limit)');

    wa.failNext('server-error');
    const failed = await transport().send(message);
    expect(failed.outcome).toBe('RETRY');
    expect(reasonOf(failed, message)).toBe('WhatsApp HTTP 500, Graph API error 131000 (something went wrong)');

    wa.failNext({ status: 400, code: 131056 });
    const pair = await transport().send(message);
    expect(pair.outcome).toBe('RETRY');
    expect(reasonOf(pair, message)).toMatch(/^WhatsApp HTTP 400, Graph API error 131056 /);
  });

  it('a number that is not on WhatsApp (131026) is FAILED, and the reason names the code, not the number', async () => {
    const message = outgoing(NotificationChannel.WHATSAPP);
    wa.failNext('undeliverable');
    const outcome = await transport().send(message);
    expect(outcome.outcome).toBe('FAILED');
    expect(reasonOf(outcome, message)).toBe('WhatsApp HTTP 400, Graph API error 131026 (message undeliverable (not a WhatsApp user, or cannot receive it))');
  });

  it('a template Meta has not approved in that language (132001), or with the wrong number of parameters (132000), is FAILED', async () => {
    const missing = outgoing(NotificationChannel.WHATSAPP, { template: { name: 'aduan_ditutup', language: 'en', parameters: [] } });
    const notApproved = await transport().send(missing);
    expect(notApproved.outcome).toBe('FAILED');
    expect(reasonOf(notApproved, missing)).toBe('WhatsApp HTTP 404, Graph API error 132001 (template does not exist in this language)');

    const short = outgoing(NotificationChannel.WHATSAPP, { template: { name: 'aduan_keterangan_diminta', language: 'id', parameters: ['ADU-2026-000123'] } });
    const mismatch = await transport().send(short);
    expect(mismatch.outcome).toBe('FAILED');
    expect(reasonOf(mismatch, short)).toBe('WhatsApp HTTP 400, Graph API error 132000 (template parameter count mismatch)');
  });

  it('a token Meta refuses (401, 190) is FAILED', async () => {
    const message = outgoing(NotificationChannel.WHATSAPP);
    const outcome = await transport({ accessToken: 'EAAGtokenthatmetadoesnotknow0000' }).send(message);
    expect(outcome.outcome).toBe('FAILED');
    expect(reasonOf(outcome, message)).toBe('WhatsApp HTTP 401, Graph API error 190 (access token expired or invalid)');
  });

  it('a number that is not E.164 is FAILED before any request', async () => {
    const message = outgoing(NotificationChannel.WHATSAPP, { to: '081234567890' });
    const before = wa.refused.length + wa.received.length;
    const outcome = await transport().send(message);
    expect(outcome).toEqual({ outcome: 'FAILED', reason: 'recipient is not an E.164 phone number' });
    expect(wa.refused.length + wa.received.length).toBe(before);
  });

  it('a Cloud API that does not answer: the caller aborts (RETRY), or the timeout does', async () => {
    const message = outgoing(NotificationChannel.WHATSAPP);
    const controller = new AbortController();
    const held = wa.delayNext(60_000);
    const sending = transport().send(message, controller.signal);
    await held;
    controller.abort();
    const aborted = await sending;
    expect(aborted.outcome).toBe('RETRY');
    expect(reasonOf(aborted, message)).toBe('WhatsApp aborted');

    const heldAgain = wa.delayNext(60_000);
    const timedOut = await transport({ timeoutMs: 300 }).send(message);
    await heldAgain;
    expect(timedOut.outcome).toBe('RETRY');
    expect(reasonOf(timedOut, message)).toBe('WhatsApp timeout after 0.3 s');
  });

  it('nothing listening: RETRY with the network error', async () => {
    const gone = await startWhatsAppCloudStandIn();
    await gone.close();
    const message = outgoing(NotificationChannel.WHATSAPP);
    const outcome = await transport({ apiUrl: gone.url }).send(message);
    expect(outcome.outcome).toBe('RETRY');
    expect(reasonOf(outcome, message)).toBe('WhatsApp network error ECONNREFUSED');
  });
});

describe('the Cloud API stand-in checks requests as Meta documents them', () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${wa.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${wa.accessToken}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as { error?: { code: number; type: string; fbtrace_id: string } } }));
  const good = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: PHONE_DIGITS,
    type: 'template',
    template: { name: 'aduan_keterangan_diminta', language: { code: 'id' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] },
  };
  const path = () => `/${wa.apiVersion}/${wa.phoneNumberId}/messages`;

  it.each([
    ['"to" with a +', { ...good, to: `+${PHONE_DIGITS}` }],
    ['no messaging_product', { ...good, messaging_product: undefined }],
    ['a text message instead of a template', { ...good, type: 'text' }],
    ['a language given as a string', { ...good, template: { ...good.template, language: 'id' } }],
    ['a parameter that is a number', { ...good, template: { ...good.template, components: [{ type: 'body', parameters: [{ type: 'text', text: 1 }, { type: 'text', text: 'b' }] }] } }],
    ['an unknown field', { ...good, text: { body: 'halo' } }],
  ])('refuses %s with 400 and Meta\'s error shape (code 100)', async (_what, body) => {
    const answer = await post(path(), body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 100, type: 'OAuthException', fbtrace_id: expect.any(String) });
  });

  it('refuses another phone-number id, an unknown version and a missing token', async () => {
    expect((await post(`/${wa.apiVersion}/999999999/messages`, good)).body.error?.code).toBe(100);
    expect((await post(`/v1.0/${wa.phoneNumberId}/messages`, good)).status).toBe(400);
    expect(await post(path(), good, { authorization: '' })).toMatchObject({ status: 401, body: { error: { code: 190 } } });
  });
});
