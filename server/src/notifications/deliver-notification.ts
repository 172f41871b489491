import { DataSource, EntityManager } from 'typeorm';
import { TimeZone } from '../common/enums';
import { ComplaintEventType, EventVisibility } from '../complaints/complaint-event.entity';
import { appendEvent } from '../complaints/complaint-events';
import type { Locale } from '../graphql/context';
import type { Logger } from '../logger';
import { APPEAL_WINDOW_DAYS } from '../complaints/reopen-complaint';
import { NotificationStatus } from './notification.entity';
import { NotificationParams, renderNotification } from './notification-words';
import { contactFor, notificationRetryDelayMs, queueNotificationJobs } from './queue-notifications';
import { earliestSend } from './quiet-hours';
import { NotificationChannel, NotificationKind, NotificationTransports, OutgoingMessage, SendOutcome } from './transport';

export interface NotificationDeliveryOptions {
  /** The configured transports; a channel without one waits. */
  transports: NotificationTransports;
  now: () => Date;
  logger?: Logger;
  /** PUBLIC_TRACKER_URL (config.ts): the link in the texts. */
  trackerUrl?: string | null;
  /** The jitter's source, in [0, 1). */
  random?: () => number;
  /** One attempt's limit, passed to the transport as an AbortSignal. */
  timeoutMs?: number;
}

/** What one run of the job came to. */
export interface NotificationAttemptReport {
  notificationId: string;
  /** SENT, RETRYING, FAILED: an attempt was made; WAITING: no transport; DEFERRED: quiet hours, nothing sent. */
  state: 'SENT' | 'RETRYING' | 'FAILED' | 'WAITING' | 'DEFERRED';
  /** The attempt's number (1-based); for WAITING and DEFERRED the attempts made so far. */
  attempt: number;
  nextAttemptAt: Date | null;
}

/** The outcome recorded (last_outcome) when no transport is configured for the channel. */
export const NO_TRANSPORT = 'NO_TRANSPORT';
const DEFAULT_TIMEOUT_MS = 20_000;
const LEASE_MARGIN_MS = 30_000;

interface Claimed {
  complaintId: string;
  kind: NotificationKind;
  channel: NotificationChannel;
  locale: Locale;
  params: NotificationParams;
  attemptCount: number;
  maxAttempts: number;
  lastOutcome: string | null;
  trackingCode: string;
  complainantPhone: string | null;
  complainantEmail: string | null;
  timeZone: TimeZone;
}

/**
 * One attempt of one notification: graphile-worker's `notification_deliver`.
 *
 * 1. Claim it with a lease (a committed UPDATE): only a PENDING one that is due
 *    and that no other worker holds. The address is read from the complaint now
 *    — never copied into the outbox.
 * 2. No transport for its channel: it waits (PENDING), the timeline says so
 *    once; the sweep picks it up once a transport is configured.
 *    In quiet hours (21:00–06:00 in the person's zone) anything but the
 *    acknowledgement moves to 06:00 local, unsent.
 * 3. Render and hand to the transport, outside any transaction.
 * 4. Record in one transaction: the row (compare-and-set on the attempt count),
 *    the next attempt's job, and an INTERNAL timeline event.
 *
 * Logs carry the notification's id, kind, channel and outcome only: never the
 * text, the address or the provider's message.
 */
