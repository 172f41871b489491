import { IsNull } from 'typeorm';
import { badUserInput } from '../graphql/errors';
import { RequestContext } from '../graphql/context';
import { RegionEntity } from './region.entity';
import { words } from '../words';

export const REGION_CODE_PATTERN = /^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$/;

/**
 * The regions directly under `parentCode` (provinces when it is absent), by
 * code: the current ones, and with `includeRetired` those a newer release of
 * the register dropped too (docs/adr/0021-setup.md).
 */
export async function listRegions(ctx: RequestContext, parentCode?: string | null, includeRetired = false): Promise<RegionEntity[]> {
  if (parentCode != null && !REGION_CODE_PATTERN.test(parentCode)) {
    throw badUserInput(words('regions.parentCode'), 'parentCode');
  }
  const regions = await ctx.dataSource.getRepository(RegionEntity).find({
    where: { parentCode: parentCode ?? IsNull(), ...(includeRetired ? {} : { retiredAt: IsNull() }) },
    order: { code: 'ASC' },
  });
  regions.forEach((region) => ctx.loaders.regionByCodeLoader.prime(region.code, region));
  return regions;
}
