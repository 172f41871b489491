import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The offices' public records (docs/adr/0036-office-records.md): each complaint's facts per office and month, and
 * the monthly counters and histograms they add up to. The tables start empty; `npm run setup`, which applies this
 * migration, then derives them from the complaints and their timelines (rebuildOfficeRecords), as the demo seed does.
 */
export class OfficeRecords1796629000000 implements MigrationInterface {
  name = 'OfficeRecords1796629000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"office_record_facts\" (\"id\" BIGSERIAL NOT NULL, \"complaint_id\" uuid NOT NULL, \"office_id\" uuid NOT NULL, \"month\" character(7) NOT NULL, \"measure\" character varying(24) NOT NULL, \"value\" smallint NOT NULL DEFAULT '0', CONSTRAINT \"office_record_fact_month_format\" CHECK (\"month\" ~ '^[0-9]{4}-[0-9]{2}$'), CONSTRAINT \"PK_1a84e3548f6f3b81c72234c9056\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"idx_office_record_facts_complaint\" ON \"office_record_facts\"  (\"complaint_id\") ");
    await queryRunner.query("CREATE TABLE \"office_month_records\" (\"office_id\" uuid NOT NULL, \"month\" character(7) NOT NULL, \"received\" integer NOT NULL DEFAULT '0', \"first_responses\" integer NOT NULL DEFAULT '0', \"resolved\" integer NOT NULL DEFAULT '0', \"resolved_on_time\" integer NOT NULL DEFAULT '0', \"breached\" integer NOT NULL DEFAULT '0', \"escalated_away\" integer NOT NULL DEFAULT '0', \"ratings\" integer NOT NULL DEFAULT '0', \"rating_sum\" integer NOT NULL DEFAULT '0', \"referrals_received\" integer NOT NULL DEFAULT '0', \"referrals_answered\" integer NOT NULL DEFAULT '0', \"referrals_answered_by_deadline\" integer NOT NULL DEFAULT '0', CONSTRAINT \"office_month_record_month_format\" CHECK (\"month\" ~ '^[0-9]{4}-[0-9]{2}$'), CONSTRAINT \"PK_181806746d389d7c389928f3c5d\" PRIMARY KEY (\"office_id\", \"month\"))");
    await queryRunner.query("CREATE INDEX \"idx_office_month_records_month\" ON \"office_month_records\"  (\"month\", \"office_id\") ");
    await queryRunner.query("CREATE TABLE \"office_month_histograms\" (\"office_id\" uuid NOT NULL, \"month\" character(7) NOT NULL, \"measure\" character varying(24) NOT NULL, \"value\" smallint NOT NULL, \"count\" integer NOT NULL DEFAULT '0', CONSTRAINT \"office_month_histogram_month_format\" CHECK (\"month\" ~ '^[0-9]{4}-[0-9]{2}$'), CONSTRAINT \"PK_fa98a1d09b54a19b1ad209c6839\" PRIMARY KEY (\"office_id\", \"month\", \"measure\", \"value\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"office_month_histograms\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_office_month_records_month\"");
    await queryRunner.query("DROP TABLE \"office_month_records\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_office_record_facts_complaint\"");
    await queryRunner.query("DROP TABLE \"office_record_facts\"");
  }
}
