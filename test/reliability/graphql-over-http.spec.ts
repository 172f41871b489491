import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverAudits } from 'graphql-http';
import type { AuditResult } from 'graphql-http';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';
import { useProductionServer } from '../security/production-server';

/**
 * The GraphQL-over-HTTP specification, checked by the audit suite of
 * `graphql-http` against the real server, in development and in production:
 * every MUST passes. SHOULD and MAY audits pass too, except the deviations
 * below, each on purpose; the summaries go to
 * test-results/graphql-over-http*.md.
 */

/**
 * Audits Aduan fails on purpose. A deviation that starts passing fails its
 * test, so this list cannot outlive the reason for it.
 */
const DELIBERATE: Record<string, string> = {
  // Apollo's CSRF prevention: a GET carrying neither a non-simple content type nor
  // `apollo-require-preflight` / `x-apollo-operation-name` could come from an
  // <img> or <script> tag on any site. GET queries work with either header.
  '5A70': 'GET without a preflight header is refused (CSRF prevention); GET with `apollo-require-preflight` works.',
  D6D5: 'GET without a preflight header is refused (CSRF prevention).',
  '6A70': 'GET without a preflight header is refused (CSRF prevention).',
  // The contract and the SDK read a 4xx as "the request itself is wrong, do not
  // retry"; `application/json` keeps the 400 of Apollo Server (the spec's
  // watershed: 200 is only a SHOULD for legacy clients).
  '572B': 'A document that does not parse is 400 GRAPHQL_PARSE_FAILED, not 200.',
  FDE2: 'A document that does not validate is 400 GRAPHQL_VALIDATION_FAILED, not 200.',
  '7B9B': 'Variables that do not coerce are 400 BAD_USER_INPUT, not 200.',
};


/**
 * Audits that ask the schema about itself (`__type`), which production refuses:
 * introspection is off there (README, NODE_ENV), so these fail in production
 * only, by name. What they check (UTF-8 bodies, a `variables` map) is checked
 * below with a public query instead.
 */
const NEED_INTROSPECTION: Record<string, string> = {
  BF61: 'MUST accept utf-8 encoded request: its document is `{ __type(name: "Run🏃Swim🏊") { name } }`.',
  '2EA1': 'SHOULD allow map {variables} parameter when accepting application/graphql-response+json: `__type(name: $name)`.',
  '28B9': 'MUST allow map {variables} parameter when accepting application/json: `__type(name: $name)`.',
  D6D5: 'MAY allow URL-encoded JSON string {variables} parameter in GETs (graphql-response+json): `__type(name: $name)`, and CSRF prevention.',
  '6A70': 'MAY allow URL-encoded JSON string {variables} parameter in GETs (application/json): `__type(name: $name)`, and CSRF prevention.',
};

function auditSuite(mode: 'development' | 'production', graphqlUrl: () => string, excepted: Record<string, string>) {
  const audits = serverAudits({ url: graphqlUrl, fetchFn: fetch });
  const results: { level: string; result: AuditResult }[] = [];

  for (const audit of audits) {
    const level = audit.name.split(' ')[0];
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      results.push({ level, result });
      const reason = result.status === 'ok' ? '' : result.reason;
      if (excepted[audit.id]) expect(result.status, `${audit.id} passes now: remove it from the exceptions`).not.toBe('ok');
      else expect(result.status, reason).toBe('ok');
    });
  }

  it('the refused GETs work once they carry a preflight header: CSRF prevention is the only reason', async () => {
    const url = new URL(graphqlUrl());
    url.searchParams.set('query', 'query ($id: ID!) { node(id: $id) { id } }');
    url.searchParams.set('variables', JSON.stringify({ id: 'UmVnaW9uOjMy' }));
    const bare = await fetch(url, { headers: { accept: 'application/graphql-response+json' } });
    expect(bare.status).toBe(400);
    const preflighted = await fetch(url, { headers: { accept: 'application/graphql-response+json', 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    expect((await preflighted.json()).data).toEqual({ node: { id: 'UmVnaW9uOjMy' } });
  });

  it('fails no MUST audit but those excepted by name', () => {
    expect(results).toHaveLength(audits.length);
    expect(results.filter(({ level, result }) => level === 'MUST' && result.status !== 'ok' && !excepted[result.id])).toEqual([]);
  });

  afterAll(() => {
    const count = (level: string, ok: boolean) => results.filter((r) => r.level === level && (r.result.status === 'ok') === ok).length;
    const lines = [
      `# GraphQL over HTTP: graphql-http audit suite, ${mode}`,
      '',
      '| level | passed | failed |',
      '| --- | --- | --- |',
      ...['MUST', 'SHOULD', 'MAY'].map((level) => `| ${level} | ${count(level, true)} | ${count(level, false)} |`),
      '',
      '| id | audit | result | why |',
      '| --- | --- | --- | --- |',
      ...results.map(({ result }) => `| ${result.id} | ${result.name} | ${result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`} | ${excepted[result.id] ?? ''} |`),
    ];
    const dir = path.join(__dirname, '../../test-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, mode === 'development' ? 'graphql-over-http.md' : `graphql-over-http-${mode}.md`), `${lines.join('\n')}\n`);
  });
}

describe('GraphQL over HTTP (graphql-http audit suite), development', () => {
  const db = useTestDatabase('demo');
  const api = useTestServer(db);
  auditSuite('development', () => `${api.url}/graphql`, DELIBERATE);
});

describe('GraphQL over HTTP (graphql-http audit suite), production (the built server, NODE_ENV=production)', () => {
  const server = useProductionServer();
  auditSuite('production', () => `${server.url}/graphql`, { ...DELIBERATE, ...NEED_INTROSPECTION });

  it('what the introspection audits check holds with a public query: a UTF-8 body, a variables map in each accepted media type', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', accept },
        body: JSON.stringify({ query: 'query ($id: ID!) { a: node(id: "Run🏃Swim🏊") { id } b: node(id: $id) { id } }', variables: { id: 'Run🏃Swim🏊' } }),
      });
      expect(response.status, accept).toBe(200);
      const body = await response.json();
      expect(body.errors, accept).toBeUndefined();
      expect(body.data, accept).toEqual({ a: null, b: null });
    }
  });

  it('introspection is what they are refused for', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __type(name: "Program") { name } }' }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
