import { beforeAll, describe, expect, it } from 'vitest';
import { seedBankDisbursements } from '../../server/src/demo/bank-disbursements';
import { as } from '../support/auth';
import { addDays, addMonths, bulan, demoMonths, firstFuture, tanggal, wibToday } from '../support/calendar';
import { complaintInput, SUBMIT } from '../support/complaints';
import { count, DemoDisbursement, demoDisbursements, item, ownFamilies, REPORT, reportInput, RESOLVE, thisMonth } from '../support/disbursements';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
const api = useTestServer(db);
const bri = as(api, 'demo-bank-bri');
const bni = as(api, 'demo-bank-bni');
const portal = as(api, 'demo-portal-3273');
const ministry = as(api, 'demo-ministry');

const TRACK = `query ($code: String!) { trackComplaint(trackingCode: $code) { status publicResponses { at message } } }`;
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1];

/**
 * The tests' own families of Sukarasa (Kota Bandung) and of Surabaya, BRI,
 * BPNT, paid this month (WIB, by the database's clock): the month every report
 * below is about, unless a describe says otherwise. Each test takes fresh ones.
 */
let bandung: DemoDisbursement[] = [];
let surabaya: DemoDisbursement[] = [];
let period = '';
/** The day the transfers failed: the first of the month, so that "before the failure" is the month before. */
let failedOn = '';
/** Today (WIB) when the families were seeded: a re-transfer date the API accepts (not before the failure, not in the future). */
let today = '';

beforeAll(async () => {
  ({ period, today } = await thisMonth(db));
  bandung = await ownFamilies(db, period, { count: 30, seriesStart: 50_000 });
  surabaya = await ownFamilies(db, period, { count: 3, seriesStart: 60_000, villageCode: '35.78.01.1001' });
  failedOn = `${period}-01`;
});

const take = (from: DemoDisbursement[] = bandung) => {
  const family = from.shift();
  if (!family) throw new Error('no fresh family left: seed more in beforeAll');
  return family;
};

async function complainAbout(family: DemoDisbursement, occurredOn: string) {
  const { body } = await portal(SUBMIT, { input: complaintInput({ programCode: 'BPNT', category: 'NOT_RECEIVED', subjectNik: family.nik, occurredOn }) });
  expect(body.data.submitComplaint.userErrors).toEqual([]);
  return { id: body.data.submitComplaint.complaint.id as string, trackingCode: body.data.submitComplaint.trackingCode as string };
}

/** One BRI report of the families' failed transfers (this month, failed on the 1st); answers the issue ids in order. */
async function reportFailures(families: DemoDisbursement[]): Promise<string[]> {
  const items = families.map((f, i) => item(f.nik, failedOn, { failureCode: i % 2 ? 'ACCOUNT_CLOSED' : 'ACCOUNT_DORMANT' }));
  const { body } = await bri(REPORT, { input: reportInput(period, items) });
  expect(body.errors).toBeUndefined();
  expect(body.data.reportDisbursementIssues.batch.acceptedCount).toBe(families.length);
  return body.data.reportDisbursementIssues.results.map((r: { issue: { id: string } }) => r.issue.id);
}

/** A fresh family's open issue, reported by BRI, with (unless told otherwise) a citizen's complaint about it filed first and linked. */
async function openIssue(options: { complaint?: boolean } = {}) {
  const family = take();
  const complaint = options.complaint === false ? null : await complainAbout(family, failedOn);
  const [issueId] = await reportFailures([family]);
  return { family, issueId, complaint: complaint! };
}

const disbursement = async (id: string) => (await db.dataSource.query('SELECT status, disbursed_on FROM disbursements WHERE id = $1', [id]))[0];
const issueStatus = async (issueId: string) => (await db.dataSource.query('SELECT status FROM disbursement_issues WHERE id = $1', [uuidOf(issueId)]))[0].status;

