import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintStatus, Tier, TIER_ORDER, TimeZone } from '../common/enums';
import { changeComplaint } from '../complaints/complaint-change';
import { FINISHED_STATUSES } from '../complaints/complaint-query.service';
import { Complaint } from '../complaints/complaint.type';
import type { RequestContext } from '../graphql/context';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { escalationStep } from './escalation-step';
import { words } from '../words';
import { refuse } from '../complaints/handling-rules';

@InputType({ description: 'Move a complaint up the tiers.' })
export class EscalateComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;

  @Field({ description: 'Why it needs a higher tier (1–2000 characters); shown in the timeline.' })
  reason: string;

  @Field(() => Tier, { nullable: true, description: 'The tier to move to; one tier up when omitted. Must be above the current tier.' })
  toTier?: Tier | null;
}

@ObjectType({ description: 'The result of escalateComplaint.' })
export class EscalateComplaintPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => [UserError], { description: 'Why it was not escalated; empty on success.' })
  userErrors: UserError[];
}

/**
 * Escalation cannot be undone: the higher tier owns the complaint from then on
 * (docs/adr/0006-escalation.md). It gets the office of that tier for the
 * region, and a fresh resolution clock for that tier.
 */
export async function escalateComplaint(ctx: RequestContext, principal: ClientPrincipal, input: EscalateComplaintInput): Promise<EscalateComplaintPayload> {
  const reason = input.reason.trim();
  const result = await changeComplaint(ctx, principal, input, async (row, manager) => {
    if (reason.length < 1 || reason.length > 2000) {
      return refuse(UserErrorCode.INVALID_INPUT, ['input', 'reason'], words('escalation.reasonLength'));
    }
    if (FINISHED_STATUSES.includes(row.status)) {
      return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'complaintId'], words('escalation.finished', { status: row.status }));
    }
    if (row.status === ComplaintStatus.PENDING_INFO) {
      // Its clock is paused for the complainant; the tier that asked receives the answer, then may escalate.
      return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'complaintId'], words('escalation.pendingInfo'));
    }
    const from = TIER_ORDER.indexOf(row.currentTier);
    const to = input.toTier ? TIER_ORDER.indexOf(input.toTier) : from + 1;
    if (from === TIER_ORDER.length - 1) {
      return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'complaintId'], words('escalation.atTop'));
    }
    if (to <= from) {
      return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'toTier'], words('escalation.toTierNotAbove'));
    }
    const [{ time_zone: zone }] = await manager.query('SELECT time_zone FROM regions WHERE code = $1', [row.regionCode]);
    return escalationStep({
      dataSource: ctx.dataSource, manager, row, toTier: TIER_ORDER[to], zone: zone as TimeZone, now: ctx.now(), reason, actorClientId: principal.apiClientId,
    });
  });
  return Object.assign(new EscalateComplaintPayload(), { complaint: result.complaint && Complaint.from(result.complaint), userErrors: result.userErrors });
}
