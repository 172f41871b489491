import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed webhooks (docs/adr/0012-webhooks.md): organisations' subscriptions
 * with their signing secrets and endpoint health; deliveries, the outbox
 * written in the transaction of the change each tells about (its id is the
 * Aduan-Webhook-Id receivers deduplicate on); and every attempt, the delivery
 * log subscribers query. Deleting a subscription deletes its log.
 */
export class Webhooks1796000507886 implements MigrationInterface {
  name = 'Webhooks1796000507886';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"webhook_event_type\" AS ENUM('COMPLAINT_STATUS_CHANGED', 'COMPLAINT_REFERRED', 'COMPLAINT_SLA_BREACHED', 'DISBURSEMENT_ISSUE_RESOLVED')");
    await queryRunner.query("CREATE TABLE \"webhook_subscriptions\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"organisation_id\" uuid NOT NULL, \"url\" character varying(2048) NOT NULL, \"description\" character varying(200), \"event_types\" \"public\".\"webhook_event_type\" array NOT NULL, \"secret\" character varying(100) NOT NULL, \"previous_secret\" character varying(100), \"previous_secret_expires_at\" TIMESTAMP WITH TIME ZONE, \"disabled_at\" TIMESTAMP WITH TIME ZONE, \"disabled_reason\" text, \"disabled_automatically\" boolean NOT NULL DEFAULT false, \"failing_since\" TIMESTAMP WITH TIME ZONE, \"consecutive_failures\" integer NOT NULL DEFAULT '0', \"last_success_at\" TIMESTAMP WITH TIME ZONE, \"created_by_client_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"webhook_subscription_disabled_reason\" CHECK ((\"disabled_at\" IS NULL) = (\"disabled_reason\" IS NULL)), CONSTRAINT \"webhook_subscription_previous_secret\" CHECK ((\"previous_secret\" IS NULL) = (\"previous_secret_expires_at\" IS NULL)), CONSTRAINT \"webhook_subscription_event_types\" CHECK (cardinality(\"event_types\") >= 1), CONSTRAINT \"PK_bf631ae77d39849d599817fb6f4\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"idx_webhook_subscriptions_organisation\" ON \"webhook_subscriptions\"  (\"organisation_id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"webhook_delivery_status\" AS ENUM('PENDING', 'DELIVERED', 'FAILED')");
    await queryRunner.query("CREATE TABLE \"webhook_deliveries\" (\"id\" uuid NOT NULL, \"subscription_id\" uuid NOT NULL, \"organisation_id\" uuid NOT NULL, \"event_id\" uuid NOT NULL, \"event_type\" \"public\".\"webhook_event_type\" NOT NULL, \"body\" text NOT NULL, \"status\" \"public\".\"webhook_delivery_status\" NOT NULL DEFAULT 'PENDING', \"attempt_count\" integer NOT NULL DEFAULT '0', \"max_attempts\" integer NOT NULL, \"next_attempt_at\" TIMESTAMP WITH TIME ZONE, \"lease_expires_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"delivered_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"webhook_delivery_attempts\" CHECK (\"attempt_count\" >= 0 AND \"attempt_count\" <= \"max_attempts\"), CONSTRAINT \"webhook_delivery_delivered_at\" CHECK ((\"status\" = 'DELIVERED') = (\"delivered_at\" IS NOT NULL)), CONSTRAINT \"PK_535dd409947fb6d8fc6dfc0112a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"idx_webhook_deliveries_pending\" ON \"webhook_deliveries\"  (\"next_attempt_at\") WHERE \"status\" = 'PENDING'");
    await queryRunner.query("CREATE INDEX \"idx_webhook_deliveries_subscription\" ON \"webhook_deliveries\"  (\"subscription_id\", \"status\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"idx_webhook_deliveries_organisation\" ON \"webhook_deliveries\"  (\"organisation_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"webhook_attempt_result\" AS ENUM('SUCCESS', 'HTTP_ERROR', 'TIMEOUT', 'CONNECTION_FAILED', 'ADDRESS_NOT_ALLOWED')");
    await queryRunner.query("CREATE TABLE \"webhook_delivery_attempts\" (\"delivery_id\" uuid NOT NULL, \"number\" integer NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"duration_ms\" integer NOT NULL, \"result\" \"public\".\"webhook_attempt_result\" NOT NULL, \"status_code\" integer, \"error\" character varying(300), CONSTRAINT \"webhook_attempt_number\" CHECK (\"number\" >= 1), CONSTRAINT \"PK_b77fb3e76ec3b318f99e3dfa087\" PRIMARY KEY (\"delivery_id\", \"number\"))");
    await queryRunner.query("ALTER TABLE \"webhook_subscriptions\" ADD CONSTRAINT \"FK_680e763687602d9be5800e47ed2\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"webhook_subscriptions\" ADD CONSTRAINT \"FK_87e849b6486011c93f05e15a390\" FOREIGN KEY (\"created_by_client_id\") REFERENCES \"api_clients\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"webhook_deliveries\" ADD CONSTRAINT \"FK_23eb2b6ae801c52cfb79a556b8a\" FOREIGN KEY (\"subscription_id\") REFERENCES \"webhook_subscriptions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"webhook_deliveries\" ADD CONSTRAINT \"FK_77423d304740442c36ac06e0570\" FOREIGN KEY (\"organisation_id\") REFERENCES \"organisations\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"webhook_delivery_attempts\" ADD CONSTRAINT \"FK_647916c401c0c275df5f00c148f\" FOREIGN KEY (\"delivery_id\") REFERENCES \"webhook_deliveries\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"webhook_delivery_attempts\" DROP CONSTRAINT \"FK_647916c401c0c275df5f00c148f\"");
    await queryRunner.query("ALTER TABLE \"webhook_deliveries\" DROP CONSTRAINT \"FK_77423d304740442c36ac06e0570\"");
    await queryRunner.query("ALTER TABLE \"webhook_deliveries\" DROP CONSTRAINT \"FK_23eb2b6ae801c52cfb79a556b8a\"");
    await queryRunner.query("ALTER TABLE \"webhook_subscriptions\" DROP CONSTRAINT \"FK_87e849b6486011c93f05e15a390\"");
    await queryRunner.query("ALTER TABLE \"webhook_subscriptions\" DROP CONSTRAINT \"FK_680e763687602d9be5800e47ed2\"");
    await queryRunner.query("DROP TABLE \"webhook_delivery_attempts\"");
    await queryRunner.query("DROP TYPE \"public\".\"webhook_attempt_result\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_webhook_deliveries_organisation\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_webhook_deliveries_subscription\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_webhook_deliveries_pending\"");
    await queryRunner.query("DROP TABLE \"webhook_deliveries\"");
    await queryRunner.query("DROP TYPE \"public\".\"webhook_delivery_status\"");
    await queryRunner.query("DROP INDEX \"public\".\"idx_webhook_subscriptions_organisation\"");
    await queryRunner.query("DROP TABLE \"webhook_subscriptions\"");
    await queryRunner.query("DROP TYPE \"public\".\"webhook_event_type\"");
  }
}
