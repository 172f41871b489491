import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../server/src/common/personal-data';
import { storeDemoMinutes } from '../../server/src/demo/deliberation-minutes';
import { cleanupEvidence } from '../../server/src/evidence/cleanup-evidence';
import { LocalEvidenceStorage } from '../../server/src/evidence/storage/local-storage';
import { as, tokenFor } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { DemoRecipient, paidHead, PROPOSE, proposalInput, REVIEW, SUKARASA } from '../support/recipients';
import { useTestServer } from '../support/server';
import { htmlPage, locationIn, phonePhoto, sha256 } from '../evidence/evidence-fixtures';

/**
 * Village deliberations in the open (docs/adr/0038): anyone reads what a
 * Musdes proposed — names masked as the aid check masks them, never a NIK, KK,
 * birth date or address — the district's review, the signed minutes (stripped
 * of their metadata) and each approved change's provenance check.
 */
let root = '';
let storage: LocalEvidenceStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aduan-deliberations-'));
  storage = new LocalEvidenceStorage(path.join(root, 'evidence'));
  await storage.check();
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const db = useTestDatabase('demo');
const api = useTestServer(db, { evidenceStorage: () => storage });
const limited = useTestServer(db, { evidenceStorage: () => storage, rateLimits: { clientPerMinute: 100_000, publicPerMinute: 2 } });
const village = () => as(api, 'demo-village-3273011001');
const district = () => as(api, 'demo-dinsos-3273');

const PUBLIC_FIELDS = `id heldOn minutesNumber attendanceCount recordedAt recordedBy village { code name }
  changes { position kind status name reviewedAt reviewedBy programs { code }
    provenance { intact changeRecorded entries checkedAt brokenAt { seq reason } } }
  changeCounts { kind proposed approved rejected pending }
  programChangeCounts { program { code } kind count }
  review { approved rejected pending complete firstReviewedAt lastReviewedAt reviewedBy }
  minutes { id contentType size sha256 metadataRemoved attachedAt url }
  provenanceIntact`;

/** What a list page shows (the whole view is one deliberation's: the cost ceiling keeps a page of 20 to the summary). */
const LIST = `query ($region: String!, $first: Int, $after: String) { villageDeliberations(regionCode: $region, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id heldOn minutesNumber attendanceCount recordedBy village { code }
    changes { kind status name } changeCounts { kind proposed approved rejected pending } review { approved rejected pending complete }
    minutes { url } provenanceIntact } } } }`;
const ONE = `query ($id: ID!) { villageDeliberation(id: $id) { ${PUBLIC_FIELDS} } }`;
const REQUEST = `mutation ($input: RequestDeliberationMinutesUploadInput!) {
  requestDeliberationMinutesUpload(input: $input) { upload { url method expiresAt size } userErrors { field code message } } }`;

const minutesNumber = `140/BA-MUSDES/${randomUUID().slice(0, 8)}`;
const REASON = 'Pendataan ulang RT 05: alamat dan status keluarga.';
const NOTE = 'Diverifikasi dengan kunjungan rumah oleh pendamping.';
let heads: DemoRecipient[] = [];
let deliberationId = '';

async function publicDeliberation() {
  const { status, body } = await api.gql(ONE, { id: deliberationId });
  expect(status).toBe(200);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return { body, deliberation: body.data.villageDeliberation };
}

async function requestUpload(caller: ReturnType<typeof as>, bytes: Buffer, contentType: string, id = deliberationId) {
  const { body } = await caller(REQUEST, {
    input: { idempotencyKey: randomUUID(), deliberationId: id, fileName: 'BA Musdes Siti Aminah.pdf', contentType, size: bytes.length, sha256: sha256(bytes) },
  });
  return body;
}

async function uploadMinutes(bytes: Buffer, contentType: string) {
  const body = await requestUpload(village(), bytes, contentType);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data.requestDeliberationMinutesUpload.userErrors).toEqual([]);
  const response = await fetch(body.data.requestDeliberationMinutesUpload.upload.url, { method: 'PUT', body: bytes });
  return { status: response.status, body: await response.json() };
}

