import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { ClientPrincipal } from '../auth/principal';
import { Complaint } from '../complaints/complaint.type';
import type { RequestContext } from '../graphql/context';
import { Organisation } from '../organisations/organisation.type';
import { AnswerReferralInput, AnswerReferralPayload, answerReferral, ReferComplaintInput, ReferComplaintPayload, referComplaint } from './refer-complaint';
import { Referral } from './referral.type';

/** The shield lets only clients of the right role through; this narrows the type. */
const client = (ctx: RequestContext) => ctx.principal as ClientPrincipal;

@Resolver(() => Referral)
export class ReferralResolver {
  @Mutation(() => ReferComplaintPayload, { description: 'Refer a complaint to a bank or another office, which is asked to answer; the bank then sees the complaint. Handlers acting at the complaint’s tier.' })
  referComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The referral.' }) input: ReferComplaintInput): Promise<ReferComplaintPayload> {
    return referComplaint(ctx, client(ctx), input);
  }

  @Mutation(() => AnswerReferralPayload, { description: 'Answer a referral made to your organisation. Banks and handlers, for referrals made to them.' })
  answerReferral(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The answer.' }) input: AnswerReferralInput): Promise<AnswerReferralPayload> {
    return answerReferral(ctx, client(ctx), input);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation asked.' })
  async toOrganisation(@Root() referral: Referral, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return Organisation.from((await ctx.loaders.organisationByIdLoader.load(referral.row.toOrganisationId))!);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The office that referred it; null when Aduan referred it at intake (a failed transfer goes to the disbursing bank at once).' })
  async fromOrganisation(@Root() referral: Referral, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    const id = referral.row.fromOrganisationId;
    const organisation = id ? await ctx.loaders.organisationByIdLoader.load(id) : null;
    return organisation && Organisation.from(organisation);
  }

  @FieldResolver(() => Complaint, { nullable: true, description: 'The complaint referred (null only if it is outside your reach, which a referral you see never is).' })
  async complaint(@Root() referral: Referral, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    const row = await ctx.loaders.complaintByIdLoader.load(referral.row.complaintId);
    return row && Complaint.from(row);
  }
}

@Resolver(() => Complaint)
export class ComplaintReferralsResolver {
  @FieldResolver(() => [Referral], { description: 'Its referrals to banks and other offices, oldest first. Handlers and auditors see all; a bank those made to it; intake clients none.' })
  async referrals(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Referral[]> {
    return (await ctx.loaders.referralsByComplaintLoader.load(complaint.row.id)).map(Referral.from);
  }
}
