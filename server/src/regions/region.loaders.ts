import { DataSource, In } from 'typeorm';
import { keyedLoader } from '../graphql/loader';
import { RegionEntity } from './region.entity';

export function createRegionLoaders(dataSource: DataSource) {
  return {
    regionByCodeLoader: keyedLoader<string, RegionEntity>(
      (codes) => dataSource.getRepository(RegionEntity).findBy({ code: In([...codes]) }),
      (region) => region.code,
    ),
  };
}
