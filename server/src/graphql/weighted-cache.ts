/**
 * A least-recently-used cache bounded by the total weight of its entries (an
 * estimate of the memory each holds), not by their number: one entry may weigh
 * a thousand times another. Reading an entry makes it the most recent; adding
 * one past the budget drops the least recent until the total fits again. An
 * entry heavier than the whole budget is not kept at all.
 */
export class WeightedCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private total = 0;

  constructor(private readonly budget: number) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Map keeps insertion order: re-inserting moves the entry to the most recent end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, weight: number): void {
    this.delete(key);
    if (weight > this.budget) return;
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.budget) break;
      this.entries.delete(oldest);
      this.total -= entry.weight;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The sum of the weights of the entries kept: never more than the budget. */
  get weight(): number {
    return this.total;
  }
}

/**
 * Counts per key, for the `capacity` keys counted most recently (the others
 * are forgotten, oldest first), so that counting what callers send cannot
 * itself grow without bound.
 */
export class BoundedCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  /** Adds one to the key's count and answers the new count. */
  increment(key: string): number {
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.delete(key);
    this.counts.set(key, count);
    if (this.counts.size > this.capacity) this.counts.delete(this.counts.keys().next().value!);
    return count;
  }

  clear(): void {
    this.counts.clear();
  }
}
