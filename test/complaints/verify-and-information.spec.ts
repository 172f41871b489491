import { describe, expect, it } from 'vitest';
import { DurationUnit } from '../../server/src/common/enums';
import { resumeAfterPause } from '../../server/src/escalation/sla';
import { addWorkingDays } from '../../server/src/escalation/working-days';
import { useTestDatabase } from '../support/database';
import { clients, expectRefused, mutation, ok, run, stored, submitted, TRACK } from '../support/handling';
import { useTestServer } from '../support/server';

// A controllable clock that only moves forward: Monday 16 November 2026, 09:00 WIB.
let clock = Date.parse('2026-11-16T02:00:00Z');
const now = () => new Date(clock);
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => clock });
const { portal, lks, village, district, surabaya, public: anyone } = clients(api);
const DAY = 86_400_000;

async function verified() {
  const c = await submitted(api);
  return (await ok(village, 'verifyComplaint', { complaintId: c.id, version: c.version })).complaint;
}

describe('verifyComplaint', () => {
  it('RECEIVED → VERIFIED; the resolution clock of the tier starts now (5 working days at a village)', async () => {
    const c = await submitted(api);
    const payload = await ok(village, 'verifyComplaint', { complaintId: c.id, version: 1 });
    expect(payload.complaint).toMatchObject({ status: 'VERIFIED', version: 2, currentTier: 'VILLAGE', slaState: 'ON_TRACK' });
    expect(payload.complaint.dueAt).toBe(addWorkingDays(now(), 5, 'WIB').toISOString());
    const { row, events } = await stored(db, c.id);
    expect(row.slaStartedAt.getTime()).toBe(clock);
    expect(events.at(-1)).toMatchObject({
      seq: 2, type: 'VERIFIED', visibility: 'PUBLIC', fromStatus: 'RECEIVED', toStatus: 'VERIFIED', fromTier: 'VILLAGE', toTier: 'VILLAGE',
      actor: 'Kantor Kelurahan Sukarasa (Puskesos)',
    });
  });

  it('refuses a complaint already verified (INVALID_TRANSITION), a stale version, another region’s complaint — changing nothing', async () => {
    const c = await verified();
    const again = await run(village, 'verifyComplaint', { complaintId: c.id, version: 2 });
    expect(again.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'complaintId'] })]);
    expect(again.complaint).toMatchObject({ status: 'VERIFIED', version: 2 });
    const fresh = await submitted(api);
    const stale = await run(village, 'verifyComplaint', { complaintId: fresh.id, version: 3 });
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION', field: ['input', 'version'] })]);
    const elsewhere = await run(surabaya, 'verifyComplaint', { complaintId: fresh.id, version: 1 });
    expect(elsewhere).toEqual({ complaint: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'complaintId'] })] });
    const bogus = await run(village, 'verifyComplaint', { complaintId: 'not-an-id', version: 1 });
    expect(bogus.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    for (const [id, version, events] of [[c.id, 2, 2], [fresh.id, 1, 1]] as const) {
      const s = await stored(db, id);
      expect(s.row.version).toBe(version);
      expect(s.events).toHaveLength(events);
    }
  });

  it('refuses a lower tier once the complaint has moved up (OUTSIDE_YOUR_TIER)', async () => {
    const c = await submitted(api);
    await ok(village, 'escalateComplaint', { complaintId: c.id, version: 1, reason: 'Perlu data kabupaten.' });
    const low = await run(village, 'verifyComplaint', { complaintId: c.id, version: 2 });
    expect(low.userErrors).toEqual([expect.objectContaining({ code: 'OUTSIDE_YOUR_TIER' })]);
    // The district verifies, and its own (10 working days) clock starts.
    const done = await ok(district, 'verifyComplaint', { complaintId: c.id, version: 2 });
    expect(done.complaint.dueAt).toBe(addWorkingDays(now(), 10, 'WIB').toISOString());
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const c = await submitted(api);
    await expectRefused(api, mutation('verifyComplaint'), { input: { complaintId: c.id, version: 1 } }, ['demo-portal-3273', 'demo-ngo-lks', 'demo-bank-bri', 'demo-auditor']);
    expect((await stored(db, c.id)).row.status).toBe('RECEIVED');
  });
});

