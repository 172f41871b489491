import { describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../server/src/http/limits/rate-limit';
import { RawAnswer, requestFrom } from './from-address';
import { ProductionServer, useProductionServer } from './production-server';

/**
 * Issue 15, finding 7: `trust proxy` was hard-coded to loopback. Behind a load
 * balancer every citizen then had the balancer's address and shared one
 * public budget; on loopback, anyone could name a new address per request in
 * X-Forwarded-For and escape the per-address limit. The trusted proxies are
 * now configuration (TRUSTED_PROXIES), none by default.
 */
const TRACK = JSON.stringify({ query: '{ trackComplaint(trackingCode: "ADU-0000-0000") { status } }' });

function track(server: ProductionServer, options: { from?: string; forwardedFor?: string } = {}): Promise<RawAnswer> {
  return requestFrom(options.from ?? '127.0.0.1', `${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}) },
    body: TRACK,
  });
}

/** A public budget's worth of calls, then one more: the statuses. */
async function spendBudget(next: (i: number) => Promise<RawAnswer>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i <= RATE_LIMITS.publicPerMinute; i++) statuses.push((await next(i)).status);
  return statuses;
}

const spent = [...Array(RATE_LIMITS.publicPerMinute).fill(200), 429];

describe('by default no proxy is trusted: the socket address is the caller', () => {
  const server = useProductionServer();

  it('a new X-Forwarded-For on every request does not escape the public per-address limit', async () => {
    expect(await spendBudget((i) => track(server, { from: '127.0.0.2', forwardedFor: `198.51.100.${i + 1}` }))).toEqual(spent);
    const refused = await track(server, { from: '127.0.0.2', forwardedFor: '203.0.113.99' });
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // Another socket address is another caller.
    expect((await track(server, { from: '127.0.0.3' })).status).toBe(200);
  });
});

describe('TRUSTED_PROXIES=127.0.0.1: the test is the load balancer', () => {
  const server = useProductionServer({ TRUSTED_PROXIES: '127.0.0.1' });

  it('two citizens behind the proxy get separate budgets', async () => {
    expect(await spendBudget(() => track(server, { forwardedFor: '203.0.113.10' }))).toEqual(spent);
    expect((await track(server, { forwardedFor: '203.0.113.20' })).status).toBe(200);
    // The proxy's own requests (no X-Forwarded-For) are its own caller's.
    expect((await track(server)).status).toBe(200);
  });

  it('an address the citizen wrote in front of the one the proxy added is not believed', async () => {
    // The proxy appends the address it saw; what the client sent before it is the client's to forge.
    const statuses = await spendBudget((i) => track(server, { forwardedFor: `198.51.100.${i + 1}, 203.0.113.30` }));
    expect(statuses).toEqual(spent);
  });

  it('an IPv6 citizen is limited by its /64: a new interface id per request does not escape', async () => {
    expect(await spendBudget((i) => track(server, { forwardedFor: `2001:db8:aa:1:${(i + 1).toString(16)}::1` }))).toEqual(spent);
    expect((await track(server, { forwardedFor: '2001:db8:aa:2::1' })).status).toBe(200); // another /64, another subscriber
  });

  it('X-Forwarded-For from an address that is not a trusted proxy is ignored', async () => {
    expect(await spendBudget((i) => track(server, { from: '127.0.0.4', forwardedFor: `198.51.100.${i + 1}` }))).toEqual(spent);
  });
});
