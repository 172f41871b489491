import { Logger as GraphileLogger, type LogLevel, parseCrontab, run, Runner, Task } from 'graphile-worker';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { tellDaysOffGaps } from '../escalation/days-off/days-off.service';
import { sweepSla } from '../escalation/sla-sweep';
import { cleanupEvidence, sweepEvidenceStore } from '../evidence/cleanup-evidence';
import type { EvidenceStorage } from '../evidence/storage/evidence-storage';
import { Logger } from '../logger';
import { buildOpenData, openDataMissing } from '../open-data/build';
import { attemptNotification, DELIVER_NOTIFICATION_TASK, sweepNotifications } from '../notifications/jobs';
import type { NotificationChannel, NotificationTransports } from '../notifications/transport';
import { attemptDelivery, cleanupWebhookLog, defaultDeliveryOptions, DELIVER_TASK, sweepWebhookDeliveries, WebhookDeliveryOptions } from '../webhooks/jobs';

/**
 * Scheduled work on a PostgreSQL-backed queue (graphile-worker): jobs live in
 * the database, so they survive restarts, and each runs exactly once however
 * many server processes poll — a job is locked by one worker, and each cron
 * tick is scheduled once across processes (graphile-worker's known_crontabs).
 */
export const TASKS = {
  /** Every minute: escalate breached complaints, close silent resolved ones, archive unanswered requests. */
  sla_sweep: 'sla_sweep',
  /** Every 10 minutes: end expired and abandoned evidence uploads, remove their staging data and unreferenced objects. */
  evidence_cleanup: 'evidence_cleanup',
  /** Daily: remove stored evidence objects the database has no row for (docs/adr/0010-evidence.md). */
  evidence_store_sweep: 'evidence_store_sweep',
  /** One attempt of one webhook delivery, queued by the change it tells about, then by each failed attempt (docs/adr/0012-webhooks.md). */
  webhook_deliver: DELIVER_TASK,
  /** Every minute: queue again webhook deliveries that are due but lost their job. */
  webhook_sweep: 'webhook_sweep',
  /** Daily: remove webhook deliveries older than 30 days from the delivery log. */
  webhook_log_cleanup: 'webhook_log_cleanup',
  /** One attempt of one notification to a complainant, queued by the change it tells about, then by each retry (docs/adr/0025-notifications.md). */
  notification_deliver: DELIVER_NOTIFICATION_TASK,
  /** Every minute: queue again notifications that are due but lost their job, or waited for a transport now configured. */
  notification_sweep: 'notification_sweep',
  /** Hourly, and at start when never built: the open data files (docs/adr/0037-open-data.md). */
  open_data_build: 'open_data_build',
} as const;

/** How notifications go out: the transports by channel (a channel without one waits) and the tracker's address for the texts. */
export interface NotificationJobOptions {
  /**
   * THE wiring point for the transports (e-mail, WhatsApp, SMS): main.ts passes what
   * the transports module builds from the configuration. Default: none — every
   * notification waits, PENDING, until one is configured.
   */
  notificationTransports?: NotificationTransports;
  publicTrackerUrl?: string | null;
  /** The retries' jitter, in [0, 1) (tests fix it). */
  random?: () => number;
}

export function createTaskList(
  dataSource: DataSource, logger: Logger, now: () => Date = () => new Date(), evidenceStorage?: EvidenceStorage,
  webhooks: WebhookDeliveryOptions = defaultDeliveryOptions(), notifications: NotificationJobOptions = {},
): Record<string, Task> {
  const transports = notifications.notificationTransports ?? {};
  return {
    [TASKS.sla_sweep]: async () => {
      const result = await sweepSla(dataSource, now()); // reads the days off first, when a minute old
      if (result.escalated || result.closed || result.archived || result.breachedAtNational) logger.info({ result }, 'SLA sweep');
      // Once a day: a server running from September into the new year says when next year's SKB is missing.
      tellDaysOffGaps(logger, now());
    },
    [TASKS.evidence_cleanup]: async () => {
      if (!evidenceStorage) return;
      const result = await cleanupEvidence(dataSource, evidenceStorage, now());
      if (result.expiredUploads || result.stagingFilesRemoved || result.orphanObjectsRemoved) logger.info({ result }, 'evidence cleanup');
    },
    [TASKS.evidence_store_sweep]: async () => {
      if (!evidenceStorage) return;
      const removed = await sweepEvidenceStore(dataSource, evidenceStorage, now());
      if (removed) logger.info({ removed }, 'evidence store sweep');
    },
    [TASKS.webhook_deliver]: async (payload) => {
      await attemptDelivery(dataSource, (payload as { deliveryId: string }).deliveryId, { ...webhooks, now, logger });
    },
    [TASKS.webhook_sweep]: async () => {
      const queued = await sweepWebhookDeliveries(dataSource, now());
      if (queued) logger.info({ queued }, 'webhook sweep: stranded deliveries queued again');
    },
    [TASKS.webhook_log_cleanup]: async () => {
      const removed = await cleanupWebhookLog(dataSource, now());
      if (removed) logger.info({ removed }, 'webhook delivery log cleanup');
    },
    [TASKS.notification_deliver]: async (payload) => {
      await attemptNotification(dataSource, (payload as { notificationId: string }).notificationId, {
        transports, now, logger, trackerUrl: notifications.publicTrackerUrl, random: notifications.random,
      });
    },
    [TASKS.notification_sweep]: async () => {
      const queued = await sweepNotifications(dataSource, now(), Object.keys(transports) as NotificationChannel[]);
      if (queued) logger.info({ queued }, 'notification sweep: stranded notifications queued again');
    },
    [TASKS.open_data_build]: async () => {
      const build = await buildOpenData(dataSource, { now: now(), logger });
      logger.info({ durationMs: build.durationMs, files: build.files.length, changed: build.files.filter((f) => f.changed).length }, 'open data built');
    },
  };
}

