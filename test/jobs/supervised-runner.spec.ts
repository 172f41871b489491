import { run, type Runner } from 'graphile-worker';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { supervised } from '../../server/src/jobs/job-queue';
import { createLogger } from '../../server/src/logger';
import { useTestDatabase } from '../support/database';

/**
 * A graphile-worker runner that stops on its own (graphile-worker ends a runner when it cannot record a job's
 * outcome: the database went away mid-task) is started again by `supervised`, so the server's sweeps, webhooks and
 * notifications come back with the database; stop() ends it for good. Real runners on the test database.
 */

const db = useTestDatabase('setup');

const lines: { msg: string; runner?: string }[] = [];
const logger = createLogger('warn', new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done(); } }));

let handle: Awaited<ReturnType<typeof supervised>> | undefined;
afterAll(async () => {
  await handle?.stop();
});

describe('a supervised job runner', () => {
  it('starts again after its runner stopped, and not after stop()', async () => {
    let started = 0;
    const ran: string[] = [];
    handle = await supervised('test jobs', logger, () => {
      started += 1;
      return run({
        connectionString: db.url, concurrency: 1, noHandleSignals: true, pollInterval: 200,
        taskList: { note: async (payload) => { ran.push((payload as { n: string }).n); } },
      });
    });
    const first: Runner = handle.current();
    await first.addJob('note', { n: 'before' });
    await expect.poll(() => ran, { timeout: 10_000 }).toContain('before');

    // The runner ends without stop() being asked for: as graphile-worker ends one it gave up on.
    await first.stop();
    await expect.poll(() => handle!.current() !== first, { timeout: 10_000 }).toBe(true);
    expect(started).toBe(2);
    expect(lines.map((l) => l.msg)).toContain('job runner stopped: starting it again');

    // The new runner does the work.
    await handle.current().addJob('note', { n: 'after' });
    await expect.poll(() => ran, { timeout: 10_000 }).toContain('after');

    // Stopped on purpose: ended for good, nothing started again.
    await handle.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(started).toBe(2);
    handle = undefined;
  }, 40_000);
});
