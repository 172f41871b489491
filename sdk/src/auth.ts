import { AduanError } from './errors.js';
import { exchange, FetchFunction, retryAfterMs, RetryPolicy } from './http.js';

/** Where a client's bearer tokens come from. */
export interface TokenSource {
  /** The token for the next request; undefined for the public role. */
  get(signal?: AbortSignal): Promise<string | undefined>;
  /** The server refused `stale`: forget it. Answers whether another token can be had. */
  refresh(stale: string): boolean;
}

/** A token is renewed this long before it expires (or at half its life, if shorter). */
export const REFRESH_MARGIN_MS = 60_000;

export const PUBLIC_ACCESS: TokenSource = { get: async () => undefined, refresh: () => false };

/** A token the caller manages: a string (never renewed), or a function asked before each request. */
export function callerToken(token: string | (() => string | Promise<string>)): TokenSource {
  if (typeof token === 'string') return { get: async () => token, refresh: () => false };
  return { get: async () => token(), refresh: () => true };
}

/** An officer of your organisation, as your own sign-in names them: your id for them and their display name. */
export interface Officer {
  id: string;
  name: string;
}

/** RFC 8693 token exchange: the grant and the subject token type for an officer (docs/adr/0030-officers.md on the server). */
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const OFFICER_TOKEN_TYPE = 'urn:aduan:params:oauth:token-type:officer';

/** The subject token naming an officer: base64url of `{"sub": id, "name": name}` (UTF-8), as the server reads it. */
export function officerSubjectToken(officer: Officer): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ sub: officer.id, name: officer.name }));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Act for this officer: tokens come from the token exchange (RFC 8693) instead of client_credentials. */
  officer?: Officer;
  headers: Record<string, string>;
  fetch: FetchFunction;
  timeoutMs: number;
  retry: RetryPolicy;
}

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) against `POST /oauth/token` — or,
 * with `officer`, the token exchange for that officer of your organisation (RFC 8693):
 * one token at a time, shared by concurrent requests, renewed before it
 * expires and when the server refuses it.
 */
export function clientCredentials(options: ClientCredentials): TokenSource {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const answer = await exchange({
      url: options.tokenUrl,
      headers: async () => ({ ...options.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }),
      body: new URLSearchParams(options.officer
        ? {
          grant_type: TOKEN_EXCHANGE_GRANT, client_id: options.clientId, client_secret: options.clientSecret,
          subject_token: officerSubjectToken(options.officer), subject_token_type: OFFICER_TOKEN_TYPE,
        }
        : { grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret }).toString(),
      repeatable: true,
      timeoutMs: options.timeoutMs,
      signal: undefined, // shared by every waiting request: one caller's abort must not cancel it for the others
      retry: options.retry,
      fetch: options.fetch,
      operationName: 'POST /oauth/token',
    });
    const body = (answer.body ?? {}) as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
    if (answer.status === 200 && typeof body.access_token === 'string') {
      const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 300) * 1000;
      cached = { token: body.access_token, renewAt: Date.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2) };
      return body.access_token;
    }
    const requestId = answer.headers.get('x-request-id') ?? undefined;
    if (answer.status === 429 || answer.status === 503) {
      // "Not now", whatever the body (`temporarily_unavailable`): too many failed attempts from this address (429),
      // or the server busy or without its database (503). Retried already while Retry-After allowed; never a wrong credential.
      const retryAfter = retryAfterMs(answer.headers.get('retry-after'));
      const described = typeof body.error_description === 'string' ? ` (${body.error_description})` : '';
      throw new AduanError({
        code: answer.status === 429 ? 'RATE_LIMITED' : 'SERVICE_UNAVAILABLE',
        message: `The token endpoint cannot issue a token for client ${options.clientId} just now${described}.`,
        status: answer.status,
        requestId,
        operationName: 'POST /oauth/token',
        attempts: answer.attempts,
        retryAfterSeconds: retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
      });
    }
    if (typeof body.error === 'string') {
      const message = `The token endpoint refused client ${options.clientId}: ${body.error}${typeof body.error_description === 'string' ? ` (${body.error_description})` : ''}.`;
      throw new AduanError({
        code: 'UNAUTHENTICATED',
        message,
        errors: [{ message, extensions: { code: 'UNAUTHENTICATED', oauthError: body.error } }],
        status: answer.status,
        requestId,
        operationName: 'POST /oauth/token',
        attempts: answer.attempts,
      });
    }
    throw new AduanError({
      code: 'HTTP_ERROR',
      message: `The token endpoint answered HTTP ${answer.status} without a token.`,
      status: answer.status,
      requestId,
      operationName: 'POST /oauth/token',
      attempts: answer.attempts,
    });
  }

  return {
    get(signal) {
      if (cached && Date.now() < cached.renewAt) return Promise.resolve(cached.token);
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      return abortable(pending, signal);
    },
    refresh(stale) {
      if (cached?.token === stale) cached = undefined;
      return true;
    },
  };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AduanError({ code: 'ABORTED', message: 'The request was aborted while waiting for a token.', cause: signal.reason }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
