import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { submitted, type Submitted } from '../support/handling';
import { useTestServer } from '../support/server';
import { expectAccessible, officerContext, SCREENSHOTS, signIn, startConsole, type Console } from './handler-console-harness';
import { launchChromium } from './regional-portal-harness';
import { minimalPdf, phonePhoto } from '../evidence/evidence-fixtures';

/**
 * The handler console's complaint page, end to end: the built console in
 * front of the real Aduan over the demo database, officers signed in through
 * its form in Chromium. Each test files its own complaint (the portal's
 * client, about Kelurahan Sukarasa), so the tests do not depend on each other
 * or on the demo data's complaints.
 */

const db = useTestDatabase('demo');
const aduan = useTestServer(db);

const NIK = '3273014507850001';
const NOT_FOUND = 'Pengaduan tidak ditemukan atau di luar wilayah kerja Anda';

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

const auditor = () => as(aduan, 'demo-auditor');
const district = () => as(aduan, 'demo-dinsos-3273');

/** The complaint as Aduan has it (the district's client sees every complaint of Kota Bandung). */
async function current(id: string): Promise<{ status: string; version: number; currentTier: string; timeline: { edges: { node: { type: string; actorOfficer: { name: string } | null; message: string | null } }[] } }> {
  const { body } = await district()(`query ($id: ID!) { complaint(id: $id) { status version currentTier timeline(first: 100) { edges { node { type message actorOfficer { name } } } } } }`, { id });
  expect(body.errors).toBeUndefined();
  return body.data.complaint;
}

async function officerPage(username: string): Promise<Page> {
  const context = await officerContext(browser);
  try {
    return await signIn(context, konsol.url, username);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await context.pages()[0]?.locator('main').textContent()}\n${konsol.log()}`);
  }
}

async function open(page: Page, complaint: Submitted): Promise<void> {
  const response = await page.goto(`${konsol.url}/pengaduan/${complaint.id}`);
  expect(response?.status(), konsol.log()).toBe(200);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(complaint.trackingCode);
}

/** Sends one action's form (its section's button) and waits for the page that answers. */
async function send(page: Page, action: string): Promise<number | undefined> {
  const section = page.locator(`#tindakan-${action}`);
  const [response] = await Promise.all([page.waitForNavigation(), section.getByRole('button').click()]);
  return response?.status();
}

async function notice(page: Page): Promise<string> {
  // The success notice, or else what the page said instead (for the failure message).
  if (await page.locator('.notice.ok').count()) return (await page.locator('.notice.ok').textContent()) ?? '';
  return `no success notice: ${(await page.locator('.notice.error, .field-error, .notice.warn').allTextContents()).join(' | ')}`;
}

