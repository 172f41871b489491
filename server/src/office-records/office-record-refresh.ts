import { DataSource, EntityManager } from 'typeorm';
import { Tier, TIER_ORDER, TimeZone } from '../common/enums';
import { ensureDaysOffCalendar } from '../escalation/days-off/days-off.service';
import { COUNTER_SHARDS } from './office-record.entities';
import { complaintFacts, Fact, HISTOGRAM_MEASURES, Measure, RECORD_EVENT_TYPES, ReferralFacts, TimelineEvent } from './office-record-facts';

/**
 * Keeps the offices' records (docs/adr/0036-office-records.md) in step with complaints: derives the facts of the
 * given complaints again from their timelines and referrals, and adds the difference with the stored facts to the
 * monthly counters and histograms, in the caller's transaction. applyChange calls it for every change that appends
 * an event the records read, so the counters are exact at every commit; a rebuild (rebuildOfficeRecords) calls it
 * for every complaint and changes nothing where they already are.
 *
 * Counter rows are written in key order (office, month, shard), so two transactions touching the same offices' months
 * queue, never deadlock. Every row a transaction writes is in its session's shard (pg_backend_pid() % COUNTER_SHARDS):
 * two sessions in different shards share no counter row at all, and two in one shard lock theirs in the same order.
 */
