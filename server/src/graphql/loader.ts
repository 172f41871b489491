import DataLoader from 'dataloader';

/**
 * A per-request DataLoader over a batch fetch that returns rows in any order:
 * results come back in key order, null for a miss (what DataLoader requires).
 */
export function keyedLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  }, { maxBatchSize: 1000 });
}
