import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chosenMonth, monthWib, offeredMonths, trendMonths } from '../../examples/public-dashboard/src/period';
import { storeDemoMinutes } from '../../server/src/demo/deliberation-minutes';
import { buildOpenData } from '../../server/src/open-data/build';
import { LocalEvidenceStorage } from '../../server/src/evidence/storage/local-storage';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';
import { expectAccessible } from './handler-console-harness';
import { overflowing, overflowX, SCREENSHOTS, startDashboard, type Dashboard } from './public-dashboard-harness';
import { launchChromium, recordTraffic, ROOT } from './regional-portal-harness';

/**
 * examples/public-dashboard end to end: the built dashboard in front of the
 * real Aduan server over the demo database, read in a headless Chromium as
 * anyone would — no token anywhere. Every number the test reads on a page is
 * compared with what Aduan's public API answers for the same grouping.
 */

// The demo's signed minutes are put in the evidence store at start (npm start does it in demo mode).
let root = '';
let storage: LocalEvidenceStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aduan-dashboard-'));
  storage = new LocalEvidenceStorage(path.join(root, 'evidence'));
  await storage.check();
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const db = useTestDatabase('demo');
const aduan = useTestServer(db, { evidenceStorage: () => storage });

let dashboard: Dashboard;
let browser: Browser;

beforeAll(async () => {
  expect(await storeDemoMinutes(db.dataSource, storage)).toBeGreaterThan(0);
  // The open data files, as the hourly job builds them (npm start builds them at start when there are none).
  await buildOpenData(db.dataSource, { now: new Date() });
  dashboard = await startDashboard({ ADUAN_URL: `${aduan.url}/graphql` });
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(path.join(ROOT, 'test-results/public-dashboard'), { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.stop();
});

interface Cell { value: number | null; display: string; suppressed: boolean }
interface Group { region?: { code: string; name: string }; category?: string; channel?: { code: string }; count: Cell }

/** What the page must print for a published count: the number as Indonesians write it, or `<5`. */
const shown = (cell: Cell) => (cell.suppressed ? '<5' : cell.value!.toLocaleString('id-ID'));

/** The public API, without a token, as the dashboard asks it. */
async function published(filter: Record<string, unknown>, groupBy: string[] = [], regionLevel = 'PROVINCE'): Promise<{ total: Cell; groups: Group[] }> {
  const { body } = await aduan.gql(
    `query ($filter: PublicComplaintStatisticsFilter, $groupBy: [ComplaintStatisticsDimension!]!, $regionLevel: RegionLevel!) {
      publicComplaintStatistics(filter: $filter, groupBy: $groupBy, regionLevel: $regionLevel) {
        total { value display suppressed } groups { region { code name } category channel { code } count { value display suppressed } }
      } }`,
    { filter, groupBy, regionLevel },
  );
  expect(body.errors).toBeUndefined();
  return body.data.publicComplaintStatistics;
}

/** A breakdown table's rows as [name, count as printed]. */
async function tableRows(page: Page, section: string): Promise<[string, string][]> {
  const rows = page.locator(`#${section} table tbody tr`);
  const out: [string, string][] = [];
  for (let i = 0; i < await rows.count(); i++) {
    out.push([(await rows.nth(i).locator('th').textContent())!.trim(), (await rows.nth(i).locator('td').first().textContent())!.trim()]);
  }
  return out;
}

/** The league table on the page against officeRecords of the month (and the month before it, for the trend). */
async function expectLeague(page: Page, filter: Record<string, unknown>, month: string): Promise<void> {
  const previous = monthWib(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, 15)), 1);
  const { body } = await aduan.gql(
    `query ($filter: OfficeRecordFilter) { officeRecords(filter: $filter, first: 100) { totalCount edges { node { month office { id name } received answered answeredWithinSla breached escalatedAway } } } }`,
    { filter: { ...filter, months: { from: previous, to: month } } },
  );
  expect(body.errors).toBeUndefined();
  const records = body.data.officeRecords.edges.map((e: any) => e.node).filter((r: any) => r.month === month);
  expect(records.length).toBeGreaterThan(0);
  const rows = page.locator('#kantor table tbody tr');
  expect(await rows.count()).toBe(records.length);
  const rate = (r: any) => (r.answered > 0 ? r.answeredWithinSla / r.answered : -1);
  let last = Infinity;
  for (let i = 0; i < records.length; i++) {
    const row = rows.nth(i);
    const id = await row.getAttribute('data-kantor');
    const r = records.find((x: any) => x.office.id === id);
    expect(r, `row ${i} (${id})`).toBeDefined();
    const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
    expect(await row.locator('th').textContent()).toBe(r.office.name);
    expect(cells[1]).toBe(r.received.toLocaleString('id-ID'));
    expect(cells[2]).toBe(r.answered.toLocaleString('id-ID'));
    expect(cells[3]).toContain(`${r.answeredWithinSla.toLocaleString('id-ID')} dari ${r.answered.toLocaleString('id-ID')}`);
    expect(cells[5]).toBe(r.breached.toLocaleString('id-ID'));
    expect(cells[6]).toBe(r.escalatedAway.toLocaleString('id-ID'));
    // Best first.
    expect(rate(r)).toBeLessThanOrEqual(last);
    last = rate(r);
  }
}

