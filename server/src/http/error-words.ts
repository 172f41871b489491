import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { wordsOf } from '../graphql/errors';
import { Locale, say, WordCode, WordParams } from '../words';
import { localeFrom } from './locale';

/**
 * Top-level errors in the caller's language (docs/adr/0028-words.md).
 *
 * Apollo Server formats every error through one function (`formatError`),
 * on paths where no request context exists yet (a refused token, a CSRF
 * refusal, a document that does not parse). The caller's Accept-Language is
 * therefore kept for the request in an AsyncLocalStorage the formatter reads,
 * rather than threaded through each of those paths.
 */
const requestLocale = new AsyncLocalStorage<Locale>();

/** Express middleware, mounted right before Apollo (after the body parser, whose stream events would lose the store). */
export function keepRequestLocale(req: Request, _res: Response, next: NextFunction): void {
  requestLocale.run(localeFrom(req.headers['accept-language']), next);
}

/** The locale of the request being answered; Bahasa Indonesia outside one. */
export function currentLocale(): Locale {
  return requestLocale.getStore() ?? 'id';
}

/**
 * The message of a formatted error in `locale`: the error's own words when our
 * code made it (graphql/errors.ts wordsError), else, for the refusals graphql-js
 * and Apollo Server word in English, a sentence of the catalogue in front of
 * their detail. `extensions.code` is never changed.
 */
export function localisedMessage(formatted: GraphQLFormattedError, error: unknown, locale: Locale = currentLocale()): string {
  const own = wordsOf(error);
  if (own) return own[locale];
  const code = formatted.extensions?.code;
  const lead = typeof code === 'string' ? LIBRARY_REFUSALS[code] : undefined;
  return lead ? say(locale, lead, { detail: formatted.message }) : formatted.message;
}

/** Apollo Server's and graphql-js's own codes, with the words that say what kind of refusal each is. */
const LIBRARY_REFUSALS: Record<string, 'request.graphqlParseFailed' | 'request.graphqlValidationFailed' | 'request.badUserInput' | 'request.badRequest' | 'request.operationNotResolved'> = {
  GRAPHQL_PARSE_FAILED: 'request.graphqlParseFailed',
  GRAPHQL_VALIDATION_FAILED: 'request.graphqlValidationFailed',
  BAD_USER_INPUT: 'request.badUserInput',
  BAD_REQUEST: 'request.badRequest',
  OPERATION_RESOLUTION_FAILURE: 'request.operationNotResolved',
};

/** A message of the catalogue in the current request's language, for answers written outside Apollo (Express handlers). */
export function sayTo<C extends WordCode>(req: Request, code: C, ...params: WordParams<C>): string {
  return say(localeFrom(req.headers['accept-language']), code, ...params);
}
