import { DataSource } from 'typeorm';
import { referenceLoader } from '../graphql/reference-cache';
import { RegionEntity } from './region.entity';

export function createRegionLoaders(dataSource: DataSource) {
  return {
    // Raw SQL, not entity hydration, and kept per process a minute (graphql/reference-cache.ts): every list of complaints and recipients asks for its villages.
    // Indonesia has ~84,000 villages: the busiest 20,000 are kept (a few MB).
    regionByCodeLoader: referenceLoader<RegionEntity>(
      dataSource, 'regions',
      (codes) => dataSource.query(
        `SELECT code, name, level, kind, parent_code AS "parentCode", time_zone AS "timeZone", retired_at AS "retiredAt" FROM regions WHERE code = ANY($1::text[])`, [codes]),
      (region) => region.code,
      { maxEntries: 20_000 },
    ),
  };
}
