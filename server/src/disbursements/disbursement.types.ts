import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DisbursementFailureCode, DisbursementIssueStatus } from '../common/enums';
import { connectionTypes } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { UserError } from '../graphql/user-error';

/** How many items one reportDisbursementIssues call takes (the contract: 1–1000). */
export const MAX_ITEMS_PER_REPORT = 1000;

registerEnumType(DisbursementFailureCode, {
  name: 'DisbursementFailureCode',
  description: 'Why a bank transfer to a family account failed, as the bank reports it.',
  valuesConfig: {
    ACCOUNT_NOT_FOUND: { description: 'No account with that number at the bank.' },
    ACCOUNT_DORMANT: { description: 'The account is dormant (pasif) and does not take credits.' },
    ACCOUNT_CLOSED: { description: 'The account was closed.' },
    NAME_MISMATCH: { description: 'The name on the account differs from the recipient’s name.' },
    NIK_MISMATCH: { description: 'The NIK on the account differs from the recipient’s NIK.' },
    DECEASED: { description: 'The account holder is reported deceased.' },
    DUPLICATE_ACCOUNT: { description: 'The recipient holds more than one account for the programme.' },
    OTHER: { description: 'Any other reason.' },
  },
});

registerEnumType(DisbursementIssueStatus, {
  name: 'DisbursementIssueStatus',
  description: 'Where a reported failed transfer stands.',
  valuesConfig: {
    OPEN: { description: 'Reported, not yet resolved.' },
    RESENT: { description: 'The money was transferred again (see `resentOn`).' },
    RETURNED_TO_TREASURY: { description: 'The money was returned to the state treasury (kas negara).' },
    DATA_CORRECTED: { description: 'The recipient’s account data was corrected; the payment follows in a later disbursement.' },
  },
});

/** How a bank resolves an issue: the statuses after OPEN. */
export enum DisbursementIssueOutcome {
  RESENT = 'RESENT',
  RETURNED_TO_TREASURY = 'RETURNED_TO_TREASURY',
  DATA_CORRECTED = 'DATA_CORRECTED',
}

registerEnumType(DisbursementIssueOutcome, {
  name: 'DisbursementIssueOutcome',
  description: 'How a failed transfer was resolved.',
  valuesConfig: {
    RESENT: { description: 'Transferred again; give the new transfer date in `resentOn`. The disbursement becomes RESENT.' },
    RETURNED_TO_TREASURY: { description: 'Returned to the state treasury. The disbursement becomes RETURNED_TO_TREASURY.' },
    DATA_CORRECTED: { description: 'The account data was corrected; the disbursement stays FAILED until it is paid in a later run.' },
  },
});

// ---------------------------------------------------------------------------
// Rows, as the services read them.
// ---------------------------------------------------------------------------

export interface DisbursementIssueRow {
  id: string;
  /** created_at to the microsecond, for cursors. */
  createdAtCursor: string;
  batchId: string;
  itemIndex: number;
  disbursementId: string;
  recipientId: string;
  bankOrganisationId: string;
  programCode: string;
  period: string;
  nik: string;
  /** bigint, as pg returns it. */
  amount: string;
  failureCode: DisbursementFailureCode;
  occurredOn: string;
  status: DisbursementIssueStatus;
  resolvedAt: Date | null;
  resentOn: string | null;
  resolutionNote: string | null;
  createdAt: Date;
}

/** Columns of `disbursement_issues i` in DisbursementIssueRow's shape. */
export const ISSUE_COLUMNS = `i.id, i.batch_id AS "batchId", i.item_index AS "itemIndex", i.disbursement_id AS "disbursementId",
  i.recipient_id AS "recipientId", i.bank_organisation_id AS "bankOrganisationId", i.program_code AS "programCode", i.period,
  i.nik, i.amount, i.failure_code AS "failureCode", i.occurred_on AS "occurredOn", i.status, i.resolved_at AS "resolvedAt",
  i.resent_on AS "resentOn", i.resolution_note AS "resolutionNote", i.created_at AS "createdAt",
  to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtCursor"`;

export interface DisbursementBatchRow {
  id: string;
  bankOrganisationId: string;
  programCode: string;
  period: string;
  itemCount: number;
  acceptedCount: number;
  rejectedCount: number;
  createdAt: Date;
}

/** Columns of `disbursement_batches b` in DisbursementBatchRow's shape. */
export const BATCH_COLUMNS = `b.id, b.bank_organisation_id AS "bankOrganisationId", b.program_code AS "programCode", b.period,
  b.item_count AS "itemCount", b.accepted_count AS "acceptedCount", b.rejected_count AS "rejectedCount", b.created_at AS "createdAt"`;

// ---------------------------------------------------------------------------
// Object types.
// ---------------------------------------------------------------------------