export async function refreshOfficeRecords(manager: EntityManager, complaintIds: readonly string[]): Promise<{ changed: number }> {
  const ids = [...new Set(complaintIds)];
  if (ids.length === 0) return { changed: 0 };
  const complaints: { id: string; regionCode: string; zone: TimeZone; rating: number | null }[] = await manager.query(
    `SELECT c.id, c.region_code AS "regionCode", r.time_zone AS zone, c.resolution_rating AS rating
       FROM complaints c JOIN regions r ON r.code = c.region_code WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  const events: (TimelineEvent & { complaintId: string })[] = await manager.query(
    `SELECT complaint_id AS "complaintId", type, occurred_at AS at, to_tier AS "toTier", data FROM complaint_events
      WHERE complaint_id = ANY($1::uuid[]) AND type::text = ANY($2::text[]) ORDER BY complaint_id, seq`,
    [ids, RECORD_EVENT_TYPES],
  );
  const referrals: (ReferralFacts & { complaintId: string })[] = await manager.query(
    `SELECT complaint_id AS "complaintId", to_organisation_id AS "toOrganisationId", created_at AS "createdAt", answered_at AS "answeredAt", due_at AS "dueAt"
       FROM referrals WHERE complaint_id = ANY($1::uuid[]) ORDER BY complaint_id, created_at, id`,
    [ids],
  );
  const officeAt = await officesOfVillages(manager, complaints.map((c) => c.regionCode));
  const stored: (Fact & { complaintId: string })[] = await manager.query(
    `SELECT complaint_id AS "complaintId", office_id AS "officeId", month, measure, value FROM office_record_facts WHERE complaint_id = ANY($1::uuid[])`,
    [ids],
  );

  const byComplaint = <T extends { complaintId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) (map.get(row.complaintId) ?? map.set(row.complaintId, []).get(row.complaintId)!).push(row);
    return map;
  };
  const eventsOf = byComplaint(events);
  const referralsOf = byComplaint(referrals);
  const storedOf = byComplaint(stored);

  const delta = new Map<string, number>(); // office|month|measure|value → +n / −n
  const key = (f: Fact) => `${f.officeId}|${f.month}|${f.measure}|${f.value}`;
  const changed: string[] = [];
  const fresh: (Fact & { complaintId: string })[] = [];
  for (const complaint of complaints) {
    const facts = complaintFacts({
      zone: complaint.zone,
      resolutionRating: complaint.rating,
      events: eventsOf.get(complaint.id) ?? [],
      referrals: referralsOf.get(complaint.id) ?? [],
      officeAt: (tier) => officeAt.get(officeKey(complaint.regionCode, tier)) ?? null,
    });
    const mine = new Map<string, number>();
    for (const f of facts) mine.set(key(f), (mine.get(key(f)) ?? 0) + 1);
    for (const f of storedOf.get(complaint.id) ?? []) mine.set(key(f), (mine.get(key(f)) ?? 0) - 1);
    const differs = [...mine.values()].some((n) => n !== 0);
    if (!differs) continue;
    changed.push(complaint.id);
    for (const [k, n] of mine) if (n !== 0) delta.set(k, (delta.get(k) ?? 0) + n);
    for (const f of facts) fresh.push({ ...f, complaintId: complaint.id });
  }
  if (changed.length === 0) return { changed: 0 };

  await manager.query(`DELETE FROM office_record_facts WHERE complaint_id = ANY($1::uuid[])`, [changed]);
  if (fresh.length) {
    await manager.query(
      `INSERT INTO office_record_facts (complaint_id, office_id, month, measure, value)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::char(7)[], $4::varchar[], $5::smallint[])`,
      [fresh.map((f) => f.complaintId), fresh.map((f) => f.officeId), fresh.map((f) => f.month), fresh.map((f) => f.measure), fresh.map((f) => f.value)],
    );
  }
  await addToCounters(manager, delta);
  return { changed: changed.length };
}

const deferred = new WeakMap<EntityManager, Set<string>>();

/**
 * What applyChange calls: refreshes the complaints' records now, or — inside withDeferredOfficeRecords on the same
 * transaction — notes them for one refresh at its end.
 */
export async function officeRecordsChanged(manager: EntityManager, complaintIds: readonly string[]): Promise<void> {
  const pending = deferred.get(manager);
  if (pending) complaintIds.forEach((id) => pending.add(id));
  else await refreshOfficeRecords(manager, complaintIds);
}

/**
 * For a transaction that changes many complaints (the SLA sweep's batch, a bank's resolution told to every linked
 * complaint): their records are refreshed once, at the end, in one call — so its counter rows are locked in one key
 * order like every single change's, and two transactions never wait on each other's rows in opposite orders.
 */
export async function withDeferredOfficeRecords<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
  if (deferred.has(manager)) return work();
  const pending = new Set<string>();
  deferred.set(manager, pending);
  let result: T;
  try {
    result = await work();
  } finally {
    deferred.delete(manager);
  }
  await refreshOfficeRecords(manager, [...pending]);
  return result;
}

/** The monthly counter columns of each measure (office_month_records). */
const COLUMN: Record<Measure, string> = {
  [Measure.RECEIVED]: 'received',
  [Measure.FIRST_RESPONSE]: 'first_responses',
  [Measure.RESOLVED]: 'resolved',
  [Measure.RESOLVED_ON_TIME]: 'resolved_on_time',
  [Measure.BREACHED]: 'breached',
  [Measure.ESCALATED_AWAY]: 'escalated_away',
  [Measure.RATING]: 'ratings',
  [Measure.REFERRAL_RECEIVED]: 'referrals_received',
  [Measure.REFERRAL_ANSWERED]: 'referrals_answered',
  [Measure.REFERRAL_ON_TIME]: 'referrals_answered_by_deadline',
};
const COLUMNS = [...Object.values(COLUMN), 'rating_sum'];

async function addToCounters(manager: EntityManager, delta: Map<string, number>): Promise<void> {
  const months = new Map<string, Record<string, number>>();
  const histogram: { officeId: string; month: string; measure: string; value: number; n: number }[] = [];
  for (const [k, n] of delta) {
    if (n === 0) continue;
    const [officeId, month, measure, value] = k.split('|') as [string, string, Measure, string];
    const row = months.get(`${officeId}|${month}`) ?? months.set(`${officeId}|${month}`, {}).get(`${officeId}|${month}`)!;
    row[COLUMN[measure]] = (row[COLUMN[measure]] ?? 0) + n;
    if (measure === Measure.RATING) row.rating_sum = (row.rating_sum ?? 0) + n * Number(value);
    if (HISTOGRAM_MEASURES.has(measure)) histogram.push({ officeId, month, measure, value: Number(value), n });
  }
  const monthKeys = [...months.keys()].sort();
  if (monthKeys.length) {
    const params: unknown[] = [monthKeys.map((k) => k.split('|')[0]), monthKeys.map((k) => k.split('|')[1])];
    for (const column of COLUMNS) params.push(monthKeys.map((k) => months.get(k)![column] ?? 0));
    await manager.query(
      `INSERT INTO office_month_records (office_id, month, shard, ${COLUMNS.join(', ')})
       SELECT k.office_id, k.month, pg_backend_pid() % ${COUNTER_SHARDS}, ${COLUMNS.map((c) => `k.${c}`).join(', ')}
         FROM unnest($1::uuid[], $2::char(7)[], ${COLUMNS.map((_, i) => `$${i + 3}::int[]`).join(', ')}) AS k(office_id, month, ${COLUMNS.join(', ')}) ORDER BY 1, 2
       ON CONFLICT (office_id, month, shard) DO UPDATE SET ${COLUMNS.map((c) => `${c} = office_month_records.${c} + EXCLUDED.${c}`).join(', ')}`,
      params,
    );
  }
  histogram.sort((a, b) => (a.officeId + a.month + a.measure).localeCompare(b.officeId + b.month + b.measure) || a.value - b.value);
  if (histogram.length) {
    await manager.query(
      `INSERT INTO office_month_histograms (office_id, month, measure, value, shard, count)
       SELECT k.office_id, k.month, k.measure, k.value, pg_backend_pid() % ${COUNTER_SHARDS}, k.count
         FROM unnest($1::uuid[], $2::char(7)[], $3::varchar[], $4::smallint[], $5::int[]) AS k(office_id, month, measure, value, count) ORDER BY 1, 2, 3, 4
       ON CONFLICT (office_id, month, measure, value, shard) DO UPDATE SET count = office_month_histograms.count + EXCLUDED.count`,
      [histogram.map((h) => h.officeId), histogram.map((h) => h.month), histogram.map((h) => h.measure), histogram.map((h) => h.value), histogram.map((h) => h.n)],
    );
  }
}

const officeKey = (villageCode: string, tier: Tier) => `${tier}|${villageCode}`;

/**
 * The office of each tier for each village (as officeFor chooses it: the oldest enabled one), in one query that
 * reads organisations by their jurisdiction index (its code, or null for the ministry) — never the whole directory.
 */
async function officesOfVillages(manager: EntityManager, villages: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(villages)];
  if (unique.length === 0) return new Map();
  const jurisdiction = (village: string, tier: Tier) =>
    ({ VILLAGE: village, DISTRICT: village.slice(0, 5), PROVINCE: village.slice(0, 2), NATIONAL: '' } as Record<Tier, string>)[tier];
  const codes = [...new Set(unique.flatMap((v) => [v, v.slice(0, 5), v.slice(0, 2)]))];
  const rows: { tier: Tier; code: string; id: string }[] = await manager.query(
    `SELECT DISTINCT ON (o.tier, o.jurisdiction_region_code) o.tier, coalesce(o.jurisdiction_region_code, '') AS code, o.id
       FROM (SELECT * FROM organisations WHERE jurisdiction_region_code = ANY($1::varchar[])
             UNION ALL SELECT * FROM organisations WHERE jurisdiction_region_code IS NULL AND tier = 'NATIONAL') o
      WHERE o.disabled_at IS NULL AND o.tier IS NOT NULL
      ORDER BY o.tier, o.jurisdiction_region_code, o.created_at`,
    [codes],
  );
  const byJurisdiction = new Map(rows.map((r) => [`${r.tier}|${r.code}`, r.id]));
  const map = new Map<string, string>();
  for (const village of unique) {
    for (const tier of TIER_ORDER) {
      const id = byJurisdiction.get(`${tier}|${jurisdiction(village, tier)}`);
      if (id) map.set(officeKey(village, tier), id);
    }
  }
  return map;
}

/**
 * Derives every complaint's facts again, in batches of `batch` complaints per transaction (the backfill, run by
 * setup after the migration that made the tables, by the demo seed and by `npm run office-records:rebuild`).
 * Idempotent: where the records are right it changes nothing.
 */
export async function rebuildOfficeRecords(dataSource: DataSource, options: { batch?: number } = {}): Promise<{ complaints: number; changed: number }> {
  await ensureDaysOffCalendar(dataSource);
  const batch = options.batch ?? 1000;
  let after = '00000000-0000-0000-0000-000000000000';
  let complaints = 0;
  let changed = 0;
  for (;;) {
    const rows: { id: string }[] = await dataSource.query(`SELECT id FROM complaints WHERE id > $1 ORDER BY id LIMIT $2`, [after, batch]);
    if (rows.length === 0) break;
    const ids = rows.map((r) => r.id);
    // The complaints locked while their facts are derived: a change committing meanwhile waits, then refreshes on top.
    const result = await dataSource.transaction(async (manager) => {
      await manager.query(`SELECT id FROM complaints WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
      return refreshOfficeRecords(manager, ids);
    });
    complaints += rows.length;
    changed += result.changed;
    after = ids[ids.length - 1];
  }
  return { complaints, changed };
}
