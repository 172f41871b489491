export { createMetrics, ERROR_CODES, type ServerMetrics } from './metrics';
export { metricsRouter, type MetricsAccess } from './metrics.router';
export { operationLabel, type OperationLabel, MULTIPLE_ROOT_FIELDS, INTROSPECTION_ONLY, NO_OPERATION } from './operation-label';
export { countSlaBreaches, slaBreachesTotal } from './sla.metrics';
export { countWebhookAttempt, countWebhookDeliveries, countWebhookSubscriptionDisabled } from './webhook.metrics';
