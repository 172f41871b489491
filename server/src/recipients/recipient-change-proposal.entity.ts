import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DtksStatus } from '../common/enums';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { DeliberationEntity } from './deliberation.entity';
import { RecipientEntity } from './recipient.entity';

export enum RecipientChangeKind {
  ADD = 'ADD',
  REMOVE = 'REMOVE',
  UPDATE = 'UPDATE',
}

export enum RecipientChangeStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/**
 * A proposed change to the recipient register: a village office proposes it
 * with the village deliberation that recommended it, or an upheld targeting
 * complaint opens it; the district/city office approves or rejects it. The
 * person's data are in dedicated columns (personal data never goes into JSON,
 * docs/adr/0003); for UPDATE only the changed fields are set. Once decided, a
 * trigger refuses any change to the row (docs/adr/0008-provenance.md).
 */
@Entity('recipient_change_proposals')
@Check('recipient_change_nik_format', `"nik" ~ '^[0-9]{16}$'`)
@Check('recipient_change_kk_format', `"kk_number" IS NULL OR "kk_number" ~ '^[0-9]{16}$'`)
@Check('recipient_change_sex', `"sex" IS NULL OR "sex" IN ('M', 'F')`)
@Check('recipient_change_region_is_village', `length("region_code") = 13`)
@Check('recipient_change_recommended', `"deliberation_id" IS NOT NULL OR "source_complaint_id" IS NOT NULL`)
@Check('recipient_change_add_complete', `"kind" <> 'ADD' OR ("kk_number" IS NOT NULL AND "full_name" IS NOT NULL AND "birth_date" IS NOT NULL AND "sex" IS NOT NULL AND "is_family_head" IS NOT NULL AND "address" IS NOT NULL)`)
@Check('recipient_change_target', `"kind" = 'ADD' OR "recipient_id" IS NOT NULL`)
@Check('recipient_change_reviewed', `("status" = 'PENDING') = ("reviewed_at" IS NULL)`)
@Index('idx_recipient_change_proposals_created', ['createdAt', 'id'])
@Index('idx_recipient_change_proposals_region_created', ['regionCode', 'createdAt', 'id'])
// One pending proposal to add a NIK at a time; any number to change an existing recipient (each checked against its state when approved).
@Index('uq_recipient_change_proposals_pending_add', ['nik'], { unique: true, where: `"kind" = 'ADD' AND "status" = 'PENDING'` })
// A complaint opens at most one data-correction proposal.
@Index('uq_recipient_change_proposals_source_complaint', ['sourceComplaintId'], { unique: true, where: `"source_complaint_id" IS NOT NULL` })
export class RecipientChangeProposalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: RecipientChangeKind, enumName: 'recipient_change_kind' })
  kind: RecipientChangeKind;

  @Column({ type: 'enum', enum: RecipientChangeStatus, enumName: 'recipient_change_status', default: RecipientChangeStatus.PENDING })
  status: RecipientChangeStatus;

  /** The village the recipient lives in (or will). */
  @Column({ type: 'varchar', length: 13 })
  regionCode: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  /** The recipient changed; for ADD, set when approved. */
  @Index('idx_recipient_change_proposals_recipient')
  @Column({ type: 'uuid', nullable: true })
  recipientId: string | null;

  @ManyToOne(() => RecipientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: RecipientEntity;

  /** The recipient's NIK (for ADD, the new person's). */
  @Column({ type: 'char', length: 16 })
  nik: string;

  // --- the proposed data: all of it for ADD, the changed fields for UPDATE, none for REMOVE ---

  @Column({ type: 'char', length: 16, nullable: true })
  kkNumber: string | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  fullName: string | null;

  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'char', length: 1, nullable: true })
  sex: 'M' | 'F' | null;

  @Column({ type: 'boolean', nullable: true })
  isFamilyHead: boolean | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Column({ type: 'enum', enum: DtksStatus, enumName: 'dtks_status', nullable: true })
  dtksStatus: DtksStatus | null;

  // --- why, and who recommended it ---

  @Column({ type: 'text' })
  reason: string;

  /** What evidence supports it (letters, a home visit, the KK), described. */
  @Column({ type: 'text' })
  evidence: string;

  @Column({ type: 'uuid', nullable: true })
  deliberationId: string | null;

  @ManyToOne(() => DeliberationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deliberation_id' })
  deliberation?: DeliberationEntity;

  /** The upheld complaint that opened it, for data corrections opened automatically. */
  @Column({ type: 'uuid', nullable: true })
  sourceComplaintId: string | null;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_complaint_id' })
  sourceComplaint?: ComplaintEntity;

  /** SHA-256 of the recipient's register data when proposed (UPDATE, REMOVE): approval refuses if it changed since. */
  @Column({ type: 'char', length: 64, nullable: true })
  baseStateHash: string | null;

  @Column({ type: 'uuid' })
  proposedByOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposed_by_organisation_id' })
  proposedByOrganisation?: OrganisationEntity;

  @Column({ type: 'uuid', nullable: true })
  proposedByClientId: string | null;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposed_by_client_id' })
  proposedByClient?: ApiClientEntity;

  // --- the review ---

  @Column({ type: 'uuid', nullable: true })
  reviewedByOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by_organisation_id' })
  reviewedByOrganisation?: OrganisationEntity;

  @Column({ type: 'uuid', nullable: true })
  reviewedByClientId: string | null;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by_client_id' })
  reviewedByClient?: ApiClientEntity;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reviewNote: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
