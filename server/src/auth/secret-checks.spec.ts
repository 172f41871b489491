import { describe, expect, it } from 'vitest';
import { SecretChecksBusyError, secretCheckQueue } from './secret-checks';

/** A check the test finishes when it chooses. */
function deferred() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { finish, done };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('secretCheckQueue', () => {
  it('runs at most `concurrent` checks at once, queues `queued` more in order, and refuses the rest at once', async () => {
    const { run, full } = secretCheckQueue({ concurrent: 2, queued: 2 });
    const started: number[] = [];
    const checks = Array.from({ length: 4 }, () => deferred());
    const outcomes = checks.map((check, i) => run(async () => {
      started.push(i);
      await check.done;
      return i;
    }));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(full()).toBe(true);
    expect(full(true)).toBe(false);
    await expect(run(async () => 'fifth')).rejects.toBeInstanceOf(SecretChecksBusyError);

    checks[1].finish();
    expect(await outcomes[1]).toBe(1);
    await tick();
    expect(started).toEqual([0, 1, 2]); // the first in the queue took the freed slot
    // With a slot taken by a queued check, the queue has room for one again.
    const sixth = run(async () => 'sixth');
    await expect(run(async () => 'seventh')).rejects.toBeInstanceOf(SecretChecksBusyError);

    for (const check of checks) check.finish();
    expect(await Promise.all(outcomes)).toEqual([0, 1, 2, 3]);
    expect(await sixth).toBe('sixth');
    expect(await run(async () => 'after')).toBe('after');
    expect(full()).toBe(false);
  });

  it('serves known checks first, in a line bounded on its own', async () => {
    const { run } = secretCheckQueue({ concurrent: 1, queued: 1 });
    const order: string[] = [];
    const first = deferred();
    const running = run(async () => { order.push('running'); await first.done; });
    const other = run(async () => { order.push('other'); });
    await expect(run(async () => 'another other')).rejects.toBeInstanceOf(SecretChecksBusyError);
    const known = run(async () => { order.push('known'); }, true); // the others' line is full: the known one still waits its turn
    await expect(run(async () => 'another known', true)).rejects.toBeInstanceOf(SecretChecksBusyError);
    first.finish();
    await Promise.all([running, other, known]);
    expect(order).toEqual(['running', 'known', 'other']);
  });

  it('frees the slot of a check that fails', async () => {
    const { run } = secretCheckQueue({ concurrent: 1, queued: 0 });
    await expect(run(async () => { throw new Error('scrypt failed'); })).rejects.toThrow('scrypt failed');
    expect(await run(async () => 'next')).toBe('next');
  });
});
