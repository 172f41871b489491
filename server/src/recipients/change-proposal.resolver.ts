import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notePersonalDataRead } from '../auth/personal-data-log';
import type { ClientPrincipal } from '../auth/principal';
import { maskNik } from '../common/personal-data';
import { seesPersonalDataWhole } from '../complaints/complaint-scope';
import { Complaint } from '../complaints/complaint.type';
import { ConnectionArgs, toConnection } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { Organisation } from '../organisations/organisation.type';
import { Region } from '../regions/region.type';
import {
  Deliberation, ProposedRecipientData, ProposeRecipientChangeInput, ProposeRecipientChangePayload, RecipientChangeProposal,
  RecipientChangeProposalConnection, RecipientChangeProposalFilter, ReviewRecipientChangeInput, ReviewRecipientChangePayload,
} from './change-proposal.types';
import { listRecipientChangeProposals } from './change-proposals';
import { proposeRecipientChange } from './propose-recipient-change';
import { reviewRecipientChange } from './review-recipient-change';
import { Recipient } from './recipient.types';

/** The shield lets only clients of the right kind through; this narrows the type. */
const client = (ctx: RequestContext) => ctx.principal as ClientPrincipal;

@ArgsType()
class RecipientChangeProposalsArgs extends ConnectionArgs {
  @Field(() => RecipientChangeProposalFilter, { nullable: true, description: 'Narrow the list.' })
  filter?: RecipientChangeProposalFilter;
}

/** Personal data of a proposal: whole for handlers and auditors (the only ones who see proposals), each read logged. */
function personal(ctx: RequestContext, proposalId: string, field: string, value: string): string {
  if (!seesPersonalDataWhole(ctx.principal)) return maskNik(value);
  notePersonalDataRead(ctx, { subjectType: 'RecipientChangeProposal', subjectId: proposalId, field });
  return value;
}

@Resolver(() => RecipientChangeProposal)
export class RecipientChangeProposalResolver {
  @Mutation(() => ProposeRecipientChangePayload, {
    description: 'Propose adding, removing or updating a person of your village in the recipient register, with the village deliberation (musyawarah desa) that recommended it '
      + 'and the evidence. The district/city office reviews it (reviewRecipientChange). Village offices.',
  })
  proposeRecipientChange(
    @Ctx() ctx: RequestContext, @Arg('input', { description: 'The proposal.' }) input: ProposeRecipientChangeInput,
  ): Promise<ProposeRecipientChangePayload> {
    return proposeRecipientChange(ctx, client(ctx), input);
  }

  @Mutation(() => ReviewRecipientChangePayload, {
    description: 'Approve or reject a pending change proposal of a village in your jurisdiction. Approval applies it to the register and appends it to the recipient’s provenance. '
      + 'District/city social offices.',
  })
  reviewRecipientChange(
    @Ctx() ctx: RequestContext, @Arg('input', { description: 'The decision.' }) input: ReviewRecipientChangeInput,
  ): Promise<ReviewRecipientChangePayload> {
    return reviewRecipientChange(ctx, client(ctx), input);
  }

  @Query(() => RecipientChangeProposalConnection, {
    description: 'Recipient change proposals of villages in your jurisdiction, newest first: a village office its own, a district office its villages’ (its review queue). Handlers and auditors.',
  })
  async recipientChangeProposals(
    @Ctx() ctx: RequestContext, @Args() args: RecipientChangeProposalsArgs,
  ): Promise<InstanceType<typeof RecipientChangeProposalConnection>> {
    const page = await listRecipientChangeProposals(ctx, args);
    return toConnection(page, RecipientChangeProposal.from);
  }

  @FieldResolver(() => String, { description: 'The NIK of the person (for ADD, the new person’s). Each read is logged.' })
  nik(@Root() proposal: RecipientChangeProposal, @Ctx() ctx: RequestContext): string {
    return personal(ctx, proposal.row.id, 'nik', proposal.row.nik);
  }

  @FieldResolver(() => ProposedRecipientData, { description: 'The data it would set.' })
  proposed(@Root() proposal: RecipientChangeProposal): ProposedRecipientData {
    const row = proposal.row;
    return Object.assign(new ProposedRecipientData(), {
      fullName: row.fullName, birthDate: row.birthDate, sex: row.sex, isFamilyHead: row.isFamilyHead, address: row.address, dtksStatus: row.dtksStatus, row,
    });
  }

