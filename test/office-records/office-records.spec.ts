import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sweepSla } from '../../server/src/escalation/sla-sweep';
import { workingDaysBetween, type Zone } from '../../server/src/escalation/working-days';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { medianOf } from '../../server/src/office-records/office-records.resolver';
import { rebuildOfficeRecords } from '../../server/src/office-records/office-record-refresh';
import { useTestDatabase } from '../support/database';
import { clients, ok, organisationId, submitted, Submitted } from '../support/handling';
import { useTestServer } from '../support/server';

// A controlled clock in a month three months ahead of the run's own (never a date written here): nothing of the demo
// happened in it, so whatever the records show for it comes from the script below (and from the sweep acting on the
// demo's open complaints, which the raw count sees as well).
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const wibNow = new Date(Date.now() + 7 * HOUR);
const T0 = Date.UTC(wibNow.getUTCFullYear(), wibNow.getUTCMonth() + 3, 1, 2); // the 1st, 09:00 WIB
const MONTH = new Date(T0 + 7 * HOUR).toISOString().slice(0, 7);
let clock = T0;

const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => clock });
const { village, district, bri, public: anyone } = clients(api);

const RECORD = `query ($filter: OfficeRecordFilter) { officeRecords(filter: $filter) { totalCount edges { node {
  month office { id name kind tier jurisdiction { code } }
  received firstResponses medianWorkingDaysToFirstResponse answered answeredWithinSla medianWorkingDaysToResolution breached escalatedAway
  ratings { count average distribution }
  referralsReceived referralsAnswered referralsAnsweredByDeadline medianWorkingDaysToAnswerReferral } } } }`;

async function record(officeId: string) {
  const { body } = await anyone(RECORD, { filter: { officeId, months: { from: MONTH, to: MONTH } } });
  expect(body.errors).toBeUndefined();
  expect(body.data.officeRecords.totalCount).toBe(1);
  return body.data.officeRecords.edges[0].node;
}

const DECISIONS = `('RESOLVED', 'REJECTED', 'MARKED_DUPLICATE')`;
const RESPONSES = `('VERIFIED', 'PUBLIC_RESPONSE', 'INFORMATION_REQUESTED', 'RESOLVED', 'REJECTED', 'MARKED_DUPLICATE')`;
const IN_MONTH = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') = $3`;

/**
 * An office's record for the month counted from the raw tables (complaints + events), by another route than the
 * counters: the office of an event is the office of the event's tier whose jurisdiction holds the village.
 */
async function countedFromRawTables(officeUuid: string) {
  const [office] = await db.dataSource.query('SELECT tier, jurisdiction_region_code AS code FROM organisations WHERE id = $1', [officeUuid]);
  const params = [office.tier, office.code, MONTH];
  const inJurisdiction = `(c.region_code = $2 OR c.region_code LIKE $2 || '.%')`;
  const count = async (where: string) => (await db.dataSource.query(
    `SELECT count(*)::int AS n FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id WHERE ${inJurisdiction} AND ${IN_MONTH('e.occurred_at')} AND ${where}`, params,
  ))[0].n as number;
  // The tier that held the complaint just before an event: the last arrival (intake, escalation in) before it. (The
  // demo's timelines name the tiers on those events only.)
  const tierBefore = (alias: string) => `(SELECT a.to_tier FROM complaint_events a WHERE a.complaint_id = ${alias}.complaint_id AND a.type IN ('SUBMITTED', 'ESCALATED') AND a.seq < ${alias}.seq ORDER BY a.seq DESC LIMIT 1)`;
  const breach = (alias: string) => `((${alias}.type = 'ESCALATED' AND ${alias}.data ? 'breach' AND ${tierBefore(alias)} = $1::tier) OR (${alias}.type = 'SLA_BREACHED' AND coalesce(${alias}.data->>'tier', ${tierBefore(alias)}::text) = $1::text))`;
  // Durations: from the arrival (the last intake or escalation in to the tier before the step) to the step.
  const durations = async (where: string) => {
    const rows: { arrived: Date; at: Date; zone: Zone }[] = await db.dataSource.query(
      `SELECT e.occurred_at AS at, r.time_zone AS zone,
              (SELECT max(a.occurred_at) FROM complaint_events a WHERE a.complaint_id = e.complaint_id AND a.type IN ('SUBMITTED', 'ESCALATED') AND a.to_tier = $1::tier AND a.seq < e.seq) AS arrived
         FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id JOIN regions r ON r.code = c.region_code
        WHERE ${inJurisdiction} AND ${IN_MONTH('e.occurred_at')} AND ${where}`, params);
    const days = new Map<number, number>();
    for (const row of rows) {
      const n = workingDaysBetween(row.arrived, row.at, row.zone);
      days.set(n, (days.get(n) ?? 0) + 1);
    }
    return medianOf(days);
  };
  const archived = (alias: string) => `(${alias}.type = 'REJECTED' AND ${alias}.data->>'reason' = 'NO_RESPONSE')`;
  const firstResponse = `e.type IN ${RESPONSES} AND NOT ${archived('e')} AND ${tierBefore('e')} = $1::tier AND NOT EXISTS (
    SELECT 1 FROM complaint_events p WHERE p.complaint_id = e.complaint_id AND p.seq < e.seq AND p.type IN ${RESPONSES} AND NOT ${archived('p')} AND ${tierBefore('p')} = $1::tier)`;
  const decision = `e.type IN ${DECISIONS} AND NOT ${archived('e')} AND ${tierBefore('e')} = $1::tier`;
  const ratings: { rating: number }[] = await db.dataSource.query(
    `SELECT c.resolution_rating AS rating FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
      WHERE ${inJurisdiction} AND ${IN_MONTH('e.occurred_at')} AND e.type = 'RATED'
        AND EXISTS (SELECT 1 FROM complaint_events d WHERE d.complaint_id = e.complaint_id AND d.type IN ${DECISIONS} AND NOT ${archived('d')} AND ${tierBefore('d')} = $1::tier AND d.seq < e.seq)`, params);
  return {
    received: await count(`e.type IN ('SUBMITTED', 'ESCALATED') AND e.to_tier = $1::tier`),
    escalatedAway: await count(`e.type = 'ESCALATED' AND ${tierBefore('e')} = $1::tier`),
    breached: await count(breach('e')),
    firstResponses: await count(firstResponse),
    medianWorkingDaysToFirstResponse: await durations(firstResponse),
    answered: await count(decision),
    answeredWithinSla: await count(`${decision} AND NOT EXISTS (SELECT 1 FROM complaint_events b WHERE b.complaint_id = e.complaint_id AND b.seq < e.seq AND ${breach('b')})`),
    medianWorkingDaysToResolution: await durations(decision),
    ratings: ratings.map((r) => r.rating),
  };
}

