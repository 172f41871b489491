import {
  Column, CreateDateColumn, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToMany, PrimaryGeneratedColumn,
} from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { CaseConferenceActionEntity } from './case-conference-action.entity';

export enum CaseConferenceStatus {
  SCHEDULED = 'SCHEDULED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
}

/** A case conference: several parties (district office, bank, village, LKS …) meet on one or more complaints. */
@Entity('case_conferences')
export class CaseConferenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  convenedByOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'convened_by_organisation_id' })
  convenedByOrganisation?: OrganisationEntity;

  @Index('idx_case_conferences_scheduled')
  @Column({ type: 'timestamptz' })
  scheduledAt: Date;

  @Column({ type: 'varchar', length: 300 })
  location: string;

  @Column({ type: 'text' })
  agenda: string;

  @Column({ type: 'enum', enum: CaseConferenceStatus, enumName: 'case_conference_status', default: CaseConferenceStatus.SCHEDULED })
  status: CaseConferenceStatus;

  /** What the conference decided, recorded when it is held. */
  @Column({ type: 'text', nullable: true })
  decisions: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  @ManyToMany(() => ComplaintEntity)
  @JoinTable({
    name: 'case_conference_complaints',
    joinColumn: { name: 'case_conference_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'complaint_id', referencedColumnName: 'id' },
  })
  complaints?: ComplaintEntity[];

  @ManyToMany(() => OrganisationEntity)
  @JoinTable({
    name: 'case_conference_participants',
    joinColumn: { name: 'case_conference_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'organisation_id', referencedColumnName: 'id' },
  })
  participants?: OrganisationEntity[];

  @OneToMany(() => CaseConferenceActionEntity, (action) => action.caseConference)
  actions?: CaseConferenceActionEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
