import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compilableComplaintDocument, nestedComplaintDocument } from '../../bench/harness/hostile-documents';
import { aduanOperation, WORKLOADS, WorkloadName } from '../../bench/workloads';
import * as generated from '../../sdk/src/generated/graphql';
import { COMPILATION, selectedFields } from '../../server/src/graphql/compiled-execution';
import { countTokens, DOCUMENT_LIMITS, measureDocument } from '../../server/src/http/limits/document-limits';

/**
 * The document limits (server/src/http/limits/document-limits.ts) must leave
 * every real operation far inside them: each operation of the SDK (what the
 * examples and integrators send, fragments included as the SDK sends them)
 * and of the benchmark is measured here, and must use at most a third of each
 * limit. Operations are compiled only up to COMPILATION.maxFields selected
 * fields: each of these must be one that can be.
 */
const MARGIN = 3;

const sdkDocuments = Object.entries(generated)
  .filter(([name, value]) => name.endsWith('Document') && value instanceof String)
  .map(([name, value]) => ({ name: `SDK ${name}`, text: String(value) }));
const benchDocuments = (Object.keys(WORKLOADS) as WorkloadName[]).map((workload) => ({ name: `benchmark ${workload}`, text: aduanOperation(workload, {} as never).query }));
const documents = [...sdkDocuments, ...benchDocuments];

describe('the document limits leave every real operation room to spare', () => {
  it('finds the operations', () => {
    expect(sdkDocuments.length).toBeGreaterThan(50);
    expect(benchDocuments).toHaveLength(Object.keys(WORKLOADS).length);
  });

  it.each(documents)('$name: tokens, fields, directives and fragments at most a third of each limit; compilable', ({ text }) => {
    const document = parse(text);
    const measures = { tokens: countTokens(text), ...measureDocument(document) };
    for (const measure of Object.keys(DOCUMENT_LIMITS) as (keyof typeof DOCUMENT_LIMITS)[]) {
      expect(measures[measure] * MARGIN, `${measure}: ${measures[measure]} of ${DOCUMENT_LIMITS[measure]}`).toBeLessThanOrEqual(DOCUMENT_LIMITS[measure]);
    }
    const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition')!;
    expect(selectedFields(document, operation, COMPILATION.maxFields)).toBeLessThanOrEqual(COMPILATION.maxFields);
  });
});

describe('measuring documents', () => {
  it('counts tokens as the parser does, and stops counting past the bound', () => {
    expect(countTokens('{ programs { code } }')).toBe(6);
    // The parser takes a document of N tokens with maxTokens N, and not with N − 1 (comments and commas are no tokens).
    for (const text of ['# a comment\n{ a(b: "c d", e: [1, 2.5]) @skip(if: $f) }', '"""a block"""\nquery Q($v: [ID!]! = ["x"]) { ... on Query { __typename } }', nestedComplaintDocument(1)]) {
      const tokens = countTokens(text);
      expect(() => parse(text, { maxTokens: tokens })).not.toThrow();
      expect(() => parse(text, { maxTokens: tokens - 1 })).toThrow(/Document contains more/); // graphql 16.15 says "more that N tokens"
    }
    expect(countTokens('{ a } '.repeat(1000), 10)).toBe(11);
    expect(countTokens('{ a } "unterminated')).toBe(3);
  });

  it('counts fields, directives and fragment definitions as written, a fragment once however often spread', () => {
    const document = parse('query Q($x: Boolean!) { a: programs @include(if: $x) { ...P ...P } channels { code @skip(if: $x) } } fragment P on Program { code name }');
    expect(measureDocument(document)).toEqual({ fields: 5, directives: 2, fragments: 1 });
  });

  it('counts the fields an operation selects with its fragments written out, and stops past the bound', () => {
    const document = parse('{ programs { ...P ...P } } fragment P on Program { code name }');
    expect(selectedFields(document, document.definitions[0] as never, 100)).toBe(5);
    // Finding 1's document: ~200 fields written, 4,191 selected (cost 4,191); counting stops at the bound.
    const nested = parse(nestedComplaintDocument(1));
    expect(measureDocument(nested).fields).toBeLessThan(DOCUMENT_LIMITS.fields);
    expect(selectedFields(nested, nested.definitions[0] as never, 10_000)).toBe(4_191);
    expect(selectedFields(nested, nested.definitions[0] as never, COMPILATION.maxFields)).toBe(COMPILATION.maxFields + 1);
    // The security suite's compilable one (its weight estimate counts on 231).
    const compilable = parse(compilableComplaintDocument(1));
    expect(selectedFields(compilable, compilable.definitions[0] as never, COMPILATION.maxFields)).toBe(231);
  });
});
