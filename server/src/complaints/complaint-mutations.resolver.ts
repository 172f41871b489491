import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ClientPrincipal } from '../auth/principal';
import { EscalateComplaintInput, EscalateComplaintPayload, escalateComplaint } from '../escalation/escalate-complaint';
import type { RequestContext } from '../graphql/context';
import { ResolveComplaintInput, ResolveComplaintPayload, resolveComplaint } from './resolve-complaint';
import { SubmitComplaintInput, SubmitComplaintPayload } from './submit-complaint.input';
import { submitComplaint } from './submit-complaint.service';

/** The shield lets only clients of the right role through; this narrows the type. */
const client = (ctx: RequestContext) => ctx.principal as ClientPrincipal;

@Resolver()
export class ComplaintMutationsResolver {
  @Mutation(() => SubmitComplaintPayload, { description: 'File a complaint from any channel; answers at once with a tracking code and an acknowledgement. Intake clients and handlers.' })
  submitComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The complaint.' }) input: SubmitComplaintInput): Promise<SubmitComplaintPayload> {
    return submitComplaint(ctx, client(ctx), input);
  }

  @Mutation(() => EscalateComplaintPayload, { description: 'Move a complaint one tier up (or to `toTier`), with a reason. Handlers acting at the complaint’s tier.' })
  escalateComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The escalation.' }) input: EscalateComplaintInput): Promise<EscalateComplaintPayload> {
    return escalateComplaint(ctx, client(ctx), input);
  }

  @Mutation(() => ResolveComplaintPayload, { description: 'Record the decision and answer the complainant. Handlers acting at the complaint’s tier.' })
  resolveComplaint(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The decision.' }) input: ResolveComplaintInput): Promise<ResolveComplaintPayload> {
    return resolveComplaint(ctx, client(ctx), input);
  }
}
