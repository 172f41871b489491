import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { wordsError } from '../../graphql/errors';
import { words } from '../../words';
import { RequestContext } from '../../graphql/context';
import { MAX_ALIASES, MAX_COST, MAX_DEPTH, measureOperation, QueryMeasures } from './query-limits';

export type QueryLimits = QueryMeasures;

export const QUERY_LIMITS: QueryLimits = { depth: MAX_DEPTH, aliases: MAX_ALIASES, cost: MAX_COST };

/**
 * Refuses an operation deeper, more aliased or costlier than the limits
 * (QUERY_TOO_COMPLEX, HTTP 400) and reports the cost of the others in
 * `extensions.cost`.
 *
 * This runs in `didResolveOperation`, not as a validation rule: Apollo caches
 * a document once it has validated, so a rule would never see the variables of
 * later requests (`first: $n`). `didResolveOperation` runs for every request,
 * cached document or not, after the operation is picked and before it runs.
 */
export function queryLimitsPlugin(limits: QueryLimits = QUERY_LIMITS): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          const measures = measureOperation(schema, document, operationName, request.variables);
          for (const measure of ['depth', 'aliases', 'cost'] as const) {
            if (measures[measure] > limits[measure]) throw queryTooComplexError(measure, measures[measure], limits[measure]);
          }
          cost = measures.cost;
        },
        async willSendResponse({ response }) {
          if (cost === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: cost, limit: limits.cost } };
        },
      };
    },
  };
}

export function queryTooComplexError(measure: keyof QueryLimits, actual: number, limit: number): GraphQLError {
  return wordsError(words('request.queryTooComplex', { measure, actual, limit }), { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, limit, actual });
}
