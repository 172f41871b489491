import { MigrationInterface, QueryRunner } from 'typeorm';

export class SetupRuns1796619354230 implements MigrationInterface {
  name = 'SetupRuns1796619354230';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"setup_runs\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"kind\" character varying(10) NOT NULL, \"version\" character varying(40) NOT NULL, \"region_release\" character varying(80) NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"finished_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"changes\" jsonb NOT NULL, CONSTRAINT \"PK_5a2d6574aa7c3c89c89cb774835\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"regions\" ADD \"retired_at\" TIMESTAMP WITH TIME ZONE");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"regions\" DROP COLUMN \"retired_at\"");
    await queryRunner.query("DROP TABLE \"setup_runs\"");
  }
}
