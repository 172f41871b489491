import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications to the complainant (docs/adr/0025-notifications.md): the
 * complainant's e-mail and their consent to be told (channel, when, through
 * which intake client) on the complaint; the notifications outbox; and the
 * timeline's notification events (internal, appended without a version bump).
 */
export class Notifications1796622000000 implements MigrationInterface {
  name = 'Notifications1796622000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"notification_kind\" AS ENUM('ACKNOWLEDGED', 'INFORMATION_REQUESTED', 'PUBLIC_RESPONSE', 'ESCALATED', 'RESOLVED', 'CLOSED', 'REJECTED', 'MERGED', 'REPLY_RECEIVED')");
    await queryRunner.query("CREATE TYPE \"public\".\"notification_channel\" AS ENUM('EMAIL', 'WHATSAPP', 'SMS')");
    await queryRunner.query("CREATE TYPE \"public\".\"notification_status\" AS ENUM('PENDING', 'SENT', 'FAILED')");
    await queryRunner.query("CREATE TABLE \"notifications\" (\"id\" uuid NOT NULL, \"complaint_id\" uuid NOT NULL, \"kind\" \"public\".\"notification_kind\" NOT NULL, \"channel\" \"public\".\"notification_channel\" NOT NULL, \"locale\" character varying(2) NOT NULL, \"params\" jsonb NOT NULL DEFAULT '{}', \"status\" \"public\".\"notification_status\" NOT NULL DEFAULT 'PENDING', \"attempt_count\" integer NOT NULL DEFAULT '0', \"max_attempts\" integer NOT NULL, \"next_attempt_at\" TIMESTAMP WITH TIME ZONE, \"lease_expires_at\" TIMESTAMP WITH TIME ZONE, \"last_outcome\" character varying(200), \"provider_message_id\" character varying(200), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"sent_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"notification_locale\" CHECK (\"locale\" IN ('id', 'en')), CONSTRAINT \"notification_sent_at\" CHECK ((\"status\" = 'SENT') = (\"sent_at\" IS NOT NULL)), CONSTRAINT \"notification_attempts\" CHECK (\"attempt_count\" >= 0 AND \"attempt_count\" <= \"max_attempts\"), CONSTRAINT \"PK_6a72c3c0f683f6462415e653c3a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"idx_notifications_pending\" ON \"notifications\"  (\"next_attempt_at\") WHERE \"status\" = 'PENDING'");
    await queryRunner.query("CREATE INDEX \"idx_notifications_complaint\" ON \"notifications\"  (\"complaint_id\", \"created_at\") ");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD \"complainant_email\" character varying(254)");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD \"notify_via\" \"public\".\"notification_channel\"");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD \"notify_consent_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD \"notify_consent_client_id\" uuid");
    await queryRunner.query("ALTER TYPE \"public\".\"complaint_event_type\" ADD VALUE 'NOTIFICATION_SENT'");
    await queryRunner.query("ALTER TYPE \"public\".\"complaint_event_type\" ADD VALUE 'NOTIFICATION_RETRYING'");
    await queryRunner.query("ALTER TYPE \"public\".\"complaint_event_type\" ADD VALUE 'NOTIFICATION_FAILED'");
    await queryRunner.query("ALTER TYPE \"public\".\"complaint_event_type\" ADD VALUE 'NOTIFICATION_WAITING'");
    await queryRunner.query("CREATE INDEX \"idx_complaints_duplicate_of\" ON \"complaints\"  (\"duplicate_of_id\") WHERE \"duplicate_of_id\" IS NOT NULL");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD CONSTRAINT \"complaint_notify_email_has_address\" CHECK (\"notify_via\" IS DISTINCT FROM 'EMAIL' OR \"complainant_email\" IS NOT NULL)");
    await queryRunner.query("ALTER TABLE \"complaints\" ADD CONSTRAINT \"complaint_notify_consent\" CHECK ((\"notify_via\" IS NULL) = (\"notify_consent_at\" IS NULL))");
    await queryRunner.query("ALTER TABLE \"notifications\" ADD CONSTRAINT \"FK_951e270b7eea167b95e6d501df0\" FOREIGN KEY (\"complaint_id\") REFERENCES \"complaints\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"notifications\" DROP CONSTRAINT \"FK_951e270b7eea167b95e6d501df0\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP CONSTRAINT \"complaint_notify_consent\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP CONSTRAINT \"complaint_notify_email_has_address\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_complaints_duplicate_of\"");
    await queryRunner.query("CREATE TYPE \"public\".\"complaint_event_type_old\" AS ENUM('SUBMITTED', 'VERIFIED', 'INFORMATION_REQUESTED', 'INFORMATION_PROVIDED', 'ASSIGNED', 'REFERRED', 'REFERRAL_ANSWERED', 'PUBLIC_RESPONSE', 'INTERNAL_NOTE', 'ESCALATED', 'RESOLVED', 'CLOSED', 'REOPENED', 'REJECTED', 'MARKED_DUPLICATE', 'RATED', 'CASE_CONFERENCE_SCHEDULED', 'CASE_CONFERENCE_HELD', 'HOME_VISIT_SCHEDULED', 'HOME_VISIT_RECORDED', 'SLA_BREACHED', 'DISBURSEMENT_ISSUE_LINKED', 'DISBURSEMENT_ISSUE_RESOLVED', 'EVIDENCE_ATTACHED')");
    await queryRunner.query("ALTER TABLE \"complaint_events\" ALTER COLUMN \"type\" TYPE \"public\".\"complaint_event_type_old\" USING \"type\"::\"text\"::\"public\".\"complaint_event_type_old\"");
    await queryRunner.query("DROP TYPE \"public\".\"complaint_event_type\"");
    await queryRunner.query("ALTER TYPE \"public\".\"complaint_event_type_old\" RENAME TO \"complaint_event_type\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP COLUMN \"notify_consent_client_id\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP COLUMN \"notify_consent_at\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP COLUMN \"notify_via\"");
    await queryRunner.query("ALTER TABLE \"complaints\" DROP COLUMN \"complainant_email\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_notifications_complaint\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_notifications_pending\"");
    await queryRunner.query("DROP TABLE \"notifications\"");
    await queryRunner.query("DROP TYPE \"public\".\"notification_status\"");
    await queryRunner.query("DROP TYPE \"public\".\"notification_channel\"");
    await queryRunner.query("DROP TYPE \"public\".\"notification_kind\"");
  }
}
