import { DataSource, EntityManager } from 'typeorm';
import { toGlobalId } from '../graphql/global-id';
import type { Logger } from '../logger';
import { countWebhookAttempt, countWebhookDeliveries, countWebhookSubscriptionDisabled } from '../metrics';
import { queueAttempts } from './emit-webhook-events';
import { postWebhook } from './post-webhook';
import { DISABLE_AFTER_FAILING_MS, retryDelayMs } from './retry-schedule';
import { WebhookAttemptResult, WebhookDeliveryStatus, WebhookEventType } from './webhook.entity';
import { webhooksInProduction } from './webhook-network';
import { signatureHeader, WEBHOOK_HEADERS } from './webhook-signature';

export interface WebhookDeliveryOptions {
  /** False in production (SSRF, webhook-network.ts); tests and development deliver to 127.0.0.1. */
  allowPrivateAddresses: boolean;
  /** One attempt, from connecting to the answer's status line. */
  timeoutMs: number;
  /** The jitter's source, in [0, 1). */
  random?: () => number;
}

export function defaultDeliveryOptions(env: NodeJS.ProcessEnv = process.env): WebhookDeliveryOptions {
  return { allowPrivateAddresses: !webhooksInProduction(env), timeoutMs: 10_000 };
}

/** How long an attempt holds its delivery: past the timeout, with room for the bookkeeping around it. */
const LEASE_MARGIN_MS = 30_000;

export interface AttemptReport {
  deliveryId: string;
  attempt: number;
  result: WebhookAttemptResult;
  statusCode: number | null;
  status: WebhookDeliveryStatus;
  nextAttemptAt: Date | null;
  /** True when this attempt's failure disabled the subscription. */
  disabledSubscription: boolean;
}

interface Claimed {
  attemptCount: number;
  maxAttempts: number;
  body: string;
  eventType: WebhookEventType;
  subscriptionId: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  disabledAt: Date | null;
}

/**
 * One attempt of one delivery: graphile-worker's `webhook_deliver` task.
 *
 * 1. Claim it with a lease (a committed UPDATE): only a PENDING delivery no
 *    other worker is attempting. Jobs are locked by graphile-worker, so two
 *    workers rarely see the same delivery; the lease makes sure of it.
 * 2. POST it, signed, outside any transaction (no connection held while a
 *    receiver takes its time).
 * 3. Record the attempt in one transaction, guarded by the attempt count read
 *    at the claim (compare-and-set): the delivery becomes DELIVERED, or gets
 *    its next attempt queued, or FAILED; the subscription's health follows,
 *    and a subscription failing for a day is disabled.
 *
 * A crash between 2 and 3 leaves the delivery PENDING with an expiring lease;
 * the sweep queues it again and the receiver gets the same delivery id a
 * second time: at least once, with the id to drop the repeat.
 */
