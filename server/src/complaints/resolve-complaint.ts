import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintStatus, ResolutionDecision } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { openCorrectionProposal } from '../recipients/change-proposals';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { changeComplaint } from './complaint-change';
import { FINISHED_STATUSES } from './complaint-query.service';
import { Complaint } from './complaint.type';
import { words } from '../words';
import { refuse } from './handling-rules';

@InputType({ description: 'Record the decision on a complaint and answer the complainant.' })
export class ResolveComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;

  @Field(() => ResolutionDecision, { description: 'The decision; required to resolve.' })
  decision: ResolutionDecision;

  @Field({ description: 'The answer to the complainant (1–4000 characters), shown on the public tracker.' })
  publicResponse: string;
}

@ObjectType({ description: 'The result of resolveComplaint.' })
export class ResolveComplaintPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => [UserError], { description: 'Why it was not resolved; empty on success.' })
  userErrors: UserError[];
}

/** A decision closes the handling; the complaint closes by itself 10 working days later unless the complainant appeals. */
export async function resolveComplaint(ctx: RequestContext, principal: ClientPrincipal, input: ResolveComplaintInput): Promise<ResolveComplaintPayload> {
  const response = input.publicResponse.trim();
  const result = await changeComplaint(ctx, principal, input, (row) => {
    if (response.length < 1 || response.length > 4000) {
      return refuse(UserErrorCode.INVALID_INPUT, ['input', 'publicResponse'], words('complaints.publicResponseLength'));
    }
    if (FINISHED_STATUSES.includes(row.status)) {
      return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'complaintId'], words('complaints.resolvedAgain', { status: row.status }));
    }
    return {
      set: { status: ComplaintStatus.RESOLVED, resolution_decision: input.decision, resolved_at: ctx.now() },
      events: [{
        type: ComplaintEventType.RESOLVED, visibility: EventVisibility.PUBLIC, fromStatus: row.status, toStatus: ComplaintStatus.RESOLVED,
        message: response, data: { decision: input.decision },
      }],
      // An upheld targeting complaint means the register is wrong about the family: open its correction (reviewed by the district office).
      after: input.decision === ResolutionDecision.UPHELD
        ? async (manager, updated) => { await openCorrectionProposal(manager, principal, updated, response, ctx.now()); }
        : undefined,
    };
  });
  return Object.assign(new ResolveComplaintPayload(), { complaint: result.complaint && Complaint.from(result.complaint), userErrors: result.userErrors });
}
