import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintStatus, SlaStage } from '../common/enums';
import { ensureDaysOffCalendar } from '../escalation/days-off/days-off.service';
import { resumeAfterPause } from '../escalation/sla';
import { stageDueAt } from '../escalation/sla-policy.service';
import type { RequestContext } from '../graphql/context';
import { UserError } from '../graphql/user-error';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { Accepted, changeComplaint } from './complaint-change';
import { ComplaintRow } from './complaint.row';
import { OPEN_STATUSES } from './complaint-query.service';
import { Complaint } from './complaint.type';
import { isHandler, regionZone, stagePolicy, text, wrongStatus } from './handling-rules';

@InputType({ description: 'Ask the complainant for what is missing; the SLA clock pauses until they answer.' })
export class RequestInformationInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;

  @Field({ description: 'What the complainant is asked (1–2000 characters). Public: shown on the tracker, so write it for the complainant.' })
  message: string;
}

@ObjectType({ description: 'The result of requestInformation.' })
export class RequestInformationPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => [UserError], { description: 'Why nothing was asked; empty on success.' })
  userErrors: UserError[];
}

@InputType({ description: 'Relay the complainant’s answer to a request for information; handling resumes where it was.' })
export class ProvideInformationInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;

  @Field({ description: 'The complainant’s answer (1–4000 characters). Visible to everyone who may see the complaint, never on the public tracker.' })
  information: string;
}

@ObjectType({ description: 'The result of provideInformation.' })
export class ProvideInformationPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => [UserError], { description: 'Why the answer was not recorded; empty on success.' })
  userErrors: UserError[];
}

/**
 * → PENDING_INFO. The clock pauses (sla_paused_at) and keeps its due date, to
 * be pushed back by the pause on the answer. The status it came from is the
 * event's fromStatus: the timeline is the memory provideInformation returns to.
 */
export async function requestInformation(ctx: RequestContext, principal: ClientPrincipal, input: RequestInformationInput): Promise<RequestInformationPayload> {
  const result = await changeComplaint(ctx, principal, input, (row) => {
    const message = text(input.message, ['input', 'message'], 2000);
    if ('refuse' in message) return message;
    if (!OPEN_STATUSES.includes(row.status)) return wrongStatus(row, 'requestInformation');
    return {
      set: { status: ComplaintStatus.PENDING_INFO, sla_paused_at: ctx.now() },
      events: [{
        type: ComplaintEventType.INFORMATION_REQUESTED, visibility: EventVisibility.PUBLIC,
        fromStatus: row.status, toStatus: ComplaintStatus.PENDING_INFO, message: message.value,
      }],
    };
  });
  return Object.assign(new RequestInformationPayload(), { complaint: result.complaint && Complaint.from(result.complaint), userErrors: result.userErrors });
}

/**
 * PENDING_INFO → the status before the request. Relayed by the intake client
 * that submitted the complaint (its scope covers only those) or by a handler
 * acting at the complaint's tier; intake clients have no tier, so the tier is
 * required of handlers only. The due date moves back by the time the pause
 * took, in the policy's unit (resumeAfterPause).
 */
export async function provideInformation(ctx: RequestContext, principal: ClientPrincipal, input: ProvideInformationInput): Promise<ProvideInformationPayload> {
  const result = await changeComplaint(ctx, principal, input, async (row, manager) => {
    const information = text(input.information, ['input', 'information'], 4000);
    if ('refuse' in information) return information;
    if (row.status !== ComplaintStatus.PENDING_INFO) {
      return wrongStatus(row, 'provideInformation');
    }
    return resumeWithInformation(ctx, manager, row, information.value);
  }, { requireActingTier: isHandler(principal) });
  return Object.assign(new ProvideInformationPayload(), { complaint: result.complaint && Complaint.from(result.complaint), userErrors: result.userErrors });
}

/**
 * The answer that ends a PENDING_INFO (the complaint must be in it): back to the
 * status before the request, the clock resumed, one INFORMATION_PROVIDED event
 * with the answer. Shared by the handler's or intake client's relay
 * (provideInformation) and the complainant's own answer with code and PIN
 * (answerInformationRequest): the same rules whoever brings the answer.
 */
export async function resumeWithInformation(
  ctx: Pick<RequestContext, 'now' | 'dataSource' | 'primary'>, manager: EntityManager, row: ComplaintRow, information: string, data?: Record<string, unknown>,
): Promise<Accepted> {
  const [request] = await manager.query(
    `SELECT from_status AS "fromStatus" FROM complaint_events WHERE complaint_id = $1 AND type = 'INFORMATION_REQUESTED' ORDER BY seq DESC LIMIT 1`,
    [row.id],
  );
  // Without a recorded request (never through the API) verification starts over.
  const back: ComplaintStatus = request?.fromStatus && request.fromStatus !== ComplaintStatus.PENDING_INFO ? request.fromStatus : ComplaintStatus.RECEIVED;
  const stage = back === ComplaintStatus.RECEIVED ? SlaStage.VERIFICATION : SlaStage.RESOLUTION;
  const now = ctx.now();
  const zone = await regionZone(manager, row.regionCode);
  const set: Record<string, unknown> = { status: back, sla_paused_at: null };
  if (row.dueAt && row.slaPausedAt) {
    const policy = await stagePolicy(manager, row, stage);
    await ensureDaysOffCalendar(ctx.primary);
    set.due_at = policy ? resumeAfterPause(row.dueAt, row.slaPausedAt, now, policy, zone) : row.dueAt;
  } else {
    // No clock kept through the pause (e.g. imported data): the stage gets a fresh one.
    set.due_at = await stageDueAt(ctx.dataSource, { stage, tier: row.currentTier, category: row.category, programCode: row.programCode }, now, zone);
    set.sla_started_at = now;
  }
  return {
    set,
    events: [{
      type: ComplaintEventType.INFORMATION_PROVIDED, visibility: EventVisibility.PUBLIC,
      fromStatus: ComplaintStatus.PENDING_INFO, toStatus: back, message: information, ...(data ? { data } : {}),
    }],
  };
}
