/**
 * Telling the complainant what happened (docs/adr/0025-notifications.md): the
 * outbox's doors for other features. A change made through applyChange
 * (complaints/complaint-change.ts) needs none of these: it queues its
 * notifications itself. A feature that tells the person something outside a
 * change (a one-time code, a reply PIN re-sent) calls queueNotification in its
 * transaction.
 */
export { queueNotification, queueNotifications, acknowledgementNeeded, contactFor, type NotificationRequest } from './queue-notifications';
export { renderNotification, type NotificationParams, type RenderedTexts } from './notification-words';
export { earliestSend, endOfQuietHours } from './quiet-hours';
export { NotificationStatus } from './notification.entity';
export * from './transport';
