import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ChannelKind, ComplaintStatus, TimeZone } from '../common/enums';
import { ComplaintEventType, EventVisibility } from '../complaints/complaint-event.entity';
import type { NewEvent } from '../complaints/complaint-events';
import type { ComplaintRow } from '../complaints/complaint.row';
import type { NotificationParams } from './notification-words';
import { earliestSend } from './quiet-hours';
import { NotificationChannel, NotificationKind } from './transport';

/** The name of graphile-worker's task that makes one attempt of one notification (jobs/job-queue.ts). */
export const DELIVER_NOTIFICATION_TASK = 'notification_deliver';
/** graphile-worker's own retries of a job that failed with an error of ours (a database outage), not a provider's failure. */
export const NOTIFICATION_JOB_MAX_ATTEMPTS = 10;

/**
 * The wait after each failed attempt (a RETRY outcome): a provider that is down
 * for minutes or hours still gets the message the same day, and a person is not
 * told of a request three days late. Six attempts over ≈ 8.6 h; each wait spread
 * by ±10 % and never shorter than the provider's own Retry-After. A retry that
 * falls in quiet hours waits for the morning (quiet-hours.ts).
 */
export const NOTIFICATION_RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];
export const NOTIFICATION_RETRY_JITTER = 0.1;
export const ATTEMPTS_PER_NOTIFICATION = NOTIFICATION_RETRY_DELAYS_MS.length + 1;

/** The wait before attempt `attempt + 1`, after attempt `attempt` (1-based) asked to retry; `random` in [0, 1). */
export function notificationRetryDelayMs(attempt: number, random: number): number {
  const base = NOTIFICATION_RETRY_DELAYS_MS[Math.min(Math.max(attempt - 1, 0), NOTIFICATION_RETRY_DELAYS_MS.length - 1)];
  return Math.round(base * (1 - NOTIFICATION_RETRY_JITTER + 2 * NOTIFICATION_RETRY_JITTER * random));
}

/** What a caller asks to tell a complaint's person; the channel, locale and address come from the complaint. */
export interface NotificationRequest {
  complaintId: string;
  kind: NotificationKind;
  /** What the texts need (notification-words.ts): never an address, a name or a NIK. */
  params?: NotificationParams;
}

/**
 * Intake channels whose tool does not show the person the acknowledgement
 * (tracking code, who verifies it, by when, the PIN): a call centre agent or an
 * office clerk reads it out at best, an SMS gateway cannot reply with it all.
 * A web portal, an app, WhatsApp (the example bot replies with it) and e-mail
 * (answered with the code) show or send it themselves. docs/adr/0025-notifications.md.
 */
export function acknowledgementNeeded(channel: { code: string; kind: ChannelKind }): boolean {
  return channel.code === 'SMS'
    || channel.kind === ChannelKind.PHONE || channel.kind === ChannelKind.IN_PERSON || channel.kind === ChannelKind.SERVICE_POINT;
}

/** The consenting person's address for a channel: the e-mail for EMAIL, the phone for WhatsApp and SMS. */
export function contactFor(channel: NotificationChannel, complaint: { complainantEmail: string | null; complainantPhone: string | null }): string | null {
  return channel === NotificationChannel.EMAIL ? complaint.complainantEmail : complaint.complainantPhone;
}

/**
 * Queues one notification to a complaint's person — the door another feature
 * (the citizen's reply, a one-time code) uses: `queueNotification(manager,
 * {complaintId, kind, params}, now)`. In the caller's transaction: the row
 * exists if and only if the change commits. Nothing is queued (null) when the
 * person did not consent or their contact is missing.
 */
export async function queueNotification(manager: EntityManager, request: NotificationRequest, now: Date): Promise<string | null> {
  const [id] = await queueNotifications(manager, [request], now);
  return id ?? null;
}

