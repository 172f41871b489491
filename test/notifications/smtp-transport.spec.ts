import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotificationChannel } from '../../server/src/notifications/transport';
import { SmtpTransport } from '../../server/src/notifications/transports/smtp';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-test-server';
import { EMAIL, outgoing, reasonOf } from './messages';

/**
 * The e-mail transport against a real SMTP server on 127.0.0.1 (smtp-server,
 * messages parsed by mailparser): what arrives, and what each refusal and
 * failure of the server comes to.
 */
let smtp: SmtpTestServer;
const transports: SmtpTransport[] = [];

/** A fresh pool per test: a failure in one test does not leave a half-closed connection to the next. */
function transport(overrides: { url?: string; timeoutMs?: number } = {}): SmtpTransport {
  const created = new SmtpTransport({ url: overrides.url ?? smtp.url, from: '"Aduan Bansos" <noreply@aduan.test>', timeoutMs: overrides.timeoutMs });
  transports.push(created);
  return created;
}

beforeAll(async () => {
  smtp = await startSmtpTestServer();
});
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
});
afterAll(async () => {
  await smtp.close();
});

describe('SmtpTransport', () => {
  it('delivers the message as rendered: From, To, subject, text, a Message-ID from the outbox id, Content-Language; SENT with that id', async () => {
    const message = outgoing(NotificationChannel.EMAIL);
    const before = smtp.received.length;
    const outcome = await transport().send(message);
    expect(outcome).toEqual({ outcome: 'SENT', providerMessageId: '<ntf-000123@aduan.test>' });
    const mail = smtp.received[before]!;
    expect(mail).toMatchObject({
      envelope: { from: 'noreply@aduan.test', to: [EMAIL] },
      from: '"Aduan Bansos" <noreply@aduan.test>',
      to: [EMAIL],
      subject: message.subject,
      messageId: '<ntf-000123@aduan.test>',
      user: smtp.user,
    });
    expect(mail.text.trim()).toBe(message.text);
    expect(mail.headers['content-language']).toBe('id');
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
  });

  it('sends English with Content-Language en, and the same Message-ID on a second attempt of one notification', async () => {
    const message = outgoing(NotificationChannel.EMAIL, { id: 'ntf-000124', locale: 'en', subject: 'Complaint ADU-2026-000124: resolved', text: 'Your complaint was resolved.' });
    const sender = transport();
    expect(await sender.send(message)).toMatchObject({ outcome: 'SENT' });
    expect(await sender.send(message)).toMatchObject({ outcome: 'SENT' });
    const copies = smtp.received.filter((mail) => mail.messageId === '<ntf-000124@aduan.test>');
    expect(copies).toHaveLength(2);
    expect(copies.map((mail) => mail.headers['content-language'])).toEqual(['en', 'en']);
  });

  it('a 421 from the server is worth another attempt: RETRY with the code and enhanced status, not the address', async () => {
    const message = outgoing(NotificationChannel.EMAIL);
    smtp.failTemporarily(1);
    const outcome = await transport().send(message);
    expect(outcome.outcome).toBe('RETRY');
    expect(reasonOf(outcome, message)).toBe('SMTP 421 4.3.2');
  });

  it('a mailbox the server does not have (550 5.1.1) will never take it: FAILED, the address stripped from the reason', async () => {
    const message = outgoing(NotificationChannel.EMAIL, { to: 'tidak.ada@warga.test' });
    smtp.rejectRecipient('tidak.ada@warga.test');
    const before = smtp.received.length;
    const outcome = await transport().send(message);
    expect(outcome.outcome).toBe('FAILED');
    expect(reasonOf(outcome, message)).toBe('SMTP 550 5.1.1');
    expect(smtp.received).toHaveLength(before);
  });

  it('credentials the server refuses (535) are FAILED: no later attempt fixes them', async () => {
    const message = outgoing(NotificationChannel.EMAIL);
    const url = smtp.url.replace(encodeURIComponent(smtp.password), 'salah');
    const outcome = await transport({ url }).send(message);
    expect(outcome.outcome).toBe('FAILED');
    expect(reasonOf(outcome, message)).toBe('SMTP 535 5.7.8');
  });

  it('a server that does not answer DATA: the caller aborts (RETRY "SMTP aborted"), or the timeout does', async () => {
    const message = outgoing(NotificationChannel.EMAIL);
    const controller = new AbortController();
    const held = smtp.delayNext(60_000);
    const sending = transport().send(message, controller.signal);
    await held;
    controller.abort();
    const aborted = await sending;
    expect(aborted.outcome).toBe('RETRY');
    expect(reasonOf(aborted, message)).toBe('SMTP aborted');

    const heldAgain = smtp.delayNext(60_000);
    const timedOut = await transport({ timeoutMs: 300 }).send(message);
    await heldAgain;
    expect(timedOut.outcome).toBe('RETRY');
    expect(reasonOf(timedOut, message)).toBe('SMTP timeout after 0.3 s');
  });

  it('no server listening: RETRY with nodemailer\'s error code', async () => {
    const closed = await startSmtpTestServer();
    await closed.close();
    const message = outgoing(NotificationChannel.EMAIL);
    const outcome = await transport({ url: closed.url }).send(message);
    expect(outcome.outcome).toBe('RETRY');
    expect(reasonOf(outcome, message)).toMatch(/^SMTP E[A-Z]+$/);
  });
});
