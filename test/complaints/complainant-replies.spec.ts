import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REPLY_PIN } from '../../server/src/demo/seed-demo';
import { LocalEvidenceStorage } from '../../server/src/evidence/storage/local-storage';
import { phonePhoto, sha256 } from '../evidence/evidence-fixtures';
import { as } from '../support/auth';
import { complaintInput } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { clients, ok, stored, TRACK } from '../support/handling';
import { useTestServer } from '../support/server';

/**
 * The complainant answers with the tracking code and the reply PIN
 * (docs/adr/0026-complainant-pin.md): answerInformationRequest,
 * requestComplainantEvidenceUpload, appealResolution and rateResolution —
 * public, each one event and one version, wrong PINs counted per complaint.
 */
let root = '';
let storage: LocalEvidenceStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aduan-complainant-'));
  storage = new LocalEvidenceStorage(path.join(root, 'evidence'));
  await storage.check();
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

let offset = 0;
const now = () => Date.now() + offset;
afterEach(() => { offset = 0; });
const db = useTestDatabase('demo');
const api = useTestServer(db, { now, evidenceStorage: () => storage });
/** The same database behind a server with a tiny public budget, for the per-IP limit. */
const strict = useTestServer(db, { now, evidenceStorage: () => storage, rateLimits: { clientPerMinute: 100_000, publicPerMinute: 2 } });
const { village, public: anyone } = clients(api);
const portal = as(api, 'demo-portal-3273');

const TRACKING = 'tracking { trackingCode status currentTier dueAt lastUpdatedAt publicResponses { message } }';
const ANSWER = `mutation ($input: AnswerInformationRequestInput!) { answerInformationRequest(input: $input) { ${TRACKING} userErrors { field code message } } }`;
const APPEAL = `mutation ($input: AppealResolutionInput!) { appealResolution(input: $input) {
  ${TRACKING} appeal { trackingCode status currentTier } replyPin userErrors { field code message } } }`;
const RATE = `mutation ($input: RateResolutionInput!) { rateResolution(input: $input) { ${TRACKING} userErrors { field code message } } }`;
const UPLOAD = `mutation ($input: RequestComplainantEvidenceUploadInput!) { requestComplainantEvidenceUpload(input: $input) {
  upload { url method expiresAt size } userErrors { field code message } } }`;
const SUBMIT = `mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) {
  trackingCode replyPin acknowledgement complaint { id version } userErrors { field code message } } }`;

const NAME = 'Siti Rahmawati';
const PHONE = '081298765432';

interface Filed { id: string; trackingCode: string; pin: string; acknowledgement: string }

