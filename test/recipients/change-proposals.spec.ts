import { Client } from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { makeNik } from '../../server/src/recipients/nik';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { expectRefused } from '../support/handling';
import { usePgActivity } from '../support/pg-activity';
import {
  accessLog, daysAgo, dbNow, demoRecipients, DemoRecipient, KARANGPILANG, paidHead, PROPOSE, proposalInput, PROVENANCE, REVIEW, SUKARASA, VERIFY,
} from '../support/recipients';
import { useTestServer } from '../support/server';

/**
 * Who recommended whom: village offices propose adding, removing or updating
 * recipients with the village deliberation that recommended it; the
 * district/city office approves (the register changes, the provenance chain
 * grows) or rejects. Every mutation's success, its userErrors, and the roles
 * refused.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const activity = usePgActivity(db);

const village = () => as(api, 'demo-village-3273011001');
const district = () => as(api, 'demo-dinsos-3273');

const LIST = `query ($filter: RecipientChangeProposalFilter, $first: Int, $after: String) { recipientChangeProposals(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind status nik region { code } } } } }`;

async function propose(input: Record<string, unknown>, client = village()) {
  const { body } = await client(PROPOSE, { input });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.proposeRecipientChange;
}

async function proposed(input: Record<string, unknown>) {
  const payload = await propose(input);
  expect(payload.userErrors).toEqual([]);
  return payload.proposal;
}

async function review(input: Record<string, unknown>, client = district()) {
  const { body } = await client(REVIEW, { input });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.reviewRecipientChange;
}

async function footprint() {
  const [row] = await db.dataSource.query(`SELECT (SELECT count(*) FROM recipient_change_proposals)::int AS proposals,
    (SELECT count(*) FROM deliberations)::int AS deliberations, (SELECT count(*) FROM recipients)::int AS recipients,
    (SELECT count(*) FROM recipient_provenance)::int AS provenance, (SELECT count(*) FROM idempotency_records)::int AS keys`);
  return row;
}

let family: DemoRecipient;
let serial = 4800;
/** A NIK no one has: registered in Sukasari (32.73.01), serials the demo never draws. */
const newNik = (birthDate = '2026-06-15', sex: 'M' | 'F' = 'M') => makeNik({ subdistrictCode: '32.73.01', birthDate, sex, serial: (serial += 1) });

beforeAll(async () => {
  family = await paidHead(db, SUKARASA, 'BRI', 'BPNT');
});

