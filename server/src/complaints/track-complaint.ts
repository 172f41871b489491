import { DataSource } from 'typeorm';
import { Arg, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ComplaintStatus, Tier } from '../common/enums';
import type { RequestContext } from '../graphql/context';
import { STATUS_LABELS, TIER_LABELS } from './complaint.labels';
import { normaliseTrackingCode } from './tracking-code';

@ObjectType('PublicResponse', { description: 'An answer to the complainant, as the tracker shows it.' })
export class PublicResponse {
  @Field(() => Date, { description: 'When it was given.' })
  at: Date;

  @Field({ description: 'What was said.' })
  message: string;
}

@ObjectType('ComplaintTracking', {
  description: 'What anyone holding a tracking code may see of a complaint: where it stands and the answers given — nothing that identifies anyone. Public.',
})
export class ComplaintTracking {
  @Field({ description: 'The tracking code. For a complaint merged into another, the surviving complaint’s code.' })
  trackingCode: string;

  @Field(() => ComplaintStatus, { description: 'Where it stands.' })
  status: ComplaintStatus;

  @Field(() => Tier, { description: 'The tier handling it.' })
  currentTier: Tier;

  @Field(() => Date, { description: 'When it was received.' })
  submittedAt: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  lastUpdatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the current stage is due; null while waiting for the complainant or once finished.' })
  dueAt: Date | null;

  @Field(() => [PublicResponse], { description: 'The answers given, oldest first.' })
  publicResponses: PublicResponse[];
}

const TRACKED_EVENT_TYPES = ['PUBLIC_RESPONSE', 'RESOLVED', 'REJECTED', 'INFORMATION_REQUESTED', 'REFERRED', 'REFERRAL_ANSWERED', 'DISBURSEMENT_ISSUE_RESOLVED'];

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

async function trackingIn(db: DataSource, code: string): Promise<ComplaintTracking | null> {
  // A merged complaint is followed to the one that carries the handling (at most a few hops).
  const [row] = await db.query(
    `WITH RECURSIVE chain AS (
       SELECT c.*, 0 AS depth FROM complaints c WHERE c.tracking_code = $1
       UNION ALL
       SELECT c.*, chain.depth + 1 FROM complaints c JOIN chain ON c.id = chain.duplicate_of_id WHERE chain.depth < 5
     )
     SELECT id, tracking_code, status, current_tier, created_at, updated_at, due_at FROM chain
      ORDER BY depth DESC LIMIT 1`,
    [code],
  );
  if (!row) return null;
  const responses: { at: Date; message: string }[] = await db.query(
    `SELECT occurred_at AS at, message FROM complaint_events
      WHERE complaint_id = $1 AND visibility = 'PUBLIC' AND message IS NOT NULL AND type = ANY($2::complaint_event_type[])
      ORDER BY seq`,
    [row.id, TRACKED_EVENT_TYPES],
  );
  const finished = ['RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE', 'PENDING_INFO'].includes(row.status);
  return Object.assign(new ComplaintTracking(), {
    trackingCode: row.tracking_code,
    status: row.status,
    currentTier: row.current_tier,
    submittedAt: row.created_at,
    lastUpdatedAt: row.updated_at,
    dueAt: finished ? null : row.due_at,
    publicResponses: responses.map((r) => Object.assign(new PublicResponse(), r)),
  });
}