export async function attemptNotification(
  dataSource: DataSource, notificationId: string, options: NotificationDeliveryOptions,
): Promise<NotificationAttemptReport | null> {
  const startedAt = options.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const [claimedRows]: [Claimed[], number] = await dataSource.query(
    `UPDATE notifications n SET lease_expires_at = $2
       FROM complaints c JOIN regions r ON r.code = c.region_code
      WHERE n.id = $1 AND c.id = n.complaint_id AND n.status = 'PENDING'
        AND (n.lease_expires_at IS NULL OR n.lease_expires_at < $3) AND (n.next_attempt_at IS NULL OR n.next_attempt_at <= $3)
      RETURNING n.complaint_id AS "complaintId", n.kind, n.channel, n.locale, n.params, n.attempt_count AS "attemptCount",
                n.max_attempts AS "maxAttempts", n.last_outcome AS "lastOutcome", c.tracking_code AS "trackingCode",
                c.complainant_phone AS "complainantPhone", c.complainant_email AS "complainantEmail", r.time_zone AS "timeZone"`,
    [notificationId, new Date(startedAt.getTime() + timeoutMs + LEASE_MARGIN_MS), startedAt],
  );
  const claimed = claimedRows[0];
  if (!claimed) return null; // sent, failed, not yet due, or being attempted by another worker
  const log = { component: 'notifications', notificationId, kind: claimed.kind, channel: claimed.channel };

  const transport = options.transports[claimed.channel];
  if (!transport) {
    await dataSource.transaction(async (manager) => {
      await lockComplaint(manager, claimed.complaintId);
      const [[told]]: [{ id: string }[], number] = await manager.query(
        `UPDATE notifications SET last_outcome = $2, lease_expires_at = NULL WHERE id = $1 AND last_outcome IS DISTINCT FROM $2 RETURNING id`,
        [notificationId, NO_TRANSPORT],
      );
      if (told) await appendAttemptEvent(manager, claimed, ComplaintEventType.NOTIFICATION_WAITING, claimed.attemptCount, NO_TRANSPORT, null, startedAt);
      else await manager.query(`UPDATE notifications SET lease_expires_at = NULL WHERE id = $1`, [notificationId]);
    });
    if (claimed.lastOutcome !== NO_TRANSPORT) options.logger?.warn({ ...log, outcome: NO_TRANSPORT }, 'notification waits: no transport configured for its channel');
    return { notificationId, state: 'WAITING', attempt: claimed.attemptCount, nextAttemptAt: null };
  }

  const daytime = earliestSend(claimed.kind, startedAt, claimed.timeZone);
  if (daytime > startedAt) {
    await dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE notifications SET next_attempt_at = $2, lease_expires_at = NULL WHERE id = $1 AND status = 'PENDING'`, [notificationId, daytime]);
      await queueNotificationJobs(manager, [{ notificationId, runAt: daytime }]);
    });
    options.logger?.info({ ...log, outcome: 'DEFERRED' }, 'notification deferred: quiet hours in the complainant\'s zone');
    return { notificationId, state: 'DEFERRED', attempt: claimed.attemptCount, nextAttemptAt: daytime };
  }

  const attempt = claimed.attemptCount + 1;
  const to = contactFor(claimed.channel, claimed);
  let outcome: SendOutcome;
  if (!to) {
    outcome = { outcome: 'FAILED', reason: 'NO_CONTACT' };
  } else {
    const texts = renderNotification({
      kind: claimed.kind, locale: claimed.locale, trackingCode: claimed.trackingCode, zone: claimed.timeZone, params: claimed.params,
      trackerUrl: options.trackerUrl, appealWindowDays: APPEAL_WINDOW_DAYS,
    });
    const message: OutgoingMessage = {
      id: notificationId, channel: claimed.channel, to, locale: claimed.locale, kind: claimed.kind, subject: texts.subject,
      text: claimed.channel === NotificationChannel.SMS ? texts.sms : texts.text, template: texts.template,
    };
    try {
      outcome = await transport.send(message, AbortSignal.timeout(timeoutMs));
    } catch (error) {
      // A transport must answer rather than throw; if one throws, its error may carry the address: only its code is kept.
      const code = (error as { code?: unknown }).code;
      outcome = { outcome: 'RETRY', reason: typeof code === 'string' ? `transport_error:${code}`.slice(0, 200) : 'transport_error' };
    }
  }

  const finishedAt = options.now();
  const sent = outcome.outcome === 'SENT';
  const givenUp = outcome.outcome === 'FAILED' || (outcome.outcome === 'RETRY' && attempt >= claimed.maxAttempts);
  let nextAttemptAt: Date | null = null;
  if (!sent && !givenUp) {
    const wait = Math.max(notificationRetryDelayMs(attempt, (options.random ?? Math.random)()), outcome.outcome === 'RETRY' ? (outcome.retryAfterSeconds ?? 0) * 1000 : 0);
    nextAttemptAt = earliestSend(claimed.kind, new Date(finishedAt.getTime() + wait), claimed.timeZone);
  }
  const status = sent ? NotificationStatus.SENT : givenUp ? NotificationStatus.FAILED : NotificationStatus.PENDING;
  const providerCode = sent ? null : (outcome as { reason: string }).reason.slice(0, 200);
  const lastOutcome = sent ? 'SENT' : providerCode;
  // The acknowledgement's PIN is a secret shown once: gone from the row once the message has gone (or never will).
  const eraseSecrets = claimed.kind === NotificationKind.ACKNOWLEDGED && (sent || givenUp);

  const recorded = await dataSource.transaction(async (manager) => {
    await lockComplaint(manager, claimed.complaintId);
    const [updated] = await manager.query(
      `UPDATE notifications SET attempt_count = $2, status = $3, sent_at = $4, next_attempt_at = $5, lease_expires_at = NULL,
              last_outcome = $6, provider_message_id = $7, params = CASE WHEN $8 THEN params - 'pin' ELSE params END
        WHERE id = $1 AND attempt_count = $9 AND status = 'PENDING' RETURNING id`,
      [notificationId, attempt, status, sent ? finishedAt : null, nextAttemptAt, lastOutcome,
        sent ? (outcome as { providerMessageId: string | null }).providerMessageId?.slice(0, 200) ?? null : null, eraseSecrets, claimed.attemptCount],
    );
    if (updated.length === 0) return false; // recorded by a worker that took over after our lease expired
    const type = sent ? ComplaintEventType.NOTIFICATION_SENT : givenUp ? ComplaintEventType.NOTIFICATION_FAILED : ComplaintEventType.NOTIFICATION_RETRYING;
    await appendAttemptEvent(manager, claimed, type, attempt, outcome.outcome, providerCode, finishedAt);
    if (nextAttemptAt) await queueNotificationJobs(manager, [{ notificationId, runAt: nextAttemptAt }]);
    return true;
  });
  if (!recorded) return null;
  const state = sent ? 'SENT' : givenUp ? 'FAILED' : 'RETRYING';
  const line = { ...log, attempt, outcome: outcome.outcome };
  if (sent) options.logger?.info(line, 'notification sent');
  else if (givenUp) options.logger?.warn(line, 'notification failed for good');
  else options.logger?.info({ ...line, nextAttemptAt }, 'notification attempt failed; retry queued');
  return { notificationId, state, attempt, nextAttemptAt };
}

/**
 * The complaint's row lock, held for the few statements that record an
 * attempt: every timeline writer holds it, so the event's seq (max + 1) has
 * no gaps and no doubles. The version is NOT bumped: an attempt to tell the
 * person is not a change to the complaint, and a handler who read version 7
 * must still be able to act on version 7 while a retry is recorded.
 */
async function lockComplaint(manager: EntityManager, complaintId: string): Promise<void> {
  await manager.query(`SELECT 1 FROM complaints WHERE id = $1 FOR UPDATE`, [complaintId]);
}

/** An INTERNAL event: kind, channel, attempt, outcome and the provider's code — never the text or the address. */
async function appendAttemptEvent(
  manager: EntityManager, claimed: Claimed, type: ComplaintEventType, attempt: number, outcome: string, providerCode: string | null, at: Date,
): Promise<void> {
  await appendEvent(manager, {
    complaintId: claimed.complaintId, type, visibility: EventVisibility.INTERNAL, actor: null, at,
    data: { kind: claimed.kind, channel: claimed.channel, attempt, outcome, providerCode },
  });
}

/** A due notification left this long without an attempt under way has lost its job. */
const STRANDED_AFTER_MS = 2 * 60_000;
const SWEEP_BATCH = 500;

/**
 * Every minute (jobs/job-queue.ts): queues again the notifications that are
 * due but have no attempt under way — written before the runner ever started,
 * queued at intake outside a transaction that then failed to add the job, whose
 * job graphile-worker gave up on, or whose worker died (its lease expired) —
 * and those that waited for a transport of a channel now configured.
 */
export async function sweepNotifications(dataSource: DataSource, now: Date, channels: readonly NotificationChannel[]): Promise<number> {
  if (channels.length === 0) return 0;
  return dataSource.transaction(async (manager) => {
    const stranded: { id: string }[] = await manager.query(
      `SELECT id FROM notifications
        WHERE status = 'PENDING' AND next_attempt_at < $1 AND (lease_expires_at IS NULL OR lease_expires_at < $2) AND channel = ANY($3::notification_channel[])
        ORDER BY next_attempt_at LIMIT ${SWEEP_BATCH}`,
      [new Date(now.getTime() - STRANDED_AFTER_MS), now, channels],
    );
    await queueNotificationJobs(manager, stranded.map((row) => ({ notificationId: row.id, runAt: null })));
    return stranded.length;
  });
}
