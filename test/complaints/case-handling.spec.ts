import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { clients, COMPLAINT_FIELDS, expectRefused, mutation, ok, organisationId, run, stored, submitted, timeline } from '../support/handling';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
const api = useTestServer(db);
const { portal, village, district, surabaya, bri, bni, auditor } = clients(api);
const HOUR = 3_600_000;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const CONFERENCE = `caseConference { id status scheduledAt location agenda decisions heldAt
  convenedBy { name } participants { name } complaints { id } actions { description dueOn responsibleOrganisation { name } } }`;
const VISIT = 'homeVisit { id socialWorkerName scheduledFor visitedAt outcome findings organisation { name } complaint { id } }';
const SCHEDULED_VISIT = `complaint { ${COMPLAINT_FIELDS} } ${VISIT}`;
const RECORDED_VISIT = `${VISIT} complaint { id version }`;
const CASE_FIELDS = 'query ($id: ID!) { complaint(id: $id) { caseConferences { id status } homeVisits { id outcome findings } } }';
const NODE = 'query ($id: ID!) { node(id: $id) { id } }';

let villageOffice = '';
let bankBri = '';
let lks = '';
beforeAll(async () => {
  villageOffice = await organisationId(db, 'Kelurahan Sukarasa');
  bankBri = await organisationId(db, 'Bank Rakyat Indonesia');
  lks = await organisationId(db, 'LKS Harapan Sejahtera');
});

async function verified() {
  const c = await submitted(api);
  await ok(village, 'verifyComplaint', { complaintId: c.id, version: 1 });
  return { ...c, version: 2 };
}

async function conference(complaintIds: string[]) {
  return (await ok(district, 'scheduleCaseConference', {
    idempotencyKey: randomUUID(), complaintIds, participantIds: [villageOffice, bankBri, lks], scheduledAt: inDays(3),
    location: 'Aula Dinas Sosial Kota Bandung', agenda: 'Penyaluran PKH yang gagal ke dua KPM di Sukarasa.',
  }, CONFERENCE)).caseConference;
}

