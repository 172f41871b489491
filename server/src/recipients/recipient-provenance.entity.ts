import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ComplaintEntity } from '../complaints/complaint.entity';
import { ApiClientEntity } from '../organisations/api-client.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { DeliberationEntity } from './deliberation.entity';
import { RegisterImportEntity } from './import/register-import.entity';
import { RecipientChangeProposalEntity } from './recipient-change-proposal.entity';
import { RecipientEntity } from './recipient.entity';

export enum ProvenanceAction {
  /** Taken over from DTKS when Aduan's register was loaded; no proposal behind it. */
  IMPORTED = 'IMPORTED',
  ADDED = 'ADDED',
  UPDATED = 'UPDATED',
  REMOVED = 'REMOVED',
}

/**
 * Who proposed, recommended and approved each change to a recipient, and when:
 * a hash chain per recipient (docs/adr/0008-provenance.md). A BEFORE INSERT
 * trigger numbers the entry (`seq`), links it to the previous one
 * (`prev_hash`), records the recipient's register data after the change
 * (`state_hash`) and computes `hash`; writers supply only the facts. Another
 * trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity('recipient_provenance')
@Unique('uq_recipient_provenance_recipient_seq', ['recipientId', 'seq'])
@Check('recipient_provenance_seq_positive', `"seq" >= 1`)
// 64 lower-case hex digits, written without a counted repetition ({64}): PostgreSQL's regex engine expands it,
// and three of them were 15 % of a million-entry import's time (docs/adr/0024). Same meaning for char(64).
@Check('recipient_provenance_hash_format', `length("hash") = 64 AND "hash" !~ '[^0-9a-f]' AND length("state_hash") = 64 AND "state_hash" !~ '[^0-9a-f]' AND ("prev_hash" IS NULL OR (length("prev_hash") = 64 AND "prev_hash" !~ '[^0-9a-f]'))`)
@Check('recipient_provenance_first_has_no_prev', `("seq" = 1) = ("prev_hash" IS NULL)`)
export class RecipientProvenanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne(() => RecipientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: RecipientEntity;

  /** 1, 2, 3 … per recipient; set by the trigger. */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'enum', enum: ProvenanceAction, enumName: 'provenance_action' })
  action: ProvenanceAction;

  /** The register fields the change set (names, not values: the values are in the register and the proposal). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  changedFields: string[];

  @Column({ type: 'uuid', nullable: true })
  proposalId: string | null;

  @ManyToOne(() => RecipientChangeProposalEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: RecipientChangeProposalEntity;

  /** Who proposed it (a village office; for a complaint's correction, the office that upheld it). */
  @Column({ type: 'uuid', nullable: true })
  proposedByOrganisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposed_by_organisation_id' })
  proposedByOrganisation?: OrganisationEntity;

  @Column({ type: 'timestamptz', nullable: true })
  proposedAt: Date | null;

  /** The village deliberation that recommended it. */
  @Column({ type: 'uuid', nullable: true })
  deliberationId: string | null;

  @ManyToOne(() => DeliberationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deliberation_id' })
  deliberation?: DeliberationEntity;

  /** The upheld complaint that recommended it. */
  @Column({ type: 'uuid', nullable: true })
  sourceComplaintId: string | null;

  @ManyToOne(() => ComplaintEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_complaint_id' })
  sourceComplaint?: ComplaintEntity;

  /** Who approved it: the district/city office; for IMPORTED, the ministry (DTKS). */
  @Column({ type: 'uuid' })
  approvedByOrganisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approved_by_organisation_id' })
  approvedByOrganisation?: OrganisationEntity;

  @Column({ type: 'uuid', nullable: true })
  approvedByClientId: string | null;

  @ManyToOne(() => ApiClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approved_by_client_id' })
  approvedByClient?: ApiClientEntity;

  /** For IMPORTED and UPDATED entries written by the register import: the import (docs/adr/0024-register-import.md). */
  @Column({ type: 'uuid', nullable: true })
  importId: string | null;

  @ManyToOne(() => RegisterImportEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'import_id' })
  import?: RegisterImportEntity;

  /** When the change took effect (approval). */
  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  /** SHA-256 of the recipient's register data right after the change. */
  @Column({ type: 'char', length: 64 })
  stateHash: string;

  /** The previous entry's `hash`; null for the first. */
  @Column({ type: 'char', length: 64, nullable: true })
  prevHash: string | null;

  /** SHA-256 of this entry's canonical serialisation, which includes prev_hash. */
  @Column({ type: 'char', length: 64 })
  hash: string;
}
