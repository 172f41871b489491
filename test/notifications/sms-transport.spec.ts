import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationChannel } from '../../server/src/notifications/transport';
import { gsm7Length } from '../../server/src/notifications/transports/gsm7';
import { InfobipSmsTransport } from '../../server/src/notifications/transports/sms-infobip';
import { startSmsGatewayStandIn, type SmsGatewayStandIn } from '../support/sms-gateway-stand-in';
import { outgoing, PHONE_DIGITS, reasonOf } from './messages';

/**
 * The SMS transport against a local Infobip SMS API that checks each request
 * as Infobip documents it (test/support/sms-gateway-stand-in.ts).
 */
let sms: SmsGatewayStandIn;

function transport(overrides: { apiKey?: string; timeoutMs?: number; apiUrl?: string } = {}) {
  return new InfobipSmsTransport({ apiUrl: overrides.apiUrl ?? sms.url, apiKey: overrides.apiKey ?? sms.apiKey, sender: 'KEMENSOS', timeoutMs: overrides.timeoutMs });
}

beforeAll(async () => {
  sms = await startSmsGatewayStandIn();
});
afterAll(async () => {
  await sms.close();
});

describe('InfobipSmsTransport', () => {
  it('sends the text as one SMS from the registered sender to the number in digits, the outbox id as messageId; SENT with it', async () => {
    const message = outgoing(NotificationChannel.SMS);
    const outcome = await transport().send(message);
    expect(sms.refused).toEqual([]);
    expect(sms.received.at(-1)).toMatchObject({ to: PHONE_DIGITS, from: 'KEMENSOS', text: message.text, parts: 1, messageId: 'ntf-000123' });
    expect(outcome).toEqual({ outcome: 'SENT', providerMessageId: 'ntf-000123' });
  });

  it('160 GSM-7 characters go; 161 — or 159 and a €, which takes two — are FAILED unsent, the reason giving the count and not the text', async () => {
    const exactly = outgoing(NotificationChannel.SMS, { id: 'ntf-160', text: `ADU-2026-000123 ${'x'.repeat(144)}` });
    expect(gsm7Length(exactly.text)).toEqual({ septets: 160 });
    expect(await transport().send(exactly)).toMatchObject({ outcome: 'SENT' });
    expect(sms.received.at(-1)).toMatchObject({ messageId: 'ntf-160', parts: 1 });

    const before = sms.received.length;
    const long = outgoing(NotificationChannel.SMS, { text: `${exactly.text}y` });
    const tooLong = await transport().send(long);
    expect(tooLong.outcome).toBe('FAILED');
    expect(reasonOf(tooLong, long)).toBe('SMS text is 161 GSM-7 characters, over the 160 of one SMS; not sent in parts');

    const euro = outgoing(NotificationChannel.SMS, { text: `${'x'.repeat(159)}€` });
    const escaped = await transport().send(euro);
    expect(escaped.outcome).toBe('FAILED');
    expect(reasonOf(escaped, euro)).toMatch(/^SMS text is 161 GSM-7 characters/);
    expect(sms.received).toHaveLength(before);
  });

  it('a character outside GSM-7 (a curly apostrophe from a word processor) is FAILED, named by code point', async () => {
    const message = outgoing(NotificationChannel.SMS, { text: 'Aduan Bansos: aduan Anda sudah ditanggapi. Terima kasih atas kesabaran Anda’' });
    const outcome = await transport().send(message);
    expect(outcome.outcome).toBe('FAILED');
    expect(reasonOf(outcome, message)).toBe('SMS text has a character outside GSM-7 (U+2019); it would go as UCS-2, 70 characters a part');
  });

  it('429 TOO_MANY_REQUESTS and 500 are RETRY (with Retry-After); out of credit is RETRY too (a top-up fixes it)', async () => {
    const message = outgoing(NotificationChannel.SMS);
    sms.failNext('rate-limit');
    const limited = await transport().send(message);
    expect(limited).toMatchObject({ outcome: 'RETRY', retryAfterSeconds: 20 });
    expect(reasonOf(limited, message)).toBe('Infobip HTTP 429 TOO_MANY_REQUESTS');

    sms.failNext('server-error');
    const failed = await transport().send(message);
    expect(failed.outcome).toBe('RETRY');
    expect(reasonOf(failed, message)).toBe('Infobip HTTP 500 GENERAL_ERROR');

    sms.failNext('not-enough-credits');
    const broke = await transport().send(message);
    expect(broke.outcome).toBe('RETRY');
    expect(reasonOf(broke, message)).toBe('Infobip REJECTED_NOT_ENOUGH_CREDITS');
  });

  it('a destination Infobip rejects is FAILED; so is a key it refuses (401 UNAUTHORIZED)', async () => {
    const message = outgoing(NotificationChannel.SMS);
    sms.failNext('rejected-destination');
    const rejected = await transport().send(message);
    expect(rejected.outcome).toBe('FAILED');
    expect(reasonOf(rejected, message)).toBe('Infobip REJECTED_DESTINATION');

    const unauthorized = await transport({ apiKey: 'not-the-key-0000000000' }).send(message);
    expect(unauthorized.outcome).toBe('FAILED');
    expect(reasonOf(unauthorized, message)).toBe('Infobip HTTP 401 UNAUTHORIZED');
  });

  it('a gateway that does not answer: the caller aborts (RETRY), or the timeout does', async () => {
    const message = outgoing(NotificationChannel.SMS);
    const controller = new AbortController();
    const held = sms.delayNext(60_000);
    const sending = transport().send(message, controller.signal);
    await held;
    controller.abort();
    const aborted = await sending;
    expect(aborted.outcome).toBe('RETRY');
    expect(reasonOf(aborted, message)).toBe('Infobip aborted');

    const heldAgain = sms.delayNext(60_000);
    const timedOut = await transport({ timeoutMs: 300 }).send(message);
    await heldAgain;
    expect(timedOut.outcome).toBe('RETRY');
    expect(reasonOf(timedOut, message)).toBe('Infobip timeout after 0.3 s');
  });

  it('nothing listening: RETRY with the network error', async () => {
    const gone = await startSmsGatewayStandIn();
    await gone.close();
    const message = outgoing(NotificationChannel.SMS);
    const outcome = await transport({ apiUrl: gone.url }).send(message);
    expect(outcome.outcome).toBe('RETRY');
    expect(reasonOf(outcome, message)).toBe('Infobip network error ECONNREFUSED');
  });
});