async function file(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Filed> {
  const input = complaintInput({ complainant: { name: NAME, phone: PHONE, anonymous: false, confidential: false }, ...overrides });
  const { body } = await portal(SUBMIT, { input }, headers);
  const payload = body.data.submitComplaint;
  expect(payload.userErrors).toEqual([]);
  return { id: payload.complaint.id, trackingCode: payload.trackingCode, pin: payload.replyPin, acknowledgement: payload.acknowledgement };
}

/** Filed, then asked for information by the village: PENDING_INFO at version 2. */
async function waitingForAnswer(): Promise<Filed> {
  const c = await file();
  await ok(village, 'requestInformation', { complaintId: c.id, version: 1, message: 'Mohon kirimkan foto KKS dan nomor KK.' });
  return c;
}

async function resolved(): Promise<Filed> {
  const c = await file();
  await ok(village, 'resolveComplaint', { complaintId: c.id, version: 1, decision: 'UPHELD', publicResponse: 'Bantuan sudah disalurkan ulang.' });
  return c;
}

async function call(query: string, name: string, input: Record<string, unknown>, headers: Record<string, string> = {}) {
  const { status, body } = await api.gql(query, { input }, headers);
  expect(status).toBe(200);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  // No answer to the public carries the person's name or number.
  expect(JSON.stringify(body)).not.toContain(NAME);
  expect(JSON.stringify(body)).not.toContain(PHONE.slice(1));
  return body.data[name];
}

const answer = (input: Record<string, unknown>, headers?: Record<string, string>) => call(ANSWER, 'answerInformationRequest', input, headers);
const wrongPin = (pin: string) => (pin === '000000' ? '000001' : '000000');

async function pinRow(complaintId: string) {
  const { uuid } = await stored(db, complaintId);
  const [row] = await db.dataSource.query('SELECT pin_hash AS "pinHash", failed_attempts AS "failedAttempts", locked_until AS "lockedUntil" FROM complainant_pins WHERE complaint_id = $1', [uuid]);
  return row;
}

describe('the reply PIN drawn at intake', () => {
  it('is 6 digits, answered once in the payload and inside the acknowledgement (both languages), stored only as a salted hash', async () => {
    const c = await file();
    expect(c.pin).toMatch(/^\d{6}$/);
    expect(c.acknowledgement).toContain(`PIN Anda ${c.pin}`);
    const en = await file({}, { 'accept-language': 'en' });
    expect(en.acknowledgement).toContain(`Your PIN is ${en.pin}`);
    const { pinHash } = await pinRow(c.id);
    expect(pinHash).toMatch(/^sha256\$[\w-]{22}\$[\w-]{43}$/);
    expect(pinHash).not.toContain(c.pin);
    // Nowhere else: not on the complaint, not in its events.
    const { uuid } = await stored(db, c.id);
    const [rowText] = await db.dataSource.query('SELECT c::text AS t FROM complaints c WHERE id = $1', [uuid]);
    expect(rowText.t).not.toContain(c.pin);
    const events = await db.dataSource.query('SELECT e::text AS t FROM complaint_events e WHERE complaint_id = $1', [uuid]);
    for (const e of events) expect(e.t).not.toContain(c.pin);
  });

  it('a repeat of the same idempotency key within 24 h answers the same PIN (a lost answer is recovered), and writes nothing more', async () => {
    const input = complaintInput({ idempotencyKey: randomUUID() });
    const first = (await portal(SUBMIT, { input })).body.data.submitComplaint;
    const again = (await portal(SUBMIT, { input })).body.data.submitComplaint;
    expect(again).toMatchObject({ trackingCode: first.trackingCode, replyPin: first.replyPin, acknowledgement: first.acknowledgement });
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM complainant_pins p JOIN complaints c ON c.id = p.complaint_id WHERE c.tracking_code = $1', [first.trackingCode]);
    expect(n).toBe(1);
  });
});

describe('answerInformationRequest', () => {
  it('ends PENDING_INFO with code + PIN and resumes the clock exactly as provideInformation does: one event (actor PUBLIC), version + 1', async () => {
    offset = 0;
    const frozen = Date.now();
    offset = frozen - Date.now(); // both complaints paused and resumed at the same instants
    const mine = await waitingForAnswer();
    const relayed = await waitingForAnswer();
    offset += 3 * 86_400_000; // three days later
    const payload = await answer({ trackingCode: mine.trackingCode.toLowerCase().replace(/-/g, ' '), pin: ` ${mine.pin.slice(0, 3)} ${mine.pin.slice(3)} `, information: 'Nomor KK 3273010101010001, foto KKS menyusul.' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.tracking).toMatchObject({ trackingCode: mine.trackingCode, status: 'RECEIVED' });
    await ok(portal, 'provideInformation', { complaintId: relayed.id, version: 2, information: 'Nomor KK 3273010101010001, foto KKS menyusul.' });

    const a = await stored(db, mine.id);
    const b = await stored(db, relayed.id);
    expect(a.row).toMatchObject({ status: 'RECEIVED', version: 3, slaPausedAt: null });
    expect(a.row.dueAt.getTime()).toBe(b.row.dueAt.getTime());
    expect(a.events).toHaveLength(3);
    expect(a.events.at(-1)).toMatchObject({
      type: 'INFORMATION_PROVIDED', visibility: 'PUBLIC', actor: null, fromStatus: 'PENDING_INFO', toStatus: 'RECEIVED',
      message: 'Nomor KK 3273010101010001, foto KKS menyusul.', data: { byComplainant: true },
    });
    const [actor] = await db.dataSource.query('SELECT actor_client_id FROM complaint_events WHERE complaint_id = $1 AND seq = 3', [a.uuid]);
    expect(actor.actor_client_id).toBeNull();
    // The answer is for handlers: never on the public tracker.
    expect(JSON.stringify((await anyone(TRACK, { code: mine.trackingCode })).body)).not.toContain('3273010101010001');
  });

  it('a wrong PIN: PIN_INCORRECT with the tries left, nothing changes; the fifth locks the complaint (counted per complaint, in the database) for 15 minutes, the right PIN too; then it works', async () => {
    const c = await waitingForAnswer();
    const wrong = await answer({ trackingCode: c.trackingCode, pin: wrongPin(c.pin), information: 'Jawaban.' });
    expect(wrong.userErrors).toEqual([{
      field: ['input', 'pin'], code: 'PIN_INCORRECT',
      message: 'PIN salah. Periksa PIN 6 angka pada tanda terima pengaduan Anda; sisa 4 kali percobaan sebelum pengaduan ini dikunci selama 15 menit.',
    }]);
    expect(wrong.tracking).toMatchObject({ status: 'PENDING_INFO' });
    const en = await answer({ trackingCode: c.trackingCode, pin: 'abc', information: 'Jawaban.' }, { 'accept-language': 'en' });
    expect(en.userErrors[0].message).toBe('Wrong PIN. Check the 6-digit PIN on your complaint\'s acknowledgement; 3 tries left before this complaint is locked for 15 minutes.');
    expect((await pinRow(c.id)).failedAttempts).toBe(2);
    for (const left of [2, 1]) {
      const again = await answer({ trackingCode: c.trackingCode, pin: wrongPin(c.pin), information: 'Jawaban.' });
      expect(again.userErrors[0].message).toContain(`sisa ${left} kali`);
    }
    const fifth = await answer({ trackingCode: c.trackingCode, pin: wrongPin(c.pin), information: 'Jawaban.' });
    expect(fifth.userErrors).toEqual([{
      field: ['input', 'pin'], code: 'PIN_LOCKED',
      message: 'PIN salah 5 kali berturut-turut, sehingga pengaduan ini dikunci. Coba lagi dalam 15 menit, atau minta PIN baru di kanal tempat Anda mengadu.',
    }]);
    const right = await answer({ trackingCode: c.trackingCode, pin: c.pin, information: 'Jawaban.' });
    expect(right.userErrors.map((e: { code: string }) => e.code)).toEqual(['PIN_LOCKED']);
    expect((await stored(db, c.id)).row).toMatchObject({ status: 'PENDING_INFO', version: 2 });
    expect((await stored(db, c.id)).events).toHaveLength(2);

    offset += 16 * 60_000;
    expect((await answer({ trackingCode: c.trackingCode, pin: c.pin, information: 'Jawaban.' })).userErrors).toEqual([]);
    expect(await pinRow(c.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('each further lock without a right PIN between lasts twice as long (15, 30 minutes …); the count is per complaint, not per caller', async () => {
    const c = await waitingForAnswer();
    const other = await waitingForAnswer();
    const guess = (trackingCode: string, headers?: Record<string, string>) => answer({ trackingCode, pin: wrongPin(c.pin === other.pin ? '000000' : c.pin), information: 'x' }, headers);
    for (let i = 0; i < 4; i += 1) await guess(c.trackingCode, { 'x-forwarded-for': `10.0.0.${i}` });
    expect((await guess(c.trackingCode)).userErrors[0].message).toContain('Coba lagi dalam 15 menit');
    // Another complaint is untouched by these guesses.
    expect((await pinRow(other.id)).failedAttempts).toBe(0);
    offset += 16 * 60_000;
    for (let i = 0; i < 4; i += 1) expect((await guess(c.trackingCode)).userErrors[0].code).toBe('PIN_INCORRECT');
    expect((await guess(c.trackingCode)).userErrors[0].message).toContain('Coba lagi dalam 30 menit');
    offset += 16 * 60_000;
    expect((await answer({ trackingCode: c.trackingCode, pin: c.pin, information: 'x' })).userErrors[0].code).toBe('PIN_LOCKED');
    offset += 15 * 60_000;
    expect((await answer({ trackingCode: c.trackingCode, pin: c.pin, information: 'Jawaban.' })).userErrors).toEqual([]);
  });

  it('a complaint not waiting for an answer: NOT_AWAITING_COMPLAINANT, nothing changes', async () => {
    const c = await file();
    const payload = await answer({ trackingCode: c.trackingCode, pin: c.pin, information: 'Jawaban.' });
    expect(payload.userErrors).toEqual([{
      field: ['input', 'trackingCode'], code: 'NOT_AWAITING_COMPLAINANT',
      message: 'Pengaduan ini sedang tidak menunggu jawaban atau keterangan dari Anda. Lihat statusnya dengan nomor pengaduan; petugas akan memberi tahu bila memerlukan sesuatu.',
    }]);
    expect(payload.tracking).toMatchObject({ status: 'RECEIVED' });
    expect((await stored(db, c.id)).row.version).toBe(1);
  });

  it('an unknown code: NOT_FOUND and no tracking — what trackComplaint tells of it, whatever the PIN; an empty answer is INVALID_INPUT', async () => {
    for (const trackingCode of ['ADU-0000-0000', 'bukan kode']) {
      const payload = await answer({ trackingCode, pin: '123456', information: 'Jawaban.' });
      expect(payload).toEqual({ tracking: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'trackingCode'] })] });
    }
    expect((await anyone(TRACK, { code: 'ADU-0000-0000' })).body.data.trackComplaint).toBeNull();
    const c = await waitingForAnswer();
    expect((await answer({ trackingCode: c.trackingCode, pin: c.pin, information: '  ' })).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'information'] })]);
  });

  it('a demo complaint waiting for information answers to the demo PIN', async () => {
    const [demo] = await db.dataSource.query(`SELECT tracking_code FROM complaints WHERE status = 'PENDING_INFO' ORDER BY created_at LIMIT 1`);
    const payload = await answer({ trackingCode: demo.tracking_code, pin: DEMO_REPLY_PIN, information: 'Sudah saya kirim lewat pendamping.' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.tracking.status).not.toBe('PENDING_INFO');
  });
});

