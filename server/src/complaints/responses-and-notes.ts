import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintStatus } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { UserError } from '../graphql/user-error';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { changeComplaint } from './complaint-change';
import { Complaint } from './complaint.type';
import { text, wrongStatus } from './handling-rules';

@InputType({ description: 'Answer the complainant publicly: the message appears on the tracker.' })
export class RespondToComplaintInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;

  @Field({ description: 'The response (1–4000 characters). Public: anyone with the tracking code reads it; no names, NIKs or account numbers.' })
  message: string;
}

@ObjectType({ description: 'The result of respondToComplaint.' })
export class RespondToComplaintPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => [UserError], { description: 'Why nothing was published; empty on success.' })
  userErrors: UserError[];
}

@InputType({ description: 'Write a note for handlers: never shown publicly, to intake clients or to banks.' })
export class AddInternalNoteInput {
  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;

  @Field({ description: 'The note (1–4000 characters). Seen by handlers and auditors only.' })
  note: string;
}

@ObjectType({ description: 'The result of addInternalNote.' })
export class AddInternalNotePayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => [UserError], { description: 'Why the note was not added; empty on success.' })
  userErrors: UserError[];
}

/** Once closed, rejected or merged the complaint's answer has been given; later words go to the surviving or appealed complaint. */
const NO_RESPONSE_STATUSES: readonly ComplaintStatus[] = [ComplaintStatus.CLOSED, ComplaintStatus.REJECTED, ComplaintStatus.DUPLICATE];

/** A PUBLIC_RESPONSE event: the tracker lists it among the answers (Zendesk's public reply). */
export async function respondToComplaint(ctx: RequestContext, principal: ClientPrincipal, input: RespondToComplaintInput): Promise<RespondToComplaintPayload> {
  const result = await changeComplaint(ctx, principal, input, (row) => {
    const message = text(input.message, ['input', 'message'], 4000);
    if ('refuse' in message) return message;
    if (NO_RESPONSE_STATUSES.includes(row.status)) return wrongStatus(row, 'respond');
    return { set: {}, events: [{ type: ComplaintEventType.PUBLIC_RESPONSE, visibility: EventVisibility.PUBLIC, message: message.value }] };
  });
  return Object.assign(new RespondToComplaintPayload(), { complaint: result.complaint && Complaint.from(result.complaint), userErrors: result.userErrors });
}

/**
 * An INTERNAL_NOTE event (Zendesk's internal note). The timeline shows internal
 * events to handlers and auditors only, and the tracker shows none: what a
 * note says about a family or an official stays inside the offices. Allowed
 * in any status: notes are how handlers leave a trail, also after closing.
 */
export async function addInternalNote(ctx: RequestContext, principal: ClientPrincipal, input: AddInternalNoteInput): Promise<AddInternalNotePayload> {
  const result = await changeComplaint(ctx, principal, input, () => {
    const note = text(input.note, ['input', 'note'], 4000);
    if ('refuse' in note) return note;
    return { set: {}, events: [{ type: ComplaintEventType.INTERNAL_NOTE, visibility: EventVisibility.INTERNAL, message: note.value }] };
  });
  return Object.assign(new AddInternalNotePayload(), { complaint: result.complaint && Complaint.from(result.complaint), userErrors: result.userErrors });
}
