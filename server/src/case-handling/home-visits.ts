import { randomUUID } from 'node:crypto';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintEventType, EventVisibility } from '../complaints/complaint-event.entity';
import { changeComplaint } from '../complaints/complaint-change';
import { uuidOf } from '../graphql/global-id';
import { FINISHED_STATUSES } from '../complaints/complaint-query.service';
import { Complaint } from '../complaints/complaint.type';
import { formatLocalDateTime } from '../complaints/complaint.labels';
import { refuse, regionZone, takenUp, text, wrongStatus } from '../complaints/handling-rules';
import type { RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { HOME_VISIT_COLUMNS, HomeVisit, HomeVisitRow } from './case-handling.types';
import { HomeVisitOutcome } from './home-visit.entity';
import { words } from '../words';

const OPERATION = 'scheduleHomeVisit';

@InputType({ description: 'Plan a social worker’s visit to the family a complaint is about.' })
export class ScheduleHomeVisitInput {
  @Field({ description: 'Your key for this visit (1–128 characters): the same key within 24 h returns the first result and creates nothing.' })
  idempotencyKey: string;

  @Field(() => ID, { description: 'The complaint.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read (optimistic concurrency).' })
  version: number;

  @Field({ description: 'The social worker (pekerja sosial) who visits (1–150 characters).' })
  socialWorkerName: string;

  @Field(() => Date, { description: 'When; in the future.' })
  scheduledFor: Date;
}

@ObjectType({ description: 'The result of scheduleHomeVisit.' })
export class ScheduleHomeVisitPayload {
  @Field(() => Complaint, { nullable: true, description: 'The complaint after the change (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => HomeVisit, { nullable: true, description: 'The visit planned; null when userErrors says why not.' })
  homeVisit: HomeVisit | null;

  @Field(() => [UserError], { description: 'Why no visit was planned; empty on success.' })
  userErrors: UserError[];
}

@InputType({ description: 'Record what a home visit found.' })
export class RecordHomeVisitInput {
  @Field(() => ID, { description: 'The visit.' })
  homeVisitId: string;

  @Field(() => Date, { description: 'When it took place; not in the future.' })
  visitedAt: Date;

  @Field(() => HomeVisitOutcome, { description: 'What it found.' })
  outcome: HomeVisitOutcome;

  @Field({ description: 'The social worker’s findings (1–4000 characters). Handlers and auditors only.' })
  findings: string;
}

@ObjectType({ description: 'The result of recordHomeVisit.' })
export class RecordHomeVisitPayload {
  @Field(() => HomeVisit, { nullable: true, description: 'The visit after the record (or as it is, when userErrors says why not).' })
  homeVisit: HomeVisit | null;

  @Field(() => Complaint, { nullable: true, description: 'The complaint, with the HOME_VISIT_RECORDED event.' })
  complaint: Complaint | null;

  @Field(() => [UserError], { description: 'Why nothing was recorded; empty on success.' })
  userErrors: UserError[];
}

/**
 * Verification in person (the 4Ps grievance system verifies by home visit):
 * the visiting office is the caller's. A VERIFIED complaint is taken up
 * (IN_PROGRESS); a RECEIVED one stays: the visit is part of verifying it.
 * HOME_VISIT_* events are internal: they are about a family.
 */
export async function scheduleHomeVisit(ctx: RequestContext, principal: ClientPrincipal, input: ScheduleHomeVisitInput): Promise<ScheduleHomeVisitPayload> {
  const result = await changeComplaint(ctx, principal, input, async (row, manager) => {
    const name = text(input.socialWorkerName, ['input', 'socialWorkerName'], 150);
    if ('refuse' in name) return name;
    const now = ctx.now();
    if (Number.isNaN(input.scheduledFor.getTime()) || input.scheduledFor <= now) {
      return refuse(UserErrorCode.INVALID_INPUT, ['input', 'scheduledFor'], words('caseHandling.visitInFuture'));
    }
    if (FINISHED_STATUSES.includes(row.status)) return wrongStatus(row, 'scheduleHomeVisit');
    const visitId = randomUUID(); // known before the insert, so that the event can name it
    const zone = await regionZone(manager, row.regionCode);
    return {
      set: { status: takenUp(row.status) },
      events: [{
        type: ComplaintEventType.HOME_VISIT_SCHEDULED, visibility: EventVisibility.INTERNAL, data: { homeVisitId: visitId },
        message: `Kunjungan rumah oleh ${name.value} dijadwalkan ${formatLocalDateTime(input.scheduledFor, zone, 'id')}.`,
      }],
      after: async (m) => {
        await m.query(
          `INSERT INTO home_visits (id, complaint_id, organisation_id, social_worker_name, scheduled_for, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [visitId, row.id, principal.organisationId, name.value, input.scheduledFor, now],
        );
        return { homeVisitId: visitId };
      },
    };
  }, { idempotency: { operation: OPERATION, key: input.idempotencyKey, input } });
  const visitId = result.created?.homeVisitId;
  const visit = visitId ? await ctx.loaders.homeVisitByIdLoader.load(visitId) : null;
  return Object.assign(new ScheduleHomeVisitPayload(), {
    complaint: result.complaint && Complaint.from(result.complaint),
    homeVisit: visit && HomeVisit.from(visit),
    userErrors: result.userErrors,
  });
}

/**
 * Records the outcome once. The visit's state is the guard (no version asked),
 * and any handler who sees the complaint may record it: a visit that took
 * place is a fact even if the complaint has since moved up a tier.
 */
export async function recordHomeVisit(ctx: RequestContext, principal: ClientPrincipal, input: RecordHomeVisitInput): Promise<RecordHomeVisitPayload> {
  const id = uuidOf(input.homeVisitId, 'HomeVisit');
  const visible = id ? await ctx.loaders.homeVisitByIdLoader.load(id) : null;
  if (!visible) {
    const errors = new UserErrors(ctx.locale);
    errors.add(['input', 'homeVisitId'], UserErrorCode.NOT_FOUND, 'caseHandling.visitNotFound');
    return Object.assign(new RecordHomeVisitPayload(), { homeVisit: null, complaint: null, userErrors: errors.list });
  }
  let recorded = null as HomeVisitRow | null; // widened: set inside `after`, which narrowing cannot see
  const result = await changeComplaint(ctx, principal, { complaintId: toGlobalId('Complaint', visible.complaintId), version: null }, async (_row, manager) => {
    const findings = text(input.findings, ['input', 'findings'], 4000);
    if ('refuse' in findings) return findings;
    const now = ctx.now();
    if (Number.isNaN(input.visitedAt.getTime()) || input.visitedAt > now) {
      return refuse(UserErrorCode.INVALID_INPUT, ['input', 'visitedAt'], words('caseHandling.visitedAtFuture'));
    }
    const [visit]: HomeVisitRow[] = await manager.query(`SELECT ${HOME_VISIT_COLUMNS} FROM home_visits v WHERE v.id = $1 FOR UPDATE`, [visible.id]);
    if (visit.visitedAt) {
      return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'homeVisitId'], words('caseHandling.visitRecorded'));
    }
    return {
      set: {},
      events: [{
        type: ComplaintEventType.HOME_VISIT_RECORDED, visibility: EventVisibility.INTERNAL, data: { homeVisitId: visit.id, outcome: input.outcome },
        message: `Kunjungan rumah oleh ${visit.socialWorkerName}: ${input.outcome}. ${findings.value}`,
      }],
      after: async (m) => {
        [[recorded]] = await m.query(
          `UPDATE home_visits v SET visited_at = $2, outcome = $3, findings = $4 WHERE v.id = $1 RETURNING ${HOME_VISIT_COLUMNS}`,
          [visit.id, input.visitedAt, input.outcome, findings.value],
        );
      },
    };
  }, { requireActingTier: false });
  return Object.assign(new RecordHomeVisitPayload(), {
    homeVisit: HomeVisit.from(recorded ?? visible),
    complaint: result.complaint && Complaint.from(result.complaint),
    userErrors: result.userErrors,
  });
}

