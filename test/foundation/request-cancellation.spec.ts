import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/src/database/data-source';
import { CancellableClient, detachedFromRequest, RequestAbandonedError, runCancellable } from '../../server/src/database/request-cancellation';
import { useTestDatabase } from '../support/database';
import { lockTable, STATE_WAIT_MS, usePgActivity } from '../support/pg-activity';

/**
 * The database side of an abandoned request (database/request-cancellation.ts,
 * docs/adr/0017), on real PostgreSQL: a request's running statement is
 * cancelled when its signal aborts, its transaction rolls back, no new
 * statement starts for it, and the connection goes back to the pool usable —
 * without the cancel ever reaching the connection's next statement.
 *
 * A pool of one connection, so "the connection comes back usable" is the very
 * backend the statement ran on.
 */
const db = useTestDatabase('demo');
const activity = usePgActivity(db);
let pool: DataSource;

beforeAll(async () => {
  pool = createDataSource(db.url, { poolSize: 1 });
  await pool.initialize();
  await pool.query('CREATE TABLE cancel_probe (id int)');
  await pool.query('CREATE SEQUENCE cancel_probe_seq');
});
afterAll(async () => {
  await pool?.destroy();
});

/** Waits until a backend is idle: its statement over, its connection back in the pool and out of any transaction. */
const untilIdle = (pid: number) => expect.poll(() => activity.backend(pid), { timeout: STATE_WAIT_MS, interval: 20 }).toMatchObject({ state: 'idle', waitingOnLock: false });

/** The driver error behind TypeORM's QueryFailedError. */
const driverError = (error: unknown) => (error as { driverError?: unknown } | undefined)?.driverError;

/** Starts `work` as a request's, and answers its outcome (never rejects) with the request's abort controller. */
function asRequest<T>(work: () => Promise<T>) {
  const controller = new AbortController();
  const outcome = runCancellable(controller.signal, work).then((value) => ({ value, error: undefined }), (error: unknown) => ({ value: undefined, error }));
  return { controller, outcome };
}

describe('a request whose caller gave up (database/request-cancellation.ts)', () => {
  it('knows each pooled connection’s backend key (pg keeps it on the client: this fails if pg moves it)', async () => {
    const runner = pool.createQueryRunner();
    try {
      const client = (await runner.connect()) as CancellableClient & { processID: unknown; secretKey: unknown };
      expect(client).toBeInstanceOf(CancellableClient);
      const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
      expect(client.processID).toBe(pid);
      expect(typeof client.secretKey).toBe('number');
    } finally {
      await runner.release();
    }
  });

  it('has its running statement cancelled at once, and the connection goes back to the pool usable', async () => {
    const lock = await lockTable(db, 'programs');
    try {
      const request = asRequest(() => pool.query('SELECT count(*)::int AS n FROM programs WHERE code <> $1', ['none']));
      const [pid] = await activity.untilLockWaiters(1);
      request.controller.abort();
      // While the lock is still held, and well within the statement timeout: cancelled, not ended by the lock or the timeout.
      await untilIdle(pid);
      const { error } = await request.outcome;
      expect(driverError(error)).toMatchObject({ code: '57014', message: expect.stringMatching(/user request/) });
      const [again] = await pool.query('SELECT pg_backend_pid() AS pid, count(*)::int AS n FROM regions WHERE code <> $1', ['none']);
      expect(again).toEqual({ pid, n: expect.any(Number) });
    } finally {
      await lock.release();
    }
  });

  it('in a transaction: the transaction rolls back, nothing it wrote remains, and no transaction is left open', async () => {
    const lock = await lockTable(db, 'programs');
    try {
      const request = asRequest(() => pool.transaction(async (manager) => {
        await manager.query('INSERT INTO cancel_probe (id) VALUES ($1)', [1]);
        await manager.query('SELECT count(*)::int AS n FROM programs WHERE code <> $1', ['none']); // waits on the lock
        await manager.query('INSERT INTO cancel_probe (id) VALUES ($1)', [2]);
      }));
      const [pid] = await activity.untilLockWaiters(1);
      expect(await activity.backend(pid)).toMatchObject({ state: 'active', wrote: true }); // mid-flight, one row written
      request.controller.abort();
      await untilIdle(pid);
      expect(await activity.backend(pid)).toMatchObject({ wrote: false });
      expect(driverError((await request.outcome).error)).toMatchObject({ code: '57014' });
    } finally {
      await lock.release();
    }
    // Had the transaction gone on once the lock was released, both rows would be here.
    expect(await pool.query('SELECT id FROM cancel_probe')).toEqual([]);
  });

  it('starts no new statement for it; ROLLBACK still goes, so its transaction ends', async () => {
    const request = asRequest(() => pool.transaction(async (manager) => {
      await manager.query('INSERT INTO cancel_probe (id) VALUES ($1)', [3]);
      request.controller.abort(); // the caller leaves between two statements
      await manager.query(`SELECT nextval('cancel_probe_seq')`);
    }));
    const { error } = await request.outcome;
    expect(driverError(error)).toBeInstanceOf(RequestAbandonedError);
    // The sequence never moved: the refused statement did not reach PostgreSQL (a sequence ignores rollbacks).
    expect(await pool.query('SELECT is_called FROM cancel_probe_seq')).toEqual([{ is_called: false }]);
    // The one connection is out of the transaction (ROLLBACK was not refused): no transaction id, idle once it answered.
    const [{ pid, xid }] = await pool.query('SELECT pg_backend_pid() AS pid, txid_current_if_assigned() AS xid');
    expect(xid).toBeNull();
    expect(await activity.backend(pid)).toMatchObject({ state: 'idle' });
    expect(await pool.query('SELECT id FROM cancel_probe')).toEqual([]);
  });

  it('a cancel sent just as the statement ended does not hit the next statement on that connection', async () => {
    const runner = pool.createQueryRunner();
    try {
      const client = (await runner.connect()) as CancellableClient;
      // The worst case: the connection is idle (its statement just ended) when the cancel goes out, and
      // the next statement follows at once. It must wait until PostgreSQL has acted on the cancel.
      const failures: Error[] = [];
      client.cancelRunningStatement((error) => failures.push(error));
      await expect(runner.query('SELECT 1 AS done FROM pg_sleep(0.3)')).resolves.toEqual([{ done: 1 }]);
      expect(failures).toEqual([]);
    } finally {
      await runner.release();
    }
  });

  it('leaves alone work detached from it (shared by several requests)', async () => {
    const lock = await lockTable(db, 'programs');
    try {
      const sql = (who: string) => `SELECT count(*)::int AS n FROM programs WHERE code <> $1 -- ${who}`;
      let detached!: Promise<unknown>;
      const request = asRequest(async () => {
        detached = detachedFromRequest(() => db.dataSource.query(sql('shared'), ['none'])).catch((error: unknown) => error);
        return db.dataSource.query(sql('own'), ['none']);
      });
      await activity.untilLockWaiters(2);
      const [own, shared] = [await activity.running('-- own'), await activity.running('-- shared')];
      request.controller.abort();
      // The request's own statement is cancelled; a cancel for the detached one would have gone with it.
      await untilIdle(own);
      expect(driverError((await request.outcome).error)).toMatchObject({ code: '57014' });
      expect(await activity.backend(shared)).toMatchObject({ state: 'active', waitingOnLock: true });
      expect(await activity.lockWaiters()).toHaveLength(1);
      await lock.release();
      expect(await detached).toEqual([{ n: expect.any(Number) }]);
    } finally {
      await lock.release();
    }
  });
});
