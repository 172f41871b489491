import { AduanError } from './errors.js';

/** How the client retries. */
export interface RetryOptions {
  /** Sends of one request at most, the first included (default 4; 1 turns retries off). */
  maxAttempts?: number;
  /** The first retry waits up to this long; each further one up to twice as long (default 300 ms). */
  baseDelayMs?: number;
  /** The longest wait between attempts, before jitter (default 10 s). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the call fails with RATE_LIMITED at once (default 60 s). */
  maxRetryAfterMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 300, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };

export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/** One HTTP exchange, as the retry loop sends it. */
export interface Exchange {
  url: string;
  /** The headers of each attempt (asked again per attempt, so a token refreshed in between is used). */
  headers: () => Promise<Record<string, string>>;
  body: string;
  /**
   * Whether the request may be sent again after a failure that may have
   * reached the server (network error, timeout, 502, 504): queries and
   * mutations with an idempotency key. Others are repeated only when the
   * server certainly did not run them: 429, 503, connection refused.
   */
  repeatable: boolean;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  retry: RetryPolicy;
  fetch: FetchFunction;
  operationName: string | undefined;
}

/** The last response of an exchange, for the caller to read. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The body as JSON; undefined when it is not JSON. */
  body: unknown;
  attempts: number;
}

/** Statuses after which a repeatable request is sent again. */
const RETRIED_STATUSES = new Set([429, 502, 503, 504]);

/** Connection failures where nothing reached the server (Node's fetch names them; browsers do not). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Sends a request, retrying with exponential backoff and full jitter on
 * network errors, timeouts, 429 (after its `Retry-After`), 502, 503 and 504.
 * Answers the last response whatever its status; throws an `AduanError` only
 * when no response came (NETWORK_ERROR, TIMEOUT, ABORTED).
 */
export async function exchange(x: Exchange): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    let answer: Answer;
    try {
      answer = await attemptOnce(x, attempt);
    } catch (error) {
      // Only a send that got no answer is retried here; a refused token, an abort or a bug is the caller's.
      if (!(error instanceof AduanError) || (error.code !== 'NETWORK_ERROR' && error.code !== 'TIMEOUT')) throw error;
      const retryable = x.repeatable || notSent(error);
      if (!retryable || attempt >= x.retry.maxAttempts) throw error;
      await sleep(backoff(attempt, x.retry), x.signal, x.operationName);
      continue;
    }
    if (!RETRIED_STATUSES.has(answer.status) && firstErrorCode(answer.body) !== 'RATE_LIMITED') return answer;
    const notRun = answer.status === 429 || answer.status === 503 || firstErrorCode(answer.body) === 'RATE_LIMITED';
    if (!(x.repeatable || notRun) || attempt >= x.retry.maxAttempts) return answer;
    const retryAfter = retryAfterMs(answer.headers.get('retry-after'));
    if (retryAfter !== undefined && retryAfter > x.retry.maxRetryAfterMs) return answer;
    await sleep(retryAfter ?? backoff(attempt, x.retry), x.signal, x.operationName);
  }
}

async function attemptOnce(x: Exchange, attempt: number): Promise<Answer> {
  if (x.signal?.aborted) throw aborted(x, attempt);
  const headers = await x.headers();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, x.timeoutMs);
  const onAbort = () => controller.abort();
  x.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await x.fetch(x.url, { method: 'POST', headers, body: x.body, signal: controller.signal });
    // The timeout covers the body too: a server that sends headers and stalls is a timeout.
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseJson(text), attempts: attempt };
  } catch (error) {
    if (x.signal?.aborted) throw aborted(x, attempt);
    if (timedOut) {
      throw new AduanError({ code: 'TIMEOUT', message: `No answer from ${origin(x.url)} within ${x.timeoutMs} ms.`, operationName: x.operationName, attempts: attempt });
    }
    const cause = (error as { cause?: { message?: string } }).cause;
    throw new AduanError({
      code: 'NETWORK_ERROR',
      message: `Could not reach ${origin(x.url)}: ${cause?.message ?? (error as Error).message}.`,
      operationName: x.operationName,
      attempts: attempt,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    x.signal?.removeEventListener('abort', onAbort);
  }
}

/** Full jitter: a random wait between 0 and base × 2^(attempt − 1), capped. */
export function backoff(attempt: number, retry: RetryPolicy): number {
  return Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
}

/** `Retry-After` in seconds (what Aduan sends) or as an HTTP date, in milliseconds. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function sleep(ms: number, signal: AbortSignal | undefined, operationName: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AduanError({ code: 'ABORTED', message: 'The request was aborted.', operationName, cause: signal.reason }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AduanError({ code: 'ABORTED', message: 'The request was aborted while waiting to retry.', operationName, cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function aborted(x: Exchange, attempt: number): AduanError {
  return new AduanError({ code: 'ABORTED', message: 'The request was aborted.', operationName: x.operationName, attempts: attempt, cause: x.signal?.reason });
}

function notSent(error: AduanError): boolean {
  const cause = error.cause as { code?: string; cause?: { code?: string } } | undefined;
  return error.code === 'NETWORK_ERROR' && NOT_SENT_CODES.has(cause?.cause?.code ?? cause?.code ?? '');
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function firstErrorCode(body: unknown): string | undefined {
  const errors = (body as { errors?: { extensions?: { code?: unknown } }[] } | undefined)?.errors;
  const code = Array.isArray(errors) ? errors[0]?.extensions?.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
