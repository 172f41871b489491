import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';

/**
 * Reference data — programmes, channels, villages — kept per process for a
 * minute, in front of the per-request loaders.
 *
 * No API call changes these tables: they are the ministry's data, loaded by
 * migrations and data loads (the regions from Kemendagri's codes, the
 * programmes and channels by the ministry), and every list of complaints asks
 * for them. Reading them once a minute instead of once per request takes three
 * round trips out of every inbox page and two out of every submission
 * (docs/benchmarks.md). A data load is seen by every process within
 * REFERENCE_CACHE_MS, as the SLA policies are (escalation/sla-policy.service.ts).
 * Organisations are not cached here: the API creates and disables them, and a
 * disabled office must stop receiving complaints at once.
 *
 * The cache is keyed by data source (the tests run several databases in one
 * process) and bounded: the oldest entries go first past `maxEntries`.
 */
export const REFERENCE_CACHE_MS = 60_000;

/** Codes are short (a village code has 13 characters, programme and channel codes at most 30). */
const MAX_KEY_LENGTH = 64;

export interface Entry<V> { value: V | null; at: number }

const caches = new WeakMap<DataSource, Map<string, Map<string, Entry<unknown>>>>();

/**
 * A named cache of this process for a data source: entries stamped with when
 * they were read. Kept in Map order, which is the eviction order (keep()).
 * Other per-process caches (complaints/intake-offices.ts) use it too.
 */
export function cacheFor<V>(dataSource: DataSource, name: string): Map<string, Entry<V>> {
  let byName = caches.get(dataSource);
  if (!byName) caches.set(dataSource, (byName = new Map()));
  let cache = byName.get(name);
  if (!cache) byName.set(name, (cache = new Map()));
  return cache as Map<string, Entry<V>>;
}

/** Keeps a value read at `at`, newest last, and drops the oldest past `maxEntries`. */
export function keep<V>(cache: Map<string, Entry<V>>, key: string, value: V | null, at: number, maxEntries: number): void {
  cache.delete(key); // re-inserted last: the Map's order is the eviction order
  cache.set(key, { value, at });
  for (const oldest of cache.keys()) {
    if (cache.size <= maxEntries) break;
    cache.delete(oldest);
  }
}

/** Forgets what was cached for a data source (a test that changes reference data in SQL calls it). */
export function clearReferenceCache(dataSource: DataSource): void {
  caches.delete(dataSource);
}

/**
 * A per-request DataLoader like keyedLoader whose batch function answers from
 * the process's cache and fetches only the keys it has not seen in the last
 * minute. Misses (unknown codes) are cached too: a code that does not exist is
 * asked for again only after the minute.
 */
export function referenceLoader<V>(
  dataSource: DataSource,
  name: string,
  fetch: (keys: readonly string[]) => Promise<V[]>,
  keyOf: (row: V) => string,
  options: { maxEntries: number; now?: () => number },
): DataLoader<string, V | null> {
  const now = options.now ?? Date.now;
  return new DataLoader<string, V | null>(async (keys) => {
    const cache = cacheFor<V>(dataSource, name);
    const at = now();
    const answer = new Map<string, V | null>();
    const missing: string[] = [];
    for (const key of keys) {
      // No code is this long: answered unknown without a read, and never kept (a flood of long strings cannot fill the cache).
      if (key.length > MAX_KEY_LENGTH) {
        answer.set(key, null);
        continue;
      }
      const entry = cache.get(key);
      if (entry && at - entry.at <= REFERENCE_CACHE_MS) answer.set(key, entry.value);
      else missing.push(key);
    }
    if (missing.length > 0) {
      const found = new Map((await fetch(missing)).map((row) => [keyOf(row), row]));
      for (const key of missing) {
        const value = found.get(key) ?? null;
        answer.set(key, value);
        keep(cache, key, value, at, options.maxEntries);
      }
    }
    return keys.map((key) => answer.get(key) ?? null);
  }, { maxBatchSize: 1000 });
}