describe('proposeRecipientChange', () => {
  it('records an ADD with its deliberation, pending review; birth date and sex come from the NIK', async () => {
    const nik = newNik('2026-06-15', 'F');
    const input = proposalInput({
      kind: 'ADD', nik, data: { fullName: 'Nur Aisyah', kkNumber: family.kkNumber, address: 'Gg. Mawar No. 3, RT 02/RW 04' },
      deliberation: { minutesNumber: '12/BA-MUSDES/XI/2026', attendanceCount: 41 },
    });
    const proposal = await proposed(input);
    expect(proposal).toMatchObject({
      kind: 'ADD', status: 'PENDING', origin: 'VILLAGE_DELIBERATION', nik, region: { code: SUKARASA }, recipient: null,
      proposed: { fullName: 'Nur Aisyah', birthDate: '2026-06-15', sex: 'F', kkNumber: family.kkNumber, isFamilyHead: false, address: 'Gg. Mawar No. 3, RT 02/RW 04', dtksStatus: null },
      deliberation: { minutesNumber: '12/BA-MUSDES/XI/2026', attendanceCount: 41, region: { code: SUKARASA }, recordedBy: { name: expect.stringContaining('Sukarasa') } },
      proposedBy: { name: expect.stringContaining('Sukarasa') },
    });
    // The same meeting's minutes recommend a second change: recorded once.
    const second = await proposed(proposalInput({
      kind: 'ADD', nik: newNik('2025-12-01', 'M'), data: { fullName: 'Rizky Aditya', kkNumber: family.kkNumber, address: 'Gg. Mawar No. 3, RT 02/RW 04' },
      deliberation: input.deliberation,
    }));
    expect(second.deliberation.id).toBe(proposal.deliberation.id);
  });

  it('takes sex as the KTP writes it, L or P, and keeps it as M or F; a letter that is neither is refused in both languages', async () => {
    const woman = await proposed(proposalInput({ kind: 'ADD', nik: newNik(undefined, 'F'), data: { fullName: 'Sri Wahyuni', kkNumber: family.kkNumber, address: 'Gg. Mawar No. 3', sex: 'P' } }));
    expect(woman.proposed.sex).toBe('F');
    const man = await proposed(proposalInput({ kind: 'ADD', nik: newNik(undefined, 'M'), data: { fullName: 'Agus Salim', kkNumber: family.kkNumber, address: 'Gg. Mawar No. 3', sex: 'l' } }));
    expect(man.proposed.sex).toBe('M');
    const wrong = (await propose(proposalInput({ kind: 'ADD', nik: newNik(undefined, 'M'), data: { fullName: 'Agus Salim', kkNumber: family.kkNumber, address: 'Gg. Mawar No. 3', sex: 'P' } }))).userErrors;
    expect(wrong).toEqual([{ field: ['input', 'data', 'sex'], code: 'INVALID_INPUT', message: 'Jenis kelamin tidak sesuai dengan NIK.' }]);
    const unknown = proposalInput({ kind: 'ADD', nik: newNik(undefined, 'M'), data: { fullName: 'Agus Salim', kkNumber: family.kkNumber, address: 'Gg. Mawar No. 3', sex: 'W' } });
    expect((await propose(unknown)).userErrors).toEqual([{ field: ['input', 'data', 'sex'], code: 'INVALID_INPUT', message: 'Jenis kelamin harus L (laki-laki) atau P (perempuan), seperti di KTP, atau M atau F.' }]);
    const english = (await village()(PROPOSE, { input: unknown }, { 'accept-language': 'en' })).body.data.proposeRecipientChange.userErrors;
    expect(english).toEqual([{ field: ['input', 'data', 'sex'], code: 'INVALID_INPUT', message: 'sex must be L (laki-laki, male) or P (perempuan, female) as on the KTP, or M or F.' }]);
  });

  it('answers a repeat with the same key with the first proposal and creates nothing; the key with other input is refused', async () => {
    const input = proposalInput({ kind: 'ADD', nik: newNik(), data: { fullName: 'Dimas Pratama', kkNumber: family.kkNumber, address: 'Gg. Mawar No. 3' } });
    const first = await proposed(input);
    const before = await footprint();
    const again = await proposed(input);
    expect(again.id).toBe(first.id);
    expect(await footprint()).toEqual(before);
    const reused = await propose({ ...input, reason: 'Alasan lain.' });
    expect(reused.proposal).toBeNull();
    expect(reused.userErrors).toEqual([{ field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) }]);
  });

  it('records an UPDATE of a recipient of the village with only the fields that change, and a REMOVE', async () => {
    const [person] = await demoRecipients(db, 'r.kk_number = $1 AND NOT r.is_family_head', [family.kkNumber]);
    const update = await proposed(proposalInput({ kind: 'UPDATE', nik: person.nik, data: { fullName: person.fullName, address: 'Jl. Sukarasa Raya No. 9, RT 01/RW 02' } }));
    expect(update).toMatchObject({
      kind: 'UPDATE', recipient: { nik: person.nik },
      proposed: { fullName: null, address: 'Jl. Sukarasa Raya No. 9, RT 01/RW 02', kkNumber: null, birthDate: null, sex: null, isFamilyHead: null, dtksStatus: null },
    });
    const remove = await proposed(proposalInput({ kind: 'REMOVE', nik: person.nik, reason: 'Pindah domisili ke luar kota.' }));
    expect(remove).toMatchObject({ kind: 'REMOVE', status: 'PENDING', recipient: { nik: person.nik } });
  });

  it('refuses bad input field by field, in both languages, and creates nothing', async () => {
    const before = await footprint();
    const existing = family.nik;
    const surabaya = (await paidHead(db, KARANGPILANG, 'BRI', 'BPNT')).nik;
    const cases: [Record<string, unknown>, string[], string][] = [
      [{ kind: 'ADD', nik: '3273011505850000', data: { fullName: 'X Y', kkNumber: family.kkNumber, address: 'A' } }, ['input', 'nik'], 'INVALID_INPUT'],
      [{ kind: 'ADD', nik: existing, data: { fullName: 'X Y', kkNumber: family.kkNumber, address: 'A' } }, ['input', 'nik'], 'INVALID_INPUT'],
      [{ kind: 'ADD', nik: newNik(), data: { kkNumber: family.kkNumber, address: 'A' } }, ['input', 'data', 'fullName'], 'INVALID_INPUT'],
      [{ kind: 'ADD', nik: newNik(), data: { fullName: 'X Y', address: 'A' } }, ['input', 'data', 'kkNumber'], 'INVALID_INPUT'],
      [{ kind: 'ADD', nik: newNik('2026-06-15', 'M'), data: { fullName: 'X Y', kkNumber: family.kkNumber, address: 'A', birthDate: '2026-06-16' } }, ['input', 'data', 'birthDate'], 'INVALID_INPUT'],
      [{ kind: 'ADD', nik: newNik('2026-06-15', 'M'), data: { fullName: 'X Y', kkNumber: family.kkNumber, address: 'A', sex: 'F' } }, ['input', 'data', 'sex'], 'INVALID_INPUT'],
      [{ kind: 'ADD', nik: newNik(), data: { fullName: 'X\nY', kkNumber: family.kkNumber, address: 'A' } }, ['input', 'data', 'fullName'], 'INVALID_INPUT'],
      [{ kind: 'ADD', nik: newNik(), data: { fullName: 'X Y', kkNumber: family.kkNumber, address: 'A', isFamilyHead: true } }, ['input', 'data', 'isFamilyHead'], 'INVALID_INPUT'],
      [{ kind: 'ADD', nik: newNik(), data: { fullName: 'X Y', kkNumber: (await paidHead(db, KARANGPILANG, 'BRI', 'BPNT')).kkNumber, address: 'A' } }, ['input', 'data', 'kkNumber'], 'INVALID_INPUT'],
      [{ kind: 'ADD', nik: newNik(), data: { fullName: 'X Y', kkNumber: family.kkNumber, address: 'A', dtksStatus: 'REGISTERED' } }, ['input', 'data', 'dtksStatus'], 'INVALID_INPUT'],
      [{ kind: 'UPDATE', nik: surabaya, data: { address: 'Jl. Baru' } }, ['input', 'nik'], 'NOT_FOUND'],
      [{ kind: 'UPDATE', nik: existing, data: {} }, ['input', 'data'], 'INVALID_INPUT'],
      [{ kind: 'UPDATE', nik: existing, data: { fullName: family.fullName } }, ['input', 'data'], 'INVALID_INPUT'],
      [{ kind: 'UPDATE', nik: existing, data: { dtksStatus: 'REMOVED' } }, ['input', 'data', 'dtksStatus'], 'INVALID_INPUT'],
      [{ kind: 'UPDATE', nik: existing, data: { kkNumber: '0073011505850001' } }, ['input', 'data', 'kkNumber'], 'INVALID_INPUT'],
      [{ kind: 'REMOVE', nik: existing, data: { address: 'Jl. Baru' } }, ['input', 'data'], 'INVALID_INPUT'],
      [{ kind: 'REMOVE', nik: existing, reason: '  ' }, ['input', 'reason'], 'INVALID_INPUT'],
      [{ kind: 'REMOVE', nik: existing, evidence: 'x'.repeat(2001) }, ['input', 'evidence'], 'INVALID_INPUT'],
      [{ kind: 'REMOVE', nik: existing, idempotencyKey: '' }, ['input', 'idempotencyKey'], 'INVALID_INPUT'],
      [{ kind: 'REMOVE', nik: existing, deliberation: { heldOn: daysAgo(-2) } }, ['input', 'deliberation', 'heldOn'], 'INVALID_INPUT'],
      [{ kind: 'REMOVE', nik: existing, deliberation: { heldOn: daysAgo(400) } }, ['input', 'deliberation', 'heldOn'], 'INVALID_INPUT'],
      [{ kind: 'REMOVE', nik: existing, deliberation: { heldOn: '2026-02-30' } }, ['input', 'deliberation', 'heldOn'], 'INVALID_INPUT'],
      [{ kind: 'REMOVE', nik: existing, deliberation: { attendanceCount: 0 } }, ['input', 'deliberation', 'attendanceCount'], 'INVALID_INPUT'],
      [{ kind: 'REMOVE', nik: existing, deliberation: { minutesNumber: '' } }, ['input', 'deliberation', 'minutesNumber'], 'INVALID_INPUT'],
    ];
    for (const [overrides, field, code] of cases) {
      const payload = await propose(proposalInput(overrides));
      expect(payload.proposal, JSON.stringify(overrides)).toBeNull();
      expect(payload.userErrors.map((e: { field: string[]; code: string }) => [e.field, e.code]), JSON.stringify(overrides)).toContainEqual([field, code]);
    }
    const english = (await village()(PROPOSE, { input: proposalInput({ kind: 'UPDATE', nik: surabaya, data: { address: 'Jl. Baru' } }) }, { 'accept-language': 'en' })).body;
    expect(english.data.proposeRecipientChange.userErrors[0].message).toBe('No recipient with this NIK lives in your village.');
    expect(await footprint()).toEqual(before);
  });

  it('refuses a second pending ADD of the same NIK, and minutes recorded with other details', async () => {
    const nik = newNik();
    await proposed(proposalInput({ kind: 'ADD', nik, data: { fullName: 'Putri Lestari', kkNumber: family.kkNumber, address: 'Gg. Melati 1' } }));
    const twice = await propose(proposalInput({ kind: 'ADD', nik, data: { fullName: 'Putri Lestari', kkNumber: family.kkNumber, address: 'Gg. Melati 1' } }));
    expect(twice.userErrors).toEqual([{ field: ['input', 'nik'], code: 'INVALID_INPUT', message: expect.any(String) }]);

    const minutes = { heldOn: daysAgo(3), minutesNumber: '99/BA-MUSDES/2026', attendanceCount: 20 };
    await proposed(proposalInput({ kind: 'ADD', nik: newNik(), data: { fullName: 'Bayu Saputra', kkNumber: family.kkNumber, address: 'Gg. Melati 1' }, deliberation: minutes }));
    const before = await footprint();
    const mismatch = await propose(proposalInput({
      kind: 'ADD', nik: newNik(), data: { fullName: 'Reza Saputra', kkNumber: family.kkNumber, address: 'Gg. Melati 1' }, deliberation: { ...minutes, attendanceCount: 21 },
    }));
    expect(mismatch.userErrors).toEqual([{ field: ['input', 'deliberation', 'minutesNumber'], code: 'INVALID_INPUT', message: expect.stringContaining('20') }]);
    expect(await footprint()).toEqual(before);
  });

  it('is for village offices only', async () => {
    await expectRefused(api, PROPOSE, { input: proposalInput({ kind: 'REMOVE', nik: family.nik }) },
      ['demo-dinsos-3273', 'demo-province-32', 'demo-ministry', 'demo-bank-bri', 'demo-portal-3273', 'demo-ngo-lks', 'demo-auditor']);
  });
});

