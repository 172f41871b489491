import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { lockTable, STATE_WAIT_MS, usePgActivity } from '../support/pg-activity';
import { useTestServer } from '../support/server';

/**
 * Load shedding (http/limits/load-shedding.ts): with the in-flight cap at 2,
 * two requests held up in PostgreSQL (waiting on a lock the test holds) fill
 * the process; the third is refused at once with 429 and Retry-After, and the
 * slots come back when requests finish or their callers give up — the
 * statement of a caller who gave up is cancelled (docs/adr/0017), so it does
 * not go on holding a pool connection either.
 *
 * "At once" is shown by ordering, not a stopwatch: the refusal is answered
 * while both held requests are still waiting on the lock.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db, { maxRequestsInFlight: 2 });
const activity = usePgActivity(db);

const PROGRAMS = JSON.stringify({ query: '{ programs { code } }' });
const post = (signal?: AbortSignal) =>
  api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: PROGRAMS, signal });

/** A request whose answer the test can check for having come yet, without waiting for it. */
function tracked(response: Promise<Response>) {
  const request = { answered: false, response };
  response.then(() => (request.answered = true), () => (request.answered = true));
  return request;
}

/** The answer carries real data: the programmes, no errors (an error answer would be a 200 too). */
async function expectProgrammes(response: Response) {
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(body.errors).toBeUndefined();
  expect(body.data.programs.length).toBeGreaterThan(0);
  expect(body.data.programs[0]).toEqual({ code: expect.any(String) });
}

describe('load shedding', () => {
  it('refuses past the in-flight cap at once with 429 and Retry-After, and admits again when a slot frees', async () => {
    const lock = await lockTable(db, 'programs');
    try {
      const held = [tracked(post()), tracked(post())];
      await activity.untilLockWaiters(2); // both are inside, waiting on the lock

      const third = await post();
      expect(held.map((h) => h.answered)).toEqual([false, false]); // answered while both are still held
      expect(await activity.lockWaiters()).toHaveLength(2);
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('1');
      const body = await third.json();
      expect(body).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } }] });
      expect(body.errors[0].message).toBe('Server sedang sibuk. Coba lagi dalam 1 detik.'); // "The server is busy…" with Accept-Language: en

      await lock.release();
      for (const h of held) await expectProgrammes(await h.response);
      await expectProgrammes(await post());
    } finally {
      await lock.release();
    }
  });

  it('frees the slot of a caller who gave up, and cancels its statement', async () => {
    const lock = await lockTable(db, 'programs');
    try {
      const abandoned = new AbortController();
      const gaveUp = post(abandoned.signal).catch((error: Error) => error.name);
      const [abandonedPid] = await activity.untilLockWaiters(1);
      const waiting = tracked(post());
      await activity.untilLockWaiters(2);
      expect((await post()).status).toBe(429); // the two slots are taken

      abandoned.abort();
      expect(await gaveUp).toBe('AbortError');
      // Its statement is cancelled while the lock is still held: the backend stops waiting and goes
      // back to the pool idle (not killed, not left in a transaction). Within STATE_WAIT_MS, well
      // under the statement timeout, so this is the cancel's doing.
      await expect.poll(() => activity.backend(abandonedPid), { timeout: STATE_WAIT_MS, interval: 20 })
        .toMatchObject({ state: 'idle', waitingOnLock: false });
      expect(await activity.lockWaiters()).toHaveLength(1); // the other caller still waits

      const admitted = tracked(post()); // takes the freed slot and waits on the lock: not refused
      await activity.untilLockWaiters(2);
      expect([waiting.answered, admitted.answered]).toEqual([false, false]);

      await lock.release();
      await expectProgrammes(await waiting.response);
      await expectProgrammes(await admitted.response);
    } finally {
      await lock.release();
    }
  });
});
