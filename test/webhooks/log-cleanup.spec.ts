import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cleanupWebhookLog, DELIVERY_LOG_RETENTION_DAYS } from '../../server/src/webhooks/webhook-sweep';
import { useTestDatabase } from '../support/database';

/**
 * The daily cleanup of the delivery log (webhooks/webhook-sweep.ts, run by the
 * schedule: test/jobs/schedule.spec.ts): finished deliveries older than the
 * retention go, with their attempts; newer ones stay, and so does a pending
 * one however old, until it finishes. Deliveries are written straight into the
 * outbox table, at the ages the test is about.
 */
const db = useTestDatabase('demo');
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

type Status = 'PENDING' | 'DELIVERED' | 'FAILED';

async function subscription(createdAt: Date): Promise<string> {
  const [row] = await db.dataSource.query(
    `INSERT INTO webhook_subscriptions (organisation_id, url, event_types, secret, created_by_client_id, created_at, updated_at)
     SELECT a.organisation_id, 'https://example.org/aduan-hook', '{COMPLAINT_STATUS_CHANGED}', 'log-cleanup-secret', a.id, $1, $1
       FROM api_clients a WHERE a.client_id = 'demo-dinsos-3273' RETURNING id`,
    [createdAt],
  );
  return row.id;
}

/** A delivery created at `createdAt`, with `attempts` attempts recorded (the last one decided its status). */
async function delivery(subscriptionId: string, status: Status, createdAt: Date, attempts: number): Promise<string> {
  const id = randomUUID();
  await db.dataSource.query(
    `INSERT INTO webhook_deliveries (id, subscription_id, organisation_id, event_id, event_type, body, status, attempt_count, max_attempts, next_attempt_at, created_at, delivered_at)
     SELECT $1, s.id, s.organisation_id, $2, 'COMPLAINT_STATUS_CHANGED', '{}', $3, $4, 8, $5, $6, $7 FROM webhook_subscriptions s WHERE s.id = $8`,
    [id, randomUUID(), status, attempts, status === 'PENDING' ? createdAt : null, createdAt, status === 'DELIVERED' ? createdAt : null, subscriptionId],
  );
  for (let number = 1; number <= attempts; number += 1) {
    await db.dataSource.query(
      `INSERT INTO webhook_delivery_attempts (delivery_id, number, started_at, duration_ms, result, status_code) VALUES ($1, $2, $3, 12, $4, $5)`,
      [id, number, createdAt, status === 'DELIVERED' && number === attempts ? 'SUCCESS' : 'HTTP_ERROR', status === 'DELIVERED' && number === attempts ? 200 : 500],
    );
  }
  return id;
}

const remaining = async (ids: string[]) => new Set((await db.dataSource.query('SELECT id FROM webhook_deliveries WHERE id = ANY($1::uuid[])', [ids]) as { id: string }[]).map((r) => r.id));
const attemptsOf = async (id: string) => (await db.dataSource.query('SELECT count(*)::int AS n FROM webhook_delivery_attempts WHERE delivery_id = $1', [id]))[0].n;

describe('cleanupWebhookLog', () => {
  it(`removes finished deliveries older than ${DELIVERY_LOG_RETENTION_DAYS} days with their attempts, keeps newer and pending ones, and answers how many went`, async () => {
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const retention = DELIVERY_LOG_RETENTION_DAYS * DAY_MS;
    const subscriptionId = await subscription(ago(60 * DAY_MS));
    const [{ n: before }] = await db.dataSource.query('SELECT count(*)::int AS n FROM webhook_deliveries');

    const oldDelivered = await delivery(subscriptionId, 'DELIVERED', ago(retention + DAY_MS), 2);
    const oldFailed = await delivery(subscriptionId, 'FAILED', ago(retention + MINUTE_MS), 8);
    const oldPending = await delivery(subscriptionId, 'PENDING', ago(retention + 10 * DAY_MS), 3);
    const justInside = await delivery(subscriptionId, 'DELIVERED', ago(retention - MINUTE_MS), 1);
    const recent = await delivery(subscriptionId, 'FAILED', ago(DAY_MS), 8);
    const all = [oldDelivered, oldFailed, oldPending, justInside, recent];
    expect(before, 'the demo data holds no deliveries of its own: the count below is of these only').toBe(0);

    expect(await cleanupWebhookLog(db.dataSource, now)).toBe(2);
    expect(await remaining(all)).toEqual(new Set([oldPending, justInside, recent]));
    expect(await attemptsOf(oldDelivered)).toBe(0); // attempts go with their delivery
    expect(await attemptsOf(oldFailed)).toBe(0);
    expect(await attemptsOf(oldPending)).toBe(3);
    expect(await attemptsOf(justInside)).toBe(1);
    expect(await attemptsOf(recent)).toBe(8);

    expect(await cleanupWebhookLog(db.dataSource, now)).toBe(0); // nothing left to remove
  });
});