describe('requestInformation', () => {
  it('→ PENDING_INFO: the clock pauses and keeps its due date; the question is on the tracker', async () => {
    const c = await verified();
    clock += 3_600_000;
    const payload = await ok(village, 'requestInformation', { complaintId: c.id, version: 2, message: 'Mohon kirimkan foto KKS dan nomor KK.' });
    expect(payload.complaint).toMatchObject({ status: 'PENDING_INFO', version: 3, slaState: 'PAUSED', dueAt: c.dueAt });
    const { row, events } = await stored(db, c.id);
    expect(row.slaPausedAt.getTime()).toBe(clock);
    expect(events.at(-1)).toMatchObject({ type: 'INFORMATION_REQUESTED', visibility: 'PUBLIC', fromStatus: 'VERIFIED', toStatus: 'PENDING_INFO' });
    const tracked = (await anyone(TRACK, { code: c.trackingCode })).body.data.trackComplaint;
    expect(tracked).toMatchObject({ status: 'PENDING_INFO', dueAt: null, publicResponses: [expect.objectContaining({ message: 'Mohon kirimkan foto KKS dan nomor KK.' })] });
  });

  it('refuses an empty question (INVALID_INPUT), one already waiting or finished (INVALID_TRANSITION), a stale version, another region, a tier above', async () => {
    const c = await verified();
    const empty = await run(village, 'requestInformation', { complaintId: c.id, version: 2, message: '  ' });
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'message'] })]);
    await ok(village, 'requestInformation', { complaintId: c.id, version: 2, message: 'Foto KKS?' });
    const twice = await run(village, 'requestInformation', { complaintId: c.id, version: 3, message: 'Lagi?' });
    expect(twice.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    const stale = await run(village, 'requestInformation', { complaintId: c.id, version: 2, message: 'Lagi?' });
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
    const elsewhere = await run(surabaya, 'requestInformation', { complaintId: c.id, version: 3, message: 'Lagi?' });
    expect(elsewhere.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    const resolved = await submitted(api);
    await ok(village, 'resolveComplaint', { complaintId: resolved.id, version: 1, decision: 'UPHELD', publicResponse: 'Selesai.' });
    const finished = await run(village, 'requestInformation', { complaintId: resolved.id, version: 2, message: 'Lagi?' });
    expect(finished.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    const high = await submitted(api);
    await ok(district, 'escalateComplaint', { complaintId: high.id, version: 1, reason: 'Ke kabupaten.' });
    const low = await run(village, 'requestInformation', { complaintId: high.id, version: 2, message: 'Foto?' });
    expect(low.userErrors).toEqual([expect.objectContaining({ code: 'OUTSIDE_YOUR_TIER' })]);
    expect((await stored(db, c.id)).events.filter((e) => e.type === 'INFORMATION_REQUESTED')).toHaveLength(1);
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const c = await submitted(api);
    await expectRefused(api, mutation('requestInformation'), { input: { complaintId: c.id, version: 1, message: 'x' } }, ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor']);
  });
});

describe('provideInformation', () => {
  it('relayed by the submitting portal: back to the status before, the due date pushed back by the working days the pause took', async () => {
    const c = await verified();
    clock += 3_600_000;
    await ok(village, 'requestInformation', { complaintId: c.id, version: 2, message: 'Foto KKS?' });
    const pausedAt = now();
    clock += 10 * DAY; // the complainant answers ten days later
    const payload = await ok(portal, 'provideInformation', { complaintId: c.id, version: 3, information: 'Foto KKS terlampir; nomor KK 3273010101010001.' });
    const expectedDue = resumeAfterPause(new Date(c.dueAt), pausedAt, now(), { unit: DurationUnit.WORKING_DAYS }, 'WIB');
    expect(expectedDue.getTime()).toBeGreaterThan(new Date(c.dueAt).getTime());
    expect(payload.complaint).toMatchObject({ status: 'VERIFIED', version: 4, dueAt: expectedDue.toISOString() });
    const { row, events } = await stored(db, c.id);
    expect(row.slaPausedAt).toBeNull();
    expect(events.at(-1)).toMatchObject({
      type: 'INFORMATION_PROVIDED', visibility: 'PUBLIC', fromStatus: 'PENDING_INFO', toStatus: 'VERIFIED', actor: 'Portal Pengaduan Warga Kota Bandung',
    });
  });

  it('relayed by a handler: a complaint asked about before verification goes back to RECEIVED, its verification clock pushed back', async () => {
    const c = await submitted(api);
    await ok(village, 'requestInformation', { complaintId: c.id, version: 1, message: 'Alamat lengkap?' });
    const pausedAt = now();
    clock += 4 * DAY;
    const payload = await ok(village, 'provideInformation', { complaintId: c.id, version: 2, information: 'RT 02 RW 05.' });
    const expectedDue = resumeAfterPause(new Date(c.dueAt), pausedAt, now(), { unit: DurationUnit.WORKING_DAYS }, 'WIB');
    expect(payload.complaint).toMatchObject({ status: 'RECEIVED', dueAt: expectedDue.toISOString() });
  });

  it('refuses when nothing was asked (INVALID_TRANSITION), an empty answer, a stale version, another intake client’s complaint, a tier below', async () => {
    const c = await verified();
    const notWaiting = await run(portal, 'provideInformation', { complaintId: c.id, version: 2, information: 'x' });
    expect(notWaiting.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    await ok(village, 'requestInformation', { complaintId: c.id, version: 2, message: 'Foto?' });
    const empty = await run(portal, 'provideInformation', { complaintId: c.id, version: 3, information: '' });
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'information'] })]);
    const stale = await run(portal, 'provideInformation', { complaintId: c.id, version: 2, information: 'x' });
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
    const otherClient = await run(lks, 'provideInformation', { complaintId: c.id, version: 3, information: 'x' });
    expect(otherClient).toEqual({ complaint: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })] });
    const high = await submitted(api);
    await ok(district, 'escalateComplaint', { complaintId: high.id, version: 1, reason: 'Ke kabupaten.' });
    await ok(district, 'requestInformation', { complaintId: high.id, version: 2, message: 'Foto?' });
    const low = await run(village, 'provideInformation', { complaintId: high.id, version: 3, information: 'x' });
    expect(low.userErrors).toEqual([expect.objectContaining({ code: 'OUTSIDE_YOUR_TIER' })]);
    expect((await stored(db, c.id)).row).toMatchObject({ status: 'PENDING_INFO', version: 3 });
  });

  it('is for the submitting intake client and handlers: banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const c = await submitted(api);
    await expectRefused(api, mutation('provideInformation'), { input: { complaintId: c.id, version: 1, information: 'x' } }, ['demo-bank-bri', 'demo-auditor']);
  });
});