describe('expiry', () => {
  it('the PIN stops working 37 days after the resolution (30-day appeal window and a week): PIN_EXPIRED; the code still shows the status', async () => {
    const c = await resolved();
    offset += 36 * 86_400_000;
    expect((await call(RATE, 'rateResolution', { trackingCode: c.trackingCode, pin: wrongPin(c.pin), rating: 4 })).userErrors[0].code).toBe('PIN_INCORRECT');
    offset += 2 * 86_400_000;
    const late = await call(RATE, 'rateResolution', { trackingCode: c.trackingCode, pin: c.pin, rating: 4 });
    expect(late.userErrors).toEqual([{
      field: ['input', 'pin'], code: 'PIN_EXPIRED',
      message: 'PIN pengaduan ini sudah tidak berlaku (PIN berlaku sampai 37 hari setelah pengaduan selesai). Status tetap dapat dilihat dengan nomor pengaduan; untuk hal lain, hubungi kanal tempat Anda mengadu dan sebutkan nomor pengaduan.',
    }]);
    expect((await stored(db, c.id)).row).toMatchObject({ resolutionRating: null, version: 2 });
    expect((await anyone(TRACK, { code: c.trackingCode })).body.data.trackComplaint).toMatchObject({ status: 'RESOLVED' });
  });
});

