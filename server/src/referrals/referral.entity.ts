import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';

export enum ReferralStatus {
  OPEN = 'OPEN',
  ANSWERED = 'ANSWERED',
  WITHDRAWN = 'WITHDRAWN',
}

/** A complaint referred to a bank or another agency, which answers it. */
@Entity('referrals')
@Check('referral_answer_when_answered', `("status" = 'ANSWERED') = ("answered_at" IS NOT NULL)`)
@Index('idx_referrals_to_organisation', ['toOrganisationId', 'status', 'createdAt'])
// One open referral of a complaint per organisation: a second one would ask the same party the same question.
@Index('uq_referrals_open_per_organisation', ['complaintId', 'toOrganisationId'], { unique: true, where: `"status" = 'OPEN'` })
export class ReferralEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_referrals_complaint')
  @Column({ type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: ComplaintEntity;

  @Column({ type: 'uuid' })
  toOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_organisation_id' })
  toOrganisation?: OrganisationEntity;

  /** Null when Aduan referred it at intake (e.g. a failed transfer to the disbursing bank). */
  @Column({ type: 'uuid', nullable: true })
  fromOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_organisation_id' })
  fromOrganisation?: OrganisationEntity;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'enum', enum: ReferralStatus, enumName: 'referral_status', default: ReferralStatus.OPEN })
  status: ReferralStatus;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
