import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { IANA_TIME_ZONE, RegionLevel, TimeZone } from '../common/enums';
import { Channel } from '../channels/channel.type';
import { FINISHED_STATUSES, OPEN_STATUSES, statusInSql, UNFINISHED_STATUSES } from '../complaints/complaint-query.service';
import { complaintScopeSql } from '../complaints/complaint-scope';
import { Organisation } from '../organisations/organisation.type';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { Program } from '../programs/program.type';
import { REGION_CODE_PATTERN } from '../regions/region.service';
import { Region } from '../regions/region.type';
import {
  ComplaintAgeing, ComplaintStatistics, ComplaintStatisticsDimension, ComplaintStatisticsFilter, ComplaintStatisticsGroup, PublicComplaintStatistics,
  PublicComplaintStatisticsFilter, PublicComplaintStatisticsGroup, StatisticsCell, SuppressibleCount,
} from './statistics.types';
import { MIN_PUBLISHED_COUNT, suppress } from './suppression';
import { words } from '../words';

/** More groups than this is not a statistic but a listing: narrow the filter. */
export const MAX_GROUPS = 1000;

const REGION_COLUMN: Record<RegionLevel, string> = {
  [RegionLevel.PROVINCE]: 'c.province_code',
  [RegionLevel.DISTRICT]: 'c.district_code',
  [RegionLevel.SUBDISTRICT]: 'c.subdistrict_code',
  [RegionLevel.VILLAGE]: 'c.region_code',
};
const REGION_COLUMN_BY_LENGTH: Record<number, string> = { 2: 'c.province_code', 5: 'c.district_code', 8: 'c.subdistrict_code', 13: 'c.region_code' };

/** Each dimension's expression and its name in StatisticsCell. */
function dimensionSql(dimension: ComplaintStatisticsDimension, regionLevel: RegionLevel): [string, keyof StatisticsCell] {
  switch (dimension) {
    case ComplaintStatisticsDimension.REGION: return [`${REGION_COLUMN[regionLevel]}::text`, 'regionCode'];
    case ComplaintStatisticsDimension.PROGRAM: return ['c.program_code', 'programCode'];
    case ComplaintStatisticsDimension.CATEGORY: return ['c.category', 'category'];
    case ComplaintStatisticsDimension.STATUS: return ['c.status', 'status'];
    case ComplaintStatisticsDimension.CHANNEL: return ['c.channel_code', 'channelCode'];
    case ComplaintStatisticsDimension.TIER: return ['c.current_tier', 'tier'];
    case ComplaintStatisticsDimension.OFFICE: return ['c.assigned_organisation_id::text', 'officeId'];
  }
}

// The SLA rules of complaintSlaState (complaint-query.service.ts), as SQL over a whole group.
const FINISHED = statusInSql(FINISHED_STATUSES);
const OPEN = statusInSql(OPEN_STATUSES); // the SLA clock runs
const FINISHED_AT = 'coalesce(c.resolved_at, c.closed_at, c.updated_at)';
/** Open for the supervisor's count and ageing: every status but the finished ones (PENDING_INFO too: still someone's work; docs/adr/0032). */
const UNFINISHED = statusInSql(UNFINISHED_STATUSES);
/** The IANA zone of the village a complaint is about (`regions r` joined on it): calendar days are the village's. */
const VILLAGE_ZONE = `CASE r.time_zone ${Object.values(TimeZone).map((zone) => `WHEN '${zone}' THEN '${IANA_TIME_ZONE[zone]}'`).join(' ')} END`;

interface Selection { where: string[]; params: unknown[] }

/** Calendar days from a complaint's receipt to `now`, in its village's time zone. */
const ageDaysSql = (now: string) => `((${now} AT TIME ZONE ${VILLAGE_ZONE})::date - (c.created_at AT TIME ZONE ${VILLAGE_ZONE})::date)`;

/**
 * One statement: the groups and the total (GROUPING SETS), each with its
 * count, SLA met and breached (as complaintSlaState decides them, now), the
 * resolved and the median hours from receipt to resolution; with `ageing`,
 * the open ones and their ages too (the villages' time zones joined for it —
 * the published statistics do not show them, so do not pay for them). Groups
 * largest first; more than MAX_GROUPS is BAD_USER_INPUT.
 */