describe('the Infobip stand-in checks requests as Infobip documents them', () => {
  const post = (body: unknown, authorization = `App ${sms.apiKey}`) =>
    fetch(`${sms.url}/sms/2/text/advanced`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      async (response) => ({ status: response.status, body: (await response.json()) as { requestError?: { serviceException: { messageId: string; validationErrors?: Record<string, string[]> } } } }),
    );
  const good = { messages: [{ destinations: [{ to: PHONE_DIGITS }], from: 'KEMENSOS', text: 'Halo' }] };

  it.each([
    ['a number with +', { messages: [{ ...good.messages[0], destinations: [{ to: `+${PHONE_DIGITS}` }] }] }, 'messages[0].destinations[0].to'],
    ['a sender ID of 12 characters', { messages: [{ ...good.messages[0], from: 'KEMENSOSRIAA' }] }, 'messages[0].from'],
    ['an empty text', { messages: [{ ...good.messages[0], text: '' }] }, 'messages[0].text'],
    ['no messages', { messages: [] }, 'messages'],
  ])('refuses %s with 400 BAD_REQUEST naming the field', async (_what, body, field) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.body.requestError?.serviceException.messageId).toBe('BAD_REQUEST');
    expect(Object.keys(answer.body.requestError?.serviceException.validationErrors ?? {})).toEqual([field]);
  });

  it('refuses a Bearer or a wrong key with 401 UNAUTHORIZED', async () => {
    expect(await post(good, `Bearer ${sms.apiKey}`)).toMatchObject({ status: 401, body: { requestError: { serviceException: { messageId: 'UNAUTHORIZED' } } } });
  });
});
