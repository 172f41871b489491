import { GraphQLError, ValidationRule } from 'graphql';

/**
 * A document's operations must be of a type the schema has: Aduan's has no
 * subscription type (events reach integrators as webhooks, see
 * createWebhookSubscription). graphql-js 16 validates a subscription anyway
 * and fails only when executing it, with an error that has no code (an
 * internal error, a 500 and an error log line for a request that is simply
 * wrong); graphql-js 17 adds this rule to the specified ones, with this
 * message. Until then, ours: a 400 GRAPHQL_VALIDATION_FAILED.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (!context.getSchema().getRootType(operation.operation)) {
      context.reportError(new GraphQLError(
        `The schema does not support ${operation.operation} operations.${operation.operation === 'subscription' ? ' Events are delivered by webhooks: see createWebhookSubscription.' : ''}`,
        { nodes: operation },
      ));
    }
  },
});
