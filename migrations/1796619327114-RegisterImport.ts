import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegisterImport1796619327114 implements MigrationInterface {
  name = 'RegisterImport1796619327114';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"register_import_outcome\" AS ENUM('IMPORTED', 'REJECTED')");
    await queryRunner.query("CREATE TABLE \"register_imports\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"outcome\" \"public\".\"register_import_outcome\" NOT NULL, \"imported_by\" character varying(200) NOT NULL, \"approved_by_organisation_id\" uuid NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"finished_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"error_count\" integer NOT NULL DEFAULT '0', CONSTRAINT \"PK_3eb2e4f90030db5a101a31743d8\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"idx_register_imports_started\" ON \"register_imports\"  (\"started_at\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"register_import_file_kind\" AS ENUM('RECIPIENTS', 'ENROLMENTS', 'DISBURSEMENTS')");
    await queryRunner.query("CREATE TABLE \"register_import_files\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"import_id\" uuid NOT NULL, \"kind\" \"public\".\"register_import_file_kind\" NOT NULL, \"file_name\" character varying(255) NOT NULL, \"sha256\" character(64) NOT NULL, \"rows\" integer NOT NULL, \"inserted\" integer NOT NULL, \"updated\" integer NOT NULL, \"unchanged\" integer NOT NULL, \"rejected\" integer NOT NULL, CONSTRAINT \"uq_register_import_files_import_kind\" UNIQUE (\"import_id\", \"kind\"), CONSTRAINT \"register_import_file_counts\" CHECK (\"rows\" >= 0 AND \"inserted\" >= 0 AND \"updated\" >= 0 AND \"unchanged\" >= 0 AND \"rejected\" >= 0), CONSTRAINT \"register_import_file_sha256\" CHECK (\"sha256\" ~ '^[0-9a-f]{64}$'), CONSTRAINT \"PK_e172668c48776847657722551e6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" ADD \"import_id\" uuid");
    await queryRunner.query("ALTER TABLE \"register_imports\" ADD CONSTRAINT \"FK_b8bbd06bb340b58c63556c0973f\" FOREIGN KEY (\"approved_by_organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"register_import_files\" ADD CONSTRAINT \"FK_cefe015e10c95696835b8cd3dca\" FOREIGN KEY (\"import_id\") REFERENCES \"register_imports\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" ADD CONSTRAINT \"FK_c29b732d33052a99e1d1946f647\" FOREIGN KEY (\"import_id\") REFERENCES \"register_imports\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");

    // ---- written by hand ----
    // An entry written by an import carries the import's id as one more line of its canonical
    // serialisation, so the link cannot be changed unnoticed; entries without one hash as before.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION recipient_provenance_hash(p recipient_provenance) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT encode(sha256(convert_to(concat_ws(E'\\n',
        'aduan-provenance-v1', p.id::text, p.recipient_id::text, p.seq::text, p.action::text, array_to_string(p.changed_fields, ','),
        coalesce(p.proposal_id::text, ''), coalesce(p.proposed_by_organisation_id::text, ''),
        coalesce(to_char(p.proposed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ''),
        coalesce(p.deliberation_id::text, ''), coalesce(p.source_complaint_id::text, ''),
        p.approved_by_organisation_id::text, coalesce(p.approved_by_client_id::text, ''),
        to_char(p.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        p.state_hash, coalesce(p.prev_hash, ''),
        CASE WHEN p.import_id IS NOT NULL THEN 'import:' || p.import_id::text END), 'UTF8')), 'hex')
    $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION recipient_provenance_hash(p recipient_provenance) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT encode(sha256(convert_to(concat_ws(E'\\n',
        'aduan-provenance-v1', p.id::text, p.recipient_id::text, p.seq::text, p.action::text, array_to_string(p.changed_fields, ','),
        coalesce(p.proposal_id::text, ''), coalesce(p.proposed_by_organisation_id::text, ''),
        coalesce(to_char(p.proposed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ''),
        coalesce(p.deliberation_id::text, ''), coalesce(p.source_complaint_id::text, ''),
        p.approved_by_organisation_id::text, coalesce(p.approved_by_client_id::text, ''),
        to_char(p.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        p.state_hash, coalesce(p.prev_hash, '')), 'UTF8')), 'hex')
    $$`);
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" DROP CONSTRAINT \"FK_c29b732d33052a99e1d1946f647\"");
    await queryRunner.query("ALTER TABLE \"register_import_files\" DROP CONSTRAINT \"FK_cefe015e10c95696835b8cd3dca\"");
    await queryRunner.query("ALTER TABLE \"register_imports\" DROP CONSTRAINT \"FK_b8bbd06bb340b58c63556c0973f\"");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" DROP COLUMN \"import_id\"");
    await queryRunner.query("DROP TABLE \"register_import_files\"");
    await queryRunner.query("DROP TYPE \"public\".\"register_import_file_kind\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_register_imports_started\"");
    await queryRunner.query("DROP TABLE \"register_imports\"");
    await queryRunner.query("DROP TYPE \"public\".\"register_import_outcome\"");
  }
}
