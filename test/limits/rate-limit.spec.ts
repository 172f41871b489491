import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../server/src/http/limits/rate-limit';
import { rateLimitPlugin } from '../../server/src/http/limits/rate-limit.plugin';
import { TestContext, useLimitsServer } from './limits-server';


const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TRACK = 'query Track($code: String!) { trackComplaint(trackingCode: $code) { status } }';

describe('rate limits over HTTP', () => {
  const limiter = createRateLimiter({ clientPerMinute: 5, publicPerMinute: 3 });
  const server = useLimitsServer(() => [
    rateLimitPlugin(limiter, { publicOperations: ['trackComplaint'], ipOf: (ctx) => (ctx as TestContext).ip }),
  ]);
  afterAll(() => limiter.close());

  it('lets a client make its budget of requests, then answers 429 RATE_LIMITED with Retry-After', async () => {
    for (let i = 0; i < 5; i++) {
      const { status } = await server.gql('{ programs }', {}, { client: 'bank-a' });
      expect(status).toBe(200);
    }
    const refused = await server.gql('{ programs }', {}, { client: 'bank-a' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED' });
    expect(refused.body.errors[0].message).toMatch(/^Too many requests\. Try again in \d+ seconds?\.$/);

    const otherClient = await server.gql('{ programs }', {}, { client: 'bank-b' });
    expect(otherClient.status).toBe(200);
  });

  it('limits a public operation per IP address, counting each alias as a call', async () => {
    const ip = '203.0.113.7';
    expect((await server.gql(TRACK, { code: 'ADU-AAAA-AAAA' }, { ip })).status).toBe(200);
    const twoCalls = await server.gql(
      '{ a: trackComplaint(trackingCode: "ADU-AAAA-AAAB") { status } b: trackComplaint(trackingCode: "ADU-AAAA-AAAC") { status } }',
      {},
      { ip },
    );
    expect(twoCalls.status).toBe(200);

    const refused = await server.gql(TRACK, { code: 'ADU-AAAA-AAAD' }, { ip });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');

    // Another address has its own bucket; public operations not listed are not limited per IP.
    expect((await server.gql(TRACK, { code: 'ADU-AAAA-AAAA' }, { ip: '203.0.113.8' })).status).toBe(200);
    expect((await server.gql('{ programs }', {}, { ip })).status).toBe(200);
  });

  it('finds a public operation spread through a fragment', async () => {
    const ip = '203.0.113.9';
    const query = 'query Q { ...Track } fragment Track on Query { trackComplaint(trackingCode: "ADU-AAAA-AAAA") { status } }';
    for (let i = 0; i < 3; i++) expect((await server.gql(query, {}, { ip })).status).toBe(200);
    expect((await server.gql(query, {}, { ip })).status).toBe(429);
  });
});

describe('rate limits in Redis', () => {
  const keyPrefix = `aduan-test:${randomBytes(4).toString('hex')}`;
  const redis = new Redis(REDIS_URL);
  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('shares the buckets between limiters, as between server processes', async () => {
    const one = createRateLimiter({ redisUrl: REDIS_URL, keyPrefix, clientPerMinute: 3, publicPerMinute: 2 });
    const two = createRateLimiter({ redisUrl: REDIS_URL, keyPrefix, clientPerMinute: 3, publicPerMinute: 2 });
    try {
      expect(await one.consumeClient('demo-bank-bri')).toEqual({ allowed: true, remaining: 2 });
      expect(await two.consumeClient('demo-bank-bri')).toEqual({ allowed: true, remaining: 1 });
      expect(await one.consumeClient('demo-bank-bri')).toEqual({ allowed: true, remaining: 0 });
      const refused = await two.consumeClient('demo-bank-bri');
      expect(refused.allowed).toBe(false);
      expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);

      expect(await one.consumePublic('198.51.100.1', 'trackComplaint')).toMatchObject({ allowed: true });
      expect(await two.consumePublic('198.51.100.1', 'trackComplaint')).toMatchObject({ allowed: true });
      expect(await one.consumePublic('198.51.100.1', 'trackComplaint')).toMatchObject({ allowed: false });

      // The counts are in Redis, not in either process.
      expect(await redis.get(`${keyPrefix}:client:demo-bank-bri`)).toBe('4');
      expect(await redis.get(`${keyPrefix}:public:trackComplaint:198.51.100.1`)).toBe('3');
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('weighs each request against its client’s own budget, raised or lowered, counted once across processes', async () => {
    const one = createRateLimiter({ redisUrl: REDIS_URL, keyPrefix, clientPerMinute: 3 });
    const two = createRateLimiter({ redisUrl: REDIS_URL, keyPrefix, clientPerMinute: 3 });
    try {
      const spend = async (clientId: string, times: number, perMinute: number | null) => {
        const decisions = [];
        for (let i = 0; i < times; i++) decisions.push(await (i % 2 === 0 ? one : two).consumeClient(clientId, 1, perMinute));
        return decisions.map((d) => d.allowed);
      };
      expect(await spend('national-whatsapp', 6, 5)).toEqual([true, true, true, true, true, false]); // raised: past the default of 3
      expect(await spend('district-portal', 4, null)).toEqual([true, true, true, false]); // the default
      expect(await spend('quiet-portal', 3, 2)).toEqual([true, true, false]); // lowered
      expect(await one.consumeClient('national-whatsapp', 1, 5)).toMatchObject({ allowed: false, retryAfterSeconds: expect.any(Number) });
      // A budget raised within the minute counts what the minute has spent already: one key, whatever the budget.
      expect(await two.consumeClient('quiet-portal', 1, 10)).toEqual({ allowed: true, remaining: 6 });
      expect(await redis.get(`${keyPrefix}:client:quiet-portal`)).toBe('4');
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('falls back to memory when Redis cannot be reached', async () => {
    const errors: Error[] = [];
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const limiter = createRateLimiter({ redisUrl: 'redis://127.0.0.1:1', keyPrefix, clientPerMinute: 2, onRedisError: (e) => errors.push(e) });
    try {
      expect(await limiter.consumeClient('demo-ministry')).toEqual({ allowed: true, remaining: 1 });
      expect(await limiter.consumeClient('demo-ministry')).toEqual({ allowed: true, remaining: 0 });
      expect(await limiter.consumeClient('demo-ministry')).toMatchObject({ allowed: false });
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await limiter.close();
    }
  });
});
