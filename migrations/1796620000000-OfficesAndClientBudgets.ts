import { MigrationInterface, QueryRunner } from 'typeorm';

export class OfficesAndClientBudgets1796620000000 implements MigrationInterface {
  name = 'OfficesAndClientBudgets1796620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"organisations\" ADD \"code\" character varying(64)");
    await queryRunner.query("ALTER TABLE \"api_clients\" ADD \"requests_per_minute\" integer");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_organisations_code\" ON \"organisations\"  (\"code\") ");
    await queryRunner.query("ALTER TABLE \"organisations\" ADD CONSTRAINT \"organisation_code_format\" CHECK (\"code\" ~ '^[a-z0-9][a-z0-9-]{1,63}$')");
    await queryRunner.query("ALTER TABLE \"api_clients\" ADD CONSTRAINT \"api_client_requests_per_minute\" CHECK (\"requests_per_minute\" BETWEEN 10 AND 60000)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"api_clients\" DROP CONSTRAINT \"api_client_requests_per_minute\"");
    await queryRunner.query("ALTER TABLE \"organisations\" DROP CONSTRAINT \"organisation_code_format\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_organisations_code\"");
    await queryRunner.query("ALTER TABLE \"api_clients\" DROP COLUMN \"requests_per_minute\"");
    await queryRunner.query("ALTER TABLE \"organisations\" DROP COLUMN \"code\"");
  }
}
