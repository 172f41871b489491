import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily evidence store sweep times the grace for objects the database has
 * no row for from when it first saw them (the server's clock), no longer from
 * the object's own time stamp, which is the store's clock
 * (docs/adr/0010-evidence.md).
 */
export class EvidenceStoreStrays1796608016904 implements MigrationInterface {
  name = 'EvidenceStoreStrays1796608016904';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"evidence_store_strays\" (\"sha256\" character(64) NOT NULL, \"first_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"evidence_store_stray_sha256_format\" CHECK (\"sha256\" ~ '^[0-9a-f]{64}$'), CONSTRAINT \"PK_5106393d7db9b1198b53767baec\" PRIMARY KEY (\"sha256\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"evidence_store_strays\"");
  }
}
