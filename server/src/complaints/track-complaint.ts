import { DataSource } from 'typeorm';
import { Arg, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ComplaintStatus, ResolutionDecision, Tier } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { DECISION_LABELS, STATUS_LABELS, TIER_LABELS } from './complaint.labels';
import { normaliseTrackingCode } from './tracking-code';

@ObjectType('PublicResponse', { description: 'An answer to the complainant, as the tracker shows it.' })
export class PublicResponse {
  @Field(() => Date, { description: 'When it was given.' })
  at: Date;

  @Field({ description: 'What was said.' })
  message: string;
}

@ObjectType('MergedHandling', {
  description: 'For a complaint merged into another about the same case: how the handling of both goes on and how it ends — '
    + 'where it stands and the decision, in words. Never the other complaint’s tracking code or its texts: it may be another person’s. Public.',
})
export class MergedHandling {
  @Field(() => ComplaintStatus, { description: 'Where the merged handling stands.' })
  status: ComplaintStatus;

  @Field(() => Tier, { description: 'The tier handling it.' })
  currentTier: Tier;

  @Field(() => ResolutionDecision, { nullable: true, description: 'The decision once resolved; null before.' })
  decision: ResolutionDecision | null;

  @Field(() => Date, { nullable: true, description: 'When the current stage is due; null while waiting for a complainant or once finished.' })
  dueAt: Date | null;

  @Field(() => Date, { description: 'When the merged handling last changed.' })
  lastUpdatedAt: Date;
}

@ObjectType('ComplaintTracking', {
  description: 'What anyone holding a tracking code may see of a complaint: where it stands and the answers given — nothing that identifies anyone. '
    + 'A complaint merged into another keeps its own code, status and answers, and tells how the merged handling goes in mergedHandling. Public.',
})
export class ComplaintTracking {
  @Field({ description: 'The tracking code asked about — always this complaint’s own, also when it was merged into another.' })
  trackingCode: string;

  @Field(() => ComplaintStatus, { description: 'Where it stands (DUPLICATE once merged into another; mergedHandling then tells how that goes).' })
  status: ComplaintStatus;

  @Field(() => Tier, { description: 'The tier handling it (for a merged complaint, the tier that had it when it was merged).' })
  currentTier: Tier;

  @Field(() => Date, { description: 'When it was received.' })
  submittedAt: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  lastUpdatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the current stage is due; null while waiting for the complainant or once finished.' })
  dueAt: Date | null;

  @Field(() => [PublicResponse], { description: 'The answers given on this complaint, oldest first (for a merged one, up to the merge and the notice of it; never the other complaint’s).' })
  publicResponses: PublicResponse[];

  @Field(() => MergedHandling, { nullable: true, description: 'Set when this complaint was merged into another about the same case and is handled together with it: how that handling goes and ends. Null otherwise.' })
  mergedHandling: MergedHandling | null;
}

@Resolver(() => MergedHandling)
export class MergedHandlingResolver {
  @FieldResolver(() => String, { description: 'The status in words, in Bahasa Indonesia (or English with Accept-Language: en).' })
  statusLabel(@Root() merged: MergedHandling, @Ctx() ctx: RequestContext): string {
    return STATUS_LABELS[merged.status][ctx.locale];
  }

  @FieldResolver(() => String, { description: 'Who handles it now, in words.' })
  tierLabel(@Root() merged: MergedHandling, @Ctx() ctx: RequestContext): string {
    return TIER_LABELS[merged.currentTier][ctx.locale];
  }

  @FieldResolver(() => String, { nullable: true, description: 'The decision in words; null before it is resolved.' })
  decisionLabel(@Root() merged: MergedHandling, @Ctx() ctx: RequestContext): string | null {
    return merged.decision ? DECISION_LABELS[merged.decision][ctx.locale] : null;
  }
}

const TRACKED_EVENT_TYPES = ['MARKED_DUPLICATE', 'PUBLIC_RESPONSE', 'RESOLVED', 'REJECTED', 'INFORMATION_REQUESTED', 'REFERRED', 'REFERRAL_ANSWERED', 'DISBURSEMENT_ISSUE_RESOLVED'];

