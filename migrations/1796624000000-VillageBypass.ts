import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A complaint about targeting that names the village office's own recommendation may ask to bypass the village
 * (docs/adr/0027-one-door.md): recorded on the complaint, so the village office's scope leaves it out for good.
 */
export class VillageBypass1796624000000 implements MigrationInterface {
  name = 'VillageBypass1796624000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "complaints" ADD "bypass_village" boolean NOT NULL DEFAULT false');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "complaints" DROP COLUMN "bypass_village"');
  }
}