async function computeCells(
  ctx: RequestContext, query: Selection, groupBy: readonly ComplaintStatisticsDimension[], regionLevel: RegionLevel, { ageing }: { ageing: boolean },
): Promise<{ total: StatisticsCell; groups: StatisticsCell[] }> {
  const dimensions = [...new Set(groupBy)].map((d) => dimensionSql(d, regionLevel));
  const params = [...query.params];
  const now = `$${params.push(ctx.now())}::timestamptz`;
  const measures = `count(*)::int AS count,
    count(*) FILTER (WHERE ${FINISHED} AND (c.due_at IS NULL OR ${FINISHED_AT} <= c.due_at))::int AS "slaMet",
    count(*) FILTER (WHERE (${OPEN} AND c.due_at < ${now}) OR (${FINISHED} AND c.due_at < ${FINISHED_AT}))::int AS "slaBreached",
    count(c.resolved_at)::int AS resolved,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.resolved_at - c.created_at) / 3600) AS "medianHoursToResolve"${ageing ? `,
    count(*) FILTER (WHERE ${UNFINISHED})::int AS open,
    count(*) FILTER (WHERE ${UNFINISHED} AND ${ageDaysSql(now)} <= 3)::int AS "upTo3Days",
    count(*) FILTER (WHERE ${UNFINISHED} AND ${ageDaysSql(now)} BETWEEN 4 AND 7)::int AS "from4To7Days",
    count(*) FILTER (WHERE ${UNFINISHED} AND ${ageDaysSql(now)} BETWEEN 8 AND 14)::int AS "from8To14Days",
    count(*) FILTER (WHERE ${UNFINISHED} AND ${ageDaysSql(now)} > 14)::int AS "over14Days",
    min(c.created_at) FILTER (WHERE ${UNFINISHED}) AS "oldestOpenReceivedAt"` : ''}`;
  const selected = dimensions.map(([expression, name]) => `${expression} AS "${name}"`);
  const grouping = dimensions.length
    ? `, GROUPING(${dimensions.map(([e]) => e).join(', ')}) <> 0 AS "isTotal" ` : ', TRUE AS "isTotal" ';
  const groupSql = dimensions.length ? `GROUP BY GROUPING SETS ((${dimensions.map(([e]) => e).join(', ')}), ())` : '';
  type Row = Omit<StatisticsCell, 'open' | 'ageing'> & { open?: number } & Partial<ComplaintAgeing> & { isTotal: boolean };
  const rows: Row[] = await ctx.dataSource.query(
    `SELECT ${[...selected, measures].join(', ')}${grouping}
       FROM complaints c${ageing ? ' LEFT JOIN regions r ON r.code = c.region_code' : ''} WHERE ${query.where.join(' AND ')} ${groupSql}
      ORDER BY "isTotal" DESC, count DESC${dimensions.map(([, name]) => `, "${name}"`).join('')}
      LIMIT ${MAX_GROUPS + 2}`,
    params,
  );
  const cell = (row: Row): StatisticsCell => ({
    regionCode: row.regionCode ?? null, programCode: row.programCode ?? null, category: row.category ?? null, status: row.status ?? null,
    channelCode: row.channelCode ?? null, tier: row.tier ?? null, officeId: row.officeId ?? null, count: row.count, slaMet: row.slaMet, slaBreached: row.slaBreached,
    resolved: row.resolved, medianHoursToResolve: row.medianHoursToResolve == null ? null : Number(row.medianHoursToResolve),
    open: row.open ?? 0,
    ageing: Object.assign(new ComplaintAgeing(), {
      upTo3Days: row.upTo3Days ?? 0, from4To7Days: row.from4To7Days ?? 0, from8To14Days: row.from8To14Days ?? 0, over14Days: row.over14Days ?? 0,
      oldestOpenReceivedAt: row.oldestOpenReceivedAt ?? null,
    }),
  });
  const totalRow = rows.find((r) => r.isTotal);
  const groups = dimensions.length ? rows.filter((r) => !r.isTotal) : [];
  if (groups.length > MAX_GROUPS) throw badUserInput(words('statistics.tooManyGroups', { max: MAX_GROUPS }), 'groupBy');
  // An empty selection still has a total (of zero).
  const total = totalRow ? cell(totalRow) : cell({ count: 0, slaMet: 0, slaBreached: 0, resolved: 0, medianHoursToResolve: null, isTotal: true } as Row);
  return { total, groups: groups.map(cell) };
}

