import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';

export enum HomeVisitOutcome {
  CONFIRMED = 'CONFIRMED',
  NOT_CONFIRMED = 'NOT_CONFIRMED',
  NOBODY_HOME = 'NOBODY_HOME',
  MOVED_AWAY = 'MOVED_AWAY',
  OTHER = 'OTHER',
}

/** A social worker's (pekerja sosial) visit to the family a complaint is about. */
@Entity('home_visits')
@Check('home_visit_outcome_when_visited', `("visited_at" IS NULL) = ("outcome" IS NULL)`)
export class HomeVisitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_home_visits_complaint')
  @Column({ type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: ComplaintEntity;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 150 })
  socialWorkerName: string;

  @Column({ type: 'timestamptz' })
  scheduledFor: Date;

  @Column({ type: 'timestamptz', nullable: true })
  visitedAt: Date | null;

  @Column({ type: 'enum', enum: HomeVisitOutcome, enumName: 'home_visit_outcome', nullable: true })
  outcome: HomeVisitOutcome | null;

  @Column({ type: 'text', nullable: true })
  findings: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
