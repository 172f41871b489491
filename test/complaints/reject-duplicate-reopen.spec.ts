import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { useTestDatabase } from '../support/database';
import { clients, COMPLAINT_FIELDS, expectRefused, mutation, ok, run, stored, submitted, timeline, TRACK } from '../support/handling';
import { useTestServer } from '../support/server';

// A controllable clock that only moves forward: Monday 16 November 2026, 09:00 WIB.
let clock = Date.parse('2026-11-16T02:00:00Z');
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => clock });
const { portal, lks, village, district, surabaya, public: anyone } = clients(api);
const DAY = 86_400_000;
const MERGED = `complaint { ${COMPLAINT_FIELDS} duplicateOf { id trackingCode } } duplicateOf { id trackingCode version }`;
const APPEALED = `complaint { ${COMPLAINT_FIELDS} } appeal { ${COMPLAINT_FIELDS} description appealOf { id } subjectNik submittedBy { name } assignedTo { name } } trackingCode`;

async function resolved(by = village, overrides: Record<string, unknown> = {}) {
  const c = await submitted(api, overrides);
  let version = 1;
  if (by === district) {
    await ok(district, 'escalateComplaint', { complaintId: c.id, version, reason: 'Ke kabupaten.' });
    version += 1;
  }
  await ok(by, 'resolveComplaint', { complaintId: c.id, version, decision: 'NOT_UPHELD', publicResponse: 'Keluarga Anda tidak memenuhi kriteria.' });
  return { ...c, version: version + 1 };
}

describe('rejectComplaint', () => {
  it('→ REJECTED with the reason in the event and the message on the tracker', async () => {
    const c = await submitted(api);
    const payload = await ok(village, 'rejectComplaint', { complaintId: c.id, version: 1, reason: 'NOT_OUR_AUTHORITY', publicMessage: 'Pengaduan KIS silakan ke BPJS Kesehatan.' });
    expect(payload.complaint).toMatchObject({ status: 'REJECTED', version: 2 });
    expect((await stored(db, c.id)).events.at(-1)).toMatchObject({
      type: 'REJECTED', visibility: 'PUBLIC', fromStatus: 'RECEIVED', toStatus: 'REJECTED', data: { reason: 'NOT_OUR_AUTHORITY' }, actor: 'Kantor Kelurahan Sukarasa (Puskesos)',
    });
    const tracked = (await anyone(TRACK, { code: c.trackingCode })).body.data.trackComplaint;
    expect(tracked).toMatchObject({ status: 'REJECTED', publicResponses: [expect.objectContaining({ message: 'Pengaduan KIS silakan ke BPJS Kesehatan.' })] });
  });

  it('NO_RESPONSE only while waiting for the complainant', async () => {
    const c = await submitted(api);
    const early = await run(village, 'rejectComplaint', { complaintId: c.id, version: 1, reason: 'NO_RESPONSE', publicMessage: 'Tidak ada jawaban.' });
    expect(early.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'reason'] })]);
    await ok(village, 'requestInformation', { complaintId: c.id, version: 1, message: 'Foto KKS?' });
    const payload = await ok(village, 'rejectComplaint', { complaintId: c.id, version: 2, reason: 'NO_RESPONSE', publicMessage: 'Tidak ada jawaban dalam 30 hari.' });
    expect(payload.complaint.status).toBe('REJECTED');
  });

  it('refuses a finished complaint (INVALID_TRANSITION), an empty message, a stale version, another region, a tier above; an unknown reason is a validation error', async () => {
    const r = await resolved();
    const finished = await run(village, 'rejectComplaint', { complaintId: r.id, version: r.version, reason: 'INVALID', publicMessage: 'x' });
    expect(finished.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'complaintId'] })]);
    const c = await submitted(api);
    const empty = await run(village, 'rejectComplaint', { complaintId: c.id, version: 1, reason: 'INVALID', publicMessage: '' });
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'publicMessage'] })]);
    const stale = await run(village, 'rejectComplaint', { complaintId: c.id, version: 2, reason: 'INVALID', publicMessage: 'x' });
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
    const elsewhere = await run(surabaya, 'rejectComplaint', { complaintId: c.id, version: 1, reason: 'INVALID', publicMessage: 'x' });
    expect(elsewhere.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    await ok(district, 'escalateComplaint', { complaintId: c.id, version: 1, reason: 'Ke kabupaten.' });
    const low = await run(village, 'rejectComplaint', { complaintId: c.id, version: 2, reason: 'INVALID', publicMessage: 'x' });
    expect(low.userErrors).toEqual([expect.objectContaining({ code: 'OUTSIDE_YOUR_TIER' })]);
    const { status } = await village(mutation('rejectComplaint'), { input: { complaintId: c.id, version: 2, reason: 'BORED', publicMessage: 'x' } });
    expect(status).toBe(400);
    expect((await stored(db, c.id)).row.status).toBe('RECEIVED');
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const c = await submitted(api);
    await expectRefused(api, mutation('rejectComplaint'), { input: { complaintId: c.id, version: 1, reason: 'INVALID', publicMessage: 'x' } }, ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor']);
  });
});

