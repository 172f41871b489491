import { createClient } from '@aduan/sdk';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand, readComplaint } from '../../examples/whatsapp-intake/src/message-format';
import { categoryOf } from '../../examples/whatsapp-intake/src/categories';
import { VillageDirectory } from '../../examples/whatsapp-intake/src/villages';
import { toGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
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

const db = useTestDatabase('demo');
const api = useTestServer(db);
const graph = new FakeGraphApi();
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
    expect(await villages.lookup('Jl. Gegerkalong Hilir 12, RT 03/RW 07, Kel. Gegerkalong, Kec. Sukasari, Kota Bandung')).toEqual({ kind: 'found', code: '32.73.01.1003' });
    expect(await villages.lookup('Desa/Kel Sadangserang, Kota Bandung')).toEqual({ kind: 'found', code: '32.73.02.1003' });
    expect(await villages.lookup('Karah, Jambangan, Surabaya, Jawa Timur')).toEqual({ kind: 'found', code: '35.78.02.1002' });
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
      expect(text).toContain('Kategori: bantuan tidak diterima');
      expect(text).toContain('Desa/kelurahan: Sarijadi (32.73.01.1001)');
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
      expect(stored[0]).toMatchObject({ channel_code: 'WHATSAPP', region_code: '32.73.01.1003', program_code: 'BPNT', category: 'FAILED_TRANSFER', complainant_name: 'Ujang Saepudin' });
      const [text] = graph.textsTo('6281290000102');
      expect(text).toContain(stored[0].tracking_code);
      expect(text).toContain('Desa/kelurahan: Gegerkalong (32.73.01.1003)');
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

    it('image-message: answers that only text is read, with the format', async () => {
      expect((await post(sample('image-message.json'))).status).toBe(200);
      const [text] = graph.textsTo('6281290000106');
      expect(text).toMatch(/^Maaf, layanan ini hanya membaca pesan teks/);
      expect(text).toContain('Nama#NIK#Alamat#Aduan');
      expect(await complaintsFrom('+6281290000106')).toEqual([]);
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
      expect(yatiText).toContain('Kategori: jumlah atau mutu bantuan');

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
      expect(text).toContain('Kategori: pungutan liar');
      expect(await complaintsFrom('+6281290000124')).toEqual([expect.objectContaining({ category: 'ILLEGAL_LEVY', confidential: true, subject_nik: null })]);
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
              for (const nik of (message.text?.body ?? '').replace(/[ .-]/g, '').match(/\d{12,16}/g) ?? []) secrets.add(nik);
            }
          }
        }
      }
      for (const phone of ['6281290000111', '6281290000121', '3273019902900001', '60123456789']) secrets.add(phone);
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
