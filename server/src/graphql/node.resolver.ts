import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { CaseConference, HomeVisit } from '../case-handling/case-handling.types';
import { Channel } from '../channels/channel.type';
import { Complaint } from '../complaints/complaint.type';
import { ComplaintEvent } from '../complaints/complaint-event.type';
import { DisbursementBatch, DisbursementIssue } from '../disbursements/disbursement.types';
import { Evidence } from '../evidence/evidence.type';
import { Organisation } from '../organisations/organisation.type';
import { Deliberation, RecipientChangeProposal } from '../recipients/change-proposal.types';
import { Disbursement, Enrolment, Recipient } from '../recipients/recipient.types';
import { Program } from '../programs/program.type';
import { Referral } from '../referrals/referral.type';
import { Region } from '../regions/region.type';
import { ownDelivery, ownSubscription, subscribes } from '../webhooks/webhook-queries';
import { RequestContext } from './context';
import { badUserInput } from './errors';
import { fromGlobalId } from './global-id';
import { Node } from './node';
import { UUID } from '../common/uuid';
import { words } from '../words';


type NodeFetcher = (ctx: RequestContext, key: string) => Promise<Node | null>;

/**
 * How `node(id)` fetches each type, and who may see it. A fetcher answers null
 * both for a missing object and for one outside the caller's reach, so the two
 * cannot be told apart (the contract's rule).
 */
const NODE_FETCHERS: Record<string, NodeFetcher> = {
  Region: async (ctx, code) => {
    const entity = await ctx.loaders.regionByCodeLoader.load(code);
    return entity && Region.from(entity);
  },
  Program: async (ctx, code) => {
    const entity = await ctx.loaders.programByCodeLoader.load(code);
    return entity && Program.from(entity);
  },
  Channel: async (ctx, code) => {
    const entity = await ctx.loaders.channelByCodeLoader.load(code);
    return entity && Channel.from(entity);
  },
  Complaint: async (ctx, id) => {
    const row = await ctx.loaders.complaintByIdLoader.load(id); // scoped: null outside the caller's reach
    return row && Complaint.from(row);
  },
  // Scoped in its loader: the events of a complaint within reach, internal ones as in the timeline (complaint-scope.ts).
  ComplaintEvent: async (ctx, id) => {
    const row = await ctx.loaders.complaintEventByIdLoader.load(id);
    return row && ComplaintEvent.from(row);
  },
  // Scoped in their loaders: a handler sees those of complaints in its jurisdiction, a bank its own referrals.
  Referral: async (ctx, id) => {
    const row = await ctx.loaders.referralByIdLoader.load(id);
    return row && Referral.from(row);
  },
  CaseConference: async (ctx, id) => {
    const row = await ctx.loaders.caseConferenceByIdLoader.load(id);
    return row && CaseConference.from(row);
  },
  HomeVisit: async (ctx, id) => {
    const row = await ctx.loaders.homeVisitByIdLoader.load(id);
    return row && HomeVisit.from(row);
  },
  // Scoped in their loaders: a bank sees its own; social offices and auditors see batches, and issues in their jurisdiction.
  DisbursementIssue: async (ctx, id) => {
    const row = await ctx.loaders.disbursementIssueByIdLoader.load(id);
    return row && DisbursementIssue.from(row);
  },
  DisbursementBatch: async (ctx, id) => {
    const row = await ctx.loaders.disbursementBatchByIdLoader.load(id);
    return row && DisbursementBatch.from(row);
  },
  // Scoped in their loaders: handlers those living in their jurisdiction, auditors all, a bank the recipients (enrolments, payments) it pays.
  Recipient: async (ctx, id) => {
    const row = await ctx.loaders.recipientByIdLoader.load(id);
    return row && Recipient.from(row);
  },
  Enrolment: async (ctx, id) => {
    const row = await ctx.loaders.enrolmentByIdLoader.load(id);
    return row && Enrolment.from(row);
  },
  Disbursement: async (ctx, id) => {
    const row = await ctx.loaders.disbursementByIdLoader.load(id);
    return row && Disbursement.from(row);
  },
  // Register work (proposals, deliberations): handlers of the village's jurisdiction and auditors.
  RecipientChangeProposal: async (ctx, id) => {
    const row = await ctx.loaders.recipientChangeProposalByIdLoader.load(id);
    return row && RecipientChangeProposal.from(row);
  },
  Deliberation: async (ctx, id) => {
    const row = await ctx.loaders.deliberationByIdLoader.load(id);
    return row && Deliberation.from(row);
  },
  // Scoped in its loader: handlers and auditors as for the complaint, a bank once it is referred, an intake client what it attached.
  Evidence: async (ctx, id) => {
    const row = await ctx.loaders.evidenceByIdLoader.load(id);
    return row && Evidence.from(row);
  },
  // An organisation's own only, for the roles that subscribe (docs/adr/0012-webhooks.md).
  WebhookSubscription: async (ctx, id) => (subscribes(ctx.principal) ? ownSubscription(ctx, ctx.principal, id) : null),
  WebhookDelivery: async (ctx, id) => (subscribes(ctx.principal) ? ownDelivery(ctx, ctx.principal, id) : null),
  Organisation: async (ctx, id) => {
    if (ctx.principal.kind !== 'client' || !UUID.test(id)) return null;
    const entity = await ctx.loaders.organisationByIdLoader.load(id);
    return entity && Organisation.from(entity);
  },
};

export const MAX_NODES = 100;

export async function fetchNode(ctx: RequestContext, id: string): Promise<Node | null> {
  const decoded = fromGlobalId(id);
  const fetcher = decoded && Object.hasOwn(NODE_FETCHERS, decoded.typeName) ? NODE_FETCHERS[decoded.typeName] : undefined;
  return fetcher ? fetcher(ctx, decoded!.key) : null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist or is outside your reach (the two look the same).' })
  async node(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'A global id from any `id` field.' }) id: string): Promise<Node | null> {
    return fetchNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: `Several objects by global id (at most ${MAX_NODES}), in the order asked; null for each one that does not exist or is outside your reach.` })
  async nodes(
    @Ctx() ctx: RequestContext,
    @Arg('ids', () => [ID], { description: `Global ids, at most ${MAX_NODES}.` }) ids: string[],
  ): Promise<(Node | null)[]> {
    if (ids.length > MAX_NODES) throw badUserInput(words('nodes.tooMany', { max: MAX_NODES, given: ids.length }), 'ids');
    return Promise.all(ids.map((id) => fetchNode(ctx, id)));
  }
}
