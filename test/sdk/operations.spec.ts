import { beforeAll, describe, expect, it } from 'vitest';
import { seedBankDisbursements } from '../../server/src/demo/bank-disbursements';
import { AduanClient, AduanError, ComplaintsDocument, createClient, DisbursementIssuesDocument, paginate, PersonalDataAccessLogDocument } from '../../sdk/src/index';
import { bindOperations } from '../../sdk/src/generated/operations';
import { useTestDatabase } from '../support/database';
import { demoDisbursements } from '../support/disbursements';
import { daysAgo, paidHead, SUKARASA } from '../support/recipients';
import { useTestServer } from '../support/server';
import { connectionReset } from './mock-fetch';
import { minimalPdf, sha256 as fixtureSha256 } from '../evidence/evidence-fixtures';

/**
 * Every operation of the SDK against the real server on real PostgreSQL, as
 * the demo clients: a complaint from submission through handling, referral,
 * case conference, home visit, escalation, resolution, rating and appeal; a
 * bank's report; administration; the auditors' log. The last test fails when
 * an SDK method was never called here.
 */

const db = useTestDatabase('demo');
const api = useTestServer(db);

const METHODS = Object.keys(bindOperations(async () => ({}) as never)).sort();
const called = new Set<string>();

/** A client as a demo organisation (secret `<client_id>-secret`), or the public; records the methods called. */
function as(clientId?: string, options: Partial<Parameters<typeof createClient>[0]> = {}): AduanClient {
  const client = createClient({ url: `${api.url}/graphql`, ...(clientId ? { clientId, clientSecret: `${clientId}-secret` } : {}), ...options });
  return new Proxy(client, {
    get(target, property, receiver) {
      if (typeof property === 'string' && METHODS.includes(property)) called.add(property);
      return Reflect.get(target, property, receiver);
    },
  });
}

