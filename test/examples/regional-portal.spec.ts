import exifr from 'exifr';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentTickets, TICKET_LIFETIME_MS } from '../../examples/regional-portal/src/attachment-ticket';
import { cleanFileName, refusalMessage } from '../../examples/regional-portal/src/attachments';
import { boundaryOf, MultipartError, parseMultipart } from '../../examples/regional-portal/src/multipart';
import { LocalEvidenceStorage } from '../../server/src/evidence/storage/local-storage';
import { toGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { storedEvidence } from '../support/evidence';
import { useTestServer } from '../support/server';
import { onDisk, pdfLetter, photoWithGps, removeFilesOnDisk, sha256, smallPng, storedBytes, timelineSize } from './regional-portal-files';
import { launchChromium, recordTraffic, ROOT, startPortal, type Exchange, type Portal } from './regional-portal-harness';

/**
 * examples/regional-portal end to end: the built portal, in front of the real
 * Aduan server over a demo database, driven by a real headless Chromium as a
 * citizen would use it. The portal holds its client secret and token on its
 * side; the last test checks that nothing the browser received carries either.
 */

// Aduan's evidence store for this file, so the test can read back what was stored. Registered before
// the server, whose own beforeAll hands it to Aduan.
let evidenceRoot = '';
let storage: LocalEvidenceStorage;
beforeAll(async () => {
  evidenceRoot = await mkdtemp(path.join(os.tmpdir(), 'aduan-portal-evidence-'));
  storage = new LocalEvidenceStorage(path.join(evidenceRoot, 'evidence'));
  await storage.check();
});
afterAll(async () => {
  if (evidenceRoot) await rm(evidenceRoot, { recursive: true, force: true });
  await removeFilesOnDisk();
});

const db = useTestDatabase('demo');
const aduan = useTestServer(db, { evidenceStorage: () => storage });

const PORTAL_CLIENT_ID = 'demo-portal-3273';
const PORTAL_SECRET = 'demo-portal-3273-secret';
const SCREENSHOTS = path.join(ROOT, 'test-results/regional-portal');
const TRACKING_CODE = /^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/;

let portal: Portal;
let browser: Browser;
let context: BrowserContext;
let traffic: ReturnType<typeof recordTraffic>;

beforeAll(async () => {
  // The portal's defaults are the demo client: only where Aduan is and the port are given,
  // as `npm start -w examples/regional-portal` would run it next to `npm start`.
  portal = await startPortal({ ADUAN_URL: `${aduan.url}/graphql`, PORT: '0', HOST: undefined, ADUAN_CLIENT_ID: undefined, ADUAN_CLIENT_SECRET: undefined });
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1000, height: 900 } });
  traffic = recordTraffic(context);
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

interface Complaint {
  program: string;
  category: string;
  subdistrict: string;
  village: string;
  occurredOn: string;
  description: string;
  name: string;
  phone: string;
  nik: string;
  anonymous: boolean;
  confidential: boolean;
}

const VALID: Complaint = {
  program: 'PKH',
  category: 'NOT_RECEIVED',
  subdistrict: 'Coblong',
  village: 'Dago',
  occurredOn: '2026-10-15',
  description: 'Sudah tiga bulan bantuan PKH tidak masuk ke rekening KKS keluarga kami, padahal tetangga sudah menerima.',
  name: 'Siti Aminah',
  phone: '0812-3456-7890',
  nik: '3273014507850001',
  anonymous: false,
  confidential: true,
};

