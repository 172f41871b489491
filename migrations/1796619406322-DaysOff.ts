import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indonesia's days off as data (docs/adr/0022-days-off.md): public holidays and
 * cuti bersama, filled by the setup (seedDaysOff), extended and withdrawn by
 * administrators; rows are withdrawn, never deleted.
 */
export class DaysOff1796619406322 implements MigrationInterface {
  name = 'DaysOff1796619406322';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"day_off_kind\" AS ENUM('PUBLIC_HOLIDAY', 'CUTI_BERSAMA')");
    await queryRunner.query("CREATE TABLE \"days_off\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"date\" date NOT NULL, \"kind\" \"public\".\"day_off_kind\" NOT NULL, \"name\" character varying(200) NOT NULL, \"source\" character varying(300) NOT NULL, \"recorded_by\" character varying(100) NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"withdrawn_at\" TIMESTAMP WITH TIME ZONE, \"withdrawn_by\" character varying(100), \"withdrawal_source\" character varying(300), CONSTRAINT \"day_off_withdrawal_complete\" CHECK ((\"withdrawn_at\" IS NULL) = (\"withdrawn_by\" IS NULL)), CONSTRAINT \"day_off_source_length\" CHECK (char_length(\"source\") BETWEEN 1 AND 300), CONSTRAINT \"day_off_name_length\" CHECK (char_length(\"name\") BETWEEN 1 AND 200), CONSTRAINT \"PK_84e8ee130cd92f7ed08c7aac8b6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_days_off_date_kind_name\" ON \"days_off\"  (\"date\", \"kind\", \"name\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"uq_days_off_date_kind_name\"");
    await queryRunner.query("DROP TABLE \"days_off\"");
    await queryRunner.query("DROP TYPE \"public\".\"day_off_kind\"");
  }
}
