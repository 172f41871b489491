import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ComplaintCategory, ComplaintStatus, ResolutionDecision, Tier } from '../common/enums';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { ProgramEntity } from '../programs/program.entity';
import { ChannelEntity } from '../channels/channel.entity';
import { RegionEntity } from '../regions/region.entity';
import { RecipientEntity } from '../recipients/recipient.entity';
import { NotificationChannel } from '../notifications/transport';
import { OfficerEntity } from '../officers/officer.entity';

/**
 * A complaint (pengaduan). `region_code` is the village; the province, district
 * and sub-district codes are generated from it so that a handler's inbox (by
 * jurisdiction, newest first) is one ordered index scan at any level.
 */
@Entity('complaints')
@Check('complaint_tracking_code_format', `"tracking_code" ~ '^ADU-[0-9A-Z]{4}-[0-9A-Z]{4}$'`)
@Check('complaint_description_length', `char_length("description") BETWEEN 1 AND 4000`)
@Check('complaint_region_is_village', `length("region_code") = 13`)
@Check('complaint_complainant_nik_format', `"complainant_nik" IS NULL OR "complainant_nik" ~ '^[0-9]{16}$'`)
@Check('complaint_subject_nik_format', `"subject_nik" IS NULL OR "subject_nik" ~ '^[0-9]{16}$'`)
@Check('complaint_version_positive', `"version" >= 1`)
@Check('complaint_decision_when_resolved', `"status" NOT IN ('RESOLVED', 'CLOSED') OR "resolution_decision" IS NOT NULL`)
@Check('complaint_duplicate_has_target', `("status" = 'DUPLICATE') = ("duplicate_of_id" IS NOT NULL)`)
@Check('complaint_locale', `"locale" IN ('id', 'en')`)
@Check('complaint_resolution_rating_range', `"resolution_rating" IS NULL OR "resolution_rating" BETWEEN 1 AND 5`)
@Check('complaint_resolution_comment_length', `"resolution_comment" IS NULL OR char_length("resolution_comment") <= 1000`)
@Check('complaint_notify_consent', `("notify_via" IS NULL) = ("notify_consent_at" IS NULL)`)
@Check('complaint_notify_email_has_address', `"notify_via" IS DISTINCT FROM 'EMAIL' OR "complainant_email" IS NOT NULL`)
@Check('complaint_rated_at_with_rating', `("rated_at" IS NULL) = ("resolution_rating" IS NULL)`)
@Index('idx_complaints_created', ['createdAt', 'id'])
@Index('idx_complaints_province_created', ['provinceCode', 'createdAt', 'id'])
@Index('idx_complaints_district_created', ['districtCode', 'createdAt', 'id'])
@Index('idx_complaints_subdistrict_created', ['subdistrictCode', 'createdAt', 'id'])
@Index('idx_complaints_village_created', ['regionCode', 'createdAt', 'id'])
@Index('idx_complaints_province_status_created', ['provinceCode', 'status', 'createdAt', 'id'])
@Index('idx_complaints_district_status_created', ['districtCode', 'status', 'createdAt', 'id'])
@Index('idx_complaints_submitter_created', ['submittedByOrganisationId', 'createdAt', 'id'])
@Index('idx_complaints_open_due', ['dueAt'], { where: `"status" IN ('RECEIVED', 'VERIFIED', 'IN_PROGRESS')` })
@Index('idx_complaints_description_search', { synchronize: false })
@Index('idx_complaints_duplicate_of', ['duplicateOfId'], { where: `"duplicate_of_id" IS NOT NULL` })
@Index('idx_complaints_subject_nik', ['subjectNik', 'programCode', 'category'], { where: `"subject_nik" IS NOT NULL` })
export class ComplaintEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Short, unguessable, easy to read out by phone: `ADU-7K3M-9Q2X`. */
  @Index('uq_complaints_tracking_code', { unique: true })
  @Column({ type: 'varchar', length: 13 })
  trackingCode: string;

  @Column({ type: 'enum', enum: ComplaintStatus, enumName: 'complaint_status', default: ComplaintStatus.RECEIVED })
  status: ComplaintStatus;

  @Column({ type: 'enum', enum: ComplaintCategory, enumName: 'complaint_category' })
  category: ComplaintCategory;

  @Column({ type: 'varchar', length: 20 })
  programCode: string;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code' })
  program?: ProgramEntity;

  @Column({ type: 'varchar', length: 30 })
  channelCode: string;

  @ManyToOne(() => ChannelEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_code' })
  channel?: ChannelEntity;

  /** The village the complaint is about. */
  @Column({ type: 'varchar', length: 13 })
  regionCode: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  @Column({ type: 'char', length: 2, generatedType: 'STORED', asExpression: `left("region_code", 2)`, insert: false, update: false })
  provinceCode: string;

  @Column({ type: 'char', length: 5, generatedType: 'STORED', asExpression: `left("region_code", 5)`, insert: false, update: false })
  districtCode: string;

  @Column({ type: 'char', length: 8, generatedType: 'STORED', asExpression: `left("region_code", 8)`, insert: false, update: false })
  subdistrictCode: string;

  @Column({ type: 'enum', enum: Tier, enumName: 'tier' })
  currentTier: Tier;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'date', nullable: true })
  occurredOn: string | null;

  // --- the complainant (personal data: docs/adr/0003-personal-data.md) ---

  @Column({ type: 'varchar', length: 150, nullable: true })
  complainantName: string | null;

  /** E.164, e.g. +6281234567890. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  complainantPhone: string | null;

  @Column({ type: 'char', length: 16, nullable: true })
  complainantNik: string | null;

  /** An e-mail address to reach them, if given (shown as the phone is: docs/adr/0025-notifications.md). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  complainantEmail: string | null;

  /**
   * How the complainant agreed to be told what happens (docs/adr/0025-notifications.md): null when they did not.
   * EMAIL uses complainant_email; WHATSAPP and SMS the phone.
   */
  @Column({ type: 'enum', enum: NotificationChannel, enumName: 'notification_channel', nullable: true })
  notifyVia: NotificationChannel | null;

  /** When that consent was given (at intake). */
  @Column({ type: 'timestamptz', nullable: true })
  notifyConsentAt: Date | null;

  /** The intake client that recorded the consent. */
  @Column({ type: 'uuid', nullable: true })
  notifyConsentClientId: string | null;

  /** Identity hidden from everyone through the API. */
  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  /** Complainant visible to handlers only. */
  @Column({ type: 'boolean', default: false })
  confidential: boolean;

  /**
   * The complainant asked to bypass the village office (a WRONG_TARGET complaint naming its recommendation): the
   * village office never sees it (complaint-scope.ts); it starts at the district, confidential.
   */
  @Column({ type: 'boolean', default: false })
  bypassVillage: boolean;

  /** The family the complaint is about, when given. */
  @Column({ type: 'char', length: 16, nullable: true })
  subjectNik: string | null;

  @Index('idx_complaints_subject_recipient')
  @Column({ type: 'uuid', nullable: true })
  subjectRecipientId: string | null;

  @ManyToOne(() => RecipientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_recipient_id' })
  subjectRecipient?: RecipientEntity;

  // --- who submitted, who handles ---

  @Column({ type: 'uuid', nullable: true })
  submittedByClientId: string | null;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by_client_id' })
  submittedByClient?: ApiClientEntity;

  @Column({ type: 'uuid', nullable: true })
  submittedByOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by_organisation_id' })
  submittedByOrganisation?: OrganisationEntity;

  @Index('idx_complaints_assigned_organisation')
  @Column({ type: 'uuid', nullable: true })
  assignedOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_organisation_id' })
  assignedOrganisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 150, nullable: true })
  assignedOfficerName: string | null;

  /** The officer of the assigned office it is given to, by that office's own id for them (docs/adr/0030-officers.md). */
  @Column({ type: 'uuid', nullable: true })
  assignedOfficerId: string | null;

  @ManyToOne(() => OfficerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_officer_id' })
  assignedOfficer?: OfficerEntity;

  // --- SLA ---

  /** When the current SLA stage is due; null while paused or once met. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** When the current SLA stage started (for the at-risk fraction). */
  @Column({ type: 'timestamptz' })
  slaStartedAt: Date;

  /** Set while the clock is paused (waiting for the complainant). */
  @Column({ type: 'timestamptz', nullable: true })
  slaPausedAt: Date | null;

  // --- outcome ---

  @Column({ type: 'enum', enum: ResolutionDecision, enumName: 'resolution_decision', nullable: true })
  resolutionDecision: ResolutionDecision | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** The complainant's rating of the resolution (1–5), given once through the tracking code. */
  @Column({ type: 'smallint', nullable: true })
  resolutionRating: number | null;

  /** What the complainant said with the rating (≤ 1000 characters); handlers and auditors only. */
  @Column({ type: 'text', nullable: true })
  resolutionComment: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  ratedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  duplicateOfId: string | null;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'duplicate_of_id' })
  duplicateOf?: ComplaintEntity;

  /** An appeal (reopened complaint) points at the complaint it appeals. */
  @Column({ type: 'uuid', nullable: true })
  appealOfId: string | null;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'appeal_of_id' })
  appealOf?: ComplaintEntity;

  /** The complainant's language for acknowledgements: `id` or `en`. */
  @Column({ type: 'varchar', length: 2, default: 'id' })
  locale: string;

  /** Optimistic concurrency: every change increments it; a change must name the version it read. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
