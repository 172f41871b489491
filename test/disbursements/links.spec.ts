import { beforeAll, describe, expect, it } from 'vitest';
import { makeNik, maskNik } from '../../server/src/recipients/nik';
import { as } from '../support/auth';
import { addMonths, bulan, lastDayOf } from '../support/calendar';
import { complaintInput, SUBMIT } from '../support/complaints';
import { count, DemoDisbursement, item, ownFamilies, REPORT, reportInput, thisMonth } from '../support/disbursements';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
const api = useTestServer(db);
const bri = as(api, 'demo-bank-bri');
const bni = as(api, 'demo-bank-bni');
const portal = as(api, 'demo-portal-3273');
const dinsos = as(api, 'demo-dinsos-3273');

const COMPLAINT = `query ($id: ID!) { complaint(id: $id) {
  id version subjectNik complainant { name nik phone masked }
  timeline(first: 50) { edges { node { type visibility message } } }
  disbursementIssues { id index nik status }
} }`;
const ISSUE = `query ($id: ID!) { node(id: $id) { ... on DisbursementIssue { id nik status linkedComplaints { id trackingCode complainant { nik phone masked } subjectNik } } } }`;

const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1];

/**
 * BRI's BPNT families of Sukarasa that no complaint is about, paid this month
 * (WIB, by the database's clock), which is the month the reports are about;
 * each test takes its own. (Every demo family of Sukarasa has a complaint
 * already.) An issue of this month that failed today (`today`) links a
 * complaint received today or next month: the window holds even when the
 * month turns during the run.
 */
let families: DemoDisbursement[] = [];
let period = '';
let today = '';
const take = () => families.shift()!;

beforeAll(async () => {
  ({ period, today } = await thisMonth(db));
  families = await ownFamilies(db, period, { count: 12, seriesStart: 40_000 });
});

/** Adds a spouse to a family (same KK number), and answers the spouse's NIK. */
async function addSpouse(family: DemoDisbursement): Promise<string> {
  const nik = makeNik({ subdistrictCode: '32.73.01', birthDate: '1966-03-03', sex: 'F', serial: 9000 + families.length });
  await db.dataSource.query(
    `INSERT INTO recipients (nik, kk_number, full_name, birth_date, sex, is_family_head, region_code, address, dtks_status)
     VALUES ($1, $2, 'Istri Sintetis', '1966-03-03', 'F', FALSE, '32.73.01.1001', 'Jl. Uji', 'REGISTERED')`,
    [nik, family.kkNumber],
  );
  return nik;
}

async function submit(overrides: Record<string, unknown>) {
  const { body } = await portal(SUBMIT, { input: complaintInput({ programCode: 'BPNT', ...overrides }) });
  expect(body.errors).toBeUndefined();
  expect(body.data.submitComplaint.userErrors).toEqual([]);
  return body.data.submitComplaint;
}

async function report(family: DemoDisbursement, client = bri) {
  const { body } = await client(REPORT, { input: reportInput(period, [item(family.nik, today, { amount: family.amount })]) });
  expect(body.errors).toBeUndefined();
  return body.data.reportDisbursementIssues.results[0];
}

const linksOf = (complaintId: string) => db.dataSource.query(
  'SELECT disbursement_issue_id AS "issueId" FROM complaint_disbursement_links WHERE complaint_id = $1', [uuidOf(complaintId)],
);
const briReferrals = (complaintId: string) => count(db, 'referrals r JOIN organisations o ON o.id = r.to_organisation_id',
  `r.complaint_id = $1 AND o.bank_code = 'BRI'`, [uuidOf(complaintId)]);

