import 'reflect-metadata';
import { Logger as GraphileLogger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { JobQueue, startJobQueue } from '../../server/src/jobs/job-queue';
import { createLogger } from '../../server/src/logger';
import { attemptNotification } from '../../server/src/notifications/jobs';
import { templateParameterCount, WHATSAPP_TEMPLATES } from '../../server/src/notifications/notification-words';
import { closeTransports, transportsFromConfig } from '../../server/src/notifications/transports';
import type { NotificationTransports } from '../../server/src/notifications/transport';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { clients, ok, run } from '../support/handling';
import { useTestServer } from '../support/server';
import { SmsGatewayStandIn, startSmsGatewayStandIn } from '../support/sms-gateway-stand-in';
import { SmtpTestServer, startSmtpTestServer } from '../support/smtp-test-server';
import { startWhatsAppCloudStandIn, WhatsAppCloudStandIn } from '../support/whatsapp-cloud-stand-in';

/**
 * The citizen loop end to end: the real server, the real job runner
 * (graphile-worker, as main.ts starts it) with the transports main.ts builds
 * from NOTIFY_* variables, and — in place of the providers — a real SMTP
 * server and the stand-ins that check each request as Meta and Infobip
 * document them. Three people file by the call centre (whose operator reads
 * the acknowledgement out, so Aduan sends it too): one to be told by e-mail,
 * one by WhatsApp, one by SMS; each receives, in order, the acknowledgement
 * with code and PIN → the office's request for information → (answers with
 * code and PIN) → the reply received → the office's public response → the
 * resolution with how to rate and appeal.
 *
 * The clock: quiet hours (21:00–06:00 in the village's zone) hold everything
 * but the acknowledgement, so the run's clock is set to this morning, 10:00
 * WIB (at most a day back, never ahead: the job runner runs a job when the
 * database's clock reaches its run_at), and moves with real time.
 */
const WIB_OFFSET_MS = 7 * 3_600_000;
const realStart = Date.now();
const dayMs = 86_400_000;
const tenWibToday = Math.floor((realStart + WIB_OFFSET_MS) / dayMs) * dayMs + 10 * 3_600_000 - WIB_OFFSET_MS;
const base = tenWibToday <= realStart ? tenWibToday : tenWibToday - dayMs;
const clock = () => new Date(base + (Date.now() - realStart));

const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => clock().getTime() });
const people = clients(api);
let smtp: SmtpTestServer;
let whatsapp: WhatsAppCloudStandIn;
let sms: SmsGatewayStandIn;
let transports: NotificationTransports;
let jobs: JobQueue | undefined;
const logLines: string[] = [];
const soon = { timeout: 20_000, interval: 50 };

beforeAll(async () => {
  // The stand-in knows the templates as the operator registers them (docs/whatsapp-templates.md): a message whose
  // name, language or parameter count differs is refused, as Meta refuses it.
  const templates = Object.fromEntries(Object.entries(WHATSAPP_TEMPLATES).map(([name, body]) => [name, { languages: ['id', 'en'], parameters: templateParameterCount(body.id) }]));
  [smtp, whatsapp, sms] = await Promise.all([startSmtpTestServer(), startWhatsAppCloudStandIn({ templates }), startSmsGatewayStandIn()]);
  // The configuration as an operator writes it (README, docs/operations.md), read by the server's own loader.
  const config = loadConfig({
    NOTIFY_SMTP_URL: smtp.url, NOTIFY_EMAIL_FROM: '"Aduan Bansos" <noreply@aduan.test>',
    NOTIFY_WHATSAPP_API_URL: whatsapp.url, NOTIFY_WHATSAPP_API_VERSION: whatsapp.apiVersion,
    NOTIFY_WHATSAPP_PHONE_NUMBER_ID: whatsapp.phoneNumberId, NOTIFY_WHATSAPP_TOKEN: whatsapp.accessToken,
    NOTIFY_SMS_API_URL: sms.url, NOTIFY_SMS_API_KEY: sms.apiKey, NOTIFY_SMS_SENDER: 'KEMENSOS',
    PUBLIC_TRACKER_URL: 'https://aduan.example.go.id/lacak/{code}',
  });
  transports = transportsFromConfig(config.notifications);
  await runMigrations({ connectionString: db.url, logger: new GraphileLogger(() => () => undefined) });
  const logger = createLogger('info', { write: (line: string) => { logLines.push(line); } });
  jobs = await startJobQueue({
    connectionString: db.url, dataSource: db.dataSource, logger, now: clock,
    notificationTransports: transports, publicTrackerUrl: config.publicTrackerUrl,
  });
});
afterAll(async () => {
  await jobs?.stop();
  if (transports) await closeTransports(transports);
  await Promise.all([smtp?.close(), whatsapp?.close(), sms?.close()]);
});

