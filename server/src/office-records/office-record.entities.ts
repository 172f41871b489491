import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The offices' public records (docs/adr/0036-office-records.md), kept up to date in the transaction of every change
 * of a complaint (applyChange, submit's statement) — never recomputed per request.
 *
 * A fact is one contribution of one complaint to one office's record for one month: "received in 2026-11",
 * "resolved in 2026-11 after 4 working days", "rated 5 in 2026-12". They are derived from the complaint's timeline
 * and referrals (office-record-facts.ts); when a complaint changes, its facts are derived again and the difference
 * (old facts out, new facts in) is added to the monthly counters below. A complaint thus never counts twice, and
 * a rebuild from the raw tables gives the same counters.
 */
@Entity('office_record_facts')
@Index('idx_office_record_facts_complaint', ['complaintId'])
@Check('office_record_fact_month_format', `"month" ~ '^[0-9]{4}-[0-9]{2}$'`)
export class OfficeRecordFactEntity {
  /** A surrogate key: a complaint may give the same fact twice (two referrals to one bank answered the same month). */
  @PrimaryColumn({ type: 'bigint', generated: 'increment' })
  id: string;

  @Column({ type: 'uuid' })
  complaintId: string;

  /** The handling office or the bank (organisations.id). */
  @Column({ type: 'uuid' })
  officeId: string;

  /** The month of the event, in WIB: 'YYYY-MM'. */
  @Column({ type: 'char', length: 7 })
  month: string;

  /** What the fact is (office-record-facts.ts, Measure). */
  @Column({ type: 'varchar', length: 24 })
  measure: string;

  /** Working days (durations), stars (ratings), 0 for plain counts. */
  @Column({ type: 'smallint', default: 0 })
  value: number;
}

/**
 * How many rows each (office, month) counter is spread over (docs/adr/0036-office-records.md, "Sharded counters"): a
 * writer adds to the shard of its database session (pg_backend_pid() % COUNTER_SHARDS), so concurrent submissions to
 * one office rarely wait on one row lock held until commit. Readers sum the shards. Changing it needs no migration:
 * rows of other shards keep their values and still sum right.
 */
export const COUNTER_SHARDS = 16;

/** One office's counters for one month (WIB), one of its shards: the sums over shards are the sums of its facts. */
@Entity('office_month_records')
@Index('idx_office_month_records_month', ['month', 'officeId'])
@Check('office_month_record_month_format', `"month" ~ '^[0-9]{4}-[0-9]{2}$'`)
export class OfficeMonthRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  officeId: string;

  @PrimaryColumn({ type: 'char', length: 7 })
  month: string;

  /** 0 … COUNTER_SHARDS − 1: the shard of the writer's session (rows from before the shards are shard 0). */
  @PrimaryColumn({ type: 'smallint', default: 0 })
  shard: number;

  @Column({ type: 'integer', default: 0 }) received: number;
  @Column({ type: 'integer', default: 0 }) firstResponses: number;
  @Column({ type: 'integer', default: 0 }) resolved: number;
  @Column({ type: 'integer', default: 0 }) resolvedOnTime: number;
  @Column({ type: 'integer', default: 0 }) breached: number;
  @Column({ type: 'integer', default: 0 }) escalatedAway: number;
  @Column({ type: 'integer', default: 0 }) ratings: number;
  @Column({ type: 'integer', default: 0 }) ratingSum: number;
  @Column({ type: 'integer', default: 0 }) referralsReceived: number;
  @Column({ type: 'integer', default: 0 }) referralsAnswered: number;
  @Column({ type: 'integer', default: 0 }) referralsAnsweredByDeadline: number;
}

/**
 * Histograms per office and month: how many first responses took N working days, resolutions N working days,
 * referral answers N working days, ratings N stars. Medians and the rating distribution come from here (summed over
 * shards).
 */
@Entity('office_month_histograms')
@Check('office_month_histogram_month_format', `"month" ~ '^[0-9]{4}-[0-9]{2}$'`)
export class OfficeMonthHistogramEntity {
  @PrimaryColumn({ type: 'uuid' })
  officeId: string;

  @PrimaryColumn({ type: 'char', length: 7 })
  month: string;

  /** FIRST_RESPONSE, RESOLVED, REFERRAL_ANSWERED or RATING. */
  @PrimaryColumn({ type: 'varchar', length: 24 })
  measure: string;

  @PrimaryColumn({ type: 'smallint' })
  value: number;

  /** As office_month_records.shard: the count of a bin is the sum over its shards. */
  @PrimaryColumn({ type: 'smallint', default: 0 })
  shard: number;

  @Column({ type: 'integer', default: 0 })
  count: number;
}