@ObjectType('DisbursementIssue', {
  implements: Node,
  description: 'One failed transfer reported by a bank, matched to the disbursement, the recipient and the enrolment. '
    + 'The reporting bank sees its own (NIK masked); the ministry and auditors all; other social offices those of recipients in their jurisdiction.',
})
export class DisbursementIssue extends Node {
  @Field(() => Int, { description: 'The item’s position (0-based) in the bank’s reportDisbursementIssues call.' })
  index: number;

  @Field({ description: 'The disbursement month, `YYYY-MM`.' })
  period: string;

  @Field(() => Int, { description: 'The amount that failed, in whole rupiah, as the bank reported it.' })
  amount: number;

  @Field(() => DisbursementFailureCode, { description: 'Why the transfer failed.' })
  failureCode: DisbursementFailureCode;

  @Field({ description: 'When the transfer failed, `YYYY-MM-DD`.' })
  occurredOn: string;

  @Field(() => DisbursementIssueStatus, { description: 'Open until the bank resolves it.' })
  status: DisbursementIssueStatus;

  @Field(() => Date, { nullable: true, description: 'When it was resolved.' })
  resolvedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'For RESENT: the date of the new transfer, `YYYY-MM-DD`.' })
  resentOn: string | null;

  @Field(() => Date, { description: 'When it was reported.' })
  createdAt: Date;

  /** The row behind it, for field resolvers. */
  row: DisbursementIssueRow;

  static from(row: DisbursementIssueRow): DisbursementIssue {
    return Object.assign(new DisbursementIssue(), {
      id: toGlobalId('DisbursementIssue', row.id),
      index: row.itemIndex,
      period: row.period,
      amount: Number(row.amount),
      failureCode: row.failureCode,
      occurredOn: row.occurredOn,
      status: row.status,
      resolvedAt: row.resolvedAt,
      resentOn: row.resentOn,
      createdAt: row.createdAt,
      row,
    });
  }
}

export const { ConnectionType: DisbursementIssueConnection, EdgeType: DisbursementIssueEdge } = connectionTypes(
  DisbursementIssue,
  'DisbursementIssue',
  'A page of reported failed transfers.',
);

@ObjectType('DisbursementBatch', {
  implements: Node,
  description: 'One reportDisbursementIssues call of a bank: a programme, a month, and its items. Seen by the bank that sent it, social offices and auditors.',
})
export class DisbursementBatch extends Node {
  @Field({ description: 'The disbursement month reported on, `YYYY-MM`.' })
  period: string;

  @Field(() => Int, { description: 'Items sent.' })
  itemCount: number;

  @Field(() => Int, { description: 'Items recorded as issues.' })
  acceptedCount: number;

  @Field(() => Int, { description: 'Items refused (each with its userErrors in the call’s answer).' })
  rejectedCount: number;

  @Field(() => Date, { description: 'When it was received.' })
  createdAt: Date;

  row: DisbursementBatchRow;

  static from(row: DisbursementBatchRow): DisbursementBatch {
    return Object.assign(new DisbursementBatch(), {
      id: toGlobalId('DisbursementBatch', row.id),
      period: row.period,
      itemCount: row.itemCount,
      acceptedCount: row.acceptedCount,
      rejectedCount: row.rejectedCount,
      createdAt: row.createdAt,
      row,
    });
  }
}

@ObjectType('DisbursementItemResult', { description: 'The outcome of one item of reportDisbursementIssues, in input order.' })
export class DisbursementItemResult {
  @Field(() => Int, { description: 'The item’s position (0-based) in `input.items`.' })
  index: number;

  @Field(() => DisbursementIssue, { nullable: true, description: 'The issue recorded; null when `userErrors` says why not.' })
  issue: DisbursementIssue | null;

  @Field(() => [UserError], { description: 'Why this item was refused (fields named `["input", "items", "<index>", "<field>"]`); empty when recorded.' })
  userErrors: UserError[];
}

@ObjectType('ReportDisbursementIssuesPayload', { description: 'The result of reportDisbursementIssues.' })
export class ReportDisbursementIssuesPayload {
  @Field(() => DisbursementBatch, { nullable: true, description: 'The batch recorded; null when `userErrors` refused the whole call.' })
  batch: DisbursementBatch | null;

  @Field(() => [DisbursementItemResult], {
    description: 'One per item, in input order: a bad item never loses the good ones. Empty when the whole call was refused (see `userErrors`).',
  })
  results: DisbursementItemResult[];

  @Field(() => [UserError], { description: 'Why the whole call was refused (idempotency key, programme, period); empty otherwise. Item problems are in `results`.' })
  userErrors: UserError[];
}

@ObjectType('ResolveDisbursementIssuePayload', { description: 'The result of resolveDisbursementIssue.' })
export class ResolveDisbursementIssuePayload {
  @Field(() => DisbursementIssue, { nullable: true, description: 'The issue after the change (or as it is, when userErrors says why not); null when not found.' })
  issue: DisbursementIssue | null;

  @Field(() => [UserError], { description: 'Why it was not resolved; empty on success.' })
  userErrors: UserError[];
}

