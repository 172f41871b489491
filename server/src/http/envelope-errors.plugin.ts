import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Apollo Server refuses some envelopes with errors that carry an HTTP status
 * but no code: a persisted-query hash that is not the SHA-256 of the query
 * sent ("provided sha does not match query"), a persisted-query version other
 * than 1 or a `persistedQuery` that is not an object ("Unsupported persisted
 * query version"). Without a code, the error formatting took them for internal
 * errors: "Internal server error." with code INTERNAL_SERVER_ERROR, and a
 * stack-trace log line that raises the internal-error alert (issue 15). They
 * are the caller's mistakes, as Apollo Server's other envelope refusals are:
 * BAD_REQUEST, with Apollo Server's message, which says what is wrong.
 *
 * Only errors Apollo Server raised itself qualify: no code, no original error
 * (a resolver's error always has one), a 4xx status.
 */
export function envelopeErrorsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (isCodelessRequestError(error)) error.extensions.code = 'BAD_REQUEST';
          }
        },
      };
    },
  };
}

function isCodelessRequestError(error: GraphQLError): boolean {
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return error.extensions.code === undefined && !error.originalError && typeof status === 'number' && status >= 400 && status < 500;
}
