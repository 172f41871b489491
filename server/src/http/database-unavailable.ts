import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { wordsError } from '../graphql/errors';
import { words } from '../words';

/**
 * When PostgreSQL is down, restarting, out of connections, or every pooled
 * connection is busy past its wait, a caller gets a fast, honest answer —
 * HTTP 503, `extensions.code` SERVICE_UNAVAILABLE and `Retry-After` — instead of
 * a hang or an "Internal server error" that hides whether retrying can help.
 * Retrying a creating mutation with its idempotency key is always safe: either
 * its transaction committed (and the retry answers the first result) or
 * nothing was written.
 */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/** Seconds a client should wait before retrying: a database restart or failover typically takes a few. */
export const RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs that mean "not now" rather than "wrong":
 * class 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot
 * connect now), 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/** node-postgres' own messages when a connection dies or the pool's wait runs out (it gives them no code). */
const PG_CLIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Connection refused',
  'Cannot use a pool after calling end on the pool',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof GraphQLError) {
      if (e.extensions?.code === SERVICE_UNAVAILABLE) return true;
      e = e.originalError;
      continue;
    }
    if (!(e instanceof Error)) return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)))) return true;
    if (PG_CLIENT_MESSAGES.some((m) => e instanceof Error && e.message.includes(m))) return true;
    // TypeORM's answer to the next statement of a transaction whose connection died
    // (PostgreSQL went away mid-transaction; the transaction is gone with it).
    if (e.name === 'QueryRunnerProviderAlreadyReleasedError' || e.name === 'QueryRunnerAlreadyReleasedError') return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
    e = (e as { cause?: unknown; driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The error a caller sees; `http` makes Apollo answer 503 when it is thrown before execution (context creation). */
export function serviceUnavailable(): GraphQLError {
  return wordsError(words('request.databaseUnavailable'), {
    code: SERVICE_UNAVAILABLE,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
  });
}

/**
 * Errors raised while executing (a resolver's query failed) are formatted into
 * SERVICE_UNAVAILABLE by the error formatter; this plugin then turns an answer
 * without data into a 503 with Retry-After, so HTTP-level retry logic (the
 * SDK's, a load balancer's) sees it too.
 */
export function databaseUnavailablePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const unavailable = response.body.singleResult.errors?.some((e) => e.extensions?.code === SERVICE_UNAVAILABLE);
          if (!unavailable) return;
          // 503 promises "not processed, safe to send again". When a root field has data
          // (a mutation committed, then a later field's read failed), that is not true:
          // the answer stays 200 with the data and the SERVICE_UNAVAILABLE error beside it.
          const data = response.body.singleResult.data;
          if (data && Object.values(data).some((value) => value !== null)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
