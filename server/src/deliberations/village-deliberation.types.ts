import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import { ProvenanceBreak } from '../recipients/provenance.types';
import { RecipientChangeKind, RecipientChangeStatus } from '../recipients/recipient-change-proposal.entity';

/**
 * The public view of village deliberations (docs/adr/0038-village-deliberations-in-the-open.md).
 * Nothing here identifies a person: names are masked as the aid check masks them; never a NIK,
 * KK number, birth date, address, sex, the proposal's reasons or evidence, the reviewer's note,
 * a file name, or an id that leads to a recipient or a proposal.
 */

/** A deliberation as the public view reads it. */
export interface PublicDeliberationRow {
  id: string;
  regionCode: string;
  heldOn: string;
  minutesNumber: string;
  attendanceCount: number;
  recordedByOrganisationId: string;
  createdAt: Date;
  createdAtCursor: string;
}

/** Columns of `deliberations m`. */
export const PUBLIC_DELIBERATION_COLUMNS = `m.id, m.region_code AS "regionCode", m.held_on AS "heldOn", m.minutes_number AS "minutesNumber",
  m.attendance_count AS "attendanceCount", m.recorded_by_organisation_id AS "recordedByOrganisationId", m.created_at AS "createdAt",
  to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtCursor"`;

/** One change a deliberation proposed, masked (deliberation.loaders.ts: only the masked name leaves the query's function). */
export interface PublicChangeRow {
  proposalId: string;
  deliberationId: string;
  kind: RecipientChangeKind;
  status: RecipientChangeStatus;
  maskedName: string | null;
  recipientId: string | null;
  programCodes: string[];
  reviewedAt: Date | null;
  reviewedByOrganisationId: string | null;
}

export interface PublicMinutesRow {
  id: string;
  deliberationId: string;
  contentType: string;
  size: number;
  sha256: string;
  metadataRemoved: boolean;
  attachedAt: Date;
}

@ObjectType('ChangeProvenanceCheck', {
  description: 'Whether the register’s provenance chain of the person an approved change concerns verifies (docs/adr/0008-provenance.md): every entry’s hash recomputed, '
    + 'every link, the numbering, and the register data against the last entry — and whether the chain records this change. Checked when asked. Public: no identity.',
})
export class ChangeProvenanceCheck {
  @Field({ description: 'True when the chain verifies and records this change.' })
  intact: boolean;

  @Field({ description: 'Whether the chain holds an entry for this change’s approval (false: the entry was removed or rewritten).' })
  changeRecorded: boolean;

  @Field(() => Int, { description: 'How many entries the chain has.' })
  entries: number;

  @Field(() => [ProvenanceBreak], { description: 'Every break found (the entry’s number and what is wrong), oldest first; empty when the chain verifies.' })
  brokenAt: ProvenanceBreak[];

  @Field(() => Date, { description: 'When it was checked.' })
  checkedAt: Date;
}

@ObjectType('VillageDeliberationChange', {
  description: 'One change to the recipient register that a village deliberation proposed, as the public sees it: the kind, the person’s name masked as the aid check masks it '
    + '(`S*** A*****`), the district’s review and the provenance check. Never a NIK, KK number, birth date or address. Public.',
})
export class VillageDeliberationChange {
  @Field(() => Int, { description: 'Its place among the deliberation’s changes, 1, 2, 3 … in the order they were proposed.' })
  position: number;

  @Field(() => RecipientChangeKind, { description: 'Add, remove or update.' })
  kind: RecipientChangeKind;

  @Field(() => RecipientChangeStatus, { description: 'Pending (waiting for the district/city office), approved or rejected.' })
  status: RecipientChangeStatus;

  @Field(() => String, { nullable: true, description: 'The person’s name, masked: the first letter of each word (`S*** A*****`).' })
  name: string | null;

  @Field(() => Date, { nullable: true, description: 'When the district/city office approved or rejected it; null while pending.' })
  reviewedAt: Date | null;

  row: PublicChangeRow;
}

@ObjectType('DeliberationChangeCount', { description: 'How many changes of one kind a deliberation proposed, and where they stand. Public.' })
export class DeliberationChangeCount {
  @Field(() => RecipientChangeKind, { description: 'The kind of change.' })
  kind: RecipientChangeKind;

  @Field(() => Int, { description: 'How many were proposed.' })
  proposed: number;

  @Field(() => Int, { description: 'How many the district/city office approved.' })
  approved: number;

