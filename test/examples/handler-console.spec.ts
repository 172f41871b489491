import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountBook, MAX_FAILURES } from '../../examples/handler-console/src/accounts';
import { hashPassword, verifyPassword } from '../../examples/handler-console/src/passwords';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';
import { DEMO_PASSWORD, expectAccessible, officerContext, SCREENSHOTS, signIn, startConsole, type Console } from './handler-console-harness';
import { launchChromium, recordTraffic, ROOT } from './regional-portal-harness';

/**
 * examples/handler-console end to end, first part: signing in, and the inbox.
 * The built console in front of the real Aduan server over a demo database,
 * driven by a real headless Chromium as an officer would use it. The complaint
 * page, the bank's and the supervisor's views have their own files.
 */

const db = useTestDatabase('demo');
const aduan = useTestServer(db);

let consoleApp: Console;
let browser: Browser;

beforeAll(async () => {
  consoleApp = await startConsole({ ADUAN_URL: `${aduan.url}/graphql` });
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await consoleApp?.stop();
});

async function withOfficer<T>(username: string, use: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await officerContext(browser);
  try {
    return await use(await signIn(context, consoleApp.url, username), context);
  } finally {
    await context.close();
  }
}

describe('passwords and accounts', () => {
  it('stores scrypt hashes that verify the right password only', async () => {
    const hash = await hashPassword('kata sandi yang panjang');
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain('panjang');
    expect(await verifyPassword('kata sandi yang panjang', hash)).toBe(true);
    expect(await verifyPassword('kata sandi yang pendek', hash)).toBe(false);
    expect(await verifyPassword('kata sandi yang panjang', 'md5$abc')).toBe(false);
  });

  it(`locks an account after ${MAX_FAILURES} wrong passwords, and lets it in again after the lock`, async () => {
    let now = Date.now();
    const account = { username: 'uji', name: 'Uji', officerId: 'uji.1', clientId: 'demo-dinsos-3273', role: 'petugas' as const, passwordHash: await hashPassword('benar-sekali-ini') };
    const book = new AccountBook([account], () => now);
    for (let i = 1; i < MAX_FAILURES; i++) expect(await book.signIn('uji', 'salah')).toEqual({ ok: false, reason: 'wrong' });
    expect(await book.signIn('UJI ', 'salah')).toMatchObject({ ok: false, reason: 'locked' });
    // Locked: even the right password waits.
    expect(await book.signIn('uji', 'benar-sekali-ini')).toMatchObject({ ok: false, reason: 'locked' });
    now += 15 * 60_000 + 1;
    expect(await book.signIn('uji', 'benar-sekali-ini')).toMatchObject({ ok: true });
    // An unknown username is answered as a wrong password, after the same work.
    expect(await book.signIn('tidak-ada', 'apa-saja')).toEqual({ ok: false, reason: 'wrong' });
  });
});

