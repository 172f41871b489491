import { Counter } from 'prom-client';
import { WebhookAttemptResult } from '../webhooks/webhook.entity';

/**
 * Webhook deliveries (webhooks/deliver-webhook.ts). Process-wide, like the SLA
 * breaches: attempts run in the job runner, which has no HTTP server of its
 * own; each server's registry exposes these (metrics.ts registers them).
 * Labels come from fixed sets — never a URL, host or organisation.
 */
export const webhookDeliveryFailuresTotal = new Counter({
  name: 'aduan_webhook_delivery_failures_total',
  help: 'Webhook delivery attempts that failed, by reason (http_error: answered, but not 2xx; timeout; connection_failed; address_not_allowed: refused in production as a private address).',
  labelNames: ['reason'] as const,
  registers: [],
});

export const webhookDeliveriesTotal = new Counter({
  name: 'aduan_webhook_deliveries_total',
  help: 'Webhook deliveries finished, by outcome: delivered (a 2xx), or failed (every retry failed, or the subscription was disabled first).',
  labelNames: ['outcome'] as const,
  registers: [],
});

export const webhookSubscriptionsDisabledTotal = new Counter({
  name: 'aduan_webhook_subscriptions_disabled_total',
  help: 'Webhook subscriptions disabled automatically after their endpoint failed every attempt for a day.',
  registers: [],
});

/** Registered in every server's registry (metrics.ts). */
export const WEBHOOK_METRICS = [webhookDeliveryFailuresTotal, webhookDeliveriesTotal, webhookSubscriptionsDisabledTotal];

const FAILURE_REASONS = Object.values(WebhookAttemptResult).filter((r) => r !== WebhookAttemptResult.SUCCESS);
// Every label from the start, so a rate over a fresh process is 0, not "no data".
for (const reason of FAILURE_REASONS) webhookDeliveryFailuresTotal.inc({ reason: reason.toLowerCase() }, 0);
for (const outcome of ['delivered', 'failed']) webhookDeliveriesTotal.inc({ outcome }, 0);

/** Called once an attempt is recorded (its transaction committed). */
export function countWebhookAttempt(result: WebhookAttemptResult): void {
  if (result !== WebhookAttemptResult.SUCCESS) webhookDeliveryFailuresTotal.inc({ reason: result.toLowerCase() });
}

export function countWebhookDeliveries(outcome: 'delivered' | 'failed', count = 1): void {
  if (count > 0) webhookDeliveriesTotal.inc({ outcome }, count);
}

export function countWebhookSubscriptionDisabled(): void {
  webhookSubscriptionsDisabledTotal.inc();
}
