import { DataSource } from 'typeorm';
import { keyedLoader } from '../graphql/loader';
import { ChannelEntity } from './channel.entity';

export function createChannelLoaders(dataSource: DataSource) {
  return {
    // Raw SQL, not entity hydration: every list of complaints asks for its channels (docs/benchmarks.md).
    channelByCodeLoader: keyedLoader<string, ChannelEntity>(
      (codes) => dataSource.query(
        `SELECT code, name, kind, description, operator_organisation_id AS "operatorOrganisationId", contact, service_hours AS "serviceHours", active
           FROM channels WHERE code = ANY($1::text[])`, [codes]),
      (channel) => channel.code,
    ),
  };
}
