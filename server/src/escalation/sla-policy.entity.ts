import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ComplaintCategory, DurationUnit, SlaStage, Tier } from '../common/enums';
import { ProgramEntity } from '../programs/program.entity';

/**
 * How long a stage (verification, resolution) may take, as data. A null tier,
 * category or programme matches any; the most specific policy wins. The unique
 * index treats nulls as equal (NULLS NOT DISTINCT), so two policies cannot claim
 * the same case.
 */
@Entity('sla_policies')
@Check('sla_policy_duration_positive', `"duration" > 0`)
@Check('sla_policy_at_risk_fraction', `"at_risk_fraction" > 0 AND "at_risk_fraction" < 1`)
@Index('uq_sla_policies_scope', { synchronize: false })
export class SlaPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: SlaStage, enumName: 'sla_stage' })
  stage: SlaStage;

  @Column({ type: 'enum', enum: Tier, enumName: 'tier', nullable: true })
  tier: Tier | null;

  @Column({ type: 'enum', enum: ComplaintCategory, enumName: 'complaint_category', nullable: true })
  category: ComplaintCategory | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  programCode: string | null;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code' })
  program?: ProgramEntity;

  @Column({ type: 'integer' })
  duration: number;

  @Column({ type: 'enum', enum: DurationUnit, enumName: 'duration_unit' })
  unit: DurationUnit;

  /** AT_RISK when no more than this fraction of the time is left (0.25 = 25 %). */
  @Column({ type: 'numeric', precision: 3, scale: 2, default: () => '0.25' })
  atRiskFraction: string;

  /** Escalate one tier automatically when breached. */
  @Column({ type: 'boolean', default: true })
  autoEscalate: boolean;

  @Column({ type: 'text' })
  description: string;
}
