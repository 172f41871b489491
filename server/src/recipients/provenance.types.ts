import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProvenanceAction } from './recipient-provenance.entity';
import { Recipient } from './recipient.types';

registerEnumType(ProvenanceAction, {
  name: 'ProvenanceAction',
  description: 'What a provenance entry records.',
  valuesConfig: {
    IMPORTED: { description: 'Taken over from DTKS when the register was loaded (approved by the ministry; no proposal behind it).' },
    ADDED: { description: 'Added to the register on an approved ADD proposal.' },
    UPDATED: { description: 'Register data changed on an approved UPDATE proposal (see `changedFields`).' },
    REMOVED: { description: 'Removed from the register on an approved REMOVE proposal; enrolments ended.' },
  },
});

export enum ProvenanceBreakReason {
  HASH_MISMATCH = 'HASH_MISMATCH',
  CHAIN_BROKEN = 'CHAIN_BROKEN',
  SEQUENCE_GAP = 'SEQUENCE_GAP',
  REGISTER_MISMATCH = 'REGISTER_MISMATCH',
  NO_RECORD = 'NO_RECORD',
}

registerEnumType(ProvenanceBreakReason, {
  name: 'ProvenanceBreakReason',
  description: 'How a recipient’s provenance chain is broken.',
  valuesConfig: {
    HASH_MISMATCH: { description: 'The entry’s content no longer matches its hash: it was edited after it was written.' },
    CHAIN_BROKEN: { description: 'The entry does not point at the hash of the entry before it: an entry before it was edited, replaced or removed.' },
    SEQUENCE_GAP: { description: 'Entries are missing before this one (its number is not the next).' },
    REGISTER_MISMATCH: { description: 'The recipient’s register data differ from what the last entry recorded: the register was changed without a recorded, approved change.' },
    NO_RECORD: { description: 'The recipient has no provenance at all.' },
  },
});

export interface ProvenanceRow {
  id: string;
  recipientId: string;
  seq: number;
  action: ProvenanceAction;
  changedFields: string[];
  proposalId: string | null;
  proposedByOrganisationId: string | null;
  proposedAt: Date | null;
  deliberationId: string | null;
  sourceComplaintId: string | null;
  approvedByOrganisationId: string;
  occurredAt: Date;
  stateHash: string;
  prevHash: string | null;
  hash: string;
}

/** Columns of `recipient_provenance p`. */
export const PROVENANCE_COLUMNS = `p.id, p.recipient_id AS "recipientId", p.seq, p.action, p.changed_fields AS "changedFields", p.proposal_id AS "proposalId",
  p.proposed_by_organisation_id AS "proposedByOrganisationId", p.proposed_at AS "proposedAt", p.deliberation_id AS "deliberationId",
  p.source_complaint_id AS "sourceComplaintId", p.approved_by_organisation_id AS "approvedByOrganisationId", p.occurred_at AS "occurredAt",
  p.state_hash AS "stateHash", p.prev_hash AS "prevHash", p.hash`;

@ObjectType('RecipientProvenanceEntry', {
  description: 'One change to a recipient in the register: who proposed it, what recommended it (a village deliberation or an upheld complaint), who approved it, and when. '
    + 'Entries form a hash chain per recipient (docs/adr/0008-provenance.md). Handlers in jurisdiction and auditors.',
})
export class RecipientProvenanceEntry {
  @Field(() => Int, { description: '1, 2, 3 … per recipient, oldest first.' })
  seq: number;

  @Field(() => ProvenanceAction, { description: 'What happened.' })
  action: ProvenanceAction;

  @Field(() => [String], { description: 'The register fields the change set (names, e.g. `address`); all of them for ADDED, `dtksStatus` for REMOVED, none for IMPORTED.' })
  changedFields: string[];

  @Field(() => Date, { nullable: true, description: 'When it was proposed; null for IMPORTED.' })
  proposedAt: Date | null;

  @Field(() => Date, { description: 'When it was approved and took effect.' })
  approvedAt: Date;

  @Field({ description: 'SHA-256 (hex) of the recipient’s register data right after this change.' })
  stateHash: string;

  @Field(() => String, { nullable: true, description: 'The `hash` of the entry before; null for the first.' })
  previousHash: string | null;

  @Field({ description: 'SHA-256 (hex) of this entry’s canonical serialisation, which includes `previousHash`.' })
  hash: string;

  row: ProvenanceRow;

  static from(row: ProvenanceRow): RecipientProvenanceEntry {
    return Object.assign(new RecipientProvenanceEntry(), {
      seq: row.seq, action: row.action, changedFields: row.changedFields, proposedAt: row.proposedAt, approvedAt: row.occurredAt,
      stateHash: row.stateHash, previousHash: row.prevHash, hash: row.hash, row,
    });
  }
}

@ObjectType('ProvenanceBreak', { description: 'Where and how a provenance chain is broken.' })
export class ProvenanceBreak {
  @Field(() => Int, { nullable: true, description: 'The entry at fault (its `seq` as stored); null for NO_RECORD.' })
  seq: number | null;

  @Field(() => ProvenanceBreakReason, { description: 'What is wrong.' })
  reason: ProvenanceBreakReason;
}

@ObjectType('ProvenanceVerification', {
  description: 'The result of checking a recipient’s provenance chain: every entry’s hash recomputed from its content, every link to the entry before, '
    + 'the numbering, and the register data against the last entry. Handlers in jurisdiction and auditors.',
})
export class ProvenanceVerification {
  @Field(() => Recipient, { description: 'The recipient checked.' })
  recipient: Recipient;

  @Field({ description: 'True when nothing is broken.' })
  intact: boolean;

  @Field(() => Int, { description: 'How many entries were checked.' })
  entries: number;

  @Field(() => String, { nullable: true, description: 'The hash of the newest entry: keep it outside Aduan (a report, a letter) to notice later a rewrite of the whole chain.' })
  headHash: string | null;

  @Field(() => [ProvenanceBreak], { description: 'Every break found, oldest entry first; empty when intact.' })
  brokenAt: ProvenanceBreak[];

  @Field(() => Date, { description: 'When it was checked.' })
  checkedAt: Date;
}