/**
 * When each scheduled task runs, in UTC: `* * * * *` each minute; the daily
 * sweeps at 03:30 and 03:45 (10:30 and 10:45 WIB); the open data at 7 past each hour. test/jobs/schedule.spec.ts
 * holds the intended cadence and runs the schedule itself.
 *
 * `max=1`: a failed run is not retried (the next tick runs anyway).
 *
 * `fill=<one period>`: a tick missed while no process was running (a deploy
 * across it, a restart, an outage) runs as soon as a process starts, instead
 * of waiting for the next tick: a minute for the sweeps, but a whole day for
 * the daily ones (a deploy at 03:29 skipped that day's store sweep and log
 * cleanup). One period, so at most the last missed tick runs: each sweep takes
 * everything due by then, so one run catches up. It never runs a tick twice:
 * graphile-worker records the last tick each entry ran (known_crontabs), and
 * schedules a tick once across processes and restarts. It fills only entries
 * it already knew, so a new database starts without a burst; the cost at start
 * is a walk over the last day's minutes in memory.
 */
export const CRONTAB = [
  `* * * * * ${TASKS.sla_sweep} ?max=1&fill=1m`,
  `*/10 * * * * ${TASKS.evidence_cleanup} ?max=1&fill=10m`,
  `30 3 * * * ${TASKS.evidence_store_sweep} ?max=1&fill=1d`,
  `* * * * * ${TASKS.webhook_sweep} ?max=1&fill=1m`,
  `45 3 * * * ${TASKS.webhook_log_cleanup} ?max=1&fill=1d`,
  `* * * * * ${TASKS.notification_sweep} ?max=1&fill=1m`,
  `7 * * * * ${TASKS.open_data_build} ?max=1&fill=1h`,
].join('\n');

export interface JobQueue { stop(): Promise<void> }

/**
 * Starts the runner on a pool of its own, which we own: at shutdown the runner
 * stops, then its pool ends — before the database goes away, so no idle
 * connection sees the server leave (an unhandled pool error would crash the process).
 */
export async function startJobQueue(options: {
  connectionString: string; dataSource: DataSource; logger: Logger; concurrency?: number; evidenceStorage?: EvidenceStorage; webhookConcurrency?: number;
  /** The tasks' clock (tests set one: quiet hours and working days depend on the hour); the real one by default. */
  now?: () => Date;
} & Pick<NotificationJobOptions, 'notificationTransports' | 'publicTrackerUrl'>): Promise<JobQueue> {
  const concurrency = options.concurrency ?? 2;
  const webhookConcurrency = options.webhookConcurrency ?? 8;
  // Both runners share this pool. Each keeps one connection for its LISTEN as long as it runs; a worker holds one
  // only while it takes or completes a job (the tasks themselves use the server's pool). So the busier runner's
  // workers plus the two listeners never wait for a connection, and graphile-worker, which checks the pool against
  // each runner's concurrency, has nothing to warn about at start.
  const pool = new Pool({ connectionString: options.connectionString, max: Math.max(concurrency, webhookConcurrency) + 2, application_name: 'aduan-jobs' });
  const lost = (error: Error) => options.logger.warn({ component: 'jobs', err: { message: error.message } }, 'job queue connection lost');
  pool.on('error', lost);
  // The connections still open. pool.end() settles as soon as it has asked each to close, not once they have:
  // stop() waits for the last, or the embedded PostgreSQL, stopped right after, would cut them off (each a warning).
  const open = new Set<unknown>();
  let lastClosed = () => undefined as void;
  pool.on('connect', (client) => { open.add(client); client.on('error', lost); });
  pool.on('remove', (client) => { open.delete(client); if (!open.size) lastClosed(); });
  const { [TASKS.webhook_deliver]: deliver, [TASKS.notification_deliver]: notify, ...scheduled } = createTaskList(
    options.dataSource, options.logger, options.now, options.evidenceStorage, undefined,
    { notificationTransports: options.notificationTransports, publicTrackerUrl: options.publicTrackerUrl },
  );
  const runner = await supervised('jobs', options.logger, () => run({
    pgPool: pool,
    concurrency,
    noHandleSignals: true, // the server's own shutdown stops the runner, after draining HTTP
    pollInterval: 2000,
    taskList: scheduled,
    parsedCronItems: parseCrontab(CRONTAB),
    logger: graphileLogger(options.logger),
    preset: RECORD_OUTCOMES_SAFELY,
  }));
  // A database whose open data was never built (a new one, a new version) gets it now, not at the next hour;
  // the job key makes it one job however many instances start at once.
  // Never a reason not to start: a database set up by an older version has no table yet (the hourly run then says so in the log).
  const missing = await openDataMissing(options.dataSource).catch((error: Error) => {
    options.logger.warn({ component: 'jobs', err: { message: error.message } }, 'open data: cannot tell whether it was built; the hourly run will build it');
    return false;
  });
  if (missing) await runner.current().addJob(TASKS.open_data_build, {}, { jobKey: TASKS.open_data_build, maxAttempts: 3 });
  // Webhook and notification attempts on workers of their own: a receiver or a provider that hangs until
  // the timeout holds one of these, never the SLA sweep; graphile-worker hands each runner only its own tasks.
  const webhookRunner = await supervised('webhook jobs', options.logger, () => run({
    pgPool: pool,
    concurrency: webhookConcurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    taskList: { [TASKS.webhook_deliver]: deliver, [TASKS.notification_deliver]: notify },
    logger: graphileLogger(options.logger),
    preset: RECORD_OUTCOMES_SAFELY,
  }));
  return {
    async stop() {
      await Promise.all([runner.stop(), webhookRunner.stop()]);
      const allClosed = new Promise<void>((resolve) => { lastClosed = resolve; });
      await pool.end();
      // Bounded: a connection to a database that has gone away may never say it closed.
      let giveUp: NodeJS.Timeout | undefined;
      if (open.size) await Promise.race([allClosed, new Promise<void>((resolve) => { giveUp = setTimeout(resolve, 5000); })]);
      clearTimeout(giveUp);
    },
  };
}

