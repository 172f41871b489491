import { DOCUMENT_LIMITS } from '../http/limits/document-limits';
import { MAX_ALIASES, MAX_COST, MAX_DEPTH } from '../http/limits/query-limits';

/**
 * The `extensions.code` values the server answers in top-level GraphQL errors
 * — the contract's, Apollo's own, and the HTTP layer's — each described once.
 * The metrics count by these (a code outside them, which none should be, is
 * OTHER) and the API reference lists them (api-reference/). Expected business
 * failures are not here: they are `userErrors`, with a `UserErrorCode`.
 */
export const ERROR_CODE_DESCRIPTIONS = {
  UNAUTHENTICATED: 'No valid token where one is needed: none was sent, or it is expired, revoked or not ours. Get one from POST /oauth/token and send `Authorization: Bearer <token>`.',
  FORBIDDEN: "Your client's role may never call this field, whatever the object (an object outside your reach is null or absent instead: not found and not allowed look the same).",
  BAD_USER_INPUT: 'An argument that no `userErrors` can carry is invalid: a page size outside 1–100, a cursor not from this list, a period or range out of bounds.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not fit the schema: an unknown field or argument, a missing variable, a wrong type.',
  QUERY_TOO_COMPLEX: `The operation is too large to run: deeper than ${MAX_DEPTH}, more than ${MAX_ALIASES} aliases, or a cost over ${MAX_COST.toLocaleString('en')} (lists count by their page size); \`extensions\` say which.`,
  RATE_LIMITED: "More requests than the budget a minute allows — your client's, or an IP address's for the public fields limited per address — or the server is at its limit of requests at once: HTTP 429 with `Retry-After` in seconds.",
  INTERNAL_SERVER_ERROR: 'A fault of the server. The message holds no internals; quote the `requestId` of the error when you report it.',
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  BAD_REQUEST: 'The HTTP request is not a GraphQL request the server can read: not JSON, no `query`, a mutation over GET, or a missing header that CSRF prevention asks for.',
  PAYLOAD_TOO_LARGE: 'The request body is larger than 1 MB.',
  PERSISTED_QUERY_NOT_FOUND: "Automatic persisted queries: the document's hash is not known to the server; send the document with it.",
  PERSISTED_QUERY_NOT_SUPPORTED: 'Automatic persisted queries are not supported by this server.',
  OPERATION_RESOLUTION_FAILURE: 'The document holds several operations and `operationName` names none of them (or none was named).',
  SERVICE_UNAVAILABLE: 'The database cannot be reached for now: HTTP 503 with `Retry-After`. Retry then (a mutation with the same idempotency key).',
  TOO_MANY_TOKENS: `The document has more than ${DOCUMENT_LIMITS.tokens.toLocaleString('en')} tokens.`,
  TOO_MANY_FIELDS: `The document has more than ${DOCUMENT_LIMITS.fields} fields, as written.`,
  TOO_MANY_DIRECTIVES: `The document has more than ${DOCUMENT_LIMITS.directives} directives.`,
  TOO_MANY_FRAGMENTS: `The document has more than ${DOCUMENT_LIMITS.fragments} fragments.`,
} as const;

export type ErrorCode = keyof typeof ERROR_CODE_DESCRIPTIONS;

export const ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(ERROR_CODE_DESCRIPTIONS));
