import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** Per-call options of `request` and of every operation method. */
export interface RequestOptions {
  /** Cancels the call, its retries and their waits: the call rejects with an `AduanError` coded `ABORTED`. */
  signal?: AbortSignal;
  /** Time allowed for each attempt, in milliseconds (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

/** An input whose `idempotencyKey` may be left out: the client makes one. */
export type OptionalIdempotencyKey<T> = T extends { idempotencyKey: string }
  ? Omit<T, 'idempotencyKey'> & { idempotencyKey?: string }
  : T;

/** An operation's variables as `request` takes them: idempotency keys optional. */
export type RequestVariables<TVariables> = { [K in keyof TVariables]: OptionalIdempotencyKey<TVariables[K]> };

/** Variables may be left out when the operation has none, or none required. */
export type VariablesAndOptions<TVariables> = {} extends TVariables
  ? [variables?: RequestVariables<TVariables>, options?: RequestOptions]
  : [variables: RequestVariables<TVariables>, options?: RequestOptions];

/**
 * Runs one GraphQL operation and answers its `data`, typed by the document
 * (a generated `…Document`, or a string of your own). Rejects with an
 * `AduanError` on anything but a clean result.
 */
export type RequestFunction = <TResult, TVariables>(
  document: DocumentTypeDecoration<TResult, TVariables> | string,
  ...args: VariablesAndOptions<TVariables>
) => Promise<TResult>;