describe('scheduleCaseConference', () => {
  it('gathers complaints and parties; each complaint gets an internal CASE_CONFERENCE_SCHEDULED event and a new version', async () => {
    const [a, b] = [await verified(), await submitted(api)];
    const scheduledAt = inDays(3);
    const payload = await ok(district, 'scheduleCaseConference', {
      idempotencyKey: randomUUID(), complaintIds: [a.id, b.id], participantIds: [villageOffice, bankBri, lks], scheduledAt,
      location: 'Aula Dinas Sosial Kota Bandung', agenda: 'Penyaluran PKH yang gagal.',
    }, CONFERENCE);
    expect(payload.caseConference).toMatchObject({
      status: 'SCHEDULED', scheduledAt, location: 'Aula Dinas Sosial Kota Bandung', agenda: 'Penyaluran PKH yang gagal.', decisions: null, heldAt: null,
      convenedBy: { name: 'Dinas Sosial Kota Bandung' }, actions: [],
    });
    expect(payload.caseConference.participants.map((p: { name: string }) => p.name).sort()).toEqual([
      'Dinas Sosial Kota Bandung', 'Kantor Kelurahan Sukarasa (Puskesos)', 'LKS Harapan Sejahtera Bandung', 'PT Bank Rakyat Indonesia (Persero) Tbk',
    ]);
    expect(payload.caseConference.complaints.map((c: { id: string }) => c.id).sort()).toEqual([a.id, b.id].sort());
    for (const [c, version] of [[a, 3], [b, 2]] as const) {
      const { row, events } = await stored(db, c.id);
      expect(row.version).toBe(version);
      expect(events.at(-1)).toMatchObject({ type: 'CASE_CONFERENCE_SCHEDULED', visibility: 'INTERNAL', actor: 'Dinas Sosial Kota Bandung', data: { caseConferenceId: expect.any(String) } });
    }
    // Offices and auditors see it, and the organisations invited (BRI; docs/adr/0031-workspace-api.md); the portal, a bank not invited and another region do not.
    expect((await bri(NODE, { id: payload.caseConference.id })).body.data.node).toEqual({ id: payload.caseConference.id });
    expect((await village(CASE_FIELDS, { id: a.id })).body.data.complaint.caseConferences).toEqual([{ id: payload.caseConference.id, status: 'SCHEDULED' }]);
    expect((await portal(CASE_FIELDS, { id: a.id })).body.data.complaint.caseConferences).toEqual([]);
    expect((await timeline(portal, a.id)).map((e) => e.type)).toEqual(['SUBMITTED', 'VERIFIED']);
    expect((await auditor(NODE, { id: payload.caseConference.id })).body.data.node).toEqual({ id: payload.caseConference.id });
    for (const outsider of [portal, bni, surabaya]) expect((await outsider(NODE, { id: payload.caseConference.id })).body.data.node).toBeNull();
  });

  it('answers a repeated key with the first conference, refuses the key with other input', async () => {
    const a = await verified();
    const input = { idempotencyKey: randomUUID(), complaintIds: [a.id], participantIds: [bankBri], scheduledAt: inDays(2), location: 'Kantor Kelurahan', agenda: 'Rekening pasif.' };
    const first = await ok(district, 'scheduleCaseConference', input, CONFERENCE);
    const again = await ok(district, 'scheduleCaseConference', input, CONFERENCE);
    expect(again.caseConference.id).toBe(first.caseConference.id);
    const reused = await run(district, 'scheduleCaseConference', { ...input, agenda: 'Lain.' }, CONFERENCE);
    expect(reused).toMatchObject({ caseConference: null, userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })] });
    expect((await stored(db, a.id)).events.filter((e) => e.type === 'CASE_CONFERENCE_SCHEDULED')).toHaveLength(1);
  });

  it('refuses a complaint out of reach or an unknown organisation (NOT_FOUND, naming the item), a finished complaint (INVALID_TRANSITION), bad input — creating nothing', async () => {
    const a = await verified();
    const inSurabaya = await submitted(api, { regionCode: '35.78.01.1001' });
    const base = { complaintIds: [a.id], participantIds: [bankBri], scheduledAt: inDays(2), location: 'Aula', agenda: 'Agenda.' };
    const conferences = async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM case_conferences'))[0].n;
    const before = await conferences();
    const outOfReach = await run(district, 'scheduleCaseConference', { ...base, idempotencyKey: randomUUID(), complaintIds: [a.id, inSurabaya.id] }, CONFERENCE);
    expect(outOfReach.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'complaintIds', '1'] })]);
    const unknown = await run(district, 'scheduleCaseConference', { ...base, idempotencyKey: randomUUID(), participantIds: [bankBri, 'T3JnYW5pc2F0aW9uOng'] }, CONFERENCE);
    expect(unknown.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'participantIds', '1'] })]);
    const done = await submitted(api);
    await ok(village, 'resolveComplaint', { complaintId: done.id, version: 1, decision: 'UPHELD', publicResponse: 'Selesai.' });
    const finished = await run(district, 'scheduleCaseConference', { ...base, idempotencyKey: randomUUID(), complaintIds: [done.id] }, CONFERENCE);
    expect(finished.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'complaintIds', '0'] })]);
    const bad = await run(district, 'scheduleCaseConference', {
      ...base, idempotencyKey: randomUUID(), complaintIds: [], scheduledAt: new Date(Date.now() - HOUR).toISOString(), agenda: ' ',
    }, CONFERENCE);
    expect(bad.userErrors.map((e: { field: string[] }) => e.field.join('.')).sort()).toEqual(['input.agenda', 'input.complaintIds', 'input.scheduledAt']);
    expect(bad.userErrors.every((e: { code: string }) => e.code === 'INVALID_INPUT')).toBe(true);
    expect(await conferences()).toBe(before);
    expect((await stored(db, a.id)).row.version).toBe(2);
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const a = await submitted(api);
    await expectRefused(api, mutation('scheduleCaseConference', 'caseConference { id }'), {
      input: { idempotencyKey: randomUUID(), complaintIds: [a.id], participantIds: [bankBri], scheduledAt: inDays(1), location: 'x', agenda: 'x' },
    }, ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor']);
  });
});

