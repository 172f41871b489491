import { ClientPrincipal } from '../auth/principal';
import { Rollback, transactionOrRollback } from '../complaints/complaint-change';
import type { RequestContext } from '../graphql/context';
import { uuidOf } from '../graphql/global-id';
import { UserErrorCode } from '../graphql/user-error';
import { Bilingual, UserErrors } from '../graphql/user-errors';
import { queueAttempts } from './emit-webhook-events';
import { WebhookDeliveryStatus } from './webhook.entity';
import { ownDelivery } from './webhook-queries';
import { RedeliverWebhookInput, RedeliverWebhookPayload } from './webhook.types';
import { words } from '../words';

/** A delivery's attempts in all, redeliveries included: a bound on what one delivery can cost. */
export const MAX_ATTEMPTS_PER_DELIVERY = 30;

/**
 * One more attempt of a finished delivery (FAILED, or DELIVERED and lost on
 * the receiver's side), at once, with the same id and body: a receiver that
 * processed it already drops it by its id. Not while it is PENDING (its next
 * attempt is queued), nor while its subscription is disabled (enable it first).
 */
export async function redeliverWebhook(ctx: RequestContext, principal: ClientPrincipal, input: RedeliverWebhookInput): Promise<RedeliverWebhookPayload> {
  const errors = new UserErrors(ctx.locale);
  const id = uuidOf(input.deliveryId, 'WebhookDelivery');
  const queued = await transactionOrRollback(ctx, async (manager) => {
    const refuse = (code: UserErrorCode, message: Bilingual): never => {
      errors.add(['input', 'deliveryId'], code, message);
      throw new Rollback(false);
    };
    const [row]: { id: string; status: WebhookDeliveryStatus; attemptCount: number; disabledAt: Date | null }[] = id ? await manager.query(
      `SELECT d.id, d.status, d.attempt_count AS "attemptCount", s.disabled_at AS "disabledAt"
         FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.id = $1 AND d.organisation_id = $2 FOR UPDATE OF d`,
      [id, principal.organisationId],
    ) : [];
    if (!row) return refuse(UserErrorCode.NOT_FOUND, words('webhooks.deliveryNotFound'));
    if (row.disabledAt) {
      return refuse(UserErrorCode.INVALID_TRANSITION, words('webhooks.subscriptionDisabled'));
    }
    if (row.status === WebhookDeliveryStatus.PENDING) {
      return refuse(UserErrorCode.INVALID_TRANSITION, words('webhooks.deliveryPending'));
    }
    if (row.attemptCount >= MAX_ATTEMPTS_PER_DELIVERY) {
      return refuse(UserErrorCode.INVALID_TRANSITION, words('webhooks.attemptsExhausted', { attempts: row.attemptCount }));
    }
    await manager.query(
      `UPDATE webhook_deliveries SET status = 'PENDING', delivered_at = NULL, max_attempts = attempt_count + 1, next_attempt_at = $2 WHERE id = $1`,
      [row.id, ctx.now()],
    );
    await queueAttempts(manager, [{ deliveryId: row.id, runAt: null }]);
    return true;
  });
  const delivery = queued && id ? await ownDelivery(ctx, principal, id) : null;
  return Object.assign(new RedeliverWebhookPayload(), { delivery, userErrors: errors.list });
}
