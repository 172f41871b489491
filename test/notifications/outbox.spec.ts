import { beforeEach, describe, expect, it } from 'vitest';
import { ComplaintEventType, EventVisibility } from '../../server/src/complaints/complaint-event.entity';
import { applyChange } from '../../server/src/complaints/complaint-change';
import { COMPLAINT_COLUMNS } from '../../server/src/complaints/complaint.row';
import { PUBLIC } from '../../server/src/auth/principal';
import { sweepSla } from '../../server/src/escalation/sla-sweep';
import { createLogger } from '../../server/src/logger';
import { attemptNotification, NotificationDeliveryOptions, sweepNotifications } from '../../server/src/notifications/deliver-notification';
import { NotificationChannel, NotificationTransports } from '../../server/src/notifications/transport';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { clients, ok } from '../support/handling';
import { RecordingTransport } from '../support/recording-transport';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
/** The server's and the job's clock: each test sets it. */
let clock = 0;
const api = useTestServer(db, { now: () => clock });
const c = clients(api);

const ZONE_OFFSET_HOURS = { WIB: 7, WITA: 8, WIT: 9 } as const;
/** `hh:mm` local time in a zone, `days` after today (by the real clock, in WIB): dates derive from the run, never written in. */
function localTime(days: number, hh: number, mm: number, zone: keyof typeof ZONE_OFFSET_HOURS = 'WIB'): number {
  const wibToday = new Date(Date.now() + 7 * 3_600_000);
  return Date.UTC(wibToday.getUTCFullYear(), wibToday.getUTCMonth(), wibToday.getUTCDate() + days, hh - ZONE_OFFSET_HOURS[zone], mm);
}

const email = new RecordingTransport(NotificationChannel.EMAIL);
const whatsapp = new RecordingTransport(NotificationChannel.WHATSAPP);
const sms = new RecordingTransport(NotificationChannel.SMS);
const transports: NotificationTransports = { EMAIL: email, WHATSAPP: whatsapp, SMS: sms };
let logLines: string[] = [];
const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
const options = (overrides: Partial<NotificationDeliveryOptions> = {}): NotificationDeliveryOptions => ({
  transports, now: () => new Date(clock), logger, random: () => 0.5, trackerUrl: 'https://lapor.example.go.id/lacak/{code}', ...overrides,
});

beforeEach(() => {
  email.clear(); whatsapp.clear(); sms.clear();
  clock = localTime(1, 10, 0);
});

interface Row { id: string; kind: string; channel: string; locale: string; status: string; attemptCount: number; nextAttemptAt: Date | null; params: Record<string, unknown>; lastOutcome: string | null }
async function notifications(complaintId: string): Promise<Row[]> {
  return db.dataSource.query(
    `SELECT id, kind, channel, locale, status, attempt_count AS "attemptCount", next_attempt_at AS "nextAttemptAt", params, last_outcome AS "lastOutcome"
       FROM notifications WHERE complaint_id = $1 ORDER BY created_at, kind`,
    [uuid(complaintId)],
  );
}
function uuid(globalId: string): string {
  return /^[0-9a-f-]{36}$/.test(globalId) ? globalId : Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
}
/** Attempts every notification of the complaint that is due by the clock. */
async function deliverDue(complaintId: string, overrides: Partial<NotificationDeliveryOptions> = {}) {
  const reports = [];
  for (const row of await notifications(complaintId)) {
    if (row.status === 'PENDING' && row.nextAttemptAt && row.nextAttemptAt.getTime() <= clock) reports.push(await attemptNotification(db.dataSource, row.id, options(overrides)));
  }
  return reports;
}

async function submit(overrides: Record<string, unknown>, client = 'demo-portal-3273', headers: Record<string, string> = {}) {
  const { body } = await as(api, client)(SUBMIT, { input: complaintInput(overrides) }, headers);
  expect(body.errors).toBeUndefined();
  const payload = body.data.submitComplaint;
  expect(payload.userErrors).toEqual([]);
  return { ...payload.complaint, trackingCode: payload.trackingCode } as { id: string; trackingCode: string; version: number };
}
async function version(id: string): Promise<number> {
  const [row] = await db.dataSource.query('SELECT version FROM complaints WHERE id = $1', [uuid(id)]);
  return row.version;
}

