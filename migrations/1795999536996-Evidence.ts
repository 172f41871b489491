import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence on complaints (docs/adr/0010-evidence.md): stored objects addressed
 * by their SHA-256, the evidence attached to complaints (append-only, like the
 * timeline), the upload sessions behind single-use upload URLs, the secret the
 * URLs are signed with, and the EVIDENCE_ATTACHED timeline event.
 */
export class Evidence1795999536996 implements MigrationInterface {
  name = 'Evidence1795999536996';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"evidence_objects\" (\"sha256\" character(64) NOT NULL, \"size\" integer NOT NULL, \"content_type\" character varying(40) NOT NULL, \"claimed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"evidence_object_size_positive\" CHECK (\"size\" > 0), CONSTRAINT \"evidence_object_content_type\" CHECK (\"content_type\" IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'video/mp4')), CONSTRAINT \"evidence_object_sha256_format\" CHECK (\"sha256\" ~ '^[0-9a-f]{64}$'), CONSTRAINT \"PK_d4d4062956edb4ba14c90bc1883\" PRIMARY KEY (\"sha256\"))");
    await queryRunner.query("CREATE INDEX \"idx_evidence_objects_claimed\" ON \"evidence_objects\"  (\"claimed_at\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"evidence_kind\" AS ENUM('ID_CARD', 'FAMILY_CARD', 'LETTER', 'PHOTO', 'VIDEO', 'OTHER')");
    await queryRunner.query("CREATE TABLE \"evidence\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"complaint_id\" uuid NOT NULL, \"object_sha256\" character(64) NOT NULL, \"kind\" \"public\".\"evidence_kind\" NOT NULL, \"content_type\" character varying(40) NOT NULL, \"size\" integer NOT NULL, \"uploaded_size\" integer NOT NULL, \"uploaded_sha256\" character(64) NOT NULL, \"metadata_removed\" boolean NOT NULL, \"file_name\" character varying(200) NOT NULL, \"attached_by_client_id\" uuid NOT NULL, \"attached_by_organisation_id\" uuid NOT NULL, \"attached_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"evidence_sizes_positive\" CHECK (\"size\" > 0 AND \"uploaded_size\" > 0), CONSTRAINT \"evidence_uploaded_sha256_format\" CHECK (\"uploaded_sha256\" ~ '^[0-9a-f]{64}$'), CONSTRAINT \"evidence_content_type\" CHECK (\"content_type\" IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'video/mp4')), CONSTRAINT \"PK_b864cb5d49854f89917fc0b44b9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"idx_evidence_object\" ON \"evidence\"  (\"object_sha256\") ");
    await queryRunner.query("CREATE INDEX \"idx_evidence_complaint\" ON \"evidence\"  (\"complaint_id\", \"attached_at\") ");
    await queryRunner.query("CREATE TABLE \"evidence_url_keys\" (\"id\" smallint NOT NULL, \"secret\" bytea NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"evidence_url_key_single\" CHECK (\"id\" = 1), CONSTRAINT \"PK_00f24c73286cf5286ce89d88df6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"evidence_upload_status\" AS ENUM('PENDING', 'RECEIVING', 'ATTACHED', 'REFUSED', 'EXPIRED', 'FAILED')");
    await queryRunner.query("CREATE TABLE \"evidence_uploads\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"complaint_id\" uuid NOT NULL, \"api_client_id\" uuid NOT NULL, \"organisation_id\" uuid NOT NULL, \"file_name\" character varying(200) NOT NULL, \"kind\" \"public\".\"evidence_kind\" NOT NULL, \"declared_content_type\" character varying(40) NOT NULL, \"declared_size\" integer NOT NULL, \"declared_sha256\" character(64) NOT NULL, \"status\" \"public\".\"evidence_upload_status\" NOT NULL DEFAULT 'PENDING', \"refusal_code\" character varying(40), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"started_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"evidence_id\" uuid, CONSTRAINT \"evidence_upload_refused\" CHECK ((\"status\" = 'REFUSED') = (\"refusal_code\" IS NOT NULL)), CONSTRAINT \"evidence_upload_attached\" CHECK ((\"status\" = 'ATTACHED') = (\"evidence_id\" IS NOT NULL)), CONSTRAINT \"evidence_upload_content_type\" CHECK (\"declared_content_type\" IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'video/mp4')), CONSTRAINT \"evidence_upload_size_positive\" CHECK (\"declared_size\" > 0), CONSTRAINT \"evidence_upload_sha256_format\" CHECK (\"declared_sha256\" ~ '^[0-9a-f]{64}$'), CONSTRAINT \"PK_5f1d15db2fcd6f5933c59efb047\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"idx_evidence_uploads_status_expires\" ON \"evidence_uploads\"  (\"status\", \"expires_at\") ");
    await queryRunner.query("CREATE INDEX \"idx_evidence_uploads_complaint_status\" ON \"evidence_uploads\"  (\"complaint_id\", \"status\") ");
    await queryRunner.query("ALTER TYPE \"public\".\"complaint_event_type\" ADD VALUE 'EVIDENCE_ATTACHED'");
    await queryRunner.query("ALTER TABLE \"evidence\" ADD CONSTRAINT \"FK_31e7823c6447bed65f6304d59ba\" FOREIGN KEY (\"complaint_id\") REFERENCES \"complaints\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"evidence\" ADD CONSTRAINT \"FK_1d8831ff8dc44e4eba100b07523\" FOREIGN KEY (\"object_sha256\") REFERENCES \"evidence_objects\"(\"sha256\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"evidence\" ADD CONSTRAINT \"FK_58823cecd52ad6b3d4996963ccc\" FOREIGN KEY (\"attached_by_client_id\") REFERENCES \"api_clients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"evidence\" ADD CONSTRAINT \"FK_50ac6c3793ef737cc205394266e\" FOREIGN KEY (\"attached_by_organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"evidence_uploads\" ADD CONSTRAINT \"FK_6f7ee92c0489ec7e83a0e05e2e9\" FOREIGN KEY (\"complaint_id\") REFERENCES \"complaints\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"evidence_uploads\" ADD CONSTRAINT \"FK_8449f1def440d4fa0fe05f724f8\" FOREIGN KEY (\"api_client_id\") REFERENCES \"api_clients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"evidence_uploads\" ADD CONSTRAINT \"FK_75f6663362d2d7bfe99c7448b19\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"evidence_uploads\" ADD CONSTRAINT \"FK_0246b1a3d02fdcd987bdb44f1e8\" FOREIGN KEY (\"evidence_id\") REFERENCES \"evidence\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");

    // --- written by hand: attached evidence is never edited or removed (docs/adr/0002-audit-trail.md) ---
    await queryRunner.query(`CREATE TRIGGER evidence_no_update_or_delete BEFORE UPDATE OR DELETE ON "evidence"
      FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_table()`);
    await queryRunner.query(`CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON "evidence"
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_table()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The timeline is append-only: its EVIDENCE_ATTACHED events cannot be removed to narrow the type again.
    const [{ n }] = await queryRunner.query(`SELECT count(*)::int AS n FROM complaint_events WHERE type = 'EVIDENCE_ATTACHED'`);
    if (n > 0) throw new Error(`cannot revert Evidence: the timeline holds ${n} EVIDENCE_ATTACHED event(s), which are never deleted`);
    await queryRunner.query(`DROP TRIGGER evidence_no_truncate ON "evidence"`);
    await queryRunner.query(`DROP TRIGGER evidence_no_update_or_delete ON "evidence"`);
    await queryRunner.query("ALTER TABLE \"evidence_uploads\" DROP CONSTRAINT \"FK_0246b1a3d02fdcd987bdb44f1e8\"");
    await queryRunner.query("ALTER TABLE \"evidence_uploads\" DROP CONSTRAINT \"FK_75f6663362d2d7bfe99c7448b19\"");
    await queryRunner.query("ALTER TABLE \"evidence_uploads\" DROP CONSTRAINT \"FK_8449f1def440d4fa0fe05f724f8\"");
    await queryRunner.query("ALTER TABLE \"evidence_uploads\" DROP CONSTRAINT \"FK_6f7ee92c0489ec7e83a0e05e2e9\"");
    await queryRunner.query("ALTER TABLE \"evidence\" DROP CONSTRAINT \"FK_50ac6c3793ef737cc205394266e\"");
    await queryRunner.query("ALTER TABLE \"evidence\" DROP CONSTRAINT \"FK_58823cecd52ad6b3d4996963ccc\"");
    await queryRunner.query("ALTER TABLE \"evidence\" DROP CONSTRAINT \"FK_1d8831ff8dc44e4eba100b07523\"");
    await queryRunner.query("ALTER TABLE \"evidence\" DROP CONSTRAINT \"FK_31e7823c6447bed65f6304d59ba\"");
    await queryRunner.query("CREATE TYPE \"public\".\"complaint_event_type_old\" AS ENUM('SUBMITTED', 'VERIFIED', 'INFORMATION_REQUESTED', 'INFORMATION_PROVIDED', 'ASSIGNED', 'REFERRED', 'REFERRAL_ANSWERED', 'PUBLIC_RESPONSE', 'INTERNAL_NOTE', 'ESCALATED', 'RESOLVED', 'CLOSED', 'REOPENED', 'REJECTED', 'MARKED_DUPLICATE', 'RATED', 'CASE_CONFERENCE_SCHEDULED', 'CASE_CONFERENCE_HELD', 'HOME_VISIT_SCHEDULED', 'HOME_VISIT_RECORDED', 'SLA_BREACHED', 'DISBURSEMENT_ISSUE_LINKED', 'DISBURSEMENT_ISSUE_RESOLVED')");
    await queryRunner.query("ALTER TABLE \"complaint_events\" ALTER COLUMN \"type\" TYPE \"public\".\"complaint_event_type_old\" USING \"type\"::\"text\"::\"public\".\"complaint_event_type_old\"");
    await queryRunner.query("DROP TYPE \"public\".\"complaint_event_type\"");
    await queryRunner.query("ALTER TYPE \"public\".\"complaint_event_type_old\" RENAME TO \"complaint_event_type\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_evidence_uploads_complaint_status\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_evidence_uploads_status_expires\"");
    await queryRunner.query("DROP TABLE \"evidence_uploads\"");
    await queryRunner.query("DROP TYPE \"public\".\"evidence_upload_status\"");
    await queryRunner.query("DROP TABLE \"evidence_url_keys\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_evidence_complaint\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_evidence_object\"");
    await queryRunner.query("DROP TABLE \"evidence\"");
    await queryRunner.query("DROP TYPE \"public\".\"evidence_kind\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_evidence_objects_claimed\"");
    await queryRunner.query("DROP TABLE \"evidence_objects\"");
  }
}
