import { describe, expect, it } from 'vitest';
import { suppress } from './suppression';

describe('suppress', () => {
  it('hides counts of 1–4, never 0 or 5 and more', () => {
    expect(suppress([0, 1, 4, 5, 9, 12], 31).cells).toEqual([false, true, true, false, false, false]);
  });

  it('hides the total when it is small', () => {
    expect(suppress([3], 3)).toEqual({ cells: [true], total: true });
    expect(suppress([], 0)).toEqual({ cells: [], total: false });
  });

  it('hides the next smallest cell when one hidden cell could be had from the total', () => {
    expect(suppress([3, 7, 20], 30).cells).toEqual([true, true, false]);
    expect(suppress([20, 3, 9, 7], 39).cells).toEqual([false, true, false, true]);
  });

  it('needs no second cell when two are hidden already, or when the total is hidden', () => {
    expect(suppress([3, 2, 20], 25).cells).toEqual([true, true, false]);
    expect(suppress([1, 2], 3).cells).toEqual([true, true]);
  });

  it('leaves a single cell alone (it is the total)', () => {
    expect(suppress([3], 3).cells).toEqual([true]);
    expect(suppress([8], 8).cells).toEqual([false]);
  });
});