describe('recordCaseConference', () => {
  it('HELD, with decisions and follow-up actions; each complaint gets an internal CASE_CONFERENCE_HELD event', async () => {
    const [a, b] = [await verified(), await verified()];
    const scheduled = await conference([a.id, b.id]);
    const payload = await ok(district, 'recordCaseConference', {
      caseConferenceId: scheduled.id, decisions: 'Bank mengaktifkan kembali rekening; desa memperbarui data di SIKS-NG.',
      actions: [
        { description: 'Aktifkan kembali rekening KKS dan salurkan ulang.', responsibleOrganisationId: bankBri, dueOn: '2026-12-15' },
        { description: 'Dampingi KPM ke bank.', responsibleOrganisationId: lks },
      ],
    }, CONFERENCE);
    expect(payload.caseConference).toMatchObject({
      id: scheduled.id, status: 'HELD', decisions: 'Bank mengaktifkan kembali rekening; desa memperbarui data di SIKS-NG.', heldAt: expect.any(String),
      actions: [
        { description: 'Aktifkan kembali rekening KKS dan salurkan ulang.', dueOn: '2026-12-15', responsibleOrganisation: { name: 'PT Bank Rakyat Indonesia (Persero) Tbk' } },
        { description: 'Dampingi KPM ke bank.', dueOn: null, responsibleOrganisation: { name: 'LKS Harapan Sejahtera Bandung' } },
      ],
    });
    for (const c of [a, b]) {
      expect((await stored(db, c.id)).events.at(-1)).toMatchObject({ type: 'CASE_CONFERENCE_HELD', visibility: 'INTERNAL', actor: 'Dinas Sosial Kota Bandung' });
    }
  });

  it('refuses recording twice (INVALID_TRANSITION), a conference out of reach (NOT_FOUND), an unknown responsible organisation, bad input', async () => {
    const a = await verified();
    const scheduled = await conference([a.id]);
    const outOfReach = await run(surabaya, 'recordCaseConference', { caseConferenceId: scheduled.id, decisions: 'x', actions: [] }, CONFERENCE);
    expect(outOfReach).toEqual({ caseConference: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'caseConferenceId'] })] });
    const unknownOrganisation = await run(district, 'recordCaseConference', {
      caseConferenceId: scheduled.id, decisions: 'x', actions: [{ description: 'x', responsibleOrganisationId: 'T3JnYW5pc2F0aW9uOng' }],
    }, CONFERENCE);
    expect(unknownOrganisation.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'actions', '0', 'responsibleOrganisationId'] })]);
    const bad = await run(district, 'recordCaseConference', {
      caseConferenceId: scheduled.id, decisions: '', heldAt: inDays(1), actions: [{ description: 'x', responsibleOrganisationId: bankBri, dueOn: '15-12-2026' }],
    }, CONFERENCE);
    expect(bad.userErrors.map((e: { field: string[] }) => e.field.join('.')).sort()).toEqual(['input.actions.0.dueOn', 'input.decisions', 'input.heldAt']);
    expect(bad.caseConference).toMatchObject({ status: 'SCHEDULED', actions: [] });
    await ok(district, 'recordCaseConference', { caseConferenceId: scheduled.id, decisions: 'Sepakat.', actions: [] }, CONFERENCE);
    const twice = await run(district, 'recordCaseConference', { caseConferenceId: scheduled.id, decisions: 'Lagi.', actions: [] }, CONFERENCE);
    expect(twice.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect(twice.caseConference.decisions).toBe('Sepakat.');
    expect((await stored(db, a.id)).events.filter((e) => e.type === 'CASE_CONFERENCE_HELD')).toHaveLength(1);
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const scheduled = await conference([(await verified()).id]);
    await expectRefused(api, mutation('recordCaseConference', 'caseConference { id }'), { input: { caseConferenceId: scheduled.id, decisions: 'x', actions: [] } },
      ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor']);
  });
});

