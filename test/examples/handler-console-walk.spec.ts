import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { submitted } from '../support/handling';
import { useTestServer } from '../support/server';
import { expectAccessible, officerContext, signIn, startConsole, type Console } from './handler-console-harness';
import { launchChromium } from './regional-portal-harness';

/**
 * The walk, as one story through the console in Chromium, each
 * officer in a browser of their own: a citizen's complaint about Kelurahan
 * Sukarasa reaches Rina at the kelurahan, who verifies it and asks for
 * information; the complainant answers with code and PIN; Rina sends it up to
 * Dinas Sosial Kota Bandung, where Budi refers it to
 * BRI; Dewi at BRI answers; Budi resolves. Every step is on the timeline
 * under the name of the officer who took it, in the console and in Aduan.
 */

const db = useTestDatabase('demo');
const aduan = useTestServer(db);

let konsol: Console;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  konsol = await startConsole({ ADUAN_URL: `${aduan.url}/graphql` });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await konsol?.stop();
});

async function officer(username: string): Promise<Page> {
  const context = await officerContext(browser);
  contexts.push(context);
  return signIn(context, konsol.url, username);
}

/** Sends the form of one step on the complaint page and expects the console's success notice. */
async function step(page: Page, action: string, fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {}): Promise<void> {
  const form = page.locator(`#tindakan-${action}`);
  await fill(form);
  await Promise.all([page.waitForNavigation(), form.getByRole('button').first().click()]);
  const notice = page.locator('.notice.ok');
  expect(await notice.count(), `${action}: ${(await page.locator('.notice, .field-error').allTextContents()).join(' | ')}`).toBe(1);
}

describe('the walk: kelurahan → Dinas Sosial → BRI → resolved, each step named after its officer', () => {
  it('goes through the console from intake to resolution', async () => {
    const complaint = await submitted(aduan, {
      programCode: 'PKH', category: 'NOT_RECEIVED',
      description: 'Sudah dua bulan PKH kami tidak cair; kata pendamping rekening KKS kami diblokir bank.',
    });
    const complaintPage = `${konsol.url}/pengaduan/${complaint.id}`;

    // The kelurahan: Rina finds it in her inbox, verifies it and asks for the KKS book.
    const rina = await officer('rina');
    await rina.goto(`${konsol.url}/?f=1&status=RECEIVED&urut=terbaru`);
    await Promise.all([rina.waitForNavigation(), rina.getByRole('link', { name: complaint.trackingCode }).click()]);
    expect(rina.url()).toBe(complaintPage);
    await step(rina, 'verifikasi');
    await step(rina, 'minta-informasi', (form) => form.getByLabel('Informasi yang diminta').fill('Mohon kirim foto halaman depan buku tabungan KKS.'));
    await expect.poll(() => rina.locator('.sla').first().textContent()).toContain('Dijeda');

    // The complainant answers with the code and PIN from their receipt (the public API, as the portal does).
    const answered = await aduan.gql(
      `mutation ($input: AnswerInformationRequestInput!) { answerInformationRequest(input: $input) { userErrors { code message } } }`,
      { input: { trackingCode: complaint.trackingCode, pin: complaint.replyPin, information: 'Buku tabungan KKS atas nama saya, nomor rekening berakhiran 4471.' } },
    );
    expect(answered.body.data.answerInformationRequest.userErrors).toEqual([]);

    // Rina cannot fix a blocked account at the kelurahan: up to the district.
    await rina.goto(complaintPage);
    await step(rina, 'naikkan', (form) => form.getByLabel('Alasan eskalasi').fill('Rekening KKS diblokir: perlu koordinasi Dinas Sosial dengan bank penyalur.'));

    // The district: Budi refers it to BRI.
    const budi = await officer('budi');
    await budi.goto(complaintPage);
    await step(budi, 'rujuk', async (form) => {
      await form.getByLabel('Tujuan rujukan').selectOption({ label: 'PT Bank Rakyat Indonesia (Persero) Tbk' });
      await form.getByLabel('Alasan rujukan').fill('Mohon periksa status blokir rekening KKS penerima PKH ini.');
    });

    // BRI: Dewi answers the referral from the bank's page.
    const dewi = await officer('dewi');
    expect(new URL(dewi.url()).pathname).toBe('/bank');
    const card = dewi.getByRole('article').filter({ hasText: complaint.trackingCode });
    await card.getByLabel(`Jawaban bank untuk ${complaint.trackingCode}`).fill('Rekening diblokir karena dormant; sudah kami aktifkan kembali hari ini.');
    await Promise.all([dewi.waitForNavigation(), card.getByRole('button', { name: 'Kirim jawaban' }).click()]);
    await expect.poll(() => dewi.locator('.notice.ok').count()).toBe(1);
    await expectAccessible(dewi, "the bank's page after an answer");

    // Back at the district: Budi reads BRI's answer and resolves.
    await budi.goto(complaintPage);
    expect(await budi.locator('main').textContent()).toContain('sudah kami aktifkan kembali');
    await step(budi, 'selesaikan', async (form) => {
      await form.getByLabel('Keputusan').selectOption('UPHELD');
      await form.getByLabel('Tanggapan untuk pelapor').fill('Rekening KKS Anda sudah aktif kembali; PKH akan cair pada penyaluran berikutnya.');
    });
    await expectAccessible(budi, 'the resolved complaint');

    // The timeline, in the console: each officer by name, with their office.
    const timeline = (await budi.locator('.timeline').textContent())!.replace(/\s+/g, ' ');
    for (const who of ['Rina Marlina · Kantor Kelurahan Sukarasa', 'Budi Santoso · Dinas Sosial Kota Bandung', 'Dewi Anggraini · PT Bank Rakyat Indonesia']) {
      expect(timeline).toContain(who);
    }

    // …and in Aduan, event by event.
    const { body } = await as(aduan, 'demo-auditor')(
      `query ($id: ID!) { complaint(id: $id) { status resolutionDecision timeline(first: 100) { edges { node { type actorOfficer { id name } } } } } }`,
      { id: complaint.id },
    );
    const byOfficer = body.data.complaint.timeline.edges
      .map((e: { node: { type: string; actorOfficer: { name: string } | null } }) => e.node)
      .filter((event: { type: string }) => !event.type.startsWith('NOTIFICATION_'))
      .map((event: { type: string; actorOfficer: { name: string } | null }) => `${event.type}: ${event.actorOfficer?.name ?? '–'}`);
    expect(body.data.complaint).toMatchObject({ status: 'RESOLVED', resolutionDecision: 'UPHELD' });
    expect(byOfficer).toEqual(expect.arrayContaining([
      'VERIFIED: Rina Marlina',
      'INFORMATION_REQUESTED: Rina Marlina',
      'ESCALATED: Rina Marlina',
      'REFERRED: Budi Santoso',
      'REFERRAL_ANSWERED: Dewi Anggraini',
      'RESOLVED: Budi Santoso',
    ]));
  }, 120_000);
});
