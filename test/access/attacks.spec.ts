import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newTrackingCode } from '../../server/src/complaints/tracking-code';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/** Hostile requests, each answered with its specific code and status — never a 500, never data. */
const db = useTestDatabase('demo');
const api = useTestServer(db, { rateLimits: { clientPerMinute: 100_000, publicPerMinute: 30 } });
const ministry = as(api, 'demo-ministry');

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  api.fetch('/graphql', { method: 'POST', headers, body });

describe('query shape attacks', () => {
  it('an alias flood is QUERY_TOO_COMPLEX', async () => {
    const query = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: programs { code }`).join(' ')} }`;
    const { status, body } = await api.gql(query);
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.data).toBeUndefined();
  });

  it('deep nesting through fragments is QUERY_TOO_COMPLEX', async () => {
    const fragments = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Region { parent { ...F${i + 1} } }`).join('\n');
    const query = `{ regions { ...F0 } } ${fragments} fragment F12 on Region { code }`;
    const { status, body } = await api.gql(query);
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('a fragment cycle is GRAPHQL_VALIDATION_FAILED, answered at once', async () => {
    const { status, body } = await api.gql('{ regions { ...A } } fragment A on Region { parent { ...B } } fragment B on Region { parent { ...A } }');
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('an oversized list in variables is refused (nodes takes at most 100 ids; a 10 000-item list costs too much)', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `id${i}`);
    const { status, body } = await api.gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const { body: over } = await api.gql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids.slice(0, 101) });
    expect(over.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('a page size from a variable beyond the limit is refused per request, not cached', async () => {
    const query = 'query ($n: Int) { complaints(first: $n) { edges { node { timeline(first: $n) { edges { node { message } } } } } } }';
    expect((await ministry(query, { n: 100 })).body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect((await ministry(query, { n: 2 })).body.errors).toBeUndefined();
  });
});

describe('HTTP attacks', () => {
  it('a 5 MB body is 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await post(JSON.stringify({ query: `{ programs { code } } #${'x'.repeat(5 * 1024 * 1024)}` }));
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('malformed JSON is 400 BAD_REQUEST', async () => {
    const response = await post('{"query": "{ programs { code } }"');
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('a text/plain cross-site POST is refused by CSRF prevention (400), and executes nothing', async () => {
    const response = await post(JSON.stringify({ query: 'mutation { setApiClientDisabled(clientId: "demo-ngo-lks", disabled: true) { userErrors { code } } }' }), { 'content-type': 'text/plain' });
    expect(response.status).toBe(400);
    const [{ disabled_at }] = await db.dataSource.query(`SELECT disabled_at FROM api_clients WHERE client_id = 'demo-ngo-lks'`);
    expect(disabled_at).toBeNull();
  });

  it('a wrong content type is refused with 400 or 415, not a 500', async () => {
    for (const contentType of ['application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const response = await post('query=%7B%20programs%20%7B%20code%20%7D%20%7D', { 'content-type': contentType });
      expect([400, 415], contentType).toContain(response.status);
    }
  });

  it('a GET mutation is refused (405), a GET query works', async () => {
    const mutation = await api.fetch(`/graphql?query=${encodeURIComponent('mutation { rotateClientSecret(clientId: "x") { clientSecret } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(mutation.status).toBe(405);
    const query = await api.fetch(`/graphql?query=${encodeURIComponent('{ programs { code } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(query.status).toBe(200);
  });

  it('a batched request (an array of operations) is refused', async () => {
    const response = await post(JSON.stringify([{ query: '{ programs { code } }' }, { query: '{ channels { code } }' }]));
    expect(response.status).toBe(400);
  });

  it('1,000 random tracking codes from one address: 30 answered null, then 429 RATE_LIMITED with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    let found = 0;
    for (let i = 0; i < 1000; i += 1) {
      const response = await api.fetch('/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query ($c: String!) { trackComplaint(trackingCode: $c) { status } }', variables: { c: newTrackingCode(randomInt) } }),
      });
      statuses.push(response.status);
      const body = await response.json();
      if (response.status === 429) {
        retryAfter ??= response.headers.get('retry-after');
        expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
      } else if (body.data?.trackComplaint) found += 1;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(970);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(found).toBe(0);
    expect(statuses).not.toContain(500);
  });
});
