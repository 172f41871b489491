import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { uuidOf } from '../graphql/global-id';
import { UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { WEBHOOK_EVENT_ROLES } from './emit-webhook-events';
import { WebhookEventType } from './webhook.entity';
import { refuseWebhookUrl, webhooksInProduction } from './webhook-network';
import { SUBSCRIPTION_COLUMNS, WebhookSubscriptionRow } from './webhook.types';

/** Subscriptions an organisation may have: enough for a production and a staging receiver per system, few enough to fan out cheaply. */
export const MAX_SUBSCRIPTIONS_PER_ORGANISATION = 10;
export const DESCRIPTION_MAX = 200;

/** The URL, or a userError on `field`; production is read from NODE_ENV, as the server's configuration is. */
export function checkUrl(errors: UserErrors, field: string[], url: string): string {
  const trimmed = url.trim();
  const refusal = refuseWebhookUrl(trimmed, webhooksInProduction());
  if (refusal) errors.add(field, UserErrorCode.INVALID_INPUT, refusal);
  return trimmed;
}

/** At least one event type, no repeats, each one the caller's role may receive (an intake client is never told of SLA breaches). */
export function checkEventTypes(errors: UserErrors, field: string[], principal: ClientPrincipal, types: readonly WebhookEventType[]): WebhookEventType[] {
  if (types.length === 0) {
    errors.add(field, UserErrorCode.INVALID_INPUT, 'webhooks.noEventTypes');
    return [];
  }
  types.forEach((type, index) => {
    if (!WEBHOOK_EVENT_ROLES[type].includes(principal.role)) {
      errors.add([...field, String(index)], UserErrorCode.INVALID_INPUT, 'webhooks.eventTypeNotForRole', { type, role: principal.role });
    }
  });
  return [...new Set(types)].sort();
}

/** Trimmed; empty means none. */
export function checkDescription(errors: UserErrors, field: string[], description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  if (trimmed.length > DESCRIPTION_MAX) {
    errors.add(field, UserErrorCode.INVALID_INPUT, 'webhooks.descriptionLength', { max: DESCRIPTION_MAX });
  }
  return trimmed.length > 0 ? trimmed : null;
}

/** One of the caller's organisation's subscriptions (locked for the change), or null: another organisation's looks missing. */
export async function lockOwnSubscription(manager: EntityManager, principal: ClientPrincipal, globalId: string): Promise<WebhookSubscriptionRow | null> {
  const id = uuidOf(globalId, 'WebhookSubscription');
  if (!id) return null;
  const [row] = await manager.query(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions s WHERE s.id = $1 AND s.organisation_id = $2 FOR UPDATE`,
    [id, principal.organisationId],
  );
  return row ?? null;
}

export function notFound(errors: UserErrors, field: string[]): void {
  errors.add(field, UserErrorCode.NOT_FOUND, 'webhooks.subscriptionNotFound');
}
