import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { clients, expectRefused, mutation, ok, organisationId, run, stored, submitted, timeline, TRACK } from '../support/handling';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
const api = useTestServer(db);
const { portal, village, district, surabaya, bri, bni, auditor, public: anyone } = clients(api);
const REFERRAL = 'id status reason answer answeredAt dueAt createdAt toOrganisation { name kind } fromOrganisation { name }';
const REFERRED = `complaint { id status version } referral { ${REFERRAL} }`;
const ANSWERED = `referral { ${REFERRAL} } complaint { id version }`;
const REFERRALS = `query ($id: ID!) { complaint(id: $id) { referrals { id status toOrganisation { name } } } }`;

let bankBri = '';
let bankBni = '';
let districtOffice = '';
let villageOffice = '';
let surabayaOffice = '';
let portalOrganisation = '';
let lksOrganisation = '';
beforeAll(async () => {
  bankBri = await organisationId(db, 'Bank Rakyat Indonesia');
  bankBni = await organisationId(db, 'Bank Negara Indonesia');
  districtOffice = await organisationId(db, 'Dinas Sosial Kota Bandung');
  villageOffice = await organisationId(db, 'Kelurahan Sukarasa');
  surabayaOffice = await organisationId(db, 'Dinas Sosial Kota Surabaya');
  portalOrganisation = await organisationId(db, 'Portal Pengaduan Warga Kota Bandung');
  lksOrganisation = await organisationId(db, 'LKS Harapan Sejahtera');
});

async function verified() {
  const c = await submitted(api);
  await ok(village, 'verifyComplaint', { complaintId: c.id, version: 1 });
  return { ...c, version: 2 };
}

async function referredToBri() {
  const c = await verified();
  const payload = await ok(village, 'referComplaint', {
    idempotencyKey: randomUUID(), complaintId: c.id, version: 2, organisationId: bankBri, reason: 'Mohon konfirmasi status penyaluran PKH tahap 3.',
  }, REFERRED);
  return { complaint: { ...c, version: 3 }, referral: payload.referral };
}

