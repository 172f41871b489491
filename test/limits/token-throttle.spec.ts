import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenThrottle } from '../../server/src/auth/token-throttle';
import { createRateLimiter } from '../../server/src/http/limits/rate-limit';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The token endpoint's failure budgets (auth/token-throttle.ts); over HTTP in test/security/token-endpoint.spec.ts. */
describe('token endpoint failures in Redis', () => {
  const keyPrefix = `aduan-test:${randomBytes(4).toString('hex')}`;
  const redis = new Redis(REDIS_URL);
  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('are shared between server processes: failures counted by one are refused by the other', async () => {
    const one = createRateLimiter({ redisUrl: REDIS_URL, keyPrefix });
    const two = createRateLimiter({ redisUrl: REDIS_URL, keyPrefix });
    const [a, b] = [createTokenThrottle(one, { perAddress: 4, perClientAtAddress: 2 }), createTokenThrottle(two, { perAddress: 4, perClientAtAddress: 2 })];
    try {
      await a.failed('198.51.100.1', 'demo-ministry');
      expect(await b.admit('198.51.100.1', 'demo-ministry')).toMatchObject({ allowed: true });
      await b.failed('198.51.100.1', 'demo-ministry');
      const refused = await a.admit('198.51.100.1', 'demo-ministry');
      expect(refused).toMatchObject({ allowed: false });
      expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.allowed === false && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      // Another client at that address, and that client at another address, are not refused.
      expect(await b.admit('198.51.100.1', 'demo-bank-bri')).toMatchObject({ allowed: true });
      expect(await b.admit('198.51.100.2', 'demo-ministry')).toMatchObject({ allowed: true });

      // The address's own budget: two more failures (other clients) and the address is refused for every client.
      await a.failed('198.51.100.1', 'nobody-1');
      await b.failed('198.51.100.1', 'nobody-2');
      expect(await a.admit('198.51.100.1', 'demo-bank-bri')).toMatchObject({ allowed: false });
      expect(await redis.get(`${keyPrefix}:token-failures:address:198.51.100.1`)).toBe('4');

      // A success forgets the client's failures at that address (in Redis, so for every process), not the address's.
      await b.succeeded('198.51.100.2', 'demo-ministry');
      await a.failed('198.51.100.2', 'demo-ministry');
      await a.succeeded('198.51.100.2', 'demo-ministry');
      await b.failed('198.51.100.2', 'demo-ministry');
      expect(await a.admit('198.51.100.2', 'demo-ministry')).toMatchObject({ allowed: true });
      expect(await redis.get(`${keyPrefix}:token-failures:address:198.51.100.2`)).toBe('2');
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('are counted in memory when Redis cannot be reached', async () => {
    const limiter = createRateLimiter({ redisUrl: 'redis://127.0.0.1:1', keyPrefix, onRedisError: () => undefined });
    const throttle = createTokenThrottle(limiter, { perAddress: 10, perClientAtAddress: 1 });
    try {
      expect(await throttle.admit('198.51.100.3', 'demo-ministry')).toMatchObject({ allowed: true });
      await throttle.failed('198.51.100.3', 'demo-ministry');
      expect(await throttle.admit('198.51.100.3', 'demo-ministry')).toMatchObject({ allowed: false });
    } finally {
      await limiter.close();
    }
  });
});
