import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../sdk/src/index';
import { data, ENDPOINT, graphqlError, json, mockFetch, tokenReply } from './mock-fetch';

/** OAuth client credentials: one token shared, renewed before it expires and after a 401, once. */

const VIEWER = '{ viewer { clientId } }';
const credentials = { url: ENDPOINT, clientId: 'demo-portal-3273', clientSecret: 'demo-portal-3273-secret' };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('acting for an officer (RFC 8693 token exchange)', () => {
  it('actAs(officer) asks the token endpoint with the token-exchange grant and the officer as subject token; the client itself keeps its own token', async () => {
    const mock = mockFetch({ token: tokenReply(), graphql: () => data({ viewer: { clientId: 'demo-portal-3273' } }) });
    const aduan = createClient({ ...credentials, fetch: mock.fetch });
    const officer = aduan.actAs({ id: 'ayu.portal', name: 'Ayu Lestari' });
    await officer.request(VIEWER);
    await aduan.request(VIEWER);
    expect(mock.tokenCalls().map((c) => c.body)).toEqual([
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', client_id: 'demo-portal-3273', client_secret: 'demo-portal-3273-secret',
        subject_token: Buffer.from(JSON.stringify({ sub: 'ayu.portal', name: 'Ayu Lestari' })).toString('base64url'),
        subject_token_type: 'urn:aduan:params:oauth:token-type:officer',
      },
      { grant_type: 'client_credentials', client_id: 'demo-portal-3273', client_secret: 'demo-portal-3273-secret' },
    ]);
    expect(mock.graphqlCalls().map((c) => c.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('an officer needs client credentials', () => {
    expect(() => createClient({ url: ENDPOINT, token: 't', officer: { id: 'a', name: 'A' } })).toThrow(TypeError);
  });
});

describe('client credentials', () => {
  it('asks POST /oauth/token once (form-encoded, RFC 6749 §4.4) for concurrent requests and sends the token as a bearer', async () => {
    const mock = mockFetch({ token: tokenReply(), graphql: () => data({ viewer: { clientId: 'demo-portal-3273' } }) });
    const aduan = createClient({ ...credentials, fetch: mock.fetch });
    await Promise.all([aduan.request(VIEWER), aduan.request(VIEWER), aduan.viewer()]);
    expect(mock.tokenCalls()).toHaveLength(1);
    expect(mock.tokenCalls()[0]).toMatchObject({
      url: 'https://aduan.test/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: { grant_type: 'client_credentials', client_id: 'demo-portal-3273', client_secret: 'demo-portal-3273-secret' },
    });
    expect(mock.graphqlCalls().map((c) => c.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-1']);
  });

  it('keeps the token until 60 s before it expires, then gets a new one before sending', async () => {
    const mock = mockFetch({ token: tokenReply(900), graphql: () => data({ viewer: { clientId: 'x' } }) });
    const aduan = createClient({ ...credentials, fetch: mock.fetch });
    await aduan.request(VIEWER);
    vi.setSystemTime(Date.now() + 839_000); // 61 s left
    await aduan.request(VIEWER);
    vi.setSystemTime(Date.now() + 2_000); // 59 s left
    await aduan.request(VIEWER);
    expect(mock.graphqlCalls().map((c) => c.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
    expect(mock.tokenCalls()).toHaveLength(2);
  });

  it('a short-lived token is renewed at half its life', async () => {
    const mock = mockFetch({ token: tokenReply(60), graphql: () => data({ viewer: { clientId: 'x' } }) });
    const aduan = createClient({ ...credentials, fetch: mock.fetch });
    await aduan.request(VIEWER);
    vi.setSystemTime(Date.now() + 29_000);
    await aduan.request(VIEWER);
    vi.setSystemTime(Date.now() + 2_000);
    await aduan.request(VIEWER);
    expect(mock.graphqlCalls().map((c) => c.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('a 401 (token revoked or signing key rotated): a new token and one more attempt', async () => {
    const mock = mockFetch({
      token: tokenReply(),
      graphql: (call) => (call.headers.authorization === 'Bearer token-1' ? graphqlError('UNAUTHENTICATED', 'token revoked; get a new token from POST /oauth/token', 401) : data({ viewer: { clientId: 'x' } })),
    });
    expect(await createClient({ ...credentials, fetch: mock.fetch }).request(VIEWER)).toEqual({ viewer: { clientId: 'x' } });
    expect(mock.graphqlCalls().map((c) => c.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('… only once: a second 401 is the error', async () => {
    const mock = mockFetch({ token: tokenReply(), graphql: () => graphqlError('UNAUTHENTICATED', 'client disabled', 401) });
    const error = await createClient({ ...credentials, fetch: mock.fetch }).request(VIEWER).catch((e) => e);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, attempts: 2 });
    expect(mock.tokenCalls()).toHaveLength(2);
    expect(mock.graphqlCalls()).toHaveLength(2);
  });

  it('a refused credential (400 invalid_client) is UNAUTHENTICATED at once, with the OAuth error, and nothing is sent to /graphql', async () => {
    const mock = mockFetch({ token: () => json({ error: 'invalid_client', error_description: 'unknown client, wrong secret, or disabled client' }, 400, { 'x-request-id': 'tok-1' }) });
    const error = await createClient({ ...credentials, fetch: mock.fetch }).viewer().catch((e) => e);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 400, requestId: 'tok-1', errors: [{ extensions: { code: 'UNAUTHENTICATED', oauthError: 'invalid_client' } }] });
    expect(error.message).toBe('[UNAUTHENTICATED] The token endpoint refused client demo-portal-3273: invalid_client (unknown client, wrong secret, or disabled client). (POST /oauth/token; HTTP 400; request id tok-1)');
    expect(mock.tokenCalls()).toHaveLength(1);
    expect(mock.graphqlCalls()).toHaveLength(0);
  });

  it('the token endpoint is retried like any request (503, then a token)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const mock = mockFetch({ token: (c, i) => (i === 0 ? new Response('', { status: 503 }) : tokenReply()(c, 0)), graphql: () => data({ viewer: { clientId: 'x' } }) });
    const outcome = createClient({ ...credentials, fetch: mock.fetch }).request(VIEWER);
    await vi.runAllTimersAsync();
    expect(await outcome).toEqual({ viewer: { clientId: 'x' } });
    expect(mock.tokenCalls()).toHaveLength(2);
    vi.restoreAllMocks();
  });

  it('refused for too many failed attempts (429 temporarily_unavailable): RATE_LIMITED with the Retry-After, never UNAUTHENTICATED', async () => {
    const refused = () => json({ error: 'temporarily_unavailable', error_description: 'too many failed attempts from this address; retry in 45 seconds' }, 429, { 'retry-after': '45', 'x-request-id': 'tok-2' });
    const mock = mockFetch({ token: refused });
    const error = await createClient({ ...credentials, fetch: mock.fetch, retry: { maxRetryAfterMs: 10_000 } }).viewer().catch((e) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 45, requestId: 'tok-2', attempts: 1 });
    expect(error.message).toMatch(/too many failed attempts/);
    expect(mock.graphqlCalls()).toHaveLength(0);
  });

  it('a busy token endpoint (503 temporarily_unavailable) is retried after its Retry-After, then SERVICE_UNAVAILABLE if it stays busy', async () => {
    const busy = () => json({ error: 'temporarily_unavailable', error_description: 'the token service is busy; retry in 1 second' }, 503, { 'retry-after': '1' });
    const mock = mockFetch({ token: busy });
    const outcome = createClient({ ...credentials, fetch: mock.fetch }).viewer().catch((e) => e);
    await vi.runAllTimersAsync();
    expect(await outcome).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503, retryAfterSeconds: 1, attempts: 4 });
    expect(mock.tokenCalls().map((c) => c.at - mock.tokenCalls()[0].at)).toEqual([0, 1000, 2000, 3000]);
  });

  it('a failed token request is not cached: the next call asks again', async () => {
    const mock = mockFetch({ token: (c, i) => (i === 0 ? json({ error: 'invalid_client' }, 400) : tokenReply()(c, 0)), graphql: () => data({ viewer: { clientId: 'x' } }) });
    const aduan = createClient({ ...credentials, fetch: mock.fetch });
    await expect(aduan.request(VIEWER)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await aduan.request(VIEWER)).toEqual({ viewer: { clientId: 'x' } });
  });
});

describe('a token you manage', () => {
  it('a function is asked before each request, and again after a 401', async () => {
    let n = 0;
    const token = vi.fn(async () => `mine-${++n}`);
    const mock = mockFetch({ graphql: (call) => (call.headers.authorization === 'Bearer mine-1' ? graphqlError('UNAUTHENTICATED', 'expired', 401) : data({ viewer: { clientId: 'x' } })) });
    await createClient({ url: ENDPOINT, token, fetch: mock.fetch }).request(VIEWER);
    expect(mock.graphqlCalls().map((c) => c.headers.authorization)).toEqual(['Bearer mine-1', 'Bearer mine-2']);
    expect(mock.tokenCalls()).toHaveLength(0);
  });
});
