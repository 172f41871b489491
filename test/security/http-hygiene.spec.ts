import { describe, expect, it } from 'vitest';
import { useProductionServer } from './production-server';

/**
 * Finding 9 of issue 15 (HTTP): an unknown path answered Express's HTML
 * "Cannot GET /x", naming the framework to a scanner and breaking the rule
 * that every error is JSON with a code; and no answer carried
 * `X-Content-Type-Options: nosniff`, so a browser could sniff a JSON answer
 * that echoes caller text into something it runs.
 */
describe('unknown paths and response headers in production', () => {
  const server = useProductionServer();

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])('%s /wp-login.php: a JSON 404 with a code, not an HTML page', async (method) => {
    const response = await fetch(`${server.url}/wp-login.php?user=admin`, { method, headers: { 'content-type': 'application/json' }, body: ['GET', 'OPTIONS'].includes(method) ? undefined : '{}' });
    const text = await response.text();
    expect(response.status, text).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(text).not.toMatch(/Cannot|<|express/i);
    expect(JSON.parse(text)).toEqual({
      errors: [{
        // Bahasa Indonesia: no Accept-Language ("Nothing at … The API answers at /graphql …" in English).
        message: `Tidak ada apa pun di ${method} /wp-login.php. API menjawab di /graphql (GraphQL over HTTP), token di POST /oauth/token.`,
        extensions: { code: 'NOT_FOUND', requestId: response.headers.get('x-request-id') },
      }],
    });
  });

  it('HEAD of an unknown path: the headers of the JSON 404, no body', async () => {
    const response = await fetch(`${server.url}/.env`, { method: 'HEAD' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('');
  });

  it('the IDE is not served in production: its assets are an unknown path too', async () => {
    const response = await fetch(`${server.url}/graphiql/assets/graphiql.min.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('every JSON answer says nosniff and forbids being a document: GraphQL, errors, tokens, health, metrics', async () => {
    const token = await server.token('demo-dinsos-3273');
    const answers = [
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ programs { code } }' }) }),
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ viewer { organisation { name } } }' }) }),
      await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ programs { code } }')}`, { headers: { 'apollo-require-preflight': 'true' } }),
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ programs { cod } }' }) }),
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ programs' }),
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' }, body: JSON.stringify({ query: '{ programs { code } }' }) }),
      await fetch(`${server.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=demo-dinsos-3273&client_secret=demo-dinsos-3273-secret' }),
      await fetch(`${server.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=demo-dinsos-3273&client_secret=wrong' }),
      await fetch(`${server.url}/healthz`),
      await fetch(`${server.url}/readyz`),
      await fetch(`${server.url}/metrics`),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 400, 400, 401, 200, 400, 200, 200, 403]);
    for (const answer of answers) {
      expect(answer.headers.get('content-type'), answer.url).toMatch(/^application\/(graphql-response\+)?json/);
      expect(answer.headers.get('x-content-type-options'), answer.url).toBe('nosniff');
      expect(answer.headers.get('content-security-policy'), answer.url).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });
});
