import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DtksStatus } from '../common/enums';
import { connectionTypes } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { UserError } from '../graphql/user-error';
import { RecipientChangeKind, RecipientChangeStatus } from './recipient-change-proposal.entity';
import { Recipient } from './recipient.types';

registerEnumType(RecipientChangeKind, {
  name: 'RecipientChangeKind',
  description: 'What a proposal changes in the recipient register.',
  valuesConfig: {
    ADD: { description: 'Add a person (to a family, or as a new family) to the register.' },
    REMOVE: { description: 'Take a person out of the register (no longer eligible, moved away, deceased); their enrolments end.' },
    UPDATE: { description: 'Correct a person’s register data (name, birth date, KK, address, family head, DTKS status).' },
  },
});

registerEnumType(RecipientChangeStatus, {
  name: 'RecipientChangeStatus',
  description: 'Where a change proposal stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting for the district/city social office.' },
    APPROVED: { description: 'Approved and applied to the register (see the recipient’s provenance).' },
    REJECTED: { description: 'Rejected; the register is unchanged.' },
  },
});

export enum RecipientChangeOrigin {
  VILLAGE_DELIBERATION = 'VILLAGE_DELIBERATION',
  UPHELD_COMPLAINT = 'UPHELD_COMPLAINT',
}

registerEnumType(RecipientChangeOrigin, {
  name: 'RecipientChangeOrigin',
  description: 'What recommended a change proposal.',
  valuesConfig: {
    VILLAGE_DELIBERATION: { description: 'A village office, on the recommendation of a village deliberation (musyawarah desa).' },
    UPHELD_COMPLAINT: { description: 'Opened automatically when a targeting complaint (WRONG_TARGET or NOT_RECEIVED) about the family was resolved as UPHELD.' },
  },
});

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

registerEnumType(ReviewDecision, {
  name: 'ReviewDecision',
  description: 'A district/city office’s decision on a change proposal.',
  valuesConfig: {
    APPROVE: { description: 'Apply the change to the register and append it to the recipient’s provenance.' },
    REJECT: { description: 'Leave the register as it is.' },
  },
});

// ---------------------------------------------------------------------------
// Rows.
// ---------------------------------------------------------------------------

export interface ProposalRow {
  id: string;
  /** created_at to the microsecond, for cursors. */
  createdAtCursor: string;
  kind: RecipientChangeKind;
  status: RecipientChangeStatus;
  regionCode: string;
  recipientId: string | null;
  nik: string;
  kkNumber: string | null;
  fullName: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  isFamilyHead: boolean | null;
  address: string | null;
  dtksStatus: DtksStatus | null;
  reason: string;
  evidence: string;
  deliberationId: string | null;
  sourceComplaintId: string | null;
  baseStateHash: string | null;
  proposedByOrganisationId: string;
  proposedByClientId: string | null;
  reviewedByOrganisationId: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  createdAt: Date;
}

/** Columns of `recipient_change_proposals x`. */
export const PROPOSAL_COLUMNS = `x.id, x.kind, x.status, x.region_code AS "regionCode", x.recipient_id AS "recipientId", x.nik, x.kk_number AS "kkNumber",
  x.full_name AS "fullName", x.birth_date AS "birthDate", x.sex, x.is_family_head AS "isFamilyHead", x.address, x.dtks_status AS "dtksStatus",
  x.reason, x.evidence, x.deliberation_id AS "deliberationId", x.source_complaint_id AS "sourceComplaintId", x.base_state_hash AS "baseStateHash",
  x.proposed_by_organisation_id AS "proposedByOrganisationId", x.proposed_by_client_id AS "proposedByClientId",
  x.reviewed_by_organisation_id AS "reviewedByOrganisationId", x.reviewed_at AS "reviewedAt", x.review_note AS "reviewNote", x.created_at AS "createdAt",
  to_char(x.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtCursor"`;

export interface DeliberationRow {
  id: string;
  regionCode: string;
  heldOn: string;
  minutesNumber: string;
  attendanceCount: number;
  recordedByOrganisationId: string;
  createdAt: Date;
}

/** Columns of `deliberations m`. */
export const DELIBERATION_COLUMNS = `m.id, m.region_code AS "regionCode", m.held_on AS "heldOn", m.minutes_number AS "minutesNumber",
  m.attendance_count AS "attendanceCount", m.recorded_by_organisation_id AS "recordedByOrganisationId", m.created_at AS "createdAt"`;

// ---------------------------------------------------------------------------
// Object types.
// ---------------------------------------------------------------------------

