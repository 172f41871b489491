import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RequestContext } from '../graphql/context';
import { Region } from './region.type';
import { listRegions } from './region.service';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => [Region], { description: 'Regions directly under a parent, by code; without `parentCode`, the 38 provinces. Public.' })
  async regions(
    @Ctx() ctx: RequestContext,
    @Arg('parentCode', () => String, { nullable: true, description: 'A region code (`32`, `32.73`, `32.73.01`); its children are returned.' }) parentCode?: string | null,
  ): Promise<Region[]> {
    return (await listRegions(ctx, parentCode)).map(Region.from);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region one level up; null for a province.' })
  async parent(@Root() region: Region, @Ctx() ctx: RequestContext): Promise<Region | null> {
    if (!region.parentCode) return null;
    const parent = await ctx.loaders.regionByCodeLoader.load(region.parentCode);
    return parent ? Region.from(parent) : null;
  }
}
