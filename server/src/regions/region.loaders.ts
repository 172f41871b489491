import { DataSource } from 'typeorm';
import { keyedLoader } from '../graphql/loader';
import { RegionEntity } from './region.entity';

export function createRegionLoaders(dataSource: DataSource) {
  return {
    // Raw SQL, not entity hydration: every list of complaints and recipients asks for its villages (docs/benchmarks.md).
    regionByCodeLoader: keyedLoader<string, RegionEntity>(
      (codes) => dataSource.query(
        `SELECT code, name, level, kind, parent_code AS "parentCode", time_zone AS "timeZone" FROM regions WHERE code = ANY($1::text[])`, [codes]),
      (region) => region.code,
    ),
  };
}