/** A PDF as office software writes it: the information dictionary, an XMP stream naming the author, and a phone photo of the signed page (EXIF, GPS). */
async function minutesPdfWithMetadata(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('Berita Acara Musdes Sukarasa');
  pdf.setAuthor('Siti Aminah');
  pdf.setCreator('Microsoft Word');
  pdf.setProducer('Scanner Kantor Kelurahan');
  pdf.setKeywords(['rahasia']);
  const photo = await pdf.embedJpg(await phonePhoto(240, 160));
  const page = pdf.addPage([595, 842]);
  page.drawImage(photo, { x: 50, y: 500, width: 240, height: 160 });
  page.drawText('BERITA ACARA MUSYAWARAH DESA', { x: 50, y: 780, size: 14 });
  const xmp = pdf.context.stream('<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Siti Aminah</dc:creator><exif:GPSLatitude>6,52.67S</exif:GPSLatitude></x:xmpmeta>',
    { Type: 'Metadata', Subtype: 'XML' });
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(xmp));
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

beforeAll(async () => {
  heads = [];
  for (let skip = 0; heads.length < 3; skip += 1) heads.push(await paidHead(db, SUKARASA, 'BRI', 'BPNT', skip));
  const inputs = [
    proposalInput({ kind: 'UPDATE', nik: heads[0].nik, reason: REASON, data: { address: 'Jl. Cipaganti Gg. Rahasia No. 7' }, deliberation: { minutesNumber } }),
    proposalInput({ kind: 'UPDATE', nik: heads[1].nik, reason: REASON, data: { address: 'Jl. Setiabudi Gg. Rahasia No. 9' }, deliberation: { minutesNumber } }),
    proposalInput({ kind: 'REMOVE', nik: heads[2].nik, reason: REASON, deliberation: { minutesNumber } }),
  ];
  const proposals = [];
  for (const input of inputs) {
    const { body } = await village()(PROPOSE, { input });
    expect(body.data.proposeRecipientChange.userErrors).toEqual([]);
    proposals.push(body.data.proposeRecipientChange.proposal);
  }
  deliberationId = proposals[0].deliberation.id;
  expect(proposals.every((p) => p.deliberation.id === deliberationId)).toBe(true);
  const approve = await district()(REVIEW, { input: { proposalId: proposals[0].id, decision: 'APPROVE', note: NOTE } });
  expect(approve.body.data.reviewRecipientChange.userErrors).toEqual([]);
  const reject = await district()(REVIEW, { input: { proposalId: proposals[1].id, decision: 'REJECT', note: NOTE } });
  expect(reject.body.data.reviewRecipientChange.userErrors).toEqual([]);
});

