import { createClient } from '@aduan/sdk';
import exifr from 'exifr';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceFileName, evidenceKind } from '../../examples/whatsapp-intake/src/evidence';
import { findTrackingCode, parseCommand, readComplaint } from '../../examples/whatsapp-intake/src/message-format';
import { categoryOf } from '../../examples/whatsapp-intake/src/categories';
import { RECENT_WINDOW_MS, RecentComplaints, REMEMBERED_MS } from '../../examples/whatsapp-intake/src/recent-complaints';
import { VillageDirectory } from '../../examples/whatsapp-intake/src/villages';
import { LocalEvidenceStorage } from '../../server/src/evidence/storage/local-storage';
import { toGlobalId } from '../../server/src/graphql/global-id';
import { minimalPdf, phonePhoto, sha256 } from '../evidence/evidence-fixtures';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { storedEvidence } from '../support/evidence';
import { ok } from '../support/handling';
import { useTestServer } from '../support/server';
import { EXAMPLE_DIR, FakeGraphApi, metaSignature, Receiver, RECEIVER, runReceiver, startReceiver } from './whatsapp-support';

/**
 * examples/whatsapp-intake: the built receiver (`node dist/server.js`) as a
 * process, between Aduan's real server over a demo database and a fake Graph
 * API that records the replies. Every recorded sample in samples/ is posted
 * signed, and checked by the reply text and by what it left in the database.
 * `npm test` builds first; alone: `npm run build` before this file.
 */

const SAMPLES = path.join(EXAMPLE_DIR, 'samples');
const APP_SECRET = 'test-app-secret-5f1c';
const VERIFY_TOKEN = 'aduan-verify-token-91';
const ACCESS_TOKEN = 'EAAG-test-access-token';
const PHONE_NUMBER_ID = '109876543210987';

// Aduan's evidence store for this file, so the test reads back what was stored; registered before the server that uses it.
let evidenceRoot = '';
let storage: LocalEvidenceStorage;
beforeAll(async () => {
  evidenceRoot = await mkdtemp(path.join(os.tmpdir(), 'aduan-whatsapp-evidence-'));
  storage = new LocalEvidenceStorage(path.join(evidenceRoot, 'evidence'));
  await storage.check();
});
afterAll(async () => {
  if (evidenceRoot) await rm(evidenceRoot, { recursive: true, force: true });
});

const db = useTestDatabase('demo');
const api = useTestServer(db, { evidenceStorage: () => storage });
const graph = new FakeGraphApi(ACCESS_TOKEN);
let receiver: Receiver;

function receiverEnv(aduanUrl: string): Record<string, string> {
  return {
    ADUAN_URL: aduanUrl,
    WHATSAPP_API_URL: graph.url,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
  };
}

beforeAll(async () => {
  expect(existsSync(RECEIVER), 'examples/whatsapp-intake/dist is missing: run `npm run build` (npm test does it first)').toBe(true);
  await graph.start();
  receiver = await startReceiver(receiverEnv(`${api.url}/graphql`));
});

afterAll(async () => {
  await receiver?.stop();
  await graph.stop();
});

/** A recorded sample's bytes, exactly as stored. */
function sample(name: string): string {
  return readFileSync(path.join(SAMPLES, name), 'utf8');
}

/** A sample with its one message changed (new text, sender or wamid): for cases the recorded ones do not cover. */
function variant(name: string, change: { text?: string; from?: string; wamid?: string }): string {
  const payload = JSON.parse(sample(name));
  const value = payload.entry[0].changes[0].value;
  const message = value.messages[0];
  if (change.text !== undefined) message.text.body = change.text;
  if (change.wamid !== undefined) message.id = change.wamid;
  if (change.from !== undefined) {
    message.from = change.from;
    value.contacts[0].wa_id = change.from;
  }
  return JSON.stringify(payload);
}

/** A media sample with its one message changed: another sender, wamid, caption, media id or type. */
function mediaVariant(name: string, change: { from?: string; wamid?: string; caption?: string | null; mediaId?: string; mimeType?: string }): string {
  const payload = JSON.parse(sample(name));
  const value = payload.entry[0].changes[0].value;
  const message = value.messages[0];
  const media = message[message.type];
  if (change.wamid !== undefined) message.id = change.wamid;
  if (change.caption === null) delete media.caption;
  else if (change.caption !== undefined) media.caption = change.caption;
  if (change.mediaId !== undefined) media.id = change.mediaId;
  if (change.mimeType !== undefined) media.mime_type = change.mimeType;
  if (change.from !== undefined) {
    message.from = change.from;
    value.contacts[0].wa_id = change.from;
  }
  return JSON.stringify(payload);
}

/** The media id a sample's message carries. */
function mediaIdOf(name: string): string {
  const message = JSON.parse(sample(name)).entry[0].changes[0].value.messages[0];
  return message[message.type].id;
}

/** A wamid as Meta makes them (the sender's number in base64, then an id), unique per `tag`. */
function wamidFor(from: string, tag: string): string {
  return `wamid.HBgN${Buffer.from(from).toString('base64')}FQIAEhgU${Buffer.from(tag).toString('base64')}AA==`;
}

const evidenceOf = (trackingCode: string) => storedEvidence(db.dataSource, { trackingCode });

/** The complaint's EVIDENCE_ATTACHED events: who, when, what. */
async function attachmentEvents(trackingCode: string): Promise<{ visibility: string; message: string; data: Record<string, unknown>; occurred_at: Date; actor_client: string }[]> {
  return db.dataSource.query(
    `SELECT ev.visibility, ev.message, ev.data, ev.occurred_at, a.client_id AS actor_client
       FROM complaint_events ev JOIN complaints c ON c.id = ev.complaint_id LEFT JOIN api_clients a ON a.id = ev.actor_client_id
      WHERE c.tracking_code = $1 AND ev.type = 'EVIDENCE_ATTACHED' ORDER BY ev.seq`,
    [trackingCode],
  );
}

/** An object's bytes, read back from the store the test server writes to. */
async function storedBytes(key: string): Promise<Buffer> {
  const { body } = await storage.get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** How Aduan's timeline writes a size, computed here on its own: `3 KB`. */
const timelineSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
/** How the replies write a size below 1 MB. */
const replySize = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

async function post(body: string, options: { signature?: string | null; to?: Receiver } = {}): Promise<Response> {
  const signature = options.signature === undefined ? metaSignature(body, APP_SECRET) : options.signature;
  return fetch((options.to ?? receiver).webhook, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
    body,
  });
}

interface StoredComplaint {
  tracking_code: string;
  channel_code: string;
  region_code: string;
  program_code: string;
  category: string;
  description: string;
  complainant_name: string;
  complainant_phone: string;
  complainant_nik: string | null;
  subject_nik: string | null;
  confidential: boolean;
  submitted_by: string;
}

/** Complaints in the database from a phone number (E.164), with the API client that filed them. */
async function complaintsFrom(phone: string): Promise<StoredComplaint[]> {
  return db.dataSource.query(
    `SELECT c.tracking_code, c.channel_code, c.region_code, c.program_code, c.category, c.description, c.complainant_name,
            c.complainant_phone, c.complainant_nik, c.subject_nik, c.confidential, a.client_id AS submitted_by
       FROM complaints c JOIN api_clients a ON a.id = c.submitted_by_client_id
      WHERE c.complainant_phone = $1 ORDER BY c.created_at`,
    [phone],
  );
}

const TRACKING = /ADU-[0-9A-Z]{4}-[0-9A-Z]{4}/;

