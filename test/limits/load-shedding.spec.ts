import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * Load shedding (http/limits/load-shedding.ts): with the in-flight cap at 2,
 * two requests held up in PostgreSQL fill the process; the third is refused at
 * once with 429 and Retry-After, and the slots come back when requests finish
 * or their callers give up.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db, { maxRequestsInFlight: 2 });

const PROGRAMS = JSON.stringify({ query: '{ programs { code } }' });
const post = (signal?: AbortSignal) =>
  api.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: PROGRAMS, signal });

async function holdingProgramsLocked<T>(work: () => Promise<T>): Promise<T> {
  const locker = new Client({ connectionString: db.url });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE programs IN ACCESS EXCLUSIVE MODE');
  try {
    return await work();
  } finally {
    await locker.query('ROLLBACK');
    await locker.end();
  }
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('load shedding', () => {
  it('refuses past the in-flight cap at once with 429 and Retry-After, and admits again when a slot frees', async () => {
    let held: Promise<Response>[] = [];
    const refused = await holdingProgramsLocked(async () => {
      held = [post(), post()];
      await settle(); // both are inside, waiting on the lock
      const started = performance.now();
      const third = await post();
      return { status: third.status, retryAfter: third.headers.get('retry-after'), body: await third.json(), ms: performance.now() - started };
    });
    expect(refused).toMatchObject({ status: 429, retryAfter: '1', body: { errors: [{ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } }] } });
    expect(refused.body.errors[0].message).toMatch(/busy/);
    expect(refused.ms).toBeLessThan(1_000);
    const answers = await Promise.all(held);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await post()).status).toBe(200);
  });

  it('frees the slot of a caller who gave up', async () => {
    await holdingProgramsLocked(async () => {
      const abandoned = new AbortController();
      const gaveUp = post(abandoned.signal).catch(() => 'aborted');
      const waiting = post();
      await settle();
      expect((await post()).status).toBe(429);
      abandoned.abort();
      expect(await gaveUp).toBe('aborted');
      await settle();
      const admitted = post(); // takes the freed slot and waits on the lock, not refused
      await settle();
      return Promise.all([waiting, admitted]);
    }).then((answers) => expect(answers.map((a) => a.status)).toEqual([200, 200]));
  });
});
