import { describe, expect, it } from 'vitest';
import { ComplaintCategory } from '../../server/src/common/enums';
import { suppress } from '../../server/src/statistics/suppression';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { expectRefused, submitted } from '../support/handling';
import { useTestServer } from '../support/server';

/**
 * Complaint statistics: for handlers within their jurisdiction (auditors
 * everywhere) counts by region, programme, category, status, channel and tier,
 * SLA compliance and the median time to resolve — each checked against SQL
 * written here; for the public the same at district level and above, small
 * counts shown as `<5`.
 */
const ALL_CATEGORIES: string[] = Object.values(ComplaintCategory);
const db = useTestDatabase('demo');
const NOW = new Date();
const api = useTestServer(db, { now: () => NOW.getTime() });

const STATS = `query ($filter: ComplaintStatisticsFilter, $groupBy: [ComplaintStatisticsDimension!], $level: RegionLevel) {
  complaintStatistics(filter: $filter, groupBy: $groupBy, regionLevel: $level) {
    total slaMet slaBreached slaComplianceRate resolved medianHoursToResolve
    groups { region { code } program { code } category status channel { code } tier count slaMet slaBreached slaComplianceRate resolved medianHoursToResolve } } }`;

const PUBLIC = `query ($filter: PublicComplaintStatisticsFilter, $groupBy: [ComplaintStatisticsDimension!], $level: RegionLevel) {
  publicComplaintStatistics(filter: $filter, groupBy: $groupBy, regionLevel: $level) {
    minimumCount total { value suppressed display } slaComplianceRate medianHoursToResolve
    groups { region { code level } program { code } category status channel { code } tier count { value suppressed display } slaComplianceRate medianHoursToResolve } } }`;

