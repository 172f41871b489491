import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every read of unmasked personal data (a full NIK, KK number or phone number)
 * by a handler or an auditor: who, when, which record and field. Append-only
 * like the complaint timeline; auditors query it (docs/adr/0003-personal-data.md).
 */
@Entity('personal_data_access_log')
@Index('idx_personal_data_access_log_client_time', ['apiClientId', 'accessedAt'])
@Index('idx_personal_data_access_log_subject', ['subjectType', 'subjectId'])
@Index('idx_personal_data_access_log_officer_time', ['officerId', 'accessedAt'])
export class PersonalDataAccessEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  apiClientId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** The officer the client read it for (an officer token, docs/adr/0030-officers.md); null otherwise. */
  @Column({ type: 'uuid', nullable: true })
  officerId: string | null;

  /** That officer's name when they read it. */
  @Column({ type: 'varchar', length: 150, nullable: true })
  officerName: string | null;

  /** `Complaint`, `Recipient` … */
  @Column({ type: 'varchar', length: 40 })
  subjectType: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  /** Which field was read unmasked, e.g. `complainant.nik`. */
  @Column({ type: 'varchar', length: 60 })
  field: string;

  /** The request it happened in, to correlate with the logs. */
  @Column({ type: 'varchar', length: 64 })
  requestId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  accessedAt: Date;
}
