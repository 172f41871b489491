import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { EnrolmentStatus } from '../common/enums';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { ProgramEntity } from '../programs/program.entity';
import { RecipientEntity } from './recipient.entity';

/** A family's membership of a programme (as a KPM), through the recipient who receives on its behalf. */
@Entity('program_enrolments')
@Unique('uq_program_enrolments_recipient_program', ['recipientId', 'programCode'])
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne(() => RecipientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: RecipientEntity;

  @Index('idx_program_enrolments_program')
  @Column({ type: 'varchar', length: 20 })
  programCode: string;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code' })
  program?: ProgramEntity;

  @Column({ type: 'enum', enum: EnrolmentStatus, enumName: 'enrolment_status' })
  status: EnrolmentStatus;

  @Column({ type: 'date' })
  enrolledOn: string;

  @Column({ type: 'date', nullable: true })
  endedOn: string | null;

  /** The bank that disburses to this family; null for programmes paid another way (e.g. BLT-DD in cash). */
  @Index('idx_program_enrolments_bank')
  @Column({ type: 'uuid', nullable: true })
  bankOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bank_organisation_id' })
  bankOrganisation?: OrganisationEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
