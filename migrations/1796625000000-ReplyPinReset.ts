import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A handler or the intake client that filed a complaint can give its complainant a new reply PIN (a lost one, a
 * complaint locked by someone else's guesses): the timeline records who did it (docs/adr/0026-complainant-pin.md).
 */
export class ReplyPinReset1796625000000 implements MigrationInterface {
  name = 'ReplyPinReset1796625000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TYPE \"public\".\"complaint_event_type\" ADD VALUE 'REPLY_PIN_RESET'");
  }

  public async down(): Promise<void> {
    // PostgreSQL cannot drop a value from an enum type that rows may use; the value stays (as for the notification events).
  }
}
