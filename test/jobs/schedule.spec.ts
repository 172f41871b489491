import 'reflect-metadata';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Logger as GraphileLogger, ParsedCronItem, parseCrontab, runMigrations } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORPHAN_GRACE_MS } from '../../server/src/evidence/evidence.rules';
import { LocalEvidenceStorage } from '../../server/src/evidence/storage/local-storage';
import { fromGlobalId, toGlobalId } from '../../server/src/graphql/global-id';
import { CRONTAB, JobQueue, startJobQueue, TASKS } from '../../server/src/jobs/job-queue';
import { createLogger } from '../../server/src/logger';
import { DELIVERY_LOG_RETENTION_DAYS } from '../../server/src/webhooks/webhook-sweep';
import { useTestDatabase } from '../support/database';
import { clients, ok, submitted } from '../support/handling';
import { useTestServer } from '../support/server';
import { WebhookReceiver } from '../webhooks/receiver';

/**
 * The schedule itself (CRONTAB in jobs/job-queue.ts), which the other tests
 * bypass by calling the sweeps directly: its cadence, and the real job queue
 * (startJobQueue: graphile-worker with the real CRONTAB) running every
 * scheduled task from it on this file's database.
 */
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

describe('the schedule (CRONTAB)', () => {
  const items = parseCrontab(CRONTAB);
  const item = (task: string) => {
    const found = items.find((i) => i.task === task);
    expect(found, `${task} is in CRONTAB`).toBeDefined();
    return found!;
  };

  /** The UTC times (HH:MM) of one day at which the item runs. */
  function timesOn(cron: ParsedCronItem, dayStart: number): string[] {
    const times: string[] = [];
    for (let at = dayStart; at < dayStart + DAY_MS; at += MINUTE_MS) {
      const d = new Date(at);
      if (cron.match({ min: d.getUTCMinutes(), hour: d.getUTCHours(), date: d.getUTCDate(), month: d.getUTCMonth() + 1, dow: d.getUTCDay() })) {
        times.push(d.toISOString().slice(11, 16));
      }
    }
    return times;
  }
  const everyMinutes = (step: number) => Array.from({ length: 1440 / step }, (_, i) => {
    const minutes = i * step;
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  });

  it('schedules every task except the event-driven webhook_deliver and notification_deliver, each once', () => {
    expect(items.map((i) => i.task).sort()).toEqual(Object.values(TASKS).filter((t) => t !== TASKS.webhook_deliver && t !== TASKS.notification_deliver).sort());
  });

  // The intended cadence, stated a second time on purpose: a change to CRONTAB must be a change here too.
  it.each([
    [TASKS.sla_sweep, everyMinutes(1), MINUTE_MS],
    [TASKS.webhook_sweep, everyMinutes(1), MINUTE_MS],
    [TASKS.notification_sweep, everyMinutes(1), MINUTE_MS],
    [TASKS.evidence_cleanup, everyMinutes(10), 10 * MINUTE_MS],
    [TASKS.evidence_store_sweep, ['03:30'], DAY_MS],
    [TASKS.webhook_log_cleanup, ['03:45'], DAY_MS],
    [TASKS.open_data_build, Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:07`), 60 * MINUTE_MS],
  ])('%s: every day at its times (UTC), not retried, a missed tick filled for one period', (task, times, period) => {
    const cron = item(task);
    // A week from a Monday across a month's end: every weekday, and the 1st of a month, alike.
    const monday = Date.UTC(2027, 0, 25);
    for (let day = 0; day < 7; day += 1) expect(timesOn(cron, monday + day * DAY_MS), `${task}, day ${day}`).toEqual(times);
    expect(cron.options.maxAttempts).toBe(1);
    expect(cron.options.backfillPeriod).toBe(period);
  });
});

/**
 * A restart after a missed tick, which every scheduled task is due in: the job
 * queue starts on a database whose schedule last ran 25 hours ago, so
 * graphile-worker runs at once, from the schedule, the last tick of each entry
 * it missed (CRONTAB's `fill`) — no waiting for a minute, or a day, to pass.
 * The work for each task was made beforehand through the API, with the
 * server's clock 40 days back; then the job queue runs on the real clock.
 */
describe('the job queue runs each scheduled task from the schedule', () => {
  let clock: number | undefined; // the server's clock while the test makes the work; then the real one
  const db = useTestDatabase('demo');
  const api = useTestServer(db, { now: () => clock ?? Date.now() });
  const receiver = new WebhookReceiver(() => Date.now());
  let evidenceRoot = '';
  let storage: LocalEvidenceStorage;
  let jobs: JobQueue | undefined;

  const work = {
    breachedComplaint: '', // VERIFIED, its due date 40 days gone: the SLA sweep escalates it
    strandedDelivery: '', // PENDING, written before any job runner existed on this database: only the webhook sweep queues it
    expiredDelivery: '', // FAILED 40 days ago: the log cleanup removes it
    stagingFile: '', // a stray upload file in staging: the evidence cleanup removes it
    orphanObject: '', // a stored object the database has no row for, seen by the store sweep longer than the grace ago: the next sweep removes it
  };

  beforeAll(async () => {
    await receiver.start();
    evidenceRoot = await mkdtemp(path.join(os.tmpdir(), 'aduan-schedule-'));
    storage = new LocalEvidenceStorage(evidenceRoot);
    await storage.check();

    clock = Date.now() - 40 * DAY_MS;
    const { portal, village, district } = clients(api);
    const subscribe = async (client: typeof portal, url: string) => (await ok(client, 'createWebhookSubscription',
      { idempotencyKey: randomUUID(), url, eventTypes: ['COMPLAINT_STATUS_CHANGED'] }, 'subscription { id }')).subscription.id as string;
    const districtSubscription = await subscribe(district, receiver.url('/stranded'));
    const portalSubscription = await subscribe(portal, receiver.url('/expired'));
    const complaint = await submitted(api);
    await ok(village, 'verifyComplaint', { complaintId: complaint.id, version: complaint.version });
    await ok(portal, 'disableWebhookSubscription', { subscriptionId: portalSubscription }, 'subscription { id }'); // fails its pending delivery
    clock = undefined;

    work.breachedComplaint = fromGlobalId(complaint.id)!.key;
    const deliveryOf = async (subscriptionId: string) => (await db.dataSource.query(
      'SELECT id, status, created_at AS "createdAt" FROM webhook_deliveries WHERE subscription_id = $1', [fromGlobalId(subscriptionId)!.key],
    ) as { id: string; status: string; createdAt: Date }[]);
    const [stranded] = await deliveryOf(districtSubscription);
    const [expired] = await deliveryOf(portalSubscription);
    // The premises, so that what follows can only be the schedule's doing.
    expect(complaint).toMatchObject({ status: 'RECEIVED', currentTier: 'VILLAGE' });
    expect(Date.parse(complaint.dueAt)).toBeLessThan(Date.now());
    expect(stranded.status).toBe('PENDING');
    // No job runner has ever run on this database, so no job was queued for the delivery (queueAttempts in emit-webhook-events.ts).
    expect(await db.dataSource.query(`SELECT to_regnamespace('graphile_worker') AS schema`)).toEqual([{ schema: null }]);
    expect(expired.status).toBe('FAILED');
    expect(expired.createdAt.getTime()).toBeLessThan(Date.now() - DELIVERY_LOG_RETENTION_DAYS * DAY_MS);
    work.strandedDelivery = stranded.id;
    work.expiredDelivery = expired.id;

    work.stagingFile = path.join(storage.stagingDir, `${randomUUID()}.part`);
    await writeFile(work.stagingFile, 'half an upload');
    const bytes = randomBytes(64);
    work.orphanObject = createHash('sha256').update(bytes).digest('hex');
    await storage.put(work.orphanObject, { bytes });
    // Yesterday's sweep saw it already (the store sweep times its grace from its own first sighting, never the file's time).
    const firstSeen = new Date(Date.now() - 2 * ORPHAN_GRACE_MS);
    await db.dataSource.query('INSERT INTO evidence_store_strays (sha256, first_seen_at, last_seen_at) VALUES ($1, $2, $2)', [work.orphanObject, firstSeen]);

    // The schedule last ran 25 hours ago. graphile-worker keeps each entry's last tick in its known_crontabs
    // table ("Distributed crontab" in its docs), a private table: were it renamed or reshaped in an upgrade,
    // this statement fails, or the tasks below do not run — the test fails, it cannot pass without the schedule.
    await runMigrations({ connectionString: db.url, logger: new GraphileLogger(() => () => undefined) });
    const lastRun = new Date(Date.now() - DAY_MS - 60 * MINUTE_MS); // before the last tick of every entry, the daily ones too
    await db.dataSource.query(
      'INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since, last_execution) SELECT unnest($1::text[]), $2, $2',
      [parseCrontab(CRONTAB).map((i) => i.identifier), lastRun],
    );

    jobs = await startJobQueue({ connectionString: db.url, dataSource: db.dataSource, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), evidenceStorage: storage });
  });

  afterAll(async () => {
    await jobs?.stop();
    await receiver.stop();
    if (evidenceRoot) await rm(evidenceRoot, { recursive: true, force: true });
  });

  const objectPath = (key: string) => path.join(evidenceRoot, 'objects', key.slice(0, 2), key);
  // The jobs are due at once, and a worker takes one as it is queued (LISTEN), else at its 2 s poll;
  // the deadline only bounds a run that fails.
  const soon = { timeout: 20_000, interval: 50 };

  it(`${TASKS.sla_sweep}: escalates the breached complaint`, async () => {
    await expect.poll(async () => (await db.dataSource.query(
      `SELECT c.current_tier AS tier, EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'ESCALATED' AND e.data ? 'breach') AS breached
         FROM complaints c WHERE c.id = $1`, [work.breachedComplaint],
    ))[0], soon).toEqual({ tier: 'DISTRICT', breached: true });
  });

  it(`${TASKS.webhook_sweep}: queues the stranded delivery again, and it arrives`, async () => {
    const id = toGlobalId('WebhookDelivery', work.strandedDelivery);
    await expect.poll(() => receiver.at('/stranded').some((r) => r.id === id), soon).toBe(true);
  });

  it(`${TASKS.evidence_cleanup}: removes the stray staging file`, async () => {
    await expect.poll(() => existsSync(work.stagingFile), soon).toBe(false);
  });

  it(`${TASKS.evidence_store_sweep}: removes the object the database has no row for`, async () => {
    await expect.poll(() => existsSync(objectPath(work.orphanObject)), soon).toBe(false);
  });

  it(`${TASKS.open_data_build}: builds the open data files (never built on this database)`, async () => {
    await expect.poll(async () => (await db.dataSource.query(`SELECT path FROM open_data_files WHERE path = 'v1/index.json'`)).length, soon).toBe(1);
  });

  it(`${TASKS.webhook_log_cleanup}: removes the delivery past the log's retention`, async () => {
    await expect.poll(async () => (await db.dataSource.query('SELECT id FROM webhook_deliveries WHERE id = $1', [work.expiredDelivery])).length, soon).toBe(0);
  });
});
