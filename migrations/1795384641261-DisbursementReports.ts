import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank disbursement reports (reportDisbursementIssues, resolveDisbursementIssue):
 * the reporting bank on each issue (scoping and reconciliation by bank without a
 * join), the bank's resolution note and who resolved it, at most one OPEN issue
 * per disbursement, and indexes for the bank's list and reconciliation.
 * bank_organisation_id is filled from the batch before it becomes NOT NULL, so
 * the migration also runs on a database that already holds issues.
 */
export class DisbursementReports1795384641261 implements MigrationInterface {
  name = 'DisbursementReports1795384641261';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" ADD \"bank_organisation_id\" uuid");
    await queryRunner.query("UPDATE \"disbursement_issues\" i SET \"bank_organisation_id\" = b.\"bank_organisation_id\" FROM \"disbursement_batches\" b WHERE b.\"id\" = i.\"batch_id\"");
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" ALTER COLUMN \"bank_organisation_id\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" ADD \"resolution_note\" text");
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" ADD \"resolved_by_client_id\" uuid");
    await queryRunner.query("CREATE INDEX \"idx_disbursement_issues_created\" ON \"disbursement_issues\"  (\"created_at\", \"batch_id\", \"item_index\") ");
    await queryRunner.query("CREATE INDEX \"idx_disbursement_issues_bank_program_period\" ON \"disbursement_issues\"  (\"bank_organisation_id\", \"program_code\", \"period\") ");
    await queryRunner.query("CREATE INDEX \"idx_disbursement_issues_bank_created\" ON \"disbursement_issues\"  (\"bank_organisation_id\", \"created_at\", \"batch_id\", \"item_index\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_disbursement_issues_open_per_disbursement\" ON \"disbursement_issues\"  (\"disbursement_id\") WHERE \"status\" = 'OPEN'");
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" ADD CONSTRAINT \"disbursement_issue_resent_on\" CHECK ((\"status\" = 'RESENT') = (\"resent_on\" IS NOT NULL))");
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" ADD CONSTRAINT \"FK_532275f8625c34f4df54e7f6b97\" FOREIGN KEY (\"bank_organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" ADD CONSTRAINT \"FK_5edfae426c0a4073c59b1f7aad1\" FOREIGN KEY (\"resolved_by_client_id\") REFERENCES \"api_clients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" DROP CONSTRAINT \"FK_5edfae426c0a4073c59b1f7aad1\"");
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" DROP CONSTRAINT \"FK_532275f8625c34f4df54e7f6b97\"");
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" DROP CONSTRAINT \"disbursement_issue_resent_on\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_disbursement_issues_open_per_disbursement\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_disbursement_issues_bank_created\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_disbursement_issues_bank_program_period\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_disbursement_issues_created\"");
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" DROP COLUMN \"resolved_by_client_id\"");
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" DROP COLUMN \"resolution_note\"");
    await queryRunner.query("ALTER TABLE \"disbursement_issues\" DROP COLUMN \"bank_organisation_id\"");
  }
}