describe('resolveDisbursementIssue', () => {
  it('RESENT: the issue and the disbursement carry the new transfer date; the complaint’s tracker shows it', async () => {
    const { family, issueId, complaint } = await openIssue();
    const { body } = await bri(RESOLVE, { input: { issueId, outcome: 'RESENT', resentOn: today, note: 'Rekening diaktifkan kembali; dikirim ulang.' } });
    expect(body.errors).toBeUndefined();
    const result = body.data.resolveDisbursementIssue;
    expect(result.userErrors).toEqual([]);
    expect(result.issue).toMatchObject({ status: 'RESENT', resentOn: today, resolutionNote: 'Rekening diaktifkan kembali; dikirim ulang.', linkedComplaints: [{ id: complaint.id }] });
    expect(result.issue.resolvedAt).toBeTruthy();
    expect(await disbursement(family.disbursementId)).toEqual({ status: 'RESENT', disbursed_on: today });
    const tracked = (await api.gql(TRACK, { code: complaint.trackingCode })).body.data.trackComplaint;
    const message = tracked.publicResponses.at(-1).message;
    expect(message).toBe(`Transfer bantuan BPNT periode ${bulan(period)} yang sebelumnya gagal telah disalurkan ulang oleh PT Bank Rakyat Indonesia (Persero) Tbk pada ${tanggal(today)}. Silakan periksa saldo rekening penerima.`);
    expect(JSON.stringify(tracked)).not.toContain('Rekening diaktifkan'); // the bank's note is never public
    const [event] = await db.dataSource.query(
      `SELECT type, visibility, actor_organisation_id IS NOT NULL AS by_bank FROM complaint_events WHERE complaint_id = $1 ORDER BY seq DESC LIMIT 1`, [uuidOf(complaint.id)],
    );
    expect(event).toEqual({ type: 'DISBURSEMENT_ISSUE_RESOLVED', visibility: 'PUBLIC', by_bank: true });
    // The bank's referral of the complaint is answered by the resolution.
    const [referral] = await db.dataSource.query(
      `SELECT r.status, r.answer FROM referrals r JOIN organisations o ON o.id = r.to_organisation_id WHERE r.complaint_id = $1 AND o.bank_code = 'BRI'`, [uuidOf(complaint.id)],
    );
    expect(referral).toEqual({ status: 'ANSWERED', answer: message });
  });

  it('RETURNED_TO_TREASURY: the disbursement is returned; the tracker says so', async () => {
    const { family, issueId, complaint } = await openIssue();
    const { body } = await bri(RESOLVE, { input: { issueId, outcome: 'RETURNED_TO_TREASURY' } });
    expect(body.data.resolveDisbursementIssue).toMatchObject({ userErrors: [], issue: { status: 'RETURNED_TO_TREASURY', resentOn: null } });
    expect(await disbursement(family.disbursementId)).toEqual({ status: 'RETURNED_TO_TREASURY', disbursed_on: null });
    const tracked = (await api.gql(TRACK, { code: complaint.trackingCode })).body.data.trackComplaint;
    expect(tracked.publicResponses.at(-1).message).toMatch(new RegExp(`^Dana bantuan BPNT periode ${bulan(period)} yang gagal ditransfer telah dikembalikan oleh .* ke kas negara\\.`));
  });

  it('DATA_CORRECTED: the disbursement stays FAILED until paid; the tracker says the data was corrected', async () => {
    const { family, issueId, complaint } = await openIssue();
    const before = (await ministry(`query ($id: ID!) { complaint(id: $id) { version } }`, { id: complaint.id })).body.data.complaint.version;
    const { body } = await bri(RESOLVE, { input: { issueId, outcome: 'DATA_CORRECTED' } });
    expect(body.data.resolveDisbursementIssue).toMatchObject({ userErrors: [], issue: { status: 'DATA_CORRECTED' } });
    expect(await disbursement(family.disbursementId)).toEqual({ status: 'FAILED', disbursed_on: null });
    const tracked = (await api.gql(TRACK, { code: complaint.trackingCode })).body.data.trackComplaint;
    expect(tracked.publicResponses.at(-1).message).toMatch(new RegExp(`^Data rekening penerima bantuan BPNT periode ${bulan(period)} telah diperbaiki`));
    const after = (await ministry(`query ($id: ID!) { complaint(id: $id) { version } }`, { id: complaint.id })).body.data.complaint.version;
    expect(after).toBe(before + 1);
  });

  it('tells the complaint a linked one was merged into (it carries the handling), not the merged one', async () => {
    const { issueId, complaint } = await openIssue();
    const { body: other } = await portal(SUBMIT, { input: complaintInput({ programCode: 'BPNT', category: 'OTHER' }) });
    const survivor = other.data.submitComplaint;
    const MERGE = `mutation ($input: MarkDuplicateInput!) { markDuplicate(input: $input) { userErrors { code message } } }`;
    const { version } = (await ministry(`query ($id: ID!) { complaint(id: $id) { version } }`, { id: complaint.id })).body.data.complaint;
    const merged = await ministry(MERGE, { input: { complaintId: complaint.id, version, duplicateOfId: survivor.complaint.id } });
    expect(merged.body.data.markDuplicate.userErrors).toEqual([]);
    const before = await db.dataSource.query('SELECT version, updated_at FROM complaints WHERE id = $1', [uuidOf(complaint.id)]);
    await bri(RESOLVE, { input: { issueId, outcome: 'DATA_CORRECTED' } });
    const resolvedOn = (id: string) => count(db, 'complaint_events', `complaint_id = $1 AND type = 'DISBURSEMENT_ISSUE_RESOLVED'`, [uuidOf(id)]);
    expect(await resolvedOn(survivor.complaint.id)).toBe(1);
    expect(await resolvedOn(complaint.id)).toBe(0);
    expect(await db.dataSource.query('SELECT version, updated_at FROM complaints WHERE id = $1', [uuidOf(complaint.id)])).toEqual(before);
    const tracked = (await api.gql(TRACK, { code: survivor.trackingCode })).body.data.trackComplaint;
    expect(tracked.publicResponses.at(-1).message).toMatch(/telah diperbaiki/);
    // The merged one's code shows itself, merged, and how the handling stands — not the survivor's code or texts
    // (docs/adr/0027-one-door.md).
    const mergedTracked = (await api.gql(`query ($code: String!) { trackComplaint(trackingCode: $code) {
      trackingCode status publicResponses { message } mergedHandling { status } } }`, { code: complaint.trackingCode })).body.data.trackComplaint;
    expect(mergedTracked).toMatchObject({ trackingCode: complaint.trackingCode, status: 'DUPLICATE', mergedHandling: { status: 'RECEIVED' } });
    expect(JSON.stringify(mergedTracked)).not.toContain(survivor.trackingCode);
  });

  it('answers a repeated resolution with the issue as it is, changing nothing; refuses a different one', async () => {
    const { issueId } = await openIssue();
    const first = (await bri(RESOLVE, { input: { issueId, outcome: 'RESENT', resentOn: today } })).body.data.resolveDisbursementIssue;
    expect(first.userErrors).toEqual([]);
    const events = await count(db, 'complaint_events');
    const same = (await bri(RESOLVE, { input: { issueId, outcome: 'RESENT', resentOn: today } })).body.data.resolveDisbursementIssue;
    expect(same).toMatchObject({ userErrors: [], issue: { status: 'RESENT', resentOn: today } });
    const other = (await bri(RESOLVE, { input: { issueId, outcome: 'RETURNED_TO_TREASURY' } })).body.data.resolveDisbursementIssue;
    expect(other.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'issueId'] })]);
    expect(other.issue.status).toBe('RESENT');
    expect(await count(db, 'complaint_events')).toBe(events);
  });

  // Each case on an open issue of its own. The dates count from the failure (the 1st of this month) and from the
  // database's clock: the first future day is read just before the request.
  it.each([
    ['RESENT without resentOn', async () => ({ outcome: 'RESENT' }), 'resentOn'],
    ['RESENT on a day that does not exist', async () => ({ outcome: 'RESENT', resentOn: `${period.slice(0, 4)}-02-30` }), 'resentOn'],
    ['RESENT in the future (tomorrow where it is latest: WIT)', async () => ({ outcome: 'RESENT', resentOn: (await firstFuture(db)).day }), 'resentOn'],
    ['RESENT before the failure (the day before it)', async () => ({ outcome: 'RESENT', resentOn: addDays(failedOn, -1) }), 'resentOn'],
    ['resentOn with another outcome', async () => ({ outcome: 'DATA_CORRECTED', resentOn: today }), 'resentOn'],
    ['an empty note', async () => ({ outcome: 'DATA_CORRECTED', note: '   ' }), 'note'],
  ])('refuses %s with INVALID_INPUT, changing nothing', async (_case, input, field) => {
    const { issueId, family } = await openIssue({ complaint: false });
    const { body } = await bri(RESOLVE, { input: { issueId, ...(await input()) } });
    expect(body.data.resolveDisbursementIssue.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', field] })]);
    expect(await issueStatus(issueId)).toBe('OPEN');
    expect((await disbursement(family.disbursementId)).status).toBe('FAILED');
  });

  it('is NOT_FOUND for another bank’s issue (as for one that does not exist), and changes nothing', async () => {
    const { issueId } = await openIssue({ complaint: false });
    for (const id of [issueId, Buffer.from('DisbursementIssue:00000000-0000-4000-8000-000000000000').toString('base64url'), 'nonsense']) {
      const { body } = await bni(RESOLVE, { input: { issueId: id, outcome: 'DATA_CORRECTED' } });
      expect(body.data.resolveDisbursementIssue).toEqual({ issue: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'issueId'], message: 'Laporan gagal salur tidak ditemukan.' })] });
    }
    expect(await issueStatus(issueId)).toBe('OPEN');
  });

  it.each(['demo-ministry', 'demo-dinsos-3273', 'demo-portal-3273', 'demo-auditor'])('is refused to %s (FORBIDDEN)', async (clientId) => {
    const { issueId } = await openIssue({ complaint: false });
    const { body } = await as(api, clientId)(RESOLVE, { input: { issueId, outcome: 'DATA_CORRECTED' } });
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await issueStatus(issueId)).toBe('OPEN');
  });

  it('is refused to the public (UNAUTHENTICATED)', async () => {
    const { issueId } = await openIssue({ complaint: false });
    const { body } = await api.gql(RESOLVE, { input: { issueId, outcome: 'DATA_CORRECTED' } });
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await issueStatus(issueId)).toBe('OPEN');
  });

  it('gives a complaint filed after the resolution the outcome at once: LINKED, then RESOLVED on the tracker', async () => {
    const { family, issueId } = await openIssue({ complaint: false });
    const resolved = await bri(RESOLVE, { input: { issueId, outcome: 'RESENT', resentOn: today } });
    expect(resolved.body.data.resolveDisbursementIssue.userErrors).toEqual([]);
    // No occurredOn: the day it is received (WIB) is in the issue's month, or in the month after it when the month has
    // turned since the families were seeded — both in the link window.
    const { body } = await portal(SUBMIT, { input: complaintInput({ programCode: 'BPNT', category: 'LATE_DISBURSEMENT', subjectNik: family.nik }) });
    const submitted = body.data.submitComplaint;
    const types = await db.dataSource.query('SELECT type FROM complaint_events WHERE complaint_id = $1 ORDER BY seq', [uuidOf(submitted.complaint.id)]);
    expect(types.map((t: { type: string }) => t.type)).toEqual(['SUBMITTED', 'DISBURSEMENT_ISSUE_LINKED', 'DISBURSEMENT_ISSUE_RESOLVED']);
    const tracked = (await api.gql(TRACK, { code: submitted.trackingCode })).body.data.trackComplaint;
    expect(tracked.publicResponses.map((r: { message: string }) => r.message)).toContainEqual(expect.stringContaining(`disalurkan ulang oleh PT Bank Rakyat Indonesia (Persero) Tbk pada ${tanggal(today)}`));
  });
});

