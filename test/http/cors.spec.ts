import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * CORS (docs/adr/0011-cors.md): a page on another origin may call /graphql
 * (public operations, or with a token its own code holds), never /oauth/token.
 * Checked on the wire, and in a real Chromium, where the browser — not the
 * server — decides whether a page sees an answer.
 */

const db = useTestDatabase('demo');
const api = useTestServer(db);

const CHROMIUM = '/usr/bin/chromium';
const FOREIGN_PAGE = `<!doctype html><meta charset="utf-8"><title>widget</title>`;

describe('CORS headers', () => {
  it('a preflight for /graphql from any origin allows POST with a bearer token and JSON', async () => {
    const response = await api.fetch('/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://desa-sukamaju.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('an answer from /graphql exposes the request id and Retry-After to the page', async () => {
    const response = await api.fetch('/graphql', {
      method: 'POST',
      headers: { origin: 'https://desa-sukamaju.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ programs { code } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id,retry-after');
  });

  it('/oauth/token answers no CORS headers, so no page on another origin can use a client secret', async () => {
    const preflight = await api.fetch('/oauth/token', {
      method: 'OPTIONS',
      headers: { origin: 'https://desa-sukamaju.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const token = await api.fetch('/oauth/token', {
      method: 'POST',
      headers: { origin: 'https://desa-sukamaju.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=demo-portal-3273&client_secret=demo-portal-3273-secret',
    });
    expect(token.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS in a real browser', () => {
  let browser: Browser;
  let foreign: http.Server;
  let foreignUrl: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does.`);
    foreign = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FOREIGN_PAGE));
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    // Another port is another origin: the browser applies the same rules as for another host.
    foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (foreign ? foreign.close(() => resolve()) : resolve()));
  });

  it('a page on another origin reads a public query, and is refused the token endpoint', async () => {
    const page = await browser.newPage();
    await page.goto(foreignUrl);
    const outcome = await page.evaluate(async (apiUrl) => {
      const graphql = await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'id' },
        body: JSON.stringify({ query: '{ programs { code } }' }),
      }).then(async (r) => ({ status: r.status, requestId: r.headers.get('x-request-id'), body: await r.json() }));
      const token = await fetch(`${apiUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'demo-portal-3273', client_secret: 'demo-portal-3273-secret' }),
      }).then(() => 'answered', (error: Error) => `refused: ${error.name}`);
      return { graphql, token };
    }, api.url);
    await page.close();

    expect(outcome.graphql.status).toBe(200);
    expect(outcome.graphql.requestId).toMatch(/\S+/);
    expect(outcome.graphql.body.data.programs.map((p: { code: string }) => p.code)).toContain('PKH');
    expect(outcome.token).toBe('refused: TypeError');
  });
});
