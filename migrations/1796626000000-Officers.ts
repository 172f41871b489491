import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officers in the API (docs/adr/0030-officers.md): an organisation's client acts for one of its officers, named by the
 * organisation's own id for them and a display name; events, access-log rows and assignments reference the officer.
 */
export class Officers1796626000000 implements MigrationInterface {
  name = 'Officers1796626000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"officers\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"organisation_id\" uuid NOT NULL, \"external_id\" character varying(200) NOT NULL, \"display_name\" character varying(150) NOT NULL, \"first_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"uq_officers_organisation_external_id\" UNIQUE (\"organisation_id\", \"external_id\"), CONSTRAINT \"PK_51b2f6e36c3acee541c66bf4047\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"idx_officers_organisation\" ON \"officers\"  (\"organisation_id\") ");
    await queryRunner.query("ALTER TABLE \"personal_data_access_log\" ADD \"officer_id\" uuid");
    await queryRunner.query("ALTER TABLE \"personal_data_access_log\" ADD \"officer_name\" character varying(150)");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD \"assigned_officer_id\" uuid");
    await queryRunner.query("ALTER TABLE \"complaint_events\" ADD \"actor_officer_id\" uuid");
    await queryRunner.query("ALTER TABLE \"complaint_events\" ADD \"actor_officer_name\" character varying(150)");
    await queryRunner.query("CREATE INDEX \"idx_personal_data_access_log_officer_time\" ON \"personal_data_access_log\"  (\"officer_id\", \"accessed_at\") ");
    await queryRunner.query("ALTER TABLE \"officers\" ADD CONSTRAINT \"FK_5be489ef6be55ec91831d924321\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD CONSTRAINT \"FK_a7ce058b86038f820efa7626bb0\" FOREIGN KEY (\"assigned_officer_id\") REFERENCES \"officers\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"complaint_events\" ADD CONSTRAINT \"FK_fe213182e61086d74bdbb6d2e22\" FOREIGN KEY (\"actor_officer_id\") REFERENCES \"officers\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"complaint_events\" DROP CONSTRAINT \"FK_fe213182e61086d74bdbb6d2e22\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP CONSTRAINT \"FK_a7ce058b86038f820efa7626bb0\"");
    await queryRunner.query("ALTER TABLE \"officers\" DROP CONSTRAINT \"FK_5be489ef6be55ec91831d924321\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_personal_data_access_log_officer_time\"");
    await queryRunner.query("ALTER TABLE \"complaint_events\" DROP COLUMN \"actor_officer_name\"");
    await queryRunner.query("ALTER TABLE \"complaint_events\" DROP COLUMN \"actor_officer_id\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP COLUMN \"assigned_officer_id\"");
    await queryRunner.query("ALTER TABLE \"personal_data_access_log\" DROP COLUMN \"officer_name\"");
    await queryRunner.query("ALTER TABLE \"personal_data_access_log\" DROP COLUMN \"officer_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_officers_organisation\"");
    await queryRunner.query("DROP TABLE \"officers\"");
  }
}
