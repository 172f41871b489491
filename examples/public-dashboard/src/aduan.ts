import { createClient, OfficeRecordsDocument, paginate, type AduanClient, type OfficeRecordsQuery, type OrganisationKind, type ChannelsQuery, type ComplaintCategoriesQuery, type ComplaintCategory, type ProgramsQuery, type RegionsQuery, type VillageDeliberationQuery, type VillageDeliberationsQuery } from '@aduan/sdk';
import type { DashboardConfig } from './config.js';

export type Program = ProgramsQuery['programs'][number];
export type Region = RegionsQuery['regions'][number];
export type Category = ComplaintCategoriesQuery['complaintCategories'][number];
export type Channel = ChannelsQuery['channels'][number];
export type OfficeRecord = OfficeRecordsQuery['officeRecords']['edges'][number]['node'];
export type Deliberation = NonNullable<VillageDeliberationQuery['villageDeliberation']>;
export type DeliberationSummary = VillageDeliberationsQuery['villageDeliberations']['edges'][number]['node'];

/** A published count: the number, or `<5` (suppressed: `value` null). */
export interface Cell {
  value: number | null;
  display: string;
  suppressed: boolean;
}

export interface Measures {
  count: Cell;
  slaComplianceRate: number | null;
  medianHoursToResolve: number | null;
}

export interface Group extends Measures {
  region?: { code: string; name: string } | null;
  program?: { code: string } | null;
  category?: ComplaintCategory | null;
  channel?: { code: string } | null;
}

/** One breakdown of a page's figures: complaints grouped by one dimension. */
export interface Breakdown {
  key: 'region' | 'program' | 'category' | 'channel';
  regionLevel?: 'PROVINCE' | 'DISTRICT';
}

export interface Figures {
  generatedAt: string;
  minimumCount: number;
  totals: Measures;
  groups: Record<string, Group[]>;
}

/** A province (`32`), or a district (`32.73`) with its province; neither: the nation. */
export interface Place {
  province?: string;
  district?: string;
}

/** No complaints: the place has no group in the answer. */
export const NONE: Measures = { count: { value: 0, display: '0', suppressed: false }, slaComplianceRate: null, medianHoursToResolve: null };

/**
 * A province's or district's figures from the breakdowns that hold them. A
 * district of a province whose count is hidden is hidden too, as in the open
 * data files (docs/adr/0037-open-data.md): otherwise its districts could be
 * summed back to the province's hidden count.
 */
export function placeMeasures(place: Place, provinces: Group[], districts: Group[]): Measures {
  const province = provinces.find((group) => group.region?.code === place.province) ?? NONE;
  if (!place.district) return province;
  if (province.count.suppressed) return { count: province.count, slaComplianceRate: null, medianHoursToResolve: null };
  return districts.find((group) => group.region?.code === place.district) ?? NONE;
}

/** How long figures are reused: Aduan's counts move by the minute, a public page need not. */
const FIGURES_TTL_MS = 5 * 60_000;
/** Programmes, categories, channels and regions change a few times a year. */
const REFERENCE_TTL_MS = 60 * 60_000;

const GROUP_FIELDS: Record<Breakdown['key'], string> = {
  region: 'region { code name }',
  program: 'program { code }',
  category: 'category',
  channel: 'channel { code }',
};
const DIMENSION: Record<Breakdown['key'], string> = { region: 'REGION', program: 'PROGRAM', category: 'CATEGORY', channel: 'CHANNEL' };
/** A page's league table stops here (a province's village offices can be thousands: the district pages list those). */
const MAX_OFFICE_RECORDS = 2_000;
/** Aduan's limit on aliases in one request (QUERY_TOO_COMPLEX beyond). */
const MAX_ALIASES = 15;
const CELL = 'count { value display suppressed } slaComplianceRate medianHoursToResolve';

/**
 * The dashboard's one connection to Aduan: an SDK client without credentials
 * (public queries only), with a cache in front, so a page read by thousands
 * costs Aduan a few queries every few minutes.
 */
export class PublicData {
  private readonly cache = new Map<string, { expires: number; value: Promise<unknown> }>();
  readonly aduan: AduanClient;

