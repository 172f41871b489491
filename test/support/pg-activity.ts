import { Client } from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { STATEMENT_TIMEOUT_MS } from '../../server/src/database/data-source';
import type { TestDatabase } from './database';

/**
 * What PostgreSQL says the server's connections are doing (pg_stat_activity),
 * for tests that wait for a state instead of sleeping: "two queries wait on
 * the lock", "that backend is idle again". Asked over a connection of the
 * test's own, so the question never lands on (and so changes the state of) a
 * connection of the pool it watches.
 */
export interface PgActivity {
  /** The pids of the pool's backends (application_name 'aduan') in this database waiting on a lock, longest waiting first. */
  lockWaiters(): Promise<number[]>;
  /** Waits until exactly `count` of them wait on a lock, and answers their pids, longest waiting first. */
  untilLockWaiters(count: number): Promise<number[]>;
  /** The pid of the pool's backend whose current (or last) statement contains `fragment`. */
  running(fragment: string): Promise<number>;
  /** One backend's state: 'active', 'idle', 'idle in transaction'…, whether it waits on a lock, and whether its transaction has written (backend_xid). */
  backend(pid: number): Promise<{ state: string; waitingOnLock: boolean; wrote: boolean } | null>;
}

/**
 * How long a test waits for a state. Well under the pool's statement timeout,
 * so that a statement ending within the wait cannot be the timeout's doing
 * (and a test never needs the timeout to finish: under faketime it does not fire).
 */
export const STATE_WAIT_MS = STATEMENT_TIMEOUT_MS / 3;

export function usePgActivity(db: TestDatabase): PgActivity {
  let monitor: Client;
  beforeAll(async () => {
    monitor = new Client({ connectionString: db.url, application_name: 'aduan-test-monitor' });
    await monitor.connect();
  });
  afterAll(async () => {
    await monitor?.end();
  });
  const lockWaiters = async (): Promise<number[]> => {
    const { rows } = await monitor.query(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'aduan' AND wait_event_type = 'Lock'
        ORDER BY query_start`,
    );
    return rows.map((row) => row.pid as number);
  };
  return {
    lockWaiters,
    async untilLockWaiters(count) {
      let pids: number[] = [];
      await expect.poll(async () => (pids = await lockWaiters()), { timeout: STATE_WAIT_MS, interval: 20 }).toHaveLength(count);
      return pids;
    },
    async running(fragment) {
      const { rows } = await monitor.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'aduan' AND strpos(query, $1) > 0`,
        [fragment],
      );
      expect(rows).toHaveLength(1);
      return rows[0].pid;
    },
    async backend(pid) {
      const { rows } = await monitor.query(
        `SELECT state, wait_event_type = 'Lock' AS "waitingOnLock", backend_xid IS NOT NULL AS wrote FROM pg_stat_activity WHERE pid = $1`,
        [pid],
      );
      return rows[0] ?? null;
    },
  };
}

/** A table locked by a transaction of the test's own until `release()`: statements that need it wait. */
export async function lockTable(db: TestDatabase, table: string, mode = 'ACCESS EXCLUSIVE'): Promise<{ release(): Promise<void> }> {
  const locker = new Client({ connectionString: db.url, application_name: 'aduan-test-locker' });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query(`LOCK TABLE ${table} IN ${mode} MODE`);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await locker.query('ROLLBACK');
      await locker.end();
    },
  };
}
