import { GraphQLError } from 'graphql';

/**
 * Thrown (top-level) errors, each with the contract's `extensions.code`.
 * Expected business outcomes are not thrown: they are `userErrors`.
 */
export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });
}

export function forbidden(message = 'Your client may not perform this operation.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