describe('the public view', () => {
  it('lists the village’s deliberations without a token, and a district’s, with the changes masked, the counts and the district’s review', async () => {
    const listed = await api.gql(LIST, { region: SUKARASA, first: 20 });
    expect(listed.body.errors, JSON.stringify(listed.body.errors)).toBeUndefined();
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM deliberations WHERE region_code = $1', [SUKARASA]);
    expect(listed.body.data.villageDeliberations.totalCount).toBe(n);
    const ours = listed.body.data.villageDeliberations.edges.map((e: { node: { id: string } }) => e.node).find((d: { id: string }) => d.id === deliberationId);
    expect(ours).toBeDefined();
    const byDistrict = await api.gql(LIST, { region: '32.73', first: 20 });
    expect(byDistrict.body.data.villageDeliberations.edges.some((e: { node: { id: string } }) => e.node.id === deliberationId)).toBe(true);
    expect((await api.gql(LIST, { region: '35.78', first: 20 })).body.data.villageDeliberations.edges.some((e: { node: { id: string } }) => e.node.id === deliberationId)).toBe(false);

    const { deliberation } = await publicDeliberation();
    const [villageOffice] = await db.dataSource.query(`SELECT o.name FROM organisations o JOIN api_clients a ON a.organisation_id = o.id WHERE a.client_id = 'demo-village-3273011001'`);
    expect(deliberation).toMatchObject({ minutesNumber, attendanceCount: 35, village: { code: SUKARASA }, recordedBy: villageOffice.name, minutes: null });
    expect(deliberation.changes.map((c: { position: number; kind: string; status: string; name: string }) => [c.position, c.kind, c.status, c.name])).toEqual([
      [1, 'UPDATE', 'APPROVED', maskName(heads[0].fullName)],
      [2, 'UPDATE', 'REJECTED', maskName(heads[1].fullName)],
      [3, 'REMOVE', 'PENDING', maskName(heads[2].fullName)],
    ]);
    expect(deliberation.changeCounts).toEqual([
      { kind: 'REMOVE', proposed: 1, approved: 0, rejected: 0, pending: 1 },
      { kind: 'UPDATE', proposed: 2, approved: 1, rejected: 1, pending: 0 },
    ]);
    const [districtOffice] = await db.dataSource.query(`SELECT o.name FROM organisations o JOIN api_clients a ON a.organisation_id = o.id WHERE a.client_id = 'demo-dinsos-3273'`);
    const [reviewed] = await db.dataSource.query(
      'SELECT min(reviewed_at) AS first, max(reviewed_at) AS last FROM recipient_change_proposals WHERE deliberation_id = (SELECT id FROM deliberations WHERE minutes_number = $1)', [minutesNumber]);
    expect(deliberation.review).toEqual({
      approved: 1, rejected: 1, pending: 1, complete: false, reviewedBy: [districtOffice.name],
      firstReviewedAt: reviewed.first.toISOString(), lastReviewedAt: reviewed.last.toISOString(),
    });
    expect(deliberation.changes[0].reviewedBy).toBe(districtOffice.name);
    expect(deliberation.changes[2]).toMatchObject({ reviewedBy: null, reviewedAt: null, provenance: null });

    // Counts per programme and kind, against the enrolments in the raw tables.
    const expected: { code: string; kind: string; count: number }[] = await db.dataSource.query(
      `SELECT e.program_code AS code, x.kind::text AS kind, count(DISTINCT x.id)::int AS count
         FROM recipient_change_proposals x JOIN program_enrolments e ON e.recipient_id = x.recipient_id
        WHERE x.deliberation_id = (SELECT id FROM deliberations WHERE minutes_number = $1)
        GROUP BY 1, 2 ORDER BY 1, CASE x.kind::text WHEN 'ADD' THEN 0 WHEN 'REMOVE' THEN 1 ELSE 2 END`,
      [minutesNumber],
    );
    expect(expected.find((row) => row.code === 'BPNT' && row.kind === 'UPDATE')?.count).toBe(2);
    expect(deliberation.programChangeCounts.map((c: { program: { code: string }; kind: string; count: number }) => ({ code: c.program.code, kind: c.kind, count: c.count })))
      .toEqual(expected);
  });

  it('shows no NIK, KK number, birth date, address, full name, reason or review note anywhere in the answer', async () => {
    const { body } = await publicDeliberation();
    const listed = await api.gql(LIST, { region: SUKARASA, first: 20 });
    const [minutesRow] = await db.dataSource.query('SELECT id FROM deliberations WHERE minutes_number = $1', [minutesNumber]);
    expect(minutesRow).toBeDefined();
    for (const answer of [JSON.stringify(body), JSON.stringify(listed.body)]) {
      for (const head of heads) {
        const [row] = await db.dataSource.query(
          `SELECT nik, kk_number, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, address, full_name FROM recipients WHERE id = $1`, [head.id]);
        for (const secret of [row.nik, row.kk_number, row.birth_date, row.address, row.full_name, head.fullName]) {
          expect(answer.includes(secret), `${secret} in the public answer`).toBe(false);
        }
        for (const word of head.fullName.split(' ').filter((w) => w.length >= 3)) expect(answer.includes(word), word).toBe(false);
      }
      for (const secret of ['Gg. Rahasia', REASON, NOTE, 'Surat keterangan RT/RW']) expect(answer.includes(secret), secret).toBe(false);
    }
  });

  it('reports each approved change’s provenance, and a chain edited in SQL as broken', async () => {
    const before = (await publicDeliberation()).deliberation;
    expect(before.changes[0].provenance).toMatchObject({ intact: true, changeRecorded: true, entries: 2, brokenAt: [] });
    expect(before.changes[1].provenance).toBeNull(); // rejected: the register was not changed
    expect(before.provenanceIntact).toBe(true);

    // Tampering as only a superuser could: the approval's entry rewritten with the append-only trigger off.
    await db.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE recipient_provenance DISABLE TRIGGER recipient_provenance_no_update_or_delete');
      await manager.query(`UPDATE recipient_provenance SET changed_fields = '{fullName}' WHERE recipient_id = $1 AND seq = 2`, [heads[0].id]);
      await manager.query('ALTER TABLE recipient_provenance ENABLE TRIGGER recipient_provenance_no_update_or_delete');
    });
    const after = (await publicDeliberation()).deliberation;
    expect(after.changes[0].provenance).toMatchObject({ intact: false, changeRecorded: true, entries: 2, brokenAt: [{ seq: 2, reason: 'HASH_MISMATCH' }] });
    expect(after.provenanceIntact).toBe(false);
    const listed = await api.gql(LIST, { region: SUKARASA, first: 20 });
    const node = listed.body.data.villageDeliberations.edges.find((e: { node: { id: string } }) => e.node.id === deliberationId).node;
    expect(node.provenanceIntact).toBe(false);
  });

  it('answers null for an unknown or foreign id, and refuses an unknown region', async () => {
    expect((await api.gql(ONE, { id: 'RGVsaWJlcmF0aW9uOng=' })).body.data.villageDeliberation).toBeNull();
    expect((await api.gql(ONE, { id: Buffer.from(`Deliberation:${randomUUID()}`).toString('base64') })).body.data.villageDeliberation).toBeNull();
    const bad = await api.gql(LIST, { region: '99.99' });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('the minutes', () => {
  it('a PDF with metadata is stored and served without it, its type checked, to anyone', async () => {
    const original = await minutesPdfWithMetadata();
    expect((await PDFDocument.load(original, { updateMetadata: false })).getAuthor()).toBe('Siti Aminah');
    expect(original.toString('latin1')).toContain('Galaxy A14'); // the photo's EXIF, inside the PDF
    const put = await uploadMinutes(original, 'application/pdf');
    expect(put.status).toBe(201);
    expect(put.body.minutes).toMatchObject({ contentType: 'application/pdf', metadataRemoved: true, uploadedSha256: sha256(original), uploadedSize: original.length });

    const { deliberation } = await publicDeliberation();
    expect(deliberation.minutes).toMatchObject({ contentType: 'application/pdf', metadataRemoved: true, sha256: put.body.minutes.sha256 });
    const served = await fetch(deliberation.minutes.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment; filename="berita-acara-[0-9a-f]{8}\.pdf"$/);
    expect(served.headers.get('content-disposition')).not.toContain('Siti');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(sha256(bytes)).toBe(deliberation.minutes.sha256);
    const text = bytes.toString('latin1');
    for (const secret of ['Siti Aminah', 'Microsoft Word', 'Scanner Kantor', 'rahasia', 'Galaxy A14', 'Samsung', 'xmpmeta', 'Exif']) {
      expect(text.includes(secret), `${secret} in the served PDF`).toBe(false);
    }
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect([pdf.getAuthor(), pdf.getTitle(), pdf.getCreator(), pdf.getProducer()]).toEqual([undefined, undefined, undefined, undefined]);
    expect(pdf.catalog.has(PDFName.of('Metadata'))).toBe(false);
    expect(pdf.getPageCount()).toBe(1); // the page itself is untouched
    const cached = await fetch(deliberation.minutes.url, { headers: { 'if-none-match': served.headers.get('etag')! } });
    expect(cached.status).toBe(304);
  });

  it('a photo with GPS EXIF is served without it, as the newest minutes', async () => {
    const photo = await phonePhoto();
    expect(await locationIn(photo)).toBeDefined();
    const put = await uploadMinutes(photo, 'image/jpeg');
    expect(put.status).toBe(201);
    const { deliberation } = await publicDeliberation();
    expect(deliberation.minutes).toMatchObject({ contentType: 'image/jpeg', metadataRemoved: true, id: put.body.minutes.id });
    const served = await fetch(deliberation.minutes.url);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(await locationIn(bytes)).toBeUndefined();
    expect(await exifr.parse(bytes, { tiff: true, gps: true }).catch(() => undefined)).toBeFalsy();
  });

  it('refuses bytes that are not what was declared', async () => {
    const page = htmlPage();
    const put = await uploadMinutes(page, 'application/pdf');
    expect(put.status).toBe(415);
    expect(put.body.userErrors).toEqual([expect.objectContaining({ code: 'CONTENT_TYPE_MISMATCH' })]);
    const video = await requestUpload(village(), Buffer.from('x'), 'video/mp4');
    expect(video.data.requestDeliberationMinutesUpload.userErrors).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_FILE_TYPE', field: ['input', 'contentType'] })]);
  });

  it('only the village office that recorded the deliberation attaches its minutes', async () => {
    const pdf = await minutesPdfWithMetadata();
    // A district office may not call it at all; the public neither.
    const byDistrict = await requestUpload(district(), pdf, 'application/pdf');
    expect(byDistrict.errors[0].extensions.code).toBe('FORBIDDEN');
    const byPublic = await api.gql(REQUEST, { input: { idempotencyKey: randomUUID(), deliberationId, fileName: 'a.pdf', contentType: 'application/pdf', size: 1, sha256: sha256(pdf) } });
    expect(byPublic.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    // Another village's office: told the deliberation does not exist, nothing is asked for.
    const ministry = as(api, 'demo-ministry');
    const created = await ministry('mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } userErrors { code } } }',
      { input: { name: 'Kelurahan Karangpilang (uji)', kind: 'VILLAGE_OFFICE', jurisdictionCode: '35.78.01.1001' } });
    const organisationId = created.body.data.createOrganisation.organisation.id;
    const clientId = `village-3578011001-${randomUUID().slice(0, 6)}`;
    const client = await ministry('mutation ($input: CreateApiClientInput!) { createApiClient(input: $input) { clientSecret userErrors { code } } }',
      { input: { organisationId, clientId, name: 'Portal Karangpilang' } });
    const token = await tokenFor(api, clientId, client.body.data.createApiClient.clientSecret);
    const before = await db.dataSource.query('SELECT count(*)::int AS n FROM evidence_uploads WHERE deliberation_id IS NOT NULL');
    const byOther = await api.gql(REQUEST, {
      input: { idempotencyKey: randomUUID(), deliberationId, fileName: 'a.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf) },
    }, { authorization: `Bearer ${token}` });
    expect(byOther.body.errors).toBeUndefined();
    expect(byOther.body.data.requestDeliberationMinutesUpload).toEqual({
      upload: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'deliberationId'] })],
    });
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM evidence_uploads WHERE deliberation_id IS NOT NULL')).toEqual(before);
  });

  it('outlives the evidence cleanup: an object minutes refer to is no orphan', async () => {
    const { deliberation } = await publicDeliberation();
    const result = await cleanupEvidence(db.dataSource, storage, new Date(Date.now() + 3 * 3_600_000));
    expect(result.expiredUploads).toBeGreaterThanOrEqual(0);
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM evidence_objects WHERE sha256 = $1', [deliberation.minutes.sha256]);
    expect(n).toBe(1);
    expect((await fetch(deliberation.minutes.url)).status).toBe(200);
  });

  it('is not found at an unknown id, and the table keeps what was attached (append-only)', async () => {
    expect((await api.fetch(`/public/deliberation-minutes/${randomUUID()}`)).status).toBe(404);
    expect((await api.fetch('/public/deliberation-minutes/not-an-id')).status).toBe(404);
    await expect(db.dataSource.query('DELETE FROM deliberation_minutes')).rejects.toThrow();
  });

  it('the demo publishes its deliberation with signed minutes, served once the store has their bytes', async () => {
    const { body } = await api.gql(LIST, { region: '32.73', first: 20 });
    const demo = body.data.villageDeliberations.edges.map((e: { node: any }) => e.node).find((d: { minutesNumber: string }) => /^140\/BA-MUSDES\/[IVX]+\/\d{4}$/.test(d.minutesNumber));
    expect(demo).toMatchObject({ attendanceCount: 42, review: { pending: 2, complete: false }, minutes: { url: expect.stringContaining('/public/deliberation-minutes/') } });
    // Before the store has the bytes: a 404 the reader can understand (JSON, a code), not a 500 under a PDF's type.
    const missing = await fetch(demo.minutes.url);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await missing.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    expect(await storeDemoMinutes(db.dataSource, storage)).toBe(1);
    const served = await fetch(demo.minutes.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await served.arrayBuffer());
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect([pdf.getPageCount(), pdf.getAuthor(), pdf.catalog.has(PDFName.of('Metadata'))]).toEqual([1, undefined, false]);
  });

  it('the public reading is limited per IP address, the queries and the download alike', async () => {
    const { deliberation } = await publicDeliberation();
    const path = new URL(deliberation.minutes.url).pathname;
    for (let i = 0; i < 2; i += 1) expect((await limited.fetch(path)).status).toBe(200);
    const refused = await limited.fetch(path);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    for (let i = 0; i < 2; i += 1) expect((await limited.gql(ONE, { id: deliberationId })).status).toBe(200);
    const third = await limited.gql(ONE, { id: deliberationId });
    expect(third.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});
