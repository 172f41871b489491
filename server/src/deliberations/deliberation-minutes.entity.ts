import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EvidenceObjectEntity } from '../evidence/evidence.entity';
import { sha256FormatCheck } from '../evidence/evidence.rules';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { DeliberationEntity } from '../recipients/deliberation.entity';
import { MINUTES_CONTENT_TYPES } from './deliberation-minutes.rules';

/**
 * The signed minutes (berita acara) of a village deliberation, as a stored
 * file: a PDF or a photo, received through the evidence pipeline (type checked
 * from the bytes, metadata removed) and stored in the same object store under
 * its SHA-256. Public (docs/adr/0038-village-deliberations-in-the-open.md).
 * Append-only (a trigger refuses UPDATE and DELETE): a village that uploads a
 * better scan adds a row, the newest is the one shown, and the earlier stay on
 * record.
 */
@Entity('deliberation_minutes')
@Check('deliberation_minutes_content_type', `"content_type" IN (${MINUTES_CONTENT_TYPES.map((type) => `'${type}'`).join(', ')})`)
@Check('deliberation_minutes_uploaded_sha256_format', sha256FormatCheck('uploaded_sha256'))
@Check('deliberation_minutes_sizes_positive', `"size" > 0 AND "uploaded_size" > 0`)
@Index('idx_deliberation_minutes_deliberation', ['deliberationId', 'attachedAt'])
export class DeliberationMinutesEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  deliberationId: string;

  @ManyToOne(() => DeliberationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deliberation_id' })
  deliberation?: DeliberationEntity;

  @Index('idx_deliberation_minutes_object')
  @Column({ type: 'char', length: 64 })
  objectSha256: string;

  @ManyToOne(() => EvidenceObjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'object_sha256' })
  object?: EvidenceObjectEntity;

  /** Detected from the bytes. */
  @Column({ type: 'varchar', length: 40 })
  contentType: string;

  /** Of the stored bytes (after the metadata was removed). */
  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'integer' })
  uploadedSize: number;

  @Column({ type: 'char', length: 64 })
  uploadedSha256: string;

  /** Whether the stored bytes differ from the uploaded ones because metadata was removed. */
  @Column({ type: 'boolean' })
  metadataRemoved: boolean;

  /** As the village named it; never shown publicly (a file name can hold a person's name). */
  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  @Column({ type: 'uuid' })
  attachedByClientId: string;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'attached_by_client_id' })
  attachedByClient?: ApiClientEntity;

  @Column({ type: 'uuid' })
  attachedByOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'attached_by_organisation_id' })
  attachedByOrganisation?: OrganisationEntity;

  @Column({ type: 'timestamptz' })
  attachedAt: Date;
}
