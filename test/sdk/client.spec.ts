import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { AduanError, createClient, SDK_VERSION, TrackComplaintDocument } from '../../sdk/src/index';
import { describeOperation } from '../../sdk/src/document';
import { data, ENDPOINT, graphqlError, json, mockFetch } from './mock-fetch';

/** The SDK's request shape, headers and errors, against a mocked fetch (no network). */

const TRACKING = { trackingCode: 'ADU-7K3M-9Q2X', status: 'RECEIVED', statusLabel: 'Diterima', currentTier: 'VILLAGE', tierLabel: 'Desa/Kelurahan', submittedAt: '2026-01-05T03:00:00.000Z', lastUpdatedAt: '2026-01-05T03:00:00.000Z', dueAt: null, publicResponses: [] };

describe('requests', () => {
  it('POSTs the query, its operation name and variables as JSON, with the SDK named in User-Agent and X-Aduan-Client, and answers data', async () => {
    const mock = mockFetch({ graphql: () => data({ trackComplaint: TRACKING }, { 'x-request-id': 'abc' }) });
    const aduan = createClient({ url: ENDPOINT, fetch: mock.fetch, locale: 'en', userAgent: 'kota-bandung-portal/2.1' });
    expect(await aduan.request(TrackComplaintDocument, { trackingCode: 'ADU-7K3M-9Q2X' })).toEqual({ trackComplaint: TRACKING });
    const [call] = mock.calls;
    expect(call.url).toBe(ENDPOINT);
    expect(call.body).toEqual({ query: String(TrackComplaintDocument), operationName: 'TrackComplaint', variables: { trackingCode: 'ADU-7K3M-9Q2X' } });
    expect(call.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': `aduan-sdk/${SDK_VERSION} kota-bandung-portal/2.1`,
      'x-aduan-client': `aduan-sdk/${SDK_VERSION} kota-bandung-portal/2.1`,
      'accept-language': 'en',
    });
    expect(call.headers.authorization).toBeUndefined(); // no credentials: the public role
  });

  it('one method per operation answers its root field', async () => {
    const mock = mockFetch({ graphql: () => data({ trackComplaint: TRACKING }) });
    const aduan = createClient({ url: ENDPOINT, fetch: mock.fetch });
    expect(await aduan.trackComplaint('ADU-7K3M-9Q2X')).toEqual(TRACKING);
    expect(mock.calls[0].body.variables).toEqual({ trackingCode: 'ADU-7K3M-9Q2X' });
  });

  it('takes a document of your own as a string; per-call headers are added', async () => {
    const mock = mockFetch({ graphql: () => data({ programs: [{ code: 'PKH' }] }) });
    const aduan = createClient({ url: ENDPOINT, fetch: mock.fetch, headers: { 'x-tenant': 'a' } });
    expect(await aduan.request('{ programs { code } }', undefined, { headers: { 'x-trace': 't' } })).toEqual({ programs: [{ code: 'PKH' }] });
    expect(mock.calls[0].body).toEqual({ query: '{ programs { code } }', variables: {} });
    expect(mock.calls[0].headers).toMatchObject({ 'x-tenant': 'a', 'x-trace': 't' });
  });

  it('a bare origin gets /graphql; the token endpoint sits beside the GraphQL endpoint, under any path prefix', async () => {
    const mock = mockFetch({});
    await createClient({ url: 'https://aduan.test', fetch: mock.fetch }).request('{ viewer { clientId } }');
    await createClient({ url: 'https://gw.test/aduan/graphql/', clientId: 'a', clientSecret: 'b', fetch: mock.fetch }).request('{ viewer { clientId } }');
    expect(mock.calls.map((c) => c.url)).toEqual(['https://aduan.test/graphql', 'https://gw.test/aduan/oauth/token', 'https://gw.test/aduan/graphql']);
  });

  it('refuses contradictory or incomplete credentials at once', () => {
    expect(() => createClient({ url: ENDPOINT, token: 't', clientId: 'a', clientSecret: 'b' })).toThrow(/either `token` or `clientId`/);
    expect(() => createClient({ url: ENDPOINT, clientId: 'a' })).toThrow(/go together/);
    expect(() => createClient({ url: 'aduan.test/graphql' })).toThrow(/absolute URL/);
  });

  it('SDK_VERSION is sdk/package.json’s version', () => {
    expect(SDK_VERSION).toBe(JSON.parse(readFileSync('sdk/package.json', 'utf8')).version);
  });
});

