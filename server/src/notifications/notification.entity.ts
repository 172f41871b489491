import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { NotificationChannel, NotificationKind } from './transport';

export enum NotificationStatus {
  /** Waiting for its next attempt (or for quiet hours to end, or for a transport to be configured). */
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** Failed for good: the provider refused it, or every attempt failed. */
  FAILED = 'FAILED',
}

/**
 * The notification outbox (docs/adr/0025-notifications.md): one message to a
 * complainant, written in the transaction of the change it tells about and
 * sent by the job queue (notification_deliver). The address is not copied
 * here: it is read from the complaint at send time, so a corrected contact is
 * used and this table holds no personal data. `params` holds what the texts
 * need (codes, tiers, dates, a public message); secrets in it (the reply PIN)
 * are erased once the message is sent or has finally failed.
 */
@Entity('notifications')
@Check('notification_attempts', `"attempt_count" >= 0 AND "attempt_count" <= "max_attempts"`)
@Check('notification_sent_at', `("status" = 'SENT') = ("sent_at" IS NOT NULL)`)
@Check('notification_locale', `"locale" IN ('id', 'en')`)
@Index('idx_notifications_complaint', ['complaintId', 'createdAt'])
@Index('idx_notifications_pending', ['nextAttemptAt'], { where: `"status" = 'PENDING'` })
export class NotificationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: ComplaintEntity;

  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind: NotificationKind;

  @Column({ type: 'enum', enum: NotificationChannel, enumName: 'notification_channel' })
  channel: NotificationChannel;

  /** The complaint's locale when it was queued: `id` or `en`. */
  @Column({ type: 'varchar', length: 2 })
  locale: string;

  /** What the texts need (notification-words.ts); never an address, a name or a NIK. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  params: Record<string, unknown>;

  @Column({ type: 'enum', enum: NotificationStatus, enumName: 'notification_status', default: NotificationStatus.PENDING })
  status: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attemptCount: number;

  @Column({ type: 'integer' })
  maxAttempts: number;

  /** When it may be attempted: at once, after a retry's wait, or at 06:00 local time after quiet hours. */
  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** While an attempt is under way: no other worker starts one before this passes. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseExpiresAt: Date | null;

  /** The last attempt's outcome as the provider coded it (`SENT`, `http_503`, `NO_TRANSPORT` …): never the text or the address. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  lastOutcome: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  providerMessageId: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