/** The measures of complaints matching `where` (on `complaints c`), as the ADR defines them, written out here. */
async function measures(where: string, params: unknown[] = []) {
  const [row] = await db.dataSource.query(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE c.status IN ('RESOLVED','CLOSED','REJECTED','DUPLICATE')
                               AND (c.due_at IS NULL OR coalesce(c.resolved_at, c.closed_at, c.updated_at) <= c.due_at))::int AS "slaMet",
            count(*) FILTER (WHERE (c.status IN ('RECEIVED','VERIFIED','IN_PROGRESS') AND c.due_at < $${params.length + 1})
                               OR (c.status IN ('RESOLVED','CLOSED','REJECTED','DUPLICATE') AND c.due_at < coalesce(c.resolved_at, c.closed_at, c.updated_at)))::int AS "slaBreached",
            count(c.resolved_at)::int AS resolved,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.resolved_at - c.created_at)) / 3600 AS median
       FROM complaints c WHERE ${where}`,
    [...params, NOW],
  );
  return row as { total: number; slaMet: number; slaBreached: number; resolved: number; median: number | null };
}

async function stats(clientId: string, variables: Record<string, unknown>) {
  const { body } = await as(api, clientId)(STATS, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.complaintStatistics;
}

async function published(variables: Record<string, unknown>) {
  const { body } = await api.gql(PUBLIC, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.publicComplaintStatistics;
}

describe('complaintStatistics', () => {
  it('gives a district office its jurisdiction’s totals, SLA compliance and median time to resolve', async () => {
    const expected = await measures(`c.district_code = '32.73'`);
    const result = await stats('demo-dinsos-3273', {});
    expect(result).toMatchObject({ total: expected.total, slaMet: expected.slaMet, slaBreached: expected.slaBreached, resolved: expected.resolved, groups: [] });
    expect(result.slaComplianceRate).toBeCloseTo(expected.slaMet / (expected.slaMet + expected.slaBreached), 10);
    expect(result.medianHoursToResolve).toBeCloseTo(Number(expected.median), 6);
    expect(expected.total).toBeGreaterThan(50);
  });

  it('counts by each dimension, largest first, each group as SQL counts it', async () => {
    const columns: Record<string, [string, (g: any) => string]> = {
      CATEGORY: ['c.category::text', (g) => g.category],
      STATUS: ['c.status::text', (g) => g.status],
      TIER: ['c.current_tier::text', (g) => g.tier],
      PROGRAM: ['c.program_code', (g) => g.program.code],
      CHANNEL: ['c.channel_code', (g) => g.channel.code],
      REGION: ['c.region_code', (g) => g.region.code],
    };
    for (const [dimension, [column, keyOf]] of Object.entries(columns)) {
      const result = await stats('demo-dinsos-3273', { groupBy: [dimension], level: 'VILLAGE' });
      const expected: { key: string; n: number }[] = await db.dataSource.query(
        `SELECT ${column} AS key, count(*)::int AS n FROM complaints c WHERE c.district_code = '32.73' GROUP BY 1`);
      expect(Object.fromEntries(result.groups.map((g: any) => [keyOf(g), g.count])), dimension)
        .toEqual(Object.fromEntries(expected.map((e) => [e.key, e.n])));
      const counts = result.groups.map((g: { count: number }) => g.count);
      expect(counts, dimension).toEqual([...counts].sort((a, b) => b - a));
      expect(counts.reduce((a: number, b: number) => a + b, 0), dimension).toBe(result.total);
    }
  });

  it('crosses dimensions, with each group’s own SLA measures', async () => {
    const result = await stats('demo-dinsos-3273', { groupBy: ['PROGRAM', 'STATUS'] });
    const [{ combos }] = await db.dataSource.query(`SELECT count(DISTINCT (c.program_code, c.status))::int AS combos FROM complaints c WHERE c.district_code = '32.73'`);
    expect(result.groups).toHaveLength(combos);
    const group = result.groups.find((g: { program: { code: string }; status: string }) => g.program.code === 'PKH' && g.status === 'CLOSED');
    const expected = await measures(`c.district_code = '32.73' AND c.program_code = 'PKH' AND c.status = 'CLOSED'`);
    expect(group).toMatchObject({ count: expected.total, slaMet: expected.slaMet, slaBreached: expected.slaBreached, resolved: expected.resolved, region: null, category: null });
    expect(group.medianHoursToResolve).toBeCloseTo(Number(expected.median), 6);
  });

  it('applies filters within the jurisdiction; groups regions at the level asked', async () => {
    const since = new Date(NOW.getTime() - 30 * 86_400_000);
    const expected = await measures(`c.district_code = '32.73' AND c.category IN ('NOT_RECEIVED', 'WRONG_TARGET') AND c.created_at >= $1`, [since]);
    const result = await stats('demo-dinsos-3273', { filter: { category: ['NOT_RECEIVED', 'WRONG_TARGET'], createdFrom: since.toISOString() } });
    expect(result.total).toBe(expected.total);
    const outside = await stats('demo-dinsos-3273', { filter: { regionCode: '35.78' } });
    expect(outside.total).toBe(0);
    const byDistrict = await stats('demo-province-32', { groupBy: ['REGION'], level: 'DISTRICT' });
    expect(byDistrict.groups.every((g: { region: { code: string } }) => /^32\.\d\d$/.test(g.region.code))).toBe(true);
    expect(byDistrict.total).toBe((await measures(`c.province_code = '32'`)).total);
  });

  it('gives a village office its village without the complaints about officials (the conflict-of-interest rule), the auditor everything', async () => {
    const village = await stats('demo-village-3273011001', {});
    const expected = await measures(`c.region_code = '32.73.01.1001' AND c.category NOT IN ('SERVICE_CONDUCT', 'ILLEGAL_LEVY', 'MISUSE_OR_FRAUD')`);
    expect(village.total).toBe(expected.total);
    expect((await stats('demo-auditor', {})).total).toBe((await measures('TRUE')).total);
  });

  it('refuses banks and intake clients (FORBIDDEN) and the public (UNAUTHENTICATED)', async () => {
    await expectRefused(api, STATS, {}, ['demo-bank-bri', 'demo-portal-3273', 'demo-ngo-lks']);
  });

  it('refuses a malformed region code', async () => {
    const { body } = await as(api, 'demo-ministry')(STATS, { filter: { regionCode: '3273' } });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('publicComplaintStatistics', () => {
  it('publishes district totals with SLA compliance and the median', async () => {
    const expected = await measures(`c.district_code = '32.73'`);
    const result = await published({ filter: { regionCode: '32.73' } });
    expect(result.minimumCount).toBe(5);
    expect(result.total).toEqual({ value: expected.total, suppressed: false, display: String(expected.total) });
    expect(result.slaComplianceRate).toBe(Math.round((expected.slaMet / (expected.slaMet + expected.slaBreached)) * 100) / 100);
    expect(result.medianHoursToResolve).toBe(Math.round(Number(expected.median) * 10) / 10);
  });

  it('shows counts below 5 as "<5", hides a second cell when one alone could be worked out from the total, and no rate or median for them', async () => {
    // The premise — a public cell under 5 beside one of 5 or more — taken from the data, not from one district
    // of the demo's draw (which follows the day it is seeded): the first district, alone or with one programme,
    // whose categories include both; when none does, one that has a category of 5 or more and a category with no
    // complaint gets one complaint of it.
    const cells: { district: string; program: string; category: string; n: number }[] = await db.dataSource.query(
      `SELECT c.district_code AS district, c.program_code AS program, c.category::text AS category, count(*)::int AS n
         FROM complaints c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
    const scopes = [...new Set(cells.map((c) => c.district))].flatMap((district) => [
      { regionCode: district }, ...[...new Set(cells.filter((c) => c.district === district).map((c) => c.program))].map((programCode) => ({ regionCode: district, programCode })),
    ]);
    const countsIn = (scope: { regionCode: string; programCode?: string }) => {
      const byCategory = new Map<string, number>();
      for (const c of cells) {
        if (c.district === scope.regionCode && (!scope.programCode || c.program === scope.programCode)) byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + c.n);
      }
      return byCategory;
    };
    let filter = scopes.find((scope) => {
      const counts = [...countsIn(scope).values()];
      return counts.some((n) => n < 5) && counts.some((n) => n >= 5);
    });
    if (!filter) {
      filter = scopes.find((scope) => [...countsIn(scope).values()].some((n) => n >= 5) && countsIn(scope).size < ALL_CATEGORIES.length)!;
      expect(filter, 'a scope with a category of 5 or more and a category with none').toBeDefined();
      const absent = ALL_CATEGORIES.find((category) => !countsIn(filter!).has(category))!;
      const [village] = await db.dataSource.query(`SELECT code FROM regions WHERE level = 'VILLAGE' AND code LIKE $1 || '.%' ORDER BY code LIMIT 1`, [filter.regionCode]);
      await submitted(api, { regionCode: village.code, category: absent, ...(filter.programCode ? { programCode: filter.programCode } : {}) });
    }
    const expected: { category: string; n: number }[] = await db.dataSource.query(
      `SELECT c.category::text AS category, count(*)::int AS n FROM complaints c WHERE c.district_code = $1 AND ($2::text IS NULL OR c.program_code = $2)
        GROUP BY 1 ORDER BY 2 DESC, 1`, [filter.regionCode, filter.programCode ?? null]);
    expect(expected.some((e) => e.n < 5) && expected.some((e) => e.n >= 5), JSON.stringify({ filter, expected })).toBe(true);
    const result = await published({ filter, groupBy: ['CATEGORY'] });
    const counts = result.groups.map((g: { category: string }) => expected.find((e) => e.category === g.category)!.n);
    const hidden = suppress(counts, counts.reduce((a: number, b: number) => a + b, 0)).cells;
    result.groups.forEach((g: any, i: number) => {
      expect(g.count.suppressed, g.category).toBe(hidden[i]);
      if (hidden[i]) {
        expect(g.count).toEqual({ value: null, suppressed: true, display: '<5' });
        expect(g.slaComplianceRate).toBeNull();
        expect(g.medianHoursToResolve).toBeNull();
      } else {
        expect(g.count).toEqual({ value: counts[i], suppressed: false, display: String(counts[i]) });
      }
    });
    for (const g of result.groups) if (!g.count.suppressed) expect(g.count.value).toBeGreaterThanOrEqual(5);
    expect(result.groups.length).toBe(expected.length);
    // No hidden cell can be had from the total: never exactly one hidden.
    expect(hidden.filter(Boolean).length).not.toBe(1);
  });

  it('suppresses a small total too', async () => {
    const [small] = await db.dataSource.query(
      `SELECT c.district_code AS district, c.category::text AS category, count(*)::int AS n FROM complaints c
        GROUP BY 1, 2 HAVING count(*) BETWEEN 1 AND 4 ORDER BY 1, 2 LIMIT 1`);
    expect(small).toBeDefined();
    const result = await published({ filter: { regionCode: small.district, category: small.category } });
    expect(result.total).toEqual({ value: null, suppressed: true, display: '<5' });
    expect(result.slaComplianceRate).toBeNull();
    expect(result.medianHoursToResolve).toBeNull();
  });

  it('counts a fresh complaint at once', async () => {
    const before = await published({ filter: { regionCode: '32.73', category: 'WRONG_TARGET' } });
    await submitted(api, { category: 'WRONG_TARGET' });
    const after = await published({ filter: { regionCode: '32.73', category: 'WRONG_TARGET' } });
    expect(after.total.value).toBe(before.total.value + 1);
  });

  it('groups by province or district, never finer', async () => {
    const result = await published({ groupBy: ['REGION'], level: 'DISTRICT' });
    expect(result.groups.every((g: { region: { level: string } }) => g.region.level === 'DISTRICT')).toBe(true);
    for (const variables of [{ level: 'VILLAGE', groupBy: ['REGION'] }, { level: 'SUBDISTRICT' }, { filter: { regionCode: '32.73.01' } }, { filter: { regionCode: '32.73.01.1001' } }]) {
      const { body } = await api.gql(PUBLIC, variables);
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });

  it('filters by whole months or years, not both', async () => {
    // Months and years in WIB, as the filter counts them, written here in SQL; what the public sees of a count: 1–4 hidden.
    const inWib = (field: string) => `to_char(c.created_at AT TIME ZONE 'Asia/Jakarta', '${field}')`;
    const shown = (n: number) => (n > 0 && n < 5 ? { value: null, suppressed: true } : { value: n, suppressed: false });
    // This month and year by the database's clock (it dated the demo's complaints), which may hold few complaints or
    // none yet (the first hours of a month or year), and the busiest month of the data, which holds enough to be shown.
    const [{ month }] = await db.dataSource.query(`SELECT to_char(now() AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS month`);
    const [{ busiest }] = await db.dataSource.query(`SELECT ${inWib('YYYY-MM')} AS busiest FROM complaints c GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    for (const m of [month, busiest]) {
      const monthly = await measures(`${inWib('YYYY-MM')} = $1`, [m]);
      expect((await published({ filter: { month: m } })).total, m).toMatchObject(shown(monthly.total));
      const year = Number(m.slice(0, 4));
      const yearly = await measures(`${inWib('YYYY')} = $1`, [String(year)]);
      expect((await published({ filter: { year } })).total, String(year)).toMatchObject(shown(yearly.total));
    }
    expect((await measures(`${inWib('YYYY-MM')} = $1`, [busiest])).total).toBeGreaterThanOrEqual(5);
    const year = Number(month.slice(0, 4));
    const { body } = await api.gql(PUBLIC, { filter: { year, month } });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
