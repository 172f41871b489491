import { DataSource, In } from 'typeorm';
import { keyedLoader } from '../graphql/loader';
import { ChannelEntity } from './channel.entity';

export function createChannelLoaders(dataSource: DataSource) {
  return {
    channelByCodeLoader: keyedLoader<string, ChannelEntity>(
      (codes) => dataSource.getRepository(ChannelEntity).findBy({ code: In([...codes]) }),
      (channel) => channel.code,
    ),
  };
}