describe('AduanError: one error for everything that is not a clean result', () => {
  it('carries the GraphQL errors, the partial data, the HTTP status and the request id', async () => {
    const partial = { complaint: { id: 'Q29tcGxhaW50OjE', trackingCode: 'ADU-AAAA-BBBB' } };
    const mock = mockFetch({ graphql: () => graphqlError('INTERNAL_SERVER_ERROR', 'Internal server error.', 200, { data: partial, requestId: 'r-42' }) });
    const error = await createClient({ url: ENDPOINT, fetch: mock.fetch }).request('query Partial { complaint(id: "x") { id trackingCode } }').catch((e) => e);
    expect(error).toBeInstanceOf(AduanError);
    expect(error).toMatchObject({ name: 'AduanError', code: 'INTERNAL_SERVER_ERROR', data: partial, status: 200, requestId: 'r-42', operationName: 'Partial', attempts: 1 });
    expect(error.errors).toEqual([{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-42' } }]);
    expect(error.message).toBe('[INTERNAL_SERVER_ERROR] Internal server error. (Partial; HTTP 200; request id r-42)');
  });

  it('an HTTP error without a GraphQL body is HTTP_ERROR with its status', async () => {
    const mock = mockFetch({ graphql: () => new Response('<html>Not Found</html>', { status: 404 }) });
    const error = await createClient({ url: ENDPOINT, fetch: mock.fetch }).request('{ programs { code } }').catch((e) => e);
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 404, errors: [], data: undefined });
    expect(error.message).toBe('[HTTP_ERROR] The server answered HTTP 404 without a GraphQL result. (HTTP 404)');
  });

  it('says how many errors came when there are several', async () => {
    const mock = mockFetch({ graphql: () => json({ errors: [{ message: 'a', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, { message: 'b' }, { message: 'c' }] }, 400) });
    const error = await createClient({ url: ENDPOINT, fetch: mock.fetch }).request('{ nope }').catch((e) => e);
    expect(error.message).toBe('[GRAPHQL_VALIDATION_FAILED] a (and 2 more errors) (HTTP 400)');
    expect(error.errors).toHaveLength(3);
  });
});

describe('reading an operation without a GraphQL parser', () => {
  it('finds kind, name and variable types, past comments, strings and leading fragments', () => {
    expect(describeOperation('{ programs { code } }')).toEqual({ kind: 'query', name: undefined, variableTypes: {} });
    expect(describeOperation(`# mutation Fake($x: Y)
      fragment F on Complaint { id status }
      mutation Submit($input: SubmitComplaintInput!, $ids: [ID!]!, $n: Int = 3) { submitComplaint(input: $input) { ...F } }`))
      .toEqual({ kind: 'mutation', name: 'Submit', variableTypes: { input: 'SubmitComplaintInput', n: 'Int' } }); // lists left out: keys go into single inputs
    expect(describeOperation('query { search(text: "mutation X($a: B) {") { id } }')).toEqual({ kind: 'query', name: undefined, variableTypes: {} });
  });

  it('refuses something that is not a document', async () => {
    const aduan = createClient({ url: ENDPOINT, fetch: mockFetch({}).fetch });
    await expect(aduan.request({ kind: 'Document' } as never)).rejects.toThrow(/must be a GraphQL string/);
  });
});