const TIMELINE = `query ($id: ID!) { complaint(id: $id) { version notificationConsent { channel consentedAt }
  complainant { email phone masked }
  timeline(first: 100) { edges { node { type visibility message notification { kind channel attempt outcome providerCode } } } } } }`;

describe('consent and contact at intake', () => {
  it('refuses notifyVia EMAIL without an e-mail address, and an address that cannot be one, naming the field', async () => {
    const noEmail = await as(api, 'demo-portal-3273')(SUBMIT, { input: complaintInput({ complainant: { notifyVia: 'EMAIL' } }) });
    expect(noEmail.body.data.submitComplaint.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'complainant', 'notifyVia'], code: 'INVALID_INPUT' }),
    ]);
    expect(noEmail.body.data.submitComplaint.userErrors[0].message).toMatch(/surel/);
    const bad = await as(api, 'demo-portal-3273')(SUBMIT, { input: complaintInput({ complainant: { email: 'siti at example', notifyVia: 'EMAIL' } }) }, { 'accept-language': 'en' });
    expect(bad.body.data.submitComplaint.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'complainant', 'email'], code: 'INVALID_INPUT', message: expect.stringMatching(/e-mail/) }),
    ]);
  });

  it('records the consent; handlers and auditors see the channel and when, and the e-mail whole; the submitter sees it masked and no consent', async () => {
    const complaint = await submit({ complainant: { email: 'Siti.Aminah@Example.ORG', notifyVia: 'EMAIL' } });
    const [stored] = await db.dataSource.query(
      `SELECT complainant_email AS email, notify_via AS via, notify_consent_at AS at, notify_consent_client_id AS client FROM complaints WHERE id = $1`, [uuid(complaint.id)],
    );
    expect(stored).toEqual({ email: 'Siti.Aminah@example.org', via: 'EMAIL', at: new Date(clock), client: expect.any(String) });
    const handlerBody = (await c.village(TIMELINE, { id: complaint.id })).body;
    expect(handlerBody.errors).toBeUndefined();
    const handler = handlerBody.data.complaint;
    expect(handler.notificationConsent).toEqual({ channel: 'EMAIL', consentedAt: new Date(clock).toISOString() });
    expect(handler.complainant.email).toBe('Siti.Aminah@example.org');
    const auditor = (await c.auditor(TIMELINE, { id: complaint.id })).body.data.complaint;
    expect(auditor.notificationConsent.channel).toBe('EMAIL');
    const portal = (await c.portal(TIMELINE, { id: complaint.id })).body.data.complaint;
    expect(portal.notificationConsent).toBeNull();
    expect(portal.complainant).toMatchObject({ email: 'S**********@example.org', masked: true });
  });
});

