import { MigrationInterface, QueryRunner } from 'typeorm';

export class ComplainantPins1796623000000 implements MigrationInterface {
  name = 'ComplainantPins1796623000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"complainant_pins\" (\"complaint_id\" uuid NOT NULL, \"pin_hash\" character varying(120) NOT NULL, \"failed_attempts\" smallint NOT NULL DEFAULT '0', \"locked_until\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"complainant_pin_failed_attempts\" CHECK (\"failed_attempts\" >= 0), CONSTRAINT \"PK_da907fd3e12d8c052ddaccd1a7a\" PRIMARY KEY (\"complaint_id\"))");
    await queryRunner.query("ALTER TABLE \"evidence_uploads\" ADD \"by_complainant\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"complainant_pins\" ADD CONSTRAINT \"FK_da907fd3e12d8c052ddaccd1a7a\" FOREIGN KEY (\"complaint_id\") REFERENCES \"complaints\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"complainant_pins\" DROP CONSTRAINT \"FK_da907fd3e12d8c052ddaccd1a7a\"");
    await queryRunner.query("ALTER TABLE \"evidence_uploads\" DROP COLUMN \"by_complainant\"");
    await queryRunner.query("DROP TABLE \"complainant_pins\"");
  }
}