describe('reading the message (no network)', () => {
  const programmes = ['PKH', 'BPNT', 'BST', 'BLT_DD', 'PBI_JK'].map((code) => ({ code }));

  it('tells help, status and complaints apart, whatever the case and spacing', () => {
    expect(parseCommand('  bantuan ')).toEqual({ kind: 'help' });
    expect(parseCommand('HELP')).toEqual({ kind: 'help' });
    expect(parseCommand('ADUAN')).toEqual({ kind: 'help' });
    expect(parseCommand('Status ADU-7K3M-9Q2X')).toEqual({ kind: 'status', trackingCode: 'ADU-7K3M-9Q2X' });
    expect(parseCommand('cek status adu 7k3m 9q2x')).toEqual({ kind: 'status', trackingCode: 'ADU-7K3M-9Q2X' });
    expect(parseCommand('STATUS')).toEqual({ kind: 'status', trackingCode: null });
    expect(parseCommand('Selamat pagi, bantuan saya belum cair')).toEqual({ kind: 'unrecognised' });
    expect(parseCommand('A#B#C#D').kind).toBe('complaint');
    expect(parseCommand('jawab adu 7k3m 9q2x 123 456 Foto KKS\nsudah saya kirim.')).toEqual({ kind: 'reply', trackingCode: 'ADU-7K3M-9Q2X', pin: '123456', text: 'Foto KKS\nsudah saya kirim.' });
    expect(parseCommand('JAWAB ADU-7K3M-9Q2X 123456')).toEqual({ kind: 'reply', trackingCode: 'ADU-7K3M-9Q2X', pin: '123456', text: '' });
    expect(parseCommand('Jawab ADU-7K3M-9Q2X sudah saya kirim')).toEqual({ kind: 'reply', trackingCode: 'ADU-7K3M-9Q2X', pin: null, text: '' });
  });

  it('reads Nama#NIK#Alamat#Aduan with spaces around #, a leading keyword, and line breaks and # inside the complaint', () => {
    const draft = readComplaint('aduan # Siti Aminah # 3273 0145-0785.0001 #32.73.01.1001# Belum cair.\nSudah 2 bulan #PKH', programmes);
    expect(draft).toMatchObject({
      name: 'Siti Aminah', nik: '3273014507850001', address: '32.73.01.1001',
      description: 'Belum cair.\nSudah 2 bulan #PKH', programme: { code: 'PKH', source: 'mentioned' }, problems: [],
    });
  });

  it('accepts the template’s labels inside the parts', () => {
    expect(readComplaint('Nama: Siti#NIK: 3273014507850001#Alamat: 32.73.01.1001#Aduan: PKH belum cair', programmes)).toMatchObject({
      name: 'Siti', nik: '3273014507850001', address: '32.73.01.1001', description: 'PKH belum cair', problems: [],
    });
  });

  it('takes a programme code before the parts, or one named in the complaint, else PKH, saying which', () => {
    expect(readComplaint('ADUAN BLT-DD#A#3273014507850001#x#y', programmes).programme).toEqual({ code: 'BLT_DD', source: 'stated' });
    expect(readComplaint('bpnt#A#3273014507850001#x#y', programmes).programme).toEqual({ code: 'BPNT', source: 'stated' });
    expect(readComplaint('A#3273014507850001#x#Kartu sembako saya kosong, PKH juga', programmes).programme).toEqual({ code: 'BPNT', source: 'mentioned' });
    expect(readComplaint('A#3273014507850001#x#Beras busuk', programmes).programme).toEqual({ code: 'PKH', source: 'default' });
  });

  it('names each missing or wrong part, and never repeats the NIK', () => {
    expect(readComplaint('Dewi#3578015203880004#35.78.01.1001', programmes).problems).toEqual([{ part: 'aduan', message: expect.stringContaining('belum ada') }]);
    const shortNik = readComplaint('Rahmat#327301020290#32.73.01.1001#dicoret', programmes);
    expect(shortNik.nik).toBeNull();
    expect(shortNik.problems).toEqual([{ part: 'nik', message: 'harus 16 angka; yang terkirim 12 angka.' }]);
    // The NIK left out altogether: said so, rather than "the address is not a NIK".
    expect(readComplaint('Rahmat#Kel. Sarijadi, Kota Bandung#dicoret', programmes)).toMatchObject({
      address: 'Kel. Sarijadi, Kota Bandung', description: 'dicoret', problems: [{ part: 'nik', message: expect.stringContaining('belum ada') }],
    });
    expect(readComplaint('3273014507850001#Siti#x#y', programmes).problems.map((p) => p.part)).toEqual(['nama', 'nik']);
  });

  it('finds a tracking code anywhere in a caption', () => {
    expect(findTrackingCode('Bukti untuk adu 7k3m 9q2x, mohon dicek')).toBe('ADU-7K3M-9Q2X');
    expect(findTrackingCode('ADU-7K3M-9Q2X')).toBe('ADU-7K3M-9Q2X');
    expect(findTrackingCode('Foto buku tabungan KKS')).toBeNull();
  });

  it('names evidence by its caption and keeps a document’s own file name, cleaned', () => {
    expect(evidenceKind('image/jpeg', 'Foto KTP ibu saya')).toBe('ID_CARD');
    expect(evidenceKind('image/jpeg', 'ini KK kami')).toBe('FAMILY_CARD');
    expect(evidenceKind('image/jpeg', 'Foto kartu KKS')).toBe('PHOTO');
    expect(evidenceKind('image/jpeg', 'surat dari desa')).toBe('LETTER');
    expect(evidenceKind('application/pdf', null)).toBe('LETTER');
    expect(evidenceKind('image/png', null)).toBe('PHOTO');
    expect(evidenceFileName('Dokumen/Surat RT.pdf', 'application/pdf', 'abc123')).toBe('Surat RT.pdf');
    expect(evidenceFileName('a\u0000b.pdf', 'application/pdf', 'abc123')).toBe('ab.pdf');
    expect(evidenceFileName(null, 'image/jpeg', 'abc123')).toBe('foto-whatsapp-abc123.jpg');
    expect(evidenceFileName('', 'application/pdf', 'abc123')).toBe('berkas-whatsapp-abc123.pdf');
    expect(evidenceFileName('x'.repeat(300), 'application/pdf', 'r')).toHaveLength(200);
  });

  it('remembers senders by a keyed hash, the latest complaint for 24 hours and any by its code for 30 days', () => {
    let now = Date.parse('2026-11-30T01:00:00Z');
    const recent = new RecentComplaints(() => now);
    recent.remember('6281290000101', { complaintId: 'Q29tcGxhaW50OjE', trackingCode: 'ADU-AAAA-AAAA' });
    now += 1000;
    recent.remember('+6281290000101', { complaintId: 'Q29tcGxhaW50OjI', trackingCode: 'ADU-BBBB-BBBB' });
    expect(recent.latest('6281290000101')).toMatchObject({ trackingCode: 'ADU-BBBB-BBBB' });
    expect(recent.withCode('6281290000101', 'ADU-AAAA-AAAA')).toMatchObject({ complaintId: 'Q29tcGxhaW50OjE' });
    expect(recent.latest('6281290000199')).toBeNull();
    expect(recent.withCode('6281290000199', 'ADU-AAAA-AAAA')).toBeNull();
    // Nothing in it reads as the number.
    expect(inspect(recent, { depth: 10, showHidden: true })).not.toMatch(/6281290000101|81290000101/);

    now += RECENT_WINDOW_MS;
    expect(recent.latest('6281290000101')).toBeNull();
    expect(recent.withCode('6281290000101', 'ADU-BBBB-BBBB')).not.toBeNull();
    now += REMEMBERED_MS - RECENT_WINDOW_MS;
    expect(recent.withCode('6281290000101', 'ADU-BBBB-BBBB')).toBeNull();
    // Another process (another key) does not recognise the sender.
    expect(new RecentComplaints(() => now).withCode('6281290000101', 'ADU-BBBB-BBBB')).toBeNull();
  });

  it('reads the category from clear phrases only, officials first', () => {
    expect(categoryOf('PKH belum cair karena dipotong ketua RT Rp50.000')).toBe('ILLEGAL_LEVY');
    expect(categoryOf('Kartu KKS saya ditahan oleh pendamping')).toBe('MISUSE_OR_FRAUD');
    expect(categoryOf('Rekening saya pasif sehingga transfer gagal')).toBe('FAILED_TRANSFER');
    expect(categoryOf('Tetangga saya orang mampu tapi dapat PKH')).toBe('WRONG_TARGET');
    expect(categoryOf('Bantuan tahap 2 belum kami terima')).toBe('NOT_RECEIVED');
    expect(categoryOf('Mohon dicek')).toBe('OTHER');
  });
});

