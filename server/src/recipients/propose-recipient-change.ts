import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { Rollback, transactionOrRollback } from '../complaints/complaint-change';
import type { RequestContext } from '../graphql/context';
import { UserErrorCode } from '../graphql/user-error';
import { Bilingual, UserErrors } from '../graphql/user-errors';
import { claimIdempotencyKey, recordIdempotentResult } from '../idempotency/idempotency.service';
import {
  DeliberationInput, PROPOSAL_COLUMNS, ProposalRow, ProposeRecipientChangeInput, ProposeRecipientChangePayload, RecipientChangeProposal,
} from './change-proposal.types';
import { validateNik } from './nik';
import { changesFrom, checkedText, checkProposedData, familyProblem, isCalendarDate, ProposedData } from './proposal-rules';
import { RecipientChangeKind } from './recipient-change-proposal.entity';
import { RECIPIENT_COLUMNS, RecipientRow } from './recipient.types';
import { words } from '../words';

const OPERATION = 'proposeRecipientChange';
/** A deliberation older than this is not a recommendation for today's register. */
const DELIBERATION_MAX_AGE_DAYS = 365;
const MAX_ATTENDANCE = 100_000;
const MS_PER_DAY = 86_400_000;

interface ValidDeliberation { heldOn: string; minutesNumber: string; attendanceCount: number }

/**
 * A village office proposes adding, removing or updating a person of its
 * village, on the recommendation of a village deliberation (recorded once per
 * minutes number, shared by the proposals of one meeting). The proposal waits
 * for the district/city office (reviewRecipientChange). UPDATE and REMOVE keep
 * the recipient's state hash of the moment, so an approval can tell whether
 * the register changed in between. One transaction; a refusal leaves nothing
 * behind, not even the idempotency claim.
 */
export async function proposeRecipientChange(ctx: RequestContext, principal: ClientPrincipal, input: ProposeRecipientChangeInput): Promise<ProposeRecipientChangePayload> {
  const errors = new UserErrors(ctx.locale);
  const answer = (row: ProposalRow | null) => Object.assign(new ProposeRecipientChangePayload(), {
    proposal: row && RecipientChangeProposal.from(row), userErrors: errors.list,
  });
  const village = principal.jurisdictionCode!;
  const now = ctx.now();

  if (input.idempotencyKey.length < 1 || input.idempotencyKey.length > 128) {
    errors.add(['input', 'idempotencyKey'], UserErrorCode.INVALID_INPUT, 'idempotency.keyLength');
  }
  const nik = input.nik.replace(/\s/g, '');
  const parsedNik = validateNik(nik, now);
  if (!parsedNik.ok) {
    errors.add(['input', 'nik'], UserErrorCode.INVALID_INPUT, 'recipients.nikInvalid', { message: parsedNik.message, reason: parsedNik.reason });
  }
  const data = checkProposedData(errors, input.kind, nik, input.data, now);
  const reason = checkedText(errors, input.reason, ['reason'], 2000);
  const evidence = checkedText(errors, input.evidence, ['evidence'], 2000);
  const deliberation = checkDeliberation(errors, input.deliberation, now);
  if (errors.any || !data || !reason || !evidence || !deliberation) return answer(null);

  return transactionOrRollback(ctx, async (manager) => {
    const refuse = (field: string[], code: UserErrorCode, message: Bilingual): never => {
      errors.add(['input', ...field], code, message);
      throw new Rollback(answer(null));
    };
    const claim = await claimIdempotencyKey<{ proposalId: string }>(manager, principal.apiClientId, OPERATION, input.idempotencyKey, input);
    if (claim.kind === 'reused') {
      return refuse(['idempotencyKey'], UserErrorCode.IDEMPOTENCY_KEY_REUSED, words('idempotency.keyReused'));
    }
    if (claim.kind === 'repeat') {
      const [row] = await manager.query(`SELECT ${PROPOSAL_COLUMNS} FROM recipient_change_proposals x WHERE x.id = $1`, [claim.result.proposalId]);
      return answer(row ?? null);
    }

    let proposed: ProposedData = data;
    let target: RecipientRow | null = null;
    if (input.kind === RecipientChangeKind.ADD) {
      const [existing] = await manager.query('SELECT 1 FROM recipients WHERE nik = $1', [nik]);
      if (existing) {
        refuse(['nik'], UserErrorCode.INVALID_INPUT, words('recipients.nikInRegister'));
      }
      const problem = await familyProblem(manager, data.kkNumber!, village, data.isFamilyHead!, null);
      if (problem) refuse(['data', problem.field], UserErrorCode.INVALID_INPUT, problem.message);
    } else {
      [target] = await manager.query(`SELECT ${RECIPIENT_COLUMNS} FROM recipients r WHERE r.nik = $1 AND r.region_code = $2`, [nik, village]);
      if (!target) {
        refuse(['nik'], UserErrorCode.NOT_FOUND, words('recipients.nikNotInVillage'));
      }
      if (input.kind === RecipientChangeKind.REMOVE && target!.dtksStatus === 'REMOVED') {
        refuse(['nik'], UserErrorCode.INVALID_TRANSITION, words('recipients.alreadyRemoved'));
      }
      if (input.kind === RecipientChangeKind.UPDATE) {
        const changes = changesFrom(target!, data);
        if (changes.fields.length === 0) {
          refuse(['data'], UserErrorCode.INVALID_INPUT, words('recipients.proposalChangesNothing'));
        }
        proposed = changes.data;
        if (proposed.kkNumber != null || proposed.isFamilyHead === true) {
          const problem = await familyProblem(manager, proposed.kkNumber ?? target!.kkNumber, village, proposed.isFamilyHead ?? target!.isFamilyHead, target!.id);
          if (problem) refuse(['data', problem.field], UserErrorCode.INVALID_INPUT, problem.message);
        }
      }
    }

    const deliberationId = await recordDeliberation(manager, principal, village, deliberation, refuse);
    const [row]: ProposalRow[] = await manager.query(
      `INSERT INTO recipient_change_proposals AS x (kind, region_code, recipient_id, nik, kk_number, full_name, birth_date, sex, is_family_head, address, dtks_status,
          reason, evidence, deliberation_id, base_state_hash, proposed_by_organisation_id, proposed_by_client_id, created_at)
       VALUES ($1, $2, $3::uuid, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
               (SELECT recipient_state_hash(r) FROM recipients r WHERE r.id = $3::uuid), $15, $16, $17)
       ON CONFLICT (nik) WHERE kind = 'ADD' AND status = 'PENDING' DO NOTHING
       RETURNING ${PROPOSAL_COLUMNS}`,
      [input.kind, village, target?.id ?? null, nik, proposed.kkNumber, proposed.fullName, proposed.birthDate, proposed.sex, proposed.isFamilyHead,
        proposed.address, proposed.dtksStatus, reason, evidence, deliberationId, principal.organisationId, principal.apiClientId, now],
    );
    if (!row) {
      refuse(['nik'], UserErrorCode.INVALID_INPUT, words('recipients.addPending'));
    }
    await recordIdempotentResult(manager, principal.apiClientId, input.idempotencyKey, { proposalId: row.id });
    return answer(row);
  });
}