describe('the village officer', () => {
  it('verifies a complaint of Kelurahan Sukarasa and requests information; each step names her on the timeline', async () => {
    const complaint = await submitted(aduan);
    const page = await officerPage('rina');
    await open(page, complaint);
    // The complainant is not read until asked.
    expect(await page.locator('main').textContent()).not.toContain(NIK);

    await send(page, 'verifikasi');
    expect(page.url()).toContain('selesai=verifikasi');
    expect(await notice(page)).toContain('diverifikasi');
    expect((await current(complaint.id)).status).toBe('VERIFIED');

    await page.locator('#tindakan-minta-informasi').getByLabel('Informasi yang diminta').fill('Mohon kirim foto buku tabungan KKS halaman terakhir.');
    await send(page, 'minta-informasi');
    expect(await notice(page)).toContain('Permintaan informasi dikirim');
    const after = await current(complaint.id);
    expect(after.status).toBe('PENDING_INFO');
    const steps = after.timeline.edges.map((e) => e.node).filter((e) => e.type === 'VERIFIED' || e.type === 'INFORMATION_REQUESTED');
    expect(steps.map((e) => e.actorOfficer?.name)).toEqual(['Rina Marlina', 'Rina Marlina']);

    const timeline = page.locator('.timeline');
    const verified = timeline.locator('li', { hasText: 'Diverifikasi' });
    await expect.poll(() => verified.textContent()).toContain('Rina Marlina');
    const requested = timeline.locator('li', { hasText: 'Informasi diminta dari pelapor' });
    expect(await requested.textContent()).toContain('Rina Marlina');
    expect(await requested.textContent()).toContain('foto buku tabungan KKS');
    await page.context().close();
  });

  it('a field left empty is refused next to it, the form kept; Aduan\'s own refusal is shown too', async () => {
    const complaint = await submitted(aduan);
    const page = await officerPage('rina');
    await open(page, complaint);
    // Rejecting for "no response" a complaint that never waited for one: the console sends it, Aduan refuses.
    await page.locator('summary', { hasText: 'Tindakan lain' }).click();
    await page.locator('#tindakan-tolak').getByLabel('Alasan penolakan').selectOption('NO_RESPONSE');
    expect(await send(page, 'tolak')).toBe(422);
    expect(await page.locator('#tolak-publicMessage-salah').textContent()).toContain('Tulis penjelasan');
    expect(await page.locator('#tindakan-tolak').getByLabel('Alasan penolakan').inputValue()).toBe('NO_RESPONSE');
    await page.locator('#tindakan-tolak').getByLabel('Penjelasan untuk pelapor').fill('Pelapor tidak menjawab.');
    expect(await send(page, 'tolak')).toBe(422);
    expect(await page.locator('#tindakan-tolak').textContent()).toContain('menunggu kelengkapan data');
    expect(await page.locator('#tindakan-tolak').getByLabel('Penjelasan untuk pelapor').inputValue()).toBe('Pelapor tidak menjawab.');
    expect((await current(complaint.id)).status).toBe('RECEIVED');
    await page.context().close();
  });

  it('shows the NIK only when asked, and the access log names her', async () => {
    const complaint = await submitted(aduan);
    const page = await officerPage('rina');
    await open(page, complaint);
    const LOG = `query ($s: String) { personalDataAccessLog(first: 50, subjectId: $s) { edges { node { field clientId officer { id name } } } } }`;
    const logOf = async () => ((await auditor()(LOG, { s: complaint.id })).body.data.personalDataAccessLog.edges as { node: { field: string; clientId: string; officer: { name: string } | null } }[]).map((e) => e.node);
    expect((await logOf()).filter((row) => row.clientId === 'demo-village-3273011001')).toEqual([]);

    await page.getByRole('button', { name: 'Tampilkan NIK dan nomor telepon' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.identity').textContent()).toContain(NIK);
    expect(await page.locator('.identity').textContent()).toContain('+6281234567890');
    await expectAccessible(page, 'the complaint page with the identity shown');

    const rows = (await logOf()).filter((row) => row.clientId === 'demo-village-3273011001');
    expect(rows.map((row) => row.field).sort()).toEqual(['complainant.nik', 'complainant.phone']);
    expect(rows.every((row) => row.officer?.name === 'Rina Marlina')).toBe(true);

    // The next view hides it again.
    await open(page, complaint);
    expect(await page.locator('main').textContent()).not.toContain(NIK);
    await page.context().close();
  });
});

describe('the district officer', () => {
  it('escalates, refers to BRI and resolves with a decision; the timeline names each officer', async () => {
    const complaint = await submitted(aduan);
    const rina = await officerPage('rina');
    await open(rina, complaint);
    await send(rina, 'verifikasi');
    await rina.context().close();

    const page = await officerPage('budi');
    await open(page, complaint);
    await page.locator('#tindakan-naikkan').getByLabel('Alasan eskalasi').fill('Perlu pemadanan data DTSEN di tingkat kota.');
    await send(page, 'naikkan');
    expect(await notice(page)).toContain('dinaikkan');
    expect((await current(complaint.id)).currentTier).toBe('DISTRICT');

    const refer = page.locator('#tindakan-rujuk');
    await refer.getByLabel('Tujuan rujukan').selectOption({ label: 'PT Bank Rakyat Indonesia (Persero) Tbk' });
    await refer.getByLabel('Alasan rujukan').fill('Mohon cek status rekening KKS penerima.');
    await send(page, 'rujuk');
    expect(await notice(page)).toContain('dirujuk');
    expect(await page.locator('#rujukan + ul').textContent()).toContain('Mohon cek status rekening KKS');

    // BRI's officer reads the complaint referred to the bank: no step of a handler offered, the complainant not read.
    const dewi = await officerPage('dewi');
    await open(dewi, complaint);
    expect(await dewi.locator('#rujukan + ul').textContent()).toContain('Mohon cek status rekening KKS');
    expect(await dewi.locator('.complaint-actions form').count()).toBe(0);
    expect(await dewi.locator('main').textContent()).not.toContain(NIK);
    await dewi.context().close();

    // The page with its forms, mid-way (escalated and referred), for the README.
    await page.screenshot({ path: path.join(SCREENSHOTS, 'complaint.png'), fullPage: true });

    const resolve = page.locator('#tindakan-selesaikan');
    await resolve.getByLabel('Keputusan').selectOption('UPHELD');
    await resolve.getByLabel('Tanggapan untuk pelapor').fill('Rekening sudah diaktifkan kembali; bantuan cair bulan ini.');
    await send(page, 'selesaikan');
    expect(await notice(page)).toContain('diselesaikan');
    const after = await current(complaint.id);
    expect(after.status).toBe('RESOLVED');

    const byType = (type: string) => after.timeline.edges.map((e) => e.node).find((e) => e.type === type)?.actorOfficer?.name;
    expect([byType('VERIFIED'), byType('ESCALATED'), byType('REFERRED'), byType('RESOLVED')]).toEqual(['Rina Marlina', 'Budi Santoso', 'Budi Santoso', 'Budi Santoso']);
    const timeline = page.locator('.timeline');
    for (const [label, name] of [['Diverifikasi', 'Rina Marlina'], ['Dinaikkan ke tingkat atas', 'Budi Santoso'], ['Dirujuk', 'Budi Santoso'], ['Diselesaikan', 'Budi Santoso']]) {
      expect(await timeline.locator('li', { hasText: label }).first().locator('.event-actor').textContent(), label).toContain(name);
    }
    await expectAccessible(page, 'the complaint page');
    await page.context().close();
  });
});

describe('possible duplicates and evidence', () => {
  it('lists another complaint about the same family and merges into it', async () => {
    const subjectNik = '3273015012800007';
    const first = await submitted(aduan, { subjectNik, programCode: 'BPNT' });
    const second = await submitted(aduan, { subjectNik, programCode: 'BPNT' });
    const page = await officerPage('rina');
    await open(page, second);
    expect(await page.locator('#kemungkinan-duplikat + ul').textContent()).toContain(first.trackingCode);
    const merge = page.locator('#tindakan-duplikat');
    await merge.getByLabel(new RegExp(first.trackingCode)).check();
    await send(page, 'duplikat');
    expect(await notice(page)).toContain('digabungkan');
    expect((await current(second.id)).status).toBe('DUPLICATE');
    expect(await page.locator('.facts').textContent()).toContain(`Duplikat dari${first.trackingCode}`);
    await page.context().close();
  });

  it('shows a photo inline and opens a PDF through the console; each download is logged under the officer', async () => {
    const complaint = await submitted(aduan);
    const portal = as(aduan, 'demo-portal-3273');
    for (const [fileName, contentType, kind, bytes] of [['rumah.jpg', 'image/jpeg', 'PHOTO', await phonePhoto()], ['surat.pdf', 'application/pdf', 'LETTER', minimalPdf()]] as const) {
      const { body } = await portal(`mutation ($input: RequestEvidenceUploadInput!) { requestEvidenceUpload(input: $input) { upload { url } userErrors { code } } }`, {
        input: { idempotencyKey: randomUUID(), complaintId: complaint.id, fileName, contentType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), kind },
      });
      expect(body.data.requestEvidenceUpload.userErrors).toEqual([]);
      expect((await fetch(body.data.requestEvidenceUpload.upload.url, { method: 'PUT', body: bytes })).status).toBe(201);
    }
    const page = await officerPage('budi');
    await open(page, complaint);
    const photo = page.locator('.evidence img');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await photo.getAttribute('alt')).toBe('Foto: rumah.jpg');
    const pdfHref = await page.getByRole('link', { name: /Buka PDF/ }).getAttribute('href');
    const pdf = await page.request.get(`${konsol.url}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // Another complaint's id in the address does not reach this evidence.
    const other = await submitted(aduan);
    expect((await page.request.get(`${konsol.url}${pdfHref!.replace(complaint.id, other.id)}`)).status()).toBe(404);

    const { body } = await auditor()(`query ($o: String) { personalDataAccessLog(first: 100, officerId: $o) { edges { node { subjectType field officer { name } } } } }`, { o: 'dinsos-3273.budi' });
    const downloads = (body.data.personalDataAccessLog.edges as { node: { subjectType: string; officer: { name: string } } }[]).map((e) => e.node).filter((n) => n.subjectType === 'Evidence');
    expect(downloads.length).toBeGreaterThanOrEqual(2);
    expect(downloads.every((n) => n.officer.name === 'Budi Santoso')).toBe(true);
    await page.context().close();
  });
});

describe('record-keeping steps', () => {
  it('the district corrects the village, schedules and records a home visit and a case conference with BRI, and assigns to a colleague', async () => {
    const complaint = await submitted(aduan);
    const page = await officerPage('budi');
    page.setDefaultTimeout(5_000);
    await open(page, complaint);
    const other = page.locator('summary', { hasText: 'Tindakan lain' });
    const openOther = async () => { if (await other.count()) await other.evaluate((s) => ((s.parentElement as HTMLDetailsElement).open = true)); };

    await openOther();
    const correct = page.locator('#tindakan-koreksi');
    const village = await correct.getByLabel('Desa/kelurahan').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).find((v) => v !== '32.73.01.1001'));
    await correct.getByLabel('Desa/kelurahan').selectOption(village!);
    await correct.getByLabel('Alasan koreksi').fill('Alamat pelapor ternyata di kelurahan sebelah.');
    await send(page, 'koreksi');
    expect(await notice(page)).toContain('dikoreksi');

    const tomorrow = new Date(Date.now() + 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    await openOther();
    const visit = page.locator('#tindakan-jadwal-kunjungan');
    await visit.getByLabel('Tanggal dan jam kunjungan (WIB)').fill(`${tomorrow}T09:00`);
    await send(page, 'jadwal-kunjungan');
    expect(await notice(page)).toContain('Kunjungan rumah dijadwalkan');
    const recordVisit = page.locator('#tindakan-catat-kunjungan');
    await recordVisit.getByLabel('Hasil').selectOption('CONFIRMED');
    await recordVisit.getByLabel('Temuan').fill('Keluarga benar tidak menerima bantuan sejak Agustus.');
    await send(page, 'catat-kunjungan');
    expect(await notice(page)).toContain('Hasil kunjungan rumah dicatat');
    expect(await page.locator('#kunjungan + ul').textContent()).toContain('Keluarga benar tidak menerima bantuan');

    await openOther();
    const conference = page.locator('#tindakan-jadwal-rapat');
    await conference.getByLabel('Tanggal dan jam (WIB)').fill(`${tomorrow}T13:30`);
    await conference.getByLabel('Tempat').fill('Aula Dinas Sosial Kota Bandung');
    await conference.getByLabel('Agenda').fill('Pemadanan data penerima dan rekening KKS.');
    await conference.getByLabel('Undang peserta').selectOption({ label: 'PT Bank Rakyat Indonesia (Persero) Tbk' });
    await send(page, 'jadwal-rapat');
    expect(await notice(page)).toContain('Rapat kasus dijadwalkan');
    const recordConference = page.locator('#tindakan-catat-rapat');
    await recordConference.getByLabel('Keputusan rapat').fill('BRI membuka blokir rekening KKS.');
    await recordConference.getByLabel('Tindak lanjut', { exact: true }).fill('Buka blokir rekening');
    await recordConference.getByLabel('Oleh').selectOption({ label: 'PT Bank Rakyat Indonesia (Persero) Tbk' });
    await send(page, 'catat-rapat');
    expect(await notice(page)).toContain('Hasil rapat kasus dicatat');
    expect(await page.locator('#rapat + ul').textContent()).toContain('Buka blokir rekening — PT Bank Rakyat Indonesia (Persero) Tbk');

    // Assigning needs a verified complaint.
    await page.locator('#tindakan-verifikasi').count() && await send(page, 'verifikasi');
    await openOther();
    await page.locator('#tindakan-tugaskan').getByLabel('Petugas kantor Anda').selectOption({ label: 'Sari Wulandari' });
    await send(page, 'tugaskan');
    expect(await notice(page)).toContain('ditugaskan');
    expect(await page.locator('.facts').textContent()).toContain('petugas: Sari Wulandari');

    const types = (await current(complaint.id)).timeline.edges.map((e) => e.node).filter((e) => e.actorOfficer?.name === 'Budi Santoso').map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['CORRECTED', 'HOME_VISIT_SCHEDULED', 'HOME_VISIT_RECORDED', 'CASE_CONFERENCE_SCHEDULED', 'CASE_CONFERENCE_HELD', 'ASSIGNED']));
    await page.context().close();
  }, 60_000);
});

describe('STALE_VERSION', () => {
  it('two officers open the same complaint; the second is told what changed, keeps what he typed, and succeeds on resend', async () => {
    const complaint = await submitted(aduan);
    const budi = await officerPage('budi');
    const sari = await officerPage('sari');
    await open(budi, complaint);
    await open(sari, complaint);

    await sari.locator('#tindakan-catatan').getByLabel('Catatan').fill('Sudah saya telepon pelapor; ia akan datang ke kantor.');
    await send(sari, 'catatan');
    expect(await notice(sari)).toContain('Catatan internal disimpan');

    const note = 'Jadwalkan pemadanan data minggu ini.';
    await budi.locator('#tindakan-catatan').getByLabel('Catatan').fill(note);
    expect(await send(budi, 'catatan')).toBe(409);
    const stale = budi.locator('#tindakan-catatan .stale');
    expect(await stale.textContent()).toContain('berubah sejak Anda membukanya');
    expect(await stale.textContent()).toContain('Catatan internal oleh Sari Wulandari');
    expect(await stale.textContent()).toContain('Sudah saya telepon pelapor');
    expect(await budi.locator('#tindakan-catatan').getByLabel('Catatan').inputValue()).toBe(note);
    await expectAccessible(budi, 'the STALE_VERSION answer');
    await budi.screenshot({ path: path.join(SCREENSHOTS, 'stale-version.png'), fullPage: true });

    const before = (await current(complaint.id)).version;
    await budi.locator('#tindakan-catatan').getByRole('button', { name: /Kirim ulang/ }).click();
    await budi.waitForLoadState('load');
    expect(await notice(budi)).toContain('Catatan internal disimpan');
    const after = await current(complaint.id);
    expect(after.version).toBe(before + 1);
    const notes = after.timeline.edges.map((e) => e.node).filter((e) => e.type === 'INTERNAL_NOTE');
    expect(notes.map((e) => [e.actorOfficer?.name, e.message])).toEqual([['Sari Wulandari', 'Sudah saya telepon pelapor; ia akan datang ke kantor.'], ['Budi Santoso', note]]);

    // Resolved meanwhile: the form is still there with what he typed, and the notice says who resolved it.
    await open(sari, complaint);
    await sari.locator('summary', { hasText: 'Tindakan lain' }).click();
    await sari.locator('#tindakan-selesaikan').getByLabel('Keputusan').selectOption('NOT_UPHELD');
    await sari.locator('#tindakan-selesaikan').getByLabel('Tanggapan untuk pelapor').fill('Data pelapor sudah sesuai; bantuan cair bulan depan.');
    await send(sari, 'selesaikan');
    expect(await notice(sari)).toContain('diselesaikan');
    await budi.locator('summary', { hasText: 'Tindakan lain' }).click();
    await budi.locator('#tindakan-naikkan').getByLabel('Alasan eskalasi').fill('Perlu keputusan provinsi.');
    expect(await send(budi, 'naikkan')).toBe(409);
    expect(await budi.locator('#tindakan-naikkan .stale').textContent()).toContain('Diselesaikan oleh Sari Wulandari');
    expect(await budi.locator('#tindakan-naikkan').getByLabel('Alasan eskalasi').inputValue()).toBe('Perlu keputusan provinsi.');
    await budi.context().close();
    await sari.context().close();
  });
});

describe('jurisdiction', () => {
  it('an officer of Surabaya gets a 404 on a Bandung complaint, and his POST to it changes nothing', async () => {
    const complaint = await submitted(aduan);
    const before = await current(complaint.id);
    const page = await officerPage('agus');
    const response = await page.goto(`${konsol.url}/pengaduan/${complaint.id}`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('main').textContent()).toContain(NOT_FOUND);
    expect(await page.locator('main').textContent()).not.toContain(complaint.trackingCode);

    // A form of his own session (a valid CSRF token) sent to the Bandung complaint: refused, nothing changed.
    await page.goto(`${konsol.url}/`);
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    for (const [action, fields] of [['verifikasi', {}], ['catatan', { note: 'coba' }], ['naikkan', { reason: 'coba' }]] as const) {
      const answer = await page.request.post(`${konsol.url}/pengaduan/${complaint.id}/tindakan/${action}`, { form: { _csrf: csrf, version: String(before.version), seq: '1', ...fields }, maxRedirects: 0 });
      expect(answer.status(), action).toBe(404);
      expect(await answer.text()).toContain(NOT_FOUND);
    }
    const reveal = await page.request.post(`${konsol.url}/pengaduan/${complaint.id}/identitas`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(reveal.status()).toBe(404);
    expect(await reveal.text()).not.toContain(NIK);
    const after = await current(complaint.id);
    expect([after.status, after.version, after.timeline.edges.length]).toEqual([before.status, before.version, before.timeline.edges.length]);
    await page.context().close();
  });
});