  constructor(config: DashboardConfig) {
    this.aduan = createClient({
      url: config.aduanUrl,
      locale: 'id',
      userAgent: 'dasbor-publik/1.0',
      // A reader is waiting for the page.
      timeoutMs: 15_000,
      retry: { maxAttempts: 3, maxRetryAfterMs: 5_000 },
    });
  }

  programs(): Promise<Program[]> {
    return this.cached('programs', REFERENCE_TTL_MS, () => this.aduan.programs());
  }

  categories(): Promise<Category[]> {
    return this.cached('categories', REFERENCE_TTL_MS, () => this.aduan.complaintCategories());
  }

  channels(): Promise<Channel[]> {
    return this.cached('channels', REFERENCE_TTL_MS, () => this.aduan.channels());
  }

  /** The regions directly under `parentCode` (the provinces without it). */
  regions(parentCode?: string): Promise<Region[]> {
    return this.cached(`regions:${parentCode ?? ''}`, REFERENCE_TTL_MS, () => this.aduan.regions(parentCode));
  }

  /** A region by its code, looked up in its parent's list (null when there is none such). */
  async region(code: string): Promise<Region | null> {
    const parent = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : undefined;
    return (await this.regions(parent)).find((region) => region.code === code) ?? null;
  }

  /**
   * A month's published figures for the nation (`regionCode` null) or a
   * province or district: the totals and each breakdown, in one request.
   */
  figures(regionCode: string | null, month: string, breakdowns: Breakdown[]): Promise<Figures> {
    const key = `figures:${regionCode}:${month}:${breakdowns.map((b) => `${b.key}/${b.regionLevel ?? ''}`).join(',')}`;
    return this.cached(key, FIGURES_TTL_MS, async () => {
      const document = `query DasborAngka($filter: PublicComplaintStatisticsFilter) {
        total: publicComplaintStatistics(filter: $filter) { generatedAt minimumCount total { value display suppressed } slaComplianceRate medianHoursToResolve }
        ${breakdowns.map((b, i) => `g${i}: publicComplaintStatistics(groupBy: [${DIMENSION[b.key]}], regionLevel: ${b.regionLevel ?? 'PROVINCE'}, filter: $filter) { groups { ${GROUP_FIELDS[b.key]} ${CELL} } }`).join('\n')}
      }`;
      type Answer = Record<string, { groups: Group[] }> & {
        total: { generatedAt: string; minimumCount: number; total: Cell; slaComplianceRate: number | null; medianHoursToResolve: number | null };
      };
      const answer = await this.aduan.request<Answer, Record<string, unknown>>(document, { filter: { month, ...(regionCode ? { regionCode } : {}) } });
      const { generatedAt, minimumCount, total, slaComplianceRate, medianHoursToResolve } = answer.total;
      const groups: Record<string, Group[]> = {};
      breakdowns.forEach((b, i) => { groups[b.key] = answer[`g${i}`].groups; });
      return { generatedAt, minimumCount, totals: { count: total, slaComplianceRate, medianHoursToResolve }, groups };
    });
  }

