import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A social-assistance programme (PKH, BPNT, BST, BLT_DD, PBI_JK …), kept as data. */
@Entity('programs')
@Check('program_code_format', `"code" ~ '^[A-Z][A-Z0-9_]{1,19}$'`)
@Check('program_stages_positive', `"stages_per_year" BETWEEN 1 AND 12`)
export class ProgramEntity {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'text' })
  description: string;

  /** The unit that runs it, e.g. "Direktorat Jaminan Sosial, Kemensos". */
  @Column({ type: 'varchar', length: 200 })
  managingUnit: string;

  /** CASH, NON_CASH (e-voucher), or CONTRIBUTION (premium paid for the recipient). */
  @Column({ type: 'varchar', length: 20 })
  benefitForm: string;

  /** How many disbursement stages (tahap) a year. */
  @Column({ type: 'smallint' })
  stagesPerYear: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
