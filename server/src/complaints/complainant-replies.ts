import { Field, InputType, ObjectType } from 'type-graphql';
import { PUBLIC } from '../auth/principal';
import { ComplaintStatus } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { UserError } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { applyChange, Refusal } from './complaint-change';
import { ComplaintRow } from './complaint.row';
import { asComplainant, notAwaitingRefusal, rollbackWith } from './complainant-pin';
import { appealChange } from './reopen-complaint';
import { resumeWithInformation } from './information-requests';
import { text } from './handling-rules';
import { ComplaintTracking, findTracking } from './track-complaint';

/**
 * What the complainant does with the tracking code and the reply PIN, without
 * an account (docs/adr/0026-complainant-pin.md): answer a request for
 * information and appeal a resolution (rating: rate-resolution.ts; evidence:
 * evidence/complainant-evidence-upload.ts). Public and limited per IP address;
 * each answers with the public ComplaintTracking only — never a name, a number
 * or the text sent. Each changes the complaint through applyChange with the
 * PUBLIC actor: one event, one version.
 */

@InputType({ description: 'The complainant’s answer to the office’s request for information, with the tracking code and reply PIN.' })
export class AnswerInformationRequestInput {
  @Field({ description: 'The tracking code from the acknowledgement, e.g. `ADU-7K3M-9Q2X` (case, spaces and dashes do not matter).' })
  trackingCode: string;

  @Field({ description: 'The 6-digit reply PIN from the acknowledgement. Five wrong PINs in a row lock the complaint for 15 minutes.' })
  pin: string;

  @Field({ description: 'The answer (1–4000 characters). Read by the offices handling the complaint; never on the public tracker.' })
  information: string;
}

@ObjectType({ description: 'The result of answerInformationRequest.' })
export class AnswerInformationRequestPayload {
  @Field(() => ComplaintTracking, { nullable: true, description: 'The complaint as the tracker shows it, after the answer; null for an unknown code.' })
  tracking: ComplaintTracking | null;

  @Field(() => [UserError], { description: 'Why the answer was not taken (a wrong, locked or expired PIN; the complaint not waiting for an answer); empty on success.' })
  userErrors: UserError[];
}

@InputType({ description: 'The complainant’s appeal of a resolution, with the tracking code and reply PIN.' })
export class AppealResolutionInput {
  @Field({ description: 'The tracking code of the resolved complaint, e.g. `ADU-7K3M-9Q2X`.' })
  trackingCode: string;

  @Field({ description: 'The 6-digit reply PIN from its acknowledgement.' })
  pin: string;

  @Field({ description: 'Why the complainant disagrees with the decision (1–4000 characters): the appeal’s description, read by the office that looks at it again.' })
  reason: string;
}

@ObjectType({ description: 'The result of appealResolution.' })
export class AppealResolutionPayload {
  @Field(() => ComplaintTracking, { nullable: true, description: 'The appealed complaint as the tracker shows it; null for an unknown code.' })
  tracking: ComplaintTracking | null;

  @Field(() => ComplaintTracking, { nullable: true, description: 'The appeal as the tracker shows it: a new complaint with its own tracking code, one tier up; null when no appeal was made.' })
  appeal: ComplaintTracking | null;

  @Field(() => String, {
    nullable: true,
    description: 'The appeal’s own reply PIN (6 digits), SHOWN ONCE: show it to the person with the appeal’s tracking code. Aduan keeps only a hash. Null when no appeal was made.',
  })
  replyPin: string | null;

  @Field(() => [UserError], { description: 'Why no appeal was made (a wrong, locked or expired PIN; not resolved; the 30 days passed; appealed already); empty on success.' })
  userErrors: UserError[];
}

/**
 * PENDING_INFO → the status before the request, with the clock resumed:
 * exactly what a handler's provideInformation does (resumeWithInformation),
 * with the complainant (PUBLIC) as the event's actor.
 */