describe('reviewRecipientChange', () => {
  it('approves an ADD: the person enters the register (DTKS) and the provenance names who proposed, recommended and approved it', async () => {
    const nik = newNik('2026-03-02', 'M');
    const proposal = await proposed(proposalInput({
      kind: 'ADD', nik, data: { fullName: 'Ahmad Fauzi', kkNumber: family.kkNumber, address: 'Gg. Mawar No. 3' },
      deliberation: { minutesNumber: '21/BA-MUSDES/XI/2026', attendanceCount: 38 },
    }));
    const payload = await review({ proposalId: proposal.id, decision: 'APPROVE', note: 'Akta kelahiran dan KK diverifikasi.' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.proposal).toMatchObject({ status: 'APPROVED', reviewNote: 'Akta kelahiran dan KK diverifikasi.', reviewedBy: { name: 'Dinas Sosial Kota Bandung' }, recipient: { nik } });
    expect(payload.recipient).toMatchObject({
      nik, kkNumber: family.kkNumber, fullName: 'Ahmad Fauzi', birthDate: '2026-03-02', sex: 'M', isFamilyHead: false, dtksStatus: 'REGISTERED',
    });

    const { body } = await district()(PROVENANCE, { nik });
    expect(body.data.recipient.provenance).toEqual([expect.objectContaining({
      seq: 1, action: 'ADDED', changedFields: ['kkNumber', 'fullName', 'birthDate', 'sex', 'isFamilyHead', 'address', 'dtksStatus'],
      proposedAt: proposal.proposedAt, previousHash: null,
      proposedBy: { name: expect.stringContaining('Sukarasa') },
      recommendedBy: { minutesNumber: '21/BA-MUSDES/XI/2026', heldOn: proposal.deliberation.heldOn, attendanceCount: 38 },
      recommendingComplaint: null,
      approvedBy: { name: 'Dinas Sosial Kota Bandung' },
      proposal: { id: proposal.id, kind: 'ADD' },
    })]);
    const verified = (await district()(VERIFY, { nik })).body.data.verifyRecipientProvenance;
    expect(verified).toMatchObject({ intact: true, entries: 1, brokenAt: [] });
  });

  it('approves an UPDATE: only the proposed fields change, and the chain grows by one entry', async () => {
    const [person] = await demoRecipients(db, 'r.kk_number = $1 AND NOT r.is_family_head', [(await paidHead(db, SUKARASA, 'BRI', 'BPNT', 1)).kkNumber]);
    const proposal = await proposed(proposalInput({ kind: 'UPDATE', nik: person.nik, data: { address: 'Jl. Sukarasa Raya No. 11' } }));
    const payload = await review({ proposalId: proposal.id, decision: 'APPROVE', note: 'Kunjungan rumah: alamat benar.' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.recipient).toMatchObject({ nik: person.nik, fullName: person.fullName, address: 'Jl. Sukarasa Raya No. 11' });
    const provenance = (await district()(PROVENANCE, { nik: person.nik })).body.data.recipient.provenance;
    expect(provenance.map((p: { seq: number; action: string; changedFields: string[] }) => [p.seq, p.action, p.changedFields]))
      .toEqual([[1, 'IMPORTED', []], [2, 'UPDATED', ['address']]]);
    expect(provenance[1].previousHash).toBe(provenance[0].hash);
    expect(provenance[0]).toMatchObject({ proposedBy: null, recommendedBy: null, approvedBy: { name: expect.stringContaining('Kementerian Sosial') } });
    expect((await district()(VERIFY, { nik: person.nik })).body.data.verifyRecipientProvenance).toMatchObject({ intact: true, entries: 2 });
  });

  it('approves a REMOVE: out of DTKS, enrolments ended', async () => {
    const head = await paidHead(db, SUKARASA, 'BRI', 'BPNT', 2);
    const proposal = await proposed(proposalInput({ kind: 'REMOVE', nik: head.nik, reason: 'Sudah mampu: memiliki usaha toko bangunan.' }));
    const payload = await review({ proposalId: proposal.id, decision: 'APPROVE', note: 'Diverifikasi lewat kunjungan rumah.' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.recipient.dtksStatus).toBe('REMOVED');
    const enrolments = await db.dataSource.query(`SELECT status, ended_on AS "endedOn" FROM program_enrolments WHERE recipient_id = $1`, [head.id]);
    expect(enrolments.length).toBeGreaterThan(0);
    expect(enrolments.every((e: { status: string; endedOn: string | null }) => e.status === 'ENDED' && e.endedOn)).toBe(true);
    const provenance = (await district()(PROVENANCE, { nik: head.nik })).body.data.recipient.provenance;
    expect(provenance.at(-1)).toMatchObject({ action: 'REMOVED', changedFields: ['dtksStatus'] });
  });

  it('rejects: the register is unchanged and nothing is appended; a decided proposal cannot be decided again', async () => {
    const [person] = await demoRecipients(db, 'r.kk_number = $1 AND NOT r.is_family_head', [family.kkNumber]);
    const proposal = await proposed(proposalInput({ kind: 'UPDATE', nik: person.nik, data: { fullName: 'Nama Salah Ketik' } }));
    const before = await footprint();
    const payload = await review({ proposalId: proposal.id, decision: 'REJECT', note: 'Nama sesuai KTP sudah benar.' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.proposal).toMatchObject({ status: 'REJECTED', reviewNote: 'Nama sesuai KTP sudah benar.' });
    expect(payload.recipient).toBeNull();
    const [row] = await db.dataSource.query('SELECT full_name FROM recipients WHERE id = $1', [person.id]);
    expect(row.full_name).toBe(person.fullName);
    expect(await footprint()).toEqual(before);

    const again = await review({ proposalId: proposal.id, decision: 'APPROVE', note: 'Berubah pikiran.' });
    expect(again.userErrors).toEqual([{ field: ['input', 'proposalId'], code: 'INVALID_TRANSITION', message: expect.any(String) }]);
    expect(again.proposal.status).toBe('REJECTED');
  });

  it('approves two moves between the same two families at once, without a deadlock: X into Y\'s KK while Y goes into X\'s', async () => {
    // Two families of the village with a member besides the head each, not used by the other tests.
    const [x, y] = await db.dataSource.query(`
      SELECT DISTINCT ON (r.kk_number) r.id, r.nik, r.kk_number AS "kkNumber" FROM recipients r
       WHERE r.region_code = $1 AND NOT r.is_family_head AND r.dtks_status <> 'REMOVED'
         AND (SELECT count(*) FROM recipients m WHERE m.kk_number = r.kk_number) >= 3
         AND NOT EXISTS (SELECT 1 FROM recipient_change_proposals p WHERE p.kk_number = r.kk_number OR p.recipient_id IN (SELECT id FROM recipients m WHERE m.kk_number = r.kk_number))
       ORDER BY r.kk_number DESC, r.nik LIMIT 2`, [SUKARASA]);
    expect(y, 'two families of three or more in the village').toBeDefined();
    const xMoves = await proposed(proposalInput({ kind: 'UPDATE', nik: x.nik, data: { kkNumber: y.kkNumber } }));
    const yMoves = await proposed(proposalInput({ kind: 'UPDATE', nik: y.nik, data: { kkNumber: x.kkNumber } }));

    // Hold every other member of both families, so that both reviews are under way and waiting before either can finish.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    let reviews: Promise<unknown[]>;
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM recipients WHERE kk_number IN ($1, $2) AND id NOT IN ($3, $4) FOR UPDATE', [x.kkNumber, y.kkNumber, x.id, y.id]);
      reviews = Promise.all([xMoves, yMoves].map((p) => review({ proposalId: p.id, decision: 'APPROVE', note: 'Pindah KK sesuai dokumen.' })));
      await activity.untilLockWaiters(2);
    } finally {
      await holder.query('COMMIT').finally(() => holder.end());
    }
    const [xReviewed, yReviewed] = await reviews! as { userErrors: unknown[] }[];
    expect(xReviewed.userErrors).toEqual([]);
    expect(yReviewed.userErrors).toEqual([]);
    const moved = await db.dataSource.query('SELECT id, kk_number AS "kkNumber" FROM recipients WHERE id IN ($1, $2)', [x.id, y.id]);
    expect(Object.fromEntries(moved.map((r: { id: string; kkNumber: string }) => [r.id, r.kkNumber]))).toEqual({ [x.id]: y.kkNumber, [y.id]: x.kkNumber });
  });

  it('refuses to approve a proposal whose recipient changed since (STALE_VERSION), leaving it pending', async () => {
    const [person] = await demoRecipients(db, 'r.kk_number = $1 AND NOT r.is_family_head', [(await paidHead(db, SUKARASA, 'BRI', 'BPNT', 3)).kkNumber]);
    const first = await proposed(proposalInput({ kind: 'UPDATE', nik: person.nik, data: { address: 'Alamat A' } }));
    const second = await proposed(proposalInput({ kind: 'UPDATE', nik: person.nik, data: { fullName: 'Nama Baru' } }));
    expect((await review({ proposalId: first.id, decision: 'APPROVE', note: 'OK.' })).userErrors).toEqual([]);
    const before = await footprint();
    const stale = await review({ proposalId: second.id, decision: 'APPROVE', note: 'OK.' });
    expect(stale.userErrors).toEqual([{ field: ['input', 'proposalId'], code: 'STALE_VERSION', message: expect.any(String) }]);
    expect(stale.proposal.status).toBe('PENDING');
    expect(await footprint()).toEqual(before);
    expect((await review({ proposalId: second.id, decision: 'REJECT', note: 'Usulkan ulang.' })).proposal.status).toBe('REJECTED');
  });

  it('answers NOT_FOUND for another district’s proposals and for ids that are not proposals; INVALID_INPUT for an empty note', async () => {
    const proposal = await proposed(proposalInput({ kind: 'REMOVE', nik: family.nik }));
    const surabaya = await review({ proposalId: proposal.id, decision: 'APPROVE', note: 'x' }, as(api, 'demo-dinsos-3578'));
    expect(surabaya).toMatchObject({ proposal: null, userErrors: [{ field: ['input', 'proposalId'], code: 'NOT_FOUND' }] });
    const bogus = await review({ proposalId: 'UmVnaW9uOjMy', decision: 'APPROVE', note: 'x' });
    expect(bogus.userErrors[0].code).toBe('NOT_FOUND');
    const empty = await review({ proposalId: proposal.id, decision: 'APPROVE', note: ' ' });
    expect(empty.userErrors).toEqual([{ field: ['input', 'note'], code: 'INVALID_INPUT', message: expect.any(String) }]);
    const [row] = await db.dataSource.query('SELECT status FROM recipient_change_proposals WHERE id = $1', [fromGlobalId(proposal.id)!.key]);
    expect(row.status).toBe('PENDING');
  });

  it('is for district/city offices only', async () => {
    const proposal = await proposed(proposalInput({ kind: 'REMOVE', nik: family.nik }));
    await expectRefused(api, REVIEW, { input: { proposalId: proposal.id, decision: 'APPROVE', note: 'x' } },
      ['demo-village-3273011001', 'demo-province-32', 'demo-ministry', 'demo-bank-bri', 'demo-portal-3273', 'demo-ngo-csr', 'demo-auditor']);
  });

  it('approves the demo’s pending proposals (a newborn, a new address)', async () => {
    const pending = (await district()(LIST, { filter: { status: ['PENDING'], regionCode: SUKARASA }, first: 100 })).body.data.recipientChangeProposals;
    const seeded = await db.dataSource.query(`SELECT id FROM recipient_change_proposals WHERE deliberation_id IN (SELECT id FROM deliberations WHERE minutes_number LIKE '140/BA-MUSDES/%')`);
    expect(seeded).toHaveLength(2);
    for (const { id } of seeded) {
      const node = pending.edges.find((e: { node: { id: string } }) => fromGlobalId(e.node.id)!.key === id);
      expect(node).toBeDefined();
      const payload = await review({ proposalId: node.node.id, decision: 'APPROVE', note: 'Sesuai hasil musyawarah.' });
      expect(payload.userErrors).toEqual([]);
      expect((await district()(VERIFY, { nik: node.node.nik })).body.data.verifyRecipientProvenance.intact).toBe(true);
    }
  });
});

describe('recipientChangeProposals', () => {
  it('lists a village office its own, the district office its villages’, another district none of them; filters and pages', async () => {
    // An ADD already reviewed: with the demo's pending UPDATE, the kind-and-status filter below has one of each to leave out.
    const rejected = await proposed(proposalInput({ kind: 'ADD', nik: newNik(), data: { fullName: 'Asep Sunandar', kkNumber: family.kkNumber, address: 'Gg. Dahlia 4' } }));
    expect((await review({ proposalId: rejected.id, decision: 'REJECT', note: 'Tidak memenuhi syarat.' })).proposal.status).toBe('REJECTED');
    const nik = newNik();
    const mine = await proposed(proposalInput({ kind: 'ADD', nik, data: { fullName: 'Lilis Suryani', kkNumber: family.kkNumber, address: 'Gg. Dahlia 2' } }));
    const all = await db.dataSource.query(`SELECT count(*)::int AS n FROM recipient_change_proposals WHERE region_code LIKE '32.73.%'`);
    const districtList = (await district()(LIST, { first: 100 })).body.data.recipientChangeProposals;
    expect(districtList.totalCount).toBe(all[0].n);
    expect(districtList.edges[0].node.id).toBe(mine.id); // newest first
    const villageList = (await village()(LIST, { first: 100 })).body.data.recipientChangeProposals;
    expect(villageList.totalCount).toBe(all[0].n); // every one is Sukarasa's
    expect((await as(api, 'demo-dinsos-3578')(LIST, {})).body.data.recipientChangeProposals.totalCount).toBe(0);
    expect((await as(api, 'demo-auditor')(LIST, {})).body.data.recipientChangeProposals.totalCount).toBe(all[0].n);

    const byNik = (await district()(LIST, { filter: { nik } })).body.data.recipientChangeProposals;
    expect(byNik.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([mine.id]);
    const adds = (await district()(LIST, { filter: { kind: ['ADD'], status: ['PENDING'] }, first: 100 })).body.data.recipientChangeProposals;
    const [counted] = await db.dataSource.query(`SELECT count(*) FILTER (WHERE kind = 'ADD' AND status = 'PENDING')::int AS "pendingAdds",
        count(*) FILTER (WHERE kind <> 'ADD' AND status = 'PENDING')::int AS "otherPending", count(*) FILTER (WHERE kind = 'ADD' AND status <> 'PENDING')::int AS "reviewedAdds"
      FROM recipient_change_proposals WHERE region_code LIKE '32.73.%'`);
    expect(counted.otherPending).toBeGreaterThan(0);
    expect(counted.reviewedAdds).toBeGreaterThan(0);
    expect(adds.totalCount).toBe(counted.pendingAdds);
    expect(adds.edges).toHaveLength(counted.pendingAdds);
    expect(adds.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(mine.id);
    expect(adds.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(rejected.id);
    expect(adds.edges.every((e: { node: { kind: string; status: string } }) => e.node.kind === 'ADD' && e.node.status === 'PENDING')).toBe(true);

    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i += 1) {
      const page: any = (await district()(LIST, { first: 3, after })).body.data.recipientChangeProposals;
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(all[0].n);
  });

  it('logs every full NIK and KK of a proposal read', async () => {
    const since = await dbNow(db);
    const { body } = await district()(`query { recipientChangeProposals(first: 5, filter: { kind: [ADD] }) { edges { node { id nik proposed { kkNumber } } } } }`);
    const ids = body.data.recipientChangeProposals.edges.map((e: { node: { id: string } }) => fromGlobalId(e.node.id)!.key).sort();
    expect(ids.length).toBeGreaterThan(0);
    const logged = await accessLog(db, 'demo-dinsos-3273', since);
    expect(logged.filter((l) => l.field === 'nik').map((l) => l.subjectId).sort()).toEqual(ids);
    expect(logged.filter((l) => l.field === 'kkNumber')).toHaveLength(ids.length);
    expect(logged.every((l) => l.subjectType === 'RecipientChangeProposal')).toBe(true);
  });

  it('refuses banks, intake clients and the public', async () => {
    await expectRefused(api, LIST, {}, ['demo-bank-bri', 'demo-portal-3273', 'demo-ngo-lks']);
  });

  it('refuses malformed filters and cursors', async () => {
    for (const variables of [{ filter: { regionCode: '32.7' } }, { filter: { nik: '123' } }, { filter: { complaintId: 'x' } }, { after: 'bm90IGEgY3Vyc29y' }, { first: 0 }]) {
      const { body } = await district()(LIST, variables);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });
});