const headline = async (page: Page) => (await page.locator('[data-angka="pengaduan"]').textContent())!.trim();

async function reader(width = 1280, height = 900): Promise<BrowserContext> {
  return browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width, height } });
}

/** The month a page shows unless told: the last complete one in Jakarta. */
const lastMonth = () => monthWib(new Date(), 1);

describe('the month a page shows', () => {
  it('is the last complete month in Jakarta unless one of the twelve offered is asked for', () => {
    // 00.30 WIB on the coming 1 January is still 31 December in UTC: Jakarta's month decides. (The year is derived
    // from today's: the rule is about the boundary, not about one calendar.)
    const year = new Date().getUTCFullYear();
    const newYear = new Date(Date.UTC(year, 11, 31, 17, 30));
    expect(monthWib(newYear)).toBe(`${year + 1}-01`);
    expect(chosenMonth(undefined, newYear)).toBe(`${year}-12`);
    expect(offeredMonths(newYear)).toHaveLength(12);
    expect(offeredMonths(newYear).at(-1)).toBe(`${year}-02`);
    expect(chosenMonth(`${year}-02`, newYear)).toBe(`${year}-02`);
    expect(chosenMonth(`${year + 1}-01`, newYear)).toBe(`${year + 1}-01`);
    for (const refused of [`${year}-01`, `${year + 1}-02`, `${year}-13`, `${year}-1`, [`${year}-05`], '<script>']) expect(chosenMonth(refused, newYear)).toBe(`${year}-12`);
    expect(trendMonths('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('the public dashboard in a browser', () => {
  it('walks from the nation to a province, a district, a kecamatan and a village, every number equal to the public API\'s', async () => {
    const context = await reader();
    const traffic = recordTraffic(context);
    const page = await context.newPage();
    const month = lastMonth();

    // Indonesia: the month's total and the provinces.
    expect((await page.goto(dashboard.url))!.status(), dashboard.log()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Indonesia');
    const nation = await published({ month }, ['REGION']);
    expect(nation.total.value).toBeGreaterThan(0);
    expect(await headline(page)).toBe(shown(nation.total));
    expect(await tableRows(page, 'provinsi')).toEqual(nation.groups.map((g) => [g.region!.name, shown(g.count)]));
    const categories = await published({ month }, ['CATEGORY']);
    expect((await tableRows(page, 'kategori')).map(([, count]) => count)).toEqual(categories.groups.map((g) => shown(g.count)));
    // The charts are drawn (Chart.js served by the dashboard itself).
    await expect.poll(() => page.evaluate(() => Boolean((window as any).Chart?.getChart('grafik-provinsi')))).toBe(true);
    await expectLeague(page, { kind: ['MINISTRY', 'PROVINCE_OFFICE', 'DISTRICT_OFFICE'] }, month);
    await expectAccessible(page, 'the national page');
    await page.screenshot({ path: path.join(SCREENSHOTS, '1-nasional.png'), fullPage: true });

    // Jawa Barat: its total is its row in the provinces' breakdown; its districts those of a query inside it.
    const westJava = nation.groups.find((g) => g.region!.code === '32')!;
    expect(westJava.count.suppressed).toBe(false);
    await Promise.all([page.waitForURL(/\/provinsi\/32$/), page.locator('#provinsi').getByRole('link', { name: 'Jawa Barat' }).click()]);
    expect(await headline(page)).toBe(shown(westJava.count));
    const districts = await published({ month, regionCode: '32' }, ['REGION'], 'DISTRICT');
    expect(await tableRows(page, 'kabupaten')).toEqual(districts.groups.map((g) => [g.region!.name, shown(g.count)]));
    await expectAccessible(page, 'a province');
    await page.screenshot({ path: path.join(SCREENSHOTS, '2-provinsi.png'), fullPage: true });

    // Kota Bandung.
    const bandung = districts.groups.find((g) => g.region!.code === '32.73')!;
    await Promise.all([page.waitForURL(/\/kabupaten\/32\.73$/), page.locator('#kabupaten').getByRole('link', { name: 'Kota Bandung' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Kota Bandung');
    expect(await headline(page)).toBe(shown(bandung.count));
    // Its offices' league table: each office's month as officeRecords has it, ranked by the share decided on time.
    await expectLeague(page, { regionCode: '32.73' }, month);
    await expectAccessible(page, 'a district');
    await page.screenshot({ path: path.join(SCREENSHOTS, '3-kabupaten.png'), fullPage: true });

    // Kecamatan Sukasari, then Kelurahan Sukarasa: its district's figures, since villages' counts are not published.
    await Promise.all([page.waitForURL(/\/kecamatan\/32\.73\.01$/), page.getByRole('link', { name: 'Sukasari', exact: true }).click()]);
    await Promise.all([page.waitForURL(/\/desa\/32\.73\.01\.\d{4}$/), page.getByRole('link', { name: 'Sukarasa', exact: true }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Kelurahan Sukarasa');
    expect(await headline(page)).toBe(shown(bandung.count));
    expect(await page.locator('.crumbs').textContent()).toMatch(/Indonesia.*Jawa Barat.*Kota Bandung.*Kecamatan Sukasari/s);
    // Its Musdes, as Aduan publishes them: the date, the attendance, the minutes, the district's review, masked names.
    const villageCode = new URL(page.url()).pathname.split('/').pop()!;
    const { body } = await aduan.gql(
      `query ($code: String!) { villageDeliberations(regionCode: $code, first: 10) { totalCount edges { node { id minutesNumber attendanceCount review { approved rejected pending } minutes { url } } } } }`,
      { code: villageCode },
    );
    const musdes = body.data.villageDeliberations.edges.map((e: any) => e.node);
    expect(musdes.length).toBeGreaterThan(0);
    const articles = page.locator('#musdes article');
    expect(await articles.count()).toBe(musdes.length);
    for (let i = 0; i < musdes.length; i++) {
      const article = articles.nth(i);
      expect(await article.locator('h3').textContent()).toContain(musdes[i].minutesNumber);
      expect(await article.locator('[data-angka="hadir"]').textContent()).toBe(`${musdes[i].attendanceCount.toLocaleString('id-ID')} orang`);
      const review = musdes[i].review;
      expect(await article.textContent()).toContain(`${review.approved} disetujui, ${review.rejected} ditolak, ${review.pending} menunggu`);
      if (musdes[i].minutes) {
        const minutes = await fetch(await article.getByRole('link', { name: /Unduh berita acara/ }).getAttribute('href') as string);
        expect(minutes.status).toBe(200);
        expect(minutes.headers.get('content-type')).toMatch(/^(application\/pdf|image\/)/);
      }
    }
    // The newest in full on the village page, every one on its own page: names masked as the aid check masks them
    // (`S*** A*****`), no NIK anywhere.
    const expectMasked = async (where: Page, what: string) => {
      const names = await where.locator('table.changes tbody td.mono').allTextContents();
      expect(names.length, what).toBeGreaterThan(0);
      for (const name of names) expect(name, what).toMatch(/^(–|\p{Lu}\*+( \p{Lu}\*+)*)$/u);
      expect(await where.locator('main').textContent(), what).not.toMatch(/\d{16}/);
    };
    await expectMasked(page, 'the village page');
    for (const { id } of musdes) {
      const own = await context.newPage();
      expect((await own.goto(`${dashboard.url}/musdes/${encodeURIComponent(id)}`))!.status()).toBe(200);
      await expectMasked(own, `the page of Musdes ${id}`);
      await expectAccessible(own, `the page of Musdes ${id}`);
      await own.close();
    }
    await expectAccessible(page, 'a village');
    await page.screenshot({ path: path.join(SCREENSHOTS, '4-desa.png'), fullPage: true });

    // Everything the browser loaded came from the dashboard, and nothing carried a token.
    for (const exchange of await traffic.exchanges()) {
      expect(new URL(exchange.url).origin).toBe(new URL(dashboard.url).origin);
      expect(JSON.stringify(exchange)).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]*/);
    }
    await context.close();
  }, 120_000);

  it('shows a suppressed cell as <5, never as its number', async () => {
    // The first month, newest first, whose provinces or categories hold a hidden count (the demo data has some).
    let found: { month: string; section: string; label: string } | null = null;
    const categoryLabels = new Map<string, string>(
      (await aduan.gql('{ complaintCategories { code labelId } }')).body.data.complaintCategories.map((c: { code: string; labelId: string }) => [c.code, c.labelId]),
    );
    for (const month of offeredMonths(new Date())) {
      const provinces = (await published({ month }, ['REGION'])).groups.find((g) => g.count.suppressed);
      if (provinces) { found = { month, section: 'provinsi', label: provinces.region!.name }; break; }
      const category = (await published({ month }, ['CATEGORY'])).groups.find((g) => g.count.suppressed);
      if (category) { found = { month, section: 'kategori', label: categoryLabels.get(category.category!)! }; break; }
    }
    expect(found, 'a month with a hidden count in the demo data').not.toBeNull();
    const context = await reader();
    const page = await context.newPage();
    await page.goto(`${dashboard.url}/?bulan=${found!.month}`);
    const row = page.locator(`#${found!.section} table tbody tr`).filter({ has: page.getByRole('rowheader', { name: found!.label, exact: true }) });
    expect(await row.locator('td').first().textContent()).toBe('<5');
    // The chart leaves it out (no bar), and says so in its label.
    const chartValue = await page.evaluate(({ id, label }) => {
      const chart = (window as any).Chart.getChart(id);
      const index = chart.data.labels.findIndex((l: string | string[]) => [l].flat().join(' ') === `${label} (<5)`);
      return { index, value: index < 0 ? undefined : chart.data.datasets[0].data[index] };
    }, { id: `grafik-${found!.section}`, label: found!.label });
    expect(chartValue.index).toBeGreaterThanOrEqual(0);
    expect(chartValue.value).toBeNull();
    await context.close();
  }, 60_000);

  it('fits a phone (375 px) without horizontal scrolling, charts included', async () => {
    const context = await reader(375, 812);
    const page = await context.newPage();
    for (const [name, route] of [['nasional', '/'], ['provinsi', '/provinsi/32'], ['kabupaten', '/kabupaten/32.73'], ['desa', '/desa/32.73.01.1001']] as const) {
      const answer = await page.goto(`${dashboard.url}${route}`);
      expect(answer!.status(), `${route}: ${dashboard.log()}`).toBe(200);
      await page.waitForLoadState('load');
      expect(await overflowX(page), `${route} overflows a 375 px screen: ${(await overflowing(page)).join(', ')}`).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `ponsel-${name}.png`), fullPage: true });
    }
    await context.close();
  }, 60_000);

  it('puts the two open data links (CSV, JSON) under every figure', async () => {
    const context = await reader();
    const page = await context.newPage();
    for (const route of ['/', '/provinsi/32', '/kabupaten/32.73', '/desa/32.73.01.1001']) {
      await page.goto(`${dashboard.url}${route}`);
      const panels = page.locator('main .panel:has(table.figures:not(.changes-count):not(.per-program):not(.changes)), main .panel:has(.summary)');
      expect(await panels.count(), route).toBeGreaterThan(0);
      for (let i = 0; i < await panels.count(); i++) {
        const links = await panels.nth(i).locator('.source a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
        expect(links.length, `${route}, figure ${i}`).toBe(2);
        for (const link of links) expect(link).toMatch(new RegExp(`^${aduan.url}/open-data/v1/[a-z-]+-month\\.(csv|json)$`));
      }
    }
    // "Tentang data" names the index and the data dictionary, both served.
    await page.goto(`${dashboard.url}/tentang`);
    for (const name of ['indeks data terbuka', 'kamus data (CSV)']) {
      const href = (await page.getByRole('link', { name }).getAttribute('href'))!;
      expect((await fetch(href)).status, href).toBe(200);
    }
    await expectAccessible(page, 'the page about the data');
    await context.close();
  }, 60_000);

  it("links every figure to the open data file that holds it, whose rows for the month say what the page says", async () => {
    const context = await reader();
    const page = await context.newPage();
    const month = lastMonth();
    /** The JSON twin of a linked CSV file: its rows of the month (the CSV itself must be served too). */
    const fileRows = async (where: string): Promise<Record<string, any>[]> => {
      const csv = (await page.locator(`${where} .source a[data-dataset]`).first().getAttribute('href'))!;
      const csvAnswer = await fetch(csv);
      expect(csvAnswer.status, csv).toBe(200);
      expect(csvAnswer.headers.get('content-type'), csv).toMatch(/^text\/csv/);
      const json = (await page.locator(`${where} .source a`).nth(1).getAttribute('href'))!;
      expect(json).toBe(csv.replace(/\.csv$/, '.json'));
      const answer = await fetch(json);
      expect(answer.status, json).toBe(200);
      return ((await answer.json()).rows as Record<string, any>[]).filter((row) => row.month === month);
    };
    const printed = (value: unknown) => (value === '<5' ? '<5' : Number(value).toLocaleString('id-ID'));
    const byName = (rows: [string, string][]) => [...rows].sort((a, b) => a[0].localeCompare(b[0]));

    // Indonesia: its total, its provinces.
    await page.goto(dashboard.url);
    const [nation] = await fileRows('section[aria-labelledby="ringkasan-judul"]');
    expect(await headline(page)).toBe(printed(nation.complaints));
    const provinces = await fileRows('#provinsi');
    expect(byName(await tableRows(page, 'provinsi'))).toEqual(byName(provinces.map((r) => [r.province_name, printed(r.complaints)])));
    expect((await tableRows(page, 'kategori')).length).toBe((await fileRows('#kategori')).length);
    // The league table's offices, each as the office records file has it.
    const offices = new Map((await fileRows('#kantor')).map((r) => [r.office_id, r]));
    const rows = page.locator('#kantor table tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    for (let i = 0; i < await rows.count(); i++) {
      const record = offices.get(await rows.nth(i).getAttribute('data-kantor'));
      expect(record).toBeDefined();
      const cells = (await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim());
      expect([cells[1], cells[2]]).toEqual([printed(record!.received), printed(record!.answered)]);
    }

    // Jawa Barat's districts, Kota Bandung's total.
    await page.goto(`${dashboard.url}/provinsi/32`);
    const [westJava] = (await fileRows('section[aria-labelledby="ringkasan-judul"]')).filter((r) => r.province_code === '32');
    expect(await headline(page)).toBe(printed(westJava.complaints));
    const districts = (await fileRows('#kabupaten')).filter((r) => r.province_code === '32');
    expect(byName(await tableRows(page, 'kabupaten'))).toEqual(byName(districts.map((r) => [r.district_name, printed(r.complaints)])));
    await page.goto(`${dashboard.url}/kabupaten/32.73`);
    const [bandung] = (await fileRows('section[aria-labelledby="ringkasan-judul"]')).filter((r) => r.district_code === '32.73');
    expect(await headline(page)).toBe(printed(bandung.complaints));
    await context.close();
  }, 60_000);

  it('weighs little on a phone\'s slow line (Chromium\'s "Fast 3G"): the national page on a first visit, a province\'s next', async () => {
    const context = await reader(375, 812);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Chromium DevTools' "Fast 3G": 1.6 Mbps down, 750 kbps up, 562.5 ms latency, at 90 % of nominal throughput.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 });
    const transferred = new Map<string, number>();
    cdp.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number }) => transferred.set(event.requestId, event.encodedDataLength));
    const visit = async (route: string, chart: string) => {
      transferred.clear();
      const started = Date.now();
      await page.goto(`${dashboard.url}${route}`, { waitUntil: 'load' });
      await expect.poll(() => page.evaluate((id) => Boolean((window as any).Chart?.getChart(id)), chart)).toBe(true);
      return { route, bytes: [...transferred.values()].reduce((a, b) => a + b, 0), ms: Date.now() - started };
    };
    // The dashboard's cache of Aduan's answers filled (not the browser's), so that the visits time the pages alone.
    for (const route of ['/', '/provinsi/32']) expect((await fetch(`${dashboard.url}${route}`)).status).toBe(200);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const first = await visit('/', 'grafik-provinsi');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await visit('/', 'grafik-provinsi'); // the browser keeps Chart.js, the stylesheet and the chart script
    const next = await visit('/provinsi/32', 'grafik-kabupaten');
    const figures = { connection: 'Fast 3G (1.6 Mbps, 562.5 ms)', firstVisit: first, nextPage: next };
    writeFileSync(path.join(ROOT, 'test-results/public-dashboard/page-weight.json'), JSON.stringify(figures, null, 2));
    console.log(`public dashboard: ${JSON.stringify(figures)}`);
    // Chart.js is most of a first visit; then the browser keeps it and the stylesheet, and the page alone travels.
    expect(first.bytes).toBeLessThan(120_000);
    expect(next.bytes).toBeLessThan(15_000);
    await context.close();
  }, 60_000);

  it('serves its pages, stylesheet and Chart.js compressed, with a CSP that runs its own scripts only', async () => {
    for (const route of ['/', '/aset/dasbor.css', '/aset/chart.umd.min.js', '/aset/dasbor-grafik.js']) {
      const answer = await fetch(`${dashboard.url}${route}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(answer.status, route).toBe(200);
      expect(answer.headers.get('content-encoding'), route).toMatch(/^(br|gzip)$/);
    }
    const home = await fetch(dashboard.url);
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(home.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await fetch(`${dashboard.url}/provinsi/99`)).status).toBe(404);
    expect((await fetch(`${dashboard.url}/desa/32.73.11.9999`)).status).toBe(404);
    expect((await fetch(`${dashboard.url}/musdes/bukan-id`)).status).toBe(404);
  });
});
