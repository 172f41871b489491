import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { acceptedContentTypeCheck as ACCEPTED, sha256FormatCheck as SHA256_FORMAT } from './evidence.rules';

/** What a file shows, as the uploader says; handlers triage by it without opening (and logging) the file. */
export enum EvidenceKind {
  ID_CARD = 'ID_CARD',
  FAMILY_CARD = 'FAMILY_CARD',
  LETTER = 'LETTER',
  PHOTO = 'PHOTO',
  VIDEO = 'VIDEO',
  OTHER = 'OTHER',
}


/**
 * A stored file, addressed by the SHA-256 of its stored bytes: the same bytes
 * attached to two complaints are one object. A row is claimed (claimed_at)
 * before its bytes are written, so the cleanup job never removes an object an
 * upload is about to attach (docs/adr/0010-evidence.md).
 */
@Entity('evidence_objects')
@Check('evidence_object_sha256_format', SHA256_FORMAT('sha256'))
@Check('evidence_object_content_type', ACCEPTED('content_type'))
@Check('evidence_object_size_positive', `"size" > 0`)
@Index('idx_evidence_objects_claimed', ['claimedAt'])
export class EvidenceObjectEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'varchar', length: 40 })
  contentType: string;

  /** When an upload last claimed it; the cleanup job leaves recent claims alone. */
  @Column({ type: 'timestamptz' })
  claimedAt: Date;
}

/**
 * An object the store holds that the database has no evidence_objects row for
 * (a hand-made copy, a restored backup), as the daily store sweep saw it. The
 * sweep removes it once it has seen it for ORPHAN_GRACE_MS — timed by the
 * server's clock, like every other time the cleanup compares: an object's own
 * time stamp is the store's clock (file times, S3's LastModified), which need
 * not agree with the server's, and a restore may keep an old one.
 * A row goes with its object, or when a sweep no longer sees it as a stray.
 */
@Entity('evidence_store_strays')
@Check('evidence_store_stray_sha256_format', SHA256_FORMAT('sha256'))
export class EvidenceStoreStrayEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'timestamptz' })
  firstSeenAt: Date;

  /** The sweep that saw it last: a sweep forgets the strays it did not see. */
  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;
}

/**
 * A file attached to a complaint. Append-only (a trigger refuses UPDATE and
 * DELETE): evidence of fraud must outlast the people it is about. Holds no
 * personal data itself beyond the file name; the bytes are in the object store.
 */
@Entity('evidence')
@Check('evidence_content_type', ACCEPTED('content_type'))
@Check('evidence_uploaded_sha256_format', SHA256_FORMAT('uploaded_sha256'))
@Check('evidence_sizes_positive', `"size" > 0 AND "uploaded_size" > 0`)
@Index('idx_evidence_complaint', ['complaintId', 'attachedAt'])
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  complaintId: string;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  complaint?: ComplaintEntity;

  @Index('idx_evidence_object')
  @Column({ type: 'char', length: 64 })
  objectSha256: string;

  @ManyToOne(() => EvidenceObjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'object_sha256' })
  object?: EvidenceObjectEntity;

  @Column({ type: 'enum', enum: EvidenceKind, enumName: 'evidence_kind' })
  kind: EvidenceKind;

  /** Detected from the bytes. */
  @Column({ type: 'varchar', length: 40 })
  contentType: string;

  /** Of the stored bytes (an image after its metadata was removed). */
  @Column({ type: 'integer' })
  size: number;

  /** What the client uploaded (and declared): lets it match its own file. */
  @Column({ type: 'integer' })
  uploadedSize: number;

  @Column({ type: 'char', length: 64 })
  uploadedSha256: string;

  /** Whether the stored bytes were re-encoded without metadata (images). */
  @Column({ type: 'boolean' })
  metadataRemoved: boolean;

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

/**
 * The secret upload and download URLs are signed with (HMAC-SHA256), one per
 * installation: made by the first process that needs it, shared by all.
 */
@Entity('evidence_url_keys')
@Check('evidence_url_key_single', `"id" = 1`)
export class EvidenceUrlKeyEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bytea' })
  secret: Buffer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
