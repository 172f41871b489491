import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AduanError, createClient } from '../../sdk/src/index';
import { connectionRefused, connectionReset, data, ENDPOINT, graphqlError, json, mockFetch } from './mock-fetch';

/**
 * Retries, backoff, Retry-After, timeouts and aborts, on a fake clock.
 * Math.random is pinned at 0.5, so each wait is half its ceiling: the ceilings
 * are 300, 600, 1200 ms … (full jitter draws a wait between 0 and the ceiling).
 */

const PROGRAMS = '{ programs { code } }';
const RESOLVE = 'mutation Resolve($input: ResolveComplaintInput!) { resolveComplaint(input: $input) { userErrors { code } } }';
const resolveInput = { input: { complaintId: 'Q29tcGxhaW50OjE', version: 3, decision: 'UPHELD', publicResponse: 'Selesai.' } };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Runs a call to the end on the fake clock; answers its value or its error. */
async function settle<T>(promise: Promise<T>): Promise<T | AduanError> {
  const outcome = promise.catch((error: AduanError) => error);
  await vi.runAllTimersAsync();
  return outcome;
}

const gaps = (calls: { at: number }[]) => calls.slice(1).map((c, i) => Math.round(c.at - calls[i].at));

describe('retries with exponential backoff and full jitter', () => {
  it('502, 503, 504 and then success: ceilings of 300, 600, 1200 ms', async () => {
    const statuses = [502, 503, 504];
    const mock = mockFetch({ graphql: (_c, i) => (i < 3 ? new Response('upstream down', { status: statuses[i] }) : data({ programs: [] })) });
    const result = await settle(createClient({ url: ENDPOINT, fetch: mock.fetch }).request(PROGRAMS));
    expect(result).toEqual({ programs: [] });
    expect(gaps(mock.calls)).toEqual([150, 300, 600]);
  });

  it('full jitter: each wait is random() × the ceiling', async () => {
    vi.mocked(Math.random).mockReturnValue(0.25);
    const mock = mockFetch({ graphql: (_c, i) => (i < 2 ? new Response('', { status: 503 }) : data({ programs: [] })) });
    await settle(createClient({ url: ENDPOINT, fetch: mock.fetch, retry: { baseDelayMs: 1000 } }).request(PROGRAMS));
    expect(gaps(mock.calls)).toEqual([250, 500]);
  });

  it('the ceiling stops growing at maxDelayMs', async () => {
    const mock = mockFetch({ graphql: () => new Response('', { status: 503 }) });
    await settle(createClient({ url: ENDPOINT, fetch: mock.fetch, retry: { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 3000 } }).request(PROGRAMS));
    expect(gaps(mock.calls)).toEqual([500, 1000, 1500, 1500, 1500]);
  });

  it('gives up after maxAttempts (4 by default) with the last answer', async () => {
    const mock = mockFetch({ graphql: () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'x-request-id': 'gw-9' } }) });
    const error = await settle(createClient({ url: ENDPOINT, fetch: mock.fetch }).request(PROGRAMS));
    expect(mock.calls).toHaveLength(4);
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 502, attempts: 4, requestId: 'gw-9' });
    expect((error as Error).message).toBe('[HTTP_ERROR] The server answered HTTP 502 without a GraphQL result. (HTTP 502; request id gw-9; 4 attempts)');
  });

  it('network errors are retried, and the last one reported as NETWORK_ERROR', async () => {
    const mock = mockFetch({ graphql: () => connectionReset() });
    const error = await settle(createClient({ url: ENDPOINT, fetch: mock.fetch, retry: { maxAttempts: 3 } }).request(PROGRAMS));
    expect(mock.calls).toHaveLength(3);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: undefined, attempts: 3 });
    expect((error as Error).message).toBe('[NETWORK_ERROR] Could not reach https://aduan.test: other side closed. (3 attempts)');
  });

  it('retry: false sends once', async () => {
    const mock = mockFetch({ graphql: () => new Response('', { status: 503 }) });
    await settle(createClient({ url: ENDPOINT, fetch: mock.fetch, retry: false }).request(PROGRAMS));
    expect(mock.calls).toHaveLength(1);
  });
});

describe('429 and Retry-After', () => {
  it('waits the Retry-After seconds, not the backoff', async () => {
    const mock = mockFetch({ graphql: (_c, i) => (i === 0 ? graphqlError('RATE_LIMITED', 'Too many requests. Try again in 7 seconds.', 429, { headers: { 'retry-after': '7' } }) : data({ programs: [] })) });
    expect(await settle(createClient({ url: ENDPOINT, fetch: mock.fetch }).request(PROGRAMS))).toEqual({ programs: [] });
    expect(gaps(mock.calls)).toEqual([7000]);
  });

  it('a Retry-After as an HTTP date is honoured too', async () => {
    const mock = mockFetch({ graphql: (_c, i) => (i === 0 ? new Response('', { status: 429, headers: { 'retry-after': new Date(Date.now() + 5000).toUTCString() } }) : data({ programs: [] })) });
    await settle(createClient({ url: ENDPOINT, fetch: mock.fetch }).request(PROGRAMS));
    expect(gaps(mock.calls)[0]).toBeGreaterThan(4000);
    expect(gaps(mock.calls)[0]).toBeLessThanOrEqual(5000);
  });

  it('a Retry-After beyond maxRetryAfterMs fails at once with RATE_LIMITED and the wait asked for', async () => {
    const mock = mockFetch({ graphql: () => graphqlError('RATE_LIMITED', 'Too many requests. Try again in 120 seconds.', 429, { headers: { 'retry-after': '120' } }) });
    const error = await settle(createClient({ url: ENDPOINT, fetch: mock.fetch }).request(PROGRAMS));
    expect(mock.calls).toHaveLength(1);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 120, attempts: 1 });
  });
});

