/**
 * Secret checks (scrypt, docs/adr/0004-tokens.md) run on libuv's thread pool,
 * which file I/O and DNS lookups share: 4 threads by default. Unbounded, 32
 * wrong secrets sent at once took them all, and a legitimate client waited
 * 4 s for its token while a public query waited 1.8 s (issue 15). So one
 * process checks at most `concurrent` secrets at once, lets `queued` more wait
 * their turn, and refuses the rest at once (503, `Retry-After: 1`): a burst
 * costs its senders a retry, never the rest of the server its thread pool or
 * memory (docs/adr/0019-token-endpoint-throttle.md).
 *
 * A check marked `known` (a client that has had a token from this address
 * before: token-throttle.ts) waits in a line of its own, served first and
 * bounded on its own, so a flood from many addresses, which fills the common
 * line, does not keep integrations that were already working from their next
 * token. Only the right secret makes a pair known, so an attacker cannot join.
 */
export const SECRET_CHECKS = { concurrent: 2, queued: 16 } as const;

/** Every slot is taken and the queue is full: the token endpoint answers 503 at once. */
export class SecretChecksBusyError extends Error {
  constructor() {
    super('secret checks busy');
  }
}

export interface SecretCheckQueue {
  /** Runs the check when its turn comes; throws SecretChecksBusyError when its line is full. */
  run<T>(check: () => Promise<T>, known?: boolean): Promise<T>;
  /** Whether `run` would refuse now: asked before the work that leads to a check (reading the client), to refuse that too. */
  full(known?: boolean): boolean;
}

/** Runs checks at most `concurrent` at a time, first come first served (known first); refuses past `queued` waiting in a line. */
export function secretCheckQueue(limits: { concurrent: number; queued: number } = SECRET_CHECKS): SecretCheckQueue {
  let running = 0;
  const lines = { known: [] as (() => void)[], others: [] as (() => void)[] };
  const full = (known = false) => running >= limits.concurrent && (known ? lines.known : lines.others).length >= limits.queued;
  const run = async <T>(check: () => Promise<T>, known = false): Promise<T> => {
    if (running < limits.concurrent) {
      running++;
    } else {
      const line = known ? lines.known : lines.others;
      if (line.length >= limits.queued) throw new SecretChecksBusyError();
      await new Promise<void>((resolve) => line.push(resolve)); // a finishing check hands its slot over
    }
    try {
      return await check();
    } finally {
      const next = lines.known.shift() ?? lines.others.shift();
      if (next) next();
      else running--;
    }
  };
  return { run, full };
}