function complianceRate(cell: StatisticsCell): number | null {
  const decided = cell.slaMet + cell.slaBreached;
  return decided === 0 ? null : cell.slaMet / decided;
}

function regionCodeChecked(code: string, field: string, allowedLengths: number[], scope: 'ANY' | 'PUBLISHED'): string {
  if (!REGION_CODE_PATTERN.test(code) || !allowedLengths.includes(code.length)) throw badUserInput(words('statistics.regionCode', { scope }), field);
  return code;
}

/** Complaint statistics for handlers (their jurisdiction, in SQL) and auditors (all). */
export async function complaintStatistics(
  ctx: RequestContext, filter: ComplaintStatisticsFilter | null | undefined, groupBy: readonly ComplaintStatisticsDimension[], regionLevel: RegionLevel,
): Promise<ComplaintStatistics> {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = [`(${complaintScopeSql(ctx.principal, params)})`];
  const f = filter ?? {};
  if (f.regionCode != null) {
    const code = regionCodeChecked(f.regionCode, 'filter.regionCode', [2, 5, 8, 13], 'ANY');
    where.push(`${REGION_COLUMN_BY_LENGTH[code.length]} = ${p(code)}`);
  }
  if (f.programCode?.length) where.push(`c.program_code = ANY(${p(f.programCode)}::text[])`);
  if (f.category?.length) where.push(`c.category = ANY(${p(f.category)}::complaint_category[])`);
  if (f.status?.length) where.push(`c.status = ANY(${p(f.status)}::complaint_status[])`);
  if (f.channel?.length) where.push(`c.channel_code = ANY(${p(f.channel)}::text[])`);
  if (f.tier?.length) where.push(`c.current_tier = ANY(${p(f.tier)}::tier[])`);
  if (f.createdFrom) where.push(`c.created_at >= ${p(f.createdFrom)}`);
  if (f.createdTo) where.push(`c.created_at < ${p(f.createdTo)}`);
  const { total, groups } = await computeCells(ctx, { where, params }, groupBy, regionLevel, { ageing: true });
  const group = (cell: StatisticsCell) => Object.assign(new ComplaintStatisticsGroup(), {
    category: cell.category, status: cell.status, tier: cell.tier, count: cell.count, slaMet: cell.slaMet, slaBreached: cell.slaBreached,
    slaComplianceRate: complianceRate(cell), resolved: cell.resolved, medianHoursToResolve: cell.medianHoursToResolve,
    open: cell.open, ageing: cell.ageing, cell,
  });
  return Object.assign(new ComplaintStatistics(), {
    total: total.count, slaMet: total.slaMet, slaBreached: total.slaBreached, slaComplianceRate: complianceRate(total),
    resolved: total.resolved, medianHoursToResolve: total.medianHoursToResolve, open: total.open, ageing: total.ageing,
    groups: groups.map(group), generatedAt: ctx.now(),
  });
}

const PUBLIC_REGION_LEVELS: readonly RegionLevel[] = [RegionLevel.PROVINCE, RegionLevel.DISTRICT];
const WIB_OFFSET_MS = 7 * 3_600_000;

/** The instant a WIB calendar month or year starts. */
function wibStart(year: number, monthIndex: number): Date {
  return new Date(Date.UTC(year, monthIndex, 1) - WIB_OFFSET_MS);
}

/**
 * Published statistics: every complaint counts (confidential ones too — only
 * their number is shown), at province and district level only, one value per
 * filter field, whole months or years; counts of 1–4 suppressed, with
 * secondary suppression; rates and medians only over 5 or more complaints.
 */
