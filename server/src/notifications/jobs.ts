/** What the job queue runs of notifications (jobs/job-queue.ts). */
export { attemptNotification, sweepNotifications, type NotificationDeliveryOptions, type NotificationAttemptReport } from './deliver-notification';
export { DELIVER_NOTIFICATION_TASK } from './queue-notifications';
