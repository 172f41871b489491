import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Words in complaint descriptions, searched with Indonesian stemming
 * (PostgreSQL's 'indonesian' configuration): the inbox's `search` filter.
 * Written by hand: TypeORM cannot express an expression GIN index (the entity
 * declares it with synchronize: false so the drift check leaves it alone).
 */
export class ComplaintSearch1795383765129 implements MigrationInterface {
  name = 'ComplaintSearch1795383765129';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_complaints_description_search" ON "complaints" USING gin (to_tsvector('indonesian', "description"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_complaints_description_search"`);
  }
}