@Resolver(() => ComplaintTracking)
export class TrackComplaintResolver {
  @Query(() => ComplaintTracking, {
    nullable: true,
    description: 'A complaint’s progress by its tracking code (case, spaces and dashes do not matter); null for an unknown code. Public; limited per IP address.',
  })
  async trackComplaint(
    @Ctx() ctx: RequestContext,
    @Arg('trackingCode', { description: 'The code from the acknowledgement, e.g. `ADU-7K3M-9Q2X`.' }) trackingCode: string,
  ): Promise<ComplaintTracking | null> {
    const code = trackingCode.length <= 40 ? normaliseTrackingCode(trackingCode) : null;
    return code ? findTracking(ctx, code) : null;
  }

  @FieldResolver(() => String, { description: 'The status in words, in Bahasa Indonesia (or English with Accept-Language: en).' })
  statusLabel(@Root() tracking: ComplaintTracking, @Ctx() ctx: RequestContext): string {
    return STATUS_LABELS[tracking.status][ctx.locale];
  }

  @FieldResolver(() => String, { description: 'Who handles it now, in words.' })
  tierLabel(@Root() tracking: ComplaintTracking, @Ctx() ctx: RequestContext): string {
    return TIER_LABELS[tracking.currentTier][ctx.locale];
  }
}

/** What the tracker shows for a normalised tracking code; null for an unknown one. */
export async function findTracking(ctx: RequestContext, code: string): Promise<ComplaintTracking | null> {
  const found = await trackingIn(ctx.dataSource, code);
  // A code handed out a moment ago may not have reached the read replica yet: ask the primary before saying "unknown".
  if (found || ctx.dataSource === ctx.primary) return found;
  return trackingIn(ctx.primary, code);
}

/** Statuses without a running clock: the tracker shows no due time for them. */
const CLOCK_STOPPED = ['RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE', 'PENDING_INFO'];

async function trackingIn(db: DataSource, code: string): Promise<ComplaintTracking | null> {
  const [row] = await db.query(
    'SELECT id, tracking_code, status, current_tier, created_at, updated_at, due_at, duplicate_of_id FROM complaints WHERE tracking_code = $1',
    [code],
  );
  if (!row) return null;
  // Only this complaint's own public answers: a merged complaint's survivor may be another person's (its answers can
  // name them, its code can be a conduct complaint against the office reading this one: docs/adr/0027-one-door.md).
  const responses: { at: Date; message: string }[] = await db.query(
    `SELECT occurred_at AS at, message FROM complaint_events
      WHERE complaint_id = $1 AND visibility = 'PUBLIC' AND message IS NOT NULL AND type = ANY($2::complaint_event_type[])
      ORDER BY seq`,
    [row.id, TRACKED_EVENT_TYPES],
  );
  return Object.assign(new ComplaintTracking(), {
    trackingCode: row.tracking_code,
    status: row.status,
    currentTier: row.current_tier,
    submittedAt: row.created_at,
    lastUpdatedAt: row.updated_at,
    dueAt: CLOCK_STOPPED.includes(row.status) ? null : row.due_at,
    publicResponses: responses.map((r) => Object.assign(new PublicResponse(), r)),
    mergedHandling: row.duplicate_of_id ? await mergedHandling(db, row.duplicate_of_id) : null,
  });
}

/** How the complaint carrying a merged one's handling stands: followed to the end of the chain (at most a few hops); no code, no text. */
async function mergedHandling(db: DataSource, survivorId: string): Promise<MergedHandling | null> {
  const [row] = await db.query(
    `WITH RECURSIVE chain AS (
       SELECT c.id, c.duplicate_of_id, 0 AS depth FROM complaints c WHERE c.id = $1
       UNION ALL
       SELECT c.id, c.duplicate_of_id, chain.depth + 1 FROM complaints c JOIN chain ON c.id = chain.duplicate_of_id WHERE chain.depth < 5
     )
     SELECT c.status, c.current_tier, c.resolution_decision, c.due_at, c.updated_at
       FROM chain JOIN complaints c ON c.id = chain.id ORDER BY chain.depth DESC LIMIT 1`,
    [survivorId],
  );
  if (!row) return null;
  return Object.assign(new MergedHandling(), {
    status: row.status,
    currentTier: row.current_tier,
    decision: row.resolution_decision,
    dueAt: CLOCK_STOPPED.includes(row.status) ? null : row.due_at,
    lastUpdatedAt: row.updated_at,
  });
}
