import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { clients, ok, organisationId, run, stored, submitted, timeline, TRACK } from '../support/handling';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
const api = useTestServer(db);
const { portal, village, district, bri, auditor, public: anyone } = clients(api);

const PORTAL = 'Portal Pengaduan Warga Kota Bandung';
const VILLAGE = 'Kantor Kelurahan Sukarasa (Puskesos)';
const DISTRICT = 'Dinas Sosial Kota Bandung';
const BRI = 'PT Bank Rakyat Indonesia (Persero) Tbk';

let villageOffice = '';
let bankBri = '';
let lks = '';
beforeAll(async () => {
  villageOffice = await organisationId(db, 'Kelurahan Sukarasa');
  bankBri = await organisationId(db, 'Bank Rakyat Indonesia');
  lks = await organisationId(db, 'LKS Harapan Sejahtera');
});

describe('a complaint from intake to rating', () => {
  it('intake → verification → referral to the bank (answered) → case conference → escalation → resolution → rating: one timeline, numbered, with its actors', async () => {
    // Intake: the portal files for a family whose PKH did not arrive.
    const c = await submitted(api, { category: 'FAILED_TRANSFER' });
    let version = c.version;
    const step = async (client: typeof village, name: string, input: Record<string, unknown>, fields?: string) => {
      const payload = await ok(client, name, input, fields);
      version = payload.complaint?.version ?? version + 1;
      return payload;
    };

    await step(village, 'verifyComplaint', { complaintId: c.id, version });
    const { referral } = await step(village, 'referComplaint', {
      idempotencyKey: randomUUID(), complaintId: c.id, version, organisationId: bankBri, reason: 'Mohon cek transfer PKH tahap 3 ke rekening KKS KPM.',
    }, 'complaint { version } referral { id }');
    // The bank now sees the complaint, and answers.
    expect((await bri('query ($id: ID!) { complaint(id: $id) { status } }', { id: c.id })).body.data.complaint).toEqual({ status: 'IN_PROGRESS' });
    await step(bri, 'answerReferral', { referralId: referral.id, answer: 'Rekening pasif; sudah diaktifkan dan dana disalurkan ulang 2 Desember.' }, 'complaint { version }');
    const { caseConference } = await ok(district, 'scheduleCaseConference', {
      idempotencyKey: randomUUID(), complaintIds: [c.id], participantIds: [villageOffice, bankBri, lks], scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      location: 'Ruang rapat SLRT Kota Bandung', agenda: 'Transfer gagal dan pemutakhiran data KPM.',
    }, 'caseConference { id }');
    version += 1;
    await ok(district, 'recordCaseConference', {
      caseConferenceId: caseConference.id, decisions: 'Bank menyalurkan ulang; desa memutakhirkan data di SIKS-NG.',
      actions: [{ description: 'Mutakhirkan data KPM di SIKS-NG.', responsibleOrganisationId: villageOffice, dueOn: '2026-12-31' }],
    }, 'caseConference { status }');
    version += 1;
    await step(village, 'escalateComplaint', { complaintId: c.id, version, reason: 'Perlu keputusan Dinas Sosial atas data DTKS.' });
    const resolved = await step(district, 'resolveComplaint', {
      complaintId: c.id, version, decision: 'UPHELD', publicResponse: 'Bantuan PKH tahap 3 sudah disalurkan ulang ke rekening KKS Anda.',
    });
    expect(resolved.complaint).toMatchObject({ status: 'RESOLVED', currentTier: 'DISTRICT', slaState: 'MET' });
    const rated = await anyone(`mutation ($input: RateResolutionInput!) { rateResolution(input: $input) { userErrors { code } } }`,
      { input: { trackingCode: c.trackingCode, pin: c.replyPin, rating: 5, comment: 'Terima kasih.' } });
    expect(rated.body.data.rateResolution.userErrors).toEqual([]);

    // The offices' timeline: every step, numbered 1..n without gaps, with who acted and the status and tier around it.
    const events = await timeline(district, c.id);
    expect(events.map((e) => [e.seq, e.type, e.visibility, e.actorName])).toEqual([
      [1, 'SUBMITTED', 'PUBLIC', PORTAL],
      [2, 'VERIFIED', 'PUBLIC', VILLAGE],
      [3, 'REFERRED', 'PUBLIC', VILLAGE],
      [4, 'REFERRAL_ANSWERED', 'PUBLIC', BRI],
      [5, 'CASE_CONFERENCE_SCHEDULED', 'INTERNAL', DISTRICT],
      [6, 'CASE_CONFERENCE_HELD', 'INTERNAL', DISTRICT],
      [7, 'ESCALATED', 'PUBLIC', VILLAGE],
      [8, 'RESOLVED', 'PUBLIC', DISTRICT],
      [9, 'RATED', 'INTERNAL', null],
    ]);
    expect(events.map((e) => `${e.fromStatus ?? '-'}→${e.toStatus}`)).toEqual([
      '-→RECEIVED', 'RECEIVED→VERIFIED', 'VERIFIED→IN_PROGRESS', 'IN_PROGRESS→IN_PROGRESS', 'IN_PROGRESS→IN_PROGRESS', 'IN_PROGRESS→IN_PROGRESS',
      'IN_PROGRESS→IN_PROGRESS', 'IN_PROGRESS→RESOLVED', 'RESOLVED→RESOLVED',
    ]);
    expect(events.map((e) => e.toTier)).toEqual(['VILLAGE', 'VILLAGE', 'VILLAGE', 'VILLAGE', 'VILLAGE', 'VILLAGE', 'DISTRICT', 'DISTRICT', 'DISTRICT']);
    expect(events[6]).toMatchObject({ fromTier: 'VILLAGE', toTier: 'DISTRICT', message: 'Perlu keputusan Dinas Sosial atas data DTKS.' });
    expect(await timeline(auditor, c.id)).toEqual(events);
    const { row } = await stored(db, c.id);
    expect(row).toMatchObject({ status: 'RESOLVED', version: 9, resolutionRating: 5 });

    // The portal and the bank: the public steps only, actors hidden.
    for (const outsider of [portal, bri]) {
      const seen = await timeline(outsider, c.id);
      expect(seen.map((e) => [e.seq, e.type, e.actorName])).toEqual([
        [1, 'SUBMITTED', null], [2, 'VERIFIED', null], [3, 'REFERRED', null], [4, 'REFERRAL_ANSWERED', null], [7, 'ESCALATED', null], [8, 'RESOLVED', null],
      ]);
    }

    // The public tracker at the end: where it stands and the answers given, nothing that names anyone.
    const tracked = (await anyone(TRACK, { code: c.trackingCode })).body;
    expect(tracked.data.trackComplaint).toMatchObject({ trackingCode: c.trackingCode, status: 'RESOLVED', currentTier: 'DISTRICT', dueAt: null });
    expect(tracked.data.trackComplaint.publicResponses.map((r: { message: string }) => r.message)).toEqual([
      `Diteruskan kepada ${BRI} untuk ditindaklanjuti.`,
      `${BRI} telah menjawab rujukan; petugas akan menyampaikan tindak lanjutnya.`,
      'Bantuan PKH tahap 3 sudah disalurkan ulang ke rekening KKS Anda.',
    ]);
    const text = JSON.stringify(tracked);
    for (const secret of ['Siti', '3273014507850001', 'Terima kasih', 'SIKS-NG', 'Rekening pasif', 'Mohon cek']) expect(text).not.toContain(secret);
  });
});

