import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegisterImport1796621000000 implements MigrationInterface {
  name = 'RegisterImport1796621000000';

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
    // Formats checked without counted repetitions ({16}, {64}): PostgreSQL's regex engine expands them, and on a
    // million-row import the provenance table's three were 15 % of the time (docs/adr/0024). Same rows accepted:
    // a char(n) value is stored padded to n, so n characters, none outside the class, is the old pattern exactly.
    await queryRunner.query(`ALTER TABLE "recipient_provenance" DROP CONSTRAINT "recipient_provenance_hash_format"`);
    await queryRunner.query(`ALTER TABLE "recipient_provenance" ADD CONSTRAINT "recipient_provenance_hash_format" CHECK (length("hash") = 64 AND "hash" !~ '[^0-9a-f]' AND length("state_hash") = 64 AND "state_hash" !~ '[^0-9a-f]' AND ("prev_hash" IS NULL OR (length("prev_hash") = 64 AND "prev_hash" !~ '[^0-9a-f]')))`);
    await queryRunner.query(`ALTER TABLE "recipients" DROP CONSTRAINT "recipient_nik_format"`);
    await queryRunner.query(`ALTER TABLE "recipients" ADD CONSTRAINT "recipient_nik_format" CHECK (length("nik") = 16 AND "nik" !~ '[^0-9]')`);
    await queryRunner.query(`ALTER TABLE "recipients" DROP CONSTRAINT "recipient_kk_format"`);
    await queryRunner.query(`ALTER TABLE "recipients" ADD CONSTRAINT "recipient_kk_format" CHECK (length("kk_number") = 16 AND "kk_number" !~ '[^0-9]')`);

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

    // A bulk writer (the register import) may compute the chain fields set-based and supply them, after
    // SET LOCAL aduan.provenance_supplied = 'on': the row trigger then leaves them, and the statement trigger
    // below checks every new entry in one query and refuses the statement if one does not continue its chain.
    // Anyone else is served as before: whatever they supply is overwritten. Either way nothing can be forged
    // (docs/adr/0008-provenance.md, docs/adr/0024-register-import.md).
    await queryRunner.query(`CREATE OR REPLACE FUNCTION recipient_provenance_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        previous recipient_provenance;
      BEGIN
        IF current_setting('aduan.provenance_supplied', true) = 'on' THEN
          RETURN NEW; -- supplied (the trigger's WHEN skips this function then): checked by recipient_provenance_verify()
        END IF;
        SELECT * INTO previous FROM recipient_provenance WHERE recipient_id = NEW.recipient_id ORDER BY seq DESC LIMIT 1;
        NEW.seq := coalesce(previous.seq, 0) + 1;
        NEW.prev_hash := previous.hash;
        NEW.occurred_at := date_trunc('milliseconds', NEW.occurred_at);
        NEW.proposed_at := date_trunc('milliseconds', NEW.proposed_at);
        NEW.changed_fields := coalesce(NEW.changed_fields, '{}');
        SELECT recipient_state_hash(r) INTO NEW.state_hash FROM recipients r WHERE r.id = NEW.recipient_id;
        NEW.hash := recipient_provenance_hash(NEW);
        RETURN NEW;
      END $$`);
    // Every entry a statement inserted: its hash is its content's, its state hash the recipient's row now, its
    // prev_hash the hash of the entry numbered one before (none for the first), its times in milliseconds.
    // The entry before is looked up only for entries that have one (an import's new recipients have none): a
    // join would read, or hash, the whole provenance table for them.
    await queryRunner.query(`CREATE FUNCTION recipient_provenance_verify() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        broken bigint;
      BEGIN
        SELECT count(*) INTO broken
          FROM inserted n
          LEFT JOIN recipients r ON r.id = n.recipient_id
         WHERE n.hash IS DISTINCT FROM recipient_provenance_hash(n)
            OR n.state_hash IS DISTINCT FROM recipient_state_hash(r)
            OR n.prev_hash IS DISTINCT FROM CASE WHEN n.seq > 1 THEN
                 (SELECT before.hash FROM recipient_provenance before WHERE before.recipient_id = n.recipient_id AND before.seq = n.seq - 1) END
            OR n.occurred_at <> date_trunc('milliseconds', n.occurred_at)
            OR n.proposed_at <> date_trunc('milliseconds', n.proposed_at);
        IF broken > 0 THEN
          RAISE EXCEPTION 'recipient_provenance: % new entries do not continue their recipient''s chain', broken USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER recipient_provenance_verify AFTER INSERT ON "recipient_provenance"
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION recipient_provenance_verify()`);
    // A writer that supplies the chain fields is not served by the row trigger at all: the WHEN clause is
    // evaluated without entering PL/pgSQL, which for an early return cost 2 µs a row (0.4 s per 200,000).
    await queryRunner.query(`DROP TRIGGER recipient_provenance_chain ON "recipient_provenance"`);
    await queryRunner.query(`CREATE TRIGGER recipient_provenance_chain BEFORE INSERT ON "recipient_provenance"
      FOR EACH ROW WHEN (current_setting('aduan.provenance_supplied', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION recipient_provenance_chain()`);
    // The chain's triggers fire even where a session replays rows as a replica (session_replication_role), which
    // the import uses to check foreign keys set-based instead of row by row.
    for (const trigger of ['recipient_provenance_chain', 'recipient_provenance_verify', 'recipient_provenance_no_update_or_delete', 'recipient_provenance_no_truncate']) {
      await queryRunner.query(`ALTER TABLE "recipient_provenance" ENABLE ALWAYS TRIGGER ${trigger}`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const trigger of ['recipient_provenance_chain', 'recipient_provenance_no_update_or_delete', 'recipient_provenance_no_truncate']) {
      await queryRunner.query(`ALTER TABLE "recipient_provenance" ENABLE TRIGGER ${trigger}`);
    }
    await queryRunner.query(`DROP TRIGGER recipient_provenance_chain ON "recipient_provenance"`);
    await queryRunner.query(`CREATE TRIGGER recipient_provenance_chain BEFORE INSERT ON "recipient_provenance"
      FOR EACH ROW EXECUTE FUNCTION recipient_provenance_chain()`);
    await queryRunner.query(`DROP TRIGGER recipient_provenance_verify ON "recipient_provenance"`);
    await queryRunner.query(`DROP FUNCTION recipient_provenance_verify()`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION recipient_provenance_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        previous recipient_provenance;
      BEGIN
        SELECT * INTO previous FROM recipient_provenance WHERE recipient_id = NEW.recipient_id ORDER BY seq DESC LIMIT 1;
        NEW.seq := coalesce(previous.seq, 0) + 1;
        NEW.prev_hash := previous.hash;
        NEW.occurred_at := date_trunc('milliseconds', NEW.occurred_at);
        NEW.proposed_at := date_trunc('milliseconds', NEW.proposed_at);
        NEW.changed_fields := coalesce(NEW.changed_fields, '{}');
        SELECT recipient_state_hash(r) INTO NEW.state_hash FROM recipients r WHERE r.id = NEW.recipient_id;
        NEW.hash := recipient_provenance_hash(NEW);
        RETURN NEW;
      END $$`);
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
    await queryRunner.query(`ALTER TABLE "recipients" DROP CONSTRAINT "recipient_kk_format"`);
    await queryRunner.query(`ALTER TABLE "recipients" ADD CONSTRAINT "recipient_kk_format" CHECK ("kk_number" ~ '^[0-9]{16}$')`);
    await queryRunner.query(`ALTER TABLE "recipients" DROP CONSTRAINT "recipient_nik_format"`);
    await queryRunner.query(`ALTER TABLE "recipients" ADD CONSTRAINT "recipient_nik_format" CHECK ("nik" ~ '^[0-9]{16}$')`);
    await queryRunner.query(`ALTER TABLE "recipient_provenance" DROP CONSTRAINT "recipient_provenance_hash_format"`);
    await queryRunner.query(`ALTER TABLE "recipient_provenance" ADD CONSTRAINT "recipient_provenance_hash_format" CHECK ("hash" ~ '^[0-9a-f]{64}$' AND "state_hash" ~ '^[0-9a-f]{64}$' AND ("prev_hash" IS NULL OR "prev_hash" ~ '^[0-9a-f]{64}$'))`);
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
