/** What the job queue runs of webhooks (jobs/job-queue.ts). */
export { attemptDelivery, defaultDeliveryOptions, type WebhookDeliveryOptions } from './deliver-webhook';
export { cleanupWebhookLog, sweepWebhookDeliveries } from './webhook-sweep';
export { DELIVER_TASK } from './emit-webhook-events';
