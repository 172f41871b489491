import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useProductionServer } from './production-server';

/**
 * Issue 15, finding 5: odd request envelopes. Two operations and no
 * `operationName`, or an `operationName` the document does not define, made
 * the compiled executor read an undefined operation: a 500 and a stack-trace
 * "resolver error" log line, an "internal error" alert anyone could fire. A
 * persisted-query hash that does not match the query was a 400 whose code was
 * INTERNAL_SERVER_ERROR (logged the same way). Every envelope below, odd in one
 * way each, must get a 4xx (or its answer) with a code a client can act on, and
 * the server must log no error-level line for any of them.
 */
const server = useProductionServer();

const Q = '{ programs { code } }';
const TRACK = 'query T($c: String!) { trackComplaint(trackingCode: $c) { status } }';
const TWO = 'query A { programs { code } } query B { channels { code } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Envelope {
  name: string;
  /** A JSON value (sent as JSON), or the raw body text. */
  body?: unknown;
  raw?: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** For GET: the search parameters. */
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** Expected: the status and `errors[0].extensions.code` (`data` when answered without errors). */
  status: number;
  code: string;
}

const ENVELOPES: Envelope[] = [
  // Operation selection (the compiled executor's 500s).
  { name: 'two operations, no operationName', body: { query: TWO }, status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'two operations, operationName null', body: { query: TWO, operationName: null }, status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'an operationName the document does not define', body: { query: 'query A { programs { code } }', operationName: 'B' }, status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'an operationName for an anonymous operation', body: { query: Q, operationName: 'A' }, status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'two operations, one named', body: { query: TWO, operationName: 'B' }, status: 200, code: 'data' },
  { name: 'operationName not a string', body: { query: Q, operationName: 7 }, status: 400, code: 'BAD_REQUEST' },
  { name: 'a subscription (the schema has none)', body: { query: 'subscription { programs { code } }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a document with only a fragment', body: { query: 'fragment F on Query { programs { code } }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  // Automatic persisted queries.
  { name: 'persisted-query hash not that of the query', body: { query: Q, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('another query') } } }, status: 400, code: 'BAD_REQUEST' },
  { name: 'persisted-query hash a number', body: { query: Q, extensions: { persistedQuery: { version: 1, sha256Hash: 5 } } }, status: 400, code: 'BAD_REQUEST' },
  { name: 'persisted query without a hash, with the query', body: { query: Q, extensions: { persistedQuery: { version: 1 } } }, status: 400, code: 'BAD_REQUEST' },
  { name: 'persisted-query version 2', body: { query: Q, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(Q) } } }, status: 400, code: 'BAD_REQUEST' },
  { name: 'persisted query not an object', body: { query: Q, extensions: { persistedQuery: 'x' } }, status: 400, code: 'BAD_REQUEST' },
  { name: 'persisted-query hash never registered', body: { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('never sent') } } }, status: 200, code: 'PERSISTED_QUERY_NOT_FOUND' },
  { name: 'persisted query registered with its hash', body: { query: Q, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(Q) } } }, status: 200, code: 'data' },
  // The query.
  { name: 'no query', body: {}, status: 400, code: 'BAD_REQUEST' },
  { name: 'query empty', body: { query: '' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'query null', body: { query: null }, status: 400, code: 'BAD_REQUEST' },
  { name: 'query blank', body: { query: '   ' }, status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'query a number', body: { query: 5 }, status: 400, code: 'BAD_REQUEST' },
  { name: 'query an object', body: { query: { programs: 'code' } }, status: 400, code: 'BAD_REQUEST' },
  { name: 'query a list', body: { query: [Q] }, status: 400, code: 'BAD_REQUEST' },
  { name: 'query with a NUL character', body: { query: `${Q}\u0000` }, status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'query with a lone surrogate', body: { query: `${Q} # \ud800` }, status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'a list literal nested 3,000 deep', body: { query: `{ nodes(ids: ${'['.repeat(3000)}"x"${']'.repeat(3000)}) { id } }` }, status: 400, code: 'TOO_MANY_TOKENS' },
  { name: 'a list literal nested 900 deep', body: { query: `{ nodes(ids: ${'['.repeat(900)}"x"${']'.repeat(900)}) { id } }` }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an object literal nested 450 deep', body: { query: `mutation { rateResolution(input: ${'{a: '.repeat(450)}1${'}'.repeat(450)}) { userErrors { code } } }` }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'selections nested 200 deep', body: { query: `{ node(id: "x") { ${'... on Complaint { appealOf { '.repeat(200)}id${' } }'.repeat(200)} } }` }, status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: 'introspection in production', body: { query: '{ __schema { types { name } } }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  // Variables and extensions.
  { name: 'variables a string', body: { query: Q, variables: '{}' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'variables a list', body: { query: Q, variables: [1] }, status: 400, code: 'BAD_REQUEST' },
  { name: 'variables a number', body: { query: Q, variables: 1 }, status: 400, code: 'BAD_REQUEST' },
  { name: 'variables null', body: { query: Q, variables: null }, status: 200, code: 'data' },
  { name: 'a variable of the wrong type', body: { query: TRACK, variables: { c: 5 } }, status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a required variable missing', body: { query: TRACK }, status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a variable under __proto__', raw: `{"query":${JSON.stringify(TRACK)},"variables":{"__proto__":{"c":"x"}}}`, status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a list variable nested 100,000 deep', raw: `{"query":"query N($ids: [ID!]!) { nodes(ids: $ids) { id } }","variables":{"ids":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`, status: 400, code: 'BAD_USER_INPUT' },
  { name: 'an undeclared variable nested 100,000 deep', raw: `{"query":${JSON.stringify(Q)},"variables":{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}`, status: 200, code: 'data' },
  { name: 'extensions a string', body: { query: Q, extensions: '{}' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'extensions a list', body: { query: Q, extensions: [1] }, status: 400, code: 'BAD_REQUEST' },
  { name: 'extensions null', body: { query: Q, extensions: null }, status: 200, code: 'data' },
  // The body and the HTTP envelope.
  { name: 'a batch', body: [{ query: Q }], status: 400, code: 'BAD_REQUEST' },
  { name: 'an empty batch', body: [], status: 400, code: 'BAD_REQUEST' },
  { name: 'body a JSON string', raw: '"x"', status: 400, code: 'BAD_REQUEST' },
  { name: 'body a JSON number', raw: '5', status: 400, code: 'BAD_REQUEST' },
  { name: 'body JSON null', raw: 'null', status: 400, code: 'BAD_REQUEST' },
  { name: 'body not JSON', raw: '{', status: 400, code: 'BAD_REQUEST' },
  { name: 'body empty', raw: '', status: 400, code: 'BAD_REQUEST' },
  { name: 'body over 1 MB', raw: JSON.stringify({ query: `${Q}${' '.repeat(1_100_000)}` }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'content type text/plain', raw: JSON.stringify({ query: Q }), headers: { 'content-type': 'text/plain' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'content type application/graphql', raw: Q, headers: { 'content-type': 'application/graphql' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'content type JSON in latin1', raw: JSON.stringify({ query: Q }), headers: { 'content-type': 'application/json; charset=latin1' }, status: 415, code: 'BAD_REQUEST' },
  { name: 'accept text/html only', body: { query: Q }, headers: { accept: 'text/html' }, status: 406, code: 'BAD_REQUEST' },
  { name: 'method PUT', body: { query: Q }, method: 'PUT', status: 405, code: 'BAD_REQUEST' },
  { name: 'GET with a mutation', method: 'GET', params: { query: 'mutation { rateResolution(input: { trackingCode: "x", pin: "123456", rating: 5 }) { userErrors { code } } }' }, status: 405, code: 'BAD_REQUEST' },
  { name: 'GET with two operations, no operationName', method: 'GET', params: { query: TWO }, status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'GET without a query', method: 'GET', params: {}, status: 400, code: 'BAD_REQUEST' },
  { name: 'GET with variables not JSON', method: 'GET', params: { query: Q, variables: '{' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'GET with variables a list', method: 'GET', params: { query: Q, variables: '[1]' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'GET with extensions not JSON', method: 'GET', params: { query: Q, extensions: 'x' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'GET with a persisted-query hash not that of the query', method: 'GET', params: { query: Q, extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256('another') } }) }, status: 400, code: 'BAD_REQUEST' },
];

async function send(envelope: Envelope): Promise<{ status: number; code: string; text: string }> {
  const method = envelope.method ?? 'POST';
  const headers: Record<string, string> = method === 'GET'
    ? { 'apollo-require-preflight': 'true', ...envelope.headers } // past CSRF prevention, to the envelope
    : { 'content-type': 'application/json', ...envelope.headers };
  const url = `${server.url}/graphql${envelope.params ? `?${new URLSearchParams(envelope.params)}` : ''}`;
  const body = method === 'GET' ? undefined : envelope.raw ?? JSON.stringify(envelope.body);
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let code = `not JSON: ${text.slice(0, 80)}`;
  try {
    const parsed = JSON.parse(text);
    code = parsed.errors?.[0]?.extensions?.code ?? (parsed.data ? 'data' : 'no code');
  } catch { /* reported as not JSON */ }
  return { status: response.status, code, text };
}

describe('odd envelopes get a 4xx with a code, never a 500, and log no error', () => {
  it(`${ENVELOPES.length} envelopes`, async () => {
    const logFrom = server.process.stdout().length;
    const wrong: string[] = [];
    for (const envelope of ENVELOPES) {
      const answer = await send(envelope);
      if (answer.status !== envelope.status || answer.code !== envelope.code) {
        wrong.push(`${envelope.name}: ${answer.status} ${answer.code}, expected ${envelope.status} ${envelope.code} — ${answer.text.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
    const errorLines = server.process.stdout().slice(logFrom).split('\n').filter((line) => /"level":"(error|fatal)"/.test(line));
    expect(errorLines.map((line) => line.slice(0, 300))).toEqual([]);
  });
});
