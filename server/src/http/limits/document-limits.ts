import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError, Kind, Lexer, ParseOptions, Source, TokenKind, ValidationRule, visit } from 'graphql';
import { withWords, wordsError, wordsOf } from '../../graphql/errors';
import { words } from '../../words';

/**
 * How large a document may be, counted as written, before it is parsed in
 * full or validated (issue 15: with only the 1 MB body cap, 55,000 fields
 * bought 1.2 s of the event loop for a 400). Each is several times what the
 * largest operation of the SDK uses (test/limits/document-limits.spec.ts
 * checks every SDK and benchmark operation against them): 216 tokens, 104
 * fields, 6 fragments, no directive.
 *
 * - tokens: the parser stops at the 2,001st (graphql-js's `maxTokens`), so a
 *   refused document costs the lexing of 2,000 tokens, whatever its size;
 * - fields, directives, fragments: counted on the parsed document when its
 *   validation starts, and a document over one is refused before any other
 *   validation rule runs (validation is where large documents cost: 1,000
 *   fields ≈ 110 ms, 400 ≈ 20 ms on this machine).
 *
 * Per operation, with fragments written out and variables applied, the
 * contract's depth, alias and cost limits follow after validation
 * (query-limits.plugin.ts, QUERY_TOO_COMPLEX).
 */
export const DOCUMENT_LIMITS = {
  tokens: 2_000,
  fields: 400,
  directives: 50,
  fragments: 50,
} as const;

export type DocumentMeasure = keyof typeof DOCUMENT_LIMITS;

/** Each refusal's `extensions.code`. */
export const DOCUMENT_LIMIT_CODES: Record<DocumentMeasure, string> = {
  tokens: 'TOO_MANY_TOKENS',
  fields: 'TOO_MANY_FIELDS',
  directives: 'TOO_MANY_DIRECTIVES',
  fragments: 'TOO_MANY_FRAGMENTS',
};

/** Apollo Server's `parseOptions`: graphql-js's parser gives up past the token limit. */
export const DOCUMENT_PARSE_OPTIONS: ParseOptions = { maxTokens: DOCUMENT_LIMITS.tokens };

/** The fields, directives and fragment definitions of a document, as written (a fragment counts once, however often it is spread). */
export function measureDocument(document: DocumentNode): Record<Exclude<DocumentMeasure, 'tokens'>, number> {
  const measures = { fields: 0, directives: 0, fragments: 0 };
  visit(document, {
    Field: () => void measures.fields++,
    Directive: () => void measures.directives++,
    FragmentDefinition: () => void measures.fragments++,
  });
  return measures;
}

/** The tokens of a document as graphql-js's parser counts them, up to `upTo + 1` (the lexing stops there); a document that does not lex counts what lexed. */
export function countTokens(text: string, upTo: number = Number.POSITIVE_INFINITY): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  try {
    while (count <= upTo && lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // a syntax error: the parser reports it
  }
  return count;
}

export function documentLimitError(measure: DocumentMeasure, actual?: number): GraphQLError {
  const limit = DOCUMENT_LIMITS[measure];
  return wordsError(words('request.documentTooLarge', { measure, counted: actual ?? null, limit }), {
    code: DOCUMENT_LIMIT_CODES[measure], http: { status: 400 }, limit, ...(actual === undefined ? {} : { actual }),
  });
}

/**
 * The validation rule for fields, directives and fragments (Apollo Server's
 * `validationRules`). It runs when validation enters the document, before the
 * other rules have walked any of it, and for a document over a limit reports
 * the one error and ends validation there: returning null from a visitor
 * removes the node for every rule walking in parallel (graphql-js's visitor
 * API), so the costly rules (overlapping fields, unused fragments) never look
 * at the document. Apollo Server caches documents that validated, so this
 * runs once per distinct document, not per request.
 */
export const documentLimitsRule: ValidationRule = (context) => ({
  Document: {
    enter(document) {
      const measures = measureDocument(document);
      for (const measure of ['fields', 'directives', 'fragments'] as const) {
        if (measures[measure] > DOCUMENT_LIMITS[measure]) {
          context.reportError(documentLimitError(measure, measures[measure]));
          return null;
        }
      }
      return undefined;
    },
  },
});

const LIMIT_CODES = new Set(Object.values(DOCUMENT_LIMIT_CODES));

/**
 * Gives the refusals their own codes. Apollo Server wraps every validation
 * error as GRAPHQL_VALIDATION_FAILED and every parse error as
 * GRAPHQL_PARSE_FAILED, over the codes they carried: the rule's code is put
 * back, and a parse that failed because the document has more tokens than
 * the limit (counted again, only then, and only up to the limit) becomes
 * TOO_MANY_TOKENS with a message saying so.
 */
export function documentLimitsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, source }) {
          for (const error of errors) {
            const own = (error.originalError as GraphQLError | undefined)?.extensions?.code;
            if (error.extensions.code === 'GRAPHQL_VALIDATION_FAILED' && typeof own === 'string' && LIMIT_CODES.has(own)) {
              error.extensions.code = own;
            } else if (error.extensions.code === 'GRAPHQL_PARSE_FAILED' && source !== undefined && countTokens(source, DOCUMENT_LIMITS.tokens) > DOCUMENT_LIMITS.tokens) {
              const refusal = documentLimitError('tokens');
              error.message = refusal.message;
              Object.assign(error.extensions, refusal.extensions);
              withWords(error, wordsOf(refusal)!); // answered in the caller's language, as the other refusals
            }
          }
        },
      };
    },
  };
}
