import { Ctx, Field, FieldResolver, InputType, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { PUBLIC } from '../auth/principal';
import { ComplaintStatus } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { applyChange, Refusal } from './complaint-change';
import { asComplainant } from './complainant-pin';
import { seesPersonalDataWhole } from './complaint-scope';
import { ComplaintRow } from './complaint.row';
import { Complaint } from './complaint.type';
import { findTracking, ComplaintTracking } from './track-complaint';
import { words } from '../words';

@InputType({ description: 'The complainant’s rating of how their complaint was resolved, given with the tracking code and reply PIN.' })
export class RateResolutionInput {
  @Field({ description: 'The tracking code from the acknowledgement, e.g. `ADU-7K3M-9Q2X`.' })
  trackingCode: string;

  @Field({ description: 'The 6-digit reply PIN from the acknowledgement: the code alone no longer rates (docs/adr/0026-complainant-pin.md). Five wrong PINs in a row lock the complaint for 15 minutes.' })
  pin: string;

  @Field(() => Int, { description: 'From 1 (very dissatisfied) to 5 (very satisfied).' })
  rating: number;

  @Field(() => String, { nullable: true, description: 'What the complainant wants to say about it (at most 1000 characters). Read by handlers and auditors only.' })
  comment?: string | null;
}

@ObjectType({ description: 'The result of rateResolution.' })
export class RateResolutionPayload {
  @Field(() => ComplaintTracking, { nullable: true, description: 'The complaint as the tracker shows it; null for an unknown code.' })
  tracking: ComplaintTracking | null;

  @Field(() => [UserError], { description: 'Why the rating was not taken; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'How the complainant rated the resolution (a satisfaction survey, as Zendesk and FixMyStreet ask). Handlers and auditors.' })
export class ResolutionRating {
  @Field(() => Int, { description: 'From 1 (very dissatisfied) to 5 (very satisfied).' })
  score: number;

  @Field(() => String, { nullable: true, description: 'What the complainant said with it.' })
  comment: string | null;

  @Field(() => Date, { description: 'When it was given.' })
  ratedAt: Date;
}

const RATEABLE: readonly ComplaintStatus[] = [ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED];

/**
 * Public, with the tracking code and the reply PIN as credentials (the code
 * alone shows the status to whoever holds it; rating asks for the secret only
 * the complainant holds: docs/adr/0026-complainant-pin.md), limited per IP
 * address and, for wrong PINs, per complaint (complainant-pin.ts). Once per
 * complaint: the row lock makes a second, concurrent rating wait and then see
 * the first. The RATED event is internal and carries the score only; the
 * comment stays on the complaint, for handlers and auditors: it may name
 * officials or the family.
 */
export async function rateResolution(ctx: RequestContext, input: RateResolutionInput): Promise<RateResolutionPayload> {
  const errors = new UserErrors(ctx.locale);
  const answer = (tracking: ComplaintTracking | null) => Object.assign(new RateResolutionPayload(), { tracking, userErrors: errors.list });
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    errors.add(['input', 'rating'], UserErrorCode.INVALID_INPUT, 'complaints.ratingRange');
  }
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > 1000) {
    errors.add(['input', 'comment'], UserErrorCode.INVALID_INPUT, 'complaints.commentLength');
  }
  if (errors.any) return answer(null);

  const refused = (refusal: Refusal, row: ComplaintRow | null): ComplaintRow | null => {
    errors.add(refusal.field ?? null, refusal.code, refusal);
    return row;
  };
  const row = await asComplainant(ctx, input, refused, async (manager, found) => {
    if (!RATEABLE.includes(found.status)) {
      return refused({
        code: UserErrorCode.INVALID_TRANSITION, field: ['input', 'trackingCode'], ...words('complaints.ratingBeforeResolution'),
      }, found);
    }
    if (found.ratedAt) {
      return refused({
        code: UserErrorCode.ALREADY_RATED, field: ['input', 'trackingCode'], ...words('complaints.ratedAlready'),
      }, found);
    }
    await applyChange(ctx, manager, PUBLIC, found, {
      set: { resolution_rating: input.rating, resolution_comment: comment, rated_at: ctx.now() },
      events: [{ type: ComplaintEventType.RATED, visibility: EventVisibility.INTERNAL, message: `Penilaian penyelesaian: ${input.rating}/5.`, data: { rating: input.rating } }],
    });
    return found;
  });
  if (!row) return answer(null);
  return answer(await findTracking(ctx, row.trackingCode));
}

@Resolver(() => Complaint)
export class ComplaintRatingResolver {
  @FieldResolver(() => ResolutionRating, { nullable: true, description: 'The complainant’s rating of the resolution, once given. Handlers and auditors; null for others.' })
  rating(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): ResolutionRating | null {
    const row = complaint.row;
    // Handlers and auditors: the comment may name officials or the family.
    if (!seesPersonalDataWhole(ctx.principal) || row.resolutionRating === null || !row.ratedAt) return null;
    return Object.assign(new ResolutionRating(), { score: row.resolutionRating, comment: row.resolutionComment, ratedAt: row.ratedAt });
  }
}
