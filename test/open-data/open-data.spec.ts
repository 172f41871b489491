import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTaskList, TASKS } from '../../server/src/jobs/job-queue';
import { createLogger } from '../../server/src/logger';
import { buildOpenData } from '../../server/src/open-data/build';
import { DATASETS } from '../../server/src/open-data/datasets';
import { OFFICE_RECORDS_PAGE } from '../../server/src/open-data/datasets/office-records-month';
import { useTestDatabase } from '../support/database';
import { submitted } from '../support/handling';
import { useTestServer } from '../support/server';

/**
 * The open data files (docs/adr/0037-open-data.md): built by the job from the
 * API's own publicComplaintStatistics, checked here against that query read
 * through GraphQL, cell by cell; never a count the API hides, nor one the
 * files together give away; described column by column; served with ETag,
 * Last-Modified and 304; rebuilt by the job after new complaints.
 *
 * Beside the demo's complaints (the last 90 days), a month eight months back
 * holds complaints made here with small counts: 14 in province 32 (12 in Kota
 * Bandung, 2 in another district), 6 in Surabaya (35), 3 in Bali (51, of
 * another category).
 */
const HOUR_MS = 3_600_000;
const db = useTestDatabase('demo');
let now = Date.now(); // the server's clock and the builds' alike, so SLA measures agree
const api = useTestServer(db, { now: () => now });

const wibMonth = (at: number) => new Date(at + 7 * HOUR_MS).toISOString().slice(0, 7);
const PAST = (() => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 8, 15, 3); // 10:00 WIB on the 15th
})();
const MONTH = wibMonth(PAST);
let otherDistrict32 = '';

const PUBLIC = `query ($filter: PublicComplaintStatisticsFilter, $groupBy: [ComplaintStatisticsDimension!], $level: RegionLevel) {
  publicComplaintStatistics(filter: $filter, groupBy: $groupBy, regionLevel: $level) {
    total { value suppressed display } slaComplianceRate medianHoursToResolve
    groups { region { code name } program { code name } category channel { code name } count { value suppressed display } slaComplianceRate medianHoursToResolve } } }`;

const OFFICE_RECORDS = `query ($filter: OfficeRecordFilter, $after: String) {
  officeRecords(filter: $filter, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { month office { id name kind tier jurisdictionCode bankCode } received firstResponses medianWorkingDaysToFirstResponse answered answeredWithinSla
      medianWorkingDaysToResolution breached escalatedAway ratings { count average distribution } referralsReceived referralsAnswered referralsAnsweredByDeadline
      medianWorkingDaysToAnswerReferral } } } }`;

type Row = Record<string, string | number | null>;

