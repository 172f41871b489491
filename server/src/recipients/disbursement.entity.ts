import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DisbursementStatus } from '../common/enums';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { EnrolmentEntity } from './enrolment.entity';

/** One payment (a stage, tahap) of a programme to an enrolled family, in a month. */
@Entity('disbursements')
@Unique('uq_disbursements_enrolment_period_stage', ['enrolmentId', 'period', 'stage'])
@Check('disbursement_period_format', `"period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check('disbursement_amount_positive', `"amount" > 0`)
@Check('disbursement_stage_positive', `"stage" BETWEEN 1 AND 12`)
@Index('idx_disbursements_bank_period', ['bankOrganisationId', 'period'])
export class DisbursementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  enrolmentId: string;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id' })
  enrolment?: EnrolmentEntity;

  /** The month of the disbursement, `YYYY-MM`. */
  @Column({ type: 'char', length: 7 })
  period: string;

  @Column({ type: 'smallint' })
  stage: number;

  /** Whole rupiah. */
  @Column({ type: 'bigint' })
  amount: string;

  @Column({ type: 'uuid', nullable: true })
  bankOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bank_organisation_id' })
  bankOrganisation?: OrganisationEntity;

  @Column({ type: 'enum', enum: DisbursementStatus, enumName: 'disbursement_status' })
  status: DisbursementStatus;

  @Column({ type: 'date', nullable: true })
  disbursedOn: string | null;
}
