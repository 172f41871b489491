import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EntityManager } from 'typeorm';
import { ClientPrincipal, Principal } from '../auth/principal';
import { ComplaintStatus, SlaStage, Tier, TIER_ORDER } from '../common/enums';
import { stageDueAt } from '../escalation/sla-policy.service';
import type { RequestContext } from '../graphql/context';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';
import { appendEvent } from './complaint-events';
import { Change, changeComplaint, lockComplaints } from './complaint-change';
import { newReplyPin } from './complainant-pin';
import { COMPLAINT_COLUMNS, ComplaintRow } from './complaint.row';
import { Complaint } from './complaint.type';
import { refuse, regionZone, text, wrongStatus } from './handling-rules';
import { refreshOfficeRecords } from '../office-records/office-record-refresh';
import { officeFor } from './offices';
import { newTrackingCode } from './tracking-code';
import { APPEAL_WINDOW_DAYS } from './appeal-rules';
import { NotificationKind, queueNotification } from '../notifications';
import { words } from '../words';

const OPERATION = 'reopenComplaint';
export { APPEAL_WINDOW_DAYS } from './appeal-rules';
const MS_PER_DAY = 86_400_000;

@InputType({ description: 'Appeal the resolution of a complaint: a new complaint, linked to the original, handled one tier higher.' })
export class ReopenComplaintInput {
  @Field({ description: 'Your key for this appeal (1–128 characters): the same key within 24 h returns the first result and creates nothing.' })
  idempotencyKey: string;

  @Field(() => ID, { description: 'The resolved (or closed) complaint appealed.' })
  complaintId: string;

  @Field(() => Int, { description: 'The version you read of it (optimistic concurrency).' })
  version: number;

  @Field({ description: 'Why the complainant disagrees with the decision (1–4000 characters): the appeal’s description.' })
  reason: string;
}

@ObjectType({ description: 'The result of reopenComplaint.' })
export class ReopenComplaintPayload {
  @Field(() => Complaint, { nullable: true, description: 'The original complaint, with the REOPENED event (or as it is, when userErrors says why not).' })
  complaint: Complaint | null;

  @Field(() => Complaint, { nullable: true, description: 'The appeal: a new complaint with its own tracking code; null when userErrors says why not.' })
  appeal: Complaint | null;

  @Field(() => String, { nullable: true, description: 'The appeal’s tracking code, for the complainant.' })
  trackingCode: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The appeal’s own reply PIN (6 digits), SHOWN ONCE: give it to the complainant with the appeal’s tracking code (docs/adr/0026-complainant-pin.md). A repeat of the same idempotency key within 24 h answers it again; null when no appeal was made.',
  })
  replyPin: string | null;

  @Field(() => [UserError], { description: 'Why no appeal was made; empty on success.' })
  userErrors: UserError[];
}

/**
 * An appeal (OpenSPP: appeals linked to the original) is a NEW complaint: the
 * original's decision and timeline stay as they were. It keeps the original's
 * subject, complainant and submitter (so the portal that filed the original
 * follows the appeal too), and goes to the office one tier above the tier that
 * resolved it — a second look by someone else — with a fresh verification clock.
 * Lodged by the intake client that submitted the original (its scope holds
 * only those) or by a handler on the complainant's behalf: no tier needed.
 */
export async function reopenComplaint(ctx: RequestContext, principal: ClientPrincipal, input: ReopenComplaintInput): Promise<ReopenComplaintPayload> {
  const result = await changeComplaint(ctx, principal, input, async (row, manager) => {
    const reason = text(input.reason, ['input', 'reason'], 4000);
    if ('refuse' in reason) return reason;
    return appealChange(ctx, manager, principal, row, reason.value);
  }, { requireActingTier: false, idempotency: { operation: OPERATION, key: input.idempotencyKey, input } });

  const appealId = result.created?.appealId;
  const [appeal] = appealId ? await lockComplaints(ctx.dataSource.manager, principal, [appealId], { lock: false }) : [];
  return Object.assign(new ReopenComplaintPayload(), {
    complaint: result.complaint && Complaint.from(result.complaint),
    appeal: appeal ? Complaint.from(appeal) : null,
    trackingCode: appeal?.trackingCode ?? null,
    replyPin: result.created?.replyPin ?? null,
    userErrors: result.userErrors,
  });
}

/**
 * The appeal of a complaint locked in this transaction, by whoever lodges it (an intake client, a handler, or the
 * complainant with code and PIN — actor PUBLIC): only a RESOLVED or CLOSED complaint, within APPEAL_WINDOW_DAYS of its
 * resolution, once. No column of the original changes; it gets a REOPENED event (one version bump), and the appeal —
 * a new complaint with its own tracking code and reply PIN — its SUBMITTED event. `created` holds the appeal's id and
 * its PIN (in clear, for the one answer that shows it).
 */