describe('the village from the Alamat part (demo regions, through the public regions query)', () => {
  let villages: VillageDirectory;
  beforeAll(() => {
    villages = new VillageDirectory(createClient({ url: `${api.url}/graphql` }));
  });

  it('takes a village code as it is, dotted or not, even ending a sentence', async () => {
    expect(await villages.lookup('Jl. Sarijadi 5, kode 32.73.01.1001.')).toEqual({ kind: 'found', code: '32.73.01.1001' });
    expect(await villages.lookup('3578011001')).toEqual({ kind: 'found', code: '35.78.01.1001' });
  });

  it('finds a village by labelled names, unlabelled names, or labels without commas', async () => {
    expect(await villages.lookup('Jl. Gegerkalong Hilir 12, RT 03/RW 07, Kel. Gegerkalong, Kec. Sukasari, Kota Bandung')).toEqual({ kind: 'found', code: '32.73.01.1002' });
    expect(await villages.lookup('Desa/Kel Sadangserang, Kota Bandung')).toEqual({ kind: 'found', code: '32.73.02.1003' });
    expect(await villages.lookup('Karah, Jambangan, Surabaya, Jawa Timur')).toEqual({ kind: 'found', code: '35.78.23.1002' });
    expect(await villages.lookup('Karangpilang, Kota Surabaya')).toEqual({ kind: 'found', code: '35.78.01.1001' });
    expect(await villages.lookup('kel cideng kec gambir kota adm jakarta pusat')).toEqual({ kind: 'found', code: '31.71.01.1002' });
    expect(await villages.lookup('Ds. Cimekar, Kab. Bandung')).toEqual({ kind: 'found', code: '32.04.05.2003' });
  });

  it('asks rather than guesses: an ambiguous city, an unknown village, no city at all', async () => {
    const ambiguous = await villages.lookup('Kel. Sarijadi, Bandung');
    expect(ambiguous).toEqual({ kind: 'ambiguous', message: expect.stringContaining('Kabupaten Bandung atau Kota Bandung') });
    const unknown = await villages.lookup('Kel. Sukamaju, Kec. Sukasari, Kota Bandung');
    expect(unknown).toEqual({ kind: 'not-found', message: expect.stringMatching(/^Desa\/kelurahan "Sukamaju" tidak ada di Kec\. Sukasari, Kota Bandung/) });
    expect(await villages.lookup('Kec. Antah, Kota Bandung')).toEqual({ kind: 'not-found', message: 'Kecamatan "Antah" tidak ada di Kota Bandung.' });
    expect(await villages.lookup('Kel. Sarijadi, Kec. Sukasari')).toEqual({ kind: 'not-found', message: expect.stringContaining('sebutkan kota/kabupatennya') });
  });
});