export async function attemptDelivery(
  dataSource: DataSource, deliveryId: string, options: WebhookDeliveryOptions & { now: () => Date; logger?: Logger },
): Promise<AttemptReport | null> {
  const startedAt = options.now();
  const [claimedRows]: [Claimed[], number] = await dataSource.query(
    `UPDATE webhook_deliveries d SET lease_expires_at = $2
       FROM webhook_subscriptions s
      WHERE d.id = $1 AND s.id = d.subscription_id AND d.status = 'PENDING'
        AND (d.lease_expires_at IS NULL OR d.lease_expires_at < $3)
      RETURNING d.attempt_count AS "attemptCount", d.max_attempts AS "maxAttempts", d.body, d.event_type AS "eventType",
                s.id AS "subscriptionId", s.url, s.secret, s.previous_secret AS "previousSecret",
                s.previous_secret_expires_at AS "previousSecretExpiresAt", s.disabled_at AS "disabledAt"`,
    [deliveryId, new Date(startedAt.getTime() + options.timeoutMs + LEASE_MARGIN_MS), startedAt],
  );
  const claimed = claimedRows[0];
  if (!claimed) return null; // delivered, failed, deleted, or being attempted by another worker
  if (claimed.disabledAt) {
    const [failed] = await dataSource.query(
      `UPDATE webhook_deliveries SET status = 'FAILED', next_attempt_at = NULL, lease_expires_at = NULL WHERE id = $1 AND status = 'PENDING' RETURNING id`,
      [deliveryId],
    );
    countWebhookDeliveries('failed', failed.length);
    return null;
  }

  const attempt = claimed.attemptCount + 1;
  const timestamp = Math.floor(startedAt.getTime() / 1000);
  const secrets = [claimed.secret];
  if (claimed.previousSecret && claimed.previousSecretExpiresAt && claimed.previousSecretExpiresAt > startedAt) secrets.push(claimed.previousSecret);
  const outcome = await postWebhook(claimed.url, {
    'content-type': 'application/json',
    'user-agent': 'Aduan-Webhooks/1.0',
    [WEBHOOK_HEADERS.id]: toGlobalId('WebhookDelivery', deliveryId),
    [WEBHOOK_HEADERS.event]: claimed.eventType,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signatureHeader(secrets, timestamp, claimed.body),
    [WEBHOOK_HEADERS.attempt]: String(attempt),
  }, claimed.body, options);

  const finishedAt = options.now();
  const delivered = outcome.result === WebhookAttemptResult.SUCCESS;
  const attemptsLeft = claimed.maxAttempts - attempt;
  const givenUp = !delivered && attemptsLeft <= 0;
  const nextAttemptAt = delivered || givenUp ? null : new Date(finishedAt.getTime() + retryDelayMs(attemptsLeft, (options.random ?? Math.random)()));
  const status = delivered ? WebhookDeliveryStatus.DELIVERED : givenUp ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING;

  const recorded = await dataSource.transaction(async (manager) => {
    const [updated] = await manager.query(
      `UPDATE webhook_deliveries SET attempt_count = $2, status = $3, delivered_at = $4, next_attempt_at = $5, lease_expires_at = NULL
        WHERE id = $1 AND attempt_count = $6 AND status = 'PENDING' RETURNING id`,
      [deliveryId, attempt, status, delivered ? finishedAt : null, nextAttemptAt, claimed.attemptCount],
    );
    if (updated.length === 0) return null; // recorded by a worker that took over after our lease expired
    await manager.query(
      `INSERT INTO webhook_delivery_attempts (delivery_id, number, started_at, duration_ms, result, status_code, error) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [deliveryId, attempt, startedAt, outcome.durationMs, outcome.result, outcome.statusCode, outcome.error],
    );
    const [[health]]: [{ failingSince: Date | null; consecutiveFailures: number; disabledAt: Date | null }[], number] = await manager.query(
      delivered
        ? `UPDATE webhook_subscriptions SET failing_since = NULL, consecutive_failures = 0, last_success_at = $2 WHERE id = $1
            RETURNING failing_since AS "failingSince", consecutive_failures AS "consecutiveFailures", disabled_at AS "disabledAt"`
        : `UPDATE webhook_subscriptions SET failing_since = coalesce(failing_since, $2), consecutive_failures = consecutive_failures + 1 WHERE id = $1
            RETURNING failing_since AS "failingSince", consecutive_failures AS "consecutiveFailures", disabled_at AS "disabledAt"`,
      [claimed.subscriptionId, delivered ? finishedAt : startedAt],
    );
    if (nextAttemptAt) await queueAttempts(manager, [{ deliveryId, runAt: nextAttemptAt }]);
    let disabled = { subscription: false, deliveriesFailed: 0 };
    if (givenUp && health && !health.disabledAt && health.failingSince && finishedAt.getTime() - health.failingSince.getTime() >= DISABLE_AFTER_FAILING_MS) {
      const reason = `Dinonaktifkan otomatis: endpoint tidak menerima satu pun pengiriman sejak ${health.failingSince.toISOString()} `
        + `(${health.consecutiveFailures} percobaan berturut-turut gagal; terakhir: ${outcome.error}). `
        + 'Perbaiki penerima, lalu aktifkan kembali dengan enableWebhookSubscription.';
      disabled = await disableSubscription(manager, claimed.subscriptionId, reason, true, finishedAt);
    }
    return { disabled };
  });

  countWebhookAttempt(outcome.result);
  if (!recorded) return null;
  if (delivered) countWebhookDeliveries('delivered');
  if (givenUp) countWebhookDeliveries('failed');
  countWebhookDeliveries('failed', recorded.disabled.deliveriesFailed);
  if (recorded.disabled.subscription) countWebhookSubscriptionDisabled();
  const log = { component: 'webhooks', deliveryId, subscriptionId: claimed.subscriptionId, attempt, result: outcome.result, statusCode: outcome.statusCode, durationMs: outcome.durationMs };
  if (recorded.disabled.subscription) options.logger?.warn(log, 'webhook subscription disabled: its endpoint failed every attempt for a day');
  else if (givenUp) options.logger?.warn(log, 'webhook delivery failed: no attempts left');
  else if (!delivered) options.logger?.info({ ...log, nextAttemptAt }, 'webhook attempt failed; retry queued');
  return { deliveryId, attempt, result: outcome.result, statusCode: outcome.statusCode, status, nextAttemptAt, disabledSubscription: recorded.disabled.subscription };
}

/**
 * Disables a subscription (once: a second call changes nothing) and fails its
 * pending deliveries that no attempt holds; one under way records its outcome,
 * and its next attempt, if any, finds the subscription disabled.
 */
export async function disableSubscription(
  manager: EntityManager, subscriptionId: string, reason: string, automatically: boolean, at: Date,
): Promise<{ subscription: boolean; deliveriesFailed: number }> {
  const [changed] = await manager.query(
    `UPDATE webhook_subscriptions SET disabled_at = $2, disabled_reason = $3, disabled_automatically = $4, updated_at = $2
      WHERE id = $1 AND disabled_at IS NULL RETURNING id`,
    [subscriptionId, at, reason, automatically],
  );
  if (changed.length === 0) return { subscription: false, deliveriesFailed: 0 };
  const [failed] = await manager.query(
    `UPDATE webhook_deliveries SET status = 'FAILED', next_attempt_at = NULL
      WHERE subscription_id = $1 AND status = 'PENDING' AND (lease_expires_at IS NULL OR lease_expires_at < $2) RETURNING id`,
    [subscriptionId, at],
  );
  return { subscription: true, deliveriesFailed: failed.length };
}