describe('requestComplainantEvidenceUpload', () => {
  it('with code + PIN: a single-use URL; the PUT strips the photo’s metadata and attaches it (actor PUBLIC, one event, version + 1)', async () => {
    const c = await waitingForAnswer();
    const photo = await phonePhoto();
    const payload = await call(UPLOAD, 'requestComplainantEvidenceUpload', {
      trackingCode: c.trackingCode, pin: c.pin, fileName: 'kks.jpg', contentType: 'image/jpeg', size: photo.length, sha256: sha256(photo),
    });
    expect(payload.userErrors).toEqual([]);
    const put = await fetch(payload.upload.url, { method: 'PUT', body: photo });
    expect(put.status).toBe(201);
    const attached = (await put.json()).evidence;
    expect(attached.metadataRemoved).toBe(true);
    const { row, events, uuid } = await stored(db, c.id);
    expect(row.version).toBe(3);
    expect(events.at(-1)).toMatchObject({ type: 'EVIDENCE_ATTACHED', actor: null, data: expect.objectContaining({ byComplainant: true }) });
    const [object] = await db.dataSource.query('SELECT object_sha256 FROM evidence WHERE complaint_id = $1', [uuid]);
    expect(await exifr.gps(await streamBytes((await storage.get(object.object_sha256)).body))).toBeUndefined();
    // A second PUT of the same URL is refused: single use, as for clients.
    expect((await fetch(payload.upload.url, { method: 'PUT', body: photo })).status).toBe(409);
  });

  it('the same limits and checks as for clients: a wrong type, a wrong PIN, a finished complaint', async () => {
    const c = await waitingForAnswer();
    const exe = await call(UPLOAD, 'requestComplainantEvidenceUpload', { trackingCode: c.trackingCode, pin: c.pin, fileName: 'a.exe', contentType: 'application/x-msdownload', size: 10, sha256: '0'.repeat(64) });
    expect(exe.userErrors.map((e: { code: string }) => e.code)).toEqual(['UNSUPPORTED_FILE_TYPE']);
    const wrong = await call(UPLOAD, 'requestComplainantEvidenceUpload', { trackingCode: c.trackingCode, pin: wrongPin(c.pin), fileName: 'a.pdf', contentType: 'application/pdf', size: 10, sha256: '0'.repeat(64) });
    expect(wrong).toEqual({ upload: null, userErrors: [expect.objectContaining({ code: 'PIN_INCORRECT' })] });
    const closed = await file();
    await ok(village, 'rejectComplaint', { complaintId: closed.id, version: 1, reason: 'NOT_OUR_AUTHORITY', publicMessage: 'Bukan kewenangan kami; hubungi Disdukcapil.' });
    const late = await call(UPLOAD, 'requestComplainantEvidenceUpload', { trackingCode: closed.trackingCode, pin: closed.pin, fileName: 'a.pdf', contentType: 'application/pdf', size: 10, sha256: '0'.repeat(64) });
    expect(late.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_TRANSITION']);
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM evidence_uploads u JOIN complaints c ON c.id = u.complaint_id WHERE c.tracking_code = ANY($1)', [[c.trackingCode, closed.trackingCode]]);
    expect(n).toBe(0);
  });
});

describe('appealResolution', () => {
  it('with code + PIN within 30 days: a new complaint one tier up, with its own code and own PIN (shown once); the original gets one REOPENED event', async () => {
    const c = await resolved();
    const payload = await call(APPEAL, 'appealResolution', { trackingCode: c.trackingCode, pin: c.pin, reason: 'Bantuan tetap belum kami terima.' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.tracking).toMatchObject({ trackingCode: c.trackingCode, status: 'RESOLVED' });
    expect(payload.appeal).toMatchObject({ status: 'RECEIVED', currentTier: 'DISTRICT' });
    expect(payload.appeal.trackingCode).not.toBe(c.trackingCode);
    expect(payload.replyPin).toMatch(/^\d{6}$/);
    const original = await stored(db, c.id);
    expect(original.row.version).toBe(3);
    expect(original.events.at(-1)).toMatchObject({ type: 'REOPENED', actor: null });
    // The appeal answers to its own PIN, not the original's.
    const withOld = await answer({ trackingCode: payload.appeal.trackingCode, pin: c.pin === payload.replyPin ? wrongPin(c.pin) : c.pin, information: 'x' });
    expect(withOld.userErrors[0].code).toBe('PIN_INCORRECT');
    const withNew = await answer({ trackingCode: payload.appeal.trackingCode, pin: payload.replyPin, information: 'x' });
    expect(withNew.userErrors[0].code).toBe('NOT_AWAITING_COMPLAINANT');
    // Once: a second appeal names the first.
    const twice = await call(APPEAL, 'appealResolution', { trackingCode: c.trackingCode, pin: c.pin, reason: 'Lagi.' });
    expect(twice).toMatchObject({ appeal: null, replyPin: null, userErrors: [expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'trackingCode'] })] });
    expect((await stored(db, c.id)).row.version).toBe(3);
  });

  it('refuses an open complaint (INVALID_TRANSITION) and, after 30 days, APPEAL_WINDOW_CLOSED; nothing is created', async () => {
    const open = await file();
    expect((await call(APPEAL, 'appealResolution', { trackingCode: open.trackingCode, pin: open.pin, reason: 'r' })).userErrors[0].code).toBe('INVALID_TRANSITION');
    const c = await resolved();
    offset += 31 * 86_400_000;
    const late = await call(APPEAL, 'appealResolution', { trackingCode: c.trackingCode, pin: c.pin, reason: 'Terlambat.' });
    expect(late.userErrors[0].code).toBe('APPEAL_WINDOW_CLOSED');
    const { uuid } = await stored(db, c.id);
    expect((await db.dataSource.query('SELECT 1 FROM complaints WHERE appeal_of_id = $1', [uuid]))).toHaveLength(0);
  });
});