  @FieldResolver(() => Recipient, { nullable: true, description: 'The recipient concerned; for ADD, null until approved.' })
  async recipient(@Root() proposal: RecipientChangeProposal, @Ctx() ctx: RequestContext): Promise<Recipient | null> {
    const row = proposal.row.recipientId ? await ctx.loaders.recipientByIdLoader.load(proposal.row.recipientId) : null;
    return row && Recipient.from(row);
  }

  @FieldResolver(() => Region, { description: 'The village.' })
  async region(@Root() proposal: RecipientChangeProposal, @Ctx() ctx: RequestContext): Promise<Region> {
    return Region.from((await ctx.loaders.regionByCodeLoader.load(proposal.row.regionCode))!);
  }

  @FieldResolver(() => Deliberation, { nullable: true, description: 'The village deliberation that recommended it; null when an upheld complaint opened it.' })
  async deliberation(@Root() proposal: RecipientChangeProposal, @Ctx() ctx: RequestContext): Promise<Deliberation | null> {
    const row = proposal.row.deliberationId ? await ctx.loaders.deliberationByIdLoader.load(proposal.row.deliberationId) : null;
    return row && Deliberation.from(row);
  }

  @FieldResolver(() => Complaint, { nullable: true, description: 'The upheld complaint that opened it, when you may see it.' })
  async sourceComplaint(@Root() proposal: RecipientChangeProposal, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    const row = proposal.row.sourceComplaintId ? await ctx.loaders.complaintByIdLoader.load(proposal.row.sourceComplaintId) : null;
    return row && Complaint.from(row);
  }

  @FieldResolver(() => Organisation, { description: 'Who proposed it: the village office, or the office that upheld the complaint.' })
  async proposedBy(@Root() proposal: RecipientChangeProposal, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return Organisation.from((await ctx.loaders.organisationByIdLoader.load(proposal.row.proposedByOrganisationId))!);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'Who approved or rejected it.' })
  async reviewedBy(@Root() proposal: RecipientChangeProposal, @Ctx() ctx: RequestContext): Promise<Organisation | null> {
    const id = proposal.row.reviewedByOrganisationId;
    const organisation = id ? await ctx.loaders.organisationByIdLoader.load(id) : null;
    return organisation && Organisation.from(organisation);
  }
}

@Resolver(() => ProposedRecipientData)
export class ProposedRecipientDataResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The family card (KK) number. Each read is logged.' })
  kkNumber(@Root() data: ProposedRecipientData, @Ctx() ctx: RequestContext): string | null {
    return data.row.kkNumber && personal(ctx, data.row.id, 'kkNumber', data.row.kkNumber);
  }
}

@Resolver(() => Deliberation)
export class DeliberationResolver {
  @FieldResolver(() => Region, { description: 'The village that held it.' })
  async region(@Root() deliberation: Deliberation, @Ctx() ctx: RequestContext): Promise<Region> {
    return Region.from((await ctx.loaders.regionByCodeLoader.load(deliberation.row.regionCode))!);
  }

  @FieldResolver(() => Organisation, { description: 'The village office that recorded it.' })
  async recordedBy(@Root() deliberation: Deliberation, @Ctx() ctx: RequestContext): Promise<Organisation> {
    return Organisation.from((await ctx.loaders.organisationByIdLoader.load(deliberation.row.recordedByOrganisationId))!);
  }
}

/** The other way of the link: the data correction an upheld complaint opened. */
@Resolver(() => Complaint)
export class ComplaintCorrectionResolver {
  @FieldResolver(() => RecipientChangeProposal, {
    nullable: true,
    description: 'The register correction this complaint opened when it was upheld (WRONG_TARGET, NOT_RECEIVED); null when none, or for anyone but handlers in jurisdiction and auditors.',
  })
  async dataCorrectionProposal(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<RecipientChangeProposal | null> {
    if (!seesPersonalDataWhole(ctx.principal)) return null;
    const row = await ctx.loaders.recipientChangeProposalByComplaintLoader.load(complaint.row.id);
    return row && RecipientChangeProposal.from(row);
  }
}
