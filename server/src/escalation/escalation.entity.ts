import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tier } from '../common/enums';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { ComplaintEntity } from '../complaints/complaint.entity';

/** A move of a complaint up the tiers, by a handler or by the SLA scheduler. */
@Entity('escalations')
@Check('escalation_goes_up', `"from_tier" <> "to_tier"`)
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_escalations_complaint')
  @Column({ type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: ComplaintEntity;

  @Column({ type: 'enum', enum: Tier, enumName: 'tier' })
  fromTier: Tier;

  @Column({ type: 'enum', enum: Tier, enumName: 'tier' })
  toTier: Tier;

  @Column({ type: 'text' })
  reason: string;

  /** True when the SLA scheduler escalated a breached complaint. */
  @Column({ type: 'boolean', default: false })
  automatic: boolean;

  @Column({ type: 'uuid', nullable: true })
  actorClientId: string | null;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_client_id' })
  actorClient?: ApiClientEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