interface Filed { id: string; trackingCode: string; pin: string; version: number }

async function file(notifyVia: 'EMAIL' | 'WHATSAPP' | 'SMS', phone: string, locale: 'id' | 'en', email?: string): Promise<Filed> {
  const query = SUBMIT.replace('trackingCode acknowledgement', 'trackingCode acknowledgement replyPin');
  const { body } = await people.ministry(query, {
    input: complaintInput({ channel: 'CALL_CENTER', complainant: { phone, email, notifyVia } }),
  }, { 'accept-language': locale });
  const payload = body.data.submitComplaint;
  expect(payload.userErrors).toEqual([]);
  expect(payload.acknowledgement).toContain(payload.replyPin);
  return { id: payload.complaint.id, trackingCode: payload.trackingCode, pin: payload.replyPin, version: payload.complaint.version };
}

/** What the person received, as kinds in order: the stand-ins' records, read back through the notification rows' provider ids. */
async function kindsSent(complaintGlobalId: string): Promise<string[]> {
  const rows: { kind: string }[] = await db.dataSource.query(
    `SELECT kind FROM notifications WHERE complaint_id = $1 AND status = 'SENT' ORDER BY sent_at, created_at`, [fromGlobalId(complaintGlobalId)!.key],
  );
  return rows.map((r) => r.kind);
}

async function version(complaintGlobalId: string): Promise<number> {
  const [row] = await db.dataSource.query('SELECT version FROM complaints WHERE id = $1', [fromGlobalId(complaintGlobalId)!.key]);
  return row.version;
}

/** The office's steps, then the person's answer, each waited for until its message has reached the person. */
async function walk(c: Filed, received: () => number): Promise<void> {
  const next = async (count: number) => expect.poll(received, soon).toBe(count);
  await next(1); // the acknowledgement
  await ok(people.village, 'requestInformation', {
    complaintId: c.id, version: await version(c.id), message: 'Mohon kirim nomor KKS dan foto buku tabungan Anda.',
  });
  await next(2);
  const answered = await run(people.public, 'answerInformationRequest', {
    trackingCode: c.trackingCode, pin: c.pin, information: 'Nomor KKS 6013 0100 1234 5678; foto buku tabungan menyusul.',
  }, 'tracking { status }');
  expect(answered.userErrors).toEqual([]);
  await next(3);
  await ok(people.village, 'respondToComplaint', {
    complaintId: c.id, version: await version(c.id), message: 'Data Anda sedang kami periksa bersama bank penyalur.',
  });
  await next(4);
  await ok(people.village, 'resolveComplaint', {
    complaintId: c.id, version: await version(c.id), decision: 'UPHELD', publicResponse: 'Bantuan PKH tahap 2 telah disalurkan ulang ke rekening KKS Anda.',
  });
  await next(5);
  // Polled too: the job marks a row SENT after the stand-in has answered, so the last row may still be on its way.
  await expect.poll(() => kindsSent(c.id), soon).toEqual(['ACKNOWLEDGED', 'INFORMATION_REQUESTED', 'REPLY_RECEIVED', 'PUBLIC_RESPONSE', 'RESOLVED']);
}

