import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DisbursementFailureCode, DisbursementIssueStatus } from '../common/enums';
import { DisbursementEntity } from '../recipients/disbursement.entity';
import { RecipientEntity } from '../recipients/recipient.entity';
import { DisbursementBatchEntity } from './disbursement-batch.entity';

/** One failed transfer reported by a bank, matched to the disbursement and the recipient. */
@Entity('disbursement_issues')
@Unique('uq_disbursement_issues_batch_index', ['batchId', 'itemIndex'])
@Check('disbursement_issue_nik_format', `"nik" ~ '^[0-9]{16}$'`)
@Check('disbursement_issue_amount_positive', `"amount" > 0`)
@Check('disbursement_issue_resolution', `("status" = 'OPEN') = ("resolved_at" IS NULL)`)
@Index('idx_disbursement_issues_recipient_period', ['recipientId', 'programCode', 'period'])
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
