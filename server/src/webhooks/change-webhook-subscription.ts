import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { Rollback, transactionOrRollback } from '../complaints/complaint-change';
import type { RequestContext } from '../graphql/context';
import { toGlobalId } from '../graphql/global-id';
import { UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { countWebhookDeliveries } from '../metrics';
import { disableSubscription } from './deliver-webhook';
import { queueAttempts } from './emit-webhook-events';
import { ATTEMPTS_PER_DELIVERY } from './retry-schedule';
import { generateSigningSecret } from './webhook-signature';
import { checkDescription, checkEventTypes, checkUrl, lockOwnSubscription, notFound } from './webhook-subscription-rules';
import {
  DeleteWebhookSubscriptionInput, DeleteWebhookSubscriptionPayload, DisableWebhookSubscriptionInput, EnableWebhookSubscriptionInput,
  EnableWebhookSubscriptionPayload, RotateWebhookSecretInput, RotateWebhookSecretPayload, SUBSCRIPTION_COLUMNS, UpdateWebhookSubscriptionInput,
  WebhookSubscription, WebhookSubscriptionPayload, WebhookSubscriptionRow,
} from './webhook.types';

/** How far back enableWebhookSubscription(redeliverFailed) reaches: the events of a long weekend's outage. */
export const REDELIVER_FAILED_WINDOW_HOURS = 72;
const ROTATION_OVERLAP_MAX_HOURS = 72;
const ROTATION_OVERLAP_DEFAULT_HOURS = 24;

/**
 * Runs a change to one of the caller's organisation's subscriptions, locked,
 * in a transaction; another organisation's, or a missing one, is NOT_FOUND.
 */
async function withOwnSubscription<T>(
  ctx: RequestContext, principal: ClientPrincipal, subscriptionId: string, errors: UserErrors, refused: () => T,
  change: (manager: EntityManager, row: WebhookSubscriptionRow) => Promise<T>,
): Promise<T> {
  return transactionOrRollback(ctx, async (manager) => {
    const row = await lockOwnSubscription(manager, principal, subscriptionId);
    if (!row) {
      notFound(errors, ['input', 'subscriptionId']);
      throw new Rollback(refused());
    }
    return change(manager, row);
  });
}

const subscriptionPayload = (ctx: RequestContext, row: WebhookSubscriptionRow | null, errors: UserErrors) =>
  Object.assign(new WebhookSubscriptionPayload(), { subscription: row && WebhookSubscription.from(row, ctx.now()), userErrors: errors.list });

export async function updateWebhookSubscription(ctx: RequestContext, principal: ClientPrincipal, input: UpdateWebhookSubscriptionInput): Promise<WebhookSubscriptionPayload> {
  const errors = new UserErrors(ctx.locale);
  const set: Record<string, unknown> = {};
  if (input.url != null) set.url = checkUrl(errors, ['input', 'url'], input.url);
  if (input.eventTypes != null) set.event_types = checkEventTypes(errors, ['input', 'eventTypes'], principal, input.eventTypes);
  if (input.description !== undefined) set.description = checkDescription(errors, ['input', 'description'], input.description);
  if (errors.any) return subscriptionPayload(ctx, null, errors);
  return withOwnSubscription(ctx, principal, input.subscriptionId, errors, () => subscriptionPayload(ctx, null, errors), async (manager, row) => {
    const columns = Object.keys(set);
    if (columns.length === 0) return subscriptionPayload(ctx, row, errors);
    const assignments = columns.map((column, i) => `${column} = $${i + 3}${column === 'event_types' ? '::webhook_event_type[]' : ''}`);
    const [[updated]] = await manager.query(
      `UPDATE webhook_subscriptions s SET ${assignments.join(', ')}, updated_at = $2 WHERE s.id = $1 RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [row.id, ctx.now(), ...columns.map((c) => set[c])],
    );
    return subscriptionPayload(ctx, updated, errors);
  });
}

/**
 * A new secret signs from now on; the current one keeps signing alongside it
 * (a second `v1=`) for the hours asked, so the receiver can switch over
 * without missing a delivery. Rotating again during that time drops the
 * oldest: at most two secrets sign.
 */
export async function rotateWebhookSecret(ctx: RequestContext, principal: ClientPrincipal, input: RotateWebhookSecretInput): Promise<RotateWebhookSecretPayload> {
  const errors = new UserErrors(ctx.locale);
  const payload = (row: WebhookSubscriptionRow | null) => Object.assign(new RotateWebhookSecretPayload(), {
    subscription: row && WebhookSubscription.from(row, ctx.now()), signingSecret: row?.secret ?? null, userErrors: errors.list,
  });
  const hours = input.previousSecretValidHours ?? ROTATION_OVERLAP_DEFAULT_HOURS;
  if (!Number.isInteger(hours) || hours < 0 || hours > ROTATION_OVERLAP_MAX_HOURS) {
    errors.add(['input', 'previousSecretValidHours'], UserErrorCode.INVALID_INPUT, 'webhooks.overlapHours', { max: ROTATION_OVERLAP_MAX_HOURS });
    return payload(null);
  }
  return withOwnSubscription(ctx, principal, input.subscriptionId, errors, () => payload(null), async (manager, row) => {
    const now = ctx.now();
    const [[rotated]] = await manager.query(
      `UPDATE webhook_subscriptions s
          SET previous_secret = CASE WHEN $3 > 0 THEN s.secret END,
              previous_secret_expires_at = CASE WHEN $3 > 0 THEN $2::timestamptz + make_interval(hours => $3) END,
              secret = $4, updated_at = $2
        WHERE s.id = $1 RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [row.id, now, hours, generateSigningSecret()],
    );
    return payload(rotated);
  });
}

/**
 * Turns a disabled subscription on again, its health reset. With
 * redeliverFailed, its deliveries that failed in the last 72 hours start a
 * full retry schedule again, each with its own id and body.
 */
export async function enableWebhookSubscription(ctx: RequestContext, principal: ClientPrincipal, input: EnableWebhookSubscriptionInput): Promise<EnableWebhookSubscriptionPayload> {
  const errors = new UserErrors(ctx.locale);
  const payload = (row: WebhookSubscriptionRow | null, redeliveries: number) => Object.assign(new EnableWebhookSubscriptionPayload(), {
    subscription: row && WebhookSubscription.from(row, ctx.now()), redeliveries, userErrors: errors.list,
  });
  return withOwnSubscription(ctx, principal, input.subscriptionId, errors, () => payload(null, 0), async (manager, row) => {
    const now = ctx.now();
    let current = row;
    if (row.disabledAt) {
      [[current]] = await manager.query(
        `UPDATE webhook_subscriptions s SET disabled_at = NULL, disabled_reason = NULL, disabled_automatically = false,
                failing_since = NULL, consecutive_failures = 0, updated_at = $2
          WHERE s.id = $1 RETURNING ${SUBSCRIPTION_COLUMNS}`,
        [row.id, now],
      );
    }
    if (!input.redeliverFailed) return payload(current, 0);
    const [again]: [{ id: string }[], number] = await manager.query(
      `UPDATE webhook_deliveries SET status = 'PENDING', max_attempts = attempt_count + $3, next_attempt_at = $2
        WHERE subscription_id = $1 AND status = 'FAILED' AND created_at >= $2::timestamptz - make_interval(hours => $4) RETURNING id`,
      [row.id, now, ATTEMPTS_PER_DELIVERY, REDELIVER_FAILED_WINDOW_HOURS],
    );
    await queueAttempts(manager, again.map((d) => ({ deliveryId: d.id, runAt: null })));
    return payload(current, again.length);
  });
}

export async function disableWebhookSubscription(ctx: RequestContext, principal: ClientPrincipal, input: DisableWebhookSubscriptionInput): Promise<WebhookSubscriptionPayload> {
  const errors = new UserErrors(ctx.locale);
  let failed = 0;
  const result = await withOwnSubscription(ctx, principal, input.subscriptionId, errors, () => subscriptionPayload(ctx, null, errors), async (manager, row) => {
    const now = ctx.now();
    ({ deliveriesFailed: failed } = await disableSubscription(manager, row.id, `Dinonaktifkan oleh klien ${principal.clientId}.`, false, now));
    const [current] = await manager.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions s WHERE s.id = $1`, [row.id]);
    return subscriptionPayload(ctx, current, errors);
  });
  countWebhookDeliveries('failed', failed);
  return result;
}

/** Deletes it with its delivery log; attempts queued for it find nothing and end. */
export async function deleteWebhookSubscription(ctx: RequestContext, principal: ClientPrincipal, input: DeleteWebhookSubscriptionInput): Promise<DeleteWebhookSubscriptionPayload> {
  const errors = new UserErrors(ctx.locale);
  const payload = (id: string | null) => Object.assign(new DeleteWebhookSubscriptionPayload(), { deletedSubscriptionId: id, userErrors: errors.list });
  return withOwnSubscription(ctx, principal, input.subscriptionId, errors, () => payload(null), async (manager, row) => {
    await manager.query('DELETE FROM webhook_subscriptions WHERE id = $1', [row.id]);
    return payload(toGlobalId('WebhookSubscription', row.id));
  });
}