/** Queues several; answers the ids of those queued. Two statements (read the complaints, insert), and the jobs'. */
export async function queueNotifications(manager: EntityManager, requests: readonly NotificationRequest[], now: Date): Promise<string[]> {
  if (requests.length === 0) return [];
  const complaints: { id: string; notifyVia: NotificationChannel; locale: string; complainantEmail: string | null; complainantPhone: string | null; timeZone: TimeZone }[] = await manager.query(
    `SELECT c.id, c.notify_via AS "notifyVia", c.locale, c.complainant_email AS "complainantEmail", c.complainant_phone AS "complainantPhone", r.time_zone AS "timeZone"
       FROM complaints c JOIN regions r ON r.code = c.region_code
      WHERE c.id = ANY($1::uuid[]) AND c.notify_via IS NOT NULL`,
    [[...new Set(requests.map((r) => r.complaintId))]],
  );
  const byId = new Map(complaints.map((c) => [c.id, c]));
  const rows = requests.flatMap((request) => {
    const complaint = byId.get(request.complaintId);
    if (!complaint || !contactFor(complaint.notifyVia, complaint)) return [];
    return [{
      id: randomUUID(), complaintId: complaint.id, kind: request.kind, channel: complaint.notifyVia, locale: complaint.locale,
      params: JSON.stringify(request.params ?? {}), nextAttemptAt: earliestSend(request.kind, now, complaint.timeZone),
    }];
  });
  if (rows.length === 0) return [];
  await manager.query(
    `INSERT INTO notifications (id, complaint_id, kind, channel, locale, params, status, attempt_count, max_attempts, next_attempt_at, created_at)
     SELECT x.id, x.complaint_id, x.kind, x.channel, x.locale, x.params, 'PENDING', 0, $8, x.next_attempt_at, $9
       FROM unnest($1::uuid[], $2::uuid[], $3::notification_kind[], $4::notification_channel[], $5::varchar[], $6::jsonb[], $7::timestamptz[])
         AS x(id, complaint_id, kind, channel, locale, params, next_attempt_at)`,
    [
      rows.map((r) => r.id), rows.map((r) => r.complaintId), rows.map((r) => r.kind), rows.map((r) => r.channel), rows.map((r) => r.locale),
      rows.map((r) => r.params), rows.map((r) => r.nextAttemptAt), ATTEMPTS_PER_NOTIFICATION, now,
    ],
  );
  await queueNotificationJobs(manager, rows.map((r) => ({ notificationId: r.id, runAt: r.nextAttemptAt })));
  return rows.map((r) => r.id);
}

/**
 * Queues attempts in graphile-worker's table, in the caller's transaction,
 * one job per notification keyed by it (queueing again replaces a waiting
 * job). Before the runner ever started on this database its schema does not
 * exist; the notifications then wait and the sweep queues them.
 */
export async function queueNotificationJobs(
  db: Pick<EntityManager, 'query'>, attempts: readonly { notificationId: string; runAt: Date | null }[],
): Promise<void> {
  if (attempts.length === 0) return;
  const [{ ready }] = await db.query(`SELECT to_regnamespace('graphile_worker') IS NOT NULL AS ready`);
  if (!ready) return;
  await db.query(
    `SELECT graphile_worker.add_job($1, json_build_object('notificationId', x.id), run_at => x.run_at, max_attempts => $2, job_key => 'notification:' || x.id)
       FROM unnest($3::uuid[], $4::timestamptz[]) AS x(id, run_at)`,
    [DELIVER_NOTIFICATION_TASK, NOTIFICATION_JOB_MAX_ATTEMPTS, attempts.map((a) => a.notificationId), attempts.map((a) => a.runAt)],
  );
}

const FINISHING_KINDS: readonly NotificationKind[] = [NotificationKind.RESOLVED, NotificationKind.CLOSED, NotificationKind.REJECTED];

