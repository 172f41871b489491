import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { ProgramEntity } from '../programs/program.entity';

/** One call of reportDisbursementIssues: a bank's report of failed transfers for a programme and month. */
@Entity('disbursement_batches')
@Check('disbursement_batch_period_format', `"period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check('disbursement_batch_counts', `"item_count" BETWEEN 1 AND 1000 AND "accepted_count" + "rejected_count" = "item_count"`)
@Index('idx_disbursement_batches_bank_period', ['bankOrganisationId', 'programCode', 'period'])
export class DisbursementBatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bankOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bank_organisation_id' })
  bankOrganisation?: OrganisationEntity;

  @Column({ type: 'uuid' })
  submittedByClientId: string;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by_client_id' })
  submittedByClient?: ApiClientEntity;

  @Column({ type: 'varchar', length: 20 })
  programCode: string;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code' })
  program?: ProgramEntity;

  @Column({ type: 'char', length: 7 })
  period: string;

  @Column({ type: 'integer' })
  itemCount: number;

  @Column({ type: 'integer' })
  acceptedCount: number;

  @Column({ type: 'integer' })
  rejectedCount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
