import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { DtksStatus, EnrolmentStatus } from '../common/enums';
import { Rollback, transactionOrRollback } from '../complaints/complaint-change';
import { uuidOf } from '../graphql/global-id';
import type { RequestContext } from '../graphql/context';
import { UserErrorCode } from '../graphql/user-error';
import { Bilingual, UserErrors } from '../graphql/user-errors';
import {
  PROPOSAL_COLUMNS, ProposalRow, RecipientChangeProposal, ReviewDecision, ReviewRecipientChangeInput, ReviewRecipientChangePayload,
} from './change-proposal.types';
import { checkedText, familyProblem, REGISTER_FIELDS, RegisterField } from './proposal-rules';
import { RecipientChangeKind, RecipientChangeStatus } from './recipient-change-proposal.entity';
import { ProvenanceAction } from './recipient-provenance.entity';
import { registerWorkScopeSql } from './recipient-scope';
import { Recipient, RECIPIENT_COLUMNS, RecipientRow } from './recipient.types';
import { words } from '../words';

const COLUMN_OF: Record<RegisterField, string> = {
  kkNumber: 'kk_number', fullName: 'full_name', birthDate: 'birth_date', sex: 'sex', isFamilyHead: 'is_family_head', address: 'address', dtksStatus: 'dtks_status',
};

type Refuse = (code: UserErrorCode, message: Bilingual) => never;

/**
 * The district/city office decides a pending proposal of one of its villages.
 * Rejecting leaves the register as it is. Approving applies the change —
 * inserts the person (ADD), sets the changed fields (UPDATE), or takes them out
 * of DTKS and ends their enrolments (REMOVE) — and appends an entry to the
 * recipient's provenance chain naming who proposed, what recommended and who
 * approved it. A proposal whose recipient changed since it was made is refused
 * (STALE_VERSION): it would overwrite a change its village never saw. One
 * transaction, the proposal and the recipient locked.
 */
export async function reviewRecipientChange(ctx: RequestContext, principal: ClientPrincipal, input: ReviewRecipientChangeInput): Promise<ReviewRecipientChangePayload> {
  const errors = new UserErrors(ctx.locale);
  const answer = (proposal: ProposalRow | null, recipient: RecipientRow | null = null) => Object.assign(new ReviewRecipientChangePayload(), {
    proposal: proposal && RecipientChangeProposal.from(proposal), recipient: recipient && Recipient.from(recipient), userErrors: errors.list,
  });
  const note = checkedText(errors, input.note, ['note'], 2000);
  if (!note) return answer(null);
  const id = uuidOf(input.proposalId, 'RecipientChangeProposal');
  const now = ctx.now();

  return transactionOrRollback(ctx, async (manager) => {
    const params: unknown[] = [id];
    const scope = registerWorkScopeSql(principal, params, 'x.region_code');
    const [proposal]: ProposalRow[] = id
      ? await manager.query(`SELECT ${PROPOSAL_COLUMNS} FROM recipient_change_proposals x WHERE x.id = $1 AND (${scope}) FOR UPDATE`, params)
      : [];
    const refuse: Refuse = (code, message) => {
      errors.add(['input', 'proposalId'], code, message);
      throw new Rollback(answer(proposal ?? null));
    };
    if (!proposal) refuse(UserErrorCode.NOT_FOUND, words('recipients.proposalNotFound'));
    if (proposal.status !== RecipientChangeStatus.PENDING) {
      refuse(UserErrorCode.INVALID_TRANSITION, words('recipients.proposalDecided', { status: proposal.status }));
    }

    if (input.decision === ReviewDecision.REJECT) {
      const [rejected] = await decide(manager, proposal, RecipientChangeStatus.REJECTED, proposal.recipientId, principal, note, now);
      return answer(rejected);
    }

    const applied = proposal.kind === RecipientChangeKind.ADD
      ? await applyAdd(manager, proposal, now, refuse)
      : await applyChange(manager, proposal, now, refuse);
    const [approved] = await decide(manager, proposal, RecipientChangeStatus.APPROVED, applied.recipient.id, principal, note, now);
    await manager.query(
      `INSERT INTO recipient_provenance (recipient_id, action, changed_fields, proposal_id, proposed_by_organisation_id, proposed_at, deliberation_id,
          source_complaint_id, approved_by_organisation_id, approved_by_client_id, occurred_at)
       VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $8, $9, $10, $11)`,
      [applied.recipient.id, applied.action, applied.fields, proposal.id, proposal.proposedByOrganisationId, proposal.createdAt, proposal.deliberationId,
        proposal.sourceComplaintId, principal.organisationId, principal.apiClientId, now],
    );
    return answer(approved, applied.recipient);
  });
}

interface Applied { recipient: RecipientRow; action: ProvenanceAction; fields: RegisterField[] }

