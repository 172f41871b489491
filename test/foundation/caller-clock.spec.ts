import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { callerClockEnv } from '../support/caller-clock';

/**
 * A process a test starts with an environment of its own (the built server, the examples' tools) runs on the
 * test's clock: under faketime (CI moves the clock a year ahead) one started without callerClockEnv() reads the
 * real time, and the test's comparisons with it (signed webhook times, created_at) break.
 */
describe('callerClockEnv (test/support/caller-clock.ts)', () => {
  it('gives a child process with a minimal environment the clock of the test process', () => {
    const before = Date.now();
    const child = Number(execFileSync(process.execPath, ['-e', 'console.log(Date.now())'], {
      env: { PATH: process.env.PATH ?? '', ...callerClockEnv() },
      encoding: 'utf8',
    }));
    const after = Date.now();
    // Ordering, not a tolerance: the child read its clock after `before` and before `after` on this one.
    expect(child).toBeGreaterThanOrEqual(before);
    expect(child).toBeLessThanOrEqual(after);
  });

  it('passes what defines the clock and nothing else', () => {
    const env = {
      LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/$LIB/faketime/libfaketime.so.1',
      FAKETIME: '+400d', FAKETIME_SHARED: '/sem /shm', FAKETIME_DONT_FAKE_MONOTONIC: '1', NO_FAKE_STAT: '1', DONT_FAKE_MONOTONIC: '1',
      TZ: 'Asia/Jakarta', DATABASE_URL: 'postgres://elsewhere/db', LOG_LEVEL: 'debug', HOME: '/root',
    };
    expect(callerClockEnv(env)).toEqual({
      LD_PRELOAD: '/usr/$LIB/faketime/libfaketime.so.1',
      FAKETIME: '+400d', FAKETIME_SHARED: '/sem /shm', FAKETIME_DONT_FAKE_MONOTONIC: '1', NO_FAKE_STAT: '1', DONT_FAKE_MONOTONIC: '1',
      TZ: 'Asia/Jakarta',
    });
    expect(callerClockEnv({ LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2', PATH: '/usr/bin' })).toEqual({});
  });
});
