import { ApolloServerPlugin } from '@apollo/server';
import { RequestContext } from '../graphql/context';

/**
 * graphql-js ends an error about a name it does not know with the names it
 * does know that look alike: ` Did you mean "code" or "id"?`, `… the enum
 * value "RECEIVED"?`, `… to use an inline fragment on "Channel", "Program", or
 * "Region"?`, `Unknown type "ComplaintStatu". Did you mean "ComplaintStatus",
 * "Complainant", …?`. With introspection off, that let a scanner rebuild the
 * schema one guess at a time (issue 15, finding 4). Names are
 * `[_A-Za-z0-9]` and the `{ ... }` of a missing selection, so a suggestion runs
 * to the first `?`.
 */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * In production, the suggestions are cut from every error before it is
 * formatted; what is left still says what is wrong with what the caller wrote
 * (docs/adr/0020-production-errors-name-no-schema.md). Development keeps them:
 * there they help. graphql-js 16 has no switch (17's `hideSuggestions` will
 * be); Apollo's `hideSchemaDetailsFromClientErrors` and GraphQL Armor's
 * block-field-suggestions only rewrite validation errors, and their patterns
 * miss the enum-value and inline-fragment forms, while the same suggestions
 * come back from variable coercion ("Variable "$filter" got invalid value …;
 * … Did you mean the enum value …?"). didEncounterErrors sees both, parse,
 * validation and execution errors alike.
 */
export function schemaSuggestionsHiddenPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (error.message.includes('Did you mean')) error.message = withoutSuggestions(error.message);
          }
        },
      };
    },
  };
}

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}
