import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintStatus, SlaStage } from '../common/enums';
import { stageDueAt } from '../escalation/sla-policy.service';
import type { RequestContext } from '../graphql/context';
import { UserError } from '../graphql/user-error';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { changeComplaint } from './complaint-change';
import { Complaint } from './complaint.type';
import { regionZone, wrongStatus } from './handling-rules';

@InputType({ description: 'Confirm that a received complaint is complete and within authority.' })
export class VerifyComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;
}

@ObjectType({ description: 'The result of verifyComplaint.' })
export class VerifyComplaintPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => [UserError], { description: 'Why it was not verified; empty on success.' })
  userErrors: UserError[];
}

/**
 * RECEIVED → VERIFIED. The verification clock (3 working days, SP4N-LAPOR!)
 * stops and the resolution clock of the current tier starts now.
 */
export async function verifyComplaint(ctx: RequestContext, principal: ClientPrincipal, input: VerifyComplaintInput): Promise<VerifyComplaintPayload> {
  const result = await changeComplaint(ctx, principal, input, async (row, manager) => {
    if (row.status !== ComplaintStatus.RECEIVED) return wrongStatus(row, 'verify');
    const now = ctx.now();
    const zone = await regionZone(manager, row.regionCode);
    const due = await stageDueAt(ctx.dataSource, { stage: SlaStage.RESOLUTION, tier: row.currentTier, category: row.category, programCode: row.programCode }, now, zone);
    return {
      set: { status: ComplaintStatus.VERIFIED, due_at: due, sla_started_at: now },
      events: [{
        type: ComplaintEventType.VERIFIED, visibility: EventVisibility.PUBLIC, fromStatus: row.status, toStatus: ComplaintStatus.VERIFIED,
        message: `Pengaduan Anda telah diverifikasi dan ditangani oleh ${principal.organisationName}.`,
      }],
    };
  });
  return Object.assign(new VerifyComplaintPayload(), { complaint: result.complaint && Complaint.from(result.complaint), userErrors: result.userErrors });
}
