import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ClientPrincipal } from '../auth/principal';
import { EscalateComplaintInput, EscalateComplaintPayload, escalateComplaint } from '../escalation/escalate-complaint';
import type { RequestContext } from '../graphql/context';
import { AssignComplaintInput, AssignComplaintPayload, assignComplaint } from './assign-complaint';
import {
  ProvideInformationInput, ProvideInformationPayload, provideInformation, RequestInformationInput, RequestInformationPayload, requestInformation,
} from './information-requests';
import {
  AnswerInformationRequestInput, AnswerInformationRequestPayload, answerInformationRequest, AppealResolutionInput, AppealResolutionPayload, appealResolution,
} from './complainant-replies';
import { MarkDuplicateInput, MarkDuplicatePayload, markDuplicate } from './mark-duplicate';
import { RateResolutionInput, RateResolutionPayload, rateResolution } from './rate-resolution';
import { RejectComplaintInput, RejectComplaintPayload, rejectComplaint } from './reject-complaint';
import { ReopenComplaintInput, ReopenComplaintPayload, reopenComplaint } from './reopen-complaint';
import { ResolveComplaintInput, ResolveComplaintPayload, resolveComplaint } from './resolve-complaint';
import {
  AddInternalNoteInput, AddInternalNotePayload, addInternalNote, RespondToComplaintInput, RespondToComplaintPayload, respondToComplaint,
} from './responses-and-notes';
import { SubmitComplaintInput, SubmitComplaintPayload } from './submit-complaint.input';
import { submitComplaint } from './submit-complaint.service';
import { VerifyComplaintInput, VerifyComplaintPayload, verifyComplaint } from './verify-complaint';
import { ResetReplyPinInput, ResetReplyPinPayload, resetReplyPin } from './reset-reply-pin';

/** The shield lets only clients of the right role through; this narrows the type. */
const client = (ctx: RequestContext) => ctx.principal as ClientPrincipal;

