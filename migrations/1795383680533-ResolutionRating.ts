import { MigrationInterface, QueryRunner } from 'typeorm';

export class ResolutionRating1795383680533 implements MigrationInterface {
  name = 'ResolutionRating1795383680533';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"complaints\" ADD \"resolution_rating\" smallint");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD \"resolution_comment\" text");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD \"rated_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_referrals_open_per_organisation\" ON \"referrals\"  (\"complaint_id\", \"to_organisation_id\") WHERE \"status\" = 'OPEN'");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD CONSTRAINT \"complaint_rated_at_with_rating\" CHECK ((\"rated_at\" IS NULL) = (\"resolution_rating\" IS NULL))");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD CONSTRAINT \"complaint_resolution_comment_length\" CHECK (\"resolution_comment\" IS NULL OR char_length(\"resolution_comment\") <= 1000)");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD CONSTRAINT \"complaint_resolution_rating_range\" CHECK (\"resolution_rating\" IS NULL OR \"resolution_rating\" BETWEEN 1 AND 5)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"complaints\" DROP CONSTRAINT \"complaint_resolution_rating_range\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP CONSTRAINT \"complaint_resolution_comment_length\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP CONSTRAINT \"complaint_rated_at_with_rating\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_referrals_open_per_organisation\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP COLUMN \"rated_at\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP COLUMN \"resolution_comment\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP COLUMN \"resolution_rating\"");
  }
}
