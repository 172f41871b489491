/**
 * When a failed delivery is tried again: the wait after each failed attempt,
 * roughly exponential and capped at 10 hours, so a receiver that is down
 * for a day still gets every event when it comes back (Svix's schedule,
 * Stripe's "up to three days" in spirit). Eight attempts:
 *
 *   attempt   1 at once, when the change commits
 *   attempt   2 after 10 s        (10 s after the change)
 *   attempt   3 after 5 min       (≈ 5 min)
 *   attempt   4 after 30 min      (≈ 35 min)
 *   attempt   5 after 2 h         (≈ 2 h 35 min)
 *   attempt   6 after 5 h         (≈ 7 h 35 min)
 *   attempt   7 after 10 h        (≈ 17 h 35 min)
 *   attempt   8 after 10 h        (≈ 27 h 35 min), then FAILED
 *
 * Each wait is spread by ±10 % (jitter), so the retries of many deliveries to
 * an endpoint that failed at one moment do not all arrive at the next one
 * together. The shortest possible span is 0.9 × 27 h 35 min ≈ 24 h 49 min:
 * more than a day, whatever the jitter.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  10_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

export const JITTER = 0.1;

/** Attempts of a delivery: the first, and one after each wait. */
export const ATTEMPTS_PER_DELIVERY = RETRY_DELAYS_MS.length + 1;

/**
 * The wait before the next attempt, given how many attempts are left after
 * the one that just failed (a redelivery's series restarts the schedule).
 * `random` is in [0, 1).
 */
export function retryDelayMs(attemptsLeft: number, random: number): number {
  const index = Math.min(Math.max(RETRY_DELAYS_MS.length - attemptsLeft, 0), RETRY_DELAYS_MS.length - 1);
  return Math.round(RETRY_DELAYS_MS[index] * (1 - JITTER + 2 * JITTER * random));
}

/** An endpoint failing every attempt for this long, when a delivery has exhausted its schedule, is disabled. */
export const DISABLE_AFTER_FAILING_MS = 24 * 3_600_000;