@ObjectType('Deliberation', {
  implements: Node,
  description: 'A village deliberation (musyawarah desa) that recommended changes to the register, by its minutes. Handlers in jurisdiction and auditors.',
})
export class Deliberation extends Node {
  @Field({ description: 'When it was held, `YYYY-MM-DD`.' })
  heldOn: string;

  @Field({ description: 'The number of its minutes (berita acara).' })
  minutesNumber: string;

  @Field(() => Int, { description: 'How many attended.' })
  attendanceCount: number;

  @Field(() => Date, { description: 'When it was recorded in Aduan.' })
  recordedAt: Date;

  row: DeliberationRow;

  static from(row: DeliberationRow): Deliberation {
    return Object.assign(new Deliberation(), {
      id: toGlobalId('Deliberation', row.id), heldOn: row.heldOn, minutesNumber: row.minutesNumber, attendanceCount: row.attendanceCount,
      recordedAt: row.createdAt, row,
    });
  }
}

@ObjectType('ProposedRecipientData', {
  description: 'The register data a proposal would set: all of it for ADD, only the fields it changes for UPDATE (the rest null), nothing for REMOVE.',
})
export class ProposedRecipientData {
  @Field(() => String, { nullable: true, description: 'Full name.' })
  fullName: string | null;

  @Field(() => String, { nullable: true, description: 'Birth date, `YYYY-MM-DD`.' })
  birthDate: string | null;

  @Field(() => String, { nullable: true, description: 'M or F.' })
  sex: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the person heads the family.' })
  isFamilyHead: boolean | null;

  @Field(() => String, { nullable: true, description: 'Address in the village.' })
  address: string | null;

  @Field(() => DtksStatus, { nullable: true, description: 'Standing in the register.' })
  dtksStatus: DtksStatus | null;

  /** kkNumber is a field resolver (logged). */
  row: ProposalRow;
}

@ObjectType('RecipientChangeProposal', {
  implements: Node,
  description: 'A proposed change to the recipient register (add, remove, update a person), with what recommended it, and the district/city office’s review. '
    + 'Handlers see those of villages in their jurisdiction, auditors all; NIK and KK whole (reads logged).',
})
export class RecipientChangeProposal extends Node {
  @Field(() => RecipientChangeKind, { description: 'Add, remove or update.' })
  kind: RecipientChangeKind;

  @Field(() => RecipientChangeStatus, { description: 'Pending, approved or rejected.' })
  status: RecipientChangeStatus;

  @Field(() => RecipientChangeOrigin, { description: 'A village deliberation, or an upheld complaint.' })
  origin: RecipientChangeOrigin;

  @Field({ description: 'Why the change is proposed.' })
  reason: string;

  @Field({ description: 'The evidence for it, described (letters, KK, home visit …).' })
  evidence: string;

  @Field(() => Date, { description: 'When it was proposed.' })
  proposedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was approved or rejected.' })
  reviewedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The reviewer’s note.' })
  reviewNote: string | null;

  row: ProposalRow;

  static from(row: ProposalRow): RecipientChangeProposal {
    return Object.assign(new RecipientChangeProposal(), {
      id: toGlobalId('RecipientChangeProposal', row.id), kind: row.kind, status: row.status,
      origin: row.sourceComplaintId ? RecipientChangeOrigin.UPHELD_COMPLAINT : RecipientChangeOrigin.VILLAGE_DELIBERATION,
      reason: row.reason, evidence: row.evidence, proposedAt: row.createdAt, reviewedAt: row.reviewedAt, reviewNote: row.reviewNote, row,
    });
  }
}

export const { ConnectionType: RecipientChangeProposalConnection, EdgeType: RecipientChangeProposalEdge } = connectionTypes(
  RecipientChangeProposal,
  'RecipientChangeProposal',
  'A page of recipient change proposals, newest first.',
);

// ---------------------------------------------------------------------------
// Inputs and payloads.
// ---------------------------------------------------------------------------

@InputType('DeliberationInput', { description: 'The village deliberation (musyawarah desa) that recommended a change, as its minutes record it.' })
export class DeliberationInput {
  @Field({ description: 'When it was held, `YYYY-MM-DD`: not in the future, at most a year ago.' })
  heldOn: string;

  @Field({ description: 'The number of its minutes (berita acara), 1–100 characters. Proposals from one meeting name the same minutes; they are recorded once.' })
  minutesNumber: string;

  @Field(() => Int, { description: 'How many attended (≥ 1).' })
  attendanceCount: number;
}

