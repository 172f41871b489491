import { DataSource } from 'typeorm';
import { queueAttempts } from './emit-webhook-events';

/** A due delivery left this long without an attempt under way has lost its job. */
const STRANDED_AFTER_MS = 2 * 60_000;
const SWEEP_BATCH = 500;
/** The delivery log keeps finished deliveries this long. */
export const DELIVERY_LOG_RETENTION_DAYS = 30;
const CLEANUP_BATCH = 5_000;

/**
 * Every minute (jobs/job-queue.ts): queues again the deliveries that are due
 * but have no attempt under way — written before the job runner ever started
 * on this database, whose job graphile-worker gave up on (a database outage
 * outlasting its retries), or whose worker died mid-attempt (its lease
 * expired). Queueing replaces a job that still waits (one job per delivery),
 * and the lease stops a second attempt at the same time, so a sweep that
 * races a slow worker sends nothing twice at once.
 */
export async function sweepWebhookDeliveries(dataSource: DataSource, now: Date): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const stranded: { id: string }[] = await manager.query(
      `SELECT id FROM webhook_deliveries
        WHERE status = 'PENDING' AND next_attempt_at < $1 AND (lease_expires_at IS NULL OR lease_expires_at < $2)
        ORDER BY next_attempt_at LIMIT ${SWEEP_BATCH}`,
      [new Date(now.getTime() - STRANDED_AFTER_MS), now],
    );
    await queueAttempts(manager, stranded.map((row) => ({ deliveryId: row.id, runAt: null })));
    return stranded.length;
  });
}

/** Daily: finished deliveries older than the retention, with their attempts; pending ones stay until they finish. */
export async function cleanupWebhookLog(dataSource: DataSource, now: Date): Promise<number> {
  const [removed] = await dataSource.query(
    `DELETE FROM webhook_deliveries WHERE id IN (
       SELECT id FROM webhook_deliveries WHERE status <> 'PENDING' AND created_at < $1 LIMIT ${CLEANUP_BATCH}) RETURNING id`,
    [new Date(now.getTime() - DELIVERY_LOG_RETENTION_DAYS * 86_400_000)],
  );
  return removed.length;
}
