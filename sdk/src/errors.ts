/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: { code?: string; requestId?: string; [key: string]: unknown };
}

/**
 * What went wrong. The server's codes (`extensions.code` of the first GraphQL
 * error) and the SDK's own for failures that never got a GraphQL answer.
 */
export type AduanErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'GRAPHQL_PARSE_FAILED'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL_SERVER_ERROR'
  /** The server cannot reach its database just now (HTTP 503, `Retry-After`): nothing was changed; send again later. */
  | 'SERVICE_UNAVAILABLE'
  /** No HTTP response: DNS, connection refused or reset, offline. */
  | 'NETWORK_ERROR'
  /** An attempt took longer than `timeoutMs`. */
  | 'TIMEOUT'
  /** The caller's `AbortSignal` fired. */
  | 'ABORTED'
  /** An HTTP error without a GraphQL error in its body (e.g. a proxy's 502 page). */
  | 'HTTP_ERROR'
  | (string & {});

export interface AduanErrorDetails {
  code: AduanErrorCode;
  message: string;
  errors?: readonly GraphQLErrorEntry[];
  data?: unknown;
  status?: number;
  requestId?: string;
  operationName?: string;
  attempts?: number;
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** Marks an AduanError of any copy of the SDK (see `AduanError[Symbol.hasInstance]`). */
const BRAND = Symbol.for('@aduan/sdk.AduanError');

/**
 * The one error the SDK throws, for everything that is not a clean result:
 * GraphQL errors (with any partial `data`), HTTP and network failures,
 * timeouts, aborts and refused credentials. Expected business outcomes are
 * not thrown: they are the `userErrors` of a mutation's payload.
 */
export class AduanError extends Error {
  /**
   * `instanceof AduanError` holds for an error from either build of the SDK: an application can load both
   * the ES module and the CommonJS build (its own `import`, a dependency's `require`), each with its own
   * class. A subclass keeps the ordinary prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== AduanError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  override readonly name = 'AduanError';
  /** `extensions.code` of the first GraphQL error, or the SDK's own code. */
  readonly code: AduanErrorCode;
  /** The response's GraphQL errors (empty when there was no GraphQL answer). */
  readonly errors: readonly GraphQLErrorEntry[];
  /** The partial `data` that came with the errors, if any. */
  readonly data: unknown;
  /** The HTTP status of the last response, if one came. */
  readonly status: number | undefined;
  /** The server's request id (`X-Request-Id`): quote it when you report a problem. */
  readonly requestId: string | undefined;
  readonly operationName: string | undefined;
  /** How many times the request was sent. */
  readonly attempts: number;
  /** For RATE_LIMITED: the server's `Retry-After`, in seconds. */
  readonly retryAfterSeconds: number | undefined;

  constructor(details: AduanErrorDetails) {
    const context = [
      details.operationName,
      details.status !== undefined ? `HTTP ${details.status}` : undefined,
      details.requestId ? `request id ${details.requestId}` : undefined,
      details.attempts && details.attempts > 1 ? `${details.attempts} attempts` : undefined,
    ].filter(Boolean);
    super(`[${details.code}] ${details.message}${context.length ? ` (${context.join('; ')})` : ''}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.errors = details.errors ?? [];
    this.data = details.data;
    this.status = details.status;
    this.requestId = details.requestId;
    this.operationName = details.operationName;
    this.attempts = details.attempts ?? 1;
    this.retryAfterSeconds = details.retryAfterSeconds;
    Object.defineProperty(this, BRAND, { value: true });
  }
}
