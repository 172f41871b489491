import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProgramEntity } from './program.entity';

/**
 * A programme's disbursement calendar, year by year: stage (tahap) N of a year
 * covers the months first_period … last_period. Kept per year because the
 * ministry changes it (BPNT was paid monthly in some years and in two- or
 * three-month batches in others). The aid check finds "the current period"
 * here.
 */
@Entity('program_stages')
@Check('program_stage_number', `"stage" BETWEEN 1 AND 12`)
@Check('program_stage_periods', `"first_period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND "last_period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' AND "first_period" <= "last_period"`)
@Check('program_stage_in_year', `left("first_period", 4)::int = "year" AND left("last_period", 4)::int = "year"`)
export class ProgramStageEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  programCode: string;

  @ManyToOne(() => ProgramEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code' })
  program?: ProgramEntity;

  @PrimaryColumn({ type: 'smallint' })
  year: number;

  @PrimaryColumn({ type: 'smallint' })
  stage: number;

  /** The first month the stage covers, `YYYY-MM`. */
  @Column({ type: 'char', length: 7 })
  firstPeriod: string;

  /** The last month the stage covers, `YYYY-MM`. */
  @Column({ type: 'char', length: 7 })
  lastPeriod: string;
}