describe('the handler console in a browser', () => {
  it('refuses a wrong password with a message, and sends an unsigned-in visitor to the sign-in form', async () => {
    const context = await officerContext(browser);
    const page = await context.newPage();
    const answer = await page.goto(`${consoleApp.url}/?status=BREACHED`);
    expect(page.url()).toBe(`${consoleApp.url}/masuk?lanjut=${encodeURIComponent('/?status=BREACHED')}`);
    expect(answer!.status()).toBe(200);
    await expectAccessible(page, 'the sign-in page');
    await page.getByLabel('Nama pengguna').fill('budi');
    await page.getByLabel('Kata sandi').fill('bukan-sandinya');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Nama pengguna atau kata sandi salah');
    // The right password then lands where the visitor wanted to go.
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/\?status=BREACHED$/);
    await context.close();
  });

  it("shows a district officer their office's open complaints, most urgent first, with the SLA state in words", async () => {
    await withOfficer('budi', async (page) => {
      await expect.poll(() => page.locator('h1').textContent()).toContain('Kotak masuk');
      await expect.poll(() => page.locator('.who').textContent()).toContain('Budi Santoso');
      const rows = page.locator('table.inbox tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await rows.count()).toBeLessThanOrEqual(25);

      // The first page is what Aduan answers for the same filter and order, in the same order.
      const api = await as(aduan, 'demo-dinsos-3273')(
        `query { complaints(first: 25, filter: { status: [RECEIVED, VERIFIED, IN_PROGRESS, PENDING_INFO] }, orderBy: DUE_SOONEST) { totalCount edges { node { trackingCode slaState } } } }`,
      );
      const expected = api.body.data.complaints;
      expect(await page.locator('table.inbox tbody tr td:first-child a').allTextContents()).toEqual(expected.edges.map((e: any) => e.node.trackingCode));
      await expect.poll(() => page.locator('.count').textContent()).toContain(`${expected.totalCount.toLocaleString('id-ID')} pengaduan`);
      const words: Record<string, string> = { ON_TRACK: 'Sesuai jadwal', AT_RISK: 'Hampir jatuh tempo', BREACHED: 'Terlambat', PAUSED: 'Dijeda', MET: 'Selesai tepat waktu' };
      expect(await page.locator('table.inbox tbody tr td:nth-child(2) .sla').allTextContents()).toEqual(expected.edges.map((e: any) => words[e.node.slaState]));

      await expectAccessible(page, 'the inbox');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'inbox.png'), fullPage: true });
    });
  });

  it('filters by SLA state, programme and kecamatan, and pages through with keyset cursors without repeating a complaint', async () => {
    await withOfficer('budi', async (page) => {
      // Only the breached ones.
      await page.getByRole('checkbox', { name: 'Terlambat' }).check();
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.waitForURL(/sla=BREACHED/);
      const badges = await page.locator('table.inbox tbody .sla').allTextContents();
      const breached = await as(aduan, 'demo-dinsos-3273')(`query { complaints(first: 25, filter: { slaState: [BREACHED], status: [RECEIVED, VERIFIED, IN_PROGRESS, PENDING_INFO] }) { totalCount } }`);
      expect(badges.length).toBe(Math.min(25, breached.body.data.complaints.totalCount));
      expect(new Set(badges).size).toBeLessThanOrEqual(1);
      if (badges.length) expect(badges[0]).toBe('Terlambat');

      // Every status, newest first, page by page: each complaint once, as many as Aduan counts.
      await page.goto(`${consoleApp.url}/?f=1&urut=terbaru${['RECEIVED', 'VERIFIED', 'IN_PROGRESS', 'PENDING_INFO', 'RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE'].map((s) => `&status=${s}`).join('')}`);
      const total = Number((await page.locator('.count').textContent())!.replace(/\D/g, ''));
      const seen: string[] = [];
      for (;;) {
        seen.push(...await page.locator('table.inbox tbody tr td:first-child a').allTextContents());
        const next = page.getByRole('link', { name: 'Halaman berikutnya »' });
        if (await next.count() === 0) break;
        await next.click();
        await page.waitForLoadState('load');
      }
      expect(total).toBeGreaterThan(25);
      expect(seen.length).toBe(total);
      expect(new Set(seen).size).toBe(total);

      // A kecamatan, then a programme: every row is in it.
      await page.goto(`${consoleApp.url}/`);
      await page.getByLabel('Wilayah').selectOption({ label: 'Regol' });
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.waitForURL(/wilayah=32\.73\.11/);
      const regolVillages = (await as(aduan, 'demo-dinsos-3273')(`query { regions(parentCode: "32.73.11") { name } }`)).body.data.regions.map((r: any) => r.name);
      for (const name of await page.locator('table.inbox tbody tr td:nth-child(5)').allTextContents()) expect(regolVillages).toContain(name);
      // The kelurahan of the chosen kecamatan are offered next.
      expect(await page.getByLabel('Desa/kelurahan').locator('option').count()).toBe(regolVillages.length + 1);
    });
  });

  it("a village officer's inbox holds their kelurahan's complaints only, and offers no region filter", async () => {
    await withOfficer('rina', async (page) => {
      const regions = await page.locator('table.inbox tbody tr td:nth-child(5)').allTextContents();
      expect(regions.length).toBeGreaterThan(0);
      expect(new Set(regions)).toEqual(new Set(['Sukarasa']));
      expect(await page.getByLabel('Wilayah').count()).toBe(0);
    });
  });

  it('weighs little: the inbox on a 1.6 Mbps connection (Chromium\'s "Fast 3G")', async () => {
    await withOfficer('budi', async (page, context) => {
      const traffic = recordTraffic(context);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      // Chromium DevTools' "Fast 3G": 1.6 Mbps down, 750 kbps up, 562.5 ms latency, at 90 % of nominal throughput.
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 });
      const transferred = new Map<string, number>();
      cdp.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => transferred.set(event.requestId, event.encodedDataLength));
      const started = Date.now();
      await page.goto(`${consoleApp.url}/`, { waitUntil: 'load' });
      const loadMs = Date.now() - started;
      const exchanges = (await traffic.exchanges()).filter((e) => e.url.startsWith(consoleApp.url));
      const bytes = [...transferred.values()].reduce((a, b) => a + b, 0);
      const figures = { page: 'inbox', requests: exchanges.length, bytesTransferred: bytes, loadMs, connection: 'Fast 3G (1.6 Mbps, 562.5 ms)' };
      mkdirSync(path.join(ROOT, 'test-results/handler-console'), { recursive: true });
      writeFileSync(path.join(ROOT, 'test-results/handler-console/page-weight-inbox.json'), JSON.stringify(figures, null, 2));
      console.log(`handler console inbox: ${JSON.stringify(figures)}`);
      // The page, its stylesheet, nothing else: no script, no font, no framework.
      expect(exchanges.map((e) => new URL(e.url).pathname).sort()).toEqual(['/', '/aset/console.css']);
      // Both compressed on the way (Brotli, or gzip for a browser without it).
      for (const exchange of exchanges) expect(exchange.responseHeaders['content-encoding'], exchange.url).toMatch(/^(br|gzip)$/);
      expect(bytes).toBeLessThan(30_000);
    });
  });

  it('keeps the client secrets and tokens on its server: nothing the browser received carries them', async () => {
    const context = await officerContext(browser);
    const traffic = recordTraffic(context);
    const page = await signIn(context, consoleApp.url, 'sari');
    await page.goto(`${consoleApp.url}/?f=1&status=RESOLVED`);
    const exchanges = await traffic.exchanges();
    await context.close();
    expect(exchanges.length).toBeGreaterThan(2);
    for (const exchange of exchanges) {
      expect(new URL(exchange.url).origin).toBe(new URL(consoleApp.url).origin);
      const seen = JSON.stringify(exchange);
      expect(seen).not.toContain('demo-dinsos-3273-secret');
      expect(seen).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]*/);
    }
    // The session cookie cannot be read by a script nor sent by another site.
    const setCookie = exchanges.flatMap((e) => e.responseHeaders['set-cookie']?.split('\n') ?? []).find((c) => c.startsWith('konsol_sesi='));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
  });

  it("refuses a form without the session's token (cross-site request forgery)", async () => {
    const context = await officerContext(browser);
    const page = await signIn(context, consoleApp.url, 'budi');
    const forged = await page.request.post(`${consoleApp.url}/keluar`, { form: { _csrf: 'not-the-token' } });
    // Signing out with a forged form does not end the session.
    expect(forged.status()).toBe(200);
    await page.goto(`${consoleApp.url}/`);
    expect(page.url()).not.toContain('/masuk');
    await context.close();
  });
});