export async function appealChange(ctx: RequestContext, manager: EntityManager, actor: Principal, row: ComplaintRow, reason: string): Promise<Change> {
  if (row.status !== ComplaintStatus.RESOLVED && row.status !== ComplaintStatus.CLOSED) {
    return wrongStatus(row, 'appeal');
  }
  const now = ctx.now();
  if (!row.resolvedAt || now.getTime() - row.resolvedAt.getTime() > APPEAL_WINDOW_DAYS * MS_PER_DAY) {
    return refuse(UserErrorCode.APPEAL_WINDOW_CLOSED, ['input', 'complaintId'], words('complaints.appealWindowClosed', { days: APPEAL_WINDOW_DAYS }));
  }
  const [earlier] = await manager.query('SELECT tracking_code AS "trackingCode" FROM complaints WHERE appeal_of_id = $1 LIMIT 1', [row.id]);
  if (earlier) {
    return refuse(UserErrorCode.INVALID_TRANSITION, ['input', 'complaintId'], words('complaints.appealedAlready', { trackingCode: earlier.trackingCode }));
  }
  // The appeal is a new complaint (intake: inserted with its SUBMITTED event, as submitComplaint does), made first so
  // that the original's REOPENED event — its one change, through applyChange — can name it.
  const reply = newReplyPin();
  const appeal = await insertAppeal(ctx, manager, row, reason, now, reply.hash);
  await appendEvent(manager, {
    complaintId: appeal.id, type: ComplaintEventType.SUBMITTED, visibility: EventVisibility.PUBLIC, actor, at: now,
    toStatus: ComplaintStatus.RECEIVED, toTier: appeal.currentTier, data: { appealOf: row.id, routedTo: appeal.assignedOrganisationId },
  });
  // The office the appeal went to has received it (its public record, docs/adr/0036-office-records.md).
  await refreshOfficeRecords(manager, [appeal.id]);
  // The appeal's acknowledgement to the person, when they consented on the original (insertAppeal copies the consent):
  // its own tracking code and PIN reach them even when someone appealed for them (a call centre) or the answer was lost.
  await queueNotification(manager, {
    complaintId: appeal.id, kind: NotificationKind.ACKNOWLEDGED,
    params: { tier: appeal.currentTier, verifyBy: (appeal.dueAt ?? now).toISOString(), pin: reply.pin },
  }, now);
  return {
    set: {},
    events: [{
      type: ComplaintEventType.REOPENED, visibility: EventVisibility.PUBLIC, at: now,
      message: `Banding diajukan dan ditangani sebagai pengaduan ${appeal.trackingCode}.`, data: { appealId: appeal.id },
    }],
    after: async () => ({ appealId: appeal.id, replyPin: reply.pin }),
  };
}

/** The tier above the one that resolved it; the ministry's decisions are looked at again by the ministry. */
function appealTier(resolvedAt: Tier): Tier {
  return TIER_ORDER[Math.min(TIER_ORDER.indexOf(resolvedAt) + 1, TIER_ORDER.length - 1)];
}

async function insertAppeal(ctx: RequestContext, manager: EntityManager, original: ComplaintRow, description: string, now: Date, pinHash: string): Promise<ComplaintRow> {
  // The lowest tier from there up with an office for the village (the ministry always has one).
  let tier = appealTier(original.currentTier);
  let office = await officeFor(manager, original.regionCode, tier);
  while (!office && tier !== Tier.NATIONAL) {
    tier = TIER_ORDER[TIER_ORDER.indexOf(tier) + 1];
    office = await officeFor(manager, original.regionCode, tier);
  }
  const zone = await regionZone(manager, original.regionCode);
  const verifyBy = await stageDueAt(ctx.dataSource, { stage: SlaStage.VERIFICATION, tier, category: original.category, programCode: original.programCode }, now, zone);
  // A fresh code until one is free, as at intake.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const rows: ComplaintRow[] = await manager.query(
      `INSERT INTO complaints AS c (tracking_code, status, category, program_code, channel_code, region_code, current_tier, description,
          occurred_on, complainant_name, complainant_phone, complainant_nik, complainant_email, notify_via, notify_consent_at, notify_consent_client_id,
          anonymous, confidential, bypass_village, subject_nik, subject_recipient_id,
          submitted_by_client_id, submitted_by_organisation_id, assigned_organisation_id, due_at, sla_started_at, appeal_of_id, locale,
          created_at, updated_at)
       SELECT $2, 'RECEIVED', o.category, o.program_code, o.channel_code, o.region_code, $3, $4,
          o.occurred_on, o.complainant_name, o.complainant_phone, o.complainant_nik,
          o.complainant_email, o.notify_via, o.notify_consent_at, o.notify_consent_client_id, o.anonymous, o.confidential, o.bypass_village, o.subject_nik, o.subject_recipient_id,
          o.submitted_by_client_id, o.submitted_by_organisation_id, $5, $6, $7, o.id, o.locale, $7, $7
         FROM complaints o WHERE o.id = $1
       ON CONFLICT (tracking_code) DO NOTHING
       RETURNING ${COMPLAINT_COLUMNS}`,
      [original.id, newTrackingCode(), tier, description, office?.id ?? null, verifyBy, now],
    );
    if (rows.length) {
      await manager.query('INSERT INTO complainant_pins (complaint_id, pin_hash) VALUES ($1, $2)', [rows[0].id, pinHash]);
      return rows[0];
    }
  }
  throw new Error('could not draw a free tracking code in 5 attempts');
}