export async function publicComplaintStatistics(
  ctx: RequestContext, filter: PublicComplaintStatisticsFilter | null | undefined, groupBy: readonly ComplaintStatisticsDimension[], regionLevel: RegionLevel,
): Promise<PublicComplaintStatistics> {
  if (!PUBLIC_REGION_LEVELS.includes(regionLevel)) throw badUserInput(words('statistics.regionLevelPublished'), 'regionLevel');
  // Offices' own public record is a decision not yet taken (which offices, what threshold): not published until it is.
  if (groupBy.includes(ComplaintStatisticsDimension.OFFICE)) throw badUserInput(words('statistics.officeNotPublished'), 'groupBy');
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = ['TRUE'];
  const f = filter ?? {};
  if (f.regionCode != null) {
    const code = regionCodeChecked(f.regionCode, 'filter.regionCode', [2, 5], 'PUBLISHED');
    where.push(`${REGION_COLUMN_BY_LENGTH[code.length]} = ${p(code)}`);
  }
  if (f.programCode != null) where.push(`c.program_code = ${p(f.programCode)}`);
  if (f.category != null) where.push(`c.category = ${p(f.category)}`);
  if (f.channel != null) where.push(`c.channel_code = ${p(f.channel)}`);
  if (f.year != null && f.month != null) throw badUserInput(words('statistics.yearOrMonth'), 'filter.month');
  if (f.year != null) {
    if (!Number.isInteger(f.year) || f.year < 2000 || f.year > 2100) throw badUserInput(words('statistics.yearRange'), 'filter.year');
    where.push(`c.created_at >= ${p(wibStart(f.year, 0))} AND c.created_at < ${p(wibStart(f.year + 1, 0))}`);
  }
  if (f.month != null) {
    const match = /^([0-9]{4})-(0[1-9]|1[0-2])$/.exec(f.month);
    if (!match) throw badUserInput(words('input.month', { field: 'month' }), 'filter.month');
    const [year, month] = [Number(match[1]), Number(match[2]) - 1];
    where.push(`c.created_at >= ${p(wibStart(year, month))} AND c.created_at < ${p(wibStart(year, month + 1))}`);
  }
  const { total, groups } = await computeCells(ctx, { where, params }, groupBy, regionLevel, { ageing: false });
  const hidden = suppress(groups.map((g) => g.count), total.count);
  const count = (value: number, suppressed: boolean) => Object.assign(new SuppressibleCount(), {
    value: suppressed ? null : value, suppressed, display: suppressed ? `<${MIN_PUBLISHED_COUNT}` : String(value),
  });
  const rate = (cell: StatisticsCell, suppressed: boolean) => {
    const value = complianceRate(cell);
    return suppressed || value == null || cell.slaMet + cell.slaBreached < MIN_PUBLISHED_COUNT ? null : Math.round(value * 100) / 100;
  };
  const median = (cell: StatisticsCell, suppressed: boolean) => (suppressed || cell.medianHoursToResolve == null || cell.resolved < MIN_PUBLISHED_COUNT
    ? null : Math.round(cell.medianHoursToResolve * 10) / 10);
  return Object.assign(new PublicComplaintStatistics(), {
    total: count(total.count, hidden.total),
    slaComplianceRate: rate(total, hidden.total),
    medianHoursToResolve: median(total, hidden.total),
    groups: groups.map((cell, i) => Object.assign(new PublicComplaintStatisticsGroup(), {
      category: cell.category, status: cell.status, tier: cell.tier, count: count(cell.count, hidden.cells[i]),
      slaComplianceRate: rate(cell, hidden.cells[i]), medianHoursToResolve: median(cell, hidden.cells[i]), cell,
    })),
    minimumCount: MIN_PUBLISHED_COUNT,
    generatedAt: ctx.now(),
  });
}

