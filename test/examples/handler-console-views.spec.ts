import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { item, ownFamilies, REPORT, reportInput, thisMonth } from '../support/disbursements';
import { useTestServer } from '../support/server';
import { expectAccessible, officerContext, SCREENSHOTS, signIn, startConsole, type Console } from './handler-console-harness';
import { launchChromium } from './regional-portal-harness';

/**
 * The handler console's bank page (/bank) and supervisor's page (/penyelia),
 * built, in front of the real Aduan server over a demo database, in Chromium.
 * The data each page acts on is set up through the API as the offices would
 * (a referral to BRI, a case conference, a failed transfer), and what the
 * browser did is read back through the API.
 */

const db = useTestDatabase('demo');
const aduan = useTestServer(db);

const DISTRICT = 'demo-dinsos-3273';
const BRI = 'demo-bank-bri';

let konsol: Console;
let browser: Browser;

beforeAll(async () => {
  konsol = await startConsole({ ADUAN_URL: `${aduan.url}/graphql` });
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await konsol?.stop();
});

async function gql<T = any>(clientId: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await as(aduan, clientId)(query, variables);
  expect(response.body.errors, `${clientId}: ${query.slice(0, 60)}`).toBeUndefined();
  return response.body.data as T;
}

async function organisationId(clientId: string): Promise<string> {
  return (await gql(clientId, '{ viewer { organisation { id } } }')).viewer.organisation.id;
}