describe('markDuplicate', () => {
  it('merges: DUPLICATE with a link, MARKED_DUPLICATE on both timelines, and either tracking code shows the survivor', async () => {
    const survivor = await submitted(api);
    const duplicate = await submitted(api);
    const payload = await ok(village, 'markDuplicate', { complaintId: duplicate.id, version: 1, duplicateOfId: survivor.id }, MERGED);
    expect(payload.complaint).toMatchObject({ status: 'DUPLICATE', version: 2, duplicateOf: { id: survivor.id, trackingCode: survivor.trackingCode } });
    expect(payload.duplicateOf).toEqual({ id: survivor.id, trackingCode: survivor.trackingCode, version: 2 });
    expect((await stored(db, duplicate.id)).events.at(-1)).toMatchObject({
      type: 'MARKED_DUPLICATE', visibility: 'PUBLIC', fromStatus: 'RECEIVED', toStatus: 'DUPLICATE', message: expect.stringContaining('digabungkan dengan pengaduan lain'),
    });
    // Public, so it names no other complaint (docs/adr/0027-one-door.md; test/complaints/merged-privacy.spec.ts).
    expect((await stored(db, duplicate.id)).events.at(-1)!.message).not.toContain(survivor.trackingCode);
    expect((await stored(db, survivor.id)).events.at(-1)).toMatchObject({
      type: 'MARKED_DUPLICATE', visibility: 'INTERNAL', fromStatus: 'RECEIVED', toStatus: 'RECEIVED', message: expect.stringContaining(duplicate.trackingCode),
    });
    // The survivor's timeline keeps the merge among the offices: its submitter sees no trace of the other complaint.
    expect((await timeline(portal, survivor.id)).map((e) => e.type)).toEqual(['SUBMITTED']);
    await ok(village, 'respondToComplaint', { complaintId: survivor.id, version: 2, message: 'Sedang kami periksa bersama bank.' });
    const tracked = (await anyone(TRACK, { code: survivor.trackingCode })).body.data.trackComplaint;
    expect(tracked).toMatchObject({ trackingCode: survivor.trackingCode, status: 'RECEIVED', publicResponses: [expect.objectContaining({ message: 'Sedang kami periksa bersama bank.' })] });
    // The duplicate's code shows the duplicate itself, merged: never the survivor's code or its answers.
    const trackedDuplicate = (await anyone(TRACK, { code: duplicate.trackingCode })).body.data.trackComplaint;
    expect(trackedDuplicate).toMatchObject({ trackingCode: duplicate.trackingCode, status: 'DUPLICATE', publicResponses: [expect.objectContaining({ message: expect.stringContaining('digabungkan') })] });
    expect(JSON.stringify(trackedDuplicate)).not.toContain(survivor.trackingCode);
  });

  it('refuses a survivor that is a duplicate or rejected (INVALID_TRANSITION), itself (INVALID_INPUT), one out of reach (NOT_FOUND), a finished duplicate', async () => {
    const [a, b, c, d] = [await submitted(api), await submitted(api), await submitted(api), await submitted(api)];
    await ok(village, 'markDuplicate', { complaintId: b.id, version: 1, duplicateOfId: a.id });
    const toDuplicate = await run(village, 'markDuplicate', { complaintId: c.id, version: 1, duplicateOfId: b.id }, MERGED);
    expect(toDuplicate.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'duplicateOfId'] })]);
    await ok(village, 'rejectComplaint', { complaintId: d.id, version: 1, reason: 'INVALID', publicMessage: 'Tidak valid.' });
    const toRejected = await run(village, 'markDuplicate', { complaintId: c.id, version: 1, duplicateOfId: d.id }, MERGED);
    expect(toRejected.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'duplicateOfId'] })]);
    const itself = await run(village, 'markDuplicate', { complaintId: c.id, version: 1, duplicateOfId: c.id }, MERGED);
    expect(itself.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'duplicateOfId'] })]);
    const inSurabaya = await submittedIn('35.78.01.1001');
    const outOfReach = await run(village, 'markDuplicate', { complaintId: c.id, version: 1, duplicateOfId: inSurabaya }, MERGED);
    expect(outOfReach.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'duplicateOfId'] })]);
    const stale = await run(village, 'markDuplicate', { complaintId: c.id, version: 4, duplicateOfId: a.id }, MERGED);
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
    const alreadyMerged = await run(village, 'markDuplicate', { complaintId: b.id, version: 2, duplicateOfId: c.id }, MERGED);
    expect(alreadyMerged.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'complaintId'] })]);
    expect((await stored(db, c.id)).row).toMatchObject({ status: 'RECEIVED', version: 1, duplicateOfId: null });
  });

  it('two handlers merging a pair in opposite directions at once: exactly one merge, the other STALE_VERSION, never an error', async () => {
    // Each names the pair in the other order, and both lock the two rows in id order (changeComplaint's alsoLock): the
    // second waits on the first row, then finds the first's new version. Locking the named one first, then the other,
    // deadlocks here (each holds one and waits for the other) until PostgreSQL aborts one after its deadlock_timeout —
    // an error, or a hang where that timer does not run. The test holds both rows until both merges wait on it, then
    // lets go of them at once: the overlap is certain, not left to timing.
    const deadlocks = async (): Promise<number> =>
      (await db.dataSource.query('SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()'))[0].n;
    const deadlocksBefore = await deadlocks();
    for (let i = 0; i < 3; i += 1) {
      const [a, b] = [await submitted(api), await submitted(api)];
      const holder = db.dataSource.createQueryRunner();
      await holder.connect();
      try {
        await holder.startTransaction();
        const [{ pid }] = await holder.query('SELECT pg_backend_pid() AS pid');
        await holder.query('SELECT id FROM complaints WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [[a.id, b.id].map((id) => fromGlobalId(id)!.key)]);
        const merges = Promise.all([
          village(mutation('markDuplicate', MERGED), { input: { complaintId: a.id, version: 1, duplicateOfId: b.id } }),
          district(mutation('markDuplicate', MERGED), { input: { complaintId: b.id, version: 1, duplicateOfId: a.id } }),
        ]);
        // Both merges wait on a lock: on the test's (locking the named row first, each its own) or one behind the other (id order).
        const waiting = async () => (await db.dataSource.query(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> $1 AND cardinality(pg_blocking_pids(pid)) > 0', [pid],
        ))[0].n;
        await expect.poll(waiting, { timeout: 10_000 }).toBe(2);
        await holder.commitTransaction();
        const results = await merges;
        expect(results.map((r) => r.body.errors)).toEqual([undefined, undefined]);
        const codes = results.map((r) => r.body.data.markDuplicate.userErrors.map((e: { code: string }) => e.code));
        expect(codes.flat()).toEqual(['STALE_VERSION']);
        const statuses = [(await stored(db, a.id)).row.status, (await stored(db, b.id)).row.status].sort();
        expect(statuses).toEqual(['DUPLICATE', 'RECEIVED']);
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
    }
    // PostgreSQL's own count for this database (it may show a deadlock late, by its stats flush interval; it never shows one that did not happen).
    expect(await deadlocks()).toBe(deadlocksBefore);
  });

  it('is for handlers: intake clients, banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const [a, b] = [await submitted(api), await submitted(api)];
    await expectRefused(api, mutation('markDuplicate'), { input: { complaintId: b.id, version: 1, duplicateOfId: a.id } }, ['demo-portal-3273', 'demo-bank-bri', 'demo-auditor']);
  });
});