describe('the built receiver', () => {
  describe('GET /webhook: Meta’s verification handshake', () => {
    it('answers the challenge for the right token, 403 otherwise', async () => {
      const url = (token: string, mode = 'subscribe') => `${receiver.webhook}?${new URLSearchParams({ 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': '1158201444' })}`;
      const good = await fetch(url(VERIFY_TOKEN));
      expect(good.status).toBe(200);
      expect(await good.text()).toBe('1158201444');
      expect((await fetch(url('wrong-token'))).status).toBe(403);
      expect((await fetch(url(VERIFY_TOKEN, 'unsubscribe'))).status).toBe(403);
      expect((await fetch(receiver.webhook)).status).toBe(403);
    });
  });

  describe('POST /webhook: the signature', () => {
    it('refuses a missing, foreign or stale signature with 401, and files and sends nothing', async () => {
      const body = sample('valid-complaint.json');
      const tampered = body.replace('Siti Aminah', 'Siti Aminax');
      const answers = [
        await post(body, { signature: null }),
        await post(body, { signature: metaSignature(body, 'another-apps-secret') }),
        await post(tampered, { signature: metaSignature(body, APP_SECRET) }),
        await post(body, { signature: 'sha256=zz' }),
      ];
      expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401]);
      expect(await answers[0].json()).toEqual({ error: 'invalid_signature' });
      expect(graph.textsTo('6281290000101')).toEqual([]);
      expect(await complaintsFrom('+6281290000101')).toEqual([]);
    });
  });

  describe('recorded samples', () => {
    let filedCode = '';

    it('valid-complaint: files one WHATSAPP complaint for the sender, and replies with the tracking code', async () => {
      const response = await post(sample('valid-complaint.json'));
      expect(response.status).toBe(200);

      const [stored, ...more] = await complaintsFrom('+6281290000101');
      expect(more).toEqual([]);
      expect(stored).toMatchObject({
        channel_code: 'WHATSAPP', region_code: '32.73.01.1001', program_code: 'PKH', category: 'NOT_RECEIVED',
        complainant_name: 'Siti Aminah', complainant_phone: '+6281290000101', complainant_nik: '3273014507850001',
        subject_nik: '3273014507850001', submitted_by: 'demo-ngo-csr',
        description: 'Bantuan PKH tahap 2 tahun ini belum kami terima.\nTetangga kami sudah menerima sejak bulan lalu.',
      });
      filedCode = stored.tracking_code;

      const [reply] = graph.replies.filter((r) => r.body.to === '6281290000101');
      expect(reply.path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
      expect(reply.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
      expect(reply.body).toMatchObject({ messaging_product: 'whatsapp', type: 'text', context: { message_id: JSON.parse(sample('valid-complaint.json')).entry[0].changes[0].value.messages[0].id } });
      const text = reply.body.text.body;
      expect(text).toContain(`Pengaduan Anda telah kami terima dengan nomor ${filedCode}`);
      expect(text).toContain(`STATUS ${filedCode}`);
      expect(text).toContain('Program: PKH – Program Keluarga Harapan (disebut dalam aduan Anda)');
      expect(text).toContain('Kategori: Tidak menerima bantuan');
      expect(text).toContain('Desa/kelurahan: Sukarasa (32.73.01.1001)');
      expect(text).toContain('NIK: 3273********0001');
      expect(text).not.toContain('3273014507850001');
    });

    it('valid-complaint, delivered again: nothing filed twice, the same reply again', async () => {
      const response = await post(sample('valid-complaint.json'));
      expect(response.status).toBe(200);
      expect((await complaintsFrom('+6281290000101')).map((c) => c.tracking_code)).toEqual([filedCode]);
      const texts = graph.textsTo('6281290000101');
      expect(texts).toHaveLength(2);
      expect(texts[1]).toBe(texts[0]);
    });

    it('village-name: finds the village from "Kel. …, Kec. …, Kota …", with the programme stated first', async () => {
      expect((await post(sample('village-name.json'))).status).toBe(200);
      const stored = await complaintsFrom('+6281290000102');
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ channel_code: 'WHATSAPP', region_code: '32.73.01.1002', program_code: 'BPNT', category: 'FAILED_TRANSFER', complainant_name: 'Ujang Saepudin' });
      const [text] = graph.textsTo('6281290000102');
      expect(text).toContain(stored[0].tracking_code);
      expect(text).toContain('Desa/kelurahan: Gegerkalong (32.73.01.1002)');
      expect(text).toContain('Program: BPNT – Bantuan Pangan Non Tunai (Program Sembako)\n');
    });

    it('status-query: an unknown code is said to be unknown', async () => {
      expect((await post(sample('status-query.json'))).status).toBe(200);
      expect(graph.textsTo('6281290000103')).toEqual([expect.stringMatching(/^Nomor pengaduan ADU-7K3M-9Q2X tidak kami temukan/)]);
    });

    it('status-query with a real code: the tracker’s status label, tier, and latest public response', async () => {
      const [row] = await db.dataSource.query('SELECT id, version FROM complaints WHERE tracking_code = $1', [filedCode]);
      const response = 'Data Ibu sudah kami periksa; pencairan tahap 2 dijadwalkan ulang minggu depan.';
      await ok(as(api, 'demo-village-3273011001'), 'respondToComplaint', { complaintId: toGlobalId('Complaint', row.id), version: row.version, message: response });
      const { body } = await api.gql('query ($code: String!) { trackComplaint(trackingCode: $code) { statusLabel tierLabel } }', { code: filedCode });
      const tracking = body.data.trackComplaint;

      const asked = variant('status-query.json', { text: `Status ${filedCode.toLowerCase()}`, wamid: 'wamid.HBgNNjI4MTI5MDAwMDEwMxUCABIYFERFQ09ERTAwMDAwMDAwMDAwMDAwAA==' });
      expect((await post(asked)).status).toBe(200);
      const text = graph.textsTo('6281290000103').at(-1)!;
      expect(text).toContain(`Pengaduan ${filedCode}`);
      expect(text).toContain(`Status: ${tracking.statusLabel}`);
      expect(text).toContain(`Ditangani: ${tracking.tierLabel}`);
      expect(text).toContain(`Tanggapan terakhir`);
      expect(text).toContain(response);
    });

    it('missing-part: names the missing Aduan part and files nothing', async () => {
      expect((await post(sample('missing-part.json'))).status).toBe(200);
      const [text] = graph.textsTo('6281290000104');
      expect(text).toMatch(/^Maaf, pengaduan Anda belum dapat kami catat:\n• Aduan: belum ada/);
      expect(text).not.toContain('NIK:');
      expect(await complaintsFrom('+6281290000104')).toEqual([]);
    });

    it('invalid-nik: says the NIK needs 16 digits, without repeating it, and files nothing', async () => {
      expect((await post(sample('invalid-nik.json'))).status).toBe(200);
      const [text] = graph.textsTo('6281290000105');
      expect(text).toContain('• NIK: harus 16 angka; yang terkirim 12 angka.');
      expect(text).not.toContain('327301020290');
      expect(await complaintsFrom('+6281290000105')).toEqual([]);
    });

    it('image-without-complaint: a photo from someone with no complaint here is not fetched; they are told to file first', async () => {
      const mediaId = mediaIdOf('image-without-complaint.json');
      graph.media.set(mediaId, { bytes: await phonePhoto(), mimeType: 'image/jpeg' });
      expect((await post(sample('image-without-complaint.json'))).status).toBe(200);
      const [text, ...more] = graph.textsTo('6281290000106');
      expect(more).toEqual([]);
      expect(text).toMatch(/^Maaf, foto Anda belum dapat kami lampirkan: belum ada pengaduan dari nomor ini dalam 24 jam terakhir\./);
      expect(text).toContain('Nama#NIK#Alamat#Aduan');
      expect(text).toContain('tulis nomor pengaduannya pada keterangan foto');
      expect(graph.requestsFor(mediaId)).toEqual([]);
      expect(await complaintsFrom('+6281290000106')).toEqual([]);
    });

    it('image-with-caption: attached to the complaint the sender filed here today, stored without its GPS position, on the timeline by who/when/type/size', async () => {
      const photo = await phonePhoto(1200, 900);
      expect(await exifr.gps(photo)).toMatchObject({ latitude: expect.closeTo(-6.877, 2), longitude: expect.closeTo(107.578, 2) });
      const mediaId = mediaIdOf('image-with-caption.json');
      graph.media.set(mediaId, { bytes: photo, mimeType: 'image/jpeg' });
      const startedAt = Date.now();
      expect((await post(sample('image-with-caption.json'))).status).toBe(200);

      // Fetched in Meta's two steps, the access token on each.
      expect(graph.requestsFor(mediaId)).toEqual([
        { step: 'info', mediaId, authorization: `Bearer ${ACCESS_TOKEN}` },
        { step: 'download', mediaId, authorization: `Bearer ${ACCESS_TOKEN}` },
      ]);

      const wamid = JSON.parse(sample('image-with-caption.json')).entry[0].changes[0].value.messages[0].id;
      const [stored, ...more] = await evidenceOf(filedCode);
      expect(more).toEqual([]);
      expect(stored).toMatchObject({
        kind: 'PHOTO', content_type: 'image/jpeg', metadata_removed: true, uploaded_size: photo.length, uploaded_sha256: sha256(photo),
        attached_by: 'demo-ngo-csr', file_name: `foto-whatsapp-${sha256(Buffer.from(wamid)).slice(0, 12)}.jpg`,
      });
      const kept = await storedBytes(stored.object_sha256);
      expect(sha256(kept)).toBe(stored.object_sha256);
      expect(await exifr.gps(kept)).toBeUndefined();
      expect(await exifr.parse(kept, true)).toBeUndefined();

      const [event, ...moreEvents] = await attachmentEvents(filedCode);
      expect(moreEvents).toEqual([]);
      expect(event).toMatchObject({
        visibility: 'INTERNAL', actor_client: 'demo-ngo-csr', message: `Bukti dilampirkan: foto (JPEG, ${timelineSize(stored.size)}).`,
        data: { evidenceId: stored.id, kind: 'PHOTO', contentType: 'image/jpeg', size: stored.size },
      });
      expect(Object.keys(event.data).sort()).toEqual(['contentType', 'evidenceId', 'kind', 'size']);
      expect(event.occurred_at.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(event.occurred_at.getTime()).toBeLessThanOrEqual(Date.now());
      for (const secret of [stored.uploaded_sha256, stored.object_sha256, stored.file_name]) expect(JSON.stringify(event)).not.toContain(secret);

      expect(graph.textsTo('6281290000101').at(-1)).toBe(
        `Foto Anda sudah kami lampirkan pada pengaduan ${filedCode} sebagai foto (JPEG, ${replySize(photo.length)}). `
        + 'Lokasi dan data kamera pada foto sudah dihapus sebelum disimpan. Hanya petugas yang menangani pengaduan Anda yang dapat melihatnya.',
      );
    });

    it('image-with-caption, delivered again: nothing attached twice, the same reply again', async () => {
      const before = graph.textsTo('6281290000101');
      expect((await post(sample('image-with-caption.json'))).status).toBe(200);
      expect(await evidenceOf(filedCode)).toHaveLength(1);
      expect(await attachmentEvents(filedCode)).toHaveLength(1);
      const after = graph.textsTo('6281290000101');
      expect(after).toHaveLength(before.length + 1);
      expect(after.at(-1)).toBe(before.at(-1));
    });

    it('document-pdf: a letter goes to the complaint filed from the same number, as a letter, stored byte for byte', async () => {
      const [ujang] = await complaintsFrom('+6281290000102');
      const letter = minimalPdf();
      graph.media.set(mediaIdOf('document-pdf.json'), { bytes: letter, mimeType: 'application/pdf' });
      expect((await post(sample('document-pdf.json'))).status).toBe(200);
      const stored = await evidenceOf(ujang.tracking_code);
      expect(stored).toEqual([expect.objectContaining({
        kind: 'LETTER', content_type: 'application/pdf', file_name: 'Surat Keterangan RT 05.pdf', metadata_removed: false,
        size: letter.length, uploaded_sha256: sha256(letter), attached_by: 'demo-ngo-csr',
      })]);
      expect(await storedBytes(stored[0].object_sha256)).toEqual(letter);
      expect(await attachmentEvents(ujang.tracking_code)).toEqual([expect.objectContaining({
        visibility: 'INTERNAL', message: `Bukti dilampirkan: surat (PDF, ${timelineSize(letter.length)}).`, actor_client: 'demo-ngo-csr',
      })]);
      const text = graph.textsTo('6281290000102').at(-1)!;
      expect(text).toBe(`Berkas Anda sudah kami lampirkan pada pengaduan ${ujang.tracking_code} sebagai surat keterangan (PDF, ${replySize(letter.length)}). Hanya petugas yang menangani pengaduan Anda yang dapat melihatnya.`);
      // The file's name is the sender's (it may carry a NIK): never repeated back.
      expect(text).not.toContain('Surat Keterangan RT 05');
    });

    it('document-too-large: refused from the size Meta gives, before a byte is downloaded', async () => {
      const mediaId = mediaIdOf('document-too-large.json');
      graph.media.set(mediaId, { bytes: minimalPdf(), mimeType: 'application/pdf', fileSize: 15 * 1024 * 1024 });
      const [ujang] = await complaintsFrom('+6281290000102');
      expect((await post(sample('document-too-large.json'))).status).toBe(200);
      expect(graph.textsTo('6281290000102').at(-1)).toBe(
        'Maaf, berkas Anda terlalu besar (15 MB); paling besar 10 MB. Perkecil ukurannya (untuk surat: pindai dengan resolusi lebih rendah, atau kirim sebagai foto), lalu kirim ulang.',
      );
      expect(graph.requestsFor(mediaId).map((r) => r.step)).toEqual(['info']);
      expect(await evidenceOf(ujang.tracking_code)).toHaveLength(1);
    });

    it('document-unsupported: a Word document is refused by its type, without being fetched', async () => {
      const mediaId = mediaIdOf('document-unsupported.json');
      graph.media.set(mediaId, { bytes: Buffer.from('PK\x03\x04 not really a docx'), mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
      const before = (await evidenceOf(filedCode)).length;
      expect((await post(sample('document-unsupported.json'))).status).toBe(200);
      expect(graph.textsTo('6281290000101').at(-1)).toBe('Maaf, berkas jenis ini tidak dapat kami terima sebagai bukti. Kirim foto (JPEG, PNG, atau WebP) atau surat dalam bentuk PDF.');
      expect(graph.requestsFor(mediaId)).toEqual([]);
      expect(await evidenceOf(filedCode)).toHaveLength(before);
    });

    it('status-update (delivery receipts): 200, no reply, nothing filed', async () => {
      const before = graph.replies.length;
      const response = await post(sample('status-update.json'));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', messages: 0 });
      expect(graph.replies.length).toBe(before);
    });

    it('malformed-json and malformed-shape: 400, no reply, and the next message is still answered', async () => {
      const before = graph.replies.length;
      const broken = await post(sample('malformed-json.json'));
      expect(broken.status).toBe(400);
      expect(await broken.json()).toEqual({ error: 'invalid_json' });
      const shape = await post(sample('malformed-shape.json'));
      expect(shape.status).toBe(400);
      expect(await shape.json()).toMatchObject({ error: 'invalid_payload' });
      expect((await post('', { signature: metaSignature('', APP_SECRET) })).status).toBe(400);
      expect(graph.replies.length).toBe(before);
      expect(await complaintsFrom('+6281290000110')).toEqual([]);
      expect(receiver.process.exitCode).toBeNull();

      const next = variant('valid-complaint.json', { from: '6281290000111', wamid: 'wamid.HBgNNjI4MTI5MDAwMDExMRUCABIYFEFGVEVSTUFMRk9STUVEMDAwMDAA' });
      expect((await post(next)).status).toBe(200);
      expect(await complaintsFrom('+6281290000111')).toHaveLength(1);
      expect(graph.textsTo('6281290000111')).toEqual([expect.stringMatching(TRACKING)]);
    });

    it('multiple-messages: each message answered in order; the Nama part falls back to the profile name', async () => {
      const response = await post(sample('multiple-messages.json'));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', messages: 3 });

      const [sri] = await complaintsFrom('+6281290000107');
      expect(sri).toMatchObject({ region_code: '35.78.01.1001', program_code: 'BLT_DD', category: 'NOT_RECEIVED', channel_code: 'WHATSAPP' });
      expect(graph.textsTo('6281290000107')).toEqual([expect.stringContaining(`STATUS ${sri.tracking_code}`)]);

      const [yati] = await complaintsFrom('+6281290000108');
      expect(yati).toMatchObject({ region_code: '35.78.02.1002', program_code: 'PKH', category: 'AMOUNT_OR_QUALITY', complainant_name: 'Yati Suryani', subject_nik: '3578024506750002' });
      const [yatiText] = graph.textsTo('6281290000108');
      expect(yatiText).toContain('program tidak disebutkan, jadi kami catat sebagai PKH');
      expect(yatiText).toContain('Kategori: Jumlah atau kualitas bantuan tidak sesuai');

      expect(graph.textsTo('6281290000109')).toEqual([expect.stringMatching(/^Layanan pengaduan bantuan sosial/)]);
      const order = graph.replies.slice(-3).map((r) => r.body.to);
      expect(order).toEqual(['6281290000107', '6281290000108', '6281290000109']);
    });
  });

  describe('what Aduan refuses, told by message part', () => {
    async function ask(from: string, text: string) {
      const body = variant('valid-complaint.json', { from, text, wamid: `wamid.HBgN${Buffer.from(from).toString('base64')}FQIAEhgU${Buffer.from(text).toString('base64').slice(0, 20)}` });
      expect((await post(body)).status).toBe(200);
      return graph.textsTo(from).at(-1)!;
    }

    it('a NIK with an impossible birth date: the server’s reason, under NIK, once', async () => {
      const text = await ask('6281290000121', 'Rahmat Hidayat#3273019902900001#32.73.01.1001#Nama saya dicoret dari daftar PKH.');
      expect(text).toBe([
        'Maaf, pengaduan Anda belum dapat kami catat:',
        '• NIK: Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak valid.',
        '',
        'Kirim ulang seluruh pesan dengan format Nama#NIK#Alamat#Aduan. Balas BANTUAN untuk melihat contoh.',
      ].join('\n'));
      expect(await complaintsFrom('+6281290000121')).toEqual([]);
    });

    it('a code that is no village: under Alamat', async () => {
      const text = await ask('6281290000122', 'Rahmat Hidayat#3273010202900002#32.73.01.1099#Belum menerima PKH.');
      expect(text).toContain('• Alamat: Kode wilayah harus kode desa/kelurahan yang dikenal');
      expect(await complaintsFrom('+6281290000122')).toEqual([]);
    });

    it('an ambiguous city: both named, nothing filed', async () => {
      const text = await ask('6281290000123', 'Rahmat Hidayat#3273010202900002#Kel. Sarijadi, Bandung#Belum menerima PKH.');
      expect(text).toContain('• Alamat: "Bandung" bisa berarti Kabupaten Bandung atau Kota Bandung');
      expect(await complaintsFrom('+6281290000123')).toEqual([]);
    });

    it('a number outside Indonesia: under Nomor WhatsApp', async () => {
      const text = await ask('60123456789', 'Rahmat Hidayat#3273010202900002#32.73.01.1001#Belum menerima PKH.');
      expect(text).toContain('• Nomor WhatsApp: layanan ini hanya dapat mencatat nomor Indonesia (+62)');
    });

    it('a levy: filed confidential, as Aduan does for complaints about officials', async () => {
      const text = await ask('6281290000124', 'Euis#3273014507850001#32.73.01.1001#Saat pencairan PKH kami diminta uang Rp50.000 oleh oknum.');
      expect(text).toContain('Kategori: Pungutan liar');
      expect(await complaintsFrom('+6281290000124')).toEqual([expect.objectContaining({ category: 'ILLEGAL_LEVY', confidential: true, subject_nik: null })]);
    });
  });

  describe('evidence by WhatsApp: what the samples do not cover', () => {
    const SENDER = '6281290000151';
    const codes: string[] = [];

    async function fileFor(from: string, tag: string, text: string): Promise<string> {
      expect((await post(variant('valid-complaint.json', { from, wamid: wamidFor(from, tag), text }))).status).toBe(200);
      const code = TRACKING.exec(graph.textsTo(from).at(-1)!)?.[0];
      expect(code).toBeDefined();
      return code!;
    }

    async function sendPhoto(from: string, tag: string, caption: string | null, bytes: Buffer, options: { mimeType?: string; sample?: string } = {}): Promise<{ status: number; reply: string | undefined; mediaId: string }> {
      const mediaId = `77${sha256(Buffer.from(tag)).replace(/\D/g, '').slice(0, 14)}`;
      graph.media.set(mediaId, { bytes, mimeType: options.mimeType ?? 'image/jpeg' });
      const before = graph.textsTo(from).length;
      const response = await post(mediaVariant(options.sample ?? 'image-with-caption.json', { from, wamid: wamidFor(from, tag), caption, mediaId, mimeType: options.mimeType }));
      const texts = graph.textsTo(from);
      return { status: response.status, reply: texts.length > before ? texts.at(-1) : undefined, mediaId };
    }

    beforeAll(async () => {
      codes.push(await fileFor(SENDER, 'first', 'Asep Sunandar#3273010202900002#32.73.01.1001#Bantuan PKH tahap 1 belum kami terima.'));
      codes.push(await fileFor(SENDER, 'second', 'Asep Sunandar#3273010202900002#32.73.01.1001#Kartu KKS kami tertelan mesin ATM dan belum diganti.'));
    });

    it('a tracking code in the caption picks the sender’s older complaint; without one, the latest', async () => {
      const [first, second] = codes;
      expect(first).not.toBe(second);
      const older = await sendPhoto(SENDER, 'photo-code', `Bukti untuk ${first.toLowerCase().replace(/-/g, ' ')}`, await phonePhoto());
      expect(older.status).toBe(200);
      expect(older.reply).toMatch(new RegExp(`^Foto Anda sudah kami lampirkan pada pengaduan ${first} `));
      const latest = await sendPhoto(SENDER, 'photo-plain', null, await phonePhoto(60, 40));
      expect(latest.reply).toMatch(new RegExp(`^Foto Anda sudah kami lampirkan pada pengaduan ${second} `));
      expect(await evidenceOf(first)).toEqual([expect.objectContaining({ kind: 'PHOTO' })]);
      expect(await evidenceOf(second)).toEqual([expect.objectContaining({ kind: 'PHOTO' })]);
    });

    it('someone else’s tracking code attaches nothing: the code is not a key to another person’s complaint', async () => {
      const stranger = '6281290000152';
      const attempt = await sendPhoto(stranger, 'stranger', `Foto untuk ${codes[0]}`, await phonePhoto());
      expect(attempt.status).toBe(200);
      expect(attempt.reply).toMatch(new RegExp(`^Maaf, foto Anda belum dapat kami lampirkan: pengaduan ${codes[0]} tidak tercatat dikirim dari nomor WhatsApp ini`));
      expect(graph.requestsFor(attempt.mediaId)).toEqual([]);
      expect(await evidenceOf(codes[0])).toHaveLength(1);
    });

    it('a KTP by its caption; a "PDF" whose bytes are text is refused by Aduan, in words, and nothing is stored', async () => {
      const ktp = await sendPhoto(SENDER, 'ktp', 'Foto KTP saya', await phonePhoto(80, 50));
      expect(ktp.reply).toMatch(new RegExp(`sebagai KTP \\(JPEG, `));
      const fake = await sendPhoto(SENDER, 'not-a-pdf', 'Surat dari kelurahan', Buffer.from('Surat keterangan (diketik ulang, bukan PDF)\n'), { mimeType: 'application/pdf', sample: 'document-pdf.json' });
      expect(fake.status).toBe(200);
      expect(fake.reply).toBe('Maaf, isi berkas Anda tidak sesuai dengan jenisnya, sehingga tidak dapat kami terima. Kirim foto (JPEG, PNG, atau WebP) atau berkas PDF yang asli.');
      const evidence = await evidenceOf(codes[1]);
      expect(evidence.map((e) => e.kind)).toEqual(['PHOTO', 'ID_CARD']);
      const uploads = await db.dataSource.query(
        `SELECT u.status, u.refusal_code FROM evidence_uploads u JOIN complaints c ON c.id = u.complaint_id WHERE c.tracking_code = $1 ORDER BY u.created_at`, [codes[1]]);
      expect(uploads.at(-1)).toEqual({ status: 'REFUSED', refusal_code: 'CONTENT_TYPE_MISMATCH' });
    });

    it('a photo whose caption is the complaint itself: filed, then the photo attached to it, in one reply', async () => {
      const from = '6281290000153';
      const photo = await phonePhoto(100, 70);
      const sent = await sendPhoto(from, 'caption-complaint', 'Dewi Lestari#3578015203880004#35.78.01.1001#Bantuan PKH belum kami terima sejak Maret. Foto buku tabungan terlampir.', photo);
      expect(sent.status).toBe(200);
      const [filed] = await complaintsFrom(`+${from}`);
      expect(filed).toMatchObject({ channel_code: 'WHATSAPP', region_code: '35.78.01.1001', complainant_name: 'Dewi Lestari' });
      expect(sent.reply).toContain(`Pengaduan Anda telah kami terima dengan nomor ${filed.tracking_code}`);
      expect(sent.reply).toContain(`Foto Anda sudah kami lampirkan pada pengaduan ${filed.tracking_code} sebagai foto (JPEG, ${replySize(photo.length)}).`);
      expect(await evidenceOf(filed.tracking_code)).toEqual([expect.objectContaining({ uploaded_sha256: sha256(photo) })]);

      // The caption missing a part: nothing filed, nothing fetched, and the photo is said to wait.
      const incomplete = await sendPhoto('6281290000154', 'caption-incomplete', 'Dewi Lestari#3578015203880004#35.78.01.1001', photo);
      expect(incomplete.reply).toMatch(/^Maaf, pengaduan Anda belum dapat kami catat:\n• Aduan: belum ada/);
      expect(incomplete.reply).toMatch(/Foto Anda belum kami lampirkan karena pengaduannya belum tercatat\./);
      expect(graph.requestsFor(incomplete.mediaId)).toEqual([]);
      expect(await complaintsFrom('+6281290000154')).toEqual([]);
    });

    it('Meta’s media failing answers 503 (Meta delivers again); the next delivery attaches it once', async () => {
      const photo = await phonePhoto(90, 60);
      const before = (await evidenceOf(codes[1])).length;
      graph.mediaFailsWith = 500;
      let first;
      try {
        first = await sendPhoto(SENDER, 'media-outage', null, photo);
      } finally {
        graph.mediaFailsWith = null;
      }
      expect(first.status).toBe(503);
      expect(first.reply).toBeUndefined();
      expect(await evidenceOf(codes[1])).toHaveLength(before);
      expect(receiver.output()).toContain('"event":"media.unavailable"');

      const again = await sendPhoto(SENDER, 'media-outage', null, photo);
      expect(again.status).toBe(200);
      expect(again.reply).toMatch(new RegExp(`^Foto Anda sudah kami lampirkan pada pengaduan ${codes[1]} `));
      expect(await evidenceOf(codes[1])).toHaveLength(before + 1);
    });

    it('a body that does not match its SHA-256, or runs past 10 MB whatever size Meta claimed, is never attached', async () => {
      const before = (await evidenceOf(codes[1])).length;
      const photo = await phonePhoto(70, 50);
      const tampered = await (async () => {
        const mediaId = '7799000000000001';
        graph.media.set(mediaId, { bytes: photo, mimeType: 'image/jpeg', sha256: sha256(Buffer.from('other bytes')) });
        const response = await post(mediaVariant('image-with-caption.json', { from: SENDER, wamid: wamidFor(SENDER, 'tampered'), caption: null, mediaId }));
        return response.status;
      })();
      expect(tampered).toBe(503);

      const mediaId = '7799000000000002';
      graph.media.set(mediaId, { bytes: Buffer.concat([photo, Buffer.alloc(10 * 1024 * 1024)]), mimeType: 'image/jpeg', fileSize: photo.length });
      expect((await post(mediaVariant('image-with-caption.json', { from: SENDER, wamid: wamidFor(SENDER, 'runs-past'), caption: null, mediaId }))).status).toBe(200);
      expect(graph.textsTo(SENDER).at(-1)).toMatch(/^Maaf, foto Anda terlalu besar \(10 MB\); paling besar 10 MB\./);
      expect(await evidenceOf(codes[1])).toHaveLength(before);
    });
  });

  describe('when the reply cannot be sent', () => {
    it('answers 503 so that Meta delivers again; the second delivery files nothing new and replies', async () => {
      const body = variant('valid-complaint.json', { from: '6281290000131', wamid: 'wamid.HBgNNjI4MTI5MDAwMDEzMRUCABIYFFJFUExZRkFJTEVEMDAwMDAwMDAA' });
      graph.failWith = 500;
      try {
        expect((await post(body)).status).toBe(503);
      } finally {
        graph.failWith = null;
      }
      const [filed, ...more] = await complaintsFrom('+6281290000131');
      expect(more).toEqual([]);
      expect(graph.textsTo('6281290000131')).toEqual([]);

      expect((await post(body)).status).toBe(200);
      expect((await complaintsFrom('+6281290000131')).map((c) => c.tracking_code)).toEqual([filed.tracking_code]);
      expect(graph.textsTo('6281290000131')).toEqual([expect.stringContaining(`nomor ${filed.tracking_code}`)]);
    });
  });

  describe('when Aduan cannot be reached', () => {
    let cutOff: Receiver;
    beforeAll(async () => {
      cutOff = await startReceiver(receiverEnv(`http://127.0.0.1:${await closedPort()}/graphql`));
    });
    afterAll(async () => {
      await cutOff?.stop();
    });

    it('answers 503 (Meta delivers again), tells the sender once, and files it when delivered after recovery', async () => {
      const body = variant('valid-complaint.json', { from: '6281290000141', wamid: 'wamid.HBgNNjI4MTI5MDAwMDE0MRUCABIYFE9VVEFHRTAwMDAwMDAwMDAwMDAA' });
      const first = await post(body, { to: cutOff });
      expect(first.status).toBe(503);
      expect(await first.json()).toEqual({ error: 'try_again', messages: 1 });
      expect(graph.textsTo('6281290000141')).toEqual([expect.stringMatching(/^Pesan Anda sudah kami terima, tetapi sistem pengaduan sedang mengalami gangguan/)]);

      expect((await post(body, { to: cutOff })).status).toBe(503);
      expect(graph.textsTo('6281290000141')).toHaveLength(1);
      expect(await complaintsFrom('+6281290000141')).toEqual([]);
      expect(cutOff.output()).toContain('"event":"aduan.unavailable"');

      // Aduan is back (Meta's next delivery reaches a receiver that can reach it): filed once, answered with the code.
      expect((await post(body)).status).toBe(200);
      const stored = await complaintsFrom('+6281290000141');
      expect(stored).toHaveLength(1);
      expect(graph.textsTo('6281290000141')[1]).toContain(`STATUS ${stored[0].tracking_code}`);
    });
  });

  describe('configuration and logs', () => {
    it('refuses to start without the WhatsApp secrets, naming them', async () => {
      const { code, output } = await runReceiver({ WHATSAPP_VERIFY_TOKEN: 'x', PORT: '0' });
      expect(code).toBe(1);
      expect(output.trim()).toBe('WhatsApp intake: set WHATSAPP_APP_SECRET, WHATSAPP_ACCESS_TOKEN (see examples/whatsapp-intake/README.md).');
    });

    it('never logs a NIK, a phone number or a wamid', () => {
      const logged = receiver.output();
      expect(logged).toContain('"event":"message.answered"');
      const secrets = new Set<string>();
      for (const file of readdirSync(SAMPLES).filter((f) => f !== 'malformed-json.json')) {
        const payload = JSON.parse(sample(file));
        for (const entry of Array.isArray(payload.entry) ? payload.entry : []) {
          for (const change of entry.changes ?? []) {
            for (const message of change.value?.messages ?? []) {
              secrets.add(message.from);
              secrets.add(message.id);
              if (message.document?.filename) secrets.add(message.document.filename);
              for (const nik of (message.text?.body ?? '').replace(/[ .-]/g, '').match(/\d{12,16}/g) ?? []) secrets.add(nik);
            }
          }
        }
      }
      for (const phone of ['6281290000111', '6281290000121', '3273019902900001', '60123456789', '6281290000151', '6281290000152', '6281290000153', '3578015203880004', '3273010202900002']) secrets.add(phone);
      expect(secrets.size).toBeGreaterThan(15);
      for (const secret of secrets) expect(logged, secret).not.toContain(secret);
    });
  });
});

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('answering the office by replying, with the tracking code and the PIN (docs/adr/0026)', () => {
  const from = '6281290000555';
  let code = '';
  let pin = '';
  let complaintId = '';
  const status = async () => (await db.dataSource.query('SELECT status, version FROM complaints WHERE tracking_code = $1', [code]))[0];

  it('the acknowledgement carries the PIN; a wrong PIN is told with the tries left, and nothing changes', async () => {
    expect((await post(variant('valid-complaint.json', { from, wamid: wamidFor(from, 'reply-filed') }))).status).toBe(200);
    const filedText = graph.textsTo(from).at(-1)!;
    code = TRACKING.exec(filedText)![0];
    pin = /PIN Anda (\d{6})/.exec(filedText)![1];
    expect(filedText).toContain(`JAWAB ${code} PIN jawaban Anda`);
    const [row] = await db.dataSource.query('SELECT id, current_tier FROM complaints WHERE tracking_code = $1', [code]);
    complaintId = row.id;
    const handler = as(api, row.current_tier === 'VILLAGE' ? 'demo-village-3273011001' : 'demo-dinsos-3273');
    await ok(handler, 'requestInformation', { complaintId: toGlobalId('Complaint', complaintId), version: 1, message: 'Mohon kirimkan foto kartu KKS.' });

    const wrong = pin === '000000' ? '111111' : '000000';
    expect((await post(variant('valid-complaint.json', { from, wamid: wamidFor(from, 'reply-wrong'), text: `JAWAB ${code} ${wrong} Sudah saya kirim.` }))).status).toBe(200);
    expect(graph.textsTo(from).at(-1)).toBe(
      'Maaf, jawaban Anda belum dapat kami terima. PIN salah. Periksa PIN 6 angka pada tanda terima pengaduan Anda; sisa 4 kali percobaan sebelum pengaduan ini dikunci selama 15 menit.',
    );
    expect(await status()).toEqual({ status: 'PENDING_INFO', version: 2 });
  });

  it('a photo captioned JAWAB code PIN and the answer: attached by the person, then the answer ends the wait (one event each)', async () => {
    const mediaId = '5550001112223334';
    graph.media.set(mediaId, { bytes: await phonePhoto(), mimeType: 'image/jpeg' });
    const caption = `JAWAB ${code} ${pin.slice(0, 3)} ${pin.slice(3)} Ini foto kartu KKS saya.`;
    expect((await post(mediaVariant('image-with-caption.json', { from, wamid: wamidFor(from, 'reply-photo'), caption, mediaId }))).status).toBe(200);
    expect(graph.textsTo(from).at(-1)).toBe(
      `Jawaban dan foto Anda untuk pengaduan ${code} sudah kami terima. Petugas melanjutkan penanganan pengaduan Anda. Untuk melihat perkembangannya, kirim: STATUS ${code}`,
    );
    expect((await status()).status).not.toBe('PENDING_INFO');
    expect((await status()).version).toBe(4);
    const events: { type: string; actor_client_id: string | null; message: string }[] = await db.dataSource.query(
      'SELECT type, actor_client_id, message FROM complaint_events WHERE complaint_id = $1 AND seq > 2 ORDER BY seq', [complaintId]);
    expect(events.map((e) => [e.type, e.actor_client_id])).toEqual([['EVIDENCE_ATTACHED', null], ['INFORMATION_PROVIDED', null]]);
    expect(events[1].message).toBe('Ini foto kartu KKS saya.');
    const [stored] = await evidenceOf(code);
    expect(await exifr.gps(await storedBytes(stored.object_sha256))).toBeUndefined();
    // Meta delivers the text again: the complaint no longer waits, and says so; nothing changes.
    expect((await post(variant('valid-complaint.json', { from, wamid: wamidFor(from, 'reply-late'), text: `JAWAB ${code} ${pin} Lagi.` }))).status).toBe(200);
    expect(graph.textsTo(from).at(-1)).toBe(
      'Maaf, jawaban Anda belum dapat kami terima. Pengaduan ini sedang tidak menunggu jawaban atau keterangan dari Anda. Lihat statusnya dengan nomor pengaduan; petugas akan memberi tahu bila memerlukan sesuatu.',
    );
    expect((await status()).version).toBe(4);
    // Neither the PIN nor the answer in the receiver's log.
    expect(receiver.output()).not.toMatch(/JAWAB/i);
    expect(receiver.output()).not.toContain('kartu KKS saya');
  });

  it('JAWAB without a PIN: the form to use', async () => {
    expect((await post(variant('valid-complaint.json', { from, wamid: wamidFor(from, 'reply-nopin'), text: `jawab ${code} sudah` }))).status).toBe(200);
    expect(graph.textsTo(from).at(-1)).toContain(`kirim: JAWAB ${code} PIN jawaban Anda`);
  });
});

describe("the README's stand-in for the Graph API (Try it with curl)", () => {
  /** The README's stand-in command (the first line of the section's first sh block), on a free port instead of 3002. */
  function readmeStandIn(port: number): string {
    const readme = readFileSync(path.join(EXAMPLE_DIR, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Try it with curl'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1];
    const [line] = block.split('\n');
    expect(line).toContain('3002');
    expect(block).toContain('WHATSAPP_API_URL=http://localhost:3002/v21.0');
    return line.replace(/\s*&\s*$/, '').replaceAll('3002', String(port));
  }

  async function freePort(): Promise<number> {
    return new Promise((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
  }

  it('takes every sample, the photos and documents too, and stays up: no webhook call answers 503', async () => {
    const port = await freePort();
    const standIn = spawn('sh', ['-c', readmeStandIn(port)], { cwd: path.resolve(EXAMPLE_DIR, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    standIn.stdout!.on('data', (chunk) => (printed += chunk));
    standIn.stderr!.on('data', (chunk) => (printed += chunk));
    let local: Receiver | undefined;
    try {
      for (let tries = 0; ; tries += 1) {
        // Listening: a connection is taken (nothing is asked of it yet).
        const answered = await new Promise<boolean>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); }).on('error', () => resolve(false));
        });
        if (answered) break;
        expect(standIn.exitCode, printed).toBeNull();
        expect(tries).toBeLessThan(200);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      local = await startReceiver({ ...receiverEnv(`${api.url}/graphql`), WHATSAPP_API_URL: `http://127.0.0.1:${port}/v21.0`, WHATSAPP_ACCESS_TOKEN: 'local' });
      // In the README's order: a complaint first, then the photo its sender sends; the village-name complaint before its letter.
      const order = ['valid-complaint', 'village-name', 'status-query', 'missing-part', 'invalid-nik', 'image-with-caption',
        'image-without-complaint', 'document-pdf', 'document-too-large', 'document-unsupported', 'status-update', 'multiple-messages'];
      expect(readdirSync(SAMPLES).filter((f) => !f.startsWith('malformed')).sort()).toEqual(order.map((n) => `${n}.json`).sort());
      const statuses: Record<string, number> = {};
      // Messages of their own (new wamids): the ones above already filed and attached these samples under theirs.
      const fresh = (name: string) => {
        const payload = JSON.parse(sample(`${name}.json`));
        for (const entry of payload.entry) for (const change of entry.changes) for (const message of change.value.messages ?? []) message.id = `${message.id}.standin`;
        return JSON.stringify(payload);
      };
      for (const name of order) statuses[name] = (await post(fresh(name), { to: local })).status;
      expect(statuses).toEqual(Object.fromEntries(order.map((name) => [name, 200])));
      expect(standIn.exitCode, printed).toBeNull();
      // Every reply printed: the photo and the letter attached from the files it served, the 15 MB scan refused by its size.
      expect(printed).toMatch(/^6281290000101 ← Foto Anda sudah kami lampirkan pada pengaduan ADU-/m);
      expect(printed).toMatch(/^6281290000102 ← Berkas Anda sudah kami lampirkan pada pengaduan ADU-\S+ sebagai surat keterangan \(PDF/m);
      expect(printed).toMatch(/^6281290000102 ← Maaf, berkas Anda terlalu besar \(15 MB\)/m);
    } finally {
      await local?.stop();
      if (standIn.exitCode === null) standIn.kill('SIGTERM');
    }
  });
});
