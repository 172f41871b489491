import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { DeliberationMinutesEntity } from '../deliberations/deliberation-minutes.entity';
import { DeliberationEntity } from '../recipients/deliberation.entity';
import { acceptedContentTypeCheck, sha256FormatCheck } from './evidence.rules';
import { EvidenceEntity, EvidenceKind } from './evidence.entity';

export enum EvidenceUploadStatus {
  /** The URL was handed out; nothing received yet. */
  PENDING = 'PENDING',
  /** A PUT is receiving the bytes: the URL is used. */
  RECEIVING = 'RECEIVING',
  ATTACHED = 'ATTACHED',
  /** The bytes were refused (refusal_code says why); nothing was stored. */
  REFUSED = 'REFUSED',
  /** Never used in time, or abandoned while receiving (the cleanup job ends it). */
  EXPIRED = 'EXPIRED',
  /** A server error interrupted it; the caller asks for a new URL. */
  FAILED = 'FAILED',
}

/**
 * One requested upload: what the client declared, and what became of it.
 * Its URL is single-use because only one PUT can move it out of PENDING.
 * Kept after use: refused attempts (a disguised file, a wrong hash) are worth
 * an auditor's look.
 */
@Entity('evidence_uploads')
@Check('evidence_upload_sha256_format', sha256FormatCheck('declared_sha256'))
@Check('evidence_upload_size_positive', `"declared_size" > 0`)
@Check('evidence_upload_content_type', acceptedContentTypeCheck('declared_content_type'))
@Check('evidence_upload_attached', `("status" = 'ATTACHED') = ("evidence_id" IS NOT NULL OR "minutes_id" IS NOT NULL)`)
// What the file is for: a complaint's evidence, or a village deliberation's minutes (docs/adr/0038), never both.
@Check('evidence_upload_owner', `("complaint_id" IS NULL) <> ("deliberation_id" IS NULL)`)
@Check('evidence_upload_refused', `("status" = 'REFUSED') = ("refusal_code" IS NOT NULL)`)
@Index('idx_evidence_uploads_complaint_status', ['complaintId', 'status'])
@Index('idx_evidence_uploads_status_expires', ['status', 'expiresAt'])
export class EvidenceUploadEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The complaint the file backs; null for a deliberation's minutes. */
  @Column({ type: 'uuid', nullable: true })
  complaintId: string | null;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: ComplaintEntity;

  /** The village deliberation whose minutes (berita acara) the file is (docs/adr/0038). */
  @Index('idx_evidence_uploads_deliberation')
  @Column({ type: 'uuid', nullable: true })
  deliberationId: string | null;

  @ManyToOne(() => DeliberationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deliberation_id' })
  deliberation?: DeliberationEntity;

  /** Who asked for the URL: the evidence is attached in its name. */
  @Column({ type: 'uuid' })
  apiClientId: string;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'api_client_id' })
  apiClient?: ApiClientEntity;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  /**
   * Asked for by the complainant with tracking code and PIN (docs/adr/0026): the client and organisation are then
   * the complaint's intake client's (through which the person came), and the evidence is attached by the person.
   */
  @Column({ type: 'boolean', default: false })
  byComplainant: boolean;

  @Column({ type: 'enum', enum: EvidenceKind, enumName: 'evidence_kind' })
  kind: EvidenceKind;

  @Column({ type: 'varchar', length: 40 })
  declaredContentType: string;

  @Column({ type: 'integer' })
  declaredSize: number;

  @Column({ type: 'char', length: 64 })
  declaredSha256: string;

  @Column({ type: 'enum', enum: EvidenceUploadStatus, enumName: 'evidence_upload_status', default: EvidenceUploadStatus.PENDING })
  status: EvidenceUploadStatus;

  /** The UserErrorCode the upload was refused with. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  refusalCode: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  evidenceId: string | null;

  @ManyToOne(() => EvidenceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'evidence_id' })
  evidence?: EvidenceEntity;

  /** The minutes row it became (a deliberation's upload). */
  @Column({ type: 'uuid', nullable: true })
  minutesId: string | null;

  @ManyToOne(() => DeliberationMinutesEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'minutes_id' })
  minutes?: DeliberationMinutesEntity;
}