const LIST = `query ($first: Int, $after: String, $filter: DisbursementIssueFilter) {
  disbursementIssues(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id index nik status failureCode period bank { bankCode } program { code } batch { id itemCount } } }
  }
}`;

describe('disbursementIssues', () => {
  /** One BRI report of five Bandung families (each with a complaint) and three of Surabaya: read, never changed, by the tests below. */
  const ours: { family: DemoDisbursement; issueId: string }[] = [];
  const ids = () => ours.map((r) => r.issueId);

  beforeAll(async () => {
    const families = [take(), take(), take(), take(), take(), take(surabaya), take(surabaya), take(surabaya)];
    for (const family of families.slice(0, 5)) await complainAbout(family, failedOn);
    const issueIds = await reportFailures(families);
    families.forEach((family, i) => ours.push({ family, issueId: issueIds[i] }));
  });

  const all = async (client: ReturnType<typeof as>, filter: Record<string, unknown> = {}) => {
    const ids: any[] = [];
    let after: string | null = null;
    for (;;) {
      const { body }: any = await client(LIST, { first: 100, after, filter });
      expect(body.errors).toBeUndefined();
      ids.push(...body.data.disbursementIssues.edges.map((e: any) => e.node));
      if (!body.data.disbursementIssues.pageInfo.hasNextPage) return { nodes: ids, total: body.data.disbursementIssues.totalCount };
      after = body.data.disbursementIssues.pageInfo.endCursor;
    }
  };
  const nikReads = (where = 'TRUE', params: unknown[] = []) => count(db, 'personal_data_access_log', `subject_type = 'DisbursementIssue' AND ${where}`, params);

  it('shows a bank its own issues, NIK masked; another bank none of them', async () => {
    const logged = await nikReads();
    const mine = await all(bri);
    expect(mine.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(ids()));
    expect(mine.total).toBe(await count(db, 'disbursement_issues i JOIN organisations o ON o.id = i.bank_organisation_id', `o.bank_code = 'BRI'`));
    expect(mine.nodes.every((n) => n.bank.bankCode === 'BRI' && /^\d{4}\*{8}\d{4}$/.test(n.nik))).toBe(true);
    const theirs = await all(bni);
    expect(theirs.nodes.filter((n) => ids().includes(n.id))).toEqual([]);
    expect(await nikReads()).toBe(logged); // masked NIKs: no read of a full one to log
  });

  it('shows the ministry and auditors every issue whole, and logs the reads of full NIKs', async () => {
    const total = await count(db, 'disbursement_issues');
    const logged = await nikReads('subject_id = $1', [uuidOf(ours[0].issueId)]);
    for (const client of [ministry, as(api, 'demo-auditor')]) {
      const seen = await all(client);
      expect(seen.total).toBe(total);
      const first = seen.nodes.find((n) => n.id === ours[0].issueId);
      expect(first.nik).toBe(ours[0].family.nik);
    }
    expect(await nikReads('subject_id = $1', [uuidOf(ours[0].issueId)])).toBe(logged + 2);
  });

  it('shows a city office the issues of recipients in its jurisdiction only', async () => {
    const bandungSeen = (await all(as(api, 'demo-dinsos-3273'))).nodes.map((n) => n.id);
    const surabayaSeen = (await all(as(api, 'demo-dinsos-3578'))).nodes.map((n) => n.id);
    expect(bandungSeen).toEqual(expect.arrayContaining(ids().slice(0, 5)));
    expect(bandungSeen.filter((id) => ids().slice(5).includes(id))).toEqual([]);
    expect(surabayaSeen).toEqual(expect.arrayContaining(ids().slice(5)));
    expect(surabayaSeen.filter((id) => ids().slice(0, 5).includes(id))).toEqual([]);
  });

  it('filters by status, failure code, programme and period (against SQL)', async () => {
    const cases: [Record<string, unknown>, string, unknown[]][] = [
      [{ status: ['OPEN'] }, `status = 'OPEN'`, []],
      [{ status: ['RESENT', 'DATA_CORRECTED'] }, `status IN ('RESENT', 'DATA_CORRECTED')`, []],
      [{ failureCode: ['ACCOUNT_CLOSED'] }, `failure_code = 'ACCOUNT_CLOSED'`, []],
      [{ programCode: ['BPNT'], period }, `program_code = 'BPNT' AND period = $1`, [period]],
      [{ period: addMonths(period, -1) }, `period = $1`, [addMonths(period, -1)]],
    ];
    for (const [filter, where, params] of cases) {
      const seen = await all(ministry, filter);
      expect(seen.total, JSON.stringify(filter)).toBe(await count(db, 'disbursement_issues', where, params));
      expect(seen.nodes.length).toBe(seen.total);
    }
    expect((await all(ministry, { programCode: ['BPNT'], period })).nodes.map((n) => n.id)).toEqual(expect.arrayContaining(ids()));
  });

  it('pages with cursors, newest report first, no issue twice', async () => {
    const pages: string[] = [];
    let after: string | null = null;
    do {
      const { body }: any = await bri(LIST, { first: 3, after });
      pages.push(...body.data.disbursementIssues.edges.map((e: any) => e.node.id));
      after = body.data.disbursementIssues.pageInfo.hasNextPage ? body.data.disbursementIssues.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(pages).size).toBe(pages.length);
    expect(pages.length).toBe((await all(bri)).total);
    expect((await bri(LIST, { after: 'garbage' })).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await bri(LIST, { first: 101 })).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('fetches issues and batches by node id within reach only', async () => {
    const NODE = `query ($id: ID!) { node(id: $id) { id ... on DisbursementIssue { batch { id acceptedCount issues(first: 20) { totalCount edges { node { index } } } } } } }`;
    const mine = (await bri(NODE, { id: ours[0].issueId })).body.data.node;
    expect(mine.batch.acceptedCount).toBe(8);
    expect(mine.batch.issues.edges.map((e: any) => e.node.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect((await bni(NODE, { id: ours[0].issueId })).body.data.node).toBeNull();
    expect((await bni(`query ($id: ID!) { node(id: $id) { id } }`, { id: mine.batch.id })).body.data.node).toBeNull();
    expect((await portal(`query ($id: ID!) { node(id: $id) { id } }`, { id: ours[0].issueId })).body.data.node).toBeNull();
    // A city office sees the batch, but only its own recipients' issues in it.
    const city = (await as(api, 'demo-dinsos-3578')(`query ($id: ID!) { node(id: $id) { ... on DisbursementBatch { issues { totalCount } } } }`, { id: mine.batch.id })).body.data.node;
    expect(city.issues.totalCount).toBe(3);
  });

  it('is refused to intake clients (FORBIDDEN) and the public (UNAUTHENTICATED)', async () => {
    expect((await portal(LIST)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await api.gql(LIST)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

const RECONCILE = `query ($bankCode: String, $programCode: String, $from: String!, $to: String!) {
  disbursementReconciliation(bankCode: $bankCode, programCode: $programCode, periodFrom: $from, periodTo: $to) {
    bankCode programCode period reported open resolved resent returnedToTreasury dataCorrected
    reportedAmount openAmount resentAmount returnedToTreasuryAmount linkedComplaints bank { name } program { name }
  }
}`;

/**
 * The reconciliation's months: the three the demo paid (the months before the
 * run's setup), set in its describe. The other describes report on a later
 * month (this month's), so the rows below are this describe's own.
 */
let from = '';
let to = '';

/** The reconciliation by SQL, written independently of the service. */
async function expectedRows(where = 'TRUE') {
  return db.dataSource.query(
    `WITH s AS (
       SELECT i.*, o.bank_code FROM disbursement_issues i
         JOIN organisations o ON o.id = i.bank_organisation_id JOIN recipients r ON r.id = i.recipient_id
        WHERE i.period BETWEEN $1 AND $2 AND ${where}
     )
     SELECT s.bank_code AS "bankCode", s.program_code AS "programCode", s.period,
            count(*)::int AS reported,
            sum((s.status = 'OPEN')::int)::int AS open,
            sum((s.status <> 'OPEN')::int)::int AS resolved,
            sum((s.status = 'RESENT')::int)::int AS resent,
            sum((s.status = 'RETURNED_TO_TREASURY')::int)::int AS "returnedToTreasury",
            sum((s.status = 'DATA_CORRECTED')::int)::int AS "dataCorrected",
            sum(s.amount)::float AS "reportedAmount",
            sum(CASE WHEN s.status = 'OPEN' THEN s.amount ELSE 0 END)::float AS "openAmount",
            sum(CASE WHEN s.status = 'RESENT' THEN s.amount ELSE 0 END)::float AS "resentAmount",
            sum(CASE WHEN s.status = 'RETURNED_TO_TREASURY' THEN s.amount ELSE 0 END)::float AS "returnedToTreasuryAmount",
            (SELECT count(DISTINCT l.complaint_id)::int FROM complaint_disbursement_links l
              WHERE l.disbursement_issue_id IN (SELECT j.id FROM s j WHERE j.bank_code = s.bank_code AND j.program_code = s.program_code AND j.period = s.period)
            ) AS "linkedComplaints"
       FROM s GROUP BY s.bank_code, s.program_code, s.period
      ORDER BY 1, 2, 3`,
    [from, to],
  );
}

describe('disbursementReconciliation', () => {
  /** The latest month the demo paid: BRI's report on it, partly resolved, is what the counts are checked against. */
  let latest = '';

  beforeAll(async () => {
    const [oldest, middle, last] = await demoMonths(db);
    [from, to, latest] = [oldest, last, last];
    // Eight families of BRI paid in that month (five of Bandung, each with a complaint, three of Surabaya): one report.
    const bandungNiks = await seedBankDisbursements(db.dataSource, { bankCode: 'BRI', programCode: 'BPNT', period: latest, count: 5, amount: 200_000, seriesStart: 80_000 });
    const surabayaNiks = await seedBankDisbursements(db.dataSource, { bankCode: 'BRI', programCode: 'BPNT', period: latest, count: 3, amount: 200_000, seriesStart: 81_000, villageCode: '35.78.01.1001' });
    const failedThen = `${latest}-20`;
    for (const nik of bandungNiks) {
      const { body } = await portal(SUBMIT, { input: complaintInput({ programCode: 'BPNT', category: 'NOT_RECEIVED', subjectNik: nik, occurredOn: `${latest}-25` }) });
      expect(body.data.submitComplaint.userErrors).toEqual([]);
    }
    const report = (await bri(REPORT, { input: reportInput(latest, [...bandungNiks, ...surabayaNiks].map((nik) => item(nik, failedThen))) })).body.data.reportDisbursementIssues;
    expect(report.batch.acceptedCount).toBe(8);
    const issueIds: string[] = report.results.map((r: { issue: { id: string } }) => r.issue.id);
    // Resolved since: one re-sent (today, by the database's clock), one returned to the treasury, two with corrected data.
    const resolutions = [
      { outcome: 'RESENT', resentOn: await wibToday(db) }, { outcome: 'RETURNED_TO_TREASURY' }, { outcome: 'DATA_CORRECTED' }, { outcome: 'DATA_CORRECTED' },
    ];
    for (const [i, resolution] of resolutions.entries()) {
      const { body } = await bri(RESOLVE, { input: { issueId: issueIds[i], ...resolution } });
      expect(body.data.resolveDisbursementIssue.userErrors).toEqual([]);
    }
    // BNI reports too, on demo families of the month before, so that there is another bank to keep apart.
    const bniRows = (await demoDisbursements(db, 'BNI', 'BPNT', middle, { status: 'DISBURSED' })).slice(0, 2);
    const { body } = await bni(REPORT, { input: reportInput(middle, bniRows.map((r) => item(r.nik, `${middle}-28`))) });
    expect(body.data.reportDisbursementIssues.batch.acceptedCount).toBe(2);
  });

  const strip = (rows: any[]) => rows.map(({ bank: _bank, program: _program, ...row }) => row);

  it('gives the ministry every bank’s rows, matching the counts in the tables', async () => {
    const { body } = await ministry(RECONCILE, { from, to });
    expect(body.errors).toBeUndefined();
    const rows = body.data.disbursementReconciliation;
    expect(strip(rows)).toEqual(await expectedRows());
    const briRow = rows.find((r: any) => r.bankCode === 'BRI' && r.programCode === 'BPNT' && r.period === latest);
    expect(briRow).toMatchObject({
      reported: 8, open: 4, resolved: 4, resent: 1, returnedToTreasury: 1, dataCorrected: 2, linkedComplaints: 5,
      bank: { name: 'PT Bank Rakyat Indonesia (Persero) Tbk' },
    });
    expect(rows.some((r: any) => r.bankCode === 'BNI')).toBe(true);
  });

  it('gives a bank its own rows only, whatever bankCode says', async () => {
    for (const bankCode of [null, 'BNI', 'BRI']) {
      const rows = (await bri(RECONCILE, { bankCode, from, to })).body.data.disbursementReconciliation;
      expect(strip(rows)).toEqual(await expectedRows(`o.bank_code = 'BRI'`));
    }
    const bniRows = (await bni(RECONCILE, { from, to })).body.data.disbursementReconciliation;
    expect(bniRows.map((r: any) => r.bankCode)).toEqual(['BNI']);
  });

  it('narrows to one bank or programme for the ministry, and to the office’s recipients for a city office', async () => {
    expect(strip((await ministry(RECONCILE, { bankCode: 'BNI', from, to })).body.data.disbursementReconciliation))
      .toEqual(await expectedRows(`o.bank_code = 'BNI'`));
    expect(strip((await ministry(RECONCILE, { programCode: 'PKH', from, to })).body.data.disbursementReconciliation))
      .toEqual(await expectedRows(`i.program_code = 'PKH'`));
    expect(strip((await as(api, 'demo-dinsos-3578')(RECONCILE, { from, to })).body.data.disbursementReconciliation))
      .toEqual(await expectedRows(`r.region_code LIKE '35.78.%'`));
  });

  it('refuses periods that are not months, backwards, or over 36 months (BAD_USER_INPUT)', async () => {
    for (const [first, last] of [[`${to.slice(0, 4)}-13`, to], [to, from], [addMonths(to, -36), to]]) {
      expect((await ministry(RECONCILE, { from: first, to: last })).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    expect((await ministry(RECONCILE, { from: addMonths(to, -35), to })).body.errors).toBeUndefined(); // 36 months: the most
  });

  it('is refused to intake clients (FORBIDDEN) and the public (UNAUTHENTICATED)', async () => {
    expect((await portal(RECONCILE, { from, to })).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await api.gql(RECONCILE, { from, to })).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