@ObjectType('DisbursementReconciliationRow', {
  description: 'What one bank reported for one programme and month, and where it stands: reported, resolved by outcome, still open. '
    + 'Counts are of issues within your reach. Amounts are whole rupiah (exact: Float holds integers to 2^53).',
})
export class DisbursementReconciliationRow {
  @Field({ description: 'The bank’s short code (BRI, BNI …).' })
  bankCode: string;

  @Field({ description: 'The programme code.' })
  programCode: string;

  @Field({ description: 'The disbursement month, `YYYY-MM`.' })
  period: string;

  @Field(() => Int, { description: 'Failed transfers reported.' })
  reported: number;

  @Field(() => Int, { description: 'Of those, still open.' })
  open: number;

  @Field(() => Int, { description: 'Of those, resolved (any outcome).' })
  resolved: number;

  @Field(() => Int, { description: 'Resolved by transferring again.' })
  resent: number;

  @Field(() => Int, { description: 'Resolved by returning the money to the state treasury.' })
  returnedToTreasury: number;

  @Field(() => Int, { description: 'Resolved by correcting the account data.' })
  dataCorrected: number;

  @Field({ description: 'Rupiah reported as failed.' })
  reportedAmount: number;

  @Field({ description: 'Rupiah still open.' })
  openAmount: number;

  @Field({ description: 'Rupiah transferred again.' })
  resentAmount: number;

  @Field({ description: 'Rupiah returned to the state treasury.' })
  returnedToTreasuryAmount: number;

  @Field(() => Int, { description: 'Citizen complaints linked to these issues (each counted once).' })
  linkedComplaints: number;

  bankOrganisationId: string;
}

// ---------------------------------------------------------------------------
// Inputs.
// ---------------------------------------------------------------------------

@InputType('DisbursementItemInput', { description: 'One failed transfer in a bank’s report.' })
export class DisbursementItemInput {
  @Field({ description: 'The NIK of the recipient (16 digits) the transfer was for.' })
  nik: string;

  @Field(() => Int, { description: 'The amount that failed, in whole rupiah (> 0).' })
  amount: number;

  @Field(() => DisbursementFailureCode, { description: 'Why it failed.' })
  failureCode: DisbursementFailureCode;

  @Field({ description: 'When it failed, `YYYY-MM-DD`: in the reported month or after it, not in the future.' })
  occurredOn: string;
}

@InputType('ReportDisbursementIssuesInput', { description: 'A bank’s report of failed transfers for one programme and month.' })
export class ReportDisbursementIssuesInput {
  @Field({ description: 'Your key for this report (1–128 characters). The same key within 24 h returns the first answer and creates nothing; with different input it is refused (IDEMPOTENCY_KEY_REUSED).' })
  idempotencyKey: string;

  @Field({ description: 'The programme (from `programs`), e.g. `PKH`.' })
  programCode: string;

  @Field({ description: 'The month of the disbursement, `YYYY-MM`.' })
  period: string;

  @Field(() => [DisbursementItemInput], {
    description: `The failed transfers: 1–${MAX_ITEMS_PER_REPORT} (more, or none, is a BAD_USER_INPUT error and nothing is read). Each item is checked on its own; `
      + 'only disbursements your bank made in that programme and month can be reported.',
  })
  items: DisbursementItemInput[];
}

@InputType('ResolveDisbursementIssueInput', { description: 'How a failed transfer your bank reported was resolved.' })
export class ResolveDisbursementIssueInput {
  @Field(() => ID, { description: 'The issue (a DisbursementIssue id).' })
  issueId: string;

  @Field(() => DisbursementIssueOutcome, { description: 'The outcome.' })
  outcome: DisbursementIssueOutcome;

  @Field(() => String, { nullable: true, description: 'For RESENT (and only then): the date of the new transfer, `YYYY-MM-DD`, not before the failure, not in the future.' })
  resentOn?: string | null;

  @Field(() => String, { nullable: true, description: 'A note for the ministry and the social offices (1–2000 characters); never shown publicly.' })
  note?: string | null;
}

@InputType('DisbursementIssueFilter', { description: 'Narrows disbursementIssues; fields combine with AND, values of one field with OR.' })
export class DisbursementIssueFilter {
  @Field(() => [String], { nullable: true, description: 'Programme codes.' })
  programCode?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The disbursement month, `YYYY-MM`.' })
  period?: string | null;

  @Field(() => [DisbursementIssueStatus], { nullable: true, description: 'Statuses.' })
  status?: DisbursementIssueStatus[] | null;

  @Field(() => [DisbursementFailureCode], { nullable: true, description: 'Failure codes.' })
  failureCode?: DisbursementFailureCode[] | null;

  @Field(() => String, { nullable: true, description: 'The reporting bank’s short code (BRI, BNI …). A bank sees only its own whatever this says.' })
  bankCode?: string | null;
}
