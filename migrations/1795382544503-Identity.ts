import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795382544503 implements MigrationInterface {
  name = 'Identity1795382544503';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"personal_data_access_log\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"api_client_id\" uuid NOT NULL, \"organisation_id\" uuid NOT NULL, \"subject_type\" character varying(40) NOT NULL, \"subject_id\" uuid NOT NULL, \"field\" character varying(60) NOT NULL, \"request_id\" character varying(64) NOT NULL, \"accessed_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_4cacb73199ffd64c66ecb2d0044\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"idx_personal_data_access_log_subject\" ON \"personal_data_access_log\"  (\"subject_type\", \"subject_id\") ");
    await queryRunner.query("CREATE INDEX \"idx_personal_data_access_log_client_time\" ON \"personal_data_access_log\"  (\"api_client_id\", \"accessed_at\") ");
    await queryRunner.query("CREATE TABLE \"signing_keys\" (\"kid\" character varying(40) NOT NULL, \"algorithm\" character varying(10) NOT NULL, \"public_jwk\" jsonb NOT NULL, \"private_key_pem\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"retired_at\" TIMESTAMP WITH TIME ZONE, \"expires_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"signing_key_algorithm\" CHECK (\"algorithm\" IN ('ES256')), CONSTRAINT \"PK_13362ac3e792c69417e1a53d355\" PRIMARY KEY (\"kid\"))");
    await queryRunner.query("ALTER TABLE \"api_clients\" ADD \"administrator\" boolean NOT NULL DEFAULT false");

    // --- written by hand: the access log is append-only, like the timeline (docs/adr/0003-personal-data.md) ---
    await queryRunner.query(`CREATE FUNCTION refuse_change_to_append_only_table() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER personal_data_access_log_no_update_or_delete BEFORE UPDATE OR DELETE ON "personal_data_access_log"
      FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_table()`);
    await queryRunner.query(`CREATE TRIGGER personal_data_access_log_no_truncate BEFORE TRUNCATE ON "personal_data_access_log"
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_table()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER personal_data_access_log_no_truncate ON "personal_data_access_log"`);
    await queryRunner.query(`DROP TRIGGER personal_data_access_log_no_update_or_delete ON "personal_data_access_log"`);
    await queryRunner.query(`DROP FUNCTION refuse_change_to_append_only_table()`);
    await queryRunner.query("ALTER TABLE \"api_clients\" DROP COLUMN \"administrator\"");
    await queryRunner.query("DROP TABLE \"signing_keys\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_personal_data_access_log_client_time\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_personal_data_access_log_subject\"");
    await queryRunner.query("DROP TABLE \"personal_data_access_log\"");
  }
}