/** Every office's record of these months, read page by page through GraphQL, as the file's rows. */
async function officeRecords(from: string, to: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (let after: string | null = null; ;) {
    const { body } = await api.gql(OFFICE_RECORDS, { filter: { months: { from, to } }, after });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    for (const { node: r } of body.data.officeRecords.edges) {
      rows.push({
        month: r.month, office_id: r.office.id, office_name: r.office.name, office_kind: r.office.kind, office_tier: r.office.tier,
        jurisdiction_code: r.office.jurisdictionCode, bank_code: r.office.bankCode, received: r.received, first_responses: r.firstResponses,
        median_working_days_to_first_response: r.medianWorkingDaysToFirstResponse, answered: r.answered, answered_within_sla: r.answeredWithinSla,
        median_working_days_to_resolution: r.medianWorkingDaysToResolution, breached: r.breached, escalated_away: r.escalatedAway,
        ratings: r.ratings.count, rating_average: r.ratings.average,
        ...Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`ratings_${n}_star`, r.ratings.distribution?.[n - 1] ?? null])),
        referrals_received: r.referralsReceived, referrals_answered: r.referralsAnswered, referrals_answered_by_deadline: r.referralsAnsweredByDeadline,
        median_working_days_to_answer_referral: r.medianWorkingDaysToAnswerReferral,
      });
    }
    if (!body.data.officeRecords.pageInfo.hasNextPage) return rows;
    after = body.data.officeRecords.pageInfo.endCursor;
  }
}
async function published(variables: Record<string, unknown>) {
  const { body } = await api.gql(PUBLIC, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.publicComplaintStatistics;
}
const shown = (count: { value: number | null; suppressed: boolean; display: string }) => (count.suppressed ? count.display : count.value);
const measures = (x: any): Row => ({ complaints: shown(x.count ?? x.total), sla_compliance_rate: x.slaComplianceRate, median_hours_to_resolve: x.medianHoursToResolve });

async function file(name: string): Promise<Response> {
  const response = await api.fetch(`/open-data/v1/${name}`);
  expect(response.status, name).toBe(200);
  return response;
}
async function csvRows(name: string): Promise<Row[]> {
  return parse(await (await file(name)).text(), { columns: true }) as Row[];
}
async function jsonFile(name: string) {
  return (await file(name)).json() as Promise<{ dataset: string; schemaVersion: number; columns: string[]; rows: Row[] }>;
}
/** A row as the CSV writes it: every value a text, null empty. */
const asCsv = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v == null ? '' : String(v)]));
const sortedBy = (key: (r: Row) => string) => (rows: Row[]) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
const isHidden = (value: unknown) => value === '<5';

beforeAll(async () => {
  [{ code: otherDistrict32 }] = await db.dataSource.query(
    `SELECT code FROM regions WHERE level = 'VILLAGE' AND code LIKE '32.%' AND code NOT LIKE '32.73.%' ORDER BY code LIMIT 1`);
  now = PAST;
  const submit = (times: number, overrides: Record<string, unknown>) => Promise.all(Array.from({ length: times }, () => submitted(api, overrides)));
  await submit(12, {});
  await submit(2, { regionCode: otherDistrict32 });
  await submit(6, { regionCode: '35.78.01.1001' });
  await submit(3, { regionCode: '51.01.01.1006', category: 'WRONG_TARGET' });
  now = Date.now();
  await buildOpenData(db.dataSource, { now: new Date(now) });
});