@InputType('RecipientDataInput', {
  description: 'A person’s register data. For ADD: fullName, kkNumber and address are required; birthDate and sex are read from the NIK when omitted (and must match it when given). '
    + 'For UPDATE: only the fields to change. For REMOVE: omit.',
})
export class RecipientDataInput {
  @Field(() => String, { nullable: true, description: 'Full name as on the KTP (1–150 characters).' })
  fullName?: string | null;

  @Field(() => String, { nullable: true, description: 'Birth date, `YYYY-MM-DD`.' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'L (laki-laki) or P (perempuan) as the KTP writes it, or M or F; stored and answered as M or F.' })
  sex?: string | null;

  @Field(() => String, { nullable: true, description: 'The family card (KK) number, 16 digits: the family the person belongs to.' })
  kkNumber?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the person heads the family (a KK has one head). Default for ADD: false.' })
  isFamilyHead?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Address in the village (1–300 characters).' })
  address?: string | null;

  @Field(() => DtksStatus, { nullable: true, description: 'UPDATE only: REGISTERED, NOT_REGISTERED or PROPOSED (to remove, use REMOVE).' })
  dtksStatus?: DtksStatus | null;
}

@InputType('ProposeRecipientChangeInput', { description: 'A village office’s proposal to change the recipient register, with the deliberation that recommended it.' })
export class ProposeRecipientChangeInput {
  @Field({ description: 'Your key for this proposal (1–128 characters). The same key within 24 h returns the first result and creates nothing; with different input it is refused (IDEMPOTENCY_KEY_REUSED).' })
  idempotencyKey: string;

  @Field(() => RecipientChangeKind, { description: 'Add, remove or update.' })
  kind: RecipientChangeKind;

  @Field({ description: 'The NIK (16 digits) of the person: for ADD the new person’s, otherwise a recipient living in your village.' })
  nik: string;

  @Field(() => RecipientDataInput, { nullable: true, description: 'The data to set (see RecipientDataInput).' })
  data?: RecipientDataInput | null;

  @Field({ description: 'Why (1–2000 characters).' })
  reason: string;

  @Field({ description: 'The evidence, described (1–2000 characters): letters, KK, a home visit …' })
  evidence: string;

  @Field(() => DeliberationInput, { description: 'The village deliberation that recommended it.' })
  deliberation: DeliberationInput;
}

@ObjectType('ProposeRecipientChangePayload', { description: 'The result of proposeRecipientChange.' })
export class ProposeRecipientChangePayload {
  @Field(() => RecipientChangeProposal, { nullable: true, description: 'The proposal, pending review; null when userErrors says why not.' })
  proposal: RecipientChangeProposal | null;

  @Field(() => [UserError], { description: 'Why it was not proposed; empty on success.' })
  userErrors: UserError[];
}

@InputType('ReviewRecipientChangeInput', { description: 'A district/city office’s decision on a pending change proposal of a village in its jurisdiction.' })
export class ReviewRecipientChangeInput {
  @Field(() => ID, { description: 'The proposal (a RecipientChangeProposal id).' })
  proposalId: string;

  @Field(() => ReviewDecision, { description: 'Approve (apply it) or reject.' })
  decision: ReviewDecision;

  @Field({ description: 'The reviewer’s note (1–2000 characters), e.g. what was verified.' })
  note: string;
}

@ObjectType('ReviewRecipientChangePayload', { description: 'The result of reviewRecipientChange.' })
export class ReviewRecipientChangePayload {
  @Field(() => RecipientChangeProposal, { nullable: true, description: 'The proposal after the review (or as it is, when userErrors says why not); null when not found.' })
  proposal: RecipientChangeProposal | null;

  @Field(() => Recipient, { nullable: true, description: 'The recipient as the register now holds it (for an approval); null otherwise.' })
  recipient: Recipient | null;

  @Field(() => [UserError], { description: 'Why nothing was decided; empty on success.' })
  userErrors: UserError[];
}

@InputType('RecipientChangeProposalFilter', { description: 'Narrows recipientChangeProposals; fields combine with AND, values of one field with OR.' })
export class RecipientChangeProposalFilter {
  @Field(() => [RecipientChangeStatus], { nullable: true, description: 'Statuses.' })
  status?: RecipientChangeStatus[] | null;

  @Field(() => [RecipientChangeKind], { nullable: true, description: 'Kinds.' })
  kind?: RecipientChangeKind[] | null;

  @Field(() => String, { nullable: true, description: 'A region (province, district, sub-district or village code): proposals of villages inside it.' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: 'The NIK concerned (16 digits).' })
  nik?: string | null;

  @Field(() => ID, { nullable: true, description: 'The complaint that opened it (a Complaint id).' })
  complaintId?: string | null;
}