/** The CSP violations and script errors a page of the console produced, to be none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Chromium reports a CSP refusal as a console error; a 4xx page (a form sent back with its errors) too, which is no fault.
  page.on('console', (message) => { if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) errors.push(message.text()); });
  return errors;
}

describe('the bank officer’s page', () => {
  let complaint: { id: string; trackingCode: string };
  let referralId: string;
  let issueId: string;
  let family: { nik: string };
  let today: string;
  const agenda = `Koordinasi transfer gagal ${Date.now()}`;

  beforeAll(async () => {
    const [briId, villageId] = await Promise.all([organisationId(BRI), organisationId('demo-village-3273011001')]);
    // An open Bandung complaint the district handles, not yet referred to BRI.
    const { complaints } = await gql(DISTRICT, `{ complaints(first: 50, filter: { regionCode: "32.73", status: [VERIFIED, IN_PROGRESS], tier: [DISTRICT] }) {
      edges { node { id trackingCode version referrals { status toOrganisation { id } } } } } }`);
    const node = complaints.edges.map((e: any) => e.node).find((c: any) => !c.referrals.some((r: any) => r.status === 'OPEN' && r.toOrganisation.id === briId));
    expect(node, 'an open district complaint in Bandung').toBeDefined();
    complaint = node;
    const referred = await gql(DISTRICT, `mutation($input: ReferComplaintInput!) { referComplaint(input: $input) { referral { id } userErrors { code message } } }`, {
      input: { complaintId: node.id, version: node.version, organisationId: briId, idempotencyKey: `konsol-bank-${Date.now()}`, reason: 'Mohon cek status rekening KKS KPM ini untuk periode berjalan.' },
    });
    expect(referred.referComplaint.userErrors).toEqual([]);
    referralId = referred.referComplaint.referral.id;

    // A conference BRI is invited to, held, with one action for BRI and one for the village office.
    const scheduled = await gql(DISTRICT, `mutation($input: ScheduleCaseConferenceInput!) { scheduleCaseConference(input: $input) { caseConference { id } userErrors { code message } } }`, {
      input: { complaintIds: [node.id], participantIds: [briId, villageId], agenda, location: 'Kantor Dinsos Kota Bandung', scheduledAt: new Date(Date.now() + 3_600_000).toISOString(), idempotencyKey: `konsol-konf-${Date.now()}` },
    });
    expect(scheduled.scheduleCaseConference.userErrors).toEqual([]);
    const recorded = await gql(DISTRICT, `mutation($input: RecordCaseConferenceInput!) { recordCaseConference(input: $input) { userErrors { code message } } }`, {
      input: {
        caseConferenceId: scheduled.scheduleCaseConference.caseConference.id,
        decisions: 'Bank memeriksa rekening; kelurahan memverifikasi domisili.',
        actions: [
          { description: 'BRI mengaktifkan kembali rekening KKS', responsibleOrganisationId: briId },
          { description: 'Kelurahan memverifikasi domisili KPM', responsibleOrganisationId: villageId },
        ],
      },
    });
    expect(recorded.recordCaseConference.userErrors).toEqual([]);

    // A failed transfer BRI reports, of a family of the test's own.
    let period: string;
    ({ period, today } = await thisMonth(db));
    [family] = await ownFamilies(db, period, { count: 1, seriesStart: 91_000 });
    const reported = await gql(BRI, REPORT, { input: reportInput(period, [item(family.nik, today)]) });
    expect(reported.reportDisbursementIssues.results[0].userErrors).toEqual([]);
    issueId = reported.reportDisbursementIssues.results[0].issue.id;
  });

  it('dewi (BRI) sees the referral and the conference with her bank’s action only; a too-long answer is refused beside the field and kept; her answer is recorded in her name', async () => {
    const context = await officerContext(browser);
    const page = await signIn(context, konsol.url, 'dewi');
    const errors = watchErrors(page);
    expect(new URL(page.url()).pathname).toBe('/bank');

    const card = page.locator('article.card', { has: page.getByRole('heading', { name: new RegExp(complaint.trackingCode) }) });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('Mohon cek status rekening KKS');
    // The complainant as a bank may see them: no whole NIK anywhere on the page.
    expect(await page.locator('main').textContent()).not.toMatch(/\b\d{16}\b/);

    const conference = page.locator('article.card', { has: page.getByRole('heading', { name: new RegExp(agenda) }) });
    expect(await conference.textContent()).toContain('BRI mengaktifkan kembali rekening KKS');
    expect(await conference.textContent()).not.toContain('Kelurahan memverifikasi domisili KPM');

    await expectAccessible(page, '/bank');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'bank.png'), fullPage: true });

    // Aduan's own limit, past the textarea's (taken off as a script or an old browser might): the error beside the field.
    const answerBox = card.getByLabel(`Jawaban bank untuk ${complaint.trackingCode}`);
    await answerBox.evaluate((el) => el.removeAttribute('maxlength'));
    const tooLong = `Rekening aktif kembali. ${'x'.repeat(4000)}`;
    await answerBox.fill(tooLong);
    await card.getByRole('button', { name: 'Kirim jawaban' }).click();
    await page.waitForLoadState('load');
    const redrawn = page.getByLabel(`Jawaban bank untuk ${complaint.trackingCode}`);
    expect(await redrawn.getAttribute('aria-invalid')).toBe('true');
    expect(await redrawn.inputValue()).toBe(tooLong);
    const describedBy = (await redrawn.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/4000/);

    const answer = 'Rekening KKS KPM berstatus pasif; sudah diaktifkan kembali pada hari ini, dana dapat dicairkan.';
    await redrawn.fill(answer);
    await page.getByRole('article').filter({ hasText: complaint.trackingCode }).getByRole('button', { name: 'Kirim jawaban' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('status').first().textContent()).toContain(`${complaint.trackingCode}: Jawaban rujukan terkirim`);
    expect(await page.locator('article.card h3', { hasText: complaint.trackingCode }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();

    const { complaint: read } = await gql(DISTRICT, `query($id: ID!) { complaint(id: $id) {
      referrals { id status answer }
      timeline(first: 100) { edges { node { type actorName actorOfficer { id name } } } } } }`, { id: complaint.id });
    expect(read.referrals.find((r: any) => r.id === referralId)).toMatchObject({ status: 'ANSWERED', answer });
    const answered = read.timeline.edges.map((e: any) => e.node).filter((e: any) => e.type === 'REFERRAL_ANSWERED').at(-1);
    expect(answered.actorOfficer).toMatchObject({ name: 'Dewi Anggraini' });
  });

  it('answering a referral someone else answered meanwhile says so and keeps what was typed', async () => {
    // The page as dewi had it before her answer went in: the form of a referral no longer open.
    const context = await officerContext(browser);
    const page = await signIn(context, konsol.url, 'dewi');
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const response = await page.request.post(`${konsol.url}/bank/rujukan/${referralId}`, { form: { _csrf: csrf, answer: 'Jawaban kedua' } });
    expect(response.status()).toBe(422);
    const text = await response.text();
    expect(text).toContain('Rujukan ini sudah dijawab');
    expect(text).toContain('Jawaban kedua');
    await context.close();
  });

  it('wulan (BNI) sees neither BRI’s referral, nor the conference BRI was invited to, nor BRI’s failed transfer', async () => {
    const context = await officerContext(browser);
    const page = await signIn(context, konsol.url, 'wulan');
    expect(new URL(page.url()).pathname).toBe('/bank');
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain('Bank Negara Indonesia');
    expect(main).not.toContain(complaint.trackingCode);
    expect(main).not.toContain(agenda);
    expect(await page.locator(`form[action="/bank/transfer/${issueId}"]`).count()).toBe(0);
    // Nor can she answer it by posting to it.
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const response = await page.request.post(`${konsol.url}/bank/rujukan/${referralId}`, { form: { _csrf: csrf, answer: 'bukan rujukan kami' } });
    expect(response.status()).toBe(422);
    await context.close();
  });

  it('dewi resolves a failed transfer: RESENT without its date is refused beside the date, then recorded', async () => {
    const context = await officerContext(browser);
    const page = await signIn(context, konsol.url, 'dewi');
    const row = page.locator('table.issues tbody tr', { has: page.locator(`form[action="/bank/transfer/${issueId}"]`) });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(`${family.nik.slice(0, 4)}********${family.nik.slice(-4)}`);
    await row.getByLabel('Sudah ditransfer ulang').check();
    await row.getByLabel(/^Catatan/).fill('Ditransfer ulang ke rekening baru.');
    await row.getByRole('button', { name: 'Catat penyelesaian' }).click();
    await page.waitForLoadState('load');

    const again = page.locator('table.issues tbody tr', { has: page.locator(`form[action="/bank/transfer/${issueId}"]`) });
    const date = again.getByLabel(/^Tanggal transfer ulang/);
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await again.getByLabel(/^Catatan/).inputValue()).toBe('Ditransfer ulang ke rekening baru.');
    expect(await again.getByLabel('Sudah ditransfer ulang').isChecked()).toBe(true);
    await date.fill(today);
    await again.getByRole('button', { name: 'Catat penyelesaian' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('status').first().textContent()).toContain('Penyelesaian transfer gagal tercatat');
    expect(await page.locator(`form[action="/bank/transfer/${issueId}"]`).count()).toBe(0);
    await context.close();

    const { node } = await gql(BRI, `query($id: ID!) { node(id: $id) { ... on DisbursementIssue { status resentOn resolutionNote } } }`, { id: issueId });
    expect(node).toEqual({ status: 'RESENT', resentOn: today, resolutionNote: 'Ditransfer ulang ke rekening baru.' });
  });

  it('is for banks only: a social office’s officer is sent to the inbox', async () => {
    const context = await officerContext(browser);
    const page = await signIn(context, konsol.url, 'budi');
    await page.goto(`${konsol.url}/bank`);
    expect(new URL(page.url()).pathname).toBe('/');
    await context.close();
  });
});

describe('the supervisor’s page', () => {
  const STATISTICS = `query($filter: ComplaintStatisticsFilter) { complaintStatistics(groupBy: [OFFICE], filter: $filter) {
    total open slaBreached slaComplianceRate ageing { upTo3Days from4To7Days from8To14Days over14Days }
    groups { office { name } count open slaBreached slaComplianceRate ageing { upTo3Days from4To7Days from8To14Days over14Days } } } }`;

  /** The table's rows as numbers: office name → [count, open, 0–3, 4–7, 8–14, >14, breached]. */
  async function tableOf(page: Page): Promise<Map<string, number[]>> {
    const rows = await page.locator('table.offices tbody tr, table.offices tfoot tr').evaluateAll((trs) => trs.map((tr) => {
      const name = tr.querySelector('th')!.childNodes[0].textContent!.trim();
      const cells = [...tr.querySelectorAll('td')].map((td) => td.childNodes[0].textContent!.trim());
      return [name, cells] as const;
    }));
    const n = (text: string) => Number(text.replace(/\./g, ''));
    return new Map(rows.map(([name, c]) => [name, [n(c[0]), n(c[1]), n(c[2]), n(c[3]), n(c[4]), n(c[5]), n(c[8])]]));
  }

  const numbersOf = (g: any) => [g.count ?? g.total, g.open, g.ageing.upTo3Days, g.ageing.from4To7Days, g.ageing.from8To14Days, g.ageing.over14Days, g.slaBreached];

  it('sari (Dinsos Kota Bandung) sees each office with the numbers complaintStatistics gives, as charts and a table; the page’s weight is measured', async () => {
    const context = await officerContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${konsol.url}/masuk`);
    await page.getByLabel('Nama pengguna').fill('sari');
    await page.getByLabel('Kata sandi').fill('sandi-demo-konsol');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForLoadState('load');

    // The page's weight as an office's laptop fetches it: the first time (nothing cached), and on a later visit
    // (the stylesheet and scripts cached for an hour, Chart.js for a day). Bytes received: headers and body.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    const weigh = async (load: () => Promise<unknown>) => {
      const responses: Response[] = [];
      const record = (response: Response) => responses.push(response);
      page.on('response', record);
      await load();
      await page.waitForLoadState('load');
      page.off('response', record);
      const sizes = await Promise.all(responses.map(async (r) => ({ url: new URL(r.url()).pathname, fromCache: await r.request().sizes().then((s) => s.responseBodySize <= 0), ...(await r.request().sizes()) })));
      const bytes = sizes.reduce((sum, s) => sum + Math.max(0, s.responseHeadersSize) + Math.max(0, s.responseBodySize), 0);
      return { bytes, sizes };
    };
    const cold = await weigh(() => page.getByRole('link', { name: 'Kinerja kantor' }).click());
    expect(new URL(page.url()).pathname).toBe('/penyelia');
    expect(cold.sizes.map((s) => s.url).sort()).toEqual(['/aset/chart.umd.min.js', '/aset/console.css', '/aset/supervisor-charts.js', '/penyelia']);
    const warm = await weigh(() => page.goto(`${konsol.url}/penyelia`));
    const list = (w: typeof cold) => w.sizes.map((s) => `${s.url} ${s.fromCache ? 'cache' : s.responseBodySize}`).join(', ');
    console.log(`/penyelia weight, first visit: ${cold.bytes} bytes (${list(cold)}); next visit: ${warm.bytes} bytes (${list(warm)})`);
    // Chart.js is most of it (gzipped by the console); a later visit fetches the page alone.
    expect(cold.bytes).toBeLessThan(120_000);
    expect(warm.bytes).toBeLessThan(20_000);

    // And on a district office's slow line: 1.6 Mbps down, 150 ms round trips, nothing cached.
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 });
    const started = Date.now();
    await page.goto(`${konsol.url}/penyelia`, { waitUntil: 'load' });
    const slowMs = Date.now() - started;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    console.log(`/penyelia at 1.6 Mbps, 150 ms latency, nothing cached: loaded in ${slowMs} ms`);

    const { complaintStatistics: stats } = await gql(DISTRICT, STATISTICS);
    const table = await tableOf(page);
    expect(stats.groups.length).toBeGreaterThan(1);
    expect(table.size).toBe(stats.groups.length + 1);
    for (const group of stats.groups) expect(table.get(group.office?.name ?? 'Belum ditangani kantor mana pun'), group.office?.name).toEqual(numbersOf(group));
    expect(table.get('Jumlah')).toEqual(numbersOf(stats));
    expect([...table.keys()][0]).toBe('Dinas Sosial Kota Bandung');

    // Every chart drawn by Chart.js, from the same numbers, with its label for assistive technology.
    const charts = await page.evaluate(() => ['grafik-umur', 'grafik-tepat', 'grafik-terlambat'].map((id) => {
      const canvas = document.getElementById(id) as HTMLCanvasElement;
      const chart = (window as any).Chart.getChart(canvas);
      return { id, drawn: Boolean(chart) && canvas.width > 0, labels: chart?.data.labels.length, label: canvas.getAttribute('aria-labelledby'), role: canvas.getAttribute('role') };
    }));
    for (const chart of charts) expect(chart).toEqual({ id: chart.id, drawn: true, labels: stats.groups.length, label: `${chart.id}-judul`, role: 'img' });
    const breachedChart = await page.evaluate(() => (window as any).Chart.getChart(document.getElementById('grafik-terlambat')).data.datasets[0].data);
    expect(breachedChart.reduce((a: number, b: number) => a + b, 0)).toBe(stats.slaBreached);

    await expectAccessible(page, '/penyelia');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'supervisor.png'), fullPage: true });

    // This month only: the numbers of complaints received since the 1st, 00.00 WIB.
    await page.getByLabel('Bulan ini').check();
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.waitForLoadState('load');
    const wib = new Date(Date.now() + 7 * 3_600_000);
    const createdFrom = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), 1) - 7 * 3_600_000).toISOString();
    const { complaintStatistics: month } = await gql(DISTRICT, STATISTICS, { filter: { createdFrom } });
    // (On the 1st of a month there may be none yet: the page then says so instead of a table.)
    if (month.total === 0) expect(await page.locator('main').textContent()).toContain('Tidak ada pengaduan pada periode ini');
    else expect((await tableOf(page)).get('Jumlah')).toEqual(numbersOf(month));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is for supervisors of social offices: an officer’s account gets 403, a bank’s too', async () => {
    for (const username of ['budi', 'dewi']) {
      const context = await officerContext(browser);
      const page = await signIn(context, konsol.url, username);
      const response = await page.goto(`${konsol.url}/penyelia`);
      expect(response!.status(), username).toBe(403);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Khusus penyelia');
      await context.close();
    }
  });
});
