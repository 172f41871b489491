import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_ALIASES, MAX_COST, MAX_DEPTH, measureOperation } from '../../server/src/http/limits/query-limits';
import { queryLimitsPlugin } from '../../server/src/http/limits/query-limits.plugin';
import { limitsSchema, useLimitsServer } from './limits-server';


const measure = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  measureOperation(limitsSchema, parse(query), operationName, variables);

/** `complaint { parent { parent { … { title } } } }`, `depth` levels deep. */
function nestedFields(depth: number): string {
  return `{ complaint(id: "1") { ${'parent { '.repeat(depth - 2)}title${' }'.repeat(depth - 2)} } }`;
}

/** The same depth, each level in its own fragment. */
function nestedFragments(depth: number): string {
  const fragments = Array.from({ length: depth - 2 }, (_, i) => `fragment P${i} on Complaint { parent { ...P${i + 1} } }`);
  return `{ complaint(id: "1") { ...P0 } } ${fragments.join(' ')} fragment P${depth - 2} on Complaint { title }`;
}

function aliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: programs`).join(' ')} }`;
}

/** Two connections nested, both sized by `$n`: cost 4n² + 3n + 1. */
const NESTED_CONNECTIONS = `
  query Nested($n: Int) {
    complaints(first: $n) { edges { node { timeline(first: $n) { edges { node { id note } } } } } }
  }`;

describe('measureOperation', () => {
  it('counts depth in levels of fields, and every field once outside lists', () => {
    expect(measure('{ complaint(id: "1") { parent { title } } }')).toEqual({ depth: 3, aliases: 0, cost: 3 });
    expect(measure(nestedFields(11)).depth).toBe(11);
    expect(measure(nestedFragments(11)).depth).toBe(11);
  });

  it('multiplies a connection by `first`, or by 20 without it, and not again for its edges', () => {
    const query = '{ complaints(first: 5) { totalCount edges { node { id } } } }';
    expect(measure(query).cost).toBe(1 + 5 * (1 + (1 + (1 + 1))));
    expect(measure(query.replace('(first: 5)', '')).cost).toBe(1 + 20 * 4);
  });

  it('takes `first` from the variables, or from the variable default', () => {
    expect(measure(NESTED_CONNECTIONS, { n: 2 }).cost).toBe(4 * 2 ** 2 + 3 * 2 + 1);
    expect(measure(NESTED_CONNECTIONS, { n: 100 }).cost).toBe(4 * 100 ** 2 + 3 * 100 + 1);
    expect(measure(NESTED_CONNECTIONS.replace('$n: Int', '$n: Int = 3'), {}).cost).toBe(4 * 3 ** 2 + 3 * 3 + 1);
  });

  it('multiplies `nodes` by the number of ids, and other lists by 10', () => {
    expect(measure('{ nodes(ids: ["a", "b", "c"]) { id } }').cost).toBe(1 + 3);
    expect(measure('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b', 'c', 'd', 'e'] }).cost).toBe(1 + 5);
    expect(measure('{ complaint(id: "1") { related { id title } } }').cost).toBe(1 + (1 + 10 * 2));
    expect(measure('{ programs }').cost).toBe(1);
  });

  it('counts introspection fields as free, but their aliases still count', () => {
    expect(measure('{ __typename complaint(id: "1") { __typename id } __schema { types { name fields { name } } } }'))
      .toEqual({ depth: 2, aliases: 0, cost: 2 });
    expect(measure('{ a: __typename b: __typename }').aliases).toBe(2);
  });

  it('counts fragments and inline fragments where they are spread', () => {
    const query = `
      { complaint(id: "1") { ...Parent ... on Complaint { t: title } } other: complaint(id: "2") { ...Parent } }
      fragment Parent on Complaint { parent { x: id } }`;
    expect(measure(query)).toEqual({ depth: 3, aliases: 4, cost: (1 + 2 + 1) + (1 + 2) });
  });

  it('measures the operation named, among several', () => {
    const document = 'query Small { programs } query Deep { complaint(id: "1") { parent { id } } }';
    expect(measure(document, {}, 'Small').depth).toBe(1);
    expect(measure(document, {}, 'Deep').depth).toBe(3);
  });

  it('stops at a fragment cycle', () => {
    const query = `{ complaint(id: "1") { ...A } }
      fragment A on Complaint { parent { ...B } }
      fragment B on Complaint { parent { ...A } }`;
    expect(measure(query)).toEqual({ depth: 3, aliases: 0, cost: 3 });
  });

  it('measures fragments that fan out exponentially without expanding them', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, …: 2^40 paths written out.
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Complaint { parent { ...F${i + 1} } related { ...F${i + 1} } }`,
    );
    const query = `{ complaint(id: "1") { ...F0 } } ${fragments.join(' ')} fragment F${levels} on Complaint { id }`;
    const started = performance.now();
    const measures = measure(query);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(measures.depth).toBe(levels + 2);
    expect(measures.cost).toBeGreaterThan(MAX_COST);
  });
});

describe('query limits over HTTP', () => {
  const server = useLimitsServer(() => [queryLimitsPlugin()]);

  it('refuses depth 11 written as nested fields or as nested fragments, and allows 10', async () => {
    for (const query of [nestedFields(11), nestedFragments(11)]) {
      const { status, body } = await server.gql(query);
      expect(status).toBe(400);
      expect(body.errors[0].message).toBe(`Query depth 11 exceeds the limit of ${MAX_DEPTH}.`);
      expect(body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: MAX_DEPTH, actual: 11 });
      expect(body.data).toBeUndefined();
    }
    for (const query of [nestedFields(10), nestedFragments(10)]) {
      const { status, body } = await server.gql(query);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    }
  });

  it('refuses 16 aliases and allows 15', async () => {
    const refused = await server.gql(aliases(MAX_ALIASES + 1));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 15, actual: 16 });

    const allowed = await server.gql(aliases(MAX_ALIASES));
    expect(allowed.status).toBe(200);
    expect(Object.keys(allowed.body.data)).toHaveLength(15);
  });

  it('measures the cost of every request with its own variables, though Apollo caches the document', async () => {
    const cheap = await server.gql(NESTED_CONNECTIONS, { n: 2 });
    expect(cheap.status).toBe(200);
    expect(cheap.body.extensions.cost).toEqual({ requested: 23, limit: MAX_COST });

    // The same text: Apollo reuses the parsed, validated document from its cache.
    const costly = await server.gql(NESTED_CONNECTIONS, { n: 100 });
    expect(costly.status).toBe(400);
    expect(costly.body.errors[0]).toMatchObject({
      message: `Query cost 40301 exceeds the limit of ${MAX_COST}.`,
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: MAX_COST, actual: 40301 },
    });

    const cheapAgain = await server.gql(NESTED_CONNECTIONS, { n: 2 });
    expect(cheapAgain.status).toBe(200);
  });

  it('leaves a fragment cycle to graphql validation, without hanging', async () => {
    const { status, body } = await server.gql(`{ complaint(id: "1") { ...A } }
      fragment A on Complaint { parent { ...B } }
      fragment B on Complaint { parent { ...A } }`);
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/Cannot spread fragment "A" within itself/);
  });
});