/** A runner that starts again when graphile-worker gives up on it. */
interface SupervisedRunner {
  current(): Runner;
  stop(): Promise<void>;
}

/**
 * A job's outcome recorded through graphile-worker's batcher (a delay of 0: the same moment, as before). Without it,
 * graphile-worker 0.17 records a failed or completed job with a promise nobody awaits: with the database gone that
 * promise rejects unhandled and ends the process. The batcher catches it, logs it and stops the runner, which
 * `supervised` starts again. (`completeJobBatchDelay`/`failJobBatchDelay` are documented worker options.)
 */
const RECORD_OUTCOMES_SAFELY = { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } };

/** Waits before starting a runner again: 1 s, doubling to a minute while the database stays away. */
const RESTART_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000];

/**
 * graphile-worker ends a runner's promise with an error when it cannot record a job's outcome (the database went
 * away in the middle of a task: "Could not failJobs; queue is in an inconsistent state; aborting"). Nobody awaited
 * that promise, so Node raised it as an uncaught error and the whole API exited with the job queue — in a database
 * outage, exactly when the API should answer 503 and come back by itself. Here the runner's end is awaited: logged,
 * and a new runner started after a pause (jobs it held are locked by the old worker id; graphile-worker frees such
 * locks after 4 hours, and every sweep of ours re-finds its rows, so nothing is lost). stop() ends it for good.
 */
export async function supervised(name: string, logger: Logger, start: () => Promise<Runner>): Promise<SupervisedRunner> {
  let runner = await start();
  let stopping = false;
  let failures = 0;
  let pause: NodeJS.Timeout | undefined;
  const watch = (watched: Runner): void => {
    const ended = (error?: Error) => {
      if (stopping) return;
      const delay = RESTART_DELAYS_MS[Math.min(failures, RESTART_DELAYS_MS.length - 1)];
      failures += 1;
      logger.warn({ component: 'jobs', runner: name, retryInMs: delay, err: { message: error?.message } }, 'job runner stopped: starting it again');
      pause = setTimeout(function restart() {
        if (stopping) return;
        start().then((next) => {
          if (stopping) return void next.stop();
          runner = next;
          failures = 0;
          watch(next);
        }, (startError: Error) => {
          logger.warn({ component: 'jobs', runner: name, err: { message: startError?.message } }, 'job runner cannot start yet');
          pause = setTimeout(restart, RESTART_DELAYS_MS[Math.min(failures++, RESTART_DELAYS_MS.length - 1)]);
        });
      }, delay);
    };
    watched.promise.then(() => ended(), ended);
  };
  watch(runner);
  return {
    current: () => runner,
    async stop() {
      stopping = true;
      clearTimeout(pause);
      await runner.stop().catch(() => undefined);
      await runner.promise.catch(() => undefined);
    },
  };
}

/**
 * graphile-worker's log lines into our JSON log. Its LogLevel is a `const enum`
 * declared in a .d.ts: tsc writes the values in, but a compiler that sees one
 * file at a time (swc, which runs the tests) cannot, and LogLevel.ERROR fails
 * at run time there; so the level is compared by its value.
 */
function graphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger(() => (level: LogLevel, message: string) => {
    const name: string = level;
    if (name === 'error') logger.error({ component: 'jobs' }, message);
    else if (name === 'warning') logger.warn({ component: 'jobs' }, message);
    else logger.debug({ component: 'jobs' }, message);
  });
}
