import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import type { RequestContext } from '../graphql/context';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { words } from '../words';
import { newReplyPin, pinExpired, PIN_VALID_DAYS_AFTER_FINISH } from './complainant-pin';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { changeComplaint } from './complaint-change';
import { Complaint } from './complaint.type';
import { isHandler } from './handling-rules';

@InputType({ description: 'Give a complainant a new reply PIN.' })
export class ResetReplyPinInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;
}

@ObjectType({ description: 'The result of resetReplyPin.' })
export class ResetReplyPinPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint, with the REPLY_PIN_RESET event on its timeline; null when userErrors says why not.' })
  complaint: Complaint | null;

  @Field(() => String, {
    nullable: true,
    description: 'The new 6-digit reply PIN, SHOWN ONCE: give it to the complainant, and only to them (check who is asking against the complainant you can see, as for any personal data). Aduan keeps only a hash. Null when userErrors says why not.',
  })
  replyPin: string | null;

  @Field(() => [UserError], { description: 'Why no new PIN was given; empty on success.' })
  userErrors: UserError[];
}

/**
 * A new reply PIN for a complainant who lost theirs, or whose complaint a
 * stranger's guesses locked (docs/adr/0026-complainant-pin.md): the old PIN
 * stops working, the count of wrong PINs and any lock are cleared, and the new
 * PIN is answered once to the caller — a handler of the complaint's region at
 * its tier, or the intake client that filed it, who is talking to the person
 * (the call centre, the NGO's field worker). The timeline records who did it,
 * internally, never the PIN. A complaint finished longer ago than a PIN lives
 * is refused: nothing is left to do with one.
 */
export async function resetReplyPin(ctx: RequestContext, principal: ClientPrincipal, input: ResetReplyPinInput): Promise<ResetReplyPinPayload> {
  const reply = newReplyPin();
  const result = await changeComplaint(ctx, principal, { complaintId: input.complaintId, version: null }, (row) => {
    if (pinExpired(row, ctx.now())) {
      return { refuse: { code: UserErrorCode.INVALID_TRANSITION, field: ['input', 'complaintId'], ...words('complaints.pinResetTooLate', { days: PIN_VALID_DAYS_AFTER_FINISH }) } };
    }
    return {
      set: {},
      events: [{ type: ComplaintEventType.REPLY_PIN_RESET, visibility: EventVisibility.INTERNAL }],
      // Complaints filed before PINs existed have no row yet: they get their first.
      after: async (manager, updated) => {
        await manager.query(
          `INSERT INTO complainant_pins (complaint_id, pin_hash) VALUES ($1, $2)
           ON CONFLICT (complaint_id) DO UPDATE SET pin_hash = EXCLUDED.pin_hash, failed_attempts = 0, locked_until = NULL`,
          [updated.id, reply.hash],
        );
      },
    };
  }, { requireActingTier: isHandler(principal) });
  const done = result.userErrors.length === 0 && result.complaint !== null;
  return Object.assign(new ResetReplyPinPayload(), {
    complaint: result.complaint && Complaint.from(result.complaint), replyPin: done ? reply.pin : null, userErrors: result.userErrors,
  });
}
