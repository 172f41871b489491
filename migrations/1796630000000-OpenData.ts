import { MigrationInterface, QueryRunner } from 'typeorm';

/** The built open data files, served by every API instance (docs/adr/0037-open-data.md). */
export class OpenData1796630000000 implements MigrationInterface {
  name = 'OpenData1796630000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"open_data_files\" (\"path\" character varying(120) NOT NULL, \"content_type\" character varying(80) NOT NULL, \"content\" text NOT NULL, \"bytes\" integer NOT NULL, \"etag\" character varying(80) NOT NULL, \"last_modified\" TIMESTAMP WITH TIME ZONE NOT NULL, \"built_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_open_data_files\" PRIMARY KEY (\"path\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"open_data_files\"");
  }
}
