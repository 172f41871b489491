import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The officers' workspace API (docs/adr/0031-workspace-api.md): a handler corrects a complaint's category, programme
 * or village (the CORRECTED event, with before and after); the organisations invited to a case conference hear of it
 * (the CASE_CONFERENCE_INVITED webhook event).
 */
export class WorkspaceApi1796627000000 implements MigrationInterface {
  name = 'WorkspaceApi1796627000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TYPE \"public\".\"complaint_event_type\" ADD VALUE IF NOT EXISTS 'CORRECTED'");
    await queryRunner.query("ALTER TYPE \"public\".\"webhook_event_type\" ADD VALUE IF NOT EXISTS 'CASE_CONFERENCE_INVITED'");
  }

  public async down(): Promise<void> {
    // PostgreSQL cannot drop a value from an enum type that rows may use; the value stays (as for the other events).
  }
}
