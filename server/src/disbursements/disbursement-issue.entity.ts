import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DisbursementFailureCode, DisbursementIssueStatus } from '../common/enums';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { DisbursementEntity } from '../recipients/disbursement.entity';
import { RecipientEntity } from '../recipients/recipient.entity';
import { DisbursementBatchEntity } from './disbursement-batch.entity';

/** One failed transfer reported by a bank, matched to the disbursement and the recipient. */
@Entity('disbursement_issues')
@Unique('uq_disbursement_issues_batch_index', ['batchId', 'itemIndex'])
@Check('disbursement_issue_nik_format', `"nik" ~ '^[0-9]{16}$'`)
@Check('disbursement_issue_amount_positive', `"amount" > 0`)
@Check('disbursement_issue_resolution', `("status" = 'OPEN') = ("resolved_at" IS NULL)`)
@Check('disbursement_issue_resent_on', `("status" = 'RESENT') = ("resent_on" IS NOT NULL)`)
@Index('idx_disbursement_issues_recipient_period', ['recipientId', 'programCode', 'period'])
// A disbursement has at most one open issue: a second report of the same failure is refused (ALREADY_REPORTED).
@Index('uq_disbursement_issues_open_per_disbursement', ['disbursementId'], { unique: true, where: `"status" = 'OPEN'` })
// The bank's own list (newest first) and its reconciliation per programme and month.
@Index('idx_disbursement_issues_bank_created', ['bankOrganisationId', 'createdAt', 'batchId', 'itemIndex'])
@Index('idx_disbursement_issues_bank_program_period', ['bankOrganisationId', 'programCode', 'period'])
@Index('idx_disbursement_issues_created', ['createdAt', 'batchId', 'itemIndex'])
export class DisbursementIssueEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  batchId: string;

  @ManyToOne(() => DisbursementBatchEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id' })
  batch?: DisbursementBatchEntity;

  /** The item's position in the bank's request (0-based). */
  @Column({ type: 'integer' })
  itemIndex: number;

  @Index('idx_disbursement_issues_disbursement')
  @Column({ type: 'uuid' })
  disbursementId: string;

  @ManyToOne(() => DisbursementEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'disbursement_id' })
  disbursement?: DisbursementEntity;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne(() => RecipientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: RecipientEntity;

  /** The bank that reported it (and made the disbursement); denormalised from the batch for scoping and reconciliation. */
  @Column({ type: 'uuid' })
  bankOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bank_organisation_id' })
  bankOrganisation?: OrganisationEntity;

  /** Denormalised from the batch so complaints can be matched by family, programme and month. */
  @Column({ type: 'varchar', length: 20 })
  programCode: string;

  @Column({ type: 'char', length: 7 })
  period: string;

  @Index('idx_disbursement_issues_nik')
  @Column({ type: 'char', length: 16 })
  nik: string;

  @Column({ type: 'bigint' })
  amount: string;

  @Column({ type: 'enum', enum: DisbursementFailureCode, enumName: 'disbursement_failure_code' })
  failureCode: DisbursementFailureCode;

  @Column({ type: 'date' })
  occurredOn: string;

  @Column({ type: 'enum', enum: DisbursementIssueStatus, enumName: 'disbursement_issue_status', default: DisbursementIssueStatus.OPEN })
  status: DisbursementIssueStatus;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** For RESENT: the new transfer date. */
  @Column({ type: 'date', nullable: true })
  resentOn: string | null;

  /** The bank's note on the resolution: for the bank, handlers and auditors; never public (it may name accounts). */
  @Column({ type: 'text', nullable: true })
  resolutionNote: string | null;

  /** The API client that resolved it. */
  @Column({ type: 'uuid', nullable: true })
  resolvedByClientId: string | null;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'resolved_by_client_id' })
  resolvedByClient?: ApiClientEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