describe('rateResolution needs the PIN', () => {
  it('without a PIN the request is refused (the input requires it) and nothing changes; a wrong PIN is PIN_INCORRECT; with it, one RATED event', async () => {
    const c = await resolved();
    const { status, body } = await api.gql(RATE, { input: { trackingCode: c.trackingCode, rating: 5 } });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await call(RATE, 'rateResolution', { trackingCode: c.trackingCode, pin: wrongPin(c.pin), rating: 5 })).userErrors[0].code).toBe('PIN_INCORRECT');
    expect((await stored(db, c.id)).row).toMatchObject({ resolutionRating: null, version: 2 });
    expect((await call(RATE, 'rateResolution', { trackingCode: c.trackingCode, pin: c.pin, rating: 5 })).userErrors).toEqual([]);
    expect((await stored(db, c.id)).row).toMatchObject({ resolutionRating: 5, version: 3 });
  });
});

describe('limits per IP address', () => {
  it('each of the complainant’s operations is limited per IP address, on top of the per-complaint lockout', async () => {
    const calls: [string, string, Record<string, unknown>][] = [
      [ANSWER, 'answerInformationRequest', { trackingCode: 'ADU-0000-0000', pin: '123456', information: 'x' }],
      [APPEAL, 'appealResolution', { trackingCode: 'ADU-0000-0000', pin: '123456', reason: 'x' }],
      [UPLOAD, 'requestComplainantEvidenceUpload', { trackingCode: 'ADU-0000-0000', pin: '123456', fileName: 'a.pdf', contentType: 'application/pdf', size: 1, sha256: '0'.repeat(64) }],
    ];
    for (const [query, , input] of calls) {
      expect((await strict.gql(query, { input })).status).toBe(200);
      expect((await strict.gql(query, { input })).status).toBe(200);
      const refused = await strict.gql(query, { input });
      expect(refused.status).toBe(429);
      expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    }
  });
});

async function streamBytes(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
