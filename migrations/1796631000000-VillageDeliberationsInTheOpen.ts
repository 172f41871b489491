import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Village deliberations in the open (docs/adr/0038-village-deliberations-in-the-open.md):
 * - deliberation_minutes: the signed minutes (berita acara) of a deliberation, an object of the evidence store;
 *   append-only, like the deliberations themselves;
 * - evidence_uploads gets a second owner kind: a deliberation (deliberation_id) instead of a complaint, exactly
 *   one of the two; an attached minutes upload points at its row (minutes_id);
 * - the public list's index on deliberations (region, recorded).
 */
export class VillageDeliberationsInTheOpen1796631000000 implements MigrationInterface {
  name = 'VillageDeliberationsInTheOpen1796631000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "deliberation_minutes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deliberation_id" uuid NOT NULL, "object_sha256" character(64) NOT NULL, "content_type" character varying(40) NOT NULL, "size" integer NOT NULL, "uploaded_size" integer NOT NULL, "uploaded_sha256" character(64) NOT NULL, "metadata_removed" boolean NOT NULL, "file_name" character varying(200) NOT NULL, "attached_by_client_id" uuid NOT NULL, "attached_by_organisation_id" uuid NOT NULL, "attached_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "deliberation_minutes_sizes_positive" CHECK ("size" > 0 AND "uploaded_size" > 0), CONSTRAINT "deliberation_minutes_uploaded_sha256_format" CHECK ("uploaded_sha256" ~ '^[0-9a-f]{64}$'), CONSTRAINT "deliberation_minutes_content_type" CHECK ("content_type" IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')), CONSTRAINT "PK_8a4d27375b6ae64d4b702eb046b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_deliberation_minutes_object" ON "deliberation_minutes"  ("object_sha256") `);
    await queryRunner.query(`CREATE INDEX "idx_deliberation_minutes_deliberation" ON "deliberation_minutes"  ("deliberation_id", "attached_at") `);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" ADD "deliberation_id" uuid`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" ADD "minutes_id" uuid`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" ALTER COLUMN "complaint_id" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_deliberations_region_created" ON "deliberations"  ("region_code", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_evidence_uploads_deliberation" ON "evidence_uploads"  ("deliberation_id") `);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" ADD CONSTRAINT "evidence_upload_owner" CHECK (("complaint_id" IS NULL) <> ("deliberation_id" IS NULL))`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" DROP CONSTRAINT "evidence_upload_attached"`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" ADD CONSTRAINT "evidence_upload_attached" CHECK (("status" = 'ATTACHED') = ("evidence_id" IS NOT NULL OR "minutes_id" IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE "deliberation_minutes" ADD CONSTRAINT "FK_04c0edf0f71490b4edf07b0bd54" FOREIGN KEY ("deliberation_id") REFERENCES "deliberations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "deliberation_minutes" ADD CONSTRAINT "FK_04521917d37232a6207b79b83f7" FOREIGN KEY ("object_sha256") REFERENCES "evidence_objects"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "deliberation_minutes" ADD CONSTRAINT "FK_48fa7173870ef0614c558d06331" FOREIGN KEY ("attached_by_client_id") REFERENCES "api_clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "deliberation_minutes" ADD CONSTRAINT "FK_2be8d9d823e6b6db93e15e1f8bc" FOREIGN KEY ("attached_by_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" ADD CONSTRAINT "FK_c3dc3dc0134dbde834469480b2d" FOREIGN KEY ("deliberation_id") REFERENCES "deliberations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" ADD CONSTRAINT "FK_6726797bb51945169e2e28906ee" FOREIGN KEY ("minutes_id") REFERENCES "deliberation_minutes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE TRIGGER deliberation_minutes_no_update_or_delete BEFORE UPDATE OR DELETE ON "deliberation_minutes"
      FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_table()`);
    await queryRunner.query(`CREATE TRIGGER deliberation_minutes_no_truncate BEFORE TRUNCATE ON "deliberation_minutes"
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_table()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Going back forgets the minutes: their uploads cannot stay without a complaint; the cleanup job then removes the stored objects.
    await queryRunner.query(`DROP TRIGGER deliberation_minutes_no_truncate ON "deliberation_minutes"`);
    await queryRunner.query(`DROP TRIGGER deliberation_minutes_no_update_or_delete ON "deliberation_minutes"`);
    await queryRunner.query(`DELETE FROM "evidence_uploads" WHERE "deliberation_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" DROP CONSTRAINT "FK_6726797bb51945169e2e28906ee"`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" DROP CONSTRAINT "FK_c3dc3dc0134dbde834469480b2d"`);
    await queryRunner.query(`ALTER TABLE "deliberation_minutes" DROP CONSTRAINT "FK_2be8d9d823e6b6db93e15e1f8bc"`);
    await queryRunner.query(`ALTER TABLE "deliberation_minutes" DROP CONSTRAINT "FK_48fa7173870ef0614c558d06331"`);
    await queryRunner.query(`ALTER TABLE "deliberation_minutes" DROP CONSTRAINT "FK_04521917d37232a6207b79b83f7"`);
    await queryRunner.query(`ALTER TABLE "deliberation_minutes" DROP CONSTRAINT "FK_04c0edf0f71490b4edf07b0bd54"`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" DROP CONSTRAINT "evidence_upload_attached"`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" ADD CONSTRAINT "evidence_upload_attached" CHECK (("status" = 'ATTACHED') = ("evidence_id" IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" DROP CONSTRAINT "evidence_upload_owner"`);
    await queryRunner.query(`DROP INDEX "public"."idx_evidence_uploads_deliberation"`);
    await queryRunner.query(`DROP INDEX "public"."idx_deliberations_region_created"`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" ALTER COLUMN "complaint_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" DROP COLUMN "minutes_id"`);
    await queryRunner.query(`ALTER TABLE "evidence_uploads" DROP COLUMN "deliberation_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_deliberation_minutes_deliberation"`);
    await queryRunner.query(`DROP INDEX "public"."idx_deliberation_minutes_object"`);
    await queryRunner.query(`DROP TABLE "deliberation_minutes"`);
  }
}