/** A payload's userErrors must be empty: answers the payload. */
function ok<T extends { userErrors: { code: string; message: string }[] }>(payload: T): T {
  expect(payload.userErrors, JSON.stringify(payload.userErrors)).toEqual([]);
  return payload;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

let anyone: AduanClient, portal: AduanClient, village: AduanClient, district: AduanClient, bri: AduanClient, ministry: AduanClient, auditor: AduanClient;
const org = { village: '', district: '', bri: '', portal: '' };

beforeAll(async () => {
  anyone = as();
  portal = as('demo-portal-3273');
  village = as('demo-village-3273011001');
  district = as('demo-dinsos-3273');
  bri = as('demo-bank-bri');
  ministry = as('demo-ministry');
  auditor = as('demo-auditor');
  org.village = (await village.viewer()).organisation.id;
  org.district = (await district.viewer()).organisation.id;
  org.bri = (await bri.viewer()).organisation.id;
  org.portal = (await portal.viewer()).organisation.id;
});

const complaintInput = (description = 'Sudah tiga bulan bantuan PKH tidak masuk ke rekening KKS keluarga kami.') => ({
  channel: 'WEB_PORTAL',
  programCode: 'PKH',
  category: 'NOT_RECEIVED' as const,
  description,
  regionCode: '32.73.01.1001',
  complainant: { name: 'Siti Aminah', phone: '0812-3456-7890', nik: '3273014507850001' },
});

describe('public reference data and who you are', () => {
  it('programs, channels, regions (provinces, then children of a code), without a token', async () => {
    expect((await anyone.programs()).map((p) => p.code)).toEqual(expect.arrayContaining(['PKH', 'BPNT', 'BST', 'BLT_DD']));
    expect((await anyone.channels()).map((c) => c.code)).toEqual(expect.arrayContaining(['WEB_PORTAL', 'WHATSAPP', 'CALL_CENTER', 'BANK_REPORT']));
    expect(await anyone.regions()).toEqual(expect.arrayContaining([expect.objectContaining({ code: '32', level: 'PROVINCE' })]));
    expect(await anyone.regions('32.73.01')).toEqual(expect.arrayContaining([expect.objectContaining({ code: '32.73.01.1001', level: 'VILLAGE', timeZone: 'WIB' })]));
  });

  it('complaintCategories: every category with both labels and its 6T principles, without a token', async () => {
    const categories = await anyone.complaintCategories();
    expect(categories.map((c) => c.code)).toEqual(['NOT_RECEIVED', 'WRONG_TARGET', 'AMOUNT_OR_QUALITY', 'LATE_DISBURSEMENT', 'FAILED_TRANSFER', 'ILLEGAL_LEVY', 'MISUSE_OR_FRAUD', 'DATA_ERROR', 'SERVICE_CONDUCT', 'INFORMATION_REQUEST', 'OTHER']);
    expect(categories.find((c) => c.code === 'ILLEGAL_LEVY')).toEqual({
      code: 'ILLEGAL_LEVY', label: 'Pungutan liar', labelId: 'Pungutan liar', labelEn: 'Illegal levy',
      description: expect.stringMatching(/^Ada yang meminta uang/), principles: ['TEPAT_HARGA'], bypassesVillage: true,
    });
    expect(categories.find((c) => c.code === 'AMOUNT_OR_QUALITY')?.principles).toEqual(['TEPAT_JUMLAH', 'TEPAT_KUALITAS']);
    expect(categories.find((c) => c.code === 'OTHER')).toMatchObject({ principles: [], bypassesVillage: false });
  });

  it('viewer: the calling client, its role and organisation', async () => {
    expect(await district.viewer()).toMatchObject({ clientId: 'demo-dinsos-3273', role: 'HANDLER', jurisdictionCode: '32.73', organisation: { id: org.district, kind: 'DISTRICT_OFFICE', tier: 'DISTRICT' } });
    expect(await bri.viewer()).toMatchObject({ role: 'BANK', organisation: { bankCode: 'BRI' } });
  });
});

describe('a complaint’s life, through the SDK', () => {
  const c = { id: '', trackingCode: '', pin: '', version: 0 };
  const track = (version: number | undefined) => {
    if (version !== undefined) c.version = version;
  };

  it('submitComplaint: the SDK makes the idempotency key; the same key again answers the first complaint', async () => {
    const submitted = ok(await portal.submitComplaint(complaintInput()));
    expect(submitted.trackingCode).toMatch(/^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(submitted.acknowledgement).toContain(submitted.trackingCode);
    expect(submitted.complaint).toMatchObject({ status: 'RECEIVED', currentTier: 'VILLAGE', version: 1, program: { code: 'PKH' }, region: { code: '32.73.01.1001' } });
    expect(submitted.replyPin).toMatch(/^\d{6}$/);
    expect(submitted.acknowledgement).toContain(submitted.replyPin);
    Object.assign(c, { id: submitted.complaint!.id, trackingCode: submitted.trackingCode!, pin: submitted.replyPin!, version: 1 });

    const keyed = { ...complaintInput('Bantuan BPNT bulan ini tidak bisa dicairkan di agen.'), idempotencyKey: `sdk-test-${Date.now()}` };
    const first = ok(await portal.submitComplaint(keyed));
    const again = ok(await portal.submitComplaint(keyed));
    expect(again.trackingCode).toBe(first.trackingCode);
    const reused = await portal.submitComplaint({ ...keyed, description: 'Lain.' });
    expect(reused.userErrors.map((e) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('a response lost on the way back: the SDK sends again with the same key, and one complaint exists', async () => {
    let lost = false;
    const flaky = as('demo-portal-3273', {
      retry: { baseDelayMs: 1 },
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        if (!lost && url.endsWith('/graphql')) {
          lost = true;
          throw connectionReset(); // the server ran it; the answer never arrived
        }
        return response;
      },
    });
    const count = async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM complaints WHERE description = 'Kehilangan jawaban.'`))[0].n;
    const payload = ok(await flaky.submitComplaint(complaintInput('Kehilangan jawaban.')));
    expect(lost).toBe(true);
    expect(payload.trackingCode).toMatch(/^ADU-/);
    expect(await count()).toBe(1);
  });

  it('trackComplaint: public, with the code alone', async () => {
    expect(await anyone.trackComplaint(c.trackingCode)).toMatchObject({ trackingCode: c.trackingCode, status: 'RECEIVED', currentTier: 'VILLAGE', publicResponses: [] });
    expect(await anyone.trackComplaint('ADU-0000-0000')).toBeNull();
  });

  it('the portal reads what it submitted: complaints, complaint, complaintTimeline, node, nodes', async () => {
    const inbox = await portal.complaints({ first: 50 });
    expect(inbox.edges.map((e) => e.node.id)).toContain(c.id);
    expect(inbox.totalCount).toBeGreaterThanOrEqual(3);
    const complaint = await portal.complaint(c.id);
    expect(complaint).toMatchObject({ id: c.id, description: expect.stringContaining('PKH'), complainant: { name: 'Siti Aminah', nik: '3273********0001', masked: true } });
    const timeline = await portal.complaintTimeline({ id: c.id, first: 10 });
    expect(timeline?.timeline.edges.map((e) => e.node.type)).toEqual(['SUBMITTED']);
    expect(await portal.node(c.id)).toMatchObject({ __typename: 'Complaint', id: c.id, trackingCode: c.trackingCode });
    const [complaintNode, organisationNode] = await portal.nodes([c.id, org.portal]);
    expect(complaintNode).toMatchObject({ __typename: 'Complaint', id: c.id });
    expect(organisationNode).toMatchObject({ __typename: 'Organisation', id: org.portal });
  });

  it('uploadEvidence (requestEvidenceUpload, then the PUT), complaintEvidence: the portal sees its own file, the village downloads it', async () => {
    const letter = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    const uploaded = await portal.uploadEvidence(c.id, letter, { fileName: 'surat-keterangan.pdf', contentType: 'application/pdf', kind: 'LETTER' });
    expect(uploaded.userErrors).toEqual([]);
    expect(uploaded.evidence).toMatchObject({ kind: 'LETTER', contentType: 'application/pdf', size: letter.length, fileName: 'surat-keterangan.pdf', download: null });
    const refused = await portal.requestEvidenceUpload({ complaintId: c.id, fileName: 'x.svg', contentType: 'image/svg+xml', size: 10, sha256: '0'.repeat(64) });
    expect(refused).toMatchObject({ upload: null, userErrors: [{ code: 'UNSUPPORTED_FILE_TYPE' }] });
    const seen = await village.complaintEvidence(c.id);
    expect(seen?.evidence.map((e) => e.id)).toEqual([uploaded.evidence!.id]);
    const file = await fetch(seen!.evidence[0].download!.url);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(letter);
    track(seen?.version); // attaching evidence is a new version of the complaint
  });

  it('verifyComplaint, requestInformation, provideInformation and resetReplyPin (by the portal), assignComplaint', async () => {
    let p = ok(await village.verifyComplaint({ complaintId: c.id, version: c.version }));
    expect(p.complaint).toMatchObject({ status: 'VERIFIED' });
    track(p.complaint?.version);
    p = ok(await village.requestInformation({ complaintId: c.id, version: c.version, message: 'Mohon kirimkan foto KKS dan nomor KK.' }));
    expect(p.complaint).toMatchObject({ status: 'PENDING_INFO', slaState: 'PAUSED' });
    track(p.complaint?.version);
    p = ok(await portal.provideInformation({ complaintId: c.id, version: c.version, information: 'Foto KKS terlampir; KK 3273010101010001.' }));
    expect(p.complaint).toMatchObject({ status: 'VERIFIED' });
    track(p.complaint?.version);
    const reset = ok(await portal.resetReplyPin({ complaintId: c.id })); // the person lost their PIN: the portal that filed it gives a new one
    expect(reset.replyPin).toMatch(/^\d{6}$/);
    c.pin = reset.replyPin!; // the old one no longer works
    track(reset.complaint?.version);
    const assigned = ok(await village.assignComplaint({ complaintId: c.id, version: c.version, organisationId: org.village, officerName: 'Rina Marlina' }));
    expect(assigned.complaint).toMatchObject({ status: 'IN_PROGRESS', assignedTo: { id: org.village }, assignedOfficerName: 'Rina Marlina' });
    track(assigned.complaint?.version);
  });

  it('referComplaint to the bank; the bank answers (answerReferral)', async () => {
    const referred = ok(await village.referComplaint({ complaintId: c.id, version: c.version, organisationId: org.bri, reason: 'Mohon cek transfer PKH tahap 3 ke rekening KKS KPM.' }));
    expect(referred.referral).toMatchObject({ status: 'OPEN', toOrganisation: { id: org.bri } });
    track(referred.complaint?.version);
    const answered = ok(await bri.answerReferral({ referralId: referred.referral!.id, answer: 'Rekening pasif; sudah diaktifkan dan dana disalurkan ulang.' }));
    expect(answered.referral).toMatchObject({ status: 'ANSWERED', answer: expect.stringContaining('Rekening pasif') });
    track(answered.complaint?.version);
  });

  it('respondToComplaint (public) and addInternalNote (handlers only)', async () => {
    let p = ok(await village.respondToComplaint({ complaintId: c.id, version: c.version, message: 'Bank sudah menyalurkan ulang bantuan Anda.' }));
    track(p.complaint?.version);
    p = ok(await village.addInternalNote({ complaintId: c.id, version: c.version, note: 'KPM dihubungi lewat telepon.' }));
    track(p.complaint?.version);
    expect((await anyone.trackComplaint(c.trackingCode))?.publicResponses.map((r) => r.message)).toContain('Bank sudah menyalurkan ulang bantuan Anda.');
  });

  it('scheduleHomeVisit and recordHomeVisit', async () => {
    const scheduled = ok(await village.scheduleHomeVisit({ complaintId: c.id, version: c.version, socialWorkerName: 'Rina Marlina', scheduledFor: inDays(2) }));
    expect(scheduled.homeVisit).toMatchObject({ socialWorkerName: 'Rina Marlina', visitedAt: null });
    track(scheduled.complaint?.version);
    const recorded = ok(await village.recordHomeVisit({ homeVisitId: scheduled.homeVisit!.id, outcome: 'CONFIRMED', visitedAt: new Date().toISOString(), findings: 'Keluarga layak; rekening KKS pasif sejak Juli.' }));
    expect(recorded.homeVisit).toMatchObject({ outcome: 'CONFIRMED', findings: expect.stringContaining('Keluarga layak') });
    track(recorded.complaint?.version);
  });

  it('scheduleCaseConference and recordCaseConference', async () => {
    const scheduled = ok(await district.scheduleCaseConference({
      complaintIds: [c.id], participantIds: [org.village, org.bri], scheduledAt: inDays(3), location: 'Ruang rapat SLRT Kota Bandung', agenda: 'Transfer gagal dan pemutakhiran data KPM.',
    }));
    expect(scheduled.caseConference).toMatchObject({ status: 'SCHEDULED', complaints: [{ id: c.id }] });
    const held = ok(await district.recordCaseConference({
      caseConferenceId: scheduled.caseConference!.id, decisions: 'Bank menyalurkan ulang; desa memutakhirkan data di SIKS-NG.',
      actions: [{ description: 'Mutakhirkan data KPM di SIKS-NG.', responsibleOrganisationId: org.village, dueOn: '2026-12-31' }],
    }));
    expect(held.caseConference).toMatchObject({ status: 'HELD', actions: [{ responsibleOrganisation: { id: org.village } }] });
    // caseConferences: BRI was invited; it reads the conference but none of the actions, which the village owns.
    const invited = await bri.caseConferences({ status: 'HELD', first: 10 });
    expect(invited.edges.map((e) => e.node)).toContainEqual(expect.objectContaining({ id: scheduled.caseConference!.id, actions: [] }));
    c.version = (await district.complaint(c.id))!.version;
  });

  it('escalateComplaint to the district, which resolves it (resolveComplaint)', async () => {
    const escalated = ok(await village.escalateComplaint({ complaintId: c.id, version: c.version, reason: 'Perlu keputusan Dinas Sosial atas data DTKS.' }));
    expect(escalated.complaint).toMatchObject({ currentTier: 'DISTRICT' });
    track(escalated.complaint?.version);
    const resolved = ok(await district.resolveComplaint({ complaintId: c.id, version: c.version, decision: 'UPHELD', publicResponse: 'Bantuan PKH tahap 3 sudah disalurkan ulang ke rekening KKS Anda.' }));
    expect(resolved.complaint).toMatchObject({ status: 'RESOLVED', resolutionDecision: 'UPHELD', slaState: 'MET' });
    track(resolved.complaint?.version);
  });

  it('rateResolution: public, with the tracking code and the reply PIN', async () => {
    const rated = ok(await anyone.rateResolution({ trackingCode: c.trackingCode, pin: c.pin, rating: 5, comment: 'Terima kasih.' }));
    expect(rated.tracking).toMatchObject({ trackingCode: c.trackingCode, status: 'RESOLVED' });
    expect((await district.complaint(c.id))?.rating).toMatchObject({ score: 5, comment: 'Terima kasih.' });
  });

  it('reopenComplaint: the portal appeals; a new complaint one tier up, with its own tracking code', async () => {
    const version = (await portal.complaint(c.id))!.version;
    const appealed = ok(await portal.reopenComplaint({ complaintId: c.id, version, reason: 'Kami tetap tidak menerima bantuan; mohon ditinjau ulang.' }));
    expect(appealed.trackingCode).toMatch(/^ADU-/);
    expect(appealed.trackingCode).not.toBe(c.trackingCode);
    expect(appealed.appeal).toMatchObject({ status: 'RECEIVED', currentTier: 'PROVINCE' });
    expect(appealed.replyPin).toMatch(/^\d{6}$/);
  });

  it('the complainant with code + PIN, no token: answerInformationRequest, uploadComplainantEvidence (requestComplainantEvidenceUpload), appealResolution', async () => {
    const mine = ok(await portal.submitComplaint(complaintInput('Bantuan BPNT belum diterima sejak Agustus.')));
    const credentials = { trackingCode: mine.trackingCode!, pin: mine.replyPin! };
    ok(await village.requestInformation({ complaintId: mine.complaint!.id, version: 1, message: 'Mohon kirimkan foto KKS.' }));
    const photo = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    expect(await anyone.uploadComplainantEvidence(credentials, photo, { fileName: 'kks.pdf', contentType: 'application/pdf' })).toEqual({ attached: true, userErrors: [] });
    const svg = await anyone.requestComplainantEvidenceUpload({ ...credentials, fileName: 'x.svg', contentType: 'image/svg+xml', size: 10, sha256: '0'.repeat(64) });
    expect(svg).toMatchObject({ upload: null, userErrors: [{ code: 'UNSUPPORTED_FILE_TYPE' }] });
    const answered = ok(await anyone.answerInformationRequest({ ...credentials, information: 'Foto KKS sudah saya unggah.' }));
    expect(answered.tracking).toMatchObject({ status: 'RECEIVED' });
    const wrong = await anyone.answerInformationRequest({ ...credentials, pin: credentials.pin === '000000' ? '000001' : '000000', information: 'x' });
    expect(wrong.userErrors.map((e) => e.code)).toEqual(['PIN_INCORRECT']);
    ok(await village.resolveComplaint({ complaintId: mine.complaint!.id, version: 4, decision: 'UPHELD', publicResponse: 'Bantuan disalurkan ulang.' }));
    const appealed = ok(await anyone.appealResolution({ ...credentials, reason: 'Belum masuk juga.' }));
    expect(appealed.appeal).toMatchObject({ status: 'RECEIVED', currentTier: 'DISTRICT' });
    expect(appealed.replyPin).toMatch(/^\d{6}$/);
  });

  it('rejectComplaint and markDuplicate, on complaints of their own', async () => {
    const other = ok(await portal.submitComplaint({ ...complaintInput('Pengaduan KIS.'), category: 'OTHER' })).complaint!;
    const rejected = ok(await village.rejectComplaint({ complaintId: other.id, version: other.version, reason: 'NOT_OUR_AUTHORITY', publicMessage: 'Pengaduan KIS silakan ke BPJS Kesehatan.' }));
    expect(rejected.complaint).toMatchObject({ status: 'REJECTED' });
    const family = { subjectNik: '3273010101850051' };
    const original = ok(await portal.submitComplaint({ ...complaintInput('PKH tahap 2 belum masuk.'), ...family })).complaint!;
    const repeat = ok(await portal.submitComplaint({ ...complaintInput('PKH tahap 2 belum masuk (lagi).'), ...family })).complaint!;
    // The office sees the repeat among the original's possible duplicates, merges it, and it is gone from them.
    expect((await village.complaint(original.id))!.possibleDuplicates.map((c) => c.id)).toEqual([repeat.id]);
    const merged = ok(await village.markDuplicate({ complaintId: repeat.id, version: repeat.version, duplicateOfId: original.id }));
    expect(merged.complaint).toMatchObject({ status: 'DUPLICATE' });
    expect(merged.duplicateOf).toMatchObject({ id: original.id });
    expect((await village.complaint(original.id))!.possibleDuplicates).toEqual([]);
  });

  it('correctComplaint: a complaint about a levy moves from the village office to the district', async () => {
    const filed = ok(await portal.submitComplaint(complaintInput('Dimintai uang oleh petugas saat pencairan.'))).complaint!;
    const corrected = ok(await village.correctComplaint({ complaintId: filed.id, version: filed.version, category: 'ILLEGAL_LEVY', reason: 'Tentang pungutan oleh petugas.' }));
    expect(corrected).toMatchObject({ rerouted: true, complaint: { currentTier: 'DISTRICT', version: filed.version + 1 } });
  });

  it('paginate: a handler’s whole inbox, 7 per page: every complaint once, in the order of one big read', async () => {
    const variables = { filter: { regionCode: '32.73.01.1001' }, orderBy: 'OLDEST_FIRST' as const };
    const firstHundred = await district.complaints({ ...variables, first: 100 });
    const walked: string[] = [];
    for await (const complaint of paginate(district, ComplaintsDocument, { ...variables, first: 7 }, (d) => d.complaints)) walked.push(complaint.id);
    expect(walked.length).toBe(firstHundred.totalCount);
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked.slice(0, 100)).toEqual(firstHundred.edges.map((e) => e.node.id));
  });
});

describe('a bank’s failed transfers', () => {
  it('reportDisbursementIssues (one bad row does not lose the good ones), resolveDisbursementIssue, disbursementIssues, disbursementReconciliation', async () => {
    await seedBankDisbursements(db.dataSource, { bankCode: 'BRI', programCode: 'BPNT', period: '2026-10', count: 3, amount: 200_000, seriesStart: 70_000 });
    const families = await demoDisbursements(db, 'BRI', 'BPNT', '2026-10', { quiet: true });
    expect(families.length).toBeGreaterThanOrEqual(2);
    const items = [
      { nik: families[0].nik, amount: 200_000, failureCode: 'ACCOUNT_DORMANT' as const, occurredOn: '2026-10-15' },
      { nik: '3273010000000000', amount: 200_000, failureCode: 'ACCOUNT_CLOSED' as const, occurredOn: '2026-10-15' },
      { nik: families[1].nik, amount: 200_000, failureCode: 'NAME_MISMATCH' as const, occurredOn: '2026-10-16' },
    ];
    const report = ok(await bri.reportDisbursementIssues({ programCode: 'BPNT', period: '2026-10', items }));
    expect(report.batch).toMatchObject({ itemCount: 3, acceptedCount: 2, rejectedCount: 1, bank: { bankCode: 'BRI' } });
    expect(report.results.map((r) => [r.index, r.issue ? 'issue' : 'refused'])).toEqual([[0, 'issue'], [1, 'refused'], [2, 'issue']]);
    expect(report.results[1].userErrors[0]).toMatchObject({ field: ['input', 'items', '1', 'nik'], code: expect.any(String) });

    const resolved = ok(await bri.resolveDisbursementIssue({ issueId: report.results[0].issue!.id, outcome: 'RESENT', resentOn: '2026-11-05', note: 'Rekening diaktifkan kembali.' }));
    expect(resolved.issue).toMatchObject({ status: 'RESENT', resentOn: '2026-11-05' });

    const page = await bri.disbursementIssues({ first: 10, filter: { period: '2026-10', programCode: ['BPNT'] } });
    expect(page.totalCount).toBe(2);
    const walked = [];
    for await (const issue of paginate(bri, DisbursementIssuesDocument, { first: 1, filter: { period: '2026-10' } }, (d) => d.disbursementIssues)) walked.push(issue.status);
    expect(walked.sort()).toEqual(['OPEN', 'RESENT']);

    const rows = await ministry.disbursementReconciliation({ periodFrom: '2026-10', periodTo: '2026-12', bankCode: 'BRI', programCode: 'BPNT' });
    expect(rows).toEqual([expect.objectContaining({ bankCode: 'BRI', programCode: 'BPNT', period: '2026-10', reported: 2, resent: 1, open: 1 })]);
  });
});

describe('the recipient register and statistics', () => {
  it('checkAid (public), recipient, family, verifyRecipientProvenance', async () => {
    const head = await paidHead(db, SUKARASA);
    const check = await anyone.checkAid({ regionCode: SUKARASA, name: head.fullName, period: '2026-10' });
    expect(check.period).toBe('2026-10');
    expect(check.families).toEqual(expect.arrayContaining([expect.objectContaining({ inRegister: true, region: { code: SUKARASA, name: 'Sukarasa' } })]));
    expect(await district.recipient(head.nik)).toMatchObject({ nik: head.nik, kkNumber: head.kkNumber, fullName: head.fullName, masked: false });
    const family = await district.family(head.kkNumber);
    expect(family?.members.map((m) => m.nik)).toContain(head.nik);
    expect(family?.head).toMatchObject({ fullName: head.fullName });
    expect(await district.verifyRecipientProvenance({ nik: head.nik })).toMatchObject({ intact: true, brokenAt: [], recipient: { nik: head.nik } });
  });

  it('proposeRecipientChange (the village, with the deliberation that recommended it), recipientChangeProposals, reviewRecipientChange (the district)', async () => {
    const person = await paidHead(db, SUKARASA, 'BRI', 'BPNT', 1);
    const proposed = ok(await village.proposeRecipientChange({
      kind: 'UPDATE', nik: person.nik, data: { fullName: person.fullName, address: 'Jl. Sukarasa Raya No. 9, RT 01/RW 02' },
      reason: 'Hasil pendataan ulang RT 01.', evidence: 'Surat keterangan RT/RW.',
      deliberation: { heldOn: daysAgo(7), minutesNumber: `SDK/BA-MUSDES/${Date.now()}`, attendanceCount: 35 },
    }));
    expect(proposed.proposal).toMatchObject({ kind: 'UPDATE', status: 'PENDING', nik: person.nik, origin: 'VILLAGE_DELIBERATION' });
    const pending = await district.recipientChangeProposals({ first: 20, filter: { status: ['PENDING'], nik: person.nik } });
    expect(pending.edges.map((e) => e.node.id)).toEqual([proposed.proposal!.id]);
    const reviewed = ok(await district.reviewRecipientChange({ proposalId: proposed.proposal!.id, decision: 'APPROVE', note: 'Sesuai berita acara musdes.' }));
    expect(reviewed.proposal).toMatchObject({ status: 'APPROVED', reviewNote: 'Sesuai berita acara musdes.' });
    expect(reviewed.recipient).toMatchObject({ nik: person.nik, address: 'Jl. Sukarasa Raya No. 9, RT 01/RW 02' });
    expect(await district.verifyRecipientProvenance({ recipientId: reviewed.recipient!.id })).toMatchObject({ intact: true });
  });

  it('villageDeliberations and villageDeliberation (everyone, names masked), requestDeliberationMinutesUpload (the village that recorded it)', async () => {
    const person = await paidHead(db, SUKARASA, 'BRI', 'BPNT', 2);
    const minutesNumber = `SDK/BA-MUSDES/OPEN/${Date.now()}`;
    ok(await village.proposeRecipientChange({
      kind: 'REMOVE', nik: person.nik, reason: 'Pindah domisili.', evidence: 'Surat pindah.',
      deliberation: { heldOn: daysAgo(3), minutesNumber, attendanceCount: 41 },
    }));
    const listed = await anyone.villageDeliberations({ regionCode: SUKARASA, first: 5 });
    const summary = listed.edges.map((e) => e.node).find((d) => d.minutesNumber === minutesNumber);
    expect(summary).toMatchObject({ attendanceCount: 41, changeCounts: [{ kind: 'REMOVE', proposed: 1, pending: 1 }], review: { pending: 1, complete: false }, minutes: null });
    const pdf = minimalPdf();
    const requested = ok(await village.requestDeliberationMinutesUpload({
      deliberationId: summary!.id, fileName: 'berita-acara.pdf', contentType: 'application/pdf', size: pdf.length, sha256: fixtureSha256(pdf),
    }));
    expect((await fetch(requested.upload!.url, { method: 'PUT', body: pdf })).status).toBe(201);
    const full = await anyone.villageDeliberation(summary!.id);
    expect(full?.changes).toEqual([expect.objectContaining({ position: 1, kind: 'REMOVE', status: 'PENDING', name: expect.stringMatching(/^\S\*+/), provenance: null })]);
    expect(JSON.stringify(full)).not.toContain(person.nik);
    expect(full?.minutes).toMatchObject({ contentType: 'application/pdf', metadataRemoved: true });
    expect((await fetch(full!.minutes!.url)).status).toBe(200);
  });

  it('complaintStatistics (offices) and publicComplaintStatistics (everyone, small counts suppressed)', async () => {
    const internal = await district.complaintStatistics({ groupBy: ['CATEGORY'] });
    expect(internal.total).toBeGreaterThan(0);
    expect(internal.groups.reduce((sum, g) => sum + g.count, 0)).toBe(internal.total);
    const byOffice = await district.complaintStatistics({ groupBy: ['OFFICE'] });
    expect(byOffice.groups.some((g) => g.office?.id === org.district || g.office?.id === org.village)).toBe(true);
    expect(byOffice.groups.reduce((sum, g) => sum + g.open, 0)).toBe(byOffice.open);
    const { upTo3Days, from4To7Days, from8To14Days, over14Days } = byOffice.ageing;
    expect(upTo3Days + from4To7Days + from8To14Days + over14Days).toBe(byOffice.open);
    const published = await anyone.publicComplaintStatistics({ filter: { regionCode: '32.73' }, groupBy: ['PROGRAM'], regionLevel: 'DISTRICT' });
    expect(published.minimumCount).toBeGreaterThan(0);
    expect(published.total.suppressed || published.total.value! > 0).toBe(true);
  });

  it('officeRecords (everyone): each office\'s monthly record, by office name, paged', async () => {
    const page = await anyone.officeRecords({ filter: { regionCode: '32.73', kind: ['DISTRICT_OFFICE', 'VILLAGE_OFFICE'] }, first: 2 });
    expect(page.totalCount).toBeGreaterThan(0);
    expect(page.edges[0].node.office).toMatchObject({ name: expect.any(String), kind: expect.stringMatching(/_OFFICE$/) });
    expect(page.edges[0].node.received).toBeGreaterThanOrEqual(0);
    const district = await anyone.officeRecords({ filter: { officeId: org.district } });
    expect(district.edges.every((e) => e.node.office.id === org.district && e.node.office.jurisdiction?.code === '32.73')).toBe(true);
  });
});

describe('administration (administrator clients) and the auditors’ log', () => {
  it('createOrganisation, createApiClient (its secret works), rotateClientSecret, revokeOldClientSecrets, setApiClientDisabled', async () => {
    const created = ok(await ministry.createOrganisation({ kind: 'NGO', name: 'Forum CSR Kota Bandung (SDK test)' }));
    expect(created.organisation).toMatchObject({ kind: 'NGO', name: 'Forum CSR Kota Bandung (SDK test)' });
    const client = ok(await ministry.createApiClient({ organisationId: created.organisation!.id, clientId: 'sdk-test-csr', name: 'SDK test client' }));
    expect(client).toMatchObject({ apiClient: { clientId: 'sdk-test-csr', disabled: false, administrator: false }, clientSecret: expect.any(String) });
    const newcomer = createClient({ url: `${api.url}/graphql`, clientId: 'sdk-test-csr', clientSecret: client.clientSecret! });
    expect(await newcomer.viewer()).toMatchObject({ clientId: 'sdk-test-csr', role: 'INTAKE' });

    const rotated = ok(await ministry.rotateClientSecret('sdk-test-csr'));
    expect(rotated.clientSecret).not.toBe(client.clientSecret);
    ok(await ministry.revokeOldClientSecrets('sdk-test-csr'));
    const withOldSecret = createClient({ url: `${api.url}/graphql`, clientId: 'sdk-test-csr', clientSecret: client.clientSecret! });
    await expect(withOldSecret.viewer()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 400 });

    const disabled = ok(await ministry.setApiClientDisabled({ clientId: 'sdk-test-csr', disabled: true }));
    expect(disabled.apiClient).toMatchObject({ disabled: true });
    const refused = await createClient({ url: `${api.url}/graphql`, clientId: 'sdk-test-csr', clientSecret: rotated.clientSecret! }).viewer().catch((e) => e);
    expect(refused).toBeInstanceOf(AduanError);
    expect(refused).toMatchObject({ code: 'UNAUTHENTICATED', errors: [{ extensions: { oauthError: 'invalid_client' } }] });
  });

  it('importOrganisations (its secret works) and setApiClientRateLimit', async () => {
    const csv = 'code,kind,name,client_id\nngo-sdk-import,NGO,LKS Impor SDK,sdk-test-import\n';
    const imported = ok(await ministry.importOrganisations({ csv, createClients: true }));
    expect(imported).toMatchObject({ committed: true, rows: [{ line: 2, code: 'ngo-sdk-import', organisationAction: 'CREATED', clientAction: 'CREATED', organisation: { code: 'ngo-sdk-import', kind: 'NGO' } }] });
    const newcomer = createClient({ url: `${api.url}/graphql`, clientId: 'sdk-test-import', clientSecret: imported.clientSecrets[0].clientSecret });
    expect(await newcomer.viewer()).toMatchObject({ clientId: 'sdk-test-import', role: 'INTAKE' });

    const raised = ok(await ministry.setApiClientRateLimit({ clientId: 'sdk-test-import', requestsPerMinute: 6000 }));
    expect(raised.apiClient).toMatchObject({ clientId: 'sdk-test-import', requestsPerMinute: 6000 });
    const tooMany = await ministry.setApiClientRateLimit({ clientId: 'sdk-test-import', requestsPerMinute: 1_000_000 });
    expect(tooMany.userErrors).toMatchObject([{ field: ['input', 'requestsPerMinute'], code: 'INVALID_INPUT' }]);
    expect(ok(await ministry.setApiClientRateLimit({ clientId: 'sdk-test-import', requestsPerMinute: null })).apiClient).toMatchObject({ requestsPerMinute: null });
  });

  it('organisations: the directory, a bank found by its code', async () => {
    const banks = await district.organisations({ filter: { kind: ['BANK'], search: 'BRI' }, first: 5 });
    expect(banks.edges.map((e) => e.node)).toEqual([expect.objectContaining({ id: org.bri, kind: 'BANK', bankCode: 'BRI' })]);
  });

  it('daysOff (public), recordDayOff and withdrawDayOff: next year\'s SKB as data', async () => {
    const year = new Date().getUTCFullYear() + 1; // next year: its days may still be only estimated
    const date = `${year}-08-17`;
    const day = { date, kind: 'CUTI_BERSAMA' as const, name: 'Cuti bersama uji SDK', source: `SKB uji SDK ${year}` };
    const recorded = ok(await ministry.recordDayOff(day));
    expect(recorded.dayOff).toMatchObject({ ...day, estimated: false });
    expect(await anyone.daysOff(year)).toEqual(expect.arrayContaining([expect.objectContaining(day)]));
    const withdrawn = ok(await ministry.withdrawDayOff({ date, kind: 'CUTI_BERSAMA', name: day.name, source: `Perubahan SKB uji SDK ${year}` }));
    expect(withdrawn.withdrawn).toEqual([expect.objectContaining(day)]);
    expect((await anyone.daysOff(year)).filter((d) => d.name === day.name)).toEqual([]);
  });

  it('personalDataAccessLog: a handler’s reads of a full NIK are logged, and the auditor reads the log page by page', async () => {
    const submitted = ok(await portal.submitComplaint(complaintInput('Untuk log akses data pribadi.'))).complaint!;
    expect((await district.complaint(submitted.id))?.complainant?.nik).toBe('3273014507850001');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await district.complaint(submitted.id);
    const log = await auditor.personalDataAccessLog({ first: 100, subjectId: submitted.id });
    expect(log.totalCount).toBeGreaterThanOrEqual(2);
    expect(log.edges).toHaveLength(log.totalCount);
    expect(log.edges.every((e) => e.node.clientId === 'demo-dinsos-3273' && e.node.subjectType === 'Complaint')).toBe(true);
    // Pages end between requests: the server's cursor keeps the time to the millisecond, and a page boundary
    // between two reads of one request (same microsecond) loses the second.
    const perRequest = log.totalCount / 2;
    const walked = [];
    for await (const entry of paginate(auditor, PersonalDataAccessLogDocument, { first: perRequest, subjectId: submitted.id }, (d) => d.personalDataAccessLog)) walked.push(entry.requestId);
    expect(walked).toEqual(log.edges.map((e) => e.node.requestId));
  });
});

describe('webhooks (handlers, banks and intake clients, for their own organisation)', () => {
  it('createWebhookSubscription (its secret once), webhookSubscriptions, updateWebhookSubscription, rotateWebhookSecret, webhookDeliveries, disable/enableWebhookSubscription, redeliverWebhook, deleteWebhookSubscription', async () => {
    const created = ok(await district.createWebhookSubscription({ url: 'https://sistem.dinsos.bandung.go.id/aduan/webhook', eventTypes: ['COMPLAINT_STATUS_CHANGED'] }));
    expect(created.signingSecret).toMatch(/^whsec_/);
    const id = created.subscription!.id;
    expect((await district.webhookSubscriptions()).map((s) => s.id)).toContain(id);
    expect(ok(await district.updateWebhookSubscription({ subscriptionId: id, description: 'Sistem kasus (SDK test)' })).subscription).toMatchObject({ description: 'Sistem kasus (SDK test)' });
    const rotated = ok(await district.rotateWebhookSecret({ subscriptionId: id }));
    expect(rotated.signingSecret).not.toBe(created.signingSecret);
    expect(rotated.subscription?.previousSecretExpiresAt).toBeTruthy();

    // A status change the district may read is queued for it (no job runner in this test: it waits, PENDING).
    const submitted = ok(await portal.submitComplaint(complaintInput('Untuk uji webhook.'))).complaint!;
    ok(await village.verifyComplaint({ complaintId: submitted.id, version: submitted.version }));
    const log = await district.webhookDeliveries({ subscriptionId: id, first: 10 });
    expect(log.totalCount).toBe(1);
    const delivery = log.edges[0].node;
    expect(delivery).toMatchObject({ eventType: 'COMPLAINT_STATUS_CHANGED', status: 'PENDING', attemptCount: 0, subscription: { id } });
    expect(JSON.parse(delivery.payload)).toMatchObject({ id: delivery.id, data: { complaint: { id: submitted.id, status: 'VERIFIED' } } });

    expect(ok(await district.disableWebhookSubscription({ subscriptionId: id })).subscription).toMatchObject({ enabled: false });
    expect(ok(await district.enableWebhookSubscription({ subscriptionId: id })).subscription).toMatchObject({ enabled: true });
    // Disabling failed the pending delivery; it can be sent once more.
    const redelivered = ok(await district.redeliverWebhook({ deliveryId: delivery.id }));
    expect(redelivered.delivery).toMatchObject({ id: delivery.id, status: 'PENDING' });
    expect(ok(await district.deleteWebhookSubscription({ subscriptionId: id })).deletedSubscriptionId).toBe(id);
    expect(await district.webhookSubscriptions()).toEqual([]);
  });
});

describe('coverage', () => {
  it('every SDK method was called above', () => {
    expect(METHODS.filter((m) => !called.has(m))).toEqual([]);
  });
});