@Resolver()
export class ComplaintMutationsResolver {
  @Mutation(() => SubmitComplaintPayload, { description: 'File a complaint from any channel; answers at once with a tracking code and an acknowledgement. Intake clients and handlers; banks on their own call-centre channel (a BANK_CALL_CENTER_* channel of theirs).' })
  submitComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The complaint.' }) input: SubmitComplaintInput): Promise<SubmitComplaintPayload> {
    return submitComplaint(ctx, client(ctx), input);
  }

  @Mutation(() => VerifyComplaintPayload, { description: 'Confirm a received complaint is complete and within authority (RECEIVED → VERIFIED); its resolution clock starts. Handlers acting at the complaint’s tier.' })
  verifyComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The complaint.' }) input: VerifyComplaintInput): Promise<VerifyComplaintPayload> {
    return verifyComplaint(ctx, client(ctx), input);
  }

  @Mutation(() => RequestInformationPayload, { description: 'Ask the complainant for missing information (→ PENDING_INFO); the SLA clock pauses. Handlers acting at the complaint’s tier.' })
  requestInformation(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The question.' }) input: RequestInformationInput): Promise<RequestInformationPayload> {
    return requestInformation(ctx, client(ctx), input);
  }

  @Mutation(() => ProvideInformationPayload, { description: 'Relay the complainant’s answer (PENDING_INFO → the status before); the due date moves back by the pause. The intake client that submitted the complaint, or handlers acting at its tier.' })
  provideInformation(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The answer.' }) input: ProvideInformationInput): Promise<ProvideInformationPayload> {
    return provideInformation(ctx, client(ctx), input);
  }

  @Mutation(() => AssignComplaintPayload, { description: 'Give a complaint to a handling office, and perhaps a named officer (VERIFIED → IN_PROGRESS). Handlers acting at the complaint’s tier.' })
  assignComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The assignment.' }) input: AssignComplaintInput): Promise<AssignComplaintPayload> {
    return assignComplaint(ctx, client(ctx), input);
  }

  @Mutation(() => RespondToComplaintPayload, { description: 'Answer the complainant publicly; the tracker shows it. Handlers acting at the complaint’s tier.' })
  respondToComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The response.' }) input: RespondToComplaintInput): Promise<RespondToComplaintPayload> {
    return respondToComplaint(ctx, client(ctx), input);
  }

  @Mutation(() => AddInternalNotePayload, { description: 'Add a note for handlers: never shown publicly, to intake clients or to banks. Handlers acting at the complaint’s tier.' })
  addInternalNote(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The note.' }) input: AddInternalNoteInput): Promise<AddInternalNotePayload> {
    return addInternalNote(ctx, client(ctx), input);
  }

  @Mutation(() => EscalateComplaintPayload, { description: 'Move a complaint one tier up (or to `toTier`), with a reason. Handlers acting at the complaint’s tier.' })
  escalateComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The escalation.' }) input: EscalateComplaintInput): Promise<EscalateComplaintPayload> {
    return escalateComplaint(ctx, client(ctx), input);
  }

  @Mutation(() => ResolveComplaintPayload, { description: 'Record the decision and answer the complainant. Handlers acting at the complaint’s tier.' })
  resolveComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The decision.' }) input: ResolveComplaintInput): Promise<ResolveComplaintPayload> {
    return resolveComplaint(ctx, client(ctx), input);
  }

  @Mutation(() => RejectComplaintPayload, { description: 'Decline a complaint (→ REJECTED): not our authority, invalid, or no answer to a request for information. Handlers acting at the complaint’s tier.' })
  rejectComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The rejection.' }) input: RejectComplaintInput): Promise<RejectComplaintPayload> {
    return rejectComplaint(ctx, client(ctx), input);
  }

  @Mutation(() => MarkDuplicatePayload, { description: 'Merge a complaint into another about the same case (→ DUPLICATE); the tracker then shows the other. Handlers acting at the duplicate’s tier.' })
  markDuplicate(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The merge.' }) input: MarkDuplicateInput): Promise<MarkDuplicatePayload> {
    return markDuplicate(ctx, client(ctx), input);
  }

  @Mutation(() => ReopenComplaintPayload, { description: 'Appeal a resolution within 30 days: a new complaint, linked to the original, handled one tier higher. The intake client that submitted the original, or handlers.' })
  reopenComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The appeal.' }) input: ReopenComplaintInput): Promise<ReopenComplaintPayload> {
    return reopenComplaint(ctx, client(ctx), input);
  }

  @Mutation(() => ResetReplyPinPayload, {
    description: 'Give the complainant a new reply PIN (lost, or the complaint locked by wrong guesses): the old one stops working, the lock is lifted, the new one is answered once. Handlers acting at the complaint’s tier, and the intake client that submitted it.',
  })
  resetReplyPin(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The complaint.' }) input: ResetReplyPinInput): Promise<ResetReplyPinPayload> {
    return resetReplyPin(ctx, client(ctx), input);
  }

  @Mutation(() => AnswerInformationRequestPayload, {
    description: 'The complainant answers the office’s request for information with the tracking code and reply PIN (PENDING_INFO → the status before); the due date moves back by the pause, as with provideInformation. Public, no token; limited per IP address, wrong PINs per complaint.',
  })
  answerInformationRequest(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The answer, with code and PIN.' }) input: AnswerInformationRequestInput): Promise<AnswerInformationRequestPayload> {
    return answerInformationRequest(ctx, input);
  }

  @Mutation(() => AppealResolutionPayload, {
    description: 'The complainant appeals a resolution with the tracking code and reply PIN, within 30 days: a new complaint, linked to the original, handled one tier higher, with its own tracking code and PIN (shown once). Public, no token; limited per IP address, wrong PINs per complaint.',
  })
  appealResolution(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The appeal, with code and PIN.' }) input: AppealResolutionInput): Promise<AppealResolutionPayload> {
    return appealResolution(ctx, input);
  }

  @Mutation(() => RateResolutionPayload, { description: 'Rate how a resolved complaint was handled, once, with its tracking code and reply PIN. Public; limited per IP address, wrong PINs per complaint.' })
  rateResolution(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The rating.' }) input: RateResolutionInput): Promise<RateResolutionPayload> {
    return rateResolution(ctx, input);
  }
}