/** A bank's referrals in the month, from the referrals table. */
async function referralsFromRawTable(bankUuid: string) {
  const rows: { createdAt: Date; answeredAt: Date | null; dueAt: Date | null; zone: Zone }[] = await db.dataSource.query(
    `SELECT f.created_at AS "createdAt", f.answered_at AS "answeredAt", f.due_at AS "dueAt", r.time_zone AS zone
       FROM referrals f JOIN complaints c ON c.id = f.complaint_id JOIN regions r ON r.code = c.region_code
      WHERE f.to_organisation_id = $1 AND (${IN_MONTH('f.created_at').replace('$3', '$2')} OR ${IN_MONTH('f.answered_at').replace('$3', '$2')})`,
    [bankUuid, MONTH],
  );
  const month = (at: Date | null) => at !== null && new Date(at.getTime() + 7 * HOUR).toISOString().slice(0, 7) === MONTH;
  const answered = rows.filter((r) => month(r.answeredAt));
  const days = new Map<number, number>();
  for (const r of answered) {
    const n = workingDaysBetween(r.createdAt, r.answeredAt!, r.zone);
    days.set(n, (days.get(n) ?? 0) + 1);
  }
  return {
    referralsReceived: rows.filter((r) => month(r.createdAt)).length,
    referralsAnswered: answered.length,
    referralsAnsweredByDeadline: answered.filter((r) => r.dueAt && r.answeredAt! <= r.dueAt).length,
    medianWorkingDaysToAnswerReferral: medianOf(days),
  };
}

const uuid = (id: string) => fromGlobalId(id)!.key;
let villageOffice = '';
let districtOffice = '';
let bankBri = '';
beforeAll(async () => {
  villageOffice = await organisationId(db, 'Kelurahan Sukarasa');
  districtOffice = await organisationId(db, 'Dinas Sosial Kota Bandung');
  bankBri = await organisationId(db, 'Bank Rakyat Indonesia');
});

const RATE = 'mutation ($input: RateResolutionInput!) { rateResolution(input: $input) { userErrors { code } } }';
async function rate(c: Submitted, rating: number) {
  const { body } = await anyone(RATE, { input: { trackingCode: c.trackingCode, pin: c.replyPin, rating } });
  expect(body.data.rateResolution.userErrors).toEqual([]);
}
const REFERRED = 'referral { id dueAt }';

