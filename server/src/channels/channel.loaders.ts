import { DataSource } from 'typeorm';
import { referenceLoader } from '../graphql/reference-cache';
import { ChannelEntity } from './channel.entity';

export function createChannelLoaders(dataSource: DataSource) {
  return {
    // Raw SQL, not entity hydration, and kept per process a minute (graphql/reference-cache.ts): every list of complaints asks for its channels.
    channelByCodeLoader: referenceLoader<ChannelEntity>(
      dataSource, 'channels',
      (codes) => dataSource.query(
        `SELECT code, name, kind, description, operator_organisation_id AS "operatorOrganisationId", contact, service_hours AS "serviceHours", active
           FROM channels WHERE code = ANY($1::text[])`, [codes]),
      (channel) => channel.code,
      { maxEntries: 1000 },
    ),
  };
}
