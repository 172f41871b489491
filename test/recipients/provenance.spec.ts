import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { expectRefused } from '../support/handling';
import { demoRecipients, DemoRecipient, KARANGPILANG, paidHead, PROPOSE, proposalInput, REVIEW, SUKARASA, VERIFY } from '../support/recipients';
import { useTestServer } from '../support/server';

/**
 * The provenance record is append-only and tamper-evident: each entry carries
 * the hash of the one before, per recipient (docs/adr/0008-provenance.md). The
 * database refuses edits; an edit made anyway (by a superuser who switched the
 * trigger off) is reported by verifyRecipientProvenance.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const district = () => as(api, 'demo-dinsos-3273');

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The canonical serialisations of the ADR, written out independently of the SQL functions. */
function stateHash(r: Record<string, any>): string {
  return sha256(['aduan-recipient-v1', r.id, r.nik, r.kk_number, r.full_name, r.birth_date, r.sex, String(r.is_family_head), r.region_code, r.address, r.dtks_status].join('\n'));
}
function entryHash(p: Record<string, any>): string {
  const iso = (d: Date | null) => (d ? d.toISOString() : '');
  return sha256([
    'aduan-provenance-v1', p.id, p.recipient_id, String(p.seq), p.action, p.changed_fields.join(','), p.proposal_id ?? '', p.proposed_by_organisation_id ?? '',
    iso(p.proposed_at), p.deliberation_id ?? '', p.source_complaint_id ?? '', p.approved_by_organisation_id, p.approved_by_client_id ?? '',
    iso(p.occurred_at), p.state_hash, p.prev_hash ?? '',
    // Written by the register import: its id, as one more line (docs/adr/0024-register-import.md).
    ...(p.import_id ? [`import:${p.import_id}`] : []),
  ].join('\n'));
}

async function verify(client: ReturnType<typeof as>, variables: Record<string, unknown>) {
  const { body } = await client(VERIFY, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.verifyRecipientProvenance;
}

/** Runs SQL with the append-only trigger switched off, as only a superuser could — the tampering the chain must reveal. */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  await db.dataSource.transaction(async (manager) => {
    await manager.query('ALTER TABLE recipient_provenance DISABLE TRIGGER recipient_provenance_no_update_or_delete');
    await manager.query(sql, params);
    await manager.query('ALTER TABLE recipient_provenance ENABLE TRIGGER recipient_provenance_no_update_or_delete');
  });
}

/** A Sukarasa recipient with two entries: IMPORTED, then an approved UPDATE of the address. */
async function recipientWithTwoEntries(skip: number): Promise<DemoRecipient> {
  const head = await paidHead(db, SUKARASA, 'BRI', 'BPNT', skip);
  const { body } = await as(api, 'demo-village-3273011001')(PROPOSE, { input: proposalInput({ kind: 'UPDATE', nik: head.nik, data: { address: `Jl. Baru No. ${skip + 1}` } }) });
  const proposal = body.data.proposeRecipientChange.proposal;
  const review = await district()(REVIEW, { input: { proposalId: proposal.id, decision: 'APPROVE', note: 'Diverifikasi.' } });
  expect(review.body.data.reviewRecipientChange.userErrors).toEqual([]);
  return head;
}

let chained: DemoRecipient[] = [];

beforeAll(async () => {
  chained = [];
  for (let i = 0; i < 5; i += 1) chained.push(await recipientWithTwoEntries(0));
});