describe('the files and the API', () => {
  it('the premise: the month holds exactly the complaints made here', async () => {
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM complaints WHERE to_char(created_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') = $1`, [MONTH]);
    expect(n).toBe(23);
  });

  it('each dataset equals publicComplaintStatistics read through GraphQL for the same grouping, cell by cell, in CSV and in JSON', async () => {
    const months = (await csvRows('complaints-by-month.csv')).map((r) => String(r.month));
    expect(months).toContain(MONTH);
    expect(months.at(-1)).toBe(wibMonth(now));
    const expected: Record<string, Row[]> = {
      'complaints-by-month': [], 'complaints-by-province-month': [], 'complaints-by-district-month': [],
      'complaints-by-programme-month': [], 'complaints-by-category-month': [], 'complaints-by-channel-month': [],
    };
    for (const month of months) {
      expected['complaints-by-month'].push({ month, ...measures(await published({ filter: { month } })) });
      const provinces = await published({ filter: { month }, groupBy: ['REGION'], level: 'PROVINCE' });
      for (const g of provinces.groups) {
        expected['complaints-by-province-month'].push({ month, province_code: g.region.code, province_name: g.region.name, ...measures(g) });
        const districts = await published({ filter: { month, regionCode: g.region.code }, groupBy: ['REGION'], level: 'DISTRICT' });
        for (const d of districts.groups) {
          // The one rule beyond the API: a hidden province's districts are hidden (the ADR, and the test below).
          const cells = g.count.suppressed ? { complaints: '<5', sla_compliance_rate: null, median_hours_to_resolve: null } : measures(d);
          expected['complaints-by-district-month'].push({ month, province_code: g.region.code, district_code: d.region.code, district_name: d.region.name, ...cells });
        }
      }
      for (const g of (await published({ filter: { month }, groupBy: ['PROGRAM'] })).groups) {
        expected['complaints-by-programme-month'].push({ month, programme_code: g.program.code, programme_name: g.program.name, ...measures(g) });
      }
      for (const g of (await published({ filter: { month }, groupBy: ['CATEGORY'] })).groups) {
        expected['complaints-by-category-month'].push({ month, category: g.category, ...measures(g) });
      }
      for (const g of (await published({ filter: { month }, groupBy: ['CHANNEL'] })).groups) {
        expected['complaints-by-channel-month'].push({ month, channel_code: g.channel.code, channel_name: g.channel.name, ...measures(g) });
      }
    }
    expected['office-records-month'] = await officeRecords(months[0], months.at(-1)!);
    expect(expected['office-records-month'].length, 'the builder reads more than one page').toBeGreaterThan(OFFICE_RECORDS_PAGE);
    expect(Object.keys(expected).sort()).toEqual(DATASETS.map((d) => d.name).sort());
    for (const dataset of DATASETS) {
      const order = sortedBy((r) => dataset.primaryKey.map((k) => String(r[k])).join('|'));
      const rows = expected[dataset.name];
      expect(rows.length, dataset.name).toBeGreaterThan(0);
      expect(order(await csvRows(`${dataset.name}.csv`)), `${dataset.name}.csv`).toEqual(order(rows.map(asCsv)));
      const json = await jsonFile(`${dataset.name}.json`);
      expect(order(json.rows), `${dataset.name}.json`).toEqual(order(rows));
    }
  });
});

describe('suppression', () => {
  it('hides 1–4, and a second count beside a lone hidden one, as the API does: the constructed month', async () => {
    const month = (rows: Row[]) => rows.filter((r) => r.month === MONTH);
    expect(month(await csvRows('complaints-by-month.csv'))).toEqual([{ month: MONTH, complaints: '23', sla_compliance_rate: expect.any(String), median_hours_to_resolve: '' }]);
    const provinces = Object.fromEntries(month(await csvRows('complaints-by-province-month.csv')).map((r) => [r.province_code, r.complaints]));
    expect(provinces).toEqual({ 32: '14', 35: '<5', 51: '<5' }); // 3 hidden, and 6 with it: else 23 − 14 − 6 = 3
    const districts = Object.fromEntries(month(await csvRows('complaints-by-district-month.csv')).map((r) => [r.district_code, r.complaints]));
    // In 32: 2 hidden, and 12 with it (else 14 − 12 = 2). Surabaya's 6 the API shows (alone in its province's answer),
    // but its province is hidden: shown, 23 − 14 − 6 would give Bali's 3.
    expect(districts).toEqual({ '32.73': '<5', [otherDistrict32.slice(0, 5)]: '<5', '35.78': '<5', '51.01': '<5' });
    const api35 = await published({ filter: { month: MONTH, regionCode: '35' }, groupBy: ['REGION'], level: 'DISTRICT' });
    expect(api35.groups.map((g: any) => g.count)).toEqual([{ value: 6, suppressed: false, display: '6' }]);
    const categories = Object.fromEntries(month(await csvRows('complaints-by-category-month.csv')).map((r) => [r.category, r.complaints]));
    expect(categories).toEqual({ NOT_RECEIVED: '<5', WRONG_TARGET: '<5' });
  });

  it('no file shows a count of 1–4, a rate or median beside a hidden count, or a hidden count that one subtraction would give', async () => {
    const load = async (name: string) => (await jsonFile(`${name}.json`)).rows;
    const [nation, provinces, districts, ...partitions] = await Promise.all([
      load('complaints-by-month'), load('complaints-by-province-month'), load('complaints-by-district-month'),
      load('complaints-by-programme-month'), load('complaints-by-category-month'), load('complaints-by-channel-month'),
    ]);
    for (const row of [nation, provinces, districts, ...partitions].flat()) {
      if (isHidden(row.complaints)) expect(row, 'no measure of a hidden count').toMatchObject({ sla_compliance_rate: null, median_hours_to_resolve: null });
      else expect(row.complaints, JSON.stringify(row)).toBeTypeOf('number');
      if (typeof row.complaints === 'number') expect(row.complaints === 0 || row.complaints >= 5, JSON.stringify(row)).toBe(true);
    }
    /** A shown total over parts with exactly one hidden would give that one away. */
    const expectNoLoneHidden = (total: Row['complaints'] | undefined, parts: Row[], label: string) => {
      if (typeof total !== 'number') return;
      expect(parts.filter((p) => isHidden(p.complaints)).length, label).not.toBe(1);
    };
    for (const { month, complaints } of nation) {
      const ofMonth = (rows: Row[]) => rows.filter((r) => r.month === month);
      expectNoLoneHidden(complaints, ofMonth(provinces), `${month}: provinces`);
      partitions.forEach((rows, i) => expectNoLoneHidden(complaints, ofMonth(rows), `${month}: partition ${i}`));
      for (const province of ofMonth(provinces)) {
        const inside = ofMonth(districts).filter((d) => d.province_code === province.province_code);
        expectNoLoneHidden(province.complaints, inside, `${month}: districts of ${province.province_code}`);
        // A hidden province cannot be summed back from its districts.
        if (isHidden(province.complaints)) expect(inside.every((d) => isHidden(d.complaints)), `${month}: districts of hidden ${province.province_code}`).toBe(true);
      }
    }
  });
});

describe('the data dictionary and the index', () => {
  it('lists every column of every file, with its type, meaning, unit and marker, as the index’s schemas do', async () => {
    const dictionary = await csvRows('data-dictionary.csv');
    expect(Object.keys(dictionary[0])).toEqual(['file', 'column', 'type', 'meaning', 'unit', 'suppression_marker', 'empty_allowed']);
    const index = await (await file('')).json();
    expect(index).toMatchObject({ schemaVersion: 1, licenses: [{ name: 'CC-BY-4.0' }], suppression: { minimumCount: 5, marker: '<5' }, dataDictionary: 'data-dictionary.csv' });
    expect(index.resources.map((r: any) => r.path).sort()).toEqual(DATASETS.flatMap((d) => [`${d.name}.csv`, `${d.name}.json`]).sort());
    for (const resource of index.resources) {
      const entries = dictionary.filter((e) => e.file === resource.path);
      const header = resource.format === 'csv'
        ? (await (await file(resource.path)).text()).split('\r\n')[0].split(',')
        : (await jsonFile(resource.path)).columns;
      expect(entries.map((e) => e.column), resource.path).toEqual(header);
      expect(resource.schema.fields.map((f: any) => f.name), resource.path).toEqual(header);
      if (resource.format === 'json') {
        for (const row of (await jsonFile(resource.path)).rows) expect(Object.keys(row)).toEqual(header);
      }
      for (const entry of entries) {
        expect(['string', 'integer', 'number'], `${resource.path} ${entry.column}`).toContain(entry.type);
        expect(String(entry.meaning).length, `${resource.path} ${entry.column}`).toBeGreaterThan(10);
      }
      // The complaint counts carry the marker; the offices' counts are published as they are (docs/adr/0036-office-records.md).
      if (resource.path.startsWith('complaints-')) {
        expect(entries.find((e) => e.column === 'complaints')).toMatchObject({ type: 'integer', unit: 'complaints', suppression_marker: '<5' });
      } else {
        expect(entries.filter((e) => e.suppression_marker), resource.path).toEqual([]);
      }
      expect(resource.bytes).toBe(Buffer.byteLength(await (await file(resource.path)).text()));
    }
  });

  it('serves the index as JSON, as a page to a browser, and moves /open-data/v1 to /open-data/v1/', async () => {
    const json = await file('');
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('vary')).toMatch(/Accept/);
    const page = await api.fetch('/open-data/v1/', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    for (const dataset of DATASETS) expect(html).toContain(`href="${dataset.name}.csv"`);
    expect(html).toContain('CC-BY-4.0');
    expect(page.headers.get('content-security-policy')).toMatch(/style-src 'sha256-/);
    const moved = await api.fetch('/open-data/v1', { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/open-data/v1/');
  });
});

describe('HTTP caching', () => {
  const CSV = 'complaints-by-province-month.csv';

  it('gives ETag, Last-Modified, Cache-Control and the CSV type; 304 on a matching If-None-Match or If-Modified-Since', async () => {
    const first = await file(CSV);
    expect(first.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(first.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect((await first.text()).split('\r\n')[0]).toBe('month,province_code,province_name,complaints,sla_compliance_rate,median_hours_to_resolve');

    const revalidate = (headers: Record<string, string>) => api.fetch(`/open-data/v1/${CSV}`, { headers });
    const notModified = await revalidate({ 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect((await revalidate({ 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await revalidate({ 'if-none-match': '"other"' })).status).toBe(200);
    expect((await revalidate({ 'if-modified-since': lastModified })).status).toBe(304);
    expect((await revalidate({ 'if-modified-since': new Date(Date.parse(lastModified) - 1000).toUTCString() })).status).toBe(200);
    // If-None-Match decides when both are sent (RFC 9110 §13.2.2).
    expect((await revalidate({ 'if-none-match': '"other"', 'if-modified-since': lastModified })).status).toBe(200);
    const head = await api.fetch(`/open-data/v1/${CSV}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('answers 404 for a file that does not exist', async () => {
    for (const name of ['nope.csv', '..%2Fv2%2Findex.json', 'index.xml']) {
      const response = await api.fetch(`/open-data/v1/${name}`);
      expect(response.status, name).toBe(404);
      expect((await response.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });
});

describe('the scheduled build', () => {
  it('rebuilds after new complaints: the files they change get a new ETag and Last-Modified, the others keep theirs', async () => {
    const before = await file('complaints-by-month.csv');
    const dictionaryBefore = await file('data-dictionary.csv');
    const beforeRows = parse(await before.text(), { columns: true }) as Row[];
    const month = wibMonth(now + HOUR_MS); // the new complaints' month (the next one, late on a month's last day)
    const countBefore = beforeRows.find((r) => r.month === month)?.complaints ?? '';

    now += HOUR_MS;
    await Promise.all(Array.from({ length: 5 }, () => submitted(api, {})));
    now += HOUR_MS;
    const task = createTaskList(db.dataSource, createLogger('silent'), () => new Date(now))[TASKS.open_data_build];
    await task({}, {} as never);

    const after = await api.fetch('/open-data/v1/complaints-by-month.csv', { headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.headers.get('last-modified')).toBe(new Date(Math.floor(now / 1000) * 1000).toUTCString());
    const afterRows = parse(await after.text(), { columns: true }) as Row[];
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM complaints WHERE to_char(created_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') = $1`, [month]);
    expect(afterRows.find((r) => r.month === month)!.complaints).toBe(String(n)); // 5 or more: shown
    expect(countBefore).not.toBe(String(n));
    // The dictionary did not change: same ETag, same date, still 304.
    const dictionary = await api.fetch('/open-data/v1/data-dictionary.csv', { headers: { 'if-none-match': dictionaryBefore.headers.get('etag')! } });
    expect(dictionary.status).toBe(304);
    expect(dictionary.headers.get('last-modified')).toBe(dictionaryBefore.headers.get('last-modified'));
    // And the index names the new file's hash.
    const index = await (await file('')).json();
    expect(index.resources.find((r: any) => r.path === 'complaints-by-month.csv').hash).toBe(`sha256:${after.headers.get('etag')!.replace(/"/g, '')}`);
  });
});
