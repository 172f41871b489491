import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_CLIENT_IDS } from '../../server/src/demo/reference.data';
import { launchChromium } from '../examples/regional-portal-harness';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * Issue 20: `GET /` answered nothing a developer could use, and the IDE gave no
 * way to get a token (curl, then paste a header). `/` now points to the API,
 * its IDE, the health checks and the reference; the development IDE fetches a
 * demo client's token itself — never in production, where there is no IDE.
 */

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const db = useTestDatabase('demo');

describe('GET / in development', () => {
  const api = useTestServer(db, { demoClientIds: DEMO_CLIENT_IDS });

  it('a browser gets a page in Bahasa Indonesia and English linking the IDE, the API reference and the health checks', async () => {
    const response = await api.fetch('/', { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe|https?:|\*/);
    const html = await response.text();
    expect(html).not.toMatch(/<script/i);
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['/graphql', '/docs/', '/healthz', '/readyz']);
    expect(html).toContain('IDE-nya');
    expect(html).toContain('its IDE');
    expect(html).toMatch(/<a href="\/docs\/"><code>\/docs\/<\/code><\/a> — Referensi API: setiap kueri, mutasi, dan tipe<br \/><span class="en">API reference: every query, mutation and type/);
    // Every link answers.
    for (const href of hrefs) expect((await api.fetch(href, { headers: { accept: BROWSER_ACCEPT } })).status, href).toBe(200);
  });

  it('a program (Accept: application/json) gets the same links as JSON', async () => {
    const response = await api.fetch('/', { headers: { accept: 'application/json' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      name: 'Aduan', graphql: '/graphql', ide: '/graphql', docs: '/docs/', token: '/oauth/token', health: '/healthz', ready: '/readyz',
    });
  });

  it('the IDE lists the demo clients it can fetch a token for', async () => {
    const html = await (await api.fetch('/graphql', { headers: { accept: BROWSER_ACCEPT } })).text();
    const options = [...html.matchAll(/<option>([^<]+)<\/option>/g)].map((m) => m[1]);
    expect(options).toEqual([...DEMO_CLIENT_IDS]);
    const config = JSON.parse(/id="graphiql-config">([^<]*)</.exec(html)![1]);
    expect(config.tokenEndpoint).toBe('/oauth/token');
    expect(config.demoClients[0]).toEqual({ id: DEMO_CLIENT_IDS[0], secret: `${DEMO_CLIENT_IDS[0]}-secret` });
  });

  describe('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('"Get a token" puts a working demo token in the Headers pane, and the query runs as that client', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // Every request of the page answered (but the favicon the browser asks for on its own: the server has none).
      page.on('response', (response) => {
        if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') errors.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(`${api.url}/graphql`);
      await page.locator('.graphiql-container').waitFor();
      await page.selectOption('#demo-client', 'demo-dinsos-3273');
      await page.click('#demo-token button');
      await page.waitForFunction(() => document.querySelector('#demo-token output')?.textContent?.includes('Headers'));
      expect(await page.textContent('#demo-token output')).toBe('Token demo-dinsos-3273 ada di panel Headers / is in the Headers pane');
      const editorTexts = () => page.evaluate(() =>
        [...document.querySelectorAll('.CodeMirror')].map((e) => (e as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue()));
      const headers = JSON.parse((await editorTexts()).find((text) => text.trim().startsWith('{') && text.includes('Bearer'))!);
      expect(Object.keys(headers)).toEqual(['Authorization']);
      const answer = await api.gql('{ viewer { clientId } }', {}, headers);
      expect(answer.body.data).toEqual({ viewer: { clientId: 'demo-dinsos-3273' } });
      // And in the IDE itself: the query runs with it.
      await page.evaluate(() => {
        const query = [...document.querySelectorAll('.graphiql-query-editor .CodeMirror')][0] as unknown as { CodeMirror: { setValue(text: string): void } };
        query.CodeMirror.setValue('{ viewer { clientId } }');
      });
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(() => [...document.querySelectorAll('.result-window .CodeMirror')]
        .some((e) => (e as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue().includes('"clientId": "demo-dinsos-3273"')));
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});

describe('GET / in production', () => {
  const api = useTestServer(db, { production: true, demoClientIds: DEMO_CLIENT_IDS });

  it('the page says the IDE is off, and nothing offers a demo token', async () => {
    const html = await (await api.fetch('/', { headers: { accept: BROWSER_ACCEPT } })).text();
    expect(html).toContain('IDE tidak aktif di produksi');
    expect(html).not.toMatch(/demo|token demo/i);
    expect(await (await api.fetch('/', { headers: { accept: 'application/json' } })).json()).toMatchObject({ graphql: '/graphql', ide: null });
    const ide = await api.fetch('/graphql', { headers: { accept: BROWSER_ACCEPT } });
    expect(await ide.text()).not.toMatch(/demo-token|<option>/);
  });
});
