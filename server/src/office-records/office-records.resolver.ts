import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { OrganisationKind, Tier } from '../common/enums';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, KeysetPage, MAX_PAGE_SIZE, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { toGlobalId, uuidOf } from '../graphql/global-id';
import { Region } from '../regions/region.type';
import { MIN_PUBLISHED_COUNT } from '../statistics/suppression';
import { words } from '../words';
import { Measure, monthOf } from './office-record-facts';
import { OfficeRecord, OfficeRecordConnection, OfficeRecordsArgs, PublicOffice } from './office-record.types';

/**
 * The offices' public records (docs/adr/0036-office-records.md): read from the monthly counters and histograms that
 * every change of a complaint keeps up to date — a page costs two indexed reads whatever the number of complaints.
 * The counters are sharded (a few rows per office and month, one per writer's session): every read sums the shards.
 * Answers are kept for CACHE_MS per filter and page in the process (the same answer for every caller: the records
 * are public), so a burst of dashboards costs one read.
 */
export const CACHE_MS = 60_000;
const CACHE_ENTRIES = 1000;
const MAX_MONTHS = 120;
const cache = new Map<string, { until: number; page: KeysetPage<RecordRow> }>();

interface RecordRow {
  officeId: string; month: string; name: string; kind: OrganisationKind; tier: Tier | null; jurisdictionCode: string | null; bankCode: string | null;
  received: number; firstResponses: number; resolved: number; resolvedOnTime: number; breached: number; escalatedAway: number;
  ratings: number; ratingSum: number; referralsReceived: number; referralsAnswered: number; referralsAnsweredByDeadline: number;
  histograms: Partial<Record<Measure, Map<number, number>>>;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const REGION = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthAt = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** A page of records, from the cache when a caller asked the same within CACHE_MS. */
export async function officeRecordPage(ctx: RequestContext, args: OfficeRecordsArgs): Promise<KeysetPage<RecordRow>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badUserInput(words('page.first', { max: MAX_PAGE_SIZE }), 'first');
  const filter = args.filter ?? {};
  const now = ctx.now();
  let from: string;
  let to: string;
  if (filter.months) {
    ({ from, to } = filter.months);
    if (!MONTH.test(from) || !MONTH.test(to) || monthIndex(from) > monthIndex(to) || monthIndex(to) - monthIndex(from) >= MAX_MONTHS) {
      throw badUserInput(words('officeRecords.month'), 'filter');
    }
  } else {
    to = monthOf(now);
    from = monthAt(monthIndex(to) - 11);
  }
  const region = filter.regionCode?.trim() || null;
  if (region && !REGION.test(region)) throw badUserInput(words('officeRecords.regionCode'), 'filter');
  const officeId = filter.officeId ? uuidOf(filter.officeId, 'Organisation') : null;
  if (filter.officeId && !officeId) throw badUserInput(words('officeRecords.officeId'), 'filter');
  const kinds = filter.kind?.length ? [...new Set(filter.kind)].sort() : null;
  let cursor: [string, string, string] | null = null;
  if (args.after) {
    const decoded = decodeCursor(args.after);
    if (!decoded || decoded.length !== 3 || !decoded.every((v) => typeof v === 'string') || !/^[0-9a-f-]{36}$/i.test(decoded[1] as string) || !MONTH.test(decoded[2] as string)) {
      throw badUserInput(words('page.after'), 'after');
    }
    cursor = decoded as [string, string, string];
  }

  const key = JSON.stringify([first, from, to, region, officeId, kinds, cursor]);
  const cached = cache.get(key);
  if (cached && cached.until > now.getTime()) return cached.page;
  const page = await readOfficeRecords(ctx, { first, from, to, region, officeId, kinds, cursor });
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, { until: now.getTime() + CACHE_MS, page });
  return page;
}

const COUNTERS = ['received', 'first_responses', 'resolved', 'resolved_on_time', 'breached', 'escalated_away', 'ratings', 'rating_sum',
  'referrals_received', 'referrals_answered', 'referrals_answered_by_deadline'];
/**
 * One row per office and month, its shards summed. Conditions on office_id and month outside it reach the table's
 * keys (PostgreSQL pushes them into the grouping), so a filtered read stays an index read.
 */
const SUMMED_RECORDS = `(SELECT office_id, month, ${COUNTERS.map((c) => `sum(${c})::int AS ${c}`).join(', ')} FROM office_month_records GROUP BY office_id, month)`;
/** The (office, month) pairs that have a record, each once whatever its number of shards. */
const RECORD_PAIRS = '(SELECT DISTINCT office_id, month FROM office_month_records)';