async function complaintCount(): Promise<number> {
  const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM complaints`);
  return count;
}

/** Picks a kecamatan, then waits for the village picker's script to fill the kelurahan list, and picks one. */
async function pickVillage(page: Page, subdistrict: string, village: string): Promise<void> {
  await page.selectOption('#subdistrictCode', { label: subdistrict });
  await page.waitForFunction((name) => {
    const select = document.querySelector<HTMLSelectElement>('#regionCode')!;
    return !select.disabled && [...select.options].some((o) => o.textContent === name);
  }, village);
  await page.selectOption('#regionCode', { label: village });
}

async function fillComplaint(page: Page, complaint: Complaint): Promise<void> {
  await page.selectOption('#programCode', complaint.program);
  await page.selectOption('#category', complaint.category);
  await pickVillage(page, complaint.subdistrict, complaint.village);
  await page.fill('#occurredOn', complaint.occurredOn);
  await page.fill('#description', complaint.description);
  await page.fill('#name', complaint.name);
  await page.fill('#phone', complaint.phone);
  await page.fill('#nik', complaint.nik);
  await page.setChecked('#anonymous', complaint.anonymous);
  await page.setChecked('#confidential', complaint.confidential);
}

async function submit(page: Page, waitFor: string): Promise<void> {
  await page.click('button.button-primary[type="submit"]');
  await page.waitForSelector(waitFor);
}

/** The response the browser got for the page it shows now (the last document it loaded). */
async function lastDocument(): Promise<Exchange> {
  const documents = (await traffic.exchanges()).filter((e) => e.responseHeaders['content-type']?.startsWith('text/html'));
  return documents.at(-1)!;
}

/** Files a complaint through the form, as the tests above do, and answers its tracking code and row id. */
async function fileComplaint(page: Page, description: string): Promise<{ trackingCode: string; id: string }> {
  await page.goto(portal.url);
  await fillComplaint(page, { ...VALID, description });
  await submit(page, '#tracking-code');
  const trackingCode = (await page.textContent('#tracking-code'))!.trim();
  const [row] = await db.dataSource.query('SELECT id FROM complaints WHERE tracking_code = $1', [trackingCode]);
  return { trackingCode, id: row.id };
}

/** The evidence rows of a complaint, with the client that attached each. */
const evidenceOf = (complaintId: string) => storedEvidence(db.dataSource, { id: complaintId });

/** The EVIDENCE_ATTACHED events of a complaint, with who made them. */
async function attachmentEvents(complaintId: string): Promise<{ visibility: string; message: string; data: unknown; occurred_at: Date; actor_client: string; actor_is_portal: boolean }[]> {
  return db.dataSource.query(
    `SELECT ev.visibility, ev.message, ev.data, ev.occurred_at, c.client_id AS actor_client, ev.actor_organisation_id = c.organisation_id AS actor_is_portal
       FROM complaint_events ev LEFT JOIN api_clients c ON c.id = ev.actor_client_id
      WHERE ev.complaint_id = $1 AND ev.type = 'EVIDENCE_ATTACHED' ORDER BY ev.seq`,
    [complaintId],
  );
}

/** Closes a page once every response it got is recorded: the recorder reads headers from the live page. */
async function closeWhenRecorded(page: Page): Promise<void> {
  await traffic.exchanges();
  await page.close();
}

/** The file sizes the portal shows a citizen (under 1 MB here): `245 KB`. */
const shownSize = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Chooses files in "Lampirkan bukti" and sends them with the page's script; answers each file's notice. */
async function attachWithScript(page: Page, paths: string[], notices: number): Promise<{ attached: boolean; text: string }[]> {
  await page.setInputFiles('#berkas', paths);
  await page.click('form.attachment-form button[type="submit"]');
  await page.waitForFunction((n) => document.querySelectorAll('.attachment-outcome').length === n
    && !document.querySelector<HTMLButtonElement>('form.attachment-form button[type="submit"]')!.disabled, notices);
  return page.$$eval('.attachment-outcome', (shown) => shown.map((n) => ({ attached: (n as HTMLElement).dataset.attached === 'true', text: n.textContent!.trim() })));
}

async function listedFiles(page: Page): Promise<{ name: string; meta: string }[]> {
  return page.$$eval('#attachment-list li', (items) => items.map((li) => ({ name: li.querySelector('.file-name')!.textContent!, meta: li.querySelector('.file-meta')!.textContent! })));
}

const MISMATCH = 'Isi berkas tidak sesuai dengan jenisnya (misalnya berkas teks yang namanya diganti menjadi .jpg). Lampirkan foto JPEG, PNG, atau WebP, atau berkas PDF yang asli.';
const WIB_TIME = /\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB/;

describe('the regional portal in a browser', () => {
  it('files a valid complaint: kecamatan then kelurahan through the picker, the tracking code shown large', async () => {
    const page = await context.newPage();
    await page.goto(portal.url);
    expect(await page.title()).toContain('Sampaikan pengaduan');

    await fillComplaint(page, VALID);
    // The kelurahan came from the portal's JSON endpoint, and are the demo data's kelurahan of Coblong.
    const subdistrictCode = await page.inputValue('#subdistrictCode');
    const villageCode = await page.inputValue('#regionCode');
    const expectedVillages: { name: string }[] = await db.dataSource.query(`SELECT name FROM regions WHERE parent_code = $1 ORDER BY code`, [subdistrictCode]);
    const shownVillages = await page.$$eval('#regionCode option', (options) => (options as HTMLOptionElement[]).filter((o) => o.value).map((o) => o.textContent));
    expect(shownVillages).toEqual(expectedVillages.map((v) => v.name));
    expect((await traffic.exchanges()).some((e) => e.url.endsWith(`/api/kelurahan?kecamatan=${subdistrictCode}`) && e.status === 200)).toBe(true);
    expect(await page.textContent('#description-count')).toBe(`${VALID.description.length}/4000 karakter`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'form-filled.png'), fullPage: true });

    const before = await complaintCount();
    await submit(page, '#tracking-code');
    const trackingCode = (await page.textContent('#tracking-code'))!.trim();
    expect(trackingCode).toMatch(TRACKING_CODE);
    expect(await page.textContent('#acknowledgement')).toContain(`Pengaduan Anda telah kami terima dengan nomor ${trackingCode}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'success.png'), fullPage: true });

    // Filed once, through the web portal channel, in the chosen kelurahan, by the portal's organisation.
    expect(await complaintCount()).toBe(before + 1);
    const rows = await db.dataSource.query(
      `SELECT c.channel_code, c.region_code, c.program_code, c.category, c.confidential, c.anonymous, c.complainant_nik, c.occurred_on::text AS occurred_on,
              c.status, c.current_tier, c.submitted_by_organisation_id = a.organisation_id AS by_portal_organisation,
              c.submitted_by_client_id = a.id AS by_portal_client
         FROM complaints c CROSS JOIN api_clients a
        WHERE c.tracking_code = $1 AND a.client_id = $2`,
      [trackingCode, PORTAL_CLIENT_ID],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel_code: 'WEB_PORTAL', region_code: villageCode, program_code: 'PKH', category: 'NOT_RECEIVED',
      confidential: true, anonymous: false, complainant_nik: VALID.nik, occurred_on: VALID.occurredOn,
      by_portal_organisation: true, by_portal_client: true,
    });
    expect(villageCode).toMatch(/^32\.73\.02\.\d{4}$/);

    // The tracker, as the person would use it: type the code, see where it stands in Bahasa Indonesia.
    await page.click('nav a[href="/lacak"]');
    await page.fill('#kode', trackingCode.toLowerCase());
    await page.click('form.tracking-form button[type="submit"]');
    await page.waitForSelector('#status-label');
    expect(rows[0].status).toBe('RECEIVED');
    expect((await page.textContent('#status-label'))!.trim()).toBe('Diterima');
    const tierLabels: Record<string, string> = { VILLAGE: 'Pemerintah desa/kelurahan', DISTRICT: 'Dinas Sosial kabupaten/kota' };
    expect((await page.textContent('#tier-label'))!.trim()).toBe(tierLabels[rows[0].current_tier]);
    expect(await page.textContent('.status dl')).toMatch(/\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB/);
    expect(await page.textContent('#status-title')).toBe(trackingCode);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tracking.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('shows the server\'s refusals next to the fields, keeps everything typed, files nothing; escapes what was typed', async () => {
    const page = await context.newPage();
    await page.goto(portal.url);
    const typed: Complaint = {
      ...VALID,
      category: 'ILLEGAL_LEVY',
      subdistrict: 'Sukajadi',
      village: 'Pasteur',
      description: 'Diminta Rp50.000 saat pencairan. <script>window.__xss = "script"</script><img src="x" onerror="window.__xss = \'img\'">\nBaris kedua.',
      name: 'Budi <b>Santoso</b>',
      // 16 digits, so the browser lets it through; month 13 in the birth date, so Aduan refuses it.
      nik: '3273011513850001',
      // Digits, so the browser lets it through; not a number Aduan can reach.
      phone: '0000000000',
      anonymous: true,
      confidential: false,
    };
    await fillComplaint(page, typed);
    const key = await page.inputValue('input[name="idempotencyKey"]');
    const before = await complaintCount();

    await submit(page, '#nik-error');
    expect(await page.textContent('#nik-error')).toBe('Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak valid.');
    expect(await page.textContent('#phone-error')).toContain('Nomor telepon tidak valid');
    expect(await page.textContent('#form-error')).toContain('Pengaduan belum terkirim');
    expect(await page.getAttribute('#nik', 'aria-invalid')).toBe('true');
    expect(await page.$('#name-error')).toBeNull();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'validation-errors.png'), fullPage: true });

    // Everything typed is back, exactly; the same key, since nothing was filed.
    expect(await page.inputValue('#programCode')).toBe(typed.program);
    expect(await page.inputValue('#category')).toBe(typed.category);
    expect(await page.$eval('#subdistrictCode', (s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe(typed.subdistrict);
    expect(await page.$eval('#regionCode', (s: HTMLSelectElement) => s.selectedOptions[0].textContent)).toBe(typed.village);
    expect(await page.inputValue('#occurredOn')).toBe(typed.occurredOn);
    expect(await page.inputValue('#description')).toBe(typed.description);
    expect(await page.inputValue('#name')).toBe(typed.name);
    expect(await page.inputValue('#phone')).toBe(typed.phone);
    expect(await page.inputValue('#nik')).toBe(typed.nik);
    expect(await page.isChecked('#anonymous')).toBe(true);
    expect(await page.isChecked('#confidential')).toBe(false);
    expect(await page.inputValue('input[name="idempotencyKey"]')).toBe(key);
    expect(await complaintCount()).toBe(before);

    // What was typed came back as text: no markup of the person's made it into the page.
    const refused = await lastDocument();
    expect(refused.method).toBe('POST');
    expect(refused.status).toBe(422);
    expect(refused.body).not.toContain('<script>window.__xss');
    expect(refused.body).not.toContain('<img src="x"');
    expect(refused.body).not.toContain('<b>Santoso</b>');
    expect(refused.body).toContain('&lt;script&gt;window.__xss');
    expect(await page.evaluate(() => (window as { __xss?: string }).__xss)).toBeUndefined();

    // Corrected, it goes through, and the success page echoes the description as text too.
    await page.fill('#nik', '3273015507900002');
    await page.fill('#phone', '+62 812 3456 7891');
    await submit(page, '#tracking-code');
    const trackingCode = (await page.textContent('#tracking-code'))!.trim();
    expect(trackingCode).toMatch(TRACKING_CODE);
    expect(await complaintCount()).toBe(before + 1);
    expect(await page.textContent('#summary-description')).toBe(typed.description);
    expect(await page.$$('#summary-description *')).toHaveLength(0);
    const filed = await lastDocument();
    expect(filed.body).not.toContain('<script>window.__xss');
    expect(filed.body).toContain('&lt;img src=&quot;x&quot; onerror=');
    expect(await page.evaluate(() => (window as { __xss?: string }).__xss)).toBeUndefined();
    const [row] = await db.dataSource.query(`SELECT description, complainant_name, anonymous FROM complaints WHERE tracking_code = $1`, [trackingCode]);
    expect(row).toEqual({ description: typed.description, complainant_name: typed.name, anonymous: true });
    await page.close();
  }, 60_000);

  it('files one complaint however often the same form is sent: two at once, the button, and a refresh', async () => {
    const page = await context.newPage();
    await page.goto(portal.url);
    await fillComplaint(page, { ...VALID, description: 'Bantuan BPNT bulan ini belum diterima; dikirim dua kali oleh pelapor yang tidak sabar.', program: 'BPNT' });
    const before = await complaintCount();

    // The same form posted twice at the same moment, from the page, as a double click on a slow line would.
    const twice = await page.evaluate(async () => {
      const body = new URLSearchParams(new FormData(document.querySelector<HTMLFormElement>('form.complaint-form')!) as unknown as Record<string, string>);
      const send = () => fetch('/', { method: 'POST', body }).then(async (r) => ({ status: r.status, html: await r.text() }));
      return Promise.all([send(), send()]);
    });
    const codes = twice.map((answer) => /id="tracking-code">([^<]+)</.exec(answer.html)?.[1]);
    expect(twice.map((answer) => answer.status)).toEqual([200, 200]);
    expect(codes[0]).toMatch(TRACKING_CODE);
    expect(codes[1]).toBe(codes[0]);

    // Then the button, and a refresh of the answer page, which posts the form again.
    await submit(page, '#tracking-code');
    expect((await page.textContent('#tracking-code'))!.trim()).toBe(codes[0]);
    const posts = async () => (await traffic.exchanges()).filter((e) => e.method === 'POST' && e.url === `${portal.url}/`).length;
    const postsBeforeReload = await posts();
    await page.reload();
    await page.waitForSelector('#tracking-code');
    expect(await posts()).toBe(postsBeforeReload + 1);
    expect((await page.textContent('#tracking-code'))!.trim()).toBe(codes[0]);

    expect(await complaintCount()).toBe(before + 1);
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM complaints WHERE tracking_code = $1`, [codes[0]]);
    expect(count).toBe(1);
    await page.close();
  }, 60_000);

  it('says "tidak ditemukan" for an unknown code on /lacak', async () => {
    const unknown = 'ADU-ZZZZ-ZZZ2';
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM complaints WHERE tracking_code = $1`, [unknown]);
    expect(count).toBe(0);
    const page = await context.newPage();
    const response = await page.goto(`${portal.url}/lacak?kode=${unknown}`);
    expect(response!.status()).toBe(404);
    expect(await page.textContent('#not-found')).toContain(`Kode pengaduan ${unknown} tidak ditemukan`);
    expect(await page.$('#status-label')).toBeNull();
    await page.close();
  });

  it('works without JavaScript: the server draws the kelurahan of the chosen kecamatan, keeping what was typed', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'id-ID' });
    const plainTraffic = recordTraffic(plain);
    try {
      const page = await plain.newPage();
      await page.goto(portal.url);
      expect(await page.isDisabled('#regionCode')).toBe(true);
      await page.fill('#name', 'Ujang');
      await page.selectOption('#subdistrictCode', { label: 'Sukasari' });
      await page.click('button[value="pilih-kecamatan"]');
      await page.waitForSelector('#regionCode:not([disabled])');
      const subdistrictCode = await page.inputValue('#subdistrictCode');
      const expected: { name: string }[] = await db.dataSource.query(`SELECT name FROM regions WHERE parent_code = $1 ORDER BY code`, [subdistrictCode]);
      const villages = await page.$$eval('#regionCode option', (options) => (options as HTMLOptionElement[]).filter((o) => o.value).map((o) => o.textContent));
      expect(villages.length).toBeGreaterThan(0);
      expect(villages).toEqual(expected.map((v) => v.name));
      expect(await page.inputValue('#name')).toBe('Ujang');
      expect(await page.$('.field-error')).toBeNull();
      // The secret and token checks below cover this context too.
      for (const exchange of await plainTraffic.exchanges()) expectNoCredentials(exchange);
    } finally {
      await plain.close();
    }
  }, 60_000);

  it('tells the person, in words, when Aduan cannot be reached, and keeps what they typed', async () => {
    // A port nothing listens on: taken and released, so the connection is refused.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const cutOff = await startPortal({ ADUAN_URL: `http://127.0.0.1:${closedPort}/graphql`, PORT: '0', HOST: undefined });
    try {
      const page = await context.newPage();
      const form = await page.goto(cutOff.url);
      expect(form!.status()).toBe(503);
      expect(await page.textContent('.notice')).toContain('Layanan pengaduan sedang tidak dapat dihubungi');

      const tracking = await page.goto(`${cutOff.url}/lacak?kode=ADU-7K3M-9Q2X`);
      expect(tracking!.status()).toBe(503);
      expect(await page.textContent('.notice')).toContain('tidak dapat dihubungi');
      expect(await page.inputValue('#kode')).toBe('ADU-7K3M-9Q2X');

      // A form sent just as Aduan went away: it comes back with every answer and the same key.
      await page.setContent(`<form method="post" action="${cutOff.url}/">
        <input name="idempotencyKey" value="kunci-uji-1"><input name="programCode" value="PKH"><input name="category" value="NOT_RECEIVED">
        <input name="subdistrictCode" value="32.73.01"><input name="regionCode" value="32.73.01.1001">
        <input name="description" value="Bantuan belum diterima &lt;i&gt;sama sekali&lt;/i&gt;."><input name="name" value="Ujang"><input name="phone" value="081234567890">
        <button>kirim</button></form>`);
      await page.click('button');
      await page.waitForSelector('#form-error');
      expect(await page.textContent('#form-error')).toContain('Layanan pengaduan sedang tidak dapat dihubungi');
      expect(await page.inputValue('#description')).toBe('Bantuan belum diterima <i>sama sekali</i>.');
      expect(await page.inputValue('#name')).toBe('Ujang');
      expect(await page.inputValue('#programCode')).toBe('PKH');
      expect(await page.inputValue('#regionCode')).toBe('32.73.01.1001');
      expect(await page.inputValue('input[name="idempotencyKey"]')).toBe('kunci-uji-1');
      expect((await lastDocument()).status).toBe(503);
      // The portal logged what failed, and nothing the person typed.
      expect(cutOff.log()).toContain('NETWORK_ERROR');
      expect(cutOff.log()).not.toContain('Ujang');
      expect(cutOff.log()).not.toContain('081234567890');
      await page.close();
    } finally {
      await cutOff.stop();
    }
  }, 60_000);

  it('attaches a photo to the complaint just filed: stored without its GPS position, on the timeline by who/when/type/size; a text file renamed .jpg is refused in words', async () => {
    const page = await context.newPage();
    const complaint = await fileComplaint(page, 'Rumah kami rusak dan tidak layak huni, tetapi kami dicoret dari daftar PKH tahun ini. Foto rumah kami lampirkan.');
    expect(await page.textContent('#attachment-empty')).toBe('Belum ada berkas yang dilampirkan.');
    expect(await page.isVisible('#attachment-empty')).toBe(true);

    // A phone photo, with the position of the house in it.
    const photo = await photoWithGps();
    expect(await exifr.gps(photo)).toMatchObject({ latitude: expect.closeTo(-6.885, 2), longitude: expect.closeTo(107.613, 2) });
    expect(photo.length).toBeLessThan(1024 * 1024);
    const files = await onDisk({ 'foto-rumah-dago.jpg': photo, 'catatan.jpg': Buffer.from('Ini catatan biasa, bukan foto: nomor KKS saya hilang.\n') });

    const startedAt = Date.now();
    const notices = await attachWithScript(page, [files['foto-rumah-dago.jpg'], files['catatan.jpg']], 2);
    expect(notices).toEqual([
      { attached: true, text: `foto-rumah-dago.jpg: dilampirkan (Foto, JPEG, ${shownSize(photo.length)}).` },
      { attached: false, text: `catatan.jpg: ${MISMATCH}` },
    ]);
    const [listed, ...more] = await listedFiles(page);
    expect(more).toEqual([]);
    expect(listed.name).toBe('foto-rumah-dago.jpg');
    expect(listed.meta).toMatch(new RegExp(`^Foto · JPEG · ${shownSize(photo.length)} · .+ · disimpan tanpa data lokasi & kamera$`));
    expect(listed.meta).toMatch(WIB_TIME);
    expect(await page.isVisible('#attachment-empty')).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'success-with-attachment.png'), fullPage: true });
    // The portal logs codes, never what a person attached.
    expect(portal.log()).not.toContain('foto-rumah-dago');
    expect(portal.log()).not.toContain('catatan');

    // One request per file, to the portal itself, answered as JSON: 200 for the photo, 422 for the refusal.
    const posts = (await traffic.exchanges()).filter((e) => e.method === 'POST' && e.url === `${portal.url}/lampiran`);
    expect(posts.map((e) => [e.status, e.responseHeaders['content-type']?.split(';')[0]])).toEqual([[200, 'application/json'], [422, 'application/json']]);

    // In Aduan: one evidence row, attached by the portal's client, what was sent recognisable by its size and hash.
    const [stored, ...others] = await evidenceOf(complaint.id);
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      kind: 'PHOTO', content_type: 'image/jpeg', file_name: 'foto-rumah-dago.jpg', metadata_removed: true,
      uploaded_size: photo.length, uploaded_sha256: sha256(photo), attached_by: PORTAL_CLIENT_ID,
    });
    // The refused file left a refused upload (kept for auditors) and nothing else.
    const uploads = await db.dataSource.query('SELECT status, refusal_code FROM evidence_uploads WHERE complaint_id = $1 ORDER BY created_at', [complaint.id]);
    expect(uploads).toEqual([{ status: 'ATTACHED', refusal_code: null }, { status: 'REFUSED', refusal_code: 'CONTENT_TYPE_MISMATCH' }]);

    // The stored photo: the bytes its address names, still a 640×480 JPEG, and no EXIF at all, so no position.
    const kept = await storedBytes(storage, stored.object_sha256);
    expect(sha256(kept)).toBe(stored.object_sha256);
    expect(kept.length).toBe(stored.size);
    expect(await sharp(kept).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    expect(await exifr.gps(kept)).toBeUndefined();
    expect(await exifr.parse(kept, true)).toBeUndefined();

    // The timeline: who (the portal), when, kind, type and size; never the content, its hash or the file's name.
    const [event, ...moreEvents] = await attachmentEvents(complaint.id);
    expect(moreEvents).toEqual([]);
    expect(event).toMatchObject({
      visibility: 'INTERNAL', actor_client: PORTAL_CLIENT_ID, actor_is_portal: true,
      message: `Bukti dilampirkan: foto (JPEG, ${timelineSize(stored.size)}).`,
      data: { evidenceId: stored.id, kind: 'PHOTO', contentType: 'image/jpeg', size: stored.size },
    });
    expect(Object.keys(event.data as object).sort()).toEqual(['contentType', 'evidenceId', 'kind', 'size']);
    expect(event.occurred_at.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(event.occurred_at.getTime()).toBeLessThanOrEqual(Date.now());
    const recorded = JSON.stringify(event);
    for (const secret of ['foto-rumah-dago', stored.uploaded_sha256, stored.object_sha256]) expect(recorded).not.toContain(secret);

    // A refresh of the success page files nothing new, and now lists the attachment from Aduan.
    await page.reload();
    await page.waitForSelector('#tracking-code');
    expect((await page.textContent('#tracking-code'))!.trim()).toBe(complaint.trackingCode);
    expect((await listedFiles(page)).map((f) => f.name)).toEqual(['foto-rumah-dago.jpg']);
    await closeWhenRecorded(page);
  }, 60_000);

  it('says why in words when a file is too large or the complaint has its 10 files; a file over 10 MB is never sent', async () => {
    const page = await context.newPage();
    const complaint = await fileComplaint(page, 'Bantuan BPNT tidak diterima sejak Juni; kami lampirkan foto kartu dan buku tabungan.');
    const pngs = await Promise.all(Array.from({ length: 11 }, (_, i) => smallPng(i * 20)));
    const files = await onDisk({
      ...Object.fromEntries(pngs.map((png, i) => [`kartu-${i + 1}.png`, png])),
      // One byte over Aduan's 10 MB limit, with a name that says JPEG.
      'video-besar.jpg': Buffer.alloc(10 * 1024 * 1024 + 1, 0xff),
    });

    const ten = await attachWithScript(page, Array.from({ length: 10 }, (_, i) => files[`kartu-${i + 1}.png`]), 10);
    expect(ten.every((notice) => notice.attached)).toBe(true);
    expect(ten[0].text).toBe(`kartu-1.png: dilampirkan (Foto, PNG, ${shownSize(pngs[0].length)}).`);
    expect(await listedFiles(page)).toHaveLength(10);

    const postsBefore = (await traffic.exchanges()).filter((e) => e.url === `${portal.url}/lampiran`).length;
    const refused = await attachWithScript(page, [files['video-besar.jpg'], files['kartu-11.png']], 2);
    expect(refused).toEqual([
      { attached: false, text: 'video-besar.jpg: Berkas terlalu besar: paling besar 10 MB per berkas. Perkecil ukuran foto, atau pindai surat dengan resolusi lebih rendah.' },
      { attached: false, text: 'kartu-11.png: Pengaduan ini sudah memiliki 10 lampiran, jumlah paling banyak. Bukti lainnya dapat Anda serahkan kepada petugas saat verifikasi.' },
    ]);
    // Only the PNG went out: the browser checked the size first.
    expect((await traffic.exchanges()).filter((e) => e.url === `${portal.url}/lampiran`).length).toBe(postsBefore + 1);
    expect(await evidenceOf(complaint.id)).toHaveLength(10);
    expect(await attachmentEvents(complaint.id)).toHaveLength(10);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'attachment-limit.png'), fullPage: true });
    await closeWhenRecorded(page);
  }, 90_000);

  it('attaches a PDF letter without JavaScript: a plain form, answered with a page; sending it again attaches nothing twice', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'id-ID', viewport: { width: 1000, height: 900 } });
    const plainTraffic = recordTraffic(plain);
    try {
      const page = await plain.newPage();
      await page.goto(portal.url);
      await page.selectOption('#programCode', 'PKH');
      await page.selectOption('#category', 'DATA_ERROR');
      await page.selectOption('#subdistrictCode', { label: 'Coblong' });
      await page.click('button[value="pilih-kecamatan"]');
      await page.waitForSelector('#regionCode:not([disabled])');
      await page.selectOption('#regionCode', { label: 'Dago' });
      await page.fill('#description', 'Nama saya tertulis salah di data penerima PKH; surat keterangan dari RT kami lampirkan.');
      await page.fill('#name', 'Siti Aminah');
      await page.fill('#phone', '081234567801');
      await submit(page, '#tracking-code');
      const trackingCode = (await page.textContent('#tracking-code'))!.trim();
      const [{ id: complaintId }] = await db.dataSource.query('SELECT id FROM complaints WHERE tracking_code = $1', [trackingCode]);

      const letter = pdfLetter();
      const files = await onDisk({ 'surat-keterangan-rt.pdf': letter });
      await page.setInputFiles('#berkas', files['surat-keterangan-rt.pdf']);
      await page.click('form.attachment-form button[type="submit"]');
      await page.waitForSelector('.attachment-outcome');
      expect(await page.title()).toContain(`Lampiran pengaduan ${trackingCode}`);
      expect((await page.textContent('#tracking-code'))!.trim()).toBe(trackingCode);
      expect((await page.textContent('.attachment-outcome'))!.trim()).toBe(`surat-keterangan-rt.pdf: dilampirkan (Surat keterangan, PDF, ${shownSize(letter.length)}).`);
      expect(await listedFiles(page)).toEqual([{ name: 'surat-keterangan-rt.pdf', meta: expect.stringMatching(new RegExp(`^Surat keterangan · PDF · ${shownSize(letter.length)} · `)) }]);
      const answered = (await plainTraffic.exchanges()).filter((e) => e.url === `${portal.url}/lampiran`);
      expect(answered.map((e) => [e.status, e.responseHeaders['content-type']?.split(';')[0], e.requestHeaders['content-type']?.split(';')[0]]))
        .toEqual([[200, 'text/html', 'multipart/form-data']]);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'attachment-without-javascript.png'), fullPage: true });

      // A refresh posts the same form again: the same batch key, so Aduan answers the letter it already has.
      await page.reload();
      await page.waitForSelector('.attachment-outcome');
      expect((await page.textContent('.attachment-outcome'))!.trim()).toContain('dilampirkan');
      const stored = await evidenceOf(complaintId);
      expect(stored).toEqual([expect.objectContaining({
        kind: 'LETTER', content_type: 'application/pdf', file_name: 'surat-keterangan-rt.pdf', metadata_removed: false,
        uploaded_sha256: sha256(letter), size: letter.length, attached_by: PORTAL_CLIENT_ID,
      })]);
      expect(await storedBytes(storage, stored[0].object_sha256)).toEqual(letter);
      expect(await attachmentEvents(complaintId)).toEqual([expect.objectContaining({ message: `Bukti dilampirkan: surat (PDF, ${timelineSize(letter.length)}).`, actor_client: PORTAL_CLIENT_ID })]);

      // More than 10 MB in one plain form: refused by the portal from its length, in words, and nothing reaches Aduan.
      const big = await onDisk({ 'pindaian-besar.pdf': Buffer.concat([letter, Buffer.alloc(10 * 1024 * 1024 + 70 * 1024, 0x20)]) });
      await page.setInputFiles('#berkas', big['pindaian-besar.pdf']);
      await page.click('form.attachment-form button[type="submit"]');
      await page.waitForSelector('#attachment-problem');
      expect(await page.textContent('#attachment-problem')).toMatch(/^Berkas terlalu besar: paling besar 10 MB per berkas/);
      expect((await plainTraffic.exchanges()).filter((e) => e.url === `${portal.url}/lampiran`).at(-1)!.status).toBe(413);
      expect(await evidenceOf(complaintId)).toHaveLength(1);

      for (const exchange of await plainTraffic.exchanges()) expectNoCredentials(exchange);
    } finally {
      await plain.close();
    }
  }, 90_000);

  it('attaches only with the ticket of the page that filed the complaint: a tracking code, a forged or altered ticket get nothing', async () => {
    const page = await context.newPage();
    const complaint = await fileComplaint(page, 'PKH tahap 3 belum cair; pendamping tidak dapat dihubungi.');
    const ticket = await page.inputValue('input[name="tiket"]');
    const send = (fields: Record<string, string>) => page.evaluate(async (form) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(form)) body.set(name, value);
      body.set('berkas', new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'foto.jpg', { type: 'image/jpeg' }));
      const response = await fetch('/lampiran', { method: 'POST', body, headers: { accept: 'application/json' } });
      return { status: response.status, body: await response.json() };
    }, fields);

    const refusals = [
      await send({ tiket: complaint.trackingCode }),
      await send({ tiket: `${ticket.slice(0, -3)}${ticket.endsWith('AAA') ? 'BBB' : 'AAA'}` }), // never the ticket itself
      // Another complaint's id in a ticket the portal did not sign.
      await send({ tiket: `${Buffer.from(JSON.stringify({ c: 'Q29tcGxhaW50OjE', k: complaint.trackingCode, e: Date.now() + 60_000 })).toString('base64url')}.${ticket.split('.')[1]}` }),
      await send({}),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(403);
      expect(refusal.body).toMatchObject({ problem: expect.stringMatching(/^Formulir lampiran ini tidak sah/), outcomes: [] });
    }
    // A body that is not a form at all.
    const notMultipart = await page.evaluate(async () => {
      const response = await fetch('/lampiran', { method: 'POST', body: 'tiket=x', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' } });
      return { status: response.status, body: await response.json() };
    });
    expect(notMultipart).toEqual({ status: 400, body: expect.objectContaining({ problem: expect.stringMatching(/^Kiriman berkas tidak terbaca/) }) });
    expect(await evidenceOf(complaint.id)).toEqual([]);
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM evidence_uploads WHERE complaint_id = $1', [complaint.id]);
    expect(n).toBe(0);
    await closeWhenRecorded(page);
  }, 60_000);

  it('a form sent again with the same files attaches nothing twice; with other files (Back, choose, send) attaches them', async () => {
    const page = await context.newPage();
    const complaint = await fileComplaint(page, 'Nama ibu saya hilang dari daftar penerima BPNT bulan ini.');
    const ticket = await page.inputValue('input[name="tiket"]');
    const batch = await page.inputValue('input[name="kiriman"]');
    const [first, second] = await Promise.all([smallPng(11), smallPng(222)]);
    const send = (png: Buffer, fileName: string) => page.evaluate(async ({ tiket, kiriman, bytes, name }) => {
      const body = new FormData();
      body.set('tiket', tiket);
      body.set('kiriman', kiriman);
      body.set('berkas', new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
      const response = await fetch('/lampiran', { method: 'POST', body, headers: { accept: 'application/json' } });
      return { status: response.status, body: await response.json() };
    }, { tiket: ticket, kiriman: batch, bytes: [...png], name: fileName });

    const answers = [await send(first, 'kartu-depan.png'), await send(first, 'kartu-depan.png'), await send(second, 'kartu-belakang.png')];
    expect(answers.map((a) => [a.status, a.body.outcomes.map((o: { attached: boolean }) => o.attached)])).toEqual([[200, [true]], [200, [true]], [200, [true]]]);
    expect(answers[2].body.files.map((f: { fileName: string }) => f.fileName)).toEqual(['kartu-depan.png', 'kartu-belakang.png']);
    expect((await evidenceOf(complaint.id)).map((e) => [e.file_name, e.uploaded_sha256])).toEqual([['kartu-depan.png', sha256(first)], ['kartu-belakang.png', sha256(second)]]);
    await closeWhenRecorded(page);
  }, 60_000);

  it('a person tracks a complaint the office asked about, answers with code + PIN (a photo too), and sees it move on; a wrong PIN is told in words', async () => {
    const page = await context.newPage();
    const { trackingCode, id } = await fileComplaint(page, 'Bantuan BPNT bulan September belum masuk; agen bilang saldo kosong.');
    const pin = (await page.textContent('#reply-pin'))!.trim();
    expect(pin).toMatch(/^\d{6}$/);
    expect(await page.textContent('#acknowledgement')).toContain(`PIN Anda ${pin}`);
    const [row] = await db.dataSource.query('SELECT current_tier FROM complaints WHERE id = $1', [id]);
    const handler = as(aduan, row.current_tier === 'VILLAGE' ? 'demo-village-3273011001' : 'demo-dinsos-3273');
    const asked = await handler(`mutation ($input: RequestInformationInput!) { requestInformation(input: $input) { userErrors { code message } } }`,
      { input: { complaintId: toGlobalId('Complaint', id), version: 1, message: 'Mohon kirimkan foto kartu KKS Anda.' } });
    expect(asked.body.data.requestInformation.userErrors).toEqual([]);

    await page.goto(`${portal.url}/lacak?kode=${trackingCode}`);
    expect(await page.textContent('#status-label')).toBe('Menunggu kelengkapan data dari pelapor');
    await page.fill('#keterangan', 'Foto kartu KKS saya lampirkan; nomor KK 3273010101010001.');
    await page.fill('#jawab-pin', pin === '000000' ? '111111' : '000000');
    await page.click('form.reply-form button[type="submit"]');
    await page.waitForSelector('#step-error');
    expect(await page.textContent('#step-error')).toContain('PIN salah. Periksa PIN 6 angka pada tanda terima pengaduan Anda; sisa 4 kali percobaan');
    expect(await page.getAttribute('#jawab-pin', 'aria-invalid')).toBe('true');
    // What they typed is kept; nothing changed.
    expect(await page.inputValue('#keterangan')).toBe('Foto kartu KKS saya lampirkan; nomor KK 3273010101010001.');
    expect((await db.dataSource.query('SELECT status, version FROM complaints WHERE id = $1', [id]))[0]).toEqual({ status: 'PENDING_INFO', version: 2 });

    const files = await onDisk({ 'kartu-kks.jpg': await photoWithGps() });
    await page.setInputFiles('#foto', files['kartu-kks.jpg']);
    await page.fill('#jawab-pin', pin);
    await page.click('form.reply-form button[type="submit"]');
    await page.waitForSelector('#step-done');
    expect(await page.textContent('#step-done')).toContain('Jawaban dan foto Anda sudah kami terima');
    expect(await page.textContent('#status-label')).not.toBe('Menunggu kelengkapan data dari pelapor');
    expect(await page.$('#keterangan')).toBeNull();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reply-answered.png'), fullPage: true });
    const events: { type: string; actor_client_id: string | null; data: Record<string, unknown> }[] = await db.dataSource.query(
      'SELECT type, actor_client_id, data FROM complaint_events WHERE complaint_id = $1 AND seq > 2 ORDER BY seq', [id]);
    expect(events.map((e) => [e.type, e.actor_client_id, e.data.byComplainant])).toEqual([['EVIDENCE_ATTACHED', null, true], ['INFORMATION_PROVIDED', null, true]]);
    const [evidence] = await evidenceOf(id);
    expect(await exifr.gps(await storedBytes(storage, evidence.object_sha256))).toBeUndefined();
    await closeWhenRecorded(page);
  }, 60_000);

  it('once resolved, the tracker offers rating and an appeal with the PIN: the appeal’s own code and PIN are shown once', async () => {
    const page = await context.newPage();
    const { trackingCode, id } = await fileComplaint(page, 'Nama ibu saya hilang dari daftar penerima PKH tahun ini.');
    const pin = (await page.textContent('#reply-pin'))!.trim();
    const [row] = await db.dataSource.query('SELECT current_tier FROM complaints WHERE id = $1', [id]);
    const handler = as(aduan, row.current_tier === 'VILLAGE' ? 'demo-village-3273011001' : 'demo-dinsos-3273');
    const resolved = await handler(`mutation ($input: ResolveComplaintInput!) { resolveComplaint(input: $input) { userErrors { code message } } }`,
      { input: { complaintId: toGlobalId('Complaint', id), version: 1, decision: 'NOT_UPHELD', publicResponse: 'Data keluarga Anda tidak memenuhi kriteria PKH tahun ini.' } });
    expect(resolved.body.data.resolveComplaint.userErrors).toEqual([]);

    await page.goto(`${portal.url}/lacak?kode=${trackingCode}`);
    await page.selectOption('#nilai', '2');
    await page.fill('#nilai-pin', pin);
    await page.click('form.rate-form button[type="submit"]');
    await page.waitForSelector('#step-done');
    expect(await page.textContent('#step-done')).toContain('penilaian Anda sudah kami terima');
    expect((await db.dataSource.query('SELECT resolution_rating FROM complaints WHERE id = $1', [id]))[0].resolution_rating).toBe(2);

    await page.fill('#alasan', 'Ibu saya lansia dan tidak punya penghasilan; mohon ditinjau ulang.');
    await page.fill('#banding-pin', pin);
    await page.click('form.appeal-form button[type="submit"]');
    await page.waitForSelector('#appeal-code');
    const appealCode = (await page.textContent('#appeal-code'))!.trim();
    expect(appealCode).toMatch(TRACKING_CODE);
    expect((await page.textContent('#appeal-pin'))!.trim()).toMatch(/^\d{6}$/);
    expect((await db.dataSource.query('SELECT count(*)::int AS n FROM complaints WHERE appeal_of_id = $1', [id]))[0].n).toBe(1);
    await closeWhenRecorded(page);
  }, 60_000);

  it('never sent the browser the client secret, a token or an Authorization header, and the browser never called Aduan', async () => {
    const exchanges = await traffic.exchanges();
    // The pages, the stylesheet, the script, the kelurahan JSON and the posts of the tests above.
    expect(exchanges.length).toBeGreaterThan(20);
    expect(exchanges.some((e) => e.url.includes('/api/kelurahan'))).toBe(true);
    expect(exchanges.some((e) => e.method === 'POST')).toBe(true);
    // The files went to the portal (/lampiran), which passed them on with its token: the browser never saw an upload URL.
    expect(exchanges.filter((e) => e.url.endsWith('/lampiran')).length).toBeGreaterThan(10);
    expect(exchanges.some((e) => e.body.includes('/evidence/uploads/'))).toBe(false);
    for (const exchange of exchanges) {
      expectNoCredentials(exchange);
      // The portal itself, or the cut-off portal of the test above: never Aduan.
      expect(exchange.url, exchange.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
    expect(exchanges.some((e) => e.url.startsWith(aduan.url))).toBe(false);
  });
});

function expectNoCredentials(exchange: Exchange): void {
  const where = `${exchange.method} ${exchange.url}`;
  expect(exchange.body.includes(PORTAL_SECRET), `${where}: body holds the client secret`).toBe(false);
  expect(JWT.test(exchange.body), `${where}: body holds a JWT`).toBe(false);
  for (const [name, value] of Object.entries(exchange.responseHeaders)) {
    expect(name.toLowerCase(), `${where}: response header ${name}`).not.toBe('authorization');
    expect(value.includes(PORTAL_SECRET) || JWT.test(value), `${where}: response header ${name} holds a credential`).toBe(false);
  }
  expect(Object.keys(exchange.requestHeaders).map((h) => h.toLowerCase()), `${where}: request headers`).not.toContain('authorization');
}

describe('attachments, the parts without a browser', () => {
  it('a ticket names one complaint, is refused when altered or signed by another key, and expires after 24 hours', () => {
    let now = Date.parse('2026-11-30T00:00:00Z');
    const tickets = new AttachmentTickets(Buffer.from('portal-signing-key-for-the-tests-0001'), () => now);
    const ticket = tickets.issue('Q29tcGxhaW50OmFiYw', 'ADU-7K3M-9Q2X');
    expect(tickets.read(ticket)).toEqual({ complaintId: 'Q29tcGxhaW50OmFiYw', trackingCode: 'ADU-7K3M-9Q2X', expiresAt: now + TICKET_LIFETIME_MS });
    expect(TICKET_LIFETIME_MS).toBe(24 * 3600 * 1000);
    expect(new AttachmentTickets(Buffer.from('another-portals-key-of-32-chars-00'), () => now).read(ticket)).toBeNull();
    const [payload, signature] = ticket.split('.');
    const other = Buffer.from(JSON.stringify({ c: 'Q29tcGxhaW50Onh5eg', k: 'ADU-7K3M-9Q2X', e: now + TICKET_LIFETIME_MS })).toString('base64url');
    for (const forged of [`${other}.${signature}`, `${payload}.${signature}A`, `${payload}.`, payload, 'ADU-7K3M-9Q2X', `${ticket}.x`, '', undefined, 42]) {
      expect(tickets.read(forged), String(forged)).toBeNull();
    }
    now += TICKET_LIFETIME_MS - 1;
    expect(tickets.read(ticket)).toMatchObject({ trackingCode: 'ADU-7K3M-9Q2X' });
    now += 1;
    expect(tickets.read(ticket)).toBe('expired');
  });

  it('reads multipart bodies as browsers send them, and refuses cut-off or odd ones whole', () => {
    const boundary = '----WebKitFormBoundaryx7QzB2kLm9';
    expect(boundaryOf(`multipart/form-data; boundary=${boundary}`)).toBe(boundary);
    expect(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(boundaryOf('multipart/mixed; boundary=x')).toBeNull();
    expect(boundaryOf('application/x-www-form-urlencoded')).toBeNull();
    expect(boundaryOf(undefined)).toBeNull();

    // Bytes in the file that look like a line break and dashes, but not the boundary.
    const jpeg = Buffer.from([0xff, 0xd8, 0x0d, 0x0a, 0x2d, 0x2d, 0x2d, 0x2d, 0xff, 0xd9]);
    const body = Buffer.concat([
      Buffer.from(`a preamble, ignored\r\n--${boundary}\r\nContent-Disposition: form-data; name="tiket"\r\n\r\nabc.def\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="foto %22rumah%22 ✓.jpg"\r\nContent-Type: image/JPEG\r\n\r\n`),
      jpeg,
      Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="berkas"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from(`\r\n--${boundary}\r\ncontent-disposition: attachment; name="not-a-form-field"\r\n\r\nx\r\n--${boundary}--\r\n`),
    ]);
    const parts = parseMultipart(body, boundary);
    expect(parts.map((p) => ({ ...p, data: [...p.data] }))).toEqual([
      { name: 'tiket', fileName: null, contentType: null, data: [...Buffer.from('abc.def')] },
      { name: 'berkas', fileName: 'foto "rumah" ✓.jpg', contentType: 'image/jpeg', data: [...jpeg] },
      { name: 'berkas', fileName: '', contentType: 'application/octet-stream', data: [] },
    ]);

    const malformed = [
      body.subarray(0, body.length - 40), // the body ends inside a part
      Buffer.from('no boundary at all'),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n`), // no end of headers
      Buffer.from(`--${boundary}junk\r\n`),
      Buffer.from(`--${boundary}\r\nno colon here\r\n\r\nx\r\n--${boundary}--`),
    ];
    for (const bytes of malformed) expect(() => parseMultipart(bytes, boundary), bytes.toString('latin1').slice(0, 60)).toThrow(MultipartError);
    const many = Buffer.from(`${Array.from({ length: 4 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n${i}\r\n`).join('')}--${boundary}--`);
    expect(parseMultipart(many, boundary, 4)).toHaveLength(4);
    expect(() => parseMultipart(many, boundary, 3)).toThrow('more than 3 parts');
  });

  it('names files as Aduan takes them, and says each refusal of an upload in its own words', () => {
    expect(cleanFileName('C:\\Users\\siti\\Pictures\\KTP ibu.jpg')).toBe('KTP ibu.jpg');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('foto\r\n\u0000rumah.jpg')).toBe('fotorumah.jpg');
    expect(cleanFileName('   ')).toBe('berkas');
    expect(cleanFileName(null)).toBe('berkas');
    const long = cleanFileName(`${'a'.repeat(199)}😀.jpg`);
    expect(long).toBe('a'.repeat(199)); // the emoji would be cut in half: left out whole

    const codes = ['UNSUPPORTED_FILE_TYPE', 'CONTENT_TYPE_MISMATCH', 'UNREADABLE_FILE', 'FILE_TOO_LARGE', 'EVIDENCE_LIMIT_REACHED', 'INVALID_TRANSITION', 'NOT_FOUND', 'SIZE_MISMATCH', 'HASH_MISMATCH', 'UPLOAD_URL_EXPIRED', 'UPLOAD_URL_USED', 'UPLOAD_URL_INVALID'] as const;
    const serverText = 'pesan dari server';
    const messages = new Map(codes.map((code) => [code, refusalMessage([{ code, field: ['body'], message: serverText }])]));
    for (const [code, message] of messages) {
      expect(message, code).not.toBe(serverText);
      expect(message, code).toMatch(/^[A-Z][^]*\.$/);
    }
    expect(messages.get('CONTENT_TYPE_MISMATCH')).toBe(MISMATCH);
    expect(messages.get('EVIDENCE_LIMIT_REACHED')).toContain('10 lampiran');
    expect(messages.get('FILE_TOO_LARGE')).toContain('paling besar 10 MB');
    expect(new Set([messages.get('UNSUPPORTED_FILE_TYPE'), messages.get('CONTENT_TYPE_MISMATCH'), messages.get('UNREADABLE_FILE'), messages.get('FILE_TOO_LARGE'), messages.get('EVIDENCE_LIMIT_REACHED'), messages.get('INVALID_TRANSITION')]).size).toBe(6);
    expect(refusalMessage([{ code: 'INVALID_INPUT', field: ['input', 'size'], message: serverText }])).toMatch(/^Berkas ini kosong/);
    expect(refusalMessage([{ code: 'INVALID_INPUT', field: ['input', 'fileName'], message: serverText }])).toMatch(/^Nama berkas tidak dapat dipakai/);
    // A refusal the portal has no words for: Aduan's own message, which is in Bahasa Indonesia already.
    expect(refusalMessage([{ code: 'OUTSIDE_YOUR_TIER', field: null, message: serverText }])).toBe(serverText);
  });
});
