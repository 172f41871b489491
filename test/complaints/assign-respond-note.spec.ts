import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { clients, expectRefused, mutation, ok, organisationId, run, stored, submitted, timeline, TRACK } from '../support/handling';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
const api = useTestServer(db);
const { portal, village, district, surabaya, bri, auditor, public: anyone } = clients(api);
const ASSIGNED = `complaint { id status version assignedTo { name } assignedOfficerName }`;

let districtOffice = '';
let villageOffice = '';
let surabayaOffice = '';
let bankBri = '';
beforeAll(async () => {
  districtOffice = await organisationId(db, 'Dinas Sosial Kota Bandung');
  villageOffice = await organisationId(db, 'Kelurahan Sukarasa');
  surabayaOffice = await organisationId(db, 'Dinas Sosial Kota Surabaya');
  bankBri = await organisationId(db, 'Bank Rakyat Indonesia');
});

async function verified() {
  const c = await submitted(api);
  await ok(village, 'verifyComplaint', { complaintId: c.id, version: 1 });
  return { ...c, version: 2 };
}

describe('assignComplaint', () => {
  it('gives a verified complaint to an office at or above its tier and a named officer: IN_PROGRESS, an internal event', async () => {
    const c = await verified();
    const payload = await ok(district, 'assignComplaint', { complaintId: c.id, version: 2, organisationId: districtOffice, officerName: ' Budi Santoso ' }, ASSIGNED);
    expect(payload.complaint).toMatchObject({
      status: 'IN_PROGRESS', version: 3, assignedTo: { name: 'Dinas Sosial Kota Bandung' }, assignedOfficerName: 'Budi Santoso',
    });
    const { events } = await stored(db, c.id);
    expect(events.at(-1)).toMatchObject({
      type: 'ASSIGNED', visibility: 'INTERNAL', fromStatus: 'VERIFIED', toStatus: 'IN_PROGRESS', actor: 'Dinas Sosial Kota Bandung',
      data: { organisationId: expect.any(String) },
    });
    // The portal sees who handles it, but neither the officer's name nor the internal event.
    const seen = (await portal(`query ($id: ID!) { complaint(id: $id) { assignedTo { name } assignedOfficerName } }`, { id: c.id })).body.data.complaint;
    expect(seen).toEqual({ assignedTo: { name: 'Dinas Sosial Kota Bandung' }, assignedOfficerName: null });
    expect((await timeline(portal, c.id)).map((e) => e.type)).toEqual(['SUBMITTED', 'VERIFIED']);
  });

  it('leaves a RECEIVED complaint RECEIVED (assigning is not verifying)', async () => {
    const c = await submitted(api);
    const payload = await ok(village, 'assignComplaint', { complaintId: c.id, version: 1, organisationId: villageOffice }, ASSIGNED);
    expect(payload.complaint).toMatchObject({ status: 'RECEIVED', assignedTo: { name: 'Kantor Kelurahan Sukarasa (Puskesos)' }, assignedOfficerName: null });
  });

  it('refuses an unknown organisation (NOT_FOUND), an office elsewhere, a bank or one below the tier (INELIGIBLE_ORGANISATION) — changing nothing', async () => {
    const c = await verified();
    const unknown = await run(district, 'assignComplaint', { complaintId: c.id, version: 2, organisationId: 'T3JnYW5pc2F0aW9uOm5vcGU' });
    expect(unknown.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'organisationId'] })]);
    for (const organisation of [surabayaOffice, bankBri]) {
      const refused = await run(district, 'assignComplaint', { complaintId: c.id, version: 2, organisationId: organisation });
      expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'INELIGIBLE_ORGANISATION', field: ['input', 'organisationId'] })]);
    }
    await ok(district, 'escalateComplaint', { complaintId: c.id, version: 2, reason: 'Ditangani kabupaten.' });
    const below = await run(district, 'assignComplaint', { complaintId: c.id, version: 3, organisationId: villageOffice });
    expect(below.userErrors).toEqual([expect.objectContaining({ code: 'INELIGIBLE_ORGANISATION' })]);
    const { row, events } = await stored(db, c.id);
    expect(row.version).toBe(3);
    expect(events.map((e) => e.type)).toEqual(['SUBMITTED', 'VERIFIED', 'ESCALATED']);
  });

  it('refuses a too long officer name, a finished complaint, a stale version, a tier above, another region', async () => {
    const c = await verified();
    const long = await run(district, 'assignComplaint', { complaintId: c.id, version: 2, organisationId: districtOffice, officerName: 'x'.repeat(151) });
    expect(long.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'officerName'] })]);
    const stale = await run(district, 'assignComplaint', { complaintId: c.id, version: 1, organisationId: districtOffice });
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
    const elsewhere = await run(surabaya, 'assignComplaint', { complaintId: c.id, version: 2, organisationId: surabayaOffice });
    expect(elsewhere.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'complaintId'] })]);
    await ok(district, 'escalateComplaint', { complaintId: c.id, version: 2, reason: 'Ditangani kabupaten.' });
    const low = await run(village, 'assignComplaint', { complaintId: c.id, version: 3, organisationId: districtOffice });
    expect(low.userErrors).toEqual([expect.objectContaining({ code: 'OUTSIDE_YOUR_TIER' })]);
    await ok(district, 'resolveComplaint', { complaintId: c.id, version: 3, decision: 'UPHELD', publicResponse: 'Selesai.' });
    const finished = await run(district, 'assignComplaint', { complaintId: c.id, version: 4, organisationId: districtOffice });
    expect(finished.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const c = await submitted(api);
    await expectRefused(api, mutation('assignComplaint'), { input: { complaintId: c.id, version: 1, organisationId: villageOffice } }, ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor']);
  });
});

