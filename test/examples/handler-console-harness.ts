import axe from 'axe-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from './regional-portal-harness';

/**
 * What the handler-console browser tests need around them: the BUILT console
 * as a child process (what `npm run example:console` runs), officers signing
 * in through its form, and an accessibility check of a page.
 * Chromium comes from regional-portal-harness (Debian's; nothing downloads a browser).
 */

export const CONSOLE_DIR = path.join(ROOT, 'examples/handler-console');
const CONSOLE_ENTRY = path.join(CONSOLE_DIR, 'dist/server.js');
/** The demo accounts' password (examples/handler-console/README.md). */
export const DEMO_PASSWORD = 'sandi-demo-konsol';
/**
 * Where the browser tests put their screenshots: test-results/ (not committed) on every run, and the example's own
 * screenshots/ folder, which its README shows, with UPDATE_SCREENSHOTS=1 (so a test run leaves the checkout clean).
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(CONSOLE_DIR, 'screenshots') : path.join(ROOT, 'test-results/handler-console');

export interface Console {
  url: string;
  /** What the console wrote to stderr so far (its log), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** Starts dist/server.js with PORT=0 and answers once it printed `Konsol petugas: <url>`. */
export async function startConsole(env: Record<string, string | undefined>): Promise<Console> {
  if (!existsSync(CONSOLE_ENTRY)) throw new Error(`${path.relative(ROOT, CONSOLE_ENTRY)} is missing: run \`npm run build\` first (npm test does).`);
  const child: ChildProcess = spawn(process.execPath, [CONSOLE_ENTRY], {
    cwd: CONSOLE_DIR,
    env: { ...process.env, PORT: '0', HOST: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the console did not start within 20 s:\n${stdout}${stderr}`)), 20_000);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /^Konsol petugas: (http:\/\/\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the console exited with code ${code} before it listened:\n${stdout}${stderr}`));
    });
  });
  return {
    url,
    log: () => stderr,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** A browser context of its own (its own cookies: one officer) with Indonesian locale and Jakarta's clock. */
export async function officerContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1280, height: 900 } });
}

/** Signs in through the console's form as a demo account; answers on the page the console lands on. */
export async function signIn(context: BrowserContext, consoleUrl: string, username: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${consoleUrl}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  // The password check takes a moment (scrypt, by design): wait for the page the console sends the officer to.
  await page.waitForURL((url) => !url.pathname.startsWith('/masuk'), { timeout: 20_000 }).catch(async () => {
    throw new Error(`signing in as ${username} did not leave the sign-in page (${page.url()}): ${(await page.content()).replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").slice(0, 600)}`);
  });
  return page;
}

/**
 * axe-core on the page as it is: no serious or critical violation (WCAG 2.1 A/AA rules). axe-core itself, put into the
 * page as @axe-core/playwright does (evaluated through the DevTools protocol, so the page's CSP does not stop it); the
 * wrapper is not used: its releases declare Node ≥ 22 (ADR 0040), and the pages have no frames for it to walk.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
  );
  const grave = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(grave.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), `accessibility of ${what}`).toEqual([]);
}
