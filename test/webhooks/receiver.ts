import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger as GraphileLogger, makeWorkerUtils, run, Runner, WorkerUtils } from 'graphile-worker';
import { createTaskList, TASKS } from '../../server/src/jobs/job-queue';
import { createLogger } from '../../server/src/logger';
import { TestDatabase } from '../support/database';

/** How a path of the receiver answers: 200, 500, or not at all (until the sender gives up). */
export type Mode = 'ok' | 'fail' | 'hang';

export interface Received {
  path: string;
  id: string;
  event: string;
  timestamp: string;
  signature: string;
  attempt: number;
  body: string;
  headers: IncomingHttpHeaders;
  /** The test clock when it arrived, to verify the signature against. */
  clock: number;
  /** performance.now() when it arrived. */
  arrivedAt: number;
  answered: Mode;
}

/**
 * A webhook receiver on 127.0.0.1 (port 0): records every POST with its
 * headers and raw body, and answers per path as told — and can be told to
 * fail, hang past the sender's timeout, and recover.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly modes = new Map<string, Mode>();
  private readonly hanging = new Set<ServerResponse>();
  private server?: Server;
  private port = 0;
  /** Runs before the answer of each request (e.g. to break the sender's bookkeeping). */
  onRequest?: (received: Received) => Promise<void>;

  constructor(private readonly clock: () => number) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const path = req.url ?? '/';
        const answered = this.modes.get(path) ?? 'ok';
        const header = (name: string) => String(req.headers[name] ?? '');
        const received: Received = {
          path, id: header('aduan-webhook-id'), event: header('aduan-webhook-event'), timestamp: header('aduan-webhook-timestamp'),
          signature: header('aduan-webhook-signature'), attempt: Number(header('aduan-webhook-attempt')), body: Buffer.concat(chunks).toString('utf8'),
          headers: req.headers, clock: this.clock(), arrivedAt: performance.now(), answered,
        };
        this.received.push(received);
        await this.onRequest?.(received);
        if (answered === 'hang') {
          this.hanging.add(res);
          res.on('close', () => this.hanging.delete(res));
          return;
        }
        res.writeHead(answered === 'ok' ? 200 : 500, { 'content-type': 'text/plain' }).end(answered === 'ok' ? 'ok' : 'receiver down');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(path: string, host = '127.0.0.1'): string {
    return `http://${host}:${this.port}${path}`;
  }

  set(path: string, mode: Mode): void {
    this.modes.set(path, mode);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Waits until `count` requests reached the path (those whose body passes `which`, if given), or fails after the deadline. */
  async waitFor(path: string, count: number, timeoutMs = 15_000, which: (body: string) => boolean = () => true): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    const arrived = () => this.at(path).filter((r) => which(r.body));
    while (arrived().length < count) {
      if (Date.now() > deadline) throw new Error(`${path}: ${arrived().length} of ${count} deliveries arrived in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return arrived();
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface TestRunner { runner: Runner; attempts: number; stop(): Promise<void> }

/**
 * A graphile-worker runner on the test database with the server's task list,
 * a controllable clock, a short attempt timeout, and no jitter (random 0.5:
 * every wait exactly the schedule's). No cron: tests run sweeps themselves.
 */
export async function startRunner(db: TestDatabase, now: () => number, options: { timeoutMs?: number; concurrency?: number } = {}): Promise<TestRunner> {
  const tasks = createTaskList(db.dataSource, createLogger('silent'), () => new Date(now()), undefined, {
    allowPrivateAddresses: true, timeoutMs: options.timeoutMs ?? 1_000, random: () => 0.5,
  });
  const handle = { attempts: 0 } as TestRunner;
  const deliver = tasks[TASKS.webhook_deliver];
  handle.runner = await run({
    connectionString: db.url,
    maxPoolSize: 4, // the test server is shared: a few connections are enough for a test's deliveries
    concurrency: options.concurrency ?? 4,
    pollInterval: 100,
    noHandleSignals: true,
    logger: silentGraphileLogger,
    taskList: {
      [TASKS.webhook_deliver]: async (payload, helpers) => {
        handle.attempts += 1;
        await deliver(payload, helpers);
      },
    },
  });
  handle.stop = async () => {
    await handle.runner.stop();
    await handle.runner.promise.catch(() => undefined);
  };
  return handle;
}

const silentGraphileLogger = new GraphileLogger(() => () => undefined);

/** Worker utilities on the test database: to find a delivery's job and run it now instead of hours from now. */
export async function workerUtils(db: TestDatabase): Promise<WorkerUtils> {
  const utils = await makeWorkerUtils({ connectionString: db.url });
  await utils.migrate();
  return utils;
}

/** The waiting job of a delivery (graphile-worker's jobs view), if any. */
export async function jobOf(db: TestDatabase, deliveryId: string): Promise<{ id: string; runAt: Date; attempts: number; lockedAt: Date | null } | undefined> {
  const [job] = await db.dataSource.query(
    `SELECT id::text, run_at AS "runAt", attempts, locked_at AS "lockedAt" FROM graphile_worker.jobs WHERE key = $1`, [`webhook:${deliveryId}`],
  );
  return job;
}

/**
 * The deliveries to a subscription URL: each one's status and attempts, and how many webhook jobs
 * are still queued for it (due, later, or running). A job leaves the queue only once its attempt is
 * recorded, so a delivery DELIVERED with no job left cannot be sent again: nothing would send it.
 * (graphile-worker's public `jobs` view leaves out the payload, which names the delivery.)
 */
export async function deliveriesTo(db: TestDatabase, url: string): Promise<{ id: string; status: string; attempts: number; jobs: number; body: string }[]> {
  return db.dataSource.query(
    `SELECT d.id, d.status, d.attempt_count AS attempts, d.body,
            (SELECT count(*) FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
              WHERE t.identifier = 'webhook_deliver' AND j.payload->>'deliveryId' = d.id::text)::int AS jobs
       FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE s.url = $1 ORDER BY d.created_at, d.id`, [url],
  );
}

/** Polls until the check passes (or fails after the deadline). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