describe('complaint first, then the bank’s report', () => {
  let family: DemoDisbursement;
  let complaint: any;
  let issue: any;

  beforeAll(async () => {
    family = take();
    // The complaint names the spouse; the enrolment (and the bank's report) is the family head's.
    const spouse = await addSpouse(family);
    complaint = await submit({ category: 'NOT_RECEIVED', subjectNik: spouse, occurredOn: today });
    expect(await linksOf(complaint.complaint.id)).toEqual([]);
    issue = await report(family);
  });

  it('links them both ways, with a DISBURSEMENT_ISSUE_LINKED event and a new version', async () => {
    expect(await linksOf(complaint.complaint.id)).toEqual([{ issueId: uuidOf(issue.issue.id) }]);
    const { body } = await dinsos(COMPLAINT, { id: complaint.complaint.id });
    const seen = body.data.complaint;
    expect(seen.version).toBe(complaint.complaint.version + 1);
    const linked = seen.timeline.edges.map((e: any) => e.node).filter((n: any) => n.type === 'DISBURSEMENT_ISSUE_LINKED');
    expect(linked).toEqual([{ type: 'DISBURSEMENT_ISSUE_LINKED', visibility: 'PUBLIC', message: expect.stringContaining(`BPNT periode ${bulan(period)}`) }]);
    expect(linked[0].message).not.toMatch(/DORMANT|pasif|\d{16}/); // no failure reason, no NIK in public
    // The social office sees the bank's report whole (and the read is logged).
    expect(seen.disbursementIssues).toEqual([{ id: issue.issue.id, index: 0, nik: family.nik, status: 'OPEN' }]);
    expect(await count(db, 'personal_data_access_log', `subject_type = 'DisbursementIssue' AND subject_id = $1 AND field = 'nik'`, [uuidOf(issue.issue.id)])).toBe(1);
  });

  it('refers the complaint to the bank, which sees it with the complainant masked', async () => {
    expect(await briReferrals(complaint.complaint.id)).toBe(1);
    const { body } = await bri(COMPLAINT, { id: complaint.complaint.id });
    const seen = body.data.complaint;
    expect(seen.complainant).toMatchObject({ nik: maskNik('3273014507850001'), masked: true });
    expect(seen.complainant.phone).toContain('*');
    expect(seen.subjectNik).toMatch(/^\d{4}\*{8}\d{4}$/);
    expect(seen.disbursementIssues).toEqual([{ id: issue.issue.id, index: 0, nik: maskNik(family.nik), status: 'OPEN' }]);
    const inbox = (await bri('{ complaints(first: 100) { edges { node { id } } } }')).body.data.complaints.edges.map((e: any) => e.node.id);
    expect(inbox).toContain(complaint.complaint.id);
  });

  it('shows the bank its issue’s linked complaint, masked', async () => {
    const { body } = await bri(ISSUE, { id: issue.issue.id });
    expect(body.data.node.linkedComplaints).toEqual([{
      id: complaint.complaint.id, trackingCode: complaint.trackingCode, subjectNik: expect.stringMatching(/^\d{4}\*{8}\d{4}$/),
      complainant: { nik: maskNik('3273014507850001'), phone: expect.stringContaining('*'), masked: true },
    }]);
  });

  it('shows another bank neither the complaint nor the issue', async () => {
    expect((await bni(COMPLAINT, { id: complaint.complaint.id })).body.data.complaint).toBeNull();
    expect((await bni(ISSUE, { id: issue.issue.id })).body.data.node).toBeNull();
  });
});