describe('what is told, when', () => {
  it('a complaint with consent gets exactly one notification per telling change, in its locale; the person reads each', async () => {
    const complaint = await submit({ complainant: { email: 'warga@example.org', notifyVia: 'EMAIL' } }, 'demo-portal-3273', { 'accept-language': 'en' });
    expect(await notifications(complaint.id)).toEqual([]); // the portal showed the acknowledgement itself
    let v = complaint.version;
    const step = async (client: typeof c.village, name: string, input: Record<string, unknown>) => {
      const payload = await ok(client, name, { complaintId: complaint.id, version: v, ...input });
      v = payload.complaint.version;
    };
    await step(c.village, 'verifyComplaint', {});
    await step(c.village, 'addInternalNote', { note: 'Cek data KKS di bank.' });
    await step(c.village, 'requestInformation', { message: 'Mohon kirim foto buku tabungan KKS.' });
    await step(c.village, 'provideInformation', { information: 'Foto dikirim lewat pendamping.' });
    await step(c.village, 'respondToComplaint', { message: 'Data Anda sedang kami periksa bersama bank penyalur.' });
    await step(c.village, 'escalateComplaint', { reason: 'Perlu keputusan Dinas Sosial.' });
    await step(c.district, 'resolveComplaint', { decision: 'UPHELD', publicResponse: 'Bantuan akan disalurkan pada tahap berikutnya.' });
    const rows = await notifications(complaint.id);
    expect(rows.map((r) => r.kind).sort()).toEqual(['ESCALATED', 'INFORMATION_REQUESTED', 'PUBLIC_RESPONSE', 'RESOLVED']);
    expect(rows.every((r) => r.locale === 'en' && r.channel === 'EMAIL' && r.status === 'PENDING')).toBe(true);
    // The address is never copied into the outbox.
    expect(JSON.stringify(rows)).not.toContain('warga@example.org');

    await deliverDue(complaint.id);
    expect(email.sent.map((m) => m.kind).sort()).toEqual(['ESCALATED', 'INFORMATION_REQUESTED', 'PUBLIC_RESPONSE', 'RESOLVED']);
    expect(email.sent.every((m) => m.to === 'warga@example.org' && m.locale === 'en')).toBe(true);
    const resolved = email.sent.find((m) => m.kind === 'RESOLVED')!;
    expect(resolved.subject).toBe(`Complaint ${complaint.trackingCode} resolved`);
    expect(resolved.text).toContain('your complaint was upheld and acted on');
    expect(resolved.text).toContain('Bantuan akan disalurkan pada tahap berikutnya.');
    expect(resolved.text).toMatch(/appeal there within 30 days, by \d+ \w+ \d{4}, \d\d:\d\d WIB/);
    expect(resolved.text).toContain(`https://lapor.example.go.id/lacak/${complaint.trackingCode}`);
    expect(email.sent.find((m) => m.kind === 'ESCALATED')!.text).toContain('District/city social office');
    expect(email.sent.find((m) => m.kind === 'INFORMATION_REQUESTED')!.template).toEqual({
      name: 'aduan_information_requested', language: 'en', parameters: [complaint.trackingCode, 'Mohon kirim foto buku tabungan KKS.'],
    });
    // No name, NIK or phone in any text.
    for (const m of email.sent) expect(`${m.subject} ${m.text}`).not.toMatch(/Siti|Aminah|3273014507850001|812/);
  });

  it('none without consent', async () => {
    const complaint = await submit({ complainant: { email: 'warga@example.org' } });
    let v = complaint.version;
    for (const [name, input] of [['requestInformation', { message: 'Mohon lengkapi.' }], ['provideInformation', { information: 'Sudah.' }],
      ['respondToComplaint', { message: 'Sedang diperiksa.' }], ['rejectComplaint', { reason: 'INVALID', publicMessage: 'Bukan pengaduan bansos.' }]] as const) {
      v = (await ok(c.village, name, { complaintId: complaint.id, version: v, ...input })).complaint.version;
    }
    expect(await notifications(complaint.id)).toEqual([]);
  });

  it('acknowledges at intake only where the intake tool does not show it: a call centre yes (not deferred at night), the web portal no', async () => {
    clock = localTime(1, 22, 30);
    const called = await submit({ channel: 'CALL_CENTER', complainant: { notifyVia: 'SMS' } }, 'demo-ministry');
    const [ack] = await notifications(called.id);
    expect(ack).toMatchObject({ kind: 'ACKNOWLEDGED', channel: 'SMS', locale: 'id', nextAttemptAt: new Date(clock) });
    // The reply PIN another feature adds to the acknowledgement's params: shown once, then erased.
    await db.dataSource.query(`UPDATE notifications SET params = params || '{"pin":"482913"}' WHERE id = $1`, [ack.id]);
    const [report] = await deliverDue(called.id);
    expect(report).toMatchObject({ state: 'SENT', attempt: 1 });
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0].to).toBe('+6281234567890');
    expect(sms.sent[0].text).toContain(called.trackingCode);
    expect(sms.sent[0].text).toContain('PIN: 482913');
    expect(sms.sent[0].text.length).toBeLessThanOrEqual(160);
    expect((await notifications(called.id))[0].params).not.toHaveProperty('pin');
    expect((await notifications(called.id))[0].params).toHaveProperty('verifyBy');

    const portal = await submit({ complainant: { notifyVia: 'SMS' } });
    expect(await notifications(portal.id)).toEqual([]);
  });

  it('the complainant\'s own reply (the public principal) is acknowledged; a rating is not', async () => {
    const complaint = await submit({ complainant: { notifyVia: 'WHATSAPP' } });
    const reply = async (type: ComplaintEventType) => db.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(`SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = $1 FOR UPDATE`, [uuid(complaint.id)]);
      await applyChange({ now: () => new Date(clock) }, manager, PUBLIC, row, { set: {}, events: [{ type, visibility: EventVisibility.INTERNAL, message: 'x' }] });
    });
    await reply(ComplaintEventType.RATED);
    expect(await notifications(complaint.id)).toEqual([]);
    await reply(ComplaintEventType.INFORMATION_PROVIDED);
    expect((await notifications(complaint.id)).map((r) => r.kind)).toEqual(['REPLY_RECEIVED']);
  });

  it('an appeal is acknowledged to the person who consented on the original: its own code and its PIN, at night too', async () => {
    const original = await submit({ complainant: { notifyVia: 'SMS' } });
    await ok(c.village, 'resolveComplaint', { complaintId: original.id, version: await version(original.id), decision: 'NOT_UPHELD', publicResponse: 'Tidak terbukti.' });
    clock = localTime(2, 23, 30); // quiet hours: an acknowledgement is not held
    const { body } = await c.village(`mutation ($input: ReopenComplaintInput!) { reopenComplaint(input: $input) {
      appeal { id trackingCode } replyPin userErrors { code } } }`, {
      input: { idempotencyKey: `appeal-${original.trackingCode}`, complaintId: original.id, version: await version(original.id), reason: 'Keluarga kami memang tidak menerima.' },
    });
    const { appeal, replyPin } = body.data.reopenComplaint;
    expect(body.data.reopenComplaint.userErrors).toEqual([]);
    const [queued] = await notifications(appeal.id);
    expect(queued).toMatchObject({ kind: 'ACKNOWLEDGED', channel: 'SMS', status: 'PENDING', params: expect.objectContaining({ pin: replyPin }) });
    expect(queued.nextAttemptAt!.getTime()).toBe(clock);
    await deliverDue(appeal.id);
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0].text).toContain(appeal.trackingCode);
    expect(sms.sent[0].text).toContain(replyPin);
    expect(sms.sent[0].text).not.toContain(original.trackingCode);
    // The PIN leaves the outbox once sent.
    expect((await notifications(appeal.id))[0].params).not.toHaveProperty('pin');
  });
});

