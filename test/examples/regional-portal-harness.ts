import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Response } from 'playwright-core';

/**
 * What the regional-portal browser test needs around it: the BUILT portal as
 * a child process (what `npm start -w examples/regional-portal` runs), a real
 * headless Chromium (Debian's; nothing downloads a browser), and a record of
 * every request the browser made and every response it received.
 */

export const ROOT = path.resolve(__dirname, '../..');
export const PORTAL_DIR = path.join(ROOT, 'examples/regional-portal');
const PORTAL_ENTRY = path.join(PORTAL_DIR, 'dist/server.js');
const CHROMIUM = '/usr/bin/chromium';

export interface Portal {
  url: string;
  /** What the portal wrote to stderr so far (its log), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** Starts dist/server.js with PORT=0 and answers once it printed `Portal Kota Bandung: <url>`. */
export async function startPortal(env: Record<string, string | undefined>): Promise<Portal> {
  if (!existsSync(PORTAL_ENTRY)) throw new Error(`${path.relative(ROOT, PORTAL_ENTRY)} is missing: run \`npm run build\` first (npm test does).`);
  const child: ChildProcess = spawn(process.execPath, [PORTAL_ENTRY], {
    cwd: PORTAL_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal did not start within 20 s:\n${stdout}${stderr}`)), 20_000);
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /^Portal Kota Bandung: (http:\/\/\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with code ${code} before it listened:\n${stdout}${stderr}`));
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

/** Debian's Chromium, headless. Missing is a failure, never a skip: CI installs it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the regional-portal test needs Debian's Chromium. Install it with \`apt-get install chromium\` (.ci/run does).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  status: number;
  responseHeaders: Record<string, string>;
  body: string;
}

/** Records every request of the context's pages with the response it got, bodies included. */
export function recordTraffic(context: BrowserContext): { exchanges(): Promise<Exchange[]> } {
  const pending: Promise<Exchange>[] = [];
  context.on('response', (response) => pending.push(describe(response)));
  return { exchanges: () => Promise.all(pending) };
}

async function describe(response: Response): Promise<Exchange> {
  const request = response.request();
  let body = '';
  try {
    body = (await response.body()).toString('utf8');
  } catch {
    // Redirects and responses of pages already left have no body to read.
  }
  return {
    method: request.method(),
    url: response.url(),
    requestHeaders: await request.allHeaders(),
    status: response.status(),
    responseHeaders: await response.allHeaders(),
    body,
  };
}
