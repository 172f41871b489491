import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AccountBook } from './accounts.js';
import type { AduanConnections } from './aduan.js';
import type { ConsoleConfig } from './config.js';
import { registerBank } from './routes/bank.js';
import { registerComplaint } from './routes/complaint.js';
import { registerInbox } from './routes/inbox.js';
import { registerSignIn } from './routes/sign-in.js';
import { registerSupervisor } from './routes/supervisor.js';
import { sameToken, type Session, type SessionStore } from './sessions.js';
import type { Html } from './views/html.js';
import { messagePage } from './views/layout.js';

/** Static files (stylesheet, scripts), beside dist/ in the package. */
const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
/** Chart.js's browser build, served from the console's own address (no CDN: offices' networks block them). */
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

export const SESSION_COOKIE = 'konsol_sesi';

/** What every route module gets. */
export interface ConsoleDeps {
  config: ConsoleConfig;
  aduan: AduanConnections;
  accounts: AccountBook;
  sessions: SessionStore;
}

/**
 * The console's pages. The browser only ever talks to these routes; the calls
 * to Aduan, with the officer's token, are made from here.
 */
export function createApp(deps: ConsoleDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  // Pages, the stylesheet and Chart.js gzipped: an inbox page is a quarter of its size on a district's slow line.
  // (BREACH needs the attacker's requests to carry the session; the SameSite=Strict cookie keeps them out.)
  app.use(compression());
  app.use('/aset', express.static(PUBLIC_DIR, { maxAge: '1h' }));
  app.get('/aset/chart.umd.min.js', (_req, res) => res.set('cache-control', 'public, max-age=86400').sendFile(CHART_JS));
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  // Browsers ask for it on every first visit: without this, the guard below would send them to /masuk, whose
  // answer sets a new sign-in cookie and so spoils the form the officer is about to send.
  app.get('/favicon.ico', (_req, res) => res.status(204).set('cache-control', 'public, max-age=86400').end());

  registerSignIn(app, deps);

  // Everything below needs a signed-in officer, and every form a token of their session.
  app.use((req, res, next) => {
    const session = deps.sessions.get(cookie(req, SESSION_COOKIE));
    if (!session) {
      if (req.method === 'GET') return res.redirect(303, `/masuk?lanjut=${encodeURIComponent(req.originalUrl)}`);
      return sendPage(res, 401, messagePage(null, 'Sesi berakhir', 'Sesi Anda sudah berakhir. Silakan masuk lagi; isian formulir tadi belum dikirim.'));
    }
    if (req.method === 'POST' && !sameToken(session.csrf, req.body?._csrf)) {
      return sendPage(res, 403, messagePage(session, 'Formulir tidak dapat diterima', 'Formulir ini bukan dari sesi Anda (mungkin dibuka sebelum Anda masuk lagi). Muat ulang halaman, lalu kirim lagi.'));
    }
    res.locals.session = session;
    next();
  });

  registerInbox(app, deps);
  registerComplaint(app, deps);
  registerBank(app, deps);
  registerSupervisor(app, deps);

  app.use((_req: Request, res: Response) => sendPage(res, 404, messagePage(sessionOf(res), 'Halaman tidak ditemukan', 'Alamat ini tidak ada di konsol.')));
  return app;
}

/** The signed-in officer of this request (set by the guard above). */
export function sessionOf(res: Response): Session {
  return res.locals.session as Session;
}

export function sendPage(res: Response, status: number, body: Html): void {
  // Pages hold complaints and, once revealed, NIKs and phone numbers: no cache may keep them.
  res.status(status).set('cache-control', 'no-store').type('html').send(body.text);
}

/** One cookie's value from the request (the console sets two; no parser needed for that). */
export function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * Defence in depth: every page is escaped (views/html.ts), and even if a hole
 * appeared, the browser would run no script but the console's own files, and
 * send no form anywhere but here. Images are the complaint's evidence, which
 * the console serves itself.
 */
function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  });
  next();
}
