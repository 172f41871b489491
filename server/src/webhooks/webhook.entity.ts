import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';

/** What an organisation can be told about (docs/adr/0012-webhooks.md); each has a thin payload of ids, codes and timestamps. */
export enum WebhookEventType {
  COMPLAINT_STATUS_CHANGED = 'COMPLAINT_STATUS_CHANGED',
  COMPLAINT_REFERRED = 'COMPLAINT_REFERRED',
  COMPLAINT_SLA_BREACHED = 'COMPLAINT_SLA_BREACHED',
  DISBURSEMENT_ISSUE_RESOLVED = 'DISBURSEMENT_ISSUE_RESOLVED',
  /** An organisation was invited to a case conference (only the invited hear of it: docs/adr/0031-workspace-api.md). */
  CASE_CONFERENCE_INVITED = 'CASE_CONFERENCE_INVITED',
}

export enum WebhookDeliveryStatus {
  /** Waiting for its first attempt or its next retry. */
  PENDING = 'PENDING',
  /** An attempt was answered with a 2xx. */
  DELIVERED = 'DELIVERED',
  /** Every attempt failed, or the subscription was disabled before it got through. */
  FAILED = 'FAILED',
}

export enum WebhookAttemptResult {
  SUCCESS = 'SUCCESS',
  /** Answered, but not with a 2xx (a redirect included: redirects are not followed). */
  HTTP_ERROR = 'HTTP_ERROR',
  /** No complete answer within the timeout. */
  TIMEOUT = 'TIMEOUT',
  /** The host could not be resolved or reached, or TLS failed. */
  CONNECTION_FAILED = 'CONNECTION_FAILED',
  /** The host resolves to a private, loopback or link-local address, refused in production (SSRF). */
  ADDRESS_NOT_ALLOWED = 'ADDRESS_NOT_ALLOWED',
}

/**
 * An organisation's endpoint for events. Belongs to the organisation, not to
 * the client that made it: any client of the organisation manages it. The
 * signing secret is kept whole (HMAC needs it) and shown only at creation and
 * rotation; during a rotation the previous one signs too, until it expires.
 */
@Entity('webhook_subscriptions')
@Check('webhook_subscription_event_types', `cardinality("event_types") >= 1`)
@Check('webhook_subscription_previous_secret', `("previous_secret" IS NULL) = ("previous_secret_expires_at" IS NULL)`)
@Check('webhook_subscription_disabled_reason', `("disabled_at" IS NULL) = ("disabled_reason" IS NULL)`)
export class WebhookSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_webhook_subscriptions_organisation')
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  @Column({ type: 'enum', enum: WebhookEventType, enumName: 'webhook_event_type', array: true })
  eventTypes: WebhookEventType[];

  @Column({ type: 'varchar', length: 100 })
  secret: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  previousSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /** Why it was disabled, in Bahasa Indonesia: by a client, or automatically after failing for a day. */
  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;

  @Column({ type: 'boolean', default: false })
  disabledAutomatically: boolean;

  /** The first failed attempt since the last success; null while the endpoint answers. */
  @Column({ type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Column({ type: 'integer', default: 0 })
  consecutiveFailures: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;

  @Column({ type: 'uuid' })
  createdByClientId: string;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_client_id' })
  createdByClient?: ApiClientEntity;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One event for one subscription: the outbox row, written in the transaction
 * of the change it tells about. Its id is the `Aduan-Webhook-Id` the receiver
 * deduplicates on, the same on every attempt; its body is kept byte for byte,
 * so every attempt sends the same bytes (re-signed with a fresh timestamp).
 */
@Entity('webhook_deliveries')
@Check('webhook_delivery_delivered_at', `("status" = 'DELIVERED') = ("delivered_at" IS NOT NULL)`)
@Check('webhook_delivery_attempts', `"attempt_count" >= 0 AND "attempt_count" <= "max_attempts"`)
@Index('idx_webhook_deliveries_organisation', ['organisationId', 'createdAt', 'id'])
@Index('idx_webhook_deliveries_subscription', ['subscriptionId', 'status', 'createdAt'])
@Index('idx_webhook_deliveries_pending', ['nextAttemptAt'], { where: `"status" = 'PENDING'` })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: WebhookSubscriptionEntity;

  /** The subscription's organisation, for its delivery log without a join. */
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** The same for every subscription told of one event. */
  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'enum', enum: WebhookEventType, enumName: 'webhook_event_type' })
  eventType: WebhookEventType;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'enum', enum: WebhookDeliveryStatus, enumName: 'webhook_delivery_status', default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attemptCount: number;

  /** The attempt after which it fails for good: the schedule's length, raised by a redelivery. */
  @Column({ type: 'integer' })
  maxAttempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** While an attempt is under way: no other worker starts one before this passes. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseExpiresAt: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}

/** One POST of a delivery and how it went: the delivery log the subscriber reads. */
@Entity('webhook_delivery_attempts')
@Check('webhook_attempt_number', `"number" >= 1`)
export class WebhookDeliveryAttemptEntity {
  @PrimaryColumn({ type: 'uuid' })
  deliveryId: string;

  @PrimaryColumn({ type: 'integer' })
  number: number;

  @ManyToOne(() => WebhookDeliveryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: WebhookDeliveryEntity;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'integer' })
  durationMs: number;

  @Column({ type: 'enum', enum: WebhookAttemptResult, enumName: 'webhook_attempt_result' })
  result: WebhookAttemptResult;

  @Column({ type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  error: string | null;
}