describe('scheduleHomeVisit', () => {
  it('plans a social worker’s visit: IN_PROGRESS, an internal event; offices see it, the portal does not', async () => {
    const c = await verified();
    const scheduledFor = inDays(2);
    const payload = await ok(village, 'scheduleHomeVisit', { idempotencyKey: randomUUID(), complaintId: c.id, version: 2, socialWorkerName: 'Rina Marlina', scheduledFor }, SCHEDULED_VISIT);
    expect(payload.complaint).toMatchObject({ status: 'IN_PROGRESS', version: 3 });
    expect(payload.homeVisit).toMatchObject({
      socialWorkerName: 'Rina Marlina', scheduledFor, visitedAt: null, outcome: null, findings: null,
      organisation: { name: 'Kantor Kelurahan Sukarasa (Puskesos)' }, complaint: { id: c.id },
    });
    expect((await stored(db, c.id)).events.at(-1)).toMatchObject({ type: 'HOME_VISIT_SCHEDULED', visibility: 'INTERNAL', fromStatus: 'VERIFIED', toStatus: 'IN_PROGRESS' });
    expect((await district(CASE_FIELDS, { id: c.id })).body.data.complaint.homeVisits).toEqual([{ id: payload.homeVisit.id, outcome: null, findings: null }]);
    expect((await portal(CASE_FIELDS, { id: c.id })).body.data.complaint.homeVisits).toEqual([]);
  });

  it('a RECEIVED complaint stays RECEIVED (the visit verifies it); a repeated key answers the first visit', async () => {
    const c = await submitted(api);
    const input = { idempotencyKey: randomUUID(), complaintId: c.id, version: 1, socialWorkerName: 'Rina Marlina', scheduledFor: inDays(1) };
    const first = await ok(village, 'scheduleHomeVisit', input, SCHEDULED_VISIT);
    expect(first.complaint.status).toBe('RECEIVED');
    const again = await ok(village, 'scheduleHomeVisit', input, SCHEDULED_VISIT);
    expect(again.homeVisit.id).toBe(first.homeVisit.id);
    expect((await stored(db, c.id)).events.filter((e) => e.type === 'HOME_VISIT_SCHEDULED')).toHaveLength(1);
  });

  it('refuses a time in the past or no name (INVALID_INPUT), a finished complaint, a stale version, another region, a tier above', async () => {
    const c = await verified();
    const base = { complaintId: c.id, version: 2, socialWorkerName: 'Rina', scheduledFor: inDays(1) };
    const past = await run(village, 'scheduleHomeVisit', { ...base, idempotencyKey: randomUUID(), scheduledFor: new Date(Date.now() - HOUR).toISOString() }, SCHEDULED_VISIT);
    expect(past.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'scheduledFor'] })]);
    const noName = await run(village, 'scheduleHomeVisit', { ...base, idempotencyKey: randomUUID(), socialWorkerName: '' }, SCHEDULED_VISIT);
    expect(noName.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'socialWorkerName'] })]);
    const stale = await run(village, 'scheduleHomeVisit', { ...base, idempotencyKey: randomUUID(), version: 1 }, SCHEDULED_VISIT);
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
    const elsewhere = await run(surabaya, 'scheduleHomeVisit', { ...base, idempotencyKey: randomUUID() }, SCHEDULED_VISIT);
    expect(elsewhere.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    await ok(district, 'escalateComplaint', { complaintId: c.id, version: 2, reason: 'Ke kabupaten.' });
    const low = await run(village, 'scheduleHomeVisit', { ...base, idempotencyKey: randomUUID(), version: 3 }, SCHEDULED_VISIT);
    expect(low.userErrors).toEqual([expect.objectContaining({ code: 'OUTSIDE_YOUR_TIER' })]);
    await ok(district, 'resolveComplaint', { complaintId: c.id, version: 3, decision: 'UPHELD', publicResponse: 'Selesai.' });
    const finished = await run(district, 'scheduleHomeVisit', { ...base, idempotencyKey: randomUUID(), version: 4 }, SCHEDULED_VISIT);
    expect(finished.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect((await db.dataSource.query('SELECT count(*)::int AS n FROM home_visits WHERE complaint_id = $1', [(await stored(db, c.id)).uuid]))[0].n).toBe(0);
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const c = await submitted(api);
    await expectRefused(api, mutation('scheduleHomeVisit'), { input: { idempotencyKey: randomUUID(), complaintId: c.id, version: 1, socialWorkerName: 'x', scheduledFor: inDays(1) } },
      ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor']);
  });
});

