import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './regional-portal-harness';

/**
 * What the public-dashboard browser test needs around it: the BUILT dashboard
 * as a child process (what `npm run example:dashboard` runs) and a check that
 * a page fits its screen. Chromium comes from regional-portal-harness, the axe
 * check from handler-console-harness.
 */

export const DASHBOARD_DIR = path.join(ROOT, 'examples/public-dashboard');
const DASHBOARD_ENTRY = path.join(DASHBOARD_DIR, 'dist/server.js');
/**
 * Screenshots: test-results/ (not committed) on every run, the example's own screenshots/ folder (which its README
 * shows) with UPDATE_SCREENSHOTS=1, so that a test run leaves the checkout clean.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(DASHBOARD_DIR, 'screenshots') : path.join(ROOT, 'test-results/public-dashboard');

export interface Dashboard {
  url: string;
  /** What the dashboard wrote to stderr so far (its log), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** Starts dist/server.js with PORT=0 and answers once it printed `Dasbor publik: <url>`. */
export async function startDashboard(env: Record<string, string | undefined>): Promise<Dashboard> {
  if (!existsSync(DASHBOARD_ENTRY)) throw new Error(`${path.relative(ROOT, DASHBOARD_ENTRY)} is missing: run \`npm run build\` first (npm test does).`);
  const child: ChildProcess = spawn(process.execPath, [DASHBOARD_ENTRY], {
    cwd: DASHBOARD_DIR,
    env: { ...process.env, PORT: '0', HOST: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the dashboard did not start within 20 s:\n${stdout}${stderr}`)), 20_000);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /^Dasbor publik: (http:\/\/\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the dashboard exited with code ${code} before it listened:\n${stdout}${stderr}`));
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

/** How far the page reaches past the right edge of the screen (0: no horizontal scroll). */
export async function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The elements reaching past the right edge (for the failure message): tag, class, right edge. */
export async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
  });
}
