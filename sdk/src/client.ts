import { callerToken, clientCredentials, Officer, PUBLIC_ACCESS, TokenSource } from './auth.js';
import { describeOperation, documentText } from './document.js';
import { AduanError, GraphQLErrorEntry } from './errors.js';
import { complainantEvidenceUploader, evidenceUploader, UploadComplainantEvidence, UploadEvidence } from './evidence.js';
import { bindOperations, IDEMPOTENT_INPUT_TYPES, Operations } from './generated/operations.js';
import { Answer, DEFAULT_RETRY, exchange, FetchFunction, RetryOptions, RetryPolicy } from './http.js';
import { withIdempotencyKeys } from './idempotency.js';
import { RequestFunction, RequestOptions } from './request.js';
import { SDK_NAME, SDK_VERSION } from './version.js';

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. `https://aduan.example.go.id/graphql` (a bare origin gets `/graphql`). */
  url: string;
  /** Your API client's id: the client gets and renews its own tokens (with `clientSecret`). */
  clientId?: string;
  clientSecret?: string;
  /**
   * With `clientId` and `clientSecret`: act for this officer of your organisation, as your own sign-in names them.
   * Every step, personal-data read, evidence download and webhook then names the officer. See also `actAs`.
   */
  officer?: Officer;
  /** Or a token you manage: a string, or a function asked before each request (and again after a 401). */
  token?: string | (() => string | Promise<string>);
  /** Where tokens come from (default: `oauth/token` beside `url`). */
  tokenUrl?: string;
  /** `Accept-Language` for the texts people read (status labels, messages): `id` (default on the server) or `en`. */
  locale?: 'id' | 'en' | (string & {});
  /** Time allowed for each attempt, in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Retry settings, or `false` to send every request once. */
  retry?: RetryOptions | false;
  /** Your application, added to the SDK's user agent: `aduan-sdk/0.1.0 <yours>`. */
  userAgent?: string;
  /** Headers for every request. */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one). */
  fetch?: FetchFunction;
}

/** The client: `request` for any document, and one method per operation of the API. */
export interface AduanClient extends Operations {
  request: RequestFunction;
  /**
   * Attaches a file of evidence to a complaint in one call: hashes it, asks for an upload URL, PUTs the bytes, and
   * answers the attached evidence, or the `userErrors` of either step (a type the bytes are not, a file too large, …).
   */
  uploadEvidence: UploadEvidence;
  /**
   * The complainant's upload, with the tracking code and reply PIN instead of a token (no client needed): hashes the
   * file, asks requestComplainantEvidenceUpload for a URL, PUTs the bytes; answers whether it was attached, or the
   * `userErrors` of either step (a wrong PIN, a type the bytes are not, …).
   */
  uploadComplainantEvidence: UploadComplainantEvidence;
  /**
   * A client like this one (same credentials and settings) acting for an officer of your organisation: its tokens
   * come from the token exchange and name the officer. Keep one per signed-in officer; it renews its own tokens.
   * Needs `clientId` and `clientSecret` (the secret stays on your server).
   */
  actAs(officer: Officer): AduanClient;
  /** The GraphQL endpoint this client talks to. */
  readonly url: string;
}

interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorEntry[];
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * A client of the Aduan API. With `clientId` and `clientSecret` it gets and
 * renews its own tokens; with `token` it uses yours; with neither it is the
 * public role (tracking, programmes, channels, regions).
 *
 * ```ts
 * const aduan = createClient({ url: 'https://aduan.example.go.id/graphql', clientId, clientSecret });
 * const { trackingCode, userErrors } = await aduan.submitComplaint({ ... });
 * ```
 */
