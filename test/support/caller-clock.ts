/**
 * What defines this process's clock, for a child process a test starts with an
 * environment of its own: under Debian's `faketime` (CI runs the suite with the
 * clock moved a year ahead) the shift lives in LD_PRELOAD (libfaketime) and the
 * FAKETIME* variables, and the test process and PostgreSQL both run on it; a
 * server or tool started without them runs on the real clock, and everything
 * the test compares between them (a signed webhook's time, a row's created_at,
 * a token's expiry) is a year apart. TZ is passed for the same reason: the
 * child's local time is the caller's.
 *
 * Nothing else is passed on purpose: a child's environment stays what the test
 * gives it, so a variable set in the developer's shell (DATABASE_URL,
 * LOG_LEVEL, …) cannot change what the test sees. Outside faketime this is at
 * most TZ.
 */
export function callerClockEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const clock: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    // libfaketime's settings (FAKETIME, FAKETIME_SHARED, FAKETIME_DONT_FAKE_MONOTONIC, …) and its two older names.
    if (name === 'TZ' || name.startsWith('FAKETIME') || name === 'NO_FAKE_STAT' || name === 'DONT_FAKE_MONOTONIC') clock[name] = value;
  }
  // Only libfaketime from LD_PRELOAD (entries are separated by spaces or colons): any other preloaded library is not the clock.
  const faketime = (env.LD_PRELOAD ?? '').split(/[\s:]+/).filter((entry) => /libfaketime/.test(entry));
  if (faketime.length > 0) clock.LD_PRELOAD = faketime.join(':');
  return clock;
}
