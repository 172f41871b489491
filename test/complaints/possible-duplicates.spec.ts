import { afterEach, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { clients, ok } from '../support/handling';
import { KARANGPILANG } from '../support/recipients';
import { useTestServer } from '../support/server';

/**
 * Complaint.possibleDuplicates: the offices' view of submitComplaint's hint —
 * other open complaints about the same family, programme and category within
 * 30 days either side of this one's receipt, that the reader may see; for
 * handlers and auditors only, and batched (one statement for an inbox page).
 */
let statements: string[] = [];
const db = useTestDatabase('demo', { onQuery: (sql) => statements.push(sql) });
const REAL_NOW = Date.now();
let clock = REAL_NOW;
const api = useTestServer(db, { now: () => clock });
const { portal, village, district, surabaya, auditor, bri } = clients(api);
const DAY = 86_400_000;

afterEach(() => { clock = REAL_NOW; });

const DUPLICATES = `query ($id: ID!) { complaint(id: $id) { id trackingCode
  possibleDuplicates { id trackingCode status createdAt subjectNik complainant { nik masked } } } }`;

/** A complaint about the family `subjectNik`, received `daysAgo` days before now (the server's clock set for it). */
async function submittedAt(subjectNik: string, daysAgo: number, overrides: Record<string, unknown> = {}) {
  clock = REAL_NOW - daysAgo * DAY;
  try {
    const { body } = await as(api, 'demo-portal-3273')(SUBMIT, { input: complaintInput({ subjectNik, ...overrides }) });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.submitComplaint.userErrors).toEqual([]);
    return { ...body.data.submitComplaint.complaint, trackingCode: body.data.submitComplaint.trackingCode as string };
  } finally {
    clock = REAL_NOW;
  }
}

async function duplicatesAs(client: typeof district, id: string): Promise<{ trackingCode: string; [k: string]: unknown }[] | null> {
  const { body } = await client(DUPLICATES, { id });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.complaint?.possibleDuplicates ?? null;
}

describe('Complaint.possibleDuplicates', () => {
  const family = '3273010101850011';

  it('lists the open complaints about the same family, programme and category within 30 days either side, newest first, as the raw rows say', async () => {
    const a = await submittedAt(family, 20);
    const before = await submittedAt(family, 45); // 25 days before a: within its window, not within now's
    const after = await submittedAt(family, 5); // 15 days after a
    const tooOld = await submittedAt(family, 51); // 31 days before a
    const tooLate = await submittedAt(family, -12); // 32 days after a (the clock ahead)
    const otherCategory = await submittedAt(family, 19, { category: 'WRONG_TARGET' });
    const otherProgram = await submittedAt(family, 18, { programCode: 'BPNT' });
    const otherFamily = await submittedAt('3273010101850012', 17);

    const listed = (await duplicatesAs(district, a.id))!;
    expect(listed.map((c) => c.trackingCode)).toEqual([after.trackingCode, before.trackingCode]);
    const codes = listed.map((c) => c.trackingCode);
    for (const absent of [a, tooOld, tooLate, otherCategory, otherProgram, otherFamily]) expect(codes).not.toContain(absent.trackingCode);

    // The rule, written out here against the table.
    const uuid = fromGlobalId(a.id)!.key;
    const expected: { code: string }[] = await db.dataSource.query(
      `SELECT o.tracking_code AS code FROM complaints k JOIN complaints o
          ON o.subject_nik = k.subject_nik AND o.program_code = k.program_code AND o.category = k.category AND o.id <> k.id
         AND abs(extract(epoch FROM o.created_at - k.created_at)) < 30 * 86400
         AND o.status NOT IN ('CLOSED', 'REJECTED', 'DUPLICATE') AND o.district_code = '32.73'
       WHERE k.id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT 10`, [uuid]);
    expect(codes).toEqual(expected.map((e) => e.code));

    // Each one an ordinary Complaint: a handler in jurisdiction reads the family's NIK whole.
    expect(listed[0]).toMatchObject({ status: 'RECEIVED', subjectNik: family, complainant: { masked: false } });
    // The later one sees the earlier (the window runs both ways).
    expect((await duplicatesAs(district, after.id))!.map((c) => c.trackingCode)).toContain(a.trackingCode);
  });

  it('leaves out a complaint once merged (markDuplicate), and those the reader may not see; auditors see them all', async () => {
    const nik = '3273010101850021';
    const a = await submittedAt(nik, 3);
    const b = await submittedAt(nik, 2);
    const elsewhere = await submittedAt(nik, 1, { regionCode: KARANGPILANG }); // Surabaya: outside Kota Bandung
    expect((await duplicatesAs(district, a.id))!.map((c) => c.trackingCode)).toEqual([b.trackingCode]);
    expect((await duplicatesAs(auditor, a.id))!.map((c) => c.trackingCode)).toEqual([elsewhere.trackingCode, b.trackingCode]);
    expect((await duplicatesAs(village, a.id))!.map((c) => c.trackingCode)).toEqual([b.trackingCode]);
    // Surabaya's office sees its own complaint and its own duplicates only: Bandung's are not there.
    expect(await duplicatesAs(surabaya, a.id)).toBeNull();
    expect(await duplicatesAs(surabaya, elsewhere.id)).toEqual([]);

    await ok(district, 'markDuplicate', { complaintId: b.id, version: b.version, duplicateOfId: a.id });
    expect(await duplicatesAs(district, a.id)).toEqual([]);
  });

  it('is empty for the intake client that submitted them (submitComplaint told it then), a bank and a complaint naming no family', async () => {
    const nik = '3273010101850031';
    await submittedAt(nik, 2);
    const a = await submittedAt(nik, 1);
    expect(await duplicatesAs(portal, a.id)).toEqual([]);
    expect(await duplicatesAs(bri, a.id)).toBeNull(); // not referred to it: not within its reach at all
    const noFamily = await submittedAt(null as unknown as string, 1);
    expect(await duplicatesAs(district, noFamily.id)).toEqual([]);
    const { body } = await api.gql(DUPLICATES, { id: a.id });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('costs one statement for a whole inbox page, not one per complaint', async () => {
    const nik = '3273010101850041';
    // The newest of the inbox: received seconds after the file's other complaints.
    const family: string[] = [];
    for (let i = 1; i <= 3; i += 1) family.push((await submittedAt(nik, -i / 86_400)).trackingCode);
    const inbox = (first: number) => district(`query ($first: Int) { complaints(first: $first) { edges { node { trackingCode possibleDuplicates { trackingCode } } } } }`, { first });
    await inbox(50); // the token, the reference data
    statements = [];
    const { body } = await inbox(50);
    expect(body.errors).toBeUndefined();
    const nodes: { trackingCode: string; possibleDuplicates: { trackingCode: string }[] }[] = body.data.complaints.edges.map((e: { node: unknown }) => e.node);
    const mine = nodes.filter((n) => family.includes(n.trackingCode));
    expect(mine).toHaveLength(3);
    for (const n of mine) expect(n.possibleDuplicates.map((d) => d.trackingCode).sort()).toEqual(family.filter((code) => code !== n.trackingCode).sort());
    const lookups = statements.filter((sql) => sql.includes('CROSS JOIN LATERAL') && sql.includes('subject_nik'));
    expect(lookups, statements.join('\n---\n')).toHaveLength(1);
  });
});
