import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrganisationEntity } from '../../organisations/organisation.entity';

/** Whether an import's files went into the register (all of them) or were refused (none of them). */
export enum RegisterImportOutcome {
  IMPORTED = 'IMPORTED',
  REJECTED = 'REJECTED',
}

/** Which of an import's CSV files a row of register_import_files describes. */
export enum RegisterImportFileKind {
  RECIPIENTS = 'RECIPIENTS',
  ENROLMENTS = 'ENROLMENTS',
  DISBURSEMENTS = 'DISBURSEMENTS',
}

/**
 * One run of the register import (`npm run register -- import`, see
 * docs/register-import.md and docs/adr/0024-register-import.md): who ran it,
 * when, on whose authority, and whether it went in. A refused run is recorded
 * too (with its files' counts of rejected rows), in its own transaction after
 * the register's was rolled back; dry runs are not recorded.
 */
@Entity('register_imports')
@Index('idx_register_imports_started', ['startedAt'])
export class RegisterImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: RegisterImportOutcome, enumName: 'register_import_outcome' })
  outcome: RegisterImportOutcome;

  /** Who ran it: the operator's name as given (--operator), else the operating-system user. */
  @Column({ type: 'varchar', length: 200 })
  importedBy: string;

  /** The organisation on whose authority the data enters the register (the ministry, which determines DTKS). */
  @Column({ type: 'uuid' })
  approvedByOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approved_by_organisation_id' })
  approvedByOrganisation?: OrganisationEntity;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz' })
  finishedAt: Date;

  /** Rows written to the error file (0 when IMPORTED). */
  @Column({ type: 'integer', default: 0 })
  errorCount: number;
}

/** One CSV file of an import: its name, its SHA-256 and what became of its rows. */
@Entity('register_import_files')
@Unique('uq_register_import_files_import_kind', ['importId', 'kind'])
@Check('register_import_file_sha256', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Check('register_import_file_counts', `"rows" >= 0 AND "inserted" >= 0 AND "updated" >= 0 AND "unchanged" >= 0 AND "rejected" >= 0`)
export class RegisterImportFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  importId: string;

  @ManyToOne(() => RegisterImportEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'import_id' })
  import?: RegisterImportEntity;

  @Column({ type: 'enum', enum: RegisterImportFileKind, enumName: 'register_import_file_kind' })
  kind: RegisterImportFileKind;

  /** The file's name as given (its base name: no directories of the operator's machine). */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** SHA-256 of the file's bytes, lower-case hex. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** Data rows (records after the header). */
  @Column({ type: 'integer' })
  rows: number;

  @Column({ type: 'integer' })
  inserted: number;

  @Column({ type: 'integer' })
  updated: number;

  @Column({ type: 'integer' })
  unchanged: number;

  /** Rows with at least one error (the import then wrote nothing). */
  @Column({ type: 'integer' })
  rejected: number;
}
