import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context';
import { Complaint } from './complaint.type';
import { seesPersonalDataWhole } from './complaint-scope';
import { DUPLICATE_WINDOW_DAYS, MAX_POSSIBLE_DUPLICATES } from './possible-duplicates';

/** Links between complaints: appeals, merged and possible duplicates. Each is scoped like any complaint: null (or left out) outside your reach. */
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

  /**
   * For the offices deciding whether to merge (markDuplicate): handlers and auditors only — an intake client or a bank
   * has submitComplaint's answer at intake, not a family's other complaints later. Batched by a DataLoader, so an inbox
   * page that asks it for every row costs one statement (possible-duplicates.ts).
   */
  @FieldResolver(() => [Complaint], {
    description: `Open complaints (not closed, rejected or merged) you may see about the same family (subject NIK), programme and category, received within ${DUPLICATE_WINDOW_DAYS} days before or after `
      + `of this one, newest first, at most ${MAX_POSSIBLE_DUPLICATES}: perhaps the same matter (markDuplicate merges them). `
      + 'Handlers (within their jurisdiction) and auditors; empty for others, and for a complaint without a subject NIK.',
  })
  async possibleDuplicates(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Complaint[]> {
    if (!seesPersonalDataWhole(ctx.principal) || !complaint.row.subjectNik) return [];
    return (await ctx.loaders.possibleDuplicatesByComplaintLoader.load(complaint.row.id)).map((row) => Complaint.from(row));
  }
}
