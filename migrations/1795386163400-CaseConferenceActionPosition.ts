import { MigrationInterface, QueryRunner } from 'typeorm';

/** Follow-up actions keep the order the conference agreed them in (they share one timestamp). */
export class CaseConferenceActionPosition1795386163400 implements MigrationInterface {
  name = 'CaseConferenceActionPosition1795386163400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_conference_actions" ADD "position" smallint NOT NULL DEFAULT 1`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_conference_actions" DROP COLUMN "position"`);
  }
}