describe('each office\'s record follows the complaints it handled through a month', () => {
  it('received, answered on time, breached, escalated, rated — the counters equal a count from the raw tables; banks likewise', async () => {
    // Day 1, 09:00 WIB: five complaints reach the village office of Sukarasa.
    const [a, b, c, d, e] = [await submitted(api), await submitted(api), await submitted(api), await submitted(api), await submitted(api)];
    clock = T0 + HOUR;
    await ok(village, 'verifyComplaint', { complaintId: a.id, version: 1 });
    for (const x of [d, e]) await ok(village, 'verifyComplaint', { complaintId: x.id, version: 1 });
    const onTime = await ok(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: d.id, version: 2, organisationId: bankBri, reason: 'Mohon cek rekening KKS.' }, REFERRED);
    const late = await ok(village, 'referComplaint', { idempotencyKey: randomUUID(), complaintId: e.id, version: 2, organisationId: bankBri, reason: 'Mohon cek rekening KKS.' }, REFERRED);
    // C: the district takes it over before any deadline: escalated away from the village, not a breach.
    await ok(district, 'escalateComplaint', { complaintId: c.id, version: 1, reason: 'Ditangani kabupaten.' });
    // Day 2: A is resolved by the village, on time, and rated.
    clock = T0 + DAY;
    await ok(village, 'resolveComplaint', { complaintId: a.id, version: 2, decision: 'UPHELD', publicResponse: 'Bantuan sudah disalurkan ulang.' });
    await rate(a, 5);
    clock = T0 + DAY + HOUR;
    await ok(bri, 'answerReferral', { referralId: onTime.referral.id, answer: 'Rekening sudah diaktifkan kembali.' });
    // B: nobody answers; the sweep escalates it to the district after the village's due time: a breach of the village's.
    const [{ dueAt }] = await db.dataSource.query('SELECT due_at AS "dueAt" FROM complaints WHERE id = $1', [uuid(b.id)]);
    clock = dueAt.getTime() + 60_000;
    await sweepSla(db.dataSource, new Date(clock));
    clock += HOUR;
    await ok(district, 'respondToComplaint', { complaintId: b.id, version: 2, message: 'Sedang kami periksa.' });
    await ok(district, 'resolveComplaint', { complaintId: b.id, version: 3, decision: 'UPHELD', publicResponse: 'Selesai.' });
    await ok(district, 'resolveComplaint', { complaintId: c.id, version: 2, decision: 'NOT_UPHELD', publicResponse: 'Data sudah sesuai.' });
    await rate(b, 2);
    await rate(c, 4);
    // E's referral is answered a day after its deadline.
    clock = new Date(late.referral.dueAt).getTime() + DAY;
    await ok(bri, 'answerReferral', { referralId: late.referral.id, answer: 'Dana sudah disalurkan ulang.' });
    expect(new Date(clock + 7 * HOUR).toISOString().slice(0, 7), 'the script stays within its month').toBe(MONTH);

    const villageRecord = await record(villageOffice);
    const villageRaw = await countedFromRawTables(uuid(villageOffice));
    expect(villageRecord).toMatchObject({
      month: MONTH, office: { id: villageOffice, kind: 'VILLAGE_OFFICE', tier: 'VILLAGE', jurisdiction: { code: '32.73.01.1001' } },
      received: villageRaw.received, escalatedAway: villageRaw.escalatedAway, breached: villageRaw.breached,
      firstResponses: villageRaw.firstResponses, medianWorkingDaysToFirstResponse: villageRaw.medianWorkingDaysToFirstResponse,
      answered: villageRaw.answered, answeredWithinSla: villageRaw.answeredWithinSla, medianWorkingDaysToResolution: villageRaw.medianWorkingDaysToResolution,
      // One rating: counted, its value withheld (a single rating can be told apart).
      ratings: { count: 1, average: null, distribution: null },
    });
    expect(villageRaw.ratings).toEqual([5]);
    // What the script alone did (the sweep may have moved the demo's open Sukarasa complaints too: the raw count sees them).
    expect(villageRecord).toMatchObject({ received: 5, firstResponses: 3, answered: 1, answeredWithinSla: 1 });
    expect(villageRecord.escalatedAway).toBeGreaterThanOrEqual(2);
    expect(villageRecord.breached).toBeGreaterThanOrEqual(1);

    const districtRecord = await record(districtOffice);
    const districtRaw = await countedFromRawTables(uuid(districtOffice));
    expect(districtRecord).toMatchObject({
      office: { kind: 'DISTRICT_OFFICE', tier: 'DISTRICT', jurisdiction: { code: '32.73' } },
      received: districtRaw.received, escalatedAway: districtRaw.escalatedAway, breached: districtRaw.breached,
      firstResponses: districtRaw.firstResponses, medianWorkingDaysToFirstResponse: districtRaw.medianWorkingDaysToFirstResponse,
      answered: districtRaw.answered, answeredWithinSla: districtRaw.answeredWithinSla, medianWorkingDaysToResolution: districtRaw.medianWorkingDaysToResolution,
      ratings: { count: 2, average: null, distribution: null },
    });
    expect(districtRaw.ratings.sort()).toEqual([2, 4]);
    expect(districtRecord).toMatchObject({ answered: 2, answeredWithinSla: 2 }); // its breaches are the demo's open complaints', swept
    expect(districtRecord.received).toBeGreaterThanOrEqual(2);

    const bank = await record(bankBri);
    expect(bank.office).toMatchObject({ kind: 'BANK', tier: null, jurisdiction: null });
    expect(bank).toMatchObject(await referralsFromRawTable(uuid(bankBri)));
    expect(bank).toMatchObject({ referralsReceived: 2, referralsAnswered: 2, referralsAnsweredByDeadline: 1, received: 0 });

    // Kept up to date at every step = derived again from scratch: a rebuild finds nothing to change.
    expect((await rebuildOfficeRecords(db.dataSource)).changed).toBe(0);
  });

  it('five ratings or more show the average and the distribution; the demo seed and a rebuild agree', async () => {
    // The demo's complaints gave the demo's offices records (seed-demo runs the rebuild).
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM (SELECT 1 FROM office_month_records GROUP BY office_id, month HAVING sum(received) > 0) r');
    expect(n).toBeGreaterThan(0);
    clock = T0 + 20 * DAY;
    const stars = [5, 4, 4, 3, 1];
    for (const star of stars) {
      const x = await submitted(api);
      await ok(village, 'resolveComplaint', { complaintId: x.id, version: 1, decision: 'UPHELD', publicResponse: 'Selesai.' });
      await rate(x, star);
    }
    clock += 2 * 60_000; // past the cache of the first test's answers
    const { body } = await anyone(RECORD, { filter: { officeId: villageOffice, months: { from: MONTH, to: MONTH } } });
    const ratings = body.data.officeRecords.edges[0].node.ratings;
    expect(ratings).toEqual({ count: 6, average: Math.round(((5 + 5 + 4 + 4 + 3 + 1) / 6) * 100) / 100, distribution: [1, 0, 1, 2, 2] });
    expect((await rebuildOfficeRecords(db.dataSource)).changed).toBe(0);
  });

  it('the backfill (a database from before the records: empty tables) derives the same counters as the changes kept', async () => {
    // The counters per office and month summed over their shards (which shard a count went to depends on the session).
    const counters = ['received', 'first_responses', 'resolved', 'resolved_on_time', 'breached', 'escalated_away', 'ratings', 'rating_sum',
      'referrals_received', 'referrals_answered', 'referrals_answered_by_deadline'];
    const snapshot = async () => ({
      months: await db.dataSource.query(`SELECT office_id, month, ${counters.map((c) => `sum(${c})::int AS ${c}`).join(', ')} FROM office_month_records
        GROUP BY office_id, month HAVING sum(received + first_responses + resolved + breached + escalated_away + ratings + referrals_received + referrals_answered) > 0
        ORDER BY office_id, month`),
      bins: await db.dataSource.query(`SELECT office_id, month, measure, value, sum(count)::int AS count FROM office_month_histograms
        GROUP BY office_id, month, measure, value HAVING sum(count) > 0 ORDER BY office_id, month, measure, value`),
    });
    const kept = await snapshot();
    expect(kept.months.length).toBeGreaterThan(3);
    await db.dataSource.query('TRUNCATE office_record_facts, office_month_records, office_month_histograms');
    const rebuilt = await rebuildOfficeRecords(db.dataSource, { batch: 50 });
    expect(rebuilt.changed).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(kept);
  });

  it('refuses a malformed month range and answers pages by office name', async () => {
    const { body } = await anyone(RECORD, { filter: { months: { from: '2026-13', to: '2026-01' } } });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const PAGE = `query ($after: String) { officeRecords(first: 2, after: $after, filter: { regionCode: "32.73", months: { from: "${MONTH}", to: "${MONTH}" } }) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { month office { name } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { body: { data: { officeRecords: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { office: { name: string } } }[] } } } } = await anyone(PAGE, { after });
      seen.push(...page.body.data.officeRecords.edges.map((edge) => edge.node.office.name));
      if (!page.body.data.officeRecords.pageInfo.hasNextPage) {
        expect(seen).toHaveLength(page.body.data.officeRecords.totalCount);
        break;
      }
      after = page.body.data.officeRecords.pageInfo.endCursor;
    }
    expect(seen).toEqual([...seen].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    expect(seen).toEqual(expect.arrayContaining(['Kantor Kelurahan Sukarasa (Puskesos)', 'Dinas Sosial Kota Bandung']));
  });
});

