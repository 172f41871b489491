import { Ctx, Query, Resolver } from 'type-graphql';
import { forbidden } from '../graphql/errors';
import type { RequestContext } from '../graphql/context';
import { Organisation } from '../organisations/organisation.type';
import { Viewer } from './viewer.type';
import { Officer } from '../officers/officer.type';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who you are: your client, organisation, role and jurisdiction. Requires a token.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<Viewer> {
    if (ctx.principal.kind !== 'client') throw forbidden();
    const organisation = await ctx.loaders.organisationByIdLoader.load(ctx.principal.organisationId);
    if (!organisation) throw forbidden();
    return Object.assign(new Viewer(), {
      clientId: ctx.principal.clientId,
      organisation: Organisation.from(organisation),
      role: ctx.principal.role,
      jurisdictionCode: ctx.principal.jurisdictionCode,
      administrator: ctx.principal.administrator,
      officer: ctx.principal.officer ? Officer.of(ctx.principal.officer.externalId, ctx.principal.officer.displayName) : null,
    });
  }
}