describe('the chain as written', () => {
  it('covers every demo recipient, and every entry’s hash is what the ADR’s serialisation gives', async () => {
    const [{ missing }] = await db.dataSource.query('SELECT count(*)::int AS missing FROM recipients r WHERE NOT EXISTS (SELECT 1 FROM recipient_provenance p WHERE p.recipient_id = r.id)');
    expect(missing).toBe(0);
    const entries = await db.dataSource.query('SELECT * FROM recipient_provenance WHERE recipient_id = ANY($1::uuid[]) ORDER BY recipient_id, seq', [chained.map((c) => c.id)]);
    expect(entries).toHaveLength(10);
    for (const entry of entries) expect(entry.hash, `${entry.recipient_id}#${entry.seq}`).toBe(entryHash(entry));
    const [recipient] = await db.dataSource.query('SELECT * FROM recipients WHERE id = $1', [chained[0].id]);
    const last = entries.filter((e: { recipient_id: string }) => e.recipient_id === chained[0].id).at(-1);
    expect(last.state_hash).toBe(stateHash(recipient));
    const [{ mismatched }] = await db.dataSource.query('SELECT count(*)::int AS mismatched FROM recipient_provenance p WHERE p.hash <> recipient_provenance_hash(p)');
    expect(mismatched).toBe(0);
  });

  it('verifies intact by NIK or by id, with the head hash to keep outside Aduan', async () => {
    const [{ hash }] = await db.dataSource.query('SELECT hash FROM recipient_provenance WHERE recipient_id = $1 ORDER BY seq DESC LIMIT 1', [chained[0].id]);
    const byNik = await verify(district(), { nik: chained[0].nik });
    expect(byNik).toMatchObject({ intact: true, entries: 2, headHash: hash, brokenAt: [], recipient: { id: toGlobalId('Recipient', chained[0].id) } });
    const byId = await verify(as(api, 'demo-auditor'), { recipientId: toGlobalId('Recipient', chained[0].id) });
    expect(byId).toMatchObject({ intact: true, entries: 2, headHash: hash });
  });

  it('numbers and links entries itself: a writer cannot choose seq, prev_hash or hash', async () => {
    const [org] = await db.dataSource.query(`SELECT id FROM organisations WHERE kind = 'MINISTRY'`);
    await db.dataSource.query(
      `INSERT INTO recipient_provenance (recipient_id, seq, action, approved_by_organisation_id, occurred_at, state_hash, prev_hash, hash)
       VALUES ($1, 99, 'UPDATED', $2, now(), repeat('0', 64), repeat('1', 64), repeat('2', 64))`,
      [chained[4].id, org.id],
    );
    const [entry] = await db.dataSource.query('SELECT * FROM recipient_provenance WHERE recipient_id = $1 ORDER BY seq DESC LIMIT 1', [chained[4].id]);
    expect(entry.seq).toBe(3);
    expect(entry.hash).toBe(entryHash(entry));
    expect(entry.prev_hash).not.toBe('1'.repeat(64));
    expect((await verify(district(), { nik: chained[4].nik })).intact).toBe(true);
  });

  it('a bulk writer that supplies the chain fields itself (the register import) is checked: one wrong entry refuses the statement', async () => {
    const [org] = await db.dataSource.query(`SELECT id FROM organisations WHERE kind = 'MINISTRY'`);
    const supplied = (prevHash: string) => db.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL aduan.provenance_supplied = 'on'`);
      await manager.query(
        `INSERT INTO recipient_provenance (id, recipient_id, seq, action, changed_fields, approved_by_organisation_id, occurred_at, state_hash, prev_hash, hash)
         SELECT (e.p).id, (e.p).recipient_id, (e.p).seq, (e.p).action, (e.p).changed_fields, (e.p).approved_by_organisation_id, (e.p).occurred_at,
                (e.p).state_hash, (e.p).prev_hash, recipient_provenance_hash(e.p)
           FROM (SELECT ROW(gen_random_uuid(), r.id, last.seq + 1, 'UPDATED', '{}', NULL, NULL, NULL, NULL, NULL, $2, NULL, date_trunc('milliseconds', now()),
                            recipient_state_hash(r), $3, NULL, NULL)::recipient_provenance AS p
                   FROM recipients r, LATERAL (SELECT seq, hash FROM recipient_provenance WHERE recipient_id = r.id ORDER BY seq DESC LIMIT 1) last
                  WHERE r.id = $1) e`,
        [chained[4].id, org.id, prevHash === 'head' ? (await manager.query('SELECT hash FROM recipient_provenance WHERE recipient_id = $1 ORDER BY seq DESC LIMIT 1', [chained[4].id]))[0].hash : prevHash]);
    });
    await expect(supplied('1'.repeat(64))).rejects.toThrow(/do not continue their recipient's chain/);
    await supplied('head');
    expect(await verify(district(), { nik: chained[4].nik })).toMatchObject({ intact: true, entries: 4 });
  });

  it('a supplied entry whose own hash is not its content\'s is refused, though its link and state are right (the row trigger does not run for it)', async () => {
    const [org] = await db.dataSource.query(`SELECT id FROM organisations WHERE kind = 'MINISTRY'`);
    const target = chained[3];
    await expect(db.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL aduan.provenance_supplied = 'on'`);
      await manager.query(
        `INSERT INTO recipient_provenance (id, recipient_id, seq, action, changed_fields, approved_by_organisation_id, occurred_at, state_hash, prev_hash, hash)
         SELECT gen_random_uuid(), r.id, last.seq + 1, 'UPDATED', '{}', $2, date_trunc('milliseconds', now()), recipient_state_hash(r), last.hash, $3
           FROM recipients r, LATERAL (SELECT seq, hash FROM recipient_provenance WHERE recipient_id = r.id ORDER BY seq DESC LIMIT 1) last
          WHERE r.id = $1`, [target.id, org.id, 'a'.repeat(64)]);
    })).rejects.toThrow(/do not continue their recipient's chain/);
    expect(await verify(district(), { nik: target.nik })).toMatchObject({ intact: true });
  });

  it('hash and number formats are still enforced by the table (checks written without counted repetitions)', async () => {
    const [entry] = await db.dataSource.query(`SELECT * FROM recipient_provenance WHERE recipient_id = $1 ORDER BY seq DESC LIMIT 1`, [chained[2].id]);
    // A supplied entry skips the row trigger, so the table's own check is what refuses these (upper-case, 63 characters).
    await expect(db.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL aduan.provenance_supplied = 'on'`);
      await manager.query(
        `INSERT INTO recipient_provenance (recipient_id, seq, action, changed_fields, approved_by_organisation_id, occurred_at, state_hash, prev_hash, hash)
         VALUES ($1, $2, 'UPDATED', '{}', $3, date_trunc('milliseconds', now()), $4, $5, $6)`,
        [entry.recipient_id, entry.seq + 1, entry.approved_by_organisation_id, 'A'.repeat(64), entry.hash, 'a'.repeat(63)]);
    })).rejects.toThrow(/recipient_provenance_hash_format/);
    for (const nik of ['327301101090999', '32730110109099x9', '3273011010909 99']) {
      await expect(db.dataSource.query(
        `INSERT INTO recipients (nik, kk_number, full_name, birth_date, sex, region_code, address, dtks_status)
         SELECT $1, kk_number, full_name, birth_date, sex, region_code, address, dtks_status FROM recipients WHERE id = $2`, [nik, entry.recipient_id]))
        .rejects.toThrow(/recipient_nik_format/);
    }
  });
});

describe('append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of provenance, and any change to deliberations', async () => {
    for (const sql of [
      `UPDATE recipient_provenance SET action = 'REMOVED' WHERE recipient_id = '${chained[0].id}'`,
      `DELETE FROM recipient_provenance WHERE recipient_id = '${chained[0].id}'`,
      'TRUNCATE recipient_provenance CASCADE',
      'UPDATE deliberations SET attendance_count = attendance_count + 1',
      'DELETE FROM deliberations',
    ]) {
      await expect(db.dataSource.query(sql), sql).rejects.toThrow(/append-only/);
    }
  });

  it('freezes a proposal once decided', async () => {
    const [decided] = await db.dataSource.query(`SELECT id FROM recipient_change_proposals WHERE status = 'APPROVED' LIMIT 1`);
    await expect(db.dataSource.query(`UPDATE recipient_change_proposals SET review_note = 'diubah' WHERE id = $1`, [decided.id])).rejects.toThrow(/cannot be changed/);
    await expect(db.dataSource.query('DELETE FROM recipient_change_proposals WHERE id = $1', [decided.id])).rejects.toThrow(/cannot be changed/);
  });
});

describe('tampering is reported', () => {
  it('an entry edited in place (the approver swapped): HASH_MISMATCH at that entry', async () => {
    const target = chained[0];
    const [bank] = await db.dataSource.query(`SELECT id FROM organisations WHERE bank_code = 'BRI'`);
    await tamper('UPDATE recipient_provenance SET approved_by_organisation_id = $2 WHERE recipient_id = $1 AND seq = 1', [target.id, bank.id]);
    const result = await verify(district(), { nik: target.nik });
    expect(result).toMatchObject({ intact: false, entries: 2, brokenAt: [{ seq: 1, reason: 'HASH_MISMATCH' }] });
    // The record as shown names the forger's choice, and the verification says it cannot be trusted.
    const { body } = await district()('query ($nik: String!) { recipient(nik: $nik) { provenance { seq approvedBy { name } } } }', { nik: target.nik });
    expect(body.data.recipient.provenance[0].approvedBy.name).toContain('Bank Rakyat');
  });

  it('an entry edited and its hash recomputed: the next entry’s link breaks (CHAIN_BROKEN)', async () => {
    const target = chained[1];
    await tamper(
      `UPDATE recipient_provenance p SET changed_fields = '{fullName}' WHERE recipient_id = $1 AND seq = 2`, [target.id],
    );
    await tamper(`UPDATE recipient_provenance p SET occurred_at = occurred_at - interval '1 day' WHERE recipient_id = $1 AND seq = 1`, [target.id]);
    await tamper(`UPDATE recipient_provenance p SET hash = recipient_provenance_hash(p) WHERE recipient_id = $1`, [target.id]);
    const result = await verify(district(), { nik: target.nik });
    expect(result.intact).toBe(false);
    expect(result.brokenAt).toEqual([{ seq: 2, reason: 'CHAIN_BROKEN' }]);
  });

  it('an entry deleted: SEQUENCE_GAP and CHAIN_BROKEN where it was', async () => {
    const target = chained[2];
    await tamper('DELETE FROM recipient_provenance WHERE recipient_id = $1 AND seq = 1', [target.id]);
    const result = await verify(as(api, 'demo-auditor'), { nik: target.nik });
    expect(result).toMatchObject({ intact: false, entries: 1 });
    expect(result.brokenAt).toEqual([{ seq: 2, reason: 'SEQUENCE_GAP' }, { seq: 2, reason: 'CHAIN_BROKEN' }]);
  });

  it('the register changed without an approved change: REGISTER_MISMATCH at the newest entry', async () => {
    const target = chained[3];
    await db.dataSource.query(`UPDATE recipients SET full_name = 'Nama Disisipkan' WHERE id = $1`, [target.id]);
    const result = await verify(district(), { nik: target.nik });
    expect(result.brokenAt).toEqual([{ seq: 2, reason: 'REGISTER_MISMATCH' }]);
  });

  it('a recipient put into the register with no record at all: NO_RECORD', async () => {
    const [row] = await db.dataSource.query(
      `INSERT INTO recipients (nik, kk_number, full_name, birth_date, sex, is_family_head, region_code, address, dtks_status)
       VALUES ('3273011010909998', '3273011010909998', 'Penerima Siluman', '1990-10-10', 'M', TRUE, $1, 'Tanpa alamat', 'REGISTERED') RETURNING id`, [SUKARASA]);
    const result = await verify(district(), { nik: '3273011010909998' });
    expect(result).toMatchObject({ intact: false, entries: 0, headHash: null, brokenAt: [{ seq: null, reason: 'NO_RECORD' }], recipient: { id: toGlobalId('Recipient', row.id) } });
  });
});

describe('who may verify', () => {
  it('handlers in jurisdiction and auditors; null for another district; refused to banks, intake clients and the public', async () => {
    const surabaya = (await demoRecipients(db, 'r.region_code = $1', [KARANGPILANG]))[0];
    expect(await verify(as(api, 'demo-dinsos-3273'), { nik: surabaya.nik })).toBeNull();
    expect((await verify(as(api, 'demo-dinsos-3578'), { nik: surabaya.nik })).intact).toBe(true);
    expect((await verify(as(api, 'demo-village-3273011001'), { nik: chained[0].nik })).entries).toBe(2);
    await expectRefused(api, VERIFY, { nik: surabaya.nik }, ['demo-bank-bri', 'demo-portal-3273', 'demo-ngo-lks']);
  });

  it('wants exactly one of nik and recipientId', async () => {
    for (const variables of [{}, { nik: chained[0].nik, recipientId: toGlobalId('Recipient', chained[0].id) }, { nik: '12' }]) {
      const { body } = await district()(VERIFY, variables);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    expect(await verify(district(), { recipientId: toGlobalId('Complaint', chained[0].id) })).toBeNull();
  });
});
