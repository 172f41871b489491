import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintStatus } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { changeComplaint } from './complaint-change';
import { Complaint } from './complaint.type';
import { HANDLING_STATUSES, refuse, text, wrongStatus } from './handling-rules';
import { words } from '../words';

/** The triage outcomes of SP4N-LAPOR! that end a complaint without handling it. */
export enum RejectionReason {
  NOT_OUR_AUTHORITY = 'NOT_OUR_AUTHORITY',
  INVALID = 'INVALID',
  NO_RESPONSE = 'NO_RESPONSE',
}

registerEnumType(RejectionReason, {
  name: 'RejectionReason',
  description: 'Why a complaint is not taken up.',
  valuesConfig: {
    NOT_OUR_AUTHORITY: { description: 'Not about social assistance or not for a social office (tidak menjadi kewenangan); the message says where to go.' },
    INVALID: { description: 'Not a complaint that can be handled: no substance, abusive, or a test.' },
    NO_RESPONSE: { description: 'The complainant did not answer a request for information. Only while the complaint waits for that answer (PENDING_INFO).' },
  },
});

@InputType({ description: 'Decline to handle a complaint, with the reason and a message for the complainant.' })
export class RejectComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;

  @Field(() => RejectionReason, { description: 'Why it is not taken up.' })
  reason: RejectionReason;

  @Field({ description: 'What the complainant is told (1–4000 characters), shown on the public tracker: say where to go instead, when you can.' })
  publicMessage: string;
}

@ObjectType({ description: 'The result of rejectComplaint.' })
export class RejectComplaintPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => [UserError], { description: 'Why it was not rejected; empty on success.' })
  userErrors: UserError[];
}

/**
 * Any complaint still in handling → REJECTED, the end of it (an appeal needs a
 * resolution, so a rejected complaint is filed anew). The reason goes into the
 * event's data, as the SLA scheduler's archiving does (NO_RESPONSE).
 */
export async function rejectComplaint(ctx: RequestContext, principal: ClientPrincipal, input: RejectComplaintInput): Promise<RejectComplaintPayload> {
  const result = await changeComplaint(ctx, principal, input, (row) => {
    const message = text(input.publicMessage, ['input', 'publicMessage'], 4000);
    if ('refuse' in message) return message;
    if (!HANDLING_STATUSES.includes(row.status)) return wrongStatus(row, 'reject');
    if (input.reason === RejectionReason.NO_RESPONSE && row.status !== ComplaintStatus.PENDING_INFO) {
      return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'reason'], words('complaints.noResponseNotPending'));
    }
    return {
      set: { status: ComplaintStatus.REJECTED },
      events: [{ type: ComplaintEventType.REJECTED, visibility: EventVisibility.PUBLIC, message: message.value, data: { reason: input.reason } }],
    };
  });
  return Object.assign(new RejectComplaintPayload(), { complaint: result.complaint && Complaint.from(result.complaint), userErrors: result.userErrors });
}