  @Field(() => Int, { description: 'How many it rejected.' })
  rejected: number;

  @Field(() => Int, { description: 'How many wait for its review.' })
  pending: number;
}

@ObjectType('DeliberationProgramChangeCount', {
  description: 'How many of a deliberation’s changes of one kind concern people enrolled in a programme (any enrolment, current or ended). A person in two programmes counts in both; '
    + 'a person added is counted once enrolled. Public.',
})
export class DeliberationProgramChangeCount {
  @Field(() => RecipientChangeKind, { description: 'The kind of change.' })
  kind: RecipientChangeKind;

  @Field(() => Int, { description: 'How many changes.' })
  count: number;

  programCode: string;
}

@ObjectType('DeliberationReview', { description: 'The district/city office’s review of a deliberation’s proposals, in sum. Public.' })
export class DeliberationReview {
  @Field(() => Int, { description: 'Proposals approved (applied to the register).' })
  approved: number;

  @Field(() => Int, { description: 'Proposals rejected.' })
  rejected: number;

  @Field(() => Int, { description: 'Proposals still waiting.' })
  pending: number;

  @Field({ description: 'True when every proposal has been decided.' })
  complete: boolean;

  @Field(() => Date, { nullable: true, description: 'The first decision; null before any.' })
  firstReviewedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'The latest decision; null before any.' })
  lastReviewedAt: Date | null;

  @Field(() => [String], { description: 'The offices that decided (names of public bodies), alphabetically.' })
  reviewedBy: string[];
}

@ObjectType('DeliberationMinutes', {
  description: 'The signed minutes (berita acara) of a village deliberation as its village office uploaded them: a PDF or a photo, its type checked from the bytes and its metadata removed '
    + '(author, software, EXIF location). Public.',
})
export class DeliberationMinutes {
  @Field(() => ID, { description: 'Its id.' })
  id: string;

  @Field({ description: 'The type detected from its bytes: `application/pdf`, `image/jpeg`, `image/png` or `image/webp`.' })
  contentType: string;

  @Field(() => Int, { description: 'Size in bytes, as served.' })
  size: number;

  @Field({ description: 'SHA-256 (lower-case hex) of the file as served: what a download gives you.' })
  sha256: string;

  @Field({ description: 'Whether its metadata was removed before it was stored (always true for files received since this view opened).' })
  metadataRemoved: boolean;

  @Field(() => Date, { description: 'When it was attached.' })
  attachedAt: Date;

  row: PublicMinutesRow;

  static from(row: PublicMinutesRow): DeliberationMinutes {
    return Object.assign(new DeliberationMinutes(), {
      id: toGlobalId('DeliberationMinutes', row.id), contentType: row.contentType, size: row.size, sha256: row.sha256,
      metadataRemoved: row.metadataRemoved, attachedAt: row.attachedAt, row,
    });
  }
}

@ObjectType('VillageDeliberation', {
  description: 'A village deliberation (musyawarah desa, Musdes) in the open: when it was held, how many attended, the register changes it proposed (names masked), '
    + 'the district/city office’s review, the signed minutes, and each approved change’s provenance check. Public from the moment it is recorded (docs/adr/0038).',
})
export class VillageDeliberation {
  @Field(() => ID, { description: 'Its id: the same as the Deliberation id handlers see on proposals.' })
  id: string;

  @Field({ description: 'When it was held, `YYYY-MM-DD`.' })
  heldOn: string;

  @Field({ description: 'The number of its minutes (berita acara), e.g. `140/BA-MUSDES/X/2026`.' })
  minutesNumber: string;

  @Field(() => Int, { description: 'How many attended.' })
  attendanceCount: number;

  @Field(() => Date, { description: 'When the village office recorded it in Aduan.' })
  recordedAt: Date;

  row: PublicDeliberationRow;

  static from(row: PublicDeliberationRow): VillageDeliberation {
    return Object.assign(new VillageDeliberation(), {
      id: toGlobalId('Deliberation', row.id), heldOn: row.heldOn, minutesNumber: row.minutesNumber, attendanceCount: row.attendanceCount, recordedAt: row.createdAt, row,
    });
  }
}

export const { ConnectionType: VillageDeliberationConnection, EdgeType: VillageDeliberationEdge } = connectionTypes(
  VillageDeliberation,
  'VillageDeliberation',
  'A page of village deliberations, the most recently recorded first.',
);
