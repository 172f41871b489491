/** What other features use of webhooks: telling subscribers, in the transaction of the change (docs/adr/0012-webhooks.md). */
export { emitWebhookEvents, type WebhookEvent } from './emit-webhook-events';
export { complaintChangeEvents, disbursementIssueResolved, slaBreached, statusChanged } from './webhook-events';
