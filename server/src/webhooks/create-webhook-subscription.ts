import { ClientPrincipal } from '../auth/principal';
import { Rollback, transactionOrRollback } from '../complaints/complaint-change';
import type { RequestContext } from '../graphql/context';
import { UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { claimIdempotencyKey, recordIdempotentResult } from '../idempotency/idempotency.service';
import { generateSigningSecret } from './webhook-signature';
import { checkDescription, checkEventTypes, checkUrl, MAX_SUBSCRIPTIONS_PER_ORGANISATION } from './webhook-subscription-rules';
import { CreateWebhookSubscriptionInput, CreateWebhookSubscriptionPayload, SUBSCRIPTION_COLUMNS, WebhookSubscription, WebhookSubscriptionRow } from './webhook.types';

const OPERATION = 'createWebhookSubscription';

/**
 * A new subscription of the caller's organisation, with a signing secret
 * answered this once (and again to a repeat of the same request within 24 h,
 * so a lost response loses no secret). The organisation's row is locked while
 * its subscriptions are counted: two creations at once cannot both pass the
 * limit.
 */
export async function createWebhookSubscription(
  ctx: RequestContext, principal: ClientPrincipal, input: CreateWebhookSubscriptionInput,
): Promise<CreateWebhookSubscriptionPayload> {
  const errors = new UserErrors(ctx.locale);
  const payload = (row: WebhookSubscriptionRow | null) => Object.assign(new CreateWebhookSubscriptionPayload(), {
    subscription: row && WebhookSubscription.from(row, ctx.now()), signingSecret: row?.secret ?? null, userErrors: errors.list,
  });
  if (input.idempotencyKey.length < 1 || input.idempotencyKey.length > 128) {
    errors.add(['input', 'idempotencyKey'], UserErrorCode.INVALID_INPUT, 'idempotency.keyLength');
  }
  const url = checkUrl(errors, ['input', 'url'], input.url);
  const eventTypes = checkEventTypes(errors, ['input', 'eventTypes'], principal, input.eventTypes);
  const description = checkDescription(errors, ['input', 'description'], input.description);
  if (errors.any) return payload(null);

  return transactionOrRollback(ctx, async (manager) => {
    const claim = await claimIdempotencyKey<{ subscriptionId: string }>(manager, principal.apiClientId, OPERATION, input.idempotencyKey, input);
    if (claim.kind === 'reused') {
      errors.add(['input', 'idempotencyKey'], UserErrorCode.IDEMPOTENCY_KEY_REUSED, 'idempotency.keyReused');
      throw new Rollback(payload(null));
    }
    if (claim.kind === 'repeat') {
      const [first] = await manager.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions s WHERE s.id = $1`, [claim.result.subscriptionId]);
      return payload(first ?? null);
    }
    await manager.query('SELECT id FROM organisations WHERE id = $1 FOR UPDATE', [principal.organisationId]);
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM webhook_subscriptions WHERE organisation_id = $1', [principal.organisationId]);
    if (count >= MAX_SUBSCRIPTIONS_PER_ORGANISATION) {
      errors.add(null, UserErrorCode.WEBHOOK_SUBSCRIPTION_LIMIT_REACHED, 'webhooks.subscriptionLimit', { max: MAX_SUBSCRIPTIONS_PER_ORGANISATION });
      throw new Rollback(payload(null));
    }
    const now = ctx.now();
    const [row]: WebhookSubscriptionRow[] = await manager.query(
      `INSERT INTO webhook_subscriptions AS s (organisation_id, url, description, event_types, secret, created_by_client_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4::webhook_event_type[], $5, $6, $7, $7) RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [principal.organisationId, url, description, eventTypes, generateSigningSecret(), principal.apiClientId, now],
    );
    await recordIdempotentResult(manager, principal.apiClientId, input.idempotencyKey, { subscriptionId: row.id });
    return payload(row);
  });
}
