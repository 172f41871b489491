import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../examples/regional-portal-harness';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * The API reference as the server serves it at /docs (issue 20): offline (every
 * request to this origin, none elsewhere), under a policy as strict as the rest
 * of the server's pages, found from GET /; in Chromium, on a phone's screen, the
 * search finds submitComplaint without asking the server, and its page says who
 * may call it, its errors and the SDK's call.
 */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const db = useTestDatabase('empty');
const api = useTestServer(db, { production: true });

describe('/docs', () => {
  it('answers the site, each file under a policy that allows this origin only, no inline script or style', async () => {
    const redirect = await api.fetch('/docs', { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/docs/');
    for (const [file, type] of [['/docs/', /^text\/html/], ['/docs/mutation/submitComplaint.html', /^text\/html/], ['/docs/assets/search.js', /javascript/], ['/docs/assets/reference.css', /^text\/css/]] as const) {
      const response = await api.fetch(file, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toMatch(type);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp, file).not.toMatch(/unsafe|https?:|\*|data:/);
    }
    const html = await (await api.fetch('/docs/')).text();
    expect(html).not.toMatch(/<script>|<style|style="|\son[a-z]+="/i);
    expect((await api.fetch('/docs/nothing.html')).status).toBe(404);
    expect((await api.fetch('/docs/../package.json')).status).toBe(404);
  });

  it('GET / links it, in production too', async () => {
    const page = await (await api.fetch('/', { headers: { accept: BROWSER_ACCEPT } })).text();
    expect(page).toContain('<a href="/docs/"><code>/docs/</code></a> — Referensi API');
    expect(await (await api.fetch('/', { headers: { accept: 'application/json' } })).json()).toMatchObject({ docs: '/docs/' });
  });

  describe('in Chromium, on a phone', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('search finds submitComplaint without a request; its page shows who may call it, its errors and the SDK call', async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, javaScriptEnabled: true });
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
      page.on('request', (request) => requests.push(request.url()));
      page.on('response', (response) => {
        if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') problems.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(`${api.url}/`);
      await page.click('a[href="/docs/"]');
      await page.waitForURL(`${api.url}/docs/`);
      await page.waitForLoadState('load');
      const before = requests.length;
      await page.fill('#search', 'submitComplaint');
      const first = page.locator('#search-results li a').first();
      expect(await first.textContent()).toBe('submitComplaint');
      expect(requests.length, 'the search asked the server').toBe(before);
      await first.click();
      await page.waitForURL(`${api.url}/docs/mutation/submitComplaint.html`);
      expect(await page.textContent('h1')).toBe('submitComplaint');
      const access = await page.locator('#access + p + ul').innerText();
      expect(access).toMatch(/intake — Intake clients/);
      expect(access).toMatch(/handler — Handlers/);
      expect(access).toMatch(/bank — Banks/);
      const main = await page.locator('main').innerText();
      expect(main).toContain('UNAUTHENTICATED');
      expect(main).toContain('FORBIDDEN');
      expect(main).toContain('IDEMPOTENCY_KEY_REUSED');
      expect(await page.locator('pre.sdk-call').innerText()).toContain('await client.submitComplaint(input);');
      expect(await page.locator('pre.sdk-document').innerText()).toContain('mutation SubmitComplaint($input: SubmitComplaintInput!)');
      // Readable on the phone: nothing wider than the screen but the code blocks, which scroll themselves.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      // Enter opens the first result; a type's page links back to the calls.
      await page.fill('#search', 'UserErrorCode');
      await page.press('#search', 'Enter');
      await page.waitForURL(`${api.url}/docs/type/UserErrorCode.html`);
      expect(await page.locator('#v-STALE_VERSION').count()).toBe(1);
      expect(requests.every((url) => url.startsWith(api.url)), requests.join('\n')).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
