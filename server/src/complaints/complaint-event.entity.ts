import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, Index } from 'typeorm';
import { ComplaintStatus, Tier } from '../common/enums';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { ComplaintEntity } from './complaint.entity';
import { OfficerEntity } from '../officers/officer.entity';

export enum ComplaintEventType {
  SUBMITTED = 'SUBMITTED',
  VERIFIED = 'VERIFIED',
  INFORMATION_REQUESTED = 'INFORMATION_REQUESTED',
  INFORMATION_PROVIDED = 'INFORMATION_PROVIDED',
  ASSIGNED = 'ASSIGNED',
  REFERRED = 'REFERRED',
  REFERRAL_ANSWERED = 'REFERRAL_ANSWERED',
  PUBLIC_RESPONSE = 'PUBLIC_RESPONSE',
  INTERNAL_NOTE = 'INTERNAL_NOTE',
  ESCALATED = 'ESCALATED',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
  REJECTED = 'REJECTED',
  MARKED_DUPLICATE = 'MARKED_DUPLICATE',
  RATED = 'RATED',
  CASE_CONFERENCE_SCHEDULED = 'CASE_CONFERENCE_SCHEDULED',
  CASE_CONFERENCE_HELD = 'CASE_CONFERENCE_HELD',
  HOME_VISIT_SCHEDULED = 'HOME_VISIT_SCHEDULED',
  HOME_VISIT_RECORDED = 'HOME_VISIT_RECORDED',
  SLA_BREACHED = 'SLA_BREACHED',
  DISBURSEMENT_ISSUE_LINKED = 'DISBURSEMENT_ISSUE_LINKED',
  DISBURSEMENT_ISSUE_RESOLVED = 'DISBURSEMENT_ISSUE_RESOLVED',
  EVIDENCE_ATTACHED = 'EVIDENCE_ATTACHED',
  /** A handler corrected the category, programme or village (data: before, after, rerouted); docs/adr/0031. */
  CORRECTED = 'CORRECTED',
  /** A notification to the complainant was accepted by its provider (INTERNAL; no version bump: docs/adr/0025). */
  REPLY_PIN_RESET = 'REPLY_PIN_RESET',
  NOTIFICATION_SENT = 'NOTIFICATION_SENT',
  /** A notification attempt failed and will be tried again. */
  NOTIFICATION_RETRYING = 'NOTIFICATION_RETRYING',
  /** A notification failed for good. */
  NOTIFICATION_FAILED = 'NOTIFICATION_FAILED',
  /** A notification waits: no transport is configured for its channel. */
  NOTIFICATION_WAITING = 'NOTIFICATION_WAITING',
}

export enum EventVisibility {
  /** Shown on the public tracker and to the complainant. */
  PUBLIC = 'PUBLIC',
  /** Handlers (and auditors) only. */
  INTERNAL = 'INTERNAL',
}

/**
 * The complaint's timeline. Append-only: a trigger in the database refuses
 * UPDATE and DELETE (migration InitialSchema), so history cannot be rewritten.
 */
@Entity('complaint_events')
@Unique('uq_complaint_events_complaint_seq', ['complaintId', 'seq'])
@Index('idx_complaint_events_occurred', ['occurredAt'])
export class ComplaintEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: ComplaintEntity;

  /** 1, 2, 3 … within the complaint: the timeline's order and a guard against lost events. */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'enum', enum: ComplaintEventType, enumName: 'complaint_event_type' })
  type: ComplaintEventType;

  @Column({ type: 'enum', enum: EventVisibility, enumName: 'event_visibility' })
  visibility: EventVisibility;

  /** Null when the system acted (e.g. automatic escalation). */
  @Column({ type: 'uuid', nullable: true })
  actorClientId: string | null;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_client_id' })
  actorClient?: ApiClientEntity;

  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_organisation_id' })
  actorOrganisation?: OrganisationEntity;

  /** The officer the client acted for (an officer token, docs/adr/0030-officers.md); null otherwise. */
  @Column({ type: 'uuid', nullable: true })
  actorOfficerId: string | null;

  @ManyToOne(() => OfficerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_officer_id' })
  actorOfficer?: OfficerEntity;

  /** That officer's name as it was when they acted: the timeline does not change when the name does later. */
  @Column({ type: 'varchar', length: 150, nullable: true })
  actorOfficerName: string | null;

  @Column({ type: 'enum', enum: ComplaintStatus, enumName: 'complaint_status', nullable: true })
  fromStatus: ComplaintStatus | null;

  @Column({ type: 'enum', enum: ComplaintStatus, enumName: 'complaint_status', nullable: true })
  toStatus: ComplaintStatus | null;

  @Column({ type: 'enum', enum: Tier, enumName: 'tier', nullable: true })
  fromTier: Tier | null;

  @Column({ type: 'enum', enum: Tier, enumName: 'tier', nullable: true })
  toTier: Tier | null;

  /** A public response or an internal note; the reason for an escalation or rejection. */
  @Column({ type: 'text', nullable: true })
  message: string | null;

  /** Event-specific facts (e.g. the referral or conference id); never personal data. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  data: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;
}
