import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DtksStatus } from '../common/enums';
import { RegionEntity } from '../regions/region.entity';

/**
 * A person in the beneficiary register, keyed by NIK and grouped into families by
 * KK number. The NIK is personal data: see docs/adr/0003-personal-data.md.
 */
@Entity('recipients')
// 16 digits, without a counted repetition ({16}), which PostgreSQL's regex engine makes slow at import scale (docs/adr/0024).
@Check('recipient_nik_format', `length("nik") = 16 AND "nik" !~ '[^0-9]'`)
@Check('recipient_kk_format', `length("kk_number") = 16 AND "kk_number" !~ '[^0-9]'`)
@Check('recipient_sex', `"sex" IN ('M', 'F')`)
// The public aid check looks names up by prefix (lower(full_name) text_pattern_ops); written by hand in a migration.
@Index('idx_recipients_name_search', { synchronize: false })
export class RecipientEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_recipients_nik', { unique: true })
  @Column({ type: 'char', length: 16 })
  nik: string;

  @Index('idx_recipients_kk_number')
  @Column({ type: 'char', length: 16 })
  kkNumber: string;

  @Column({ type: 'varchar', length: 150 })
  fullName: string;

  @Column({ type: 'date' })
  birthDate: string;

  @Column({ type: 'char', length: 1 })
  sex: 'M' | 'F';

  /** The head of the family (kepala keluarga) on the KK. */
  @Column({ type: 'boolean', default: false })
  isFamilyHead: boolean;

  /** The village of residence. */
  @Index('idx_recipients_region')
  @Column({ type: 'varchar', length: 13 })
  regionCode: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: RegionEntity;

  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Column({ type: 'enum', enum: DtksStatus, enumName: 'dtks_status' })
  dtksStatus: DtksStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