describe('referComplaint', () => {
  it('refers to a bank: an OPEN referral with a due date, IN_PROGRESS, a public event without the reason — and the bank now sees the complaint', async () => {
    const c = await verified();
    expect((await bri(REFERRALS, { id: c.id })).body.data.complaint).toBeNull();
    const payload = await ok(village, 'referComplaint', {
      idempotencyKey: randomUUID(), complaintId: c.id, version: 2, organisationId: bankBri, reason: 'Mohon konfirmasi status rekening KKS.',
    }, REFERRED);
    expect(payload.complaint).toMatchObject({ status: 'IN_PROGRESS', version: 3 });
    expect(payload.referral).toMatchObject({
      status: 'OPEN', reason: 'Mohon konfirmasi status rekening KKS.', answer: null, answeredAt: null,
      toOrganisation: { name: 'PT Bank Rakyat Indonesia (Persero) Tbk', kind: 'BANK' }, fromOrganisation: { name: 'Kantor Kelurahan Sukarasa (Puskesos)' },
    });
    expect(new Date(payload.referral.dueAt).getTime()).toBeGreaterThan(Date.now() + 5 * 86_400_000); // 5 working days, end of day
    const { events } = await stored(db, c.id);
    expect(events.at(-1)).toMatchObject({
      type: 'REFERRED', visibility: 'PUBLIC', fromStatus: 'VERIFIED', toStatus: 'IN_PROGRESS', actor: 'Kantor Kelurahan Sukarasa (Puskesos)',
      message: 'Diteruskan kepada PT Bank Rakyat Indonesia (Persero) Tbk untuk ditindaklanjuti.',
    });
    expect((await bri(REFERRALS, { id: c.id })).body.data.complaint.referrals).toEqual([
      { id: payload.referral.id, status: 'OPEN', toOrganisation: { name: 'PT Bank Rakyat Indonesia (Persero) Tbk' } },
    ]);
    expect((await bni(REFERRALS, { id: c.id })).body.data.complaint).toBeNull();
    const tracked = (await anyone(TRACK, { code: c.trackingCode })).body;
    expect(tracked.data.trackComplaint.publicResponses.map((r: { message: string }) => r.message)).toEqual(['Diteruskan kepada PT Bank Rakyat Indonesia (Persero) Tbk untuk ditindaklanjuti.']);
    expect(JSON.stringify(tracked)).not.toContain('rekening KKS');
  });

  it('refers to another office that sees the complaint (the district, for a field check); a RECEIVED complaint stays RECEIVED', async () => {
    const c = await submitted(api);
    const payload = await ok(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: c.id, version: 1, organisationId: districtOffice, reason: 'Mohon data DTKS kabupaten.' }, REFERRED);
    expect(payload.complaint.status).toBe('RECEIVED');
    expect(payload.referral.toOrganisation.kind).toBe('DISTRICT_OFFICE');
  });

  it('answers a repeated key with the first referral, refuses the key with other input; a refused call leaves its key free', async () => {
    const c = await verified();
    const key = randomUUID();
    const stale = await run(village, 'referComplaint', { idempotencyKey: key, complaintId: c.id, version: 1, organisationId: bankBri, reason: 'Cek rekening.' }, REFERRED);
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
    const input = { idempotencyKey: key, complaintId: c.id, version: 2, organisationId: bankBri, reason: 'Cek rekening.' };
    const first = await ok(village, 'referComplaint', input, REFERRED);
    const again = await ok(village, 'referComplaint', input, REFERRED);
    expect(again.referral.id).toBe(first.referral.id);
    expect(again.complaint.version).toBe(3);
    const reused = await run(village, 'referComplaint', { ...input, reason: 'Lain.' }, REFERRED);
    expect(reused).toMatchObject({ referral: null, userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] })] });
    const { uuid } = await stored(db, c.id);
    expect((await db.dataSource.query('SELECT count(*)::int AS n FROM referrals WHERE complaint_id = $1', [uuid]))[0].n).toBe(1);
  });

  it('refuses portals, NGOs, an office elsewhere and one’s own office (INELIGIBLE_ORGANISATION), an unknown one (NOT_FOUND)', async () => {
    const c = await verified();
    for (const organisation of [portalOrganisation, lksOrganisation, surabayaOffice, villageOffice]) {
      const refused = await run(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: c.id, version: 2, organisationId: organisation, reason: 'x' });
      expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'INELIGIBLE_ORGANISATION', field: ['input', 'organisationId'] })]);
    }
    const unknown = await run(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: c.id, version: 2, organisationId: 'bm9wZQ', reason: 'x' });
    expect(unknown.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'organisationId'] })]);
    expect((await stored(db, c.id)).row.version).toBe(2);
  });

  it('refuses a second open referral to the same bank and a finished complaint (INVALID_TRANSITION), an empty reason, another region, a tier above', async () => {
    const { complaint } = await referredToBri();
    const twice = await run(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: complaint.id, version: 3, organisationId: bankBri, reason: 'Lagi.' });
    expect(twice.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'organisationId'] })]);
    const empty = await run(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: complaint.id, version: 3, organisationId: bankBni, reason: '' });
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'reason'] })]);
    const elsewhere = await run(surabaya, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: complaint.id, version: 3, organisationId: bankBni, reason: 'x' });
    expect(elsewhere.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'complaintId'] })]);
    await ok(district, 'escalateComplaint', { complaintId: complaint.id, version: 3, reason: 'Ke kabupaten.' });
    const low = await run(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: complaint.id, version: 4, organisationId: bankBni, reason: 'x' });
    expect(low.userErrors).toEqual([expect.objectContaining({ code: 'OUTSIDE_YOUR_TIER' })]);
    await ok(district, 'resolveComplaint', { complaintId: complaint.id, version: 4, decision: 'UPHELD', publicResponse: 'Selesai.' });
    const finished = await run(district, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: complaint.id, version: 5, organisationId: bankBni, reason: 'x' });
    expect(finished.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'complaintId'] })]);
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const c = await submitted(api);
    await expectRefused(api, mutation('referComplaint'), { input: { idempotencyKey: randomUUID(), complaintId: c.id, version: 1, organisationId: bankBri, reason: 'x' } },
      ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor']);
  });
});

