import { vi } from 'vitest';

/** One request the SDK made, as the mocked fetch saw it. */
export interface Call {
  url: string;
  path: string;
  headers: Record<string, string>;
  /** JSON or form body, parsed. */
  body: any;
  /** Date.now() when it was sent (the fake clock in timer tests). */
  at: number;
  signal: AbortSignal | undefined;
}

/** What a route answers: a Response, an Error to reject with, or 'hang' (never answers; honours the abort signal). */
export type Reply = Response | Error | 'hang';
export type Handler = (call: Call, index: number) => Reply | Promise<Reply>;

/**
 * A fetch that answers `/oauth/token` and `/graphql` from handlers and records
 * every call (`index` counts the calls to that route).
 */
export function mockFetch(routes: { graphql?: Handler; token?: Handler }) {
  const calls: Call[] = [];
  const counts = { graphql: 0, token: 0 };
  const fetch = vi.fn(async (url: string, init: RequestInit): Promise<Response> => {
    const path = new URL(url).pathname;
    const text = String(init.body ?? '');
    const headers = Object.fromEntries(Object.entries(init.headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
    const call: Call = { url, path, headers, body, at: Date.now(), signal: init.signal ?? undefined };
    calls.push(call);
    const route = path.endsWith('/oauth/token') ? 'token' : 'graphql';
    const handler = routes[route] ?? (route === 'token' ? tokenReply() : () => data({}));
    const reply = await handler(call, counts[route]++);
    if (reply === 'hang') {
      return new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')));
      });
    }
    if (reply instanceof Error) throw reply;
    return reply;
  });
  return {
    fetch,
    calls,
    graphqlCalls: () => calls.filter((c) => c.path.endsWith('/graphql')),
    tokenCalls: () => calls.filter((c) => c.path.endsWith('/oauth/token')),
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function data(value: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return json({ data: value }, 200, headers);
}

/** A GraphQL error response as the Aduan server sends it. */
export function graphqlError(code: string, message: string, status = 200, options: { data?: unknown; headers?: Record<string, string>; requestId?: string } = {}): Response {
  const requestId = options.requestId ?? 'req-1';
  return json(
    { errors: [{ message, extensions: { code, requestId } }], ...(options.data !== undefined ? { data: options.data } : {}) },
    status,
    { 'x-request-id': requestId, ...options.headers },
  );
}

/** The token endpoint: token-1, token-2 … each valid for `expiresIn` seconds. */
export function tokenReply(expiresIn = 900): Handler {
  return (_call, index) => json({ access_token: `token-${index + 1}`, token_type: 'Bearer', expires_in: expiresIn });
}

/** What Node's fetch rejects with when nothing listens on the port. */
export function connectionRefused(): Error {
  return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4000'), { code: 'ECONNREFUSED' }) });
}

/** What fetch rejects with when a connection breaks mid-request (the server may have run it). */
export function connectionReset(): Error {
  return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
}

export const ENDPOINT = 'https://aduan.test/graphql';