describe('recordHomeVisit', () => {
  async function scheduled() {
    const c = await verified();
    const payload = await ok(village, 'scheduleHomeVisit', { idempotencyKey: randomUUID(), complaintId: c.id, version: 2, socialWorkerName: 'Rina Marlina', scheduledFor: inDays(1) }, SCHEDULED_VISIT);
    return { complaint: c, visit: payload.homeVisit };
  }

  it('records the outcome and findings: an internal event; the findings stay with handlers and auditors', async () => {
    const { complaint, visit } = await scheduled();
    const visitedAt = new Date(Date.now() - HOUR).toISOString();
    const findings = 'Keluarga tinggal di rumah tidak layak huni; kepala keluarga sakit; memenuhi kriteria PKH.';
    const payload = await ok(village, 'recordHomeVisit', { homeVisitId: visit.id, visitedAt, outcome: 'CONFIRMED', findings }, RECORDED_VISIT);
    expect(payload.homeVisit).toMatchObject({ id: visit.id, visitedAt, outcome: 'CONFIRMED', findings });
    expect(payload.complaint.version).toBe(4);
    expect((await stored(db, complaint.id)).events.at(-1)).toMatchObject({ type: 'HOME_VISIT_RECORDED', visibility: 'INTERNAL', actor: 'Kantor Kelurahan Sukarasa (Puskesos)' });
    expect((await auditor(CASE_FIELDS, { id: complaint.id })).body.data.complaint.homeVisits).toEqual([{ id: visit.id, outcome: 'CONFIRMED', findings }]);
    for (const office of [village, district, auditor]) expect((await office(NODE, { id: visit.id })).body.data.node).toEqual({ id: visit.id });
    for (const outsider of [portal, bri, surabaya]) expect((await outsider(NODE, { id: visit.id })).body.data.node).toBeNull();
    const seenByPortal = await portal('query ($id: ID!) { complaint(id: $id) { homeVisits { id } timeline { edges { node { type message } } } } }', { id: complaint.id });
    expect(seenByPortal.body.data.complaint.homeVisits).toEqual([]);
    expect(JSON.stringify(seenByPortal.body)).not.toMatch(/tidak layak huni|HOME_VISIT/);
  });

  it('refuses recording twice (INVALID_TRANSITION), a visit in the future or no findings (INVALID_INPUT), a visit out of reach (NOT_FOUND)', async () => {
    const { visit } = await scheduled();
    const future = await run(village, 'recordHomeVisit', { homeVisitId: visit.id, visitedAt: inDays(1), outcome: 'CONFIRMED', findings: 'x' }, RECORDED_VISIT);
    expect(future.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'visitedAt'] })]);
    const none = await run(village, 'recordHomeVisit', { homeVisitId: visit.id, visitedAt: new Date().toISOString(), outcome: 'NOBODY_HOME', findings: '' }, RECORDED_VISIT);
    expect(none.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'findings'] })]);
    const elsewhere = await run(surabaya, 'recordHomeVisit', { homeVisitId: visit.id, visitedAt: new Date().toISOString(), outcome: 'NOBODY_HOME', findings: 'x' }, RECORDED_VISIT);
    expect(elsewhere).toEqual({ homeVisit: null, complaint: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'homeVisitId'] })] });
    await ok(district, 'recordHomeVisit', { homeVisitId: visit.id, visitedAt: new Date().toISOString(), outcome: 'NOBODY_HOME', findings: 'Rumah kosong.' }, RECORDED_VISIT);
    const twice = await run(village, 'recordHomeVisit', { homeVisitId: visit.id, visitedAt: new Date().toISOString(), outcome: 'CONFIRMED', findings: 'Lagi.' }, RECORDED_VISIT);
    expect(twice.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect(twice.homeVisit).toMatchObject({ outcome: 'NOBODY_HOME', findings: 'Rumah kosong.' });
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const { visit } = await scheduled();
    await expectRefused(api, mutation('recordHomeVisit', 'homeVisit { id }'), { input: { homeVisitId: visit.id, visitedAt: new Date().toISOString(), outcome: 'OTHER', findings: 'x' } },
      ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor']);
  });
});
