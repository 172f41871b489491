import type { FailureBudget, RateDecision, RateLimiter } from '../http/limits/rate-limit';

/** Failed secret checks at POST /oauth/token allowed a minute (docs/adr/0019-token-endpoint-throttle.md). */
export const TOKEN_FAILURE_LIMITS = {
  /** From one address, whatever client ids it names: guessing, or spraying client ids, from one machine. */
  perAddress: 20,
  /** From one address for one client id: an integration's own wrong secret stops here, before it spends its address's budget. */
  perClientAtAddress: 5,
} as const;

/** Pairs (address, client id) that got a token remembered per process, for a day, at most this many (about 1 MB). */
const KNOWN_PAIRS = { max: 10_000, forMs: 24 * 3_600_000 } as const;

export interface TokenThrottle {
  /** Before a secret is checked: refused while the address, or the address for this client id, has used up its failures. */
  admit(address: string, clientId: string): Promise<RateDecision>;
  /** A wrong secret, or a client id that does not exist. */
  failed(address: string, clientId: string): Promise<void>;
  /** A correct secret: the client's failures at this address are forgotten (the address's own are not). */
  succeeded(address: string, clientId: string): Promise<void>;
  /** Whether this client got a token from this address in the last day, in this process (secret-checks.ts serves it first). */
  known(address: string, clientId: string): boolean;
}

/**
 * Throttles failures, never successes, at the token endpoint, per address and
 * per (address, client id), in the rate limiter's store (Redis when
 * REDIS_URL is set, so every process sees the same counts).
 *
 * Deliberately not per client id alone: anyone can name any client id, so a
 * global per-client count would let one attacker lock a real integration out
 * from everywhere, for as long as the attack lasts. A client's secret is 256
 * random bits (organisations/secret-hash.ts): guessing it is hopeless at any
 * rate; what the attacker can take is CPU and the thread pool, and that is
 * bounded per address here and per process by the secret-check queue
 * (secret-checks.ts). While refused, nothing is checked, so a refusal tells
 * nothing about the secret, right or wrong.
 *
 * The pairs that got a token are remembered in memory, per process: an
 * integration renewing its token (every 15 minutes) is served first when a
 * flood from many addresses fills the line of secret checks. A new
 * integration during such a flood waits like anyone (or gets 503 and retries).
 */
export function createTokenThrottle(limiter: RateLimiter, limits: { perAddress: number; perClientAtAddress: number } = TOKEN_FAILURE_LIMITS): TokenThrottle {
  const byAddress: FailureBudget = limiter.failureBudget('token-failures:address', limits.perAddress);
  const byClientAtAddress: FailureBudget = limiter.failureBudget('token-failures:client-address', limits.perClientAtAddress);
  // Client ids are the caller's text (up to 512 characters): in a key, after the address, which cannot contain a space.
  const pair = (address: string, clientId: string) => `${address} ${clientId}`;
  const knownUntil = new Map<string, number>(); // oldest first
  return {
    async admit(address, clientId) {
      const decisions = await Promise.all([byAddress.check(address), byClientAtAddress.check(pair(address, clientId))]);
      const waits = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAfterSeconds]));
      return waits.length > 0 ? { allowed: false, retryAfterSeconds: Math.max(...waits) } : decisions[0];
    },
    async failed(address, clientId) {
      await Promise.all([byAddress.fail(address), byClientAtAddress.fail(pair(address, clientId))]);
    },
    async succeeded(address, clientId) {
      const key = pair(address, clientId);
      knownUntil.delete(key);
      knownUntil.set(key, Date.now() + KNOWN_PAIRS.forMs);
      if (knownUntil.size > KNOWN_PAIRS.max) knownUntil.delete(knownUntil.keys().next().value!);
      await byClientAtAddress.clear(key);
    },
    known(address, clientId) {
      return (knownUntil.get(pair(address, clientId)) ?? 0) > Date.now();
    },
  };
}
