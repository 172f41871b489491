import { describe, expect, it } from 'vitest';
import { BoundedCounter, WeightedCache } from './weighted-cache';

describe('WeightedCache', () => {
  it('keeps entries while their weights fit the budget, and drops the least recently used past it', () => {
    const cache = new WeightedCache<string>(100);
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    expect(cache.get('a')).toBe('A'); // now the most recent: b goes first
    cache.set('c', 'C', 40);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    expect(cache.weight).toBe(80);
    cache.set('d', 'D', 90); // needs everything else gone
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([undefined, undefined, 'D']);
    expect({ size: cache.size, weight: cache.weight }).toEqual({ size: 1, weight: 90 });
  });

  it('never keeps an entry heavier than the whole budget, and re-setting a key replaces its weight', () => {
    const cache = new WeightedCache<string>(100);
    cache.set('a', 'A', 60);
    cache.set('big', 'B', 101);
    expect([cache.get('a'), cache.get('big')]).toEqual(['A', undefined]);
    cache.set('a', 'A2', 10);
    expect({ value: cache.get('a'), weight: cache.weight }).toEqual({ value: 'A2', weight: 10 });
    cache.clear();
    expect({ size: cache.size, weight: cache.weight }).toEqual({ size: 0, weight: 0 });
  });

  it('stays within the budget whatever is added', () => {
    const cache = new WeightedCache<number>(1_000);
    for (let i = 0; i < 10_000; i++) {
      cache.set(String(i % 700), i, (i * 7919) % 300);
      expect(cache.weight).toBeLessThanOrEqual(1_000);
    }
  });
});

describe('BoundedCounter', () => {
  it('counts per key and forgets the least recently counted keys past its capacity', () => {
    const counter = new BoundedCounter(2);
    expect([counter.increment('a'), counter.increment('a'), counter.increment('b')]).toEqual([1, 2, 1]);
    counter.increment('a'); // b is now the least recent
    counter.increment('c');
    expect([counter.increment('a'), counter.increment('b')]).toEqual([4, 1]);
  });
});
