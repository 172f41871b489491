import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { CaseConferenceEntity } from './case-conference.entity';

/** A follow-up action agreed at a case conference, owned by one organisation. */
@Entity('case_conference_actions')
export class CaseConferenceActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_case_conference_actions_conference')
  @Column({ type: 'uuid' })
  caseConferenceId: string;

  @ManyToOne(() => CaseConferenceEntity, (conference) => conference.actions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_conference_id' })
  caseConference?: CaseConferenceEntity;

  /** Its place in the list the conference agreed (1, 2, 3 …). */
  @Column({ type: 'smallint', default: 1 })
  position: number;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'uuid' })
  responsibleOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_organisation_id' })
  responsibleOrganisation?: OrganisationEntity;

  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
