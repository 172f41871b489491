import { describe, expect, it } from 'vitest';
import { clearReferenceCache, REFERENCE_CACHE_MS, referenceLoader } from '../../server/src/graphql/reference-cache';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase('demo');

interface Village { code: string; name: string }

/** A loader as a request gets it (a fresh one per request), over the real regions table, counting its fetches. */
function villageLoader(clock: { now: number }, fetched: string[][], maxEntries = 1000) {
  return referenceLoader<Village>(
    db.dataSource, 'test-villages',
    async (codes) => {
      fetched.push([...codes]);
      return db.dataSource.query('SELECT code, name FROM regions WHERE code = ANY($1::text[])', [codes]);
    },
    (row) => row.code,
    { maxEntries, now: () => clock.now },
  );
}

describe('reference data kept per process (graphql/reference-cache.ts)', () => {
  it('reads a village once a minute across requests, unknown codes included, and sees a data load after the minute', async () => {
    clearReferenceCache(db.dataSource);
    const clock = { now: 1_000_000 };
    const fetched: string[][] = [];
    const first = await villageLoader(clock, fetched).loadMany(['32.73.01.1001', '99.99.99.9999']);
    expect(first).toEqual([{ code: '32.73.01.1001', name: expect.any(String) }, null]);
    const name = (first[0] as Village).name;

    await db.dataSource.query(`UPDATE regions SET name = 'Sukarasa (renamed)' WHERE code = '32.73.01.1001'`);
    clock.now += REFERENCE_CACHE_MS; // still within the minute
    expect(await villageLoader(clock, fetched).loadMany(['32.73.01.1001', '99.99.99.9999'])).toEqual([{ code: '32.73.01.1001', name }, null]);
    expect(fetched).toHaveLength(1);

    clock.now += 1; // past it: read again, the data load is seen
    expect(await villageLoader(clock, fetched).load('32.73.01.1001')).toEqual({ code: '32.73.01.1001', name: 'Sukarasa (renamed)' });
    expect(fetched).toEqual([['32.73.01.1001', '99.99.99.9999'], ['32.73.01.1001']]);
    await db.dataSource.query(`UPDATE regions SET name = $1 WHERE code = '32.73.01.1001'`, [name]);
  });

  it('fetches only the codes it lacks, and keeps at most maxEntries (the oldest go first)', async () => {
    clearReferenceCache(db.dataSource);
    const clock = { now: 0 };
    const fetched: string[][] = [];
    const codes: string[] = (await db.dataSource.query(`SELECT code FROM regions WHERE level = 'VILLAGE' ORDER BY code LIMIT 4`)).map((r: { code: string }) => r.code);
    expect(codes).toHaveLength(4);
    await villageLoader(clock, fetched, 3).loadMany(codes.slice(0, 2));
    await villageLoader(clock, fetched, 3).loadMany(codes.slice(0, 3)); // one new
    await villageLoader(clock, fetched, 3).loadMany(codes); // one new; the oldest (codes[0]) leaves
    await villageLoader(clock, fetched, 3).loadMany(codes.slice(1)); // all kept
    const answer = await villageLoader(clock, fetched, 3).loadMany(codes.slice(0, 1)); // evicted: read again
    expect(answer).toEqual([{ code: codes[0], name: expect.any(String) }]);
    expect(fetched).toEqual([codes.slice(0, 2), [codes[2]], [codes[3]], [codes[0]]]);
  });

  it('forgets what it keeps when told (clearReferenceCache)', async () => {
    clearReferenceCache(db.dataSource);
    const fetched: string[][] = [];
    await villageLoader({ now: 0 }, fetched).load('32.73.01.1001');
    clearReferenceCache(db.dataSource);
    await villageLoader({ now: 0 }, fetched).load('32.73.01.1001');
    expect(fetched).toHaveLength(2);
  });
});
