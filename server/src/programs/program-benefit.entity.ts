import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProgramEntity } from './program.entity';

/** Whom a benefit amount is counted for. */
export enum BenefitUnit {
  FAMILY = 'FAMILY',
  ELIGIBLE_MEMBER = 'ELIGIBLE_MEMBER',
  PERSON = 'PERSON',
}

/**
 * What a programme pays per stage, by component (PKH pays per eligible family
 * member: a child in primary school, an elderly person …; BPNT a flat amount
 * per family), over a validity range: amounts change by ministerial decree.
 */
@Entity('program_benefit_amounts')
@Check('program_benefit_amount_positive', `"amount_per_stage" > 0`)
@Check('program_benefit_validity', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
@Check('program_benefit_component_format', `"component" ~ '^[A-Z][A-Z0-9_]{1,39}$'`)
@Index('uq_program_benefit_amounts_component_from', ['programCode', 'component', 'validFrom'], { unique: true })
export class ProgramBenefitAmountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  programCode: string;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code' })
  program?: ProgramEntity;

  /** `EARLY_CHILDHOOD`, `ELDERLY`, `PER_FAMILY` … */
  @Column({ type: 'varchar', length: 40 })
  component: string;

  /** In Bahasa Indonesia, e.g. "Anak usia dini (0–6 tahun)". */
  @Column({ type: 'varchar', length: 300 })
  description: string;

  /** Whole rupiah per stage (tahap). */
  @Column({ type: 'bigint' })
  amountPerStage: string;

  @Column({ type: 'enum', enum: BenefitUnit, enumName: 'benefit_unit' })
  unit: BenefitUnit;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;
}