/**
 * What a change tells its complaint's person, from its events and the status
 * before and after (pure: no queries). One notification per kind however many
 * events of it. A reply made by the complainant themselves (the public
 * principal, with their tracking code) is acknowledged, except a rating.
 */
export function changeNotifications(
  actor: Principal | null, before: ComplaintRow, after: ComplaintRow, events: readonly Pick<NewEvent, 'type' | 'visibility' | 'message' | 'data'>[],
): NotificationRequest[] {
  const requests = new Map<NotificationKind, NotificationParams>();
  const add = (kind: NotificationKind, params: NotificationParams = {}) => { if (!requests.has(kind)) requests.set(kind, params); };
  for (const event of events) {
    switch (event.type) {
      case ComplaintEventType.INFORMATION_REQUESTED:
        add(NotificationKind.INFORMATION_REQUESTED, { message: event.message ?? undefined });
        break;
      case ComplaintEventType.PUBLIC_RESPONSE:
        if (event.visibility === EventVisibility.PUBLIC) add(NotificationKind.PUBLIC_RESPONSE, { message: event.message ?? undefined });
        break;
      case ComplaintEventType.ESCALATED:
        add(NotificationKind.ESCALATED, { tier: after.currentTier });
        break;
      case ComplaintEventType.CORRECTED:
        // Re-routed by a correction (correct-complaint.ts): told as for an escalation — who handles it now.
        if (after.currentTier !== before.currentTier || after.assignedOrganisationId !== before.assignedOrganisationId) add(NotificationKind.ESCALATED, { tier: after.currentTier });
        break;
      case ComplaintEventType.RESOLVED:
        add(NotificationKind.RESOLVED, { decision: after.resolutionDecision ?? undefined, resolvedAt: after.resolvedAt?.toISOString(), message: event.message ?? undefined });
        break;
      case ComplaintEventType.CLOSED:
        add(NotificationKind.CLOSED, { decision: after.resolutionDecision ?? undefined });
        break;
      case ComplaintEventType.REJECTED:
        add(NotificationKind.REJECTED, { message: event.message ?? undefined, archived: event.data?.reason === 'NO_RESPONSE' || undefined });
        break;
      default:
        break;
    }
  }
  // Marked a duplicate: told it was merged, never with whom (the event's own message names the survivor's code).
  if (after.status === ComplaintStatus.DUPLICATE && before.status !== ComplaintStatus.DUPLICATE) add(NotificationKind.MERGED);
  if (actor?.kind === 'public' && events.some((e) => e.type !== ComplaintEventType.RATED)) add(NotificationKind.REPLY_RECEIVED);
  return [...requests].map(([kind, params]) => ({ complaintId: after.id, kind, params }));
}

/**
 * applyChange's hook (complaints/complaint-change.ts), in the change's
 * transaction: queues what the change tells its person, and — when it
 * finishes the complaint — tells the people whose complaints were merged into
 * it, under their own codes and with the decision only (never this
 * complaint's code or texts). No query at all when nobody is to be told
 * (the common case: no consent, nothing finished).
 */
export async function notifyComplaintChange(
  manager: EntityManager, actor: Principal | null, before: ComplaintRow, after: ComplaintRow,
  events: readonly Pick<NewEvent, 'type' | 'visibility' | 'message' | 'data'>[], now: Date,
): Promise<string[]> {
  const own = changeNotifications(actor, before, after, events);
  const requests = after.notifyVia ? [...own] : [];
  const finishing = own.find((r) => FINISHING_KINDS.includes(r.kind));
  if (finishing) {
    const merged: { id: string }[] = await manager.query(
      `SELECT id FROM complaints WHERE duplicate_of_id = $1 AND status = 'DUPLICATE' AND notify_via IS NOT NULL`, [after.id],
    );
    const decision = finishing.params?.decision;
    for (const { id } of merged) requests.push({ complaintId: id, kind: finishing.kind, params: { decision, merged: true } });
  }
  return queueNotifications(manager, requests, now);
}
