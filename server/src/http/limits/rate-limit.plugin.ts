import { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { RequestContext } from '../../graphql/context';
import { RateDecision, RateLimiter, rateLimitedError } from './rate-limit';

export interface RateLimitPluginOptions {
  /** Root fields limited per IP address for the public (no token), e.g. `trackComplaint`. */
  publicOperations: string[];
  /** The caller's IP address, as the HTTP layer determined it. */
  ipOf: (context: RequestContext) => string;
}

/**
 * Spends the caller's budget before the operation runs: one token per request
 * from an API client; for the public, one token per call of a limited root
 * field, per IP address and field. An alias is a call: `a: trackComplaint(…)
 * b: trackComplaint(…)` spends two, so aliases cannot multiply the guesses a
 * request makes. Refused: RATE_LIMITED, HTTP 429, `Retry-After`.
 *
 * Apollo runs the plugins' `didResolveOperation` hooks concurrently, so a
 * request refused by another plugin there (e.g. as too complex) still spends
 * its token.
 */
export function rateLimitPlugin(limiter: RateLimiter, options: RateLimitPluginOptions): ApolloServerPlugin<RequestContext> {
  const limitedFields = new Set(options.publicOperations);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue: ctx, document, operation }) {
          let decisions: RateDecision[];
          if (ctx.principal.kind === 'client') {
            // The budget comes with the principal (cached with the client's state): no query per request.
            decisions = [await limiter.consumeClient(ctx.principal.clientId, 1, ctx.principal.requestsPerMinute)];
          } else {
            const calls = [...rootFieldCalls(document, operation)].filter(([field]) => limitedFields.has(field));
            const ip = options.ipOf(ctx);
            decisions = await Promise.all(calls.map(([field, count]) => limiter.consumePublic(ip, field, count)));
          }
          const waits = decisions.flatMap((decision) => (decision.allowed ? [] : [decision.retryAfterSeconds]));
          if (waits.length > 0) throw rateLimitedError(Math.max(...waits));
        },
      };
    },
  };
}

/**
 * How many times each root field runs: once per response key (graphql merges
 * repeats of the same key into one call), fragments included. All root
 * fragments select on the same object, so each needs reading only once; that
 * also makes a fragment cycle (refused by validation anyway) harmless.
 */
function rootFieldCalls(document: DocumentNode, operation: OperationDefinitionNode | undefined): Map<string, number> {
  if (!operation) return new Map(); // no such operation: refused when it would run
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fieldByResponseKey = new Map<string, string>();
  const fragmentsRead = new Set<string>();
  const read = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        fieldByResponseKey.set(selection.alias?.value ?? selection.name.value, selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        read(selection.selectionSet);
      } else if (!fragmentsRead.has(selection.name.value)) {
        fragmentsRead.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) read(fragment.selectionSet);
      }
    }
  };
  read(operation.selectionSet);

  const calls = new Map<string, number>();
  for (const field of fieldByResponseKey.values()) calls.set(field, (calls.get(field) ?? 0) + 1);
  return calls;
}
