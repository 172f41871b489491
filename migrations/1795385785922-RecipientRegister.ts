import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recipient register's "who recommended whom" and programmes as data:
 * programme stage calendars and benefit amounts; village deliberations
 * (musyawarah desa); recipient change proposals; and recipient_provenance, a
 * hash chain per recipient (docs/adr/0008-provenance.md).
 *
 * Written by hand below the generated part (TypeORM cannot express them):
 * - recipient_state_hash() and recipient_provenance_hash(): the canonical
 *   serialisations the chain hashes (documented in the ADR; a test recomputes
 *   them in TypeScript);
 * - a BEFORE INSERT trigger that numbers each provenance entry, links it to the
 *   previous one and computes its hashes, so no writer can forget or forge them;
 * - append-only triggers on recipient_provenance and deliberations (reusing
 *   refuse_change_to_append_only_table() from Identity), and one that freezes a
 *   proposal once it is decided;
 * - the aid check's name index, lower(full_name) text_pattern_ops.
 */

export class RecipientRegister1795385785922 implements MigrationInterface {
  name = 'RecipientRegister1795385785922';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"benefit_unit\" AS ENUM('FAMILY', 'ELIGIBLE_MEMBER', 'PERSON')");
    await queryRunner.query("CREATE TABLE \"program_benefit_amounts\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"program_code\" character varying(20) NOT NULL, \"component\" character varying(40) NOT NULL, \"description\" character varying(300) NOT NULL, \"amount_per_stage\" bigint NOT NULL, \"unit\" \"public\".\"benefit_unit\" NOT NULL, \"valid_from\" date NOT NULL, \"valid_to\" date, CONSTRAINT \"program_benefit_component_format\" CHECK (\"component\" ~ '^[A-Z][A-Z0-9_]{1,39}$'), CONSTRAINT \"program_benefit_validity\" CHECK (\"valid_to\" IS NULL OR \"valid_to\" >= \"valid_from\"), CONSTRAINT \"program_benefit_amount_positive\" CHECK (\"amount_per_stage\" > 0), CONSTRAINT \"PK_3a447e9e0954abd02efb0c493e5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_program_benefit_amounts_component_from\" ON \"program_benefit_amounts\"  (\"program_code\", \"component\", \"valid_from\") ");
    await queryRunner.query("CREATE TABLE \"program_stages\" (\"program_code\" character varying(20) NOT NULL, \"year\" smallint NOT NULL, \"stage\" smallint NOT NULL, \"first_period\" character(7) NOT NULL, \"last_period\" character(7) NOT NULL, CONSTRAINT \"program_stage_in_year\" CHECK (left(\"first_period\", 4)::int = \"year\" AND left(\"last_period\", 4)::int = \"year\"), CONSTRAINT \"program_stage_periods\" CHECK (\"first_period\" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND \"last_period\" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND \"first_period\" <= \"last_period\"), CONSTRAINT \"program_stage_number\" CHECK (\"stage\" BETWEEN 1 AND 12), CONSTRAINT \"PK_8977732c55289548dd552a7f0e7\" PRIMARY KEY (\"program_code\", \"year\", \"stage\"))");
    await queryRunner.query("CREATE TABLE \"deliberations\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"region_code\" character varying(13) NOT NULL, \"held_on\" date NOT NULL, \"minutes_number\" character varying(100) NOT NULL, \"attendance_count\" integer NOT NULL, \"recorded_by_organisation_id\" uuid NOT NULL, \"recorded_by_client_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"uq_deliberations_region_minutes\" UNIQUE (\"region_code\", \"minutes_number\"), CONSTRAINT \"deliberation_minutes_number_length\" CHECK (char_length(\"minutes_number\") BETWEEN 1 AND 100), CONSTRAINT \"deliberation_region_is_village\" CHECK (length(\"region_code\") = 13), CONSTRAINT \"deliberation_attendance_positive\" CHECK (\"attendance_count\" > 0), CONSTRAINT \"PK_df7dc30a18d37c5730a55361842\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"recipient_change_kind\" AS ENUM('ADD', 'REMOVE', 'UPDATE')");
    await queryRunner.query("CREATE TYPE \"public\".\"recipient_change_status\" AS ENUM('PENDING', 'APPROVED', 'REJECTED')");
    await queryRunner.query("CREATE TABLE \"recipient_change_proposals\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"kind\" \"public\".\"recipient_change_kind\" NOT NULL, \"status\" \"public\".\"recipient_change_status\" NOT NULL DEFAULT 'PENDING', \"region_code\" character varying(13) NOT NULL, \"recipient_id\" uuid, \"nik\" character(16) NOT NULL, \"kk_number\" character(16), \"full_name\" character varying(150), \"birth_date\" date, \"sex\" character(1), \"is_family_head\" boolean, \"address\" character varying(300), \"dtks_status\" \"public\".\"dtks_status\", \"reason\" text NOT NULL, \"evidence\" text NOT NULL, \"deliberation_id\" uuid, \"source_complaint_id\" uuid, \"base_state_hash\" character(64), \"proposed_by_organisation_id\" uuid NOT NULL, \"proposed_by_client_id\" uuid, \"reviewed_by_organisation_id\" uuid, \"reviewed_by_client_id\" uuid, \"reviewed_at\" TIMESTAMP WITH TIME ZONE, \"review_note\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"recipient_change_reviewed\" CHECK ((\"status\" = 'PENDING') = (\"reviewed_at\" IS NULL)), CONSTRAINT \"recipient_change_target\" CHECK (\"kind\" = 'ADD' OR \"recipient_id\" IS NOT NULL), CONSTRAINT \"recipient_change_add_complete\" CHECK (\"kind\" <> 'ADD' OR (\"kk_number\" IS NOT NULL AND \"full_name\" IS NOT NULL AND \"birth_date\" IS NOT NULL AND \"sex\" IS NOT NULL AND \"is_family_head\" IS NOT NULL AND \"address\" IS NOT NULL)), CONSTRAINT \"recipient_change_recommended\" CHECK (\"deliberation_id\" IS NOT NULL OR \"source_complaint_id\" IS NOT NULL), CONSTRAINT \"recipient_change_region_is_village\" CHECK (length(\"region_code\") = 13), CONSTRAINT \"recipient_change_sex\" CHECK (\"sex\" IS NULL OR \"sex\" IN ('M', 'F')), CONSTRAINT \"recipient_change_kk_format\" CHECK (\"kk_number\" IS NULL OR \"kk_number\" ~ '^[0-9]{16}$'), CONSTRAINT \"recipient_change_nik_format\" CHECK (\"nik\" ~ '^[0-9]{16}$'), CONSTRAINT \"PK_2dbcfaafaa2c55bf7f336e0584e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"idx_recipient_change_proposals_recipient\" ON \"recipient_change_proposals\"  (\"recipient_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_recipient_change_proposals_source_complaint\" ON \"recipient_change_proposals\"  (\"source_complaint_id\") WHERE \"source_complaint_id\" IS NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_recipient_change_proposals_pending_add\" ON \"recipient_change_proposals\"  (\"nik\") WHERE \"kind\" = 'ADD' AND \"status\" = 'PENDING'");
    await queryRunner.query("CREATE INDEX \"idx_recipient_change_proposals_region_created\" ON \"recipient_change_proposals\"  (\"region_code\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_recipient_change_proposals_created\" ON \"recipient_change_proposals\"  (\"created_at\", \"id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"provenance_action\" AS ENUM('IMPORTED', 'ADDED', 'UPDATED', 'REMOVED')");
    await queryRunner.query("CREATE TABLE \"recipient_provenance\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"recipient_id\" uuid NOT NULL, \"seq\" integer NOT NULL, \"action\" \"public\".\"provenance_action\" NOT NULL, \"changed_fields\" text array NOT NULL DEFAULT '{}', \"proposal_id\" uuid, \"proposed_by_organisation_id\" uuid, \"proposed_at\" TIMESTAMP WITH TIME ZONE, \"deliberation_id\" uuid, \"source_complaint_id\" uuid, \"approved_by_organisation_id\" uuid NOT NULL, \"approved_by_client_id\" uuid, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"state_hash\" character(64) NOT NULL, \"prev_hash\" character(64), \"hash\" character(64) NOT NULL, CONSTRAINT \"uq_recipient_provenance_recipient_seq\" UNIQUE (\"recipient_id\", \"seq\"), CONSTRAINT \"recipient_provenance_first_has_no_prev\" CHECK ((\"seq\" = 1) = (\"prev_hash\" IS NULL)), CONSTRAINT \"recipient_provenance_hash_format\" CHECK (\"hash\" ~ '^[0-9a-f]{64}$' AND \"state_hash\" ~ '^[0-9a-f]{64}$' AND (\"prev_hash\" IS NULL OR \"prev_hash\" ~ '^[0-9a-f]{64}$')), CONSTRAINT \"recipient_provenance_seq_positive\" CHECK (\"seq\" >= 1), CONSTRAINT \"PK_46d9e6e59b926e3aff17a5d0d20\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"program_benefit_amounts\" ADD CONSTRAINT \"FK_3e37d1c76cf324a51ac7bb449d9\" FOREIGN KEY (\"program_code\") REFERENCES \"programs\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"program_stages\" ADD CONSTRAINT \"FK_2555c77f969406b6c4f3a21e20c\" FOREIGN KEY (\"program_code\") REFERENCES \"programs\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"deliberations\" ADD CONSTRAINT \"FK_d3ac2fb0d0aeb9875029367cabf\" FOREIGN KEY (\"region_code\") REFERENCES \"regions\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"deliberations\" ADD CONSTRAINT \"FK_085c7541f291a3dd6e9286fb292\" FOREIGN KEY (\"recorded_by_organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"deliberations\" ADD CONSTRAINT \"FK_fcedf0c216c0c2b5165265e7cd3\" FOREIGN KEY (\"recorded_by_client_id\") REFERENCES \"api_clients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" ADD CONSTRAINT \"FK_1c6df175ce7b018c316b9278610\" FOREIGN KEY (\"region_code\") REFERENCES \"regions\"(\"code\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" ADD CONSTRAINT \"FK_85dff6293b25017d21d1dd48bb5\" FOREIGN KEY (\"recipient_id\") REFERENCES \"recipients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" ADD CONSTRAINT \"FK_b40d8b482c266862ad9f414a748\" FOREIGN KEY (\"deliberation_id\") REFERENCES \"deliberations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" ADD CONSTRAINT \"FK_6f75e7df2c9e7b5be14bdc41a84\" FOREIGN KEY (\"source_complaint_id\") REFERENCES \"complaints\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" ADD CONSTRAINT \"FK_25b580fe00cf951da72072ebc3c\" FOREIGN KEY (\"proposed_by_organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" ADD CONSTRAINT \"FK_9fb6f1def903374c4a9e821a2b5\" FOREIGN KEY (\"proposed_by_client_id\") REFERENCES \"api_clients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" ADD CONSTRAINT \"FK_8a228c3a7f4b7c44c78c3a5de33\" FOREIGN KEY (\"reviewed_by_organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" ADD CONSTRAINT \"FK_6cf7ec6863435da609bf9ee0520\" FOREIGN KEY (\"reviewed_by_client_id\") REFERENCES \"api_clients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" ADD CONSTRAINT \"FK_570205a76b220adbda4c9d0508a\" FOREIGN KEY (\"recipient_id\") REFERENCES \"recipients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" ADD CONSTRAINT \"FK_5a9a696ef6ec3252c9f05223bad\" FOREIGN KEY (\"proposal_id\") REFERENCES \"recipient_change_proposals\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" ADD CONSTRAINT \"FK_7def6ef74f1e04de02a5bff3dae\" FOREIGN KEY (\"proposed_by_organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" ADD CONSTRAINT \"FK_5e7779e98bb8a7455487803d7a6\" FOREIGN KEY (\"deliberation_id\") REFERENCES \"deliberations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" ADD CONSTRAINT \"FK_15581f1c4468517e9475d0574b6\" FOREIGN KEY (\"source_complaint_id\") REFERENCES \"complaints\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" ADD CONSTRAINT \"FK_f4eaeff8a2a4dfedbd3df0751a8\" FOREIGN KEY (\"approved_by_organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" ADD CONSTRAINT \"FK_df0db5dedae690be3f7f86194cd\" FOREIGN KEY (\"approved_by_client_id\") REFERENCES \"api_clients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");

    // ---- written by hand ----
    await queryRunner.query(`CREATE INDEX "idx_recipients_name_search" ON "recipients" (lower("full_name") text_pattern_ops)`);

    // The recipient's register data, canonically: one field per line (LF), fixed order.
    await queryRunner.query(`CREATE FUNCTION recipient_state_hash(r recipients) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT encode(sha256(convert_to(concat_ws(E'\\n',
        'aduan-recipient-v1', r.id::text, r.nik, r.kk_number, r.full_name, to_char(r.birth_date, 'YYYY-MM-DD'), r.sex,
        r.is_family_head::text, r.region_code, r.address, r.dtks_status::text), 'UTF8')), 'hex')
    $$`);
    // A provenance entry, canonically: every column but `hash`, one per line, absent values as empty lines.
    await queryRunner.query(`CREATE FUNCTION recipient_provenance_hash(p recipient_provenance) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT encode(sha256(convert_to(concat_ws(E'\\n',
        'aduan-provenance-v1', p.id::text, p.recipient_id::text, p.seq::text, p.action::text, array_to_string(p.changed_fields, ','),
        coalesce(p.proposal_id::text, ''), coalesce(p.proposed_by_organisation_id::text, ''),
        coalesce(to_char(p.proposed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ''),
        coalesce(p.deliberation_id::text, ''), coalesce(p.source_complaint_id::text, ''),
        p.approved_by_organisation_id::text, coalesce(p.approved_by_client_id::text, ''),
        to_char(p.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        p.state_hash, coalesce(p.prev_hash, '')), 'UTF8')), 'hex')
    $$`);
    // Writers lock the recipient row first, so entries of one recipient are appended one at a time.
    await queryRunner.query(`CREATE FUNCTION recipient_provenance_chain() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`CREATE TRIGGER recipient_provenance_chain BEFORE INSERT ON "recipient_provenance"
      FOR EACH ROW EXECUTE FUNCTION recipient_provenance_chain()`);
    await queryRunner.query(`CREATE TRIGGER recipient_provenance_no_update_or_delete BEFORE UPDATE OR DELETE ON "recipient_provenance"
      FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_table()`);
    await queryRunner.query(`CREATE TRIGGER recipient_provenance_no_truncate BEFORE TRUNCATE ON "recipient_provenance"
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_table()`);
    await queryRunner.query(`CREATE TRIGGER deliberations_no_update_or_delete BEFORE UPDATE OR DELETE ON "deliberations"
      FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only_table()`);
    await queryRunner.query(`CREATE TRIGGER deliberations_no_truncate BEFORE TRUNCATE ON "deliberations"
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_table()`);
    await queryRunner.query(`CREATE FUNCTION recipient_change_proposals_freeze_decided() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.status <> 'PENDING' THEN
          RAISE EXCEPTION 'recipient_change_proposals: a % proposal cannot be changed (%)', OLD.status, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER recipient_change_proposals_freeze BEFORE UPDATE OR DELETE ON "recipient_change_proposals"
      FOR EACH ROW EXECUTE FUNCTION recipient_change_proposals_freeze_decided()`);
    await queryRunner.query(`CREATE TRIGGER recipient_change_proposals_no_truncate BEFORE TRUNCATE ON "recipient_change_proposals"
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only_table()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER recipient_change_proposals_no_truncate ON "recipient_change_proposals"`);
    await queryRunner.query(`DROP TRIGGER recipient_change_proposals_freeze ON "recipient_change_proposals"`);
    await queryRunner.query(`DROP FUNCTION recipient_change_proposals_freeze_decided()`);
    await queryRunner.query(`DROP TRIGGER deliberations_no_truncate ON "deliberations"`);
    await queryRunner.query(`DROP TRIGGER deliberations_no_update_or_delete ON "deliberations"`);
    await queryRunner.query(`DROP TRIGGER recipient_provenance_no_truncate ON "recipient_provenance"`);
    await queryRunner.query(`DROP TRIGGER recipient_provenance_no_update_or_delete ON "recipient_provenance"`);
    await queryRunner.query(`DROP TRIGGER recipient_provenance_chain ON "recipient_provenance"`);
    await queryRunner.query(`DROP FUNCTION recipient_provenance_chain()`);
    await queryRunner.query(`DROP FUNCTION recipient_provenance_hash(recipient_provenance)`);
    await queryRunner.query(`DROP FUNCTION recipient_state_hash(recipients)`);
    await queryRunner.query(`DROP INDEX "idx_recipients_name_search"`);
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" DROP CONSTRAINT \"FK_df0db5dedae690be3f7f86194cd\"");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" DROP CONSTRAINT \"FK_f4eaeff8a2a4dfedbd3df0751a8\"");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" DROP CONSTRAINT \"FK_15581f1c4468517e9475d0574b6\"");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" DROP CONSTRAINT \"FK_5e7779e98bb8a7455487803d7a6\"");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" DROP CONSTRAINT \"FK_7def6ef74f1e04de02a5bff3dae\"");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" DROP CONSTRAINT \"FK_5a9a696ef6ec3252c9f05223bad\"");
    await queryRunner.query("ALTER TABLE \"recipient_provenance\" DROP CONSTRAINT \"FK_570205a76b220adbda4c9d0508a\"");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" DROP CONSTRAINT \"FK_6cf7ec6863435da609bf9ee0520\"");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" DROP CONSTRAINT \"FK_8a228c3a7f4b7c44c78c3a5de33\"");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" DROP CONSTRAINT \"FK_9fb6f1def903374c4a9e821a2b5\"");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" DROP CONSTRAINT \"FK_25b580fe00cf951da72072ebc3c\"");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" DROP CONSTRAINT \"FK_6f75e7df2c9e7b5be14bdc41a84\"");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" DROP CONSTRAINT \"FK_b40d8b482c266862ad9f414a748\"");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" DROP CONSTRAINT \"FK_85dff6293b25017d21d1dd48bb5\"");
    await queryRunner.query("ALTER TABLE \"recipient_change_proposals\" DROP CONSTRAINT \"FK_1c6df175ce7b018c316b9278610\"");
    await queryRunner.query("ALTER TABLE \"deliberations\" DROP CONSTRAINT \"FK_fcedf0c216c0c2b5165265e7cd3\"");
    await queryRunner.query("ALTER TABLE \"deliberations\" DROP CONSTRAINT \"FK_085c7541f291a3dd6e9286fb292\"");
    await queryRunner.query("ALTER TABLE \"deliberations\" DROP CONSTRAINT \"FK_d3ac2fb0d0aeb9875029367cabf\"");
    await queryRunner.query("ALTER TABLE \"program_stages\" DROP CONSTRAINT \"FK_2555c77f969406b6c4f3a21e20c\"");
    await queryRunner.query("ALTER TABLE \"program_benefit_amounts\" DROP CONSTRAINT \"FK_3e37d1c76cf324a51ac7bb449d9\"");
    await queryRunner.query("DROP TABLE \"recipient_provenance\"");
    await queryRunner.query("DROP TYPE \"public\".\"provenance_action\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_recipient_change_proposals_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_recipient_change_proposals_region_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_recipient_change_proposals_pending_add\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_recipient_change_proposals_source_complaint\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_recipient_change_proposals_recipient\"");
    await queryRunner.query("DROP TABLE \"recipient_change_proposals\"");
    await queryRunner.query("DROP TYPE \"public\".\"recipient_change_status\"");
    await queryRunner.query("DROP TYPE \"public\".\"recipient_change_kind\"");
    await queryRunner.query("DROP TABLE \"deliberations\"");
    await queryRunner.query("DROP TABLE \"program_stages\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_program_benefit_amounts_component_from\"");
    await queryRunner.query("DROP TABLE \"program_benefit_amounts\"");
    await queryRunner.query("DROP TYPE \"public\".\"benefit_unit\"");
  }
}
