import { describe, expect, it } from 'vitest';
import { manyDirectivesDocument, manyFieldsDocument, manyTokensDocument, unusedFragmentsDocument } from '../../bench/harness/hostile-documents';
import { DOCUMENT_LIMITS } from '../../server/src/http/limits/document-limits';
import { useProductionServer } from './production-server';

/**
 * Issue 15, finding 2: CPU bought with large documents. Nothing counted a
 * document's tokens, fields, directives or fragments before parsing and
 * validating it, so a tokenless caller could buy a second of the event loop per
 * request with a document under the 1 MB body cap (55,000 fields: 1.2 s for a
 * 400). Now the parser stops at DOCUMENT_LIMITS.tokens, and the fields,
 * directives and fragments are counted before the rest of validation; each
 * refusal is a 400 with a code of its own.
 */
const server = useProductionServer();

async function refusal(query: string) {
  const answer = await server.post({ query });
  expect(answer.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  expect(answer.body?.data, answer.text.slice(0, 300)).toBeUndefined();
  return { status: answer.status, code: answer.body?.errors?.[0]?.extensions?.code, error: answer.body?.errors?.[0], errors: answer.body?.errors };
}

function expectRefused(result: Awaited<ReturnType<typeof refusal>>, code: string, limit: number) {
  expect({ status: result.status, code: result.code }, JSON.stringify(result.errors).slice(0, 300)).toEqual({ status: 400, code });
  expect(result.errors).toHaveLength(1);
  expect(result.error.extensions.limit).toBe(limit);
  expect(result.error.message).toContain(String(limit));
}

describe('documents over the document limits are refused, each with its own code', () => {
  it("the issue's 55,000 fields: TOO_MANY_TOKENS; over the field limit within the token limit: TOO_MANY_FIELDS", async () => {
    expectRefused(await refusal(manyFieldsDocument(55_000)), 'TOO_MANY_TOKENS', DOCUMENT_LIMITS.tokens);
    const overFields = manyFieldsDocument(DOCUMENT_LIMITS.fields / 2 + 1); // programs + code each time
    const result = await refusal(overFields);
    expectRefused(result, 'TOO_MANY_FIELDS', DOCUMENT_LIMITS.fields);
    expect(result.error.extensions.actual).toBe(DOCUMENT_LIMITS.fields + 2);
  });

  it("the issue's 50,000 @include: TOO_MANY_TOKENS; over the directive limit within the others: TOO_MANY_DIRECTIVES", async () => {
    expectRefused(await refusal(manyDirectivesDocument(50_000)), 'TOO_MANY_TOKENS', DOCUMENT_LIMITS.tokens);
    const result = await refusal(manyDirectivesDocument(DOCUMENT_LIMITS.directives + 1));
    expectRefused(result, 'TOO_MANY_DIRECTIVES', DOCUMENT_LIMITS.directives);
    expect(result.error.extensions.actual).toBe(DOCUMENT_LIMITS.directives + 1);
  });

  it("the issue's 20,000 unused fragments: TOO_MANY_TOKENS; over the fragment limit within the others: TOO_MANY_FRAGMENTS", async () => {
    expectRefused(await refusal(unusedFragmentsDocument(20_000)), 'TOO_MANY_TOKENS', DOCUMENT_LIMITS.tokens);
    const result = await refusal(unusedFragmentsDocument(DOCUMENT_LIMITS.fragments + 1));
    expectRefused(result, 'TOO_MANY_FRAGMENTS', DOCUMENT_LIMITS.fragments);
    expect(result.error.extensions.actual).toBe(DOCUMENT_LIMITS.fragments + 1);
  });

  it('tokens alone (one field, a list of 100,000 ids): TOO_MANY_TOKENS, and one token too many is enough', async () => {
    expectRefused(await refusal(manyTokensDocument(100_000)), 'TOO_MANY_TOKENS', DOCUMENT_LIMITS.tokens);
    // `{ nodes(ids: [` is 6 tokens and `]) { id } }` 6 more: the ids fill the rest.
    expectRefused(await refusal(manyTokensDocument(DOCUMENT_LIMITS.tokens - 11)), 'TOO_MANY_TOKENS', DOCUMENT_LIMITS.tokens);
    const atLimit = await server.post({ query: manyTokensDocument(DOCUMENT_LIMITS.tokens - 12) });
    expect(atLimit.body.errors?.[0]?.extensions?.code).not.toBe('TOO_MANY_TOKENS');
  });

  it('the limits are checked first: past the token limit a syntax error, and over the field limit an unknown field, are not what is answered', async () => {
    expectRefused(await refusal(`${manyFieldsDocument(DOCUMENT_LIMITS.tokens)} }}} syntax error`), 'TOO_MANY_TOKENS', DOCUMENT_LIMITS.tokens);
    const overFieldsAndInvalid = `{ noSuchField ${'programs { code } '.repeat(DOCUMENT_LIMITS.fields / 2)}}`;
    expectRefused(await refusal(overFieldsAndInvalid), 'TOO_MANY_FIELDS', DOCUMENT_LIMITS.fields);
  });

  it('a document at every limit at once is answered', async () => {
    // fields: programs + code, (limit − 2) / 2 times, and `__typename`s carrying the directives; fragments spread.
    const fragments = Array.from({ length: DOCUMENT_LIMITS.fragments }, (_, i) => `fragment F${i} on Query { __typename }`);
    const spreads = fragments.map((_, i) => `...F${i}`).join(' ');
    const directives = '__typename @include(if: true) '.repeat(DOCUMENT_LIMITS.directives);
    const fieldsLeft = DOCUMENT_LIMITS.fields - DOCUMENT_LIMITS.fragments - DOCUMENT_LIMITS.directives;
    const query = `{ ${'programs { code } '.repeat(Math.floor(fieldsLeft / 2))} ${directives} ${spreads} } ${fragments.join(' ')}`;
    const answer = await server.post({ query });
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.programs.length).toBeGreaterThan(0);
  });
});