describe('quiet hours', () => {
  it('22:30 WIB: a request for information waits until 06:00 WIB; in a WITA village until 06:00 WITA, an hour earlier', async () => {
    clock = localTime(1, 22, 30);
    const bandung = await submit({ complainant: { notifyVia: 'WHATSAPP' } });
    await ok(c.village, 'requestInformation', { complaintId: bandung.id, version: bandung.version, message: 'Mohon kirim foto KKS.' });
    expect((await notifications(bandung.id))[0].nextAttemptAt).toEqual(new Date(localTime(2, 6, 0, 'WIB')));
    const bali = await submit({ regionCode: '51.01.01.1006', complainant: { notifyVia: 'WHATSAPP' } });
    await ok(c.ministry, 'requestInformation', { complaintId: bali.id, version: bali.version, message: 'Mohon kirim foto KKS.' });
    const baliRow = (await notifications(bali.id))[0];
    expect(baliRow.nextAttemptAt).toEqual(new Date(localTime(2, 6, 0, 'WITA')));
    expect(baliRow.nextAttemptAt!.getTime()).toBe(localTime(2, 6, 0, 'WIB') - 3_600_000);
    // Nothing goes before then, however the job is run.
    expect(await attemptNotification(db.dataSource, baliRow.id, options())).toBeNull();
    clock = localTime(2, 6, 0, 'WITA');
    expect(await attemptNotification(db.dataSource, baliRow.id, options())).toMatchObject({ state: 'SENT' });
    expect(whatsapp.sent.map((m) => m.template.name)).toEqual(['aduan_information_requested']);
  });

  it('a notification due before 21:00 but attempted after waits for the morning, unsent', async () => {
    clock = localTime(1, 20, 55);
    const complaint = await submit({ complainant: { notifyVia: 'SMS' } });
    await ok(c.village, 'respondToComplaint', { complaintId: complaint.id, version: complaint.version, message: 'Sedang kami periksa.' });
    const [row] = await notifications(complaint.id);
    expect(row.nextAttemptAt).toEqual(new Date(clock));
    clock = localTime(1, 21, 10);
    expect(await attemptNotification(db.dataSource, row.id, options())).toMatchObject({ state: 'DEFERRED', nextAttemptAt: new Date(localTime(2, 6, 0)) });
    expect(sms.sent).toEqual([]);
    expect((await notifications(complaint.id))[0]).toMatchObject({ attemptCount: 0, nextAttemptAt: new Date(localTime(2, 6, 0)) });
  });
});

