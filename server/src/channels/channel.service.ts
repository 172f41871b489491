import { RequestContext } from '../graphql/context';
import { ChannelEntity } from './channel.entity';

/** Every channel, by code. */
export async function listChannels(ctx: RequestContext): Promise<ChannelEntity[]> {
  const channels = await ctx.dataSource.getRepository(ChannelEntity).find({ order: { code: 'ASC' } });
  channels.forEach((channel) => ctx.loaders.channelByCodeLoader.prime(channel.code, channel));
  return channels;
}