describe('concurrent handlers', () => {
  it('two handlers verify one complaint at once with the same version: exactly one succeeds, the other gets STALE_VERSION, one VERIFIED event', async () => {
    const c = await submitted(api);
    const [a, b] = await Promise.all([
      run(village, 'verifyComplaint', { complaintId: c.id, version: 1 }),
      run(district, 'verifyComplaint', { complaintId: c.id, version: 1 }),
    ]);
    const outcomes = [a, b].map((p) => p.userErrors.map((e: { code: string }) => e.code));
    expect(outcomes.filter((codes) => codes.length === 0)).toHaveLength(1);
    expect(outcomes.flat()).toEqual(['STALE_VERSION']);
    const { row, events } = await stored(db, c.id);
    expect(row).toMatchObject({ status: 'VERIFIED', version: 2 });
    expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'SUBMITTED'], [2, 'VERIFIED']]);
  });

  it('a bank answering one referral twice at once: one answer, one INVALID_TRANSITION, one event', async () => {
    const c = await submitted(api);
    const { referral } = await ok(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: c.id, version: 1, organisationId: bankBri, reason: 'Cek rekening.' }, 'referral { id }');
    const answers = await Promise.all(['Jawaban A.', 'Jawaban B.'].map((answer) => run(bri, 'answerReferral', { referralId: referral.id, answer }, 'referral { answer }')));
    expect(answers.flatMap((p) => p.userErrors.map((e: { code: string }) => e.code))).toEqual(['INVALID_TRANSITION']);
    const { events } = await stored(db, c.id);
    expect(events.filter((e) => e.type === 'REFERRAL_ANSWERED')).toHaveLength(1);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});