describe('attempts', () => {
  it('a RETRY is retried on the schedule (and after quiet hours); the timeline shows each attempt; the version stays', async () => {
    clock = localTime(1, 20, 50);
    const complaint = await submit({ complainant: { email: 'warga@example.org', notifyVia: 'EMAIL' } });
    const changed = await ok(c.village, 'respondToComplaint', { complaintId: complaint.id, version: complaint.version, message: 'Sedang kami periksa.' });
    const readVersion = changed.complaint.version;
    email.answer({ outcome: 'RETRY', reason: 'smtp_421' }, { outcome: 'RETRY', reason: 'smtp_451', retryAfterSeconds: 600 }, { outcome: 'RETRY', reason: 'ETIMEDOUT' });
    const [row] = await notifications(complaint.id);
    expect(await attemptNotification(db.dataSource, row.id, options())).toMatchObject({ state: 'RETRYING', attempt: 1, nextAttemptAt: new Date(clock + 60_000) });
    clock += 60_000;
    // The provider's Retry-After (10 min) outweighs the schedule's 5 min, and brings it to 21:01 WIB: quiet hours, so 06:00.
    expect(await attemptNotification(db.dataSource, row.id, options())).toMatchObject({ state: 'RETRYING', attempt: 2, nextAttemptAt: new Date(localTime(2, 6, 0)) });
    clock = localTime(2, 5, 59);
    expect(await attemptNotification(db.dataSource, row.id, options())).toBeNull(); // not due yet
    clock = localTime(2, 6, 0);
    expect(await attemptNotification(db.dataSource, row.id, options())).toMatchObject({ state: 'RETRYING', attempt: 3, nextAttemptAt: new Date(clock + 30 * 60_000) });
    clock += 30 * 60_000;
    expect(await attemptNotification(db.dataSource, row.id, options())).toMatchObject({ state: 'SENT', attempt: 4 });
    expect(email.sent).toHaveLength(4);

    const { body } = await c.village(TIMELINE, { id: complaint.id });
    const attempts = body.data.complaint.timeline.edges.map((e: { node: { type: string } }) => e.node).filter((n: { type: string }) => n.type.startsWith('NOTIFICATION_'));
    expect(attempts).toEqual([
      { type: 'NOTIFICATION_RETRYING', visibility: 'INTERNAL', message: null, notification: { kind: 'PUBLIC_RESPONSE', channel: 'EMAIL', attempt: 1, outcome: 'RETRY', providerCode: 'smtp_421' } },
      { type: 'NOTIFICATION_RETRYING', visibility: 'INTERNAL', message: null, notification: { kind: 'PUBLIC_RESPONSE', channel: 'EMAIL', attempt: 2, outcome: 'RETRY', providerCode: 'smtp_451' } },
      { type: 'NOTIFICATION_RETRYING', visibility: 'INTERNAL', message: null, notification: { kind: 'PUBLIC_RESPONSE', channel: 'EMAIL', attempt: 3, outcome: 'RETRY', providerCode: 'ETIMEDOUT' } },
      { type: 'NOTIFICATION_SENT', visibility: 'INTERNAL', message: null, notification: { kind: 'PUBLIC_RESPONSE', channel: 'EMAIL', attempt: 4, outcome: 'SENT', providerCode: null } },
    ]);
    expect(JSON.stringify(body)).not.toContain('Sedang kami periksa.", "notification'); // the text is not in the attempt events
    // Not changes to the complaint: a handler who read it before the attempts acts on it still.
    expect(body.data.complaint.version).toBe(readVersion);
    expect(await version(complaint.id)).toBe(readVersion);
    // The public never sees them.
    const tracked = await c.public(`query ($code: String!) { trackComplaint(trackingCode: $code) { status } }`, { code: complaint.trackingCode });
    expect(tracked.body.errors).toBeUndefined();
    await ok(c.village, 'addInternalNote', { complaintId: complaint.id, version: readVersion, note: 'Masih bisa bertindak.' });
  });

  it('FAILED is final; RETRY on the last attempt fails too', async () => {
    const complaint = await submit({ complainant: { notifyVia: 'WHATSAPP' } });
    await ok(c.village, 'respondToComplaint', { complaintId: complaint.id, version: complaint.version, message: 'Sedang kami periksa.' });
    whatsapp.answer({ outcome: 'FAILED', reason: 'meta_131026' });
    const [row] = await notifications(complaint.id);
    expect(await attemptNotification(db.dataSource, row.id, options())).toMatchObject({ state: 'FAILED', attempt: 1, nextAttemptAt: null });
    expect((await notifications(complaint.id))[0]).toMatchObject({ status: 'FAILED', lastOutcome: 'meta_131026', nextAttemptAt: null });
    clock += 86_400_000;
    expect(await attemptNotification(db.dataSource, row.id, options())).toBeNull();
    expect(whatsapp.sent).toHaveLength(1);

    const second = await submit({ complainant: { notifyVia: 'SMS' } });
    await ok(c.village, 'respondToComplaint', { complaintId: second.id, version: second.version, message: 'Sedang kami periksa.' });
    const [other] = await notifications(second.id);
    await db.dataSource.query('UPDATE notifications SET attempt_count = max_attempts - 1 WHERE id = $1', [other.id]);
    sms.answer({ outcome: 'RETRY', reason: 'http_503' });
    expect(await attemptNotification(db.dataSource, other.id, options())).toMatchObject({ state: 'FAILED', nextAttemptAt: null });
  });

  it('a channel without a transport waits (not failed), told once on the timeline; the sweep sends it once one is configured', async () => {
    const complaint = await submit({ complainant: { notifyVia: 'SMS' } });
    await ok(c.village, 'respondToComplaint', { complaintId: complaint.id, version: complaint.version, message: 'Sedang kami periksa.' });
    const [row] = await notifications(complaint.id);
    const none = options({ transports: {} });
    expect(await attemptNotification(db.dataSource, row.id, none)).toMatchObject({ state: 'WAITING', attempt: 0 });
    clock += 10 * 60_000;
    expect(await attemptNotification(db.dataSource, row.id, none)).toMatchObject({ state: 'WAITING' });
    expect((await notifications(complaint.id))[0]).toMatchObject({ status: 'PENDING', attemptCount: 0, lastOutcome: 'NO_TRANSPORT' });
    const [{ waiting }] = await db.dataSource.query(`SELECT count(*)::int AS waiting FROM complaint_events WHERE complaint_id = $1 AND type = 'NOTIFICATION_WAITING'`, [uuid(complaint.id)]);
    expect(waiting).toBe(1);
    // The sweep passes over a channel still without a transport, and queues it once one exists.
    const pendingSms: { id: string }[] = await db.dataSource.query(`SELECT id FROM notifications WHERE status = 'PENDING' AND channel = 'SMS' AND next_attempt_at < $1`, [new Date(clock - 120_000)]);
    expect(await sweepNotifications(db.dataSource, new Date(clock), [NotificationChannel.EMAIL])).toBe(
      (await db.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE status = 'PENDING' AND channel = 'EMAIL' AND next_attempt_at < $1`, [new Date(clock - 120_000)]))[0].n,
    );
    expect(await sweepNotifications(db.dataSource, new Date(clock), [NotificationChannel.SMS])).toBe(pendingSms.length);
    expect(pendingSms.map((p) => p.id)).toContain(row.id);
    expect(await attemptNotification(db.dataSource, row.id, options())).toMatchObject({ state: 'SENT', attempt: 1 });
  });
});

describe('merged complaints', () => {
  it('the duplicate\'s person is told it was merged and how it ends, under their own code, never the survivor\'s code or texts', async () => {
    const survivor = await submit({ complainant: { email: 'pertama@example.org', notifyVia: 'EMAIL' } });
    const duplicate = await submit({ complainant: { name: 'Budi', phone: '0813-1111-2222', notifyVia: 'WHATSAPP' } });
    await ok(c.village, 'markDuplicate', { complaintId: duplicate.id, version: duplicate.version, duplicateOfId: survivor.id });
    clock += 60_000;
    await ok(c.village, 'resolveComplaint', {
      complaintId: survivor.id, version: await version(survivor.id), decision: 'PARTIALLY_UPHELD', publicResponse: 'Rahasia pemohon pertama: rekening diblokir.',
    });
    const duplicateRows = await notifications(duplicate.id);
    expect(duplicateRows.map((r) => r.kind)).toEqual(['MERGED', 'RESOLVED']);
    expect((await notifications(survivor.id)).map((r) => r.kind)).toEqual(['RESOLVED']);
    await deliverDue(duplicate.id);
    expect(whatsapp.sent.map((m) => m.kind)).toEqual(['MERGED', 'RESOLVED']);
    for (const m of whatsapp.sent) {
      expect(m.to).toBe('+6281311112222');
      const everything = JSON.stringify(m);
      expect(everything).toContain(duplicate.trackingCode);
      expect(everything).not.toContain(survivor.trackingCode);
      expect(everything).not.toContain('Rahasia pemohon pertama');
    }
    expect(whatsapp.sent[1].text).toContain('pengaduan Anda sebagian terbukti');
    expect(JSON.stringify(duplicateRows)).not.toContain(survivor.trackingCode);
  });
});

describe('logs', () => {
  it('carry the notification id, kind, channel and outcome only: no phone, e-mail, code or text', async () => {
    logLines = [];
    const complaint = await submit({ complainant: { email: 'rahasia.warga@example.org', notifyVia: 'EMAIL' } });
    await ok(c.village, 'respondToComplaint', { complaintId: complaint.id, version: complaint.version, message: 'Tanggapan yang tidak boleh tercatat.' });
    email.answer({ outcome: 'RETRY', reason: 'smtp_421 rahasia.warga@example.org' }, { outcome: 'FAILED', reason: 'smtp_550' });
    const [row] = await notifications(complaint.id);
    await attemptNotification(db.dataSource, row.id, options({ transports: {} }));
    await attemptNotification(db.dataSource, row.id, options());
    clock += 60_000;
    await attemptNotification(db.dataSource, row.id, options());
    expect(logLines.length).toBe(3);
    const allowed = new Set(['level', 'time', 'service', 'msg', 'component', 'notificationId', 'kind', 'channel', 'attempt', 'outcome', 'nextAttemptAt']);
    for (const line of logLines) {
      const entry = JSON.parse(line);
      expect(Object.keys(entry).filter((k) => !allowed.has(k))).toEqual([]);
      expect(entry).toMatchObject({ component: 'notifications', notificationId: row.id, kind: 'PUBLIC_RESPONSE', channel: 'EMAIL' });
      for (const secret of ['rahasia.warga', 'example.org', '6281234567890', complaint.trackingCode, 'Tanggapan yang tidak', 'smtp_421']) expect(line).not.toContain(secret);
    }
    expect(logLines.map((l) => JSON.parse(l).outcome)).toEqual(['NO_TRANSPORT', 'RETRY', 'FAILED']);
  });
});

describe('the SLA sweep\'s own writes', () => {
  it('an archive after an unanswered request tells REJECTED; a silent resolution\'s auto-close tells CLOSED', async () => {
    const waiting = await submit({ complainant: { notifyVia: 'SMS' } });
    await ok(c.village, 'requestInformation', { complaintId: waiting.id, version: waiting.version, message: 'Mohon kirim foto KKS.' });
    const resolved = await submit({ complainant: { notifyVia: 'SMS' } });
    await ok(c.village, 'resolveComplaint', { complaintId: resolved.id, version: resolved.version, decision: 'NOT_UPHELD', publicResponse: 'Sudah diterima.' });
    clock = localTime(40, 10, 0);
    await sweepSla(db.dataSource, new Date(clock));
    const archived = (await notifications(waiting.id)).find((r) => r.kind === 'REJECTED');
    expect(archived).toMatchObject({ channel: 'SMS', params: { archived: true } });
    const closed = (await notifications(resolved.id)).find((r) => r.kind === 'CLOSED');
    expect(closed).toMatchObject({ channel: 'SMS', params: { decision: 'NOT_UPHELD' } });
    await deliverDue(waiting.id);
    expect(sms.sent.find((m) => m.kind === 'REJECTED')!.text).toBe(`Aduan ${waiting.trackingCode} tidak dapat ditindaklanjuti: keterangan tidak diterima dalam 30 hari. https://lapor.example.go.id/lacak/${waiting.trackingCode}`);
  });
});
