import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { Complaint } from './complaint.type';

/** Links between complaints: appeals and merged duplicates. Each is scoped like any complaint: null outside your reach. */
@Resolver(() => Complaint)
export class ComplaintLinksResolver {
  @FieldResolver(() => Complaint, { nullable: true, description: 'For an appeal, the complaint whose resolution it appeals; null otherwise or when outside your reach.' })
  async appealOf(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    const id = complaint.row.appealOfId;
    const row = id ? await ctx.loaders.complaintByIdLoader.load(id) : null;
    return row && Complaint.from(row);
  }

  @FieldResolver(() => Complaint, { nullable: true, description: 'For a DUPLICATE, the complaint it was merged into, which carries the handling; null otherwise or when outside your reach.' })
  async duplicateOf(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    const id = complaint.row.duplicateOfId;
    const row = id ? await ctx.loaders.complaintByIdLoader.load(id) : null;
    return row && Complaint.from(row);
  }
}
