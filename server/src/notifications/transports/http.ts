/**
 * What the two HTTP transports (WhatsApp Cloud API, Infobip SMS) share: one
 * POST with a JSON body that gives up after the timeout or when the caller's
 * signal aborts, and answers with the status and the parsed body — never
 * throwing, because a transport must answer RETRY or FAILED instead.
 */

/** Every provider gets this long per attempt (the webhooks' budget too, docs/adr/0012-webhooks.md). */
export const SEND_TIMEOUT_MS = 10_000;

export type HttpAnswer =
  | { kind: 'response'; status: number; body: unknown; retryAfterSeconds?: number }
  /** No answer: refused connection, reset, DNS, timeout or the caller's abort. `reason` is a code, never a URL or a body. */
  | { kind: 'network'; reason: string };

export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  options: { signal?: AbortSignal; timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<HttpAnswer> {
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
      // A redirect could point anywhere, carrying the bearer token: not followed (a 3xx is an answer like any other).
      redirect: 'manual',
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { kind: 'response', status: response.status, body: parsed, retryAfterSeconds: retryAfter(response.headers.get('retry-after')) };
  } catch (error) {
    return { kind: 'network', reason: networkReason(error, options.signal, timeout, timeoutMs) };
  }
}

/** The caller's abort, our timeout, or the socket's error code (ECONNREFUSED, ECONNRESET, ENOTFOUND…). */
function networkReason(error: unknown, callerSignal: AbortSignal | undefined, timeout: AbortSignal, timeoutMs: number): string {
  if (callerSignal?.aborted) return 'aborted';
  if (timeout.aborted) return `timeout after ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? `network error ${code}` : 'network error';
}

/** Retry-After in seconds (a number, or an HTTP date), capped at a day; undefined when absent or unreadable. */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) : Math.ceil((Date.parse(header) - now) / 1000);
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(seconds, 86_400);
}

/** +6281234567890 → 6281234567890; undefined for anything that is not E.164. */
export function e164Digits(number: string): string | undefined {
  const match = /^\+([1-9]\d{7,14})$/.exec(number);
  return match?.[1];
}