function checkDeliberation(errors: UserErrors, input: DeliberationInput, now: Date): ValidDeliberation | null {
  const before = errors.list.length;
  const invalid = (field: string, message: Bilingual) => errors.add(['input', 'deliberation', field], UserErrorCode.INVALID_INPUT, message);
  const today = now.toISOString().slice(0, 10);
  const earliest = new Date(now.getTime() - DELIBERATION_MAX_AGE_DAYS * MS_PER_DAY).toISOString().slice(0, 10);
  if (!isCalendarDate(input.heldOn)) invalid('heldOn', words('recipients.heldOnFormat'));
  else if (input.heldOn > today) invalid('heldOn', words('recipients.heldOnFuture'));
  else if (input.heldOn < earliest) invalid('heldOn', words('recipients.heldOnTooOld'));
  const minutesNumber = checkedText(errors, input.minutesNumber, ['deliberation', 'minutesNumber'], 100);
  if (!Number.isInteger(input.attendanceCount) || input.attendanceCount < 1 || input.attendanceCount > MAX_ATTENDANCE) {
    invalid('attendanceCount', words('recipients.attendanceCount', { max: MAX_ATTENDANCE }));
  }
  return errors.list.length > before || !minutesNumber ? null : { heldOn: input.heldOn, minutesNumber, attendanceCount: input.attendanceCount };
}

/** The deliberation's row: recorded now, or the one its minutes number already names (which must then agree). */
async function recordDeliberation(
  manager: EntityManager, principal: ClientPrincipal, village: string, deliberation: ValidDeliberation,
  refuse: (field: string[], code: UserErrorCode, message: Bilingual) => never,
): Promise<string> {
  const [inserted]: { id: string }[] = await manager.query(
    `INSERT INTO deliberations (region_code, held_on, minutes_number, attendance_count, recorded_by_organisation_id, recorded_by_client_id)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (region_code, minutes_number) DO NOTHING RETURNING id`,
    [village, deliberation.heldOn, deliberation.minutesNumber, deliberation.attendanceCount, principal.organisationId, principal.apiClientId],
  );
  if (inserted) return inserted.id;
  const [existing]: { id: string; heldOn: string; attendanceCount: number }[] = await manager.query(
    `SELECT id, held_on AS "heldOn", attendance_count AS "attendanceCount" FROM deliberations WHERE region_code = $1 AND minutes_number = $2`,
    [village, deliberation.minutesNumber],
  );
  if (existing.heldOn !== deliberation.heldOn || existing.attendanceCount !== deliberation.attendanceCount) {
    refuse(['deliberation', 'minutesNumber'], UserErrorCode.INVALID_INPUT, words('recipients.minutesRecordedOtherwise', { heldOn: existing.heldOn, attendanceCount: existing.attendanceCount }));
  }
  return existing.id;
}