@Resolver(() => ComplaintStatistics)
export class ComplaintStatisticsResolver {
  @Query(() => ComplaintStatistics, {
    description: 'Complaint counts by region, programme, category, status, channel, tier and handling office, with SLA compliance, the median time to resolve, '
      + 'and the open ones by age: handlers within their jurisdiction, auditors everywhere.',
  })
  complaintStatistics(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ComplaintStatisticsFilter, { nullable: true, description: 'Which complaints.' }) filter?: ComplaintStatisticsFilter | null,
    @Arg('groupBy', () => [ComplaintStatisticsDimension], { defaultValue: [], description: 'Count per combination of these dimensions; none: totals only.' }) groupBy?: ComplaintStatisticsDimension[],
    @Arg('regionLevel', () => RegionLevel, { defaultValue: RegionLevel.DISTRICT, description: 'The level REGION groups at.' }) regionLevel?: RegionLevel,
  ): Promise<ComplaintStatistics> {
    return complaintStatistics(ctx, filter, groupBy ?? [], regionLevel ?? RegionLevel.DISTRICT);
  }

  @Query(() => PublicComplaintStatistics, {
    description: 'Published complaint statistics: counts by province or district/city, programme, category, status, channel and tier, SLA compliance and the median time to resolve; '
      + `counts below ${MIN_PUBLISHED_COUNT} shown as \`<${MIN_PUBLISHED_COUNT}\`; not by OFFICE (BAD_USER_INPUT). Public.`,
  })
  publicComplaintStatistics(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => PublicComplaintStatisticsFilter, { nullable: true, description: 'Which complaints.' }) filter?: PublicComplaintStatisticsFilter | null,
    @Arg('groupBy', () => [ComplaintStatisticsDimension], { defaultValue: [], description: 'Count per combination of these dimensions; none: totals only.' }) groupBy?: ComplaintStatisticsDimension[],
    @Arg('regionLevel', () => RegionLevel, { defaultValue: RegionLevel.PROVINCE, description: 'The level REGION groups at: PROVINCE or DISTRICT.' }) regionLevel?: RegionLevel,
  ): Promise<PublicComplaintStatistics> {
    return publicComplaintStatistics(ctx, filter, groupBy ?? [], regionLevel ?? RegionLevel.PROVINCE);
  }
}

/** The region, programme and channel of a group, for both kinds of statistics. */
async function region(ctx: RequestContext, cell: StatisticsCell): Promise<Region | null> {
  const entity = cell.regionCode ? await ctx.loaders.regionByCodeLoader.load(cell.regionCode) : null;
  return entity && Region.from(entity);
}
async function program(ctx: RequestContext, cell: StatisticsCell): Promise<Program | null> {
  const entity = cell.programCode ? await ctx.loaders.programByCodeLoader.load(cell.programCode) : null;
  return entity && Program.from(entity);
}
async function channel(ctx: RequestContext, cell: StatisticsCell): Promise<Channel | null> {
  const entity = cell.channelCode ? await ctx.loaders.channelByCodeLoader.load(cell.channelCode) : null;
  return entity && Channel.from(entity);
}

@Resolver(() => ComplaintStatisticsGroup)
export class ComplaintStatisticsGroupResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The region, when grouped by REGION.' })
  region(@Root() group: ComplaintStatisticsGroup, @Ctx() ctx: RequestContext): Promise<Region | null> {
    return region(ctx, group.cell);
  }

  @FieldResolver(() => Program, { nullable: true, description: 'The programme, when grouped by PROGRAM.' })
  program(@Root() group: ComplaintStatisticsGroup, @Ctx() ctx: RequestContext): Promise<Program | null> {
    return program(ctx, group.cell);
  }

  @FieldResolver(() => Channel, { nullable: true, description: 'The channel, when grouped by CHANNEL.' })
  channel(@Root() group: ComplaintStatisticsGroup, @Ctx() ctx: RequestContext): Promise<Channel | null> {
    return channel(ctx, group.cell);
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description: 'The office handling them now (their assignedTo), when grouped by OFFICE; null otherwise, and for the group of complaints no office handles.',
  })
  async office(@Root() group: ComplaintStatisticsGroup, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    const entity = group.cell.officeId ? await ctx.loaders.organisationByIdLoader.load(group.cell.officeId) : null;
    return entity && Organisation.from(entity);
  }
}

@Resolver(() => PublicComplaintStatisticsGroup)
export class PublicComplaintStatisticsGroupResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The province or district/city, when grouped by REGION.' })
  region(@Root() group: PublicComplaintStatisticsGroup, @Ctx() ctx: RequestContext): Promise<Region | null> {
    return region(ctx, group.cell);
  }

  @FieldResolver(() => Program, { nullable: true, description: 'The programme, when grouped by PROGRAM.' })
  program(@Root() group: PublicComplaintStatisticsGroup, @Ctx() ctx: RequestContext): Promise<Program | null> {
    return program(ctx, group.cell);
  }

  @FieldResolver(() => Channel, { nullable: true, description: 'The channel, when grouped by CHANNEL.' })
  channel(@Root() group: PublicComplaintStatisticsGroup, @Ctx() ctx: RequestContext): Promise<Channel | null> {
    return channel(ctx, group.cell);
  }
}
