import { mkdirSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';
import { launchChromium, recordTraffic, ROOT, startPortal, type Exchange, type Portal } from './regional-portal-harness';

/**
 * examples/regional-portal end to end: the built portal, in front of the real
 * Aduan server over a demo database, driven by a real headless Chromium as a
 * citizen would use it. The portal holds its client secret and token on its
 * side; the last test checks that nothing the browser received carries either.
 */

const db = useTestDatabase('demo');
const aduan = useTestServer(db);

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

  it('never sent the browser the client secret, a token or an Authorization header, and the browser never called Aduan', async () => {
    const exchanges = await traffic.exchanges();
    // The pages, the stylesheet, the script, the kelurahan JSON and the posts of the tests above.
    expect(exchanges.length).toBeGreaterThan(20);
    expect(exchanges.some((e) => e.url.includes('/api/kelurahan'))).toBe(true);
    expect(exchanges.some((e) => e.method === 'POST')).toBe(true);
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