export async function answerInformationRequest(ctx: RequestContext, input: AnswerInformationRequestInput): Promise<AnswerInformationRequestPayload> {
  const errors = new UserErrors(ctx.locale);
  const information = text(input.information, ['input', 'information'], 4000);
  if ('refuse' in information) return refusedAnswer(ctx, errors, information.refuse, null);
  type Outcome = { refusal: Refusal | null; row: ComplaintRow | null };
  const refused = (refusal: Refusal, row: ComplaintRow | null): Outcome => ({ refusal, row });
  const outcome = await asComplainant(ctx, input, refused, async (manager, row): Promise<Outcome> => {
    if (row.status !== ComplaintStatus.PENDING_INFO) {
      return rollbackWith(refused, notAwaitingRefusal('answer'), row);
    }
    const change = await resumeWithInformation(ctx, manager, row, information.value, { byComplainant: true });
    const { row: updated } = await applyChange(ctx, manager, PUBLIC, row, change);
    return { refusal: null, row: updated };
  });
  if (outcome.refusal) return refusedAnswer(ctx, errors, outcome.refusal, outcome.row);
  return Object.assign(new AnswerInformationRequestPayload(), { tracking: await findTracking(ctx, outcome.row!.trackingCode), userErrors: [] });
}

async function refusedAnswer(ctx: RequestContext, errors: UserErrors, refusal: Refusal, row: ComplaintRow | null): Promise<AnswerInformationRequestPayload> {
  errors.add(refusal.field ?? null, refusal.code, refusal);
  return Object.assign(new AnswerInformationRequestPayload(), { tracking: row && await findTracking(ctx, row.trackingCode), userErrors: errors.list });
}

/**
 * The complainant's own appeal: the rules of reopenComplaint (appealChange —
 * resolved or closed, within 30 days, once; a new complaint one tier up), with
 * the complainant (PUBLIC) as the actor. No idempotency key (a public caller
 * has no client to keep one for): a repeat is told the complaint was appealed
 * already, with the appeal's code; the appeal's PIN reaches the person again
 * only through the acknowledgement notification.
 */
export async function appealResolution(ctx: RequestContext, input: AppealResolutionInput): Promise<AppealResolutionPayload> {
  const errors = new UserErrors(ctx.locale);
  const answer = async (refusal: Refusal | null, row: ComplaintRow | null, appealCode: string | null = null, replyPin: string | null = null) => {
    if (refusal) errors.add(refusal.field ?? null, refusal.code, refusal);
    return Object.assign(new AppealResolutionPayload(), {
      tracking: row && await findTracking(ctx, row.trackingCode),
      appeal: appealCode && await findTracking(ctx, appealCode),
      replyPin,
      userErrors: errors.list,
    });
  };
  const reason = text(input.reason, ['input', 'reason'], 4000);
  if ('refuse' in reason) return answer(reason.refuse, null);
  type Outcome = { refusal: Refusal | null; row: ComplaintRow | null; appealId?: string; replyPin?: string };
  const refused = (refusal: Refusal, row: ComplaintRow | null): Outcome => ({ refusal, row });
  const outcome = await asComplainant(ctx, input, refused, async (manager, row): Promise<Outcome> => {
    const change = await appealChange(ctx, manager, PUBLIC, row, reason.value);
    if ('refuse' in change) {
      // The person names the complaint by its code, not by an id: the refusal points there.
      return rollbackWith(refused, { ...change.refuse, field: ['input', 'trackingCode'] }, row);
    }
    const { row: updated, created } = await applyChange(ctx, manager, PUBLIC, row, change);
    return { refusal: null, row: updated, appealId: created?.appealId, replyPin: created?.replyPin };
  });
  if (outcome.refusal) return answer(outcome.refusal, outcome.row);
  const [appeal] = await ctx.primary.query('SELECT tracking_code AS "trackingCode" FROM complaints WHERE id = $1', [outcome.appealId]);
  return answer(null, outcome.row, appeal?.trackingCode ?? null, outcome.replyPin ?? null);
}