export async function readOfficeRecords(
  ctx: RequestContext,
  q: { first: number; from: string; to: string; region: string | null; officeId: string | null; kinds: string[] | null; cursor: [string, string, string] | null },
): Promise<KeysetPage<RecordRow>> {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = [`r.month BETWEEN ${p(q.from)} AND ${p(q.to)}`];
  if (q.officeId) where.push(`r.office_id = ${p(q.officeId)}::uuid`);
  if (q.kinds) where.push(`o.kind = ANY(${p(q.kinds)}::organisation_kind[])`);
  if (q.region) {
    const code = p(q.region);
    // As the directory: covers it (an ancestor's office, the ministry) or lies inside it (the offices below).
    where.push(`(o.kind = 'MINISTRY' OR o.jurisdiction_region_code = ${code} OR o.jurisdiction_region_code LIKE ${code} || '.%' OR ${code} LIKE o.jurisdiction_region_code || '.%')`);
  }
  const countWhere = [...where];
  const countParams = [...params];
  if (q.cursor) {
    where.push(`(o.name COLLATE "C", o.id, r.month) > (${p(q.cursor[0])} COLLATE "C", ${p(q.cursor[1])}::uuid, ${p(q.cursor[2])})`);
  }
  const rows: RecordRow[] = await ctx.dataSource.query(
    `SELECT r.office_id AS "officeId", r.month, o.name, o.kind, o.tier, o.jurisdiction_region_code AS "jurisdictionCode", o.bank_code AS "bankCode",
            r.received, r.first_responses AS "firstResponses", r.resolved, r.resolved_on_time AS "resolvedOnTime", r.breached, r.escalated_away AS "escalatedAway",
            r.ratings, r.rating_sum AS "ratingSum", r.referrals_received AS "referralsReceived", r.referrals_answered AS "referralsAnswered",
            r.referrals_answered_by_deadline AS "referralsAnsweredByDeadline"
       FROM ${SUMMED_RECORDS} r JOIN organisations o ON o.id = r.office_id
      WHERE ${where.join(' AND ')}
      ORDER BY o.name COLLATE "C", o.id, r.month LIMIT ${p(q.first + 1)}`,
    params,
  );
  const [{ count }] = await ctx.dataSource.query(
    `SELECT count(*)::int AS count FROM ${RECORD_PAIRS} r JOIN organisations o ON o.id = r.office_id WHERE ${countWhere.join(' AND ')}`, countParams,
  );
  const shown = rows.slice(0, q.first);
  if (shown.length) {
    const bins: { officeId: string; month: string; measure: Measure; value: number; count: number }[] = await ctx.dataSource.query(
      `SELECT h.office_id AS "officeId", h.month, h.measure, h.value, sum(h.count)::int AS count
         FROM office_month_histograms h JOIN unnest($1::uuid[], $2::char(7)[]) AS k(office_id, month) ON h.office_id = k.office_id AND h.month = k.month
        GROUP BY h.office_id, h.month, h.measure, h.value HAVING sum(h.count) > 0`,
      [shown.map((r) => r.officeId), shown.map((r) => r.month)],
    );
    const byKey = new Map(shown.map((r) => [`${r.officeId}|${r.month}`, r]));
    for (const row of shown) row.histograms = {};
    for (const bin of bins) {
      const row = byKey.get(`${bin.officeId}|${bin.month}`);
      if (!row) continue;
      (row.histograms[bin.measure] ??= new Map()).set(bin.value, bin.count);
    }
  }
  return { rows: shown, hasNextPage: rows.length > q.first, totalCount: count, cursorOf: (row) => encodeCursor([row.name, row.officeId, row.month]) };
}

/** The median of a histogram of whole numbers: the middle value, or the mean of the two middle values. */
export function medianOf(histogram: Map<number, number> | undefined): number | null {
  if (!histogram) return null;
  const bins = [...histogram].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = bins.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const at = (position: number) => {
    let seen = 0;
    for (const [value, n] of bins) {
      seen += n;
      if (position < seen) return value;
    }
    return bins[bins.length - 1][0];
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2;
}

export function toOfficeRecord(row: RecordRow): OfficeRecord {
  const published = row.ratings >= MIN_PUBLISHED_COUNT;
  const stars = row.histograms[Measure.RATING];
  return Object.assign(new OfficeRecord(), {
    office: Object.assign(new PublicOffice(), {
      id: toGlobalId('Organisation', row.officeId), name: row.name, kind: row.kind, tier: row.tier, jurisdictionCode: row.jurisdictionCode, bankCode: row.bankCode,
    }),
    month: row.month,
    received: row.received,
    firstResponses: row.firstResponses,
    medianWorkingDaysToFirstResponse: medianOf(row.histograms[Measure.FIRST_RESPONSE]),
    answered: row.resolved,
    answeredWithinSla: row.resolvedOnTime,
    medianWorkingDaysToResolution: medianOf(row.histograms[Measure.RESOLVED]),
    breached: row.breached,
    escalatedAway: row.escalatedAway,
    ratings: {
      count: row.ratings,
      average: published ? Math.round((row.ratingSum / row.ratings) * 100) / 100 : null,
      distribution: published ? [1, 2, 3, 4, 5].map((star) => stars?.get(star) ?? 0) : null,
    },
    referralsReceived: row.referralsReceived,
    referralsAnswered: row.referralsAnswered,
    referralsAnsweredByDeadline: row.referralsAnsweredByDeadline,
    medianWorkingDaysToAnswerReferral: medianOf(row.histograms[Measure.REFERRAL_ANSWERED]),
  });
}

@Resolver()
export class OfficeRecordsResolver {
  @Query(() => OfficeRecordConnection, {
    description: 'Each office\'s record, public: for every handling office (village, district, province, ministry) and every bank answering referrals, by month — '
      + 'complaints received, answered and answered within the SLA, breached, escalated away, median working days to the first response and to the decision, '
      + 'the complainants\' ratings, and referrals answered. Read from counters kept up to date as complaints change (docs/adr/0036-office-records.md); '
      + `answers may be up to ${CACHE_MS / 1000} s old. Public.`,
  })
  async officeRecords(@Ctx() ctx: RequestContext, @Args() args: OfficeRecordsArgs): Promise<InstanceType<typeof OfficeRecordConnection>> {
    return toConnection(await officeRecordPage(ctx, args), toOfficeRecord);
  }
}

@Resolver(() => PublicOffice)
export class PublicOfficeResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The region it has jurisdiction over; null for the ministry (all of Indonesia) and banks.' })
  async jurisdiction(@Root() office: PublicOffice, @Ctx() ctx: RequestContext): Promise<Region | null> {
    const entity = office.jurisdictionCode ? await ctx.loaders.regionByCodeLoader.load(office.jurisdictionCode) : null;
    return entity ? Region.from(entity) : null;
  }
}
