import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphiqlRouter } from '../../server/src/http/graphiql';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('graphiqlRouter', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use(graphiqlRouter({ endpoint: '/graphql' }));
    // Stands in for Apollo: whatever the router passes on ends up here.
    app.all('/graphql', (_req, res) => {
      res.json({ data: { stub: true } });
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  });

  const getPage = async () => {
    const res = await fetch(`${base}/graphql`, { headers: { Accept: BROWSER_ACCEPT } });
    return { res, body: await res.text() };
  };

  it('answers a browser (Accept: text/html) with the IDE page', async () => {
    for (const accept of ['text/html', BROWSER_ACCEPT]) {
      const res = await fetch(`${base}/graphql`, { headers: { Accept: accept } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const body = await res.text();
      expect(body).toContain('<title>Aduan GraphQL</title>');
      expect(body).toContain('id="graphiql"');
    }
  });

  it('sets a Content-Security-Policy that allows only this origin', async () => {
    const { res } = await getPage();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('puts the example query and the Authorization hint in the page', async () => {
    const { body } = await getPage();
    const match = body.match(/<script type="application\/json" id="graphiql-config">([^<]*)<\/script>/);
    expect(match).not.toBeNull();
    const config = JSON.parse(match![1]) as { endpoint: string; defaultQuery: string };
    expect(config.endpoint).toBe('/graphql');
    const squashed = config.defaultQuery
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    expect(squashed).toBe(
      '{ programs { code name } channels { code name contact serviceHours } regions { code name timeZone } }',
    );
    expect(config.defaultQuery).toContain('"Authorization": "Bearer <token>"');
    expect(config.defaultQuery).toContain('POST /oauth/token');
  });

  it('passes JSON requests on to the next handler', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json', '*/*']) {
      const res = await fetch(`${base}/graphql`, { headers: { Accept: accept } });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ data: { stub: true } });
    }
    const noAccept = await fetch(`${base}/graphql`, { headers: { Accept: '' } });
    expect(await noAccept.json()).toEqual({ data: { stub: true } });
  });

  it('passes GET requests with ?query= on to the next handler, even from a browser', async () => {
    const res = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { Accept: BROWSER_ACCEPT },
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ data: { stub: true } });
  });

  it('passes POST requests on to the next handler', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { Accept: BROWSER_ACCEPT, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await res.json()).toEqual({ data: { stub: true } });
  });

  it('loads nothing from another origin', async () => {
    const { body } = await getPage();
    expect(body).not.toMatch(/https?:\/\//i);
    expect(body).not.toMatch(/(src|href)\s*=\s*["']?\/\//i);
  });

  it('serves every script and stylesheet in the page from this server', async () => {
    const { body } = await getPage();
    const scripts = [...body.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    const styles = [...body.matchAll(/<link\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThanOrEqual(4); // react, react-dom, graphiql, start-up
    expect(styles.length).toBeGreaterThanOrEqual(1);
    for (const [urls, type] of [
      [scripts, /^(text|application)\/javascript/],
      [styles, /^text\/css/],
    ] as const) {
      for (const url of urls) {
        expect(url).toMatch(/^\/graphiql\/assets\/[^/]/);
        const res = await fetch(`${base}${url}`);
        expect(res.status, url).toBe(200);
        expect(res.headers.get('content-type'), url).toMatch(type);
        expect(res.headers.get('cache-control'), url).toMatch(/max-age=31536000/);
        expect((await res.arrayBuffer()).byteLength, url).toBeGreaterThan(0);
      }
    }
  });

  it('serves only the listed files of the packages', async () => {
    const { body } = await getPage();
    const graphiqlJs = body.match(/src="(\/graphiql\/assets\/graphiql@[^/]+)\/graphiql\.min\.js"/);
    expect(graphiqlJs).not.toBeNull();
    const res = await fetch(`${base}${graphiqlJs![1]}/package.json`);
    expect(res.status).toBe(404);
  });
});
