import 'reflect-metadata';
import { Logger as GraphileLogger, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { JobQueue, startJobQueue } from '../../server/src/jobs/job-queue';
import { createLogger } from '../../server/src/logger';
import { NotificationChannel } from '../../server/src/notifications/transport';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { RecordingTransport } from '../support/recording-transport';
import { useTestServer } from '../support/server';

/**
 * The outbox through the real job runner (graphile-worker, startJobQueue as
 * main.ts starts it), on the real clock: only acknowledgements, which quiet
 * hours never hold, so the test passes whatever the hour of the run.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);
const sms = new RecordingTransport(NotificationChannel.SMS);
let jobs: JobQueue | undefined;
// A worker takes a job as it is queued (LISTEN), else at its 2 s poll; the deadline only bounds a run that fails.
const soon = { timeout: 20_000, interval: 50 };

beforeAll(async () => {
  // The runner's schema exists before the first submission, as in a running server: intake queues the job itself.
  await runMigrations({ connectionString: db.url, logger: new GraphileLogger(() => () => undefined) });
  jobs = await startJobQueue({
    connectionString: db.url, dataSource: db.dataSource, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    notificationTransports: { SMS: sms }, publicTrackerUrl: 'https://aduan.example.go.id/lacak/{code}',
  });
});
afterAll(async () => {
  await jobs?.stop();
});

async function submit(channel: string, notifyVia: string) {
  const { body } = await as(api, 'demo-ministry')(SUBMIT, { input: complaintInput({ channel, complainant: { notifyVia } }) });
  expect(body.data.submitComplaint.userErrors).toEqual([]);
  return { id: fromGlobalId(body.data.submitComplaint.complaint.id)!.key, trackingCode: body.data.submitComplaint.trackingCode as string };
}
const events = (complaintId: string) => db.dataSource.query(
  `SELECT type, data FROM complaint_events WHERE complaint_id = $1 AND type::text LIKE 'NOTIFICATION%' ORDER BY seq`, [complaintId],
);

describe('notification_deliver on the job runner', () => {
  it('a walk-in\'s acknowledgement by SMS is queued at intake and sent at once; the timeline records it', async () => {
    const complaint = await submit('WALK_IN', 'SMS');
    await expect.poll(() => sms.sent.filter((m) => m.text.includes(complaint.trackingCode)).length, soon).toBe(1);
    const message = sms.sent.find((m) => m.text.includes(complaint.trackingCode))!;
    expect(message).toMatchObject({ channel: 'SMS', kind: 'ACKNOWLEDGED', to: '+6281234567890', locale: 'id' });
    expect(message.text.length).toBeLessThanOrEqual(160);
    await expect.poll(() => events(complaint.id), soon).toEqual([
      { type: 'NOTIFICATION_SENT', data: { kind: 'ACKNOWLEDGED', channel: 'SMS', attempt: 1, outcome: 'SENT', providerCode: null } },
    ]);
    const [row] = await db.dataSource.query('SELECT status, attempt_count AS attempts FROM notifications WHERE complaint_id = $1', [complaint.id]);
    expect(row).toEqual({ status: 'SENT', attempts: 1 });
  });

  it('a channel with no transport configured waits, told once on the timeline', async () => {
    const complaint = await submit('CALL_CENTER', 'WHATSAPP');
    await expect.poll(() => events(complaint.id), soon).toEqual([
      { type: 'NOTIFICATION_WAITING', data: { kind: 'ACKNOWLEDGED', channel: 'WHATSAPP', attempt: 0, outcome: 'NO_TRANSPORT', providerCode: null } },
    ]);
    const [row] = await db.dataSource.query('SELECT status, attempt_count AS attempts, last_outcome AS outcome FROM notifications WHERE complaint_id = $1', [complaint.id]);
    expect(row).toEqual({ status: 'PENDING', attempts: 0, outcome: 'NO_TRANSPORT' });
  });
});