export function createClient(options: ClientOptions): AduanClient {
  const url = endpoint(options.url);
  const fetchFn: FetchFunction = options.fetch ?? defaultFetch();
  const retry: RetryPolicy = options.retry === false ? { ...DEFAULT_RETRY, maxAttempts: 1 } : { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const agent = `${SDK_NAME}/${SDK_VERSION}${options.userAgent ? ` ${options.userAgent}` : ''}`;
  const sdkHeaders: Record<string, string> = {
    // Browsers do not let a page set User-Agent: X-Aduan-Client says the same everywhere.
    ...(inBrowser() ? {} : { 'user-agent': agent }),
    'x-aduan-client': agent,
    ...(options.locale ? { 'accept-language': options.locale } : {}),
  };
  const tokens = tokenSource(options, url, { fetch: fetchFn, timeoutMs, retry, headers: { ...sdkHeaders, ...options.headers } });

  const request = (async (document: unknown, variables?: Record<string, unknown>, requestOptions: RequestOptions = {}) => {
    const query = documentText(document);
    const operation = describeOperation(query);
    const keyed = withIdempotencyKeys(variables, operation.variableTypes, IDEMPOTENT_INPUT_TYPES);
    const body = JSON.stringify({ query, variables: keyed.variables ?? {}, ...(operation.name ? { operationName: operation.name } : {}) });
    const signal = requestOptions.signal;
    let attempts = 0;
    let refreshed = false;
    for (;;) {
      let token: string | undefined;
      const answer = await exchange({
        url,
        headers: async () => {
          token = await tokens.get(signal);
          return {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json;q=0.9',
            ...sdkHeaders,
            ...options.headers,
            ...requestOptions.headers,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          };
        },
        body,
        repeatable: operation.kind === 'query' || keyed.keyed,
        timeoutMs: requestOptions.timeoutMs ?? timeoutMs,
        signal,
        retry,
        fetch: fetchFn,
        operationName: operation.name,
      });
      attempts += answer.attempts;
      const result = answer.body as GraphQLResponseBody | undefined;
      const errors = Array.isArray(result?.errors) ? result.errors : [];
      // An expired or revoked token: get a new one and send the request once more.
      const unauthenticated = answer.status === 401 || errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
      if (unauthenticated && token && !refreshed && tokens.refresh(token)) {
        refreshed = true;
        continue;
      }
      if (answer.status >= 200 && answer.status < 300 && errors.length === 0 && result?.data) return result.data;
      throw errorOf(answer, result, errors, operation.name, attempts);
    }
  }) as RequestFunction;

  const operations = bindOperations(request);
  return {
    ...operations, request, url,
    actAs: (officer: Officer) => {
      if (!options.clientId || !options.clientSecret) throw new TypeError('actAs: needs a client created with `clientId` and `clientSecret`.');
      return createClient({ ...options, officer });
    },
    uploadEvidence: evidenceUploader(operations, fetchFn, sdkHeaders),
    uploadComplainantEvidence: complainantEvidenceUploader(operations, fetchFn, sdkHeaders),
  };
}

function errorOf(answer: Answer, result: GraphQLResponseBody | undefined, errors: GraphQLErrorEntry[], operationName: string | undefined, attempts: number): AduanError {
  const requestId = answer.headers.get('x-request-id') ?? errors.find((e) => e.extensions?.requestId)?.extensions?.requestId;
  const retryAfter = answer.headers.get('retry-after');
  const common = {
    errors,
    data: result?.data ?? undefined,
    status: answer.status,
    requestId,
    operationName,
    attempts,
    retryAfterSeconds: retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined,
  };
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
    const code = errors[0].extensions?.code ?? (answer.status >= 400 ? 'HTTP_ERROR' : 'INTERNAL_SERVER_ERROR');
    return new AduanError({ ...common, code, message: `${errors[0].message}${more}` });
  }
  return new AduanError({
    ...common,
    code: answer.status === 429 ? 'RATE_LIMITED' : 'HTTP_ERROR',
    message: answer.status >= 200 && answer.status < 300 ? 'The server answered without data or errors.' : `The server answered HTTP ${answer.status} without a GraphQL result.`,
  });
}

function tokenSource(
  options: ClientOptions,
  url: string,
  transport: { fetch: FetchFunction; timeoutMs: number; retry: RetryPolicy; headers: Record<string, string> },
): TokenSource {
  if (options.token !== undefined && (options.clientId !== undefined || options.clientSecret !== undefined)) {
    throw new TypeError('createClient: give either `token` or `clientId` and `clientSecret`, not both.');
  }
  if (options.officer !== undefined && (options.clientId === undefined || options.clientSecret === undefined)) {
    throw new TypeError('createClient: `officer` needs `clientId` and `clientSecret` (a token exchange).');
  }
  if (options.token !== undefined) return callerToken(options.token);
  if (options.clientId === undefined && options.clientSecret === undefined) return PUBLIC_ACCESS;
  if (!options.clientId || !options.clientSecret) throw new TypeError('createClient: `clientId` and `clientSecret` go together.');
  return clientCredentials({
    tokenUrl: options.tokenUrl ?? new URL('oauth/token', url).toString(),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    officer: options.officer,
    ...transport,
  });
}

/** The GraphQL endpoint: the URL given, with `/graphql` when it is a bare origin. */
function endpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`createClient: \`url\` must be an absolute URL such as https://aduan.example.go.id/graphql, not ${JSON.stringify(value)}.`);
  }
  url.pathname = url.pathname === '/' ? '/graphql' : url.pathname.replace(/\/+$/, '');
  return url.toString();
}

function defaultFetch(): FetchFunction {
  if (typeof globalThis.fetch !== 'function') throw new TypeError('createClient: no global fetch here (Node 18 or later, or a browser); pass `fetch`.');
  // Called through globalThis: a detached `fetch` throws "Illegal invocation" in browsers.
  return (input, init) => globalThis.fetch(input, init);
}

function inBrowser(): boolean {
  return typeof window !== 'undefined' && typeof window.document !== 'undefined';
}