async function submittedIn(regionCode: string): Promise<string> {
  return (await submitted(api, { regionCode })).id;
}

describe('reopenComplaint (appeal)', () => {
  it('by the submitting portal: a NEW complaint one tier above the one that resolved it, linked, RECEIVED, with its own code and a REOPENED event on the original', async () => {
    const original = await resolved(village, { subjectNik: '3273010101800009' });
    clock += 3 * DAY;
    const payload = await ok(portal, 'reopenComplaint', {
      idempotencyKey: randomUUID(), complaintId: original.id, version: original.version, reason: 'Kami tetap tidak menerima bantuan; mohon ditinjau ulang.',
    }, APPEALED);
    expect(payload.complaint).toMatchObject({ id: original.id, status: 'RESOLVED', version: original.version + 1 });
    expect(payload.trackingCode).toMatch(/^ADU-/);
    expect(payload.trackingCode).not.toBe(original.trackingCode);
    expect(payload.appeal).toMatchObject({
      trackingCode: payload.trackingCode, status: 'RECEIVED', currentTier: 'DISTRICT', version: 1, slaState: 'ON_TRACK',
      description: 'Kami tetap tidak menerima bantuan; mohon ditinjau ulang.', appealOf: { id: original.id },
      subjectNik: '3273********0009', submittedBy: { name: 'Portal Pengaduan Warga Kota Bandung' }, assignedTo: { name: 'Dinas Sosial Kota Bandung' },
    });
    const appealEvents = (await stored(db, payload.appeal.id)).events;
    expect(appealEvents).toEqual([expect.objectContaining({
      seq: 1, type: 'SUBMITTED', visibility: 'PUBLIC', toStatus: 'RECEIVED', toTier: 'DISTRICT', actor: 'Portal Pengaduan Warga Kota Bandung',
    })]);
    expect((await stored(db, original.id)).events.at(-1)).toMatchObject({
      type: 'REOPENED', visibility: 'PUBLIC', fromStatus: 'RESOLVED', toStatus: 'RESOLVED', message: expect.stringContaining(payload.trackingCode),
    });
    expect((await anyone(TRACK, { code: payload.trackingCode })).body.data.trackComplaint).toMatchObject({ status: 'RECEIVED', currentTier: 'DISTRICT' });
  });

  it('by a handler on the complainant’s behalf; a district decision is appealed to the province', async () => {
    const original = await resolved(district);
    const payload = await ok(district, 'reopenComplaint', { idempotencyKey: randomUUID(), complaintId: original.id, version: original.version, reason: 'Banding lewat SLRT.' }, APPEALED);
    expect(payload.appeal).toMatchObject({ currentTier: 'PROVINCE', assignedTo: { name: 'Dinas Sosial Provinsi Jawa Barat' }, submittedBy: { name: 'Portal Pengaduan Warga Kota Bandung' } });
    // The portal that filed the original follows the appeal too.
    expect((await portal('query ($id: ID!) { complaint(id: $id) { id } }', { id: payload.appeal.id })).body.data.complaint).toEqual({ id: payload.appeal.id });
  });

  it('answers a repeated key with the first appeal, refuses the key with other input', async () => {
    const original = await resolved();
    const input = { idempotencyKey: randomUUID(), complaintId: original.id, version: original.version, reason: 'Mohon ditinjau.' };
    const first = await ok(portal, 'reopenComplaint', input, APPEALED);
    const again = await ok(portal, 'reopenComplaint', input, APPEALED);
    expect(again.appeal.id).toBe(first.appeal.id);
    expect(again.trackingCode).toBe(first.trackingCode);
    const reused = await run(portal, 'reopenComplaint', { ...input, reason: 'Lain.' }, APPEALED);
    expect(reused).toMatchObject({ appeal: null, userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })] });
    const { uuid } = await stored(db, original.id);
    expect((await db.dataSource.query('SELECT count(*)::int AS n FROM complaints WHERE appeal_of_id = $1', [uuid]))[0].n).toBe(1);
  });

  it('refuses after 30 days (APPEAL_WINDOW_CLOSED), before a resolution or a second time (INVALID_TRANSITION), without a reason, with a stale version, for another client’s complaint', async () => {
    const late = await resolved();
    clock += 31 * DAY;
    const closed = await run(portal, 'reopenComplaint', { idempotencyKey: randomUUID(), complaintId: late.id, version: late.version, reason: 'Terlambat.' }, APPEALED);
    expect(closed.userErrors).toEqual([expect.objectContaining({ code: 'APPEAL_WINDOW_CLOSED', field: ['input', 'complaintId'] })]);
    const open = await submitted(api);
    const early = await run(portal, 'reopenComplaint', { idempotencyKey: randomUUID(), complaintId: open.id, version: 1, reason: 'Belum selesai.' }, APPEALED);
    expect(early.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    const original = await resolved();
    const empty = await run(portal, 'reopenComplaint', { idempotencyKey: randomUUID(), complaintId: original.id, version: original.version, reason: '' }, APPEALED);
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'reason'] })]);
    const stale = await run(portal, 'reopenComplaint', { idempotencyKey: randomUUID(), complaintId: original.id, version: 1, reason: 'x' }, APPEALED);
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION' })]);
    const otherClient = await run(lks, 'reopenComplaint', { idempotencyKey: randomUUID(), complaintId: original.id, version: original.version, reason: 'x' }, APPEALED);
    expect(otherClient.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    await ok(portal, 'reopenComplaint', { idempotencyKey: randomUUID(), complaintId: original.id, version: original.version, reason: 'Pertama.' }, APPEALED);
    const second = await run(portal, 'reopenComplaint', { idempotencyKey: randomUUID(), complaintId: original.id, version: original.version + 1, reason: 'Kedua.' }, APPEALED);
    expect(second.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect((await stored(db, late.id)).events.map((e) => e.type)).toEqual(['SUBMITTED', 'RESOLVED']);
  });

  it('is for intake clients and handlers: banks and auditors are FORBIDDEN, the public UNAUTHENTICATED', async () => {
    const original = await resolved();
    await expectRefused(api, mutation('reopenComplaint'), { input: { idempotencyKey: randomUUID(), complaintId: original.id, version: original.version, reason: 'x' } },
      ['demo-bank-bri', 'demo-auditor']);
  });
});