describe('answerReferral', () => {
  it('the bank answers: ANSWERED; the complaint gets a public REFERRAL_ANSWERED event that does not repeat the answer', async () => {
    const { complaint, referral } = await referredToBri();
    const answer = 'Rekening KKS 0012-01-000123-50-1 pasif; sudah diaktifkan kembali dan dana disalurkan ulang.';
    const payload = await ok(bri, 'answerReferral', { referralId: referral.id, answer }, ANSWERED);
    expect(payload.referral).toMatchObject({ id: referral.id, status: 'ANSWERED', answer, answeredAt: expect.any(String) });
    expect(payload.complaint).toMatchObject({ id: complaint.id, version: 4 });
    const { events } = await stored(db, complaint.id);
    expect(events.at(-1)).toMatchObject({
      type: 'REFERRAL_ANSWERED', visibility: 'PUBLIC', actor: 'PT Bank Rakyat Indonesia (Persero) Tbk', fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS',
    });
    const tracked = (await anyone(TRACK, { code: complaint.trackingCode })).body;
    expect(tracked.data.trackComplaint.publicResponses.at(-1).message).toContain('telah menjawab rujukan');
    expect(JSON.stringify(tracked)).not.toContain('0012-01');
    // The handler reads the answer on the referral.
    const seen = (await village(`query ($id: ID!) { complaint(id: $id) { referrals { answer } } }`, { id: complaint.id })).body.data.complaint;
    expect(seen.referrals).toEqual([{ answer }]);
  });

  it('refuses answering twice (INVALID_TRANSITION), an empty answer (INVALID_INPUT)', async () => {
    const { referral } = await referredToBri();
    const empty = await run(bri, 'answerReferral', { referralId: referral.id, answer: ' ' }, ANSWERED);
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'answer'] })]);
    await ok(bri, 'answerReferral', { referralId: referral.id, answer: 'Sudah disalurkan ulang.' }, ANSWERED);
    const twice = await run(bri, 'answerReferral', { referralId: referral.id, answer: 'Lagi.' }, ANSWERED);
    expect(twice.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'referralId'] })]);
    expect(twice.referral).toMatchObject({ status: 'ANSWERED', answer: 'Sudah disalurkan ulang.' });
  });

  it('only the organisation referred to answers: another bank finds nothing (NOT_FOUND), a handler who sees it is not the one asked (INELIGIBLE_ORGANISATION)', async () => {
    const { complaint, referral } = await referredToBri();
    const otherBank = await run(bni, 'answerReferral', { referralId: referral.id, answer: 'x' }, ANSWERED);
    expect(otherBank).toEqual({ referral: null, complaint: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'referralId'] })] });
    const handler = await run(district, 'answerReferral', { referralId: referral.id, answer: 'x' }, ANSWERED);
    expect(handler.userErrors).toEqual([expect.objectContaining({ code: 'INELIGIBLE_ORGANISATION' })]);
    const bogus = await run(bri, 'answerReferral', { referralId: 'UmVmZXJyYWw6eA', answer: 'x' }, ANSWERED);
    expect(bogus.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect((await stored(db, complaint.id)).row.version).toBe(3);
  });

  it('an office referred to answers too', async () => {
    const c = await verified();
    const { referral } = await ok(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: c.id, version: 2, organisationId: districtOffice, reason: 'Data DTKS?' }, REFERRED);
    const payload = await ok(district, 'answerReferral', { referralId: referral.id, answer: 'KPM terdaftar di DTKS sejak 2021.' }, ANSWERED);
    expect(payload.referral.status).toBe('ANSWERED');
  });

  it('is for banks and handlers: intake clients and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const { referral } = await referredToBri();
    await expectRefused(api, mutation('answerReferral', 'referral { id }'), { input: { referralId: referral.id, answer: 'x' } }, ['demo-portal-3273', 'demo-ngo-lks', 'demo-auditor']);
  });
});

describe('Referral: who sees what', () => {
  it('handlers and auditors see all of a complaint’s referrals; a bank only its own; intake clients none', async () => {
    const { complaint, referral } = await referredToBri();
    const toBni = await ok(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: complaint.id, version: 3, organisationId: bankBni, reason: 'Cek rekening BNI.' }, REFERRED);
    const names = async (client: typeof village) => (await client(REFERRALS, { id: complaint.id })).body.data.complaint?.referrals.map((r: { toOrganisation: { name: string } }) => r.toOrganisation.name);
    const both = ['PT Bank Rakyat Indonesia (Persero) Tbk', 'PT Bank Negara Indonesia (Persero) Tbk'];
    expect(await names(village)).toEqual(both);
    expect(await names(auditor)).toEqual(both);
    expect(await names(bri)).toEqual(['PT Bank Rakyat Indonesia (Persero) Tbk']);
    expect(await names(bni)).toEqual(['PT Bank Negara Indonesia (Persero) Tbk']);
    expect(await names(portal)).toEqual([]);

    const NODE = `query ($id: ID!) { node(id: $id) { id ... on Referral { status } } }`;
    expect((await bri(NODE, { id: referral.id })).body.data.node).toEqual({ id: referral.id, status: 'OPEN' });
    expect((await bni(NODE, { id: referral.id })).body.data.node).toBeNull();
    expect((await portal(NODE, { id: referral.id })).body.data.node).toBeNull();
    expect((await surabaya(NODE, { id: toBni.referral.id })).body.data.node).toBeNull();
    expect((await auditor(NODE, { id: toBni.referral.id })).body.data.node).toEqual({ id: toBni.referral.id, status: 'OPEN' });
    // The bank's timeline: public events only — the office's internal note is on the complaint, and left out.
    await ok(village, 'addInternalNote', { complaintId: complaint.id, version: toBni.complaint.version, note: 'Rekening KPM diblokir sejak Agustus.' });
    const whole = (await timeline(village, complaint.id))!;
    expect(whole.filter((e) => e.visibility !== 'PUBLIC').map((e) => e.type)).toEqual(['INTERNAL_NOTE']);
    const banks = (await timeline(bri, complaint.id))!;
    expect(banks.map((e) => e.seq)).toEqual(whole.filter((e) => e.visibility === 'PUBLIC').map((e) => e.seq));
    expect(banks.length).toBeGreaterThan(0);
    expect(banks.every((e) => e.visibility === 'PUBLIC')).toBe(true);
  });
});