describe('every complainant is told what happened, through the channel they chose', () => {
  it('by e-mail: five messages at the SMTP server, in the complaint’s language, each naming the tracking code', async () => {
    const c = await file('EMAIL', '0812-1111-2201', 'id', 'siti.aminah@example.id');
    const mine = () => smtp.received.filter((m) => m.to.includes('siti.aminah@example.id'));
    await walk(c, () => mine().length);
    const mails = mine();
    for (const mail of mails) {
      expect(mail.subject).toContain(c.trackingCode);
      expect(mail.text).toContain(c.trackingCode);
      expect(mail.headers['content-language']).toBe('id');
    }
    expect(mails[0].text).toContain(c.pin); // the acknowledgement carries the PIN …
    for (const mail of mails.slice(1)) expect(mail.text).not.toContain(c.pin); // … and nothing else does
    expect(mails[1].text).toContain('Mohon kirim nomor KKS'); // the office's question, in the person's inbox
    expect(mails[4].text).toContain('Bantuan PKH tahap 2 telah disalurkan ulang'); // the decision's public response
    // The PIN was erased from the outbox once the acknowledgement went.
    const [ack] = await db.dataSource.query(`SELECT params FROM notifications WHERE complaint_id = $1 AND kind = 'ACKNOWLEDGED'`, [fromGlobalId(c.id)!.key]);
    expect(JSON.stringify(ack.params ?? {})).not.toContain(c.pin);
  });

  it('by WhatsApp: five template messages, checked by the stand-in as Meta documents them, in English for an English complaint', async () => {
    const c = await file('WHATSAPP', '0812-1111-2202', 'en');
    const mine = () => whatsapp.received.filter((m) => m.to === '6281211112202');
    await walk(c, () => mine().length);
    expect(whatsapp.refused).toEqual([]);
    const messages = mine();
    expect(messages.map((m) => m.template.language)).toEqual(['en', 'en', 'en', 'en', 'en']);
    for (const message of messages) expect(message.template.parameters).toContain(c.trackingCode);
    expect(messages[0].template.parameters.join(' ')).toContain(c.pin);
  });

  it('by SMS: five texts of at most 160 characters, each with the tracking code, from the registered sender', async () => {
    const c = await file('SMS', '0812-1111-2203', 'id');
    const mine = () => sms.received.filter((m) => m.to === '6281211112203');
    await walk(c, () => mine().length);
    expect(sms.refused).toEqual([]);
    for (const message of mine()) {
      expect(message.text.length).toBeLessThanOrEqual(160);
      expect(message.text).toContain(c.trackingCode);
      expect(message.from).toBe('KEMENSOS');
    }
  });

  it('a transport that fails is tried again, and the timeline shows each attempt — channel and outcome, never the text or the number', async () => {
    const c = await file('WHATSAPP', '0812-1111-2204', 'id');
    const mine = () => whatsapp.received.filter((m) => m.to === '6281211112204');
    await expect.poll(() => mine().length, soon).toBe(1);
    whatsapp.failNext('server-error'); // Meta answers 500 (code 131000) to the next message
    await ok(people.village, 'requestInformation', { complaintId: c.id, version: await version(c.id), message: 'Mohon kirim foto KKS Anda.' });
    const complaintId = fromGlobalId(c.id)!.key;
    const attempts = () => db.dataSource.query(
      `SELECT type, data FROM complaint_events WHERE complaint_id = $1 AND type::text LIKE 'NOTIFICATION%' ORDER BY seq`, [complaintId],
    );
    await expect.poll(async () => (await attempts()).map((e: { type: string }) => e.type), soon).toEqual(['NOTIFICATION_SENT', 'NOTIFICATION_RETRYING']);
    // The retry waits its minute on the job runner's schedule; the attempt it makes is this one, run a minute later.
    const [pending] = await db.dataSource.query(`SELECT id FROM notifications WHERE complaint_id = $1 AND status = 'PENDING'`, [complaintId]);
    await attemptNotification(db.dataSource, pending.id, {
      now: () => new Date(clock().getTime() + 2 * 60_000), transports, logger: createLogger('silent'),
    });
    expect(mine()).toHaveLength(2);
    const events = await attempts();
    expect(events.map((e: { type: string }) => e.type)).toEqual(['NOTIFICATION_SENT', 'NOTIFICATION_RETRYING', 'NOTIFICATION_SENT']);
    expect(events[1].data).toMatchObject({ kind: 'INFORMATION_REQUESTED', channel: 'WHATSAPP', attempt: 1, outcome: 'RETRY' });
    expect(events[2].data).toMatchObject({ kind: 'INFORMATION_REQUESTED', channel: 'WHATSAPP', attempt: 2, outcome: 'SENT' });
    const written = JSON.stringify(events);
    expect(written).not.toContain('81211112204');
    expect(written).not.toContain('foto KKS');
    // What the job runner logged about all of this names no address, number, PIN or text.
    const logs = logLines.join('');
    for (const secret of ['siti.aminah@example.id', '81211112202', '81211112203', '81211112204', 'Mohon kirim', c.pin]) expect(logs).not.toContain(secret);
  });
});
