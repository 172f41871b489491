import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../graphql/context';
import { Region } from './region.type';
import { listRegions } from './region.service';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => [Region], {
    description: 'Regions directly under a parent, by code; without `parentCode`, the 38 provinces. Only current regions, unless `includeRetired`. Public.',
  })
  async regions(
    @Ctx() ctx: RequestContext,
    @Arg('parentCode', () => String, { nullable: true, description: 'A region code (`32`, `32.73`, `32.73.01`); its children are returned.' }) parentCode?: string | null,
    @Arg('includeRetired', () => Boolean, {
      defaultValue: false,
      description: 'Also the regions a newer release of the Kemendagri register no longer has (`current: false`), e.g. to show where an old complaint was.',
    }) includeRetired = false,
  ): Promise<Region[]> {
    return (await listRegions(ctx, parentCode, includeRetired)).map(Region.from);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region one level up; null for a province.' })
  async parent(@Root() region: Region, @Ctx() ctx: RequestContext): Promise<Region | null> {
    if (!region.parentCode) return null;
    const parent = await ctx.loaders.regionByCodeLoader.load(region.parentCode);
    return parent ? Region.from(parent) : null;
  }
}