describe('never retried: validation, permission and other answers retrying cannot change', () => {
  it.each([
    ['BAD_USER_INPUT', 200],
    ['GRAPHQL_VALIDATION_FAILED', 400],
    ['GRAPHQL_PARSE_FAILED', 400],
    ['QUERY_TOO_COMPLEX', 400],
    ['FORBIDDEN', 200],
    ['PAYLOAD_TOO_LARGE', 413],
    ['INTERNAL_SERVER_ERROR', 500],
  ])('%s (HTTP %i): one attempt, the server’s code', async (code, status) => {
    const mock = mockFetch({ graphql: () => graphqlError(code, `refused: ${code}`, status) });
    const error = await settle(createClient({ url: ENDPOINT, fetch: mock.fetch }).request(PROGRAMS));
    expect(mock.calls).toHaveLength(1);
    expect(error).toMatchObject({ code, status, attempts: 1 });
  });

  it('UNAUTHENTICATED with a token that cannot be renewed (a fixed string): one attempt', async () => {
    const mock = mockFetch({ graphql: () => graphqlError('UNAUTHENTICATED', 'token expired; get a new token from POST /oauth/token', 401) });
    const error = await settle(createClient({ url: ENDPOINT, token: 'fixed', fetch: mock.fetch }).request(PROGRAMS));
    expect(mock.calls).toHaveLength(1);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });
});

describe('a mutation without an idempotency key is sent again only when the server certainly did not run it', () => {
  it('502, 504, a timeout or a broken connection: not sent again (it may have run; a repeat would answer STALE_VERSION)', async () => {
    for (const reply of [new Response('', { status: 502 }), new Response('', { status: 504 }), connectionReset()]) {
      const mock = mockFetch({ graphql: () => reply });
      const error = await settle(createClient({ url: ENDPOINT, fetch: mock.fetch }).request(RESOLVE, resolveInput));
      expect(error).toBeInstanceOf(AduanError);
      expect(mock.calls).toHaveLength(1);
    }
  });

  it('429, 503 and a refused connection: sent again', async () => {
    for (const first of [graphqlError('RATE_LIMITED', 'Too many requests.', 429, { headers: { 'retry-after': '1' } }), new Response('', { status: 503 }), connectionRefused()]) {
      const mock = mockFetch({ graphql: (_c, i) => (i === 0 ? first : data({ resolveComplaint: { userErrors: [] } })) });
      expect(await settle(createClient({ url: ENDPOINT, fetch: mock.fetch }).request(RESOLVE, resolveInput))).toEqual({ resolveComplaint: { userErrors: [] } });
      expect(mock.calls).toHaveLength(2);
    }
  });
});

describe('timeouts and AbortSignal', () => {
  it('an attempt with no answer within timeoutMs is a TIMEOUT, retried for a query', async () => {
    const mock = mockFetch({ graphql: (_c, i) => (i < 2 ? 'hang' : data({ programs: [] })) });
    expect(await settle(createClient({ url: ENDPOINT, fetch: mock.fetch, timeoutMs: 5000 }).request(PROGRAMS))).toEqual({ programs: [] });
    expect(gaps(mock.calls)).toEqual([5150, 5300]);
  });

  it('the last TIMEOUT is the error; per-call timeoutMs overrides the client’s', async () => {
    const mock = mockFetch({ graphql: () => 'hang' });
    const error = await settle(createClient({ url: ENDPOINT, fetch: mock.fetch, retry: { maxAttempts: 2 } }).request(PROGRAMS, undefined, { timeoutMs: 2000 }));
    expect(error).toMatchObject({ code: 'TIMEOUT', attempts: 2 });
    expect((error as Error).message).toBe('[TIMEOUT] No answer from https://aduan.test within 2000 ms. (2 attempts)');
  });

  it('the caller’s signal cancels the request in flight: ABORTED, not retried', async () => {
    const mock = mockFetch({ graphql: () => 'hang' });
    const controller = new AbortController();
    const outcome = createClient({ url: ENDPOINT, fetch: mock.fetch }).request(PROGRAMS, undefined, { signal: controller.signal }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const error = await outcome;
    expect(error).toMatchObject({ code: 'ABORTED', attempts: 1 });
    expect(mock.calls).toHaveLength(1);
  });

  it('… and the wait before a retry: no further attempt', async () => {
    const mock = mockFetch({ graphql: () => new Response('', { status: 503 }) });
    const controller = new AbortController();
    const outcome = createClient({ url: ENDPOINT, fetch: mock.fetch, retry: { baseDelayMs: 10_000 } }).request(PROGRAMS, undefined, { signal: controller.signal }).catch((e) => e);
    await vi.advanceTimersByTimeAsync(1000);
    controller.abort(new Error('user left the page'));
    expect(await outcome).toMatchObject({ code: 'ABORTED' });
    await vi.runAllTimersAsync();
    expect(mock.calls).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const mock = mockFetch({});
    const error = await createClient({ url: ENDPOINT, fetch: mock.fetch }).request(PROGRAMS, undefined, { signal: AbortSignal.abort() }).catch((e) => e);
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect(mock.calls).toHaveLength(0);
  });
});
