import { describe, expect, it } from 'vitest';
import { GRAPHIQL_CSP } from '../../server/src/http/graphiql';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * What production hides or hardens (issue 15: test/security/schema-suggestions
 * and http-hygiene) stays helpful in development: graphql-js's suggestions are
 * kept, and the IDE's page keeps its own Content-Security-Policy under the
 * JSON answers' one.
 */
const db = useTestDatabase('demo');
const api = useTestServer(db);

describe('development answers', () => {
  it('a misspelt field still gets its suggestion', async () => {
    const { status, body } = await api.gql('{ programs { cod } }');
    expect(status).toBe(400);
    // graphql-js's own detail, after a sentence in the caller's language (Bahasa Indonesia: no Accept-Language).
    expect(body.errors?.[0].message).toBe('Kueri tidak sesuai dengan skema API: Cannot query field "cod" on type "Program". Did you mean "code" or "id"?');
  });

  it('the IDE page is served with its own policy, its script with nosniff; an unknown path is the JSON 404', async () => {
    const page = await api.fetch('/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(GRAPHIQL_CSP);
    const html = await page.text();
    const script = html.match(/<script src="([^"]+)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await api.fetch(script!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await api.fetch('/graphiql/assets/nothing.js');
    expect(missing.status).toBe(404);
    expect((await missing.json()).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