async function applyAdd(manager: EntityManager, proposal: ProposalRow, now: Date, refuse: Refuse): Promise<Applied> {
  const [existing] = await manager.query('SELECT 1 FROM recipients WHERE nik = $1', [proposal.nik]);
  if (existing) refuse(UserErrorCode.INVALID_TRANSITION, words('recipients.nikEnteredMeanwhile'));
  // The family may have changed since (another member added as head, moved away).
  await manager.query('SELECT 1 FROM recipients WHERE kk_number = $1 FOR UPDATE', [proposal.kkNumber]);
  const problem = await familyProblem(manager, proposal.kkNumber!, proposal.regionCode, proposal.isFamilyHead!, null);
  if (problem) refuse(UserErrorCode.INVALID_TRANSITION, problem.message);
  const [recipient]: RecipientRow[] = await manager.query(
    `INSERT INTO recipients AS r (nik, kk_number, full_name, birth_date, sex, is_family_head, region_code, address, dtks_status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING ${RECIPIENT_COLUMNS}`,
    [proposal.nik, proposal.kkNumber, proposal.fullName, proposal.birthDate, proposal.sex, proposal.isFamilyHead, proposal.regionCode,
      proposal.address, DtksStatus.REGISTERED, now],
  );
  return { recipient, action: ProvenanceAction.ADDED, fields: [...REGISTER_FIELDS] };
}

async function applyChange(manager: EntityManager, proposal: ProposalRow, now: Date, refuse: Refuse): Promise<Applied> {
  const touchesFamily = proposal.kkNumber != null || proposal.isFamilyHead === true;
  if (touchesFamily) await lockFamilies(manager, proposal);
  const [current]: (RecipientRow & { stateHash: string })[] = await manager.query(
    `SELECT ${RECIPIENT_COLUMNS}, recipient_state_hash(r) AS "stateHash" FROM recipients r WHERE r.id = $1 FOR UPDATE`,
    [proposal.recipientId],
  );
  if (proposal.baseStateHash && current.stateHash !== proposal.baseStateHash) {
    refuse(UserErrorCode.STALE_VERSION, words('recipients.changedSinceProposal'));
  }
  if (proposal.kind === RecipientChangeKind.REMOVE) {
    if (current.dtksStatus === DtksStatus.REMOVED) refuse(UserErrorCode.INVALID_TRANSITION, words('recipients.alreadyRemoved'));
    const [recipient]: RecipientRow[] = await manager.query(
      `UPDATE recipients r SET dtks_status = $2, updated_at = $3 WHERE r.id = $1 RETURNING ${RECIPIENT_COLUMNS}`,
      [current.id, DtksStatus.REMOVED, now],
    ).then(([rows]) => rows);
    await manager.query(
      `UPDATE program_enrolments SET status = $2, ended_on = greatest(enrolled_on, $3::date) WHERE recipient_id = $1 AND status <> $2`,
      [current.id, EnrolmentStatus.ENDED, dayInWib(now)],
    );
    return { recipient, action: ProvenanceAction.REMOVED, fields: ['dtksStatus'] };
  }

  const fields = REGISTER_FIELDS.filter((field) => proposal[field] != null && proposal[field] !== current[field]);
  if (touchesFamily) {
    const kkNumber = proposal.kkNumber ?? current.kkNumber;
    const problem = await familyProblem(manager, kkNumber, current.regionCode, proposal.isFamilyHead ?? current.isFamilyHead, current.id);
    if (problem) refuse(UserErrorCode.INVALID_TRANSITION, problem.message);
  }
  if (fields.length === 0) return { recipient: current, action: ProvenanceAction.UPDATED, fields }; // confirmed as it is
  const assignments = fields.map((field, i) => `${COLUMN_OF[field]} = $${i + 3}`);
  const [recipient]: RecipientRow[] = await manager.query(
    `UPDATE recipients r SET ${[...assignments, 'updated_at = $2'].join(', ')} WHERE r.id = $1 RETURNING ${RECIPIENT_COLUMNS}`,
    [current.id, now, ...fields.map((field) => proposal[field])],
  ).then(([rows]) => rows);
  return { recipient, action: ProvenanceAction.UPDATED, fields };
}

/**
 * Locks every member of the families a proposal touches — the recipient's own
 * KK and the one it moves to — in one statement, in id order, before the
 * recipient itself. Locking the recipient first and then its new family let
 * two reviews that move people between the same two families (X into Y's KK,
 * Y into X's) each hold one person and wait for the other's: a deadlock, and
 * one of the two district officers got an error. Locks taken in one order by
 * everyone cannot form a cycle.
 */
async function lockFamilies(manager: EntityManager, proposal: ProposalRow): Promise<void> {
  await manager.query(
    `SELECT 1 FROM recipients
      WHERE kk_number IN (SELECT kk_number FROM recipients WHERE id = $1 UNION SELECT $2::char(16) WHERE $2 IS NOT NULL)
      ORDER BY id FOR UPDATE`,
    [proposal.recipientId, proposal.kkNumber],
  );
}

function decide(
  manager: EntityManager, proposal: ProposalRow, status: RecipientChangeStatus, recipientId: string | null, principal: ClientPrincipal, note: string, now: Date,
): Promise<ProposalRow[]> {
  return manager.query(
    `UPDATE recipient_change_proposals x SET status = $2, recipient_id = $3, reviewed_by_organisation_id = $4, reviewed_by_client_id = $5,
            reviewed_at = $6, review_note = $7
      WHERE x.id = $1 RETURNING ${PROPOSAL_COLUMNS}`,
    [proposal.id, status, recipientId, principal.organisationId, principal.apiClientId, now, note],
  ).then(([rows]) => rows);
}

/** The calendar day of an instant in WIB, `YYYY-MM-DD`. */
function dayInWib(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
