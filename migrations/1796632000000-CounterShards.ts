import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sharded counters for the offices' records (docs/adr/0036-office-records.md, "Sharded counters"): the monthly
 * counters and histograms get a `shard` (0 … 15) in their primary keys, so concurrent writers to one office's month
 * add to different rows instead of queueing on one row lock held until commit. The rows there are become shard 0
 * (the column's default): the sums over shards, which every reader takes, are unchanged. Going down folds the shards
 * back into one row per key before the column goes.
 */
export class CounterShards1796632000000 implements MigrationInterface {
  name = 'CounterShards1796632000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"office_month_records\" ADD \"shard\" smallint NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"office_month_records\" DROP CONSTRAINT \"PK_181806746d389d7c389928f3c5d\"");
    await queryRunner.query("ALTER TABLE \"office_month_records\" ADD CONSTRAINT \"PK_4a6a20b5a3ce4d0dde3b0bf6e21\" PRIMARY KEY (\"office_id\", \"month\", \"shard\")");
    await queryRunner.query("ALTER TABLE \"office_month_histograms\" ADD \"shard\" smallint NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"office_month_histograms\" DROP CONSTRAINT \"PK_fa98a1d09b54a19b1ad209c6839\"");
    await queryRunner.query("ALTER TABLE \"office_month_histograms\" ADD CONSTRAINT \"PK_c541818ca802a9c7ecbe0665164\" PRIMARY KEY (\"office_id\", \"month\", \"measure\", \"value\", \"shard\")");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const counters = ['received', 'first_responses', 'resolved', 'resolved_on_time', 'breached', 'escalated_away', 'ratings', 'rating_sum',
      'referrals_received', 'referrals_answered', 'referrals_answered_by_deadline'];
    await queryRunner.query(`INSERT INTO office_month_records AS r (office_id, month, shard, ${counters.join(', ')})
      SELECT office_id, month, 0, ${counters.map((c) => `sum(${c})`).join(', ')} FROM office_month_records WHERE shard <> 0 GROUP BY office_id, month
      ON CONFLICT (office_id, month, shard) DO UPDATE SET ${counters.map((c) => `${c} = r.${c} + EXCLUDED.${c}`).join(', ')}`);
    await queryRunner.query('DELETE FROM office_month_records WHERE shard <> 0');
    await queryRunner.query(`INSERT INTO office_month_histograms AS h (office_id, month, measure, value, shard, count)
      SELECT office_id, month, measure, value, 0, sum(count) FROM office_month_histograms WHERE shard <> 0 GROUP BY office_id, month, measure, value
      ON CONFLICT (office_id, month, measure, value, shard) DO UPDATE SET count = h.count + EXCLUDED.count`);
    await queryRunner.query('DELETE FROM office_month_histograms WHERE shard <> 0');
    await queryRunner.query("ALTER TABLE \"office_month_histograms\" DROP CONSTRAINT \"PK_c541818ca802a9c7ecbe0665164\"");
    await queryRunner.query("ALTER TABLE \"office_month_histograms\" ADD CONSTRAINT \"PK_fa98a1d09b54a19b1ad209c6839\" PRIMARY KEY (\"office_id\", \"month\", \"measure\", \"value\")");
    await queryRunner.query("ALTER TABLE \"office_month_histograms\" DROP COLUMN \"shard\"");
    await queryRunner.query("ALTER TABLE \"office_month_records\" DROP CONSTRAINT \"PK_4a6a20b5a3ce4d0dde3b0bf6e21\"");
    await queryRunner.query("ALTER TABLE \"office_month_records\" ADD CONSTRAINT \"PK_181806746d389d7c389928f3c5d\" PRIMARY KEY (\"office_id\", \"month\")");
    await queryRunner.query("ALTER TABLE \"office_month_records\" DROP COLUMN \"shard\"");
  }
}
