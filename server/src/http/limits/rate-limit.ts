import { GraphQLError } from 'graphql';
import { wordsError } from '../../graphql/errors';
import { words } from '../../words';
import { Redis } from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /**
   * One request (or `cost` tokens) from an authenticated API client, against its own budget a minute when an
   * administrator set one (`perMinute`, api_clients.requests_per_minute), else the default.
   */
  consumeClient(clientId: string, cost?: number, perMinute?: number | null): Promise<RateDecision>;
  /** One call (or `cost` calls, e.g. aliases) of a public operation from an IP address. */
  consumePublic(ip: string, operation: string, cost?: number): Promise<RateDecision>;
  /** A budget of failures a minute per key, kept with the others (in Redis when configured): auth/token-throttle.ts. */
  failureBudget(name: string, perMinute: number): FailureBudget;
  close(): Promise<void>;
}

/**
 * Failures (wrong secrets) counted per key in the same fixed windows as the
 * budgets. Unlike a budget, checking spends nothing: only a failure counts, so
 * a caller that succeeds is never slowed however often it comes.
 */
export interface FailureBudget {
  /** Refused, with the wait until the window ends, once `perMinute` failures were counted in it. */
  check(key: string): Promise<RateDecision>;
  fail(key: string): Promise<void>;
  /** Forgets the key's failures. */
  clear(key: string): Promise<void>;
}

export interface RateLimiterOptions {
  /** Shared buckets in Redis; without it each process keeps its own. */
  redisUrl?: string;
  clientPerMinute?: number;
  /** Per IP address and per public operation. */
  publicPerMinute?: number;
  keyPrefix?: string;
  /** Told about Redis connection errors; the limiter carries on in memory meanwhile. */
  onRedisError?: (error: Error) => void;
}

export const RATE_LIMITS = {
  /** 10 a second on average: ample for an integration working through its queue; one runaway client cannot starve the rest. */
  clientPerMinute: 600,
  /**
   * The bounds of a budget an administrator sets for one client (setApiClientRateLimit; a CHECK on
   * api_clients.requests_per_minute): from a sixth of a request a second up to 1,000 a second, beyond which a
   * client needs its own capacity planned, not a number changed.
   */
  clientPerMinuteMin: 10,
  clientPerMinuteMax: 60_000,
  /** A citizen checks a code a few times; at 30 a minute, guessing codes with ≥ 40 random bits is hopeless. */
  publicPerMinute: 30,
} as const;

const WINDOW_SECONDS = 60;
/** The client bucket's own ceiling: never reached, since each client's budget is applied in consume(). */
const UNREACHABLE_POINTS = 1_000_000_000;
/** Longer than a healthy Redis ever takes; past it, the request is counted in memory instead. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
const REDIS_CONNECT_TIMEOUT_MS = 2000;

/**
 * Token buckets, one per API client and one per (IP, public operation). Each
 * holds a minute's budget and is refilled at the end of its minute:
 * rate-limiter-flexible counts in fixed windows, which is what it can do
 * atomically in Redis. So a client may spend its whole budget in a burst (and,
 * across the edge of a window, up to twice it), but never more than the budget
 * per minute on average.
 *
 * With `redisUrl`, the buckets live in Redis and all server processes share
 * them. If Redis is down or slow, each process falls back to its own buckets
 * in memory (the `insuranceLimiter`) and goes back to Redis once it is there
 * again: an outage of Redis loosens the limits, it never takes the API down.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const keyPrefix = options.keyPrefix ?? 'aduan:rate';
  const redis = options.redisUrl ? connectRedis(options.redisUrl, options.onRedisError) : undefined;

  function bucket(name: string, points: number): RateLimiterAbstract {
    const settings = { keyPrefix: `${keyPrefix}:${name}`, points, duration: WINDOW_SECONDS };
    if (!redis) return new RateLimiterMemory(settings);
    return new RateLimiterRedis({
      ...settings,
      storeClient: redis.client,
      // Not connected: straight to memory rather than queueing the request behind a reconnection.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(settings),
    });
  }

  const defaultClientBudget = options.clientPerMinute ?? RATE_LIMITS.clientPerMinute;
  // One bucket for every client whatever its budget: the limiter only counts (its own ceiling is never reached), and
  // each request is weighed against its client's budget here. So a changed budget needs no new bucket, keeps the
  // minute's count, and the count stays one key in Redis that every process shares (docs/adr/0023-offices-and-client-budgets.md).
  const clients = bucket('client', Math.max(UNREACHABLE_POINTS, defaultClientBudget));
  const publicOperations = bucket('public', options.publicPerMinute ?? RATE_LIMITS.publicPerMinute);

  async function consume(limiter: RateLimiterAbstract, key: string, cost: number, budget?: number): Promise<RateDecision> {
    await redis?.firstConnection;
    try {
      const result = await limiter.consume(key, Math.max(1, Math.ceil(cost)));
      if (budget === undefined) return { allowed: true, remaining: result.remainingPoints };
      if (result.consumedPoints <= budget) return { allowed: true, remaining: budget - result.consumedPoints };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  }

  function failureBudget(name: string, perMinute: number): FailureBudget {
    const failures = bucket(name, perMinute);
    return {
      async check(key) {
        await redis?.firstConnection;
        const counted = await failures.get(key);
        if (!counted || counted.consumedPoints < perMinute) return { allowed: true, remaining: perMinute - (counted?.consumedPoints ?? 0) };
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(counted.msBeforeNext / 1000)) };
      },
      async fail(key) {
        await redis?.firstConnection;
        await failures.penalty(key, 1); // counts without refusing: check() decides
      },
      async clear(key) {
        await redis?.firstConnection;
        await failures.delete(key);
      },
    };
  }

  return {
    consumeClient: (clientId, cost = 1, perMinute) => consume(clients, clientId, cost, perMinute ?? defaultClientBudget),
    consumePublic: (ip, operation, cost = 1) => consume(publicOperations, `${operation}:${ip}`, cost),
    failureBudget,
    async close() {
      if (!redis) return;
      if (redis.client.status === 'ready') await redis.client.quit();
      else redis.client.disconnect();
    },
  };
}

function connectRedis(url: string, onError: (error: Error) => void = () => {}) {
  const client = new Redis(url, {
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
  });
  // Without a listener ioredis prints every reconnection failure to stderr.
  client.on('error', onError);
  // At start-up, wait for the first connection attempt rather than count the
  // first requests in memory, where other processes cannot see them.
  const firstConnection = new Promise<void>((resolve) => {
    client.once('ready', resolve);
    client.once('error', () => resolve());
  });
  return { client, firstConnection };
}

/** RATE_LIMITED with HTTP 429 and `Retry-After`; Apollo moves `extensions.http` onto the HTTP response. */
export function rateLimitedError(retryAfterSeconds: number): GraphQLError {
  return wordsError(words('request.rateLimited', { retryAfterSeconds }), {
    code: 'RATE_LIMITED',
    http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
  });
}
