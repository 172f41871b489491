import { describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * The supervisor's numbers in complaintStatistics: groups by the office
 * handling the complaints now (OFFICE), the open ones (not yet finished) and
 * their ages in calendar days of the village's time zone — checked against the
 * rows as stored, counted here in TypeScript, and against a scripted set of
 * complaints on each side of every bucket's edge.
 */
let statements: string[] = [];
const db = useTestDatabase('demo', { onQuery: (sql) => statements.push(sql) });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET_HOURS: Record<string, number> = { WIB: 7, WITA: 8, WIT: 9 };
// The clock: 08:00 WIB today, so that a complaint received at 23:00 WIB yesterday is a calendar day old after 9 hours.
const T = Math.floor((Date.now() + 7 * HOUR) / DAY) * DAY - 7 * HOUR + 8 * HOUR;
let clock = T;
const api = useTestServer(db, { now: () => clock });

const STATS = `query ($filter: ComplaintStatisticsFilter, $groupBy: [ComplaintStatisticsDimension!]) {
  complaintStatistics(filter: $filter, groupBy: $groupBy) {
    total open ageing { upTo3Days from4To7Days from8To14Days over14Days oldestOpenReceivedAt }
    groups { office { id name jurisdictionCode } region { code } count open ageing { upTo3Days from4To7Days from8To14Days over14Days oldestOpenReceivedAt } } } }`;

interface Ageing { upTo3Days: number; from4To7Days: number; from8To14Days: number; over14Days: number; oldestOpenReceivedAt: string | null }
interface Measures { count: number; open: number; ageing: Ageing }

async function stats(clientId: string, variables: Record<string, unknown> = {}) {
  const { body } = await as(api, clientId)(STATS, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.complaintStatistics;
}

/** The measures, per office, of the complaints matching `where`, from the stored rows: ages counted here from the zone's offset. */
async function fromTables(where: string): Promise<{ total: Measures; byOffice: Map<string | null, Measures> }> {
  const rows: { office: string | null; status: string; createdAt: Date; zone: string }[] = await db.dataSource.query(
    `SELECT c.assigned_organisation_id AS office, c.status::text AS status, c.created_at AS "createdAt", r.time_zone::text AS zone
       FROM complaints c JOIN regions r ON r.code = c.region_code WHERE ${where}`);
  const empty = (): Measures => ({ count: 0, open: 0, ageing: { upTo3Days: 0, from4To7Days: 0, from8To14Days: 0, over14Days: 0, oldestOpenReceivedAt: null } });
  const total = empty();
  const byOffice = new Map<string | null, Measures>();
  const localDay = (ms: number, zone: string) => Math.floor((ms + OFFSET_HOURS[zone] * HOUR) / DAY);
  for (const row of rows) {
    const office = byOffice.get(row.office) ?? empty();
    byOffice.set(row.office, office);
    for (const m of [total, office]) {
      m.count += 1;
      if (['RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE'].includes(row.status)) continue;
      m.open += 1;
      const age = localDay(clock, row.zone) - localDay(row.createdAt.getTime(), row.zone);
      const bucket = age <= 3 ? 'upTo3Days' : age <= 7 ? 'from4To7Days' : age <= 14 ? 'from8To14Days' : 'over14Days';
      m.ageing[bucket] += 1;
      const at = row.createdAt.toISOString();
      if (m.ageing.oldestOpenReceivedAt === null || at < m.ageing.oldestOpenReceivedAt) m.ageing.oldestOpenReceivedAt = at;
    }
  }
  return { total, byOffice };
}

/** A complaint about Sukarasa (Kota Bandung, WIB) received at `at`; answers its row id. */
async function receivedAt(at: number): Promise<string> {
  clock = at;
  try {
    const { body } = await as(api, 'demo-portal-3273')(SUBMIT, { input: complaintInput({ subjectNik: null }) });
    expect(body.data?.submitComplaint?.userErrors, JSON.stringify(body)).toEqual([]);
    return fromGlobalId(body.data.submitComplaint.complaint.id)!.key;
  } finally {
    clock = T;
  }
}

const bucketsOf = (m: { ageing: Ageing }) => [m.ageing.upTo3Days, m.ageing.from4To7Days, m.ageing.from8To14Days, m.ageing.over14Days];

describe('complaintStatistics: open complaints and their ages', () => {
  it('puts each open complaint in the bucket of its calendar days since receipt, on either side of every edge; finished ones are not open, waiting ones are', async () => {
    const before = await stats('demo-dinsos-3273');
    // [when received, the bucket it falls in]: 23:00 WIB is 9 hours before 08:00 WIB the next day — a calendar day more than 24-hour periods count.
    const script: [number, number][] = [
      [T - 1 * HOUR, 0], [T - 9 * HOUR, 0], [T - 3 * DAY - 7 * HOUR, 0],
      [T - 3 * DAY - 9 * HOUR, 1], [T - 7 * DAY - 1 * HOUR, 1],
      [T - 7 * DAY - 9 * HOUR, 2], [T - 14 * DAY, 2],
      [T - 14 * DAY - 9 * HOUR, 3], [T - 40 * DAY, 3],
    ];
    const ids: string[] = [];
    for (const [at] of script) ids.push(await receivedAt(at));
    // Waiting for the complainant is still open; a rejected one is finished (what the handling mutations leave, set here).
    const waiting = await receivedAt(T - 5 * DAY);
    const rejected = await receivedAt(T - 5 * DAY);
    await db.dataSource.query(`UPDATE complaints SET status = 'PENDING_INFO' WHERE id = $1`, [waiting]);
    await db.dataSource.query(`UPDATE complaints SET status = 'REJECTED', closed_at = $2 WHERE id = $1`, [rejected, new Date(T - DAY)]);

    statements = [];
    const after = await stats('demo-dinsos-3273');
    expect(statements.filter((sql) => /FROM complaints c/.test(sql)), 'one statement for the statistics').toHaveLength(1);
    const expectedDelta = [0, 0, 0, 0];
    for (const [, bucket] of script) expectedDelta[bucket] += 1;
    expectedDelta[1] += 1; // the waiting one, 5 days
    expect(bucketsOf(after).map((n, i) => n - bucketsOf(before)[i])).toEqual(expectedDelta);
    expect(after.open - before.open).toBe(script.length + 1);
    expect(after.total - before.total).toBe(script.length + 2);

    const { total } = await fromTables(`c.district_code = '32.73'`);
    expect({ total: after.total, open: after.open, ageing: after.ageing }).toEqual({ total: total.count, open: total.open, ageing: total.ageing });
    expect(bucketsOf(after).reduce((a, b) => a + b, 0)).toBe(after.open);
  });

  it('answers null for the oldest when none is open', async () => {
    const result = await stats('demo-dinsos-3273', { filter: { status: ['CLOSED', 'REJECTED'] } });
    expect(result.total).toBeGreaterThan(0);
    expect(result).toMatchObject({ open: 0, ageing: { upTo3Days: 0, from4To7Days: 0, from8To14Days: 0, over14Days: 0, oldestOpenReceivedAt: null } });
  });
});

describe('complaintStatistics by OFFICE', () => {
  it('groups by the office handling the complaints now, each group’s count, open and ages as the tables say', async () => {
    const result = await stats('demo-dinsos-3273', { groupBy: ['OFFICE'] });
    const { byOffice } = await fromTables(`c.district_code = '32.73'`);
    const groups = new Map<string | null, Measures>(result.groups.map((g: Measures & { office: { id: string } | null; region: unknown }) => {
      expect(g.region).toBeNull();
      return [g.office ? fromGlobalId(g.office.id)!.key : null, { count: g.count, open: g.open, ageing: g.ageing }];
    }));
    expect(Object.fromEntries(groups)).toEqual(Object.fromEntries(byOffice));
    expect(groups.size).toBeGreaterThan(1);
    expect(result.groups.reduce((sum: number, g: Measures) => sum + g.open, 0)).toBe(result.open);
  });

  it('shows a district office only the offices of the complaints in its jurisdiction; the auditor all of them', async () => {
    const district = await stats('demo-dinsos-3273', { groupBy: ['OFFICE'] });
    const auditor = await stats('demo-auditor', { groupBy: ['OFFICE'] });
    const seen: string[] = district.groups.filter((g: { office: unknown }) => g.office).map((g: { office: { id: string } }) => fromGlobalId(g.office.id)!.key);
    const [{ offices }] = await db.dataSource.query(
      `SELECT array_agg(DISTINCT assigned_organisation_id::text) AS offices FROM complaints WHERE district_code = '32.73' AND assigned_organisation_id IS NOT NULL`);
    expect(seen.sort()).toEqual([...offices].sort());
    // The offices handling Surabaya's complaints (and none of Kota Bandung's): the auditor counts them, Kota Bandung's office does not see them.
    const [{ surabaya }] = await db.dataSource.query(
      `SELECT array_agg(DISTINCT assigned_organisation_id::text) AS surabaya FROM complaints
        WHERE district_code = '35.78' AND assigned_organisation_id IS NOT NULL
          AND assigned_organisation_id NOT IN (SELECT assigned_organisation_id FROM complaints WHERE district_code = '32.73' AND assigned_organisation_id IS NOT NULL)`);
    expect(surabaya?.length).toBeGreaterThan(0);
    const auditorOffices: string[] = auditor.groups.filter((g: { office: unknown }) => g.office).map((g: { office: { id: string } }) => fromGlobalId(g.office.id)!.key);
    for (const office of surabaya) {
      expect(auditorOffices).toContain(office);
      expect(seen).not.toContain(office);
    }
    expect(district.groups.every((g: { office: { jurisdictionCode: string | null } | null }) => !g.office?.jurisdictionCode?.startsWith('35'))).toBe(true);
  });

  it('is not published: publicComplaintStatistics refuses OFFICE', async () => {
    const { body } = await api.gql('{ publicComplaintStatistics(groupBy: [OFFICE]) { minimumCount } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