describe('respondToComplaint', () => {
  it('publishes a response: on the tracker, and in every timeline', async () => {
    const c = await verified();
    const payload = await ok(village, 'respondToComplaint', { complaintId: c.id, version: 2, message: 'Data Anda sedang kami cocokkan dengan DTKS.' });
    expect(payload.complaint).toMatchObject({ status: 'VERIFIED', version: 3 });
    const tracked = (await anyone(TRACK, { code: c.trackingCode })).body.data.trackComplaint;
    expect(tracked.publicResponses.map((r: { message: string }) => r.message)).toEqual(['Data Anda sedang kami cocokkan dengan DTKS.']);
    expect((await timeline(portal, c.id)).at(-1)).toMatchObject({ type: 'PUBLIC_RESPONSE', visibility: 'PUBLIC', message: 'Data Anda sedang kami cocokkan dengan DTKS.' });
  });

  it('refuses an empty response, a closed-off complaint (INVALID_TRANSITION), a stale version, another region', async () => {
    const c = await submitted(api);
    const empty = await run(village, 'respondToComplaint', { complaintId: c.id, version: 1, message: '' });
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'message'] })]);
    const stale = await run(village, 'respondToComplaint', { complaintId: c.id, version: 9, message: 'x' });
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
    const elsewhere = await run(surabaya, 'respondToComplaint', { complaintId: c.id, version: 1, message: 'x' });
    expect(elsewhere.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    await ok(village, 'rejectComplaint', { complaintId: c.id, version: 1, reason: 'NOT_OUR_AUTHORITY', publicMessage: 'Silakan hubungi BPJS Kesehatan.' });
    const rejected = await run(village, 'respondToComplaint', { complaintId: c.id, version: 2, message: 'x' });
    expect(rejected.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const c = await submitted(api);
    await expectRefused(api, mutation('respondToComplaint'), { input: { complaintId: c.id, version: 1, message: 'x' } }, ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor']);
  });
});

describe('addInternalNote', () => {
  it('is seen by handlers and auditors only: never by the submitting portal, a bank it was referred to, or the public tracker', async () => {
    const c = await verified();
    await ok(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: c.id, version: 2, organisationId: bankBri, reason: 'Mohon cek status rekening.' });
    const note = 'Catatan internal: pendamping PKH diduga memotong bantuan.';
    const payload = await ok(village, 'addInternalNote', { complaintId: c.id, version: 3, note });
    expect(payload.complaint.version).toBe(4);
    expect((await stored(db, c.id)).events.at(-1)).toMatchObject({ type: 'INTERNAL_NOTE', visibility: 'INTERNAL', message: note });

    for (const handler of [village, district, auditor]) {
      expect((await timeline(handler, c.id)).map((e) => e.message)).toContain(note);
    }
    for (const outsider of [portal, bri]) {
      const events = await timeline(outsider, c.id);
      expect(events.map((e) => e.type)).toEqual(['SUBMITTED', 'VERIFIED', 'REFERRED']);
      const { body } = await outsider(`query ($id: ID!) { complaint(id: $id) { timeline { totalCount } } }`, { id: c.id });
      expect(body.data.complaint.timeline.totalCount).toBe(3); // the count does not betray the note either
    }
    const tracked = await anyone(TRACK, { code: c.trackingCode });
    expect(JSON.stringify(tracked.body)).not.toContain('pendamping');
  });

  it('refuses an empty note, a stale version, another region, a tier above', async () => {
    const c = await submitted(api);
    const empty = await run(village, 'addInternalNote', { complaintId: c.id, version: 1, note: ' ' });
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'note'] })]);
    const stale = await run(village, 'addInternalNote', { complaintId: c.id, version: 2, note: 'x' });
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
    const elsewhere = await run(surabaya, 'addInternalNote', { complaintId: c.id, version: 1, note: 'x' });
    expect(elsewhere.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    await ok(district, 'escalateComplaint', { complaintId: c.id, version: 1, reason: 'Ke kabupaten.' });
    const low = await run(village, 'addInternalNote', { complaintId: c.id, version: 2, note: 'x' });
    expect(low.userErrors).toEqual([expect.objectContaining({ code: 'OUTSIDE_YOUR_TIER' })]);
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const c = await submitted(api);
    await expectRefused(api, mutation('addInternalNote'), { input: { complaintId: c.id, version: 1, note: 'x' } }, ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor']);
  });
});