describe('the bank’s report first, then the complaint', () => {
  let family: DemoDisbursement;
  let issue: any;
  let complaint: any;

  beforeAll(async () => {
    family = take();
    issue = await report(family);
    // No occurredOn: the day it is received (WIB) is the reference date — in the report's month, or the month after
    // when the month has turned since the families were seeded.
    complaint = await submit({ category: 'FAILED_TRANSFER', subjectNik: family.nik });
    const [{ occurred_on: occurredOn }] = await db.dataSource.query('SELECT occurred_on FROM complaints WHERE id = $1', [uuidOf(complaint.complaint.id)]);
    expect(occurredOn).toBeNull();
  });

  it('links the complaint at submission, in its own transaction (REFERRED and LINKED on the timeline, each a version)', async () => {
    expect(await linksOf(complaint.complaint.id)).toEqual([{ issueId: uuidOf(issue.issue.id) }]);
    // The intake referral and the link are changes like any other, through applyChange (docs/adr/0027-one-door.md).
    expect(complaint.complaint.version).toBe(3);
    const { body } = await dinsos(COMPLAINT, { id: complaint.complaint.id });
    expect(body.data.complaint.timeline.edges.map((e: any) => e.node.type)).toEqual(['SUBMITTED', 'REFERRED', 'DISBURSEMENT_ISSUE_LINKED']);
  });

  it('keeps one referral to the bank (intake referred the failed transfer already)', async () => {
    expect(await briReferrals(complaint.complaint.id)).toBe(1);
  });

  it('shows the bank the complaint, masked, from its issue and in its inbox', async () => {
    const { body } = await bri(ISSUE, { id: issue.issue.id });
    expect(body.data.node.linkedComplaints.map((c: any) => c.id)).toEqual([complaint.complaint.id]);
    expect(body.data.node.linkedComplaints[0].complainant.masked).toBe(true);
    expect((await bri(COMPLAINT, { id: complaint.complaint.id })).body.data.complaint.complainant.nik).toBe(maskNik('3273014507850001'));
  });

  it('links a NOT_RECEIVED complaint about the same family as well, and refers it to the bank (no intake referral)', async () => {
    const second = await submit({ category: 'NOT_RECEIVED', subjectNik: await addSpouse(family) });
    expect(await linksOf(second.complaint.id)).toEqual([{ issueId: uuidOf(issue.issue.id) }]);
    expect(await briReferrals(second.complaint.id)).toBe(1);
  });
});

describe('what is not linked', () => {
  let family: DemoDisbursement;

  beforeAll(async () => {
    family = take();
    await report(family);
  });

  it.each([
    ['a complaint of another category (WRONG_TARGET)', () => ({ category: 'WRONG_TARGET' })],
    ['a complaint about another programme (PKH)', () => ({ category: 'NOT_RECEIVED', programCode: 'PKH' })],
    ['a complaint about the month before the report’s (its last day)', () => ({ category: 'LATE_DISBURSEMENT', occurredOn: lastDayOf(addMonths(period, -1)) })],
    ['a complaint without a subject family', () => ({ category: 'NOT_RECEIVED', subjectNik: null })],
  ])('%s', async (_case, overrides) => {
    const complaint = await submit({ subjectNik: family.nik, ...overrides() });
    expect(await linksOf(complaint.complaint.id)).toEqual([]);
    expect(await briReferrals(complaint.complaint.id)).toBe(0);
  });

  it('a complaint about another family', async () => {
    const other = take();
    const complaint = await submit({ category: 'NOT_RECEIVED', subjectNik: other.nik });
    expect(await linksOf(complaint.complaint.id)).toEqual([]);
  });

  it('a finished complaint, when the bank reports after it', async () => {
    const other = take();
    const complaint = await submit({ category: 'NOT_RECEIVED', subjectNik: other.nik, occurredOn: today });
    await db.dataSource.query(`UPDATE complaints SET status = 'CLOSED', closed_at = now(), resolved_at = now(), resolution_decision = 'NOT_UPHELD' WHERE id = $1`, [uuidOf(complaint.complaint.id)]);
    await report(other);
    expect(await linksOf(complaint.complaint.id)).toEqual([]);
  });
});

describe('a complaint and a report arriving together', () => {
  it('are linked once, whichever commits first', async () => {
    for (let round = 0; round < 3; round += 1) {
      const family = take();
      const [complaint, issue] = await Promise.all([
        submit({ category: 'NOT_RECEIVED', subjectNik: family.nik, occurredOn: today }),
        report(family),
      ]);
      expect(await linksOf(complaint.complaint.id), `round ${round}`).toEqual([{ issueId: uuidOf(issue.issue.id) }]);
      const events = await count(db, 'complaint_events', `complaint_id = $1 AND type = 'DISBURSEMENT_ISSUE_LINKED'`, [uuidOf(complaint.complaint.id)]);
      expect(events).toBe(1);
    }
  });
});
