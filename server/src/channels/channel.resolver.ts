import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../graphql/context';
import { Channel } from './channel.type';
import { listChannels } from './channel.service';

@Resolver(() => Channel)
export class ChannelResolver {
  @Query(() => [Channel], { description: 'The channels complaints arrive through, with their contact facts, by code. Public.' })
  async channels(@Ctx() ctx: RequestContext): Promise<Channel[]> {
    return (await listChannels(ctx)).map(Channel.from);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The organisation that runs the channel (e.g. the bank for its call centre); null when the ministry does.' })
  async operatorName(@Root() channel: Channel, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!channel.operatorOrganisationId) return null;
    return (await ctx.loaders.organisationByIdLoader.load(channel.operatorOrganisationId))?.name ?? null;
  }
}