  /**
   * A place's figures month by month (oldest first), for the trend chart, in
   * one request. A province's and a district's are read from the breakdown
   * that holds them (the provinces of the nation, the districts of the
   * province), as the open data files are, so that both show the same cells.
   */
  trend(months: string[], place: Place): Promise<Measures[]> {
    return this.cached(`trend:${place.province ?? ''}:${place.district ?? ''}:${months.join(',')}`, FIGURES_TTL_MS, async () => {
      // One aliased field per figure; Aduan answers at most 15 aliases a request, so they go in parallel chunks.
      const fields: { alias: string; field: string; variable: string; filter: Record<string, unknown>; regionLevel?: string }[] = [];
      months.forEach((month, i) => {
        if (!place.province) fields.push({ alias: `t${i}`, field: 'total { value display suppressed } slaComplianceRate medianHoursToResolve', variable: `n${i}`, filter: { month } });
        else fields.push({ alias: `p${i}`, field: `groups { region { code name } ${CELL} }`, variable: `n${i}`, filter: { month }, regionLevel: 'PROVINCE' });
        if (place.district) fields.push({ alias: `d${i}`, field: `groups { region { code name } ${CELL} }`, variable: `r${i}`, filter: { month, regionCode: place.province }, regionLevel: 'DISTRICT' });
      });
      type Total = { total: Cell; slaComplianceRate: number | null; medianHoursToResolve: number | null };
      const answer: Record<string, Total & { groups: Group[] }> = {};
      const chunks = Array.from({ length: Math.ceil(fields.length / MAX_ALIASES) }, (_, i) => fields.slice(i * MAX_ALIASES, (i + 1) * MAX_ALIASES));
      await Promise.all(chunks.map(async (chunk) => {
        const document = `query DasborTren(${chunk.map((f) => `$${f.variable}: PublicComplaintStatisticsFilter`).join(', ')}) {
          ${chunk.map((f) => `${f.alias}: publicComplaintStatistics(${f.regionLevel ? `groupBy: [REGION], regionLevel: ${f.regionLevel}, ` : ''}filter: $${f.variable}) { ${f.field} }`).join('\n')}
        }`;
        Object.assign(answer, await this.aduan.request<typeof answer, Record<string, unknown>>(document, Object.fromEntries(chunk.map((f) => [f.variable, f.filter]))));
      }));
      return months.map((_, i) => {
        if (!place.province) {
          const { total, slaComplianceRate, medianHoursToResolve } = answer[`t${i}`];
          return { count: total, slaComplianceRate, medianHoursToResolve };
        }
        return placeMeasures(place, answer[`p${i}`].groups, answer[`d${i}`]?.groups ?? []);
      });
    });
  }

  /**
   * The offices' records of the months `from`..`to` (`YYYY-MM`): of the offices
   * inside or above a region, or of every office of the kinds given. All pages
   * of the connection (100 rows each), up to `MAX_OFFICE_RECORDS`.
   */
  officeRecords(filter: { from: string; to: string; regionCode?: string; kind?: OrganisationKind[] }): Promise<OfficeRecord[]> {
    const key = `offices:${filter.from}:${filter.to}:${filter.regionCode ?? ''}:${filter.kind?.join(',') ?? ''}`;
    return this.cached(key, FIGURES_TTL_MS, async () => {
      const records: OfficeRecord[] = [];
      const variables = { first: 100, filter: { months: { from: filter.from, to: filter.to }, regionCode: filter.regionCode, kind: filter.kind } };
      for await (const record of paginate(this.aduan, OfficeRecordsDocument, variables, (data) => data.officeRecords)) {
        records.push(record);
        if (records.length >= MAX_OFFICE_RECORDS) break;
      }
      return records;
    });
  }

  /**
   * A village's deliberations (Musdes), the most recently recorded first: the
   * `limit` newest as summaries, the newest in full (changes with masked names,
   * counts per programme, provenance per change). Aduan limits these queries
   * per IP address (30 a minute each): a page costs two, cached.
   */
  deliberations(villageCode: string, limit = 10): Promise<{ totalCount: number; summaries: DeliberationSummary[]; newest: Deliberation | null }> {
    return this.cached(`deliberations:${villageCode}`, FIGURES_TTL_MS, async () => {
      const list = await this.aduan.villageDeliberations({ regionCode: villageCode, first: limit });
      const summaries = list.edges.map((edge) => edge.node);
      const newest = summaries.length ? await this.deliberation(summaries[0].id) : null;
      return { totalCount: list.totalCount, summaries, newest };
    });
  }

  /** One deliberation in full; null when there is none such. */
  deliberation(id: string): Promise<Deliberation | null> {
    return this.cached(`deliberation:${id}`, FIGURES_TTL_MS, async () => (await this.aduan.villageDeliberation(id)) ?? null);
  }

  /** A value kept `ttl` ms; a failed load is not kept, so the next reader tries again. */
  cached<T>(key: string, ttl: number, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.value as Promise<T>;
    const value = load();
    this.cache.set(key, { expires: Date.now() + ttl, value });
    value.catch(() => {
      if (this.cache.get(key)?.value === value) this.cache.delete(key);
    });
    // A long-running dashboard visits many months and regions: drop what has expired now and then.
    if (this.cache.size > 2_000) for (const [k, v] of this.cache) if (v.expires <= Date.now()) this.cache.delete(k);
    return value;
  }
}
