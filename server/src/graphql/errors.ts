import { GraphQLError, GraphQLErrorExtensions } from 'graphql';
import type { Said, Words } from '../words';
import { words as wordsFor } from '../words';

/**
 * Thrown (top-level) errors, each with the contract's `extensions.code`.
 * Expected business outcomes are not thrown: they are `userErrors`.
 *
 * An error made here carries its message in both languages; it is answered in
 * the caller's (http/error-words.ts), its `message` property (what logs and
 * code read) is the English one.
 */
export function wordsError(words: Said, extensions: GraphQLErrorExtensions): GraphQLError {
  return withWords(new GraphQLError(words.en, { extensions }), words);
}

/** Gives an error (its message the English words) the words it is answered in. */
export function withWords<E extends Error>(error: E, words: Words): E {
  Object.defineProperty(error, WORDS, { value: words, enumerable: false });
  return error;
}

/** The words an error (or the error it wraps: graphql-js wraps what a resolver throws) was made with. */
export function wordsOf(error: unknown): Words | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const words = (e as { [WORDS]?: Words })[WORDS];
    if (words) return words;
    e = (e as { originalError?: unknown }).originalError;
  }
  return undefined;
}

const WORDS = Symbol('words');

/** BAD_USER_INPUT for an argument no userErrors can carry (a page size, a cursor), in words of the catalogue. */
export function badUserInput(message: Said, field?: string): GraphQLError {
  return wordsError(message, { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) });
}

export function forbidden(message: Said = wordsFor('request.forbidden')): GraphQLError {
  return wordsError(message, { code: 'FORBIDDEN' });
}

export function unauthenticated(message: Said): GraphQLError {
  return wordsError(message, { code: 'UNAUTHENTICATED', http: { status: 401 } });
}
