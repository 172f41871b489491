import { randomBytes } from 'node:crypto';
import type express from 'express';
import { cookie, sendPage, SESSION_COOKIE, type ConsoleDeps } from '../app.js';
import { problemOf } from '../problems.js';
import { sameToken } from '../sessions.js';
import { html } from '../views/html.js';
import { page } from '../views/layout.js';

/** The sign-in form's own anti-forgery cookie (no session exists yet): its value must come back in the form. */
const SIGN_IN_COOKIE = 'konsol_masuk';

/** Sign in with the console's own account; sign out. */
export function registerSignIn(app: express.Express, { config, accounts, aduan, sessions }: ConsoleDeps): void {
  const cookieFlags = `HttpOnly; SameSite=Strict; Path=/${config.secureCookies ? '; Secure' : ''}`;

  function showForm(req: express.Request, res: express.Response, status: number, next: string, username = '', message?: string): void {
    // One token per browser while it signs in: a second tab (or a favicon's redirect here) must not spoil the first form.
    const token = cookie(req, SIGN_IN_COOKIE) || randomBytes(24).toString('base64url');
    res.append('set-cookie', `${SIGN_IN_COOKIE}=${token}; ${cookieFlags}; Max-Age=3600`);
    sendPage(res, status, page({
      title: 'Masuk', section: null, session: null,
      body: html`<section class="sign-in">
<h1>Masuk ke konsol petugas</h1>
<p>Untuk petugas kantor sosial dan bank penyalur. Setiap tindakan Anda tercatat atas nama Anda.</p>
${message && html`<p class="notice error" role="alert" id="masuk-galat">${message}</p>`}
<form method="post" action="/masuk" class="stack">
  <input type="hidden" name="_csrf" value="${token}">
  <input type="hidden" name="lanjut" value="${next}">
  <label for="nama-pengguna">Nama pengguna</label>
  <input id="nama-pengguna" name="username" autocomplete="username" required value="${username}" ${message ? html`aria-describedby="masuk-galat"` : null}>
  <label for="kata-sandi">Kata sandi</label>
  <input id="kata-sandi" name="password" type="password" autocomplete="current-password" required>
  <button>Masuk</button>
</form>
</section>`,
    }));
  }

  app.get('/masuk', (req, res) => {
    if (sessions.get(cookie(req, SESSION_COOKIE))) return res.redirect(303, '/');
    showForm(req, res, 200, localPath(req.query.lanjut));
  });

  app.post('/masuk', async (req, res) => {
    const next = localPath(req.body?.lanjut);
    const username = String(req.body?.username ?? '').slice(0, 100);
    if (!sameToken(cookie(req, SIGN_IN_COOKIE) ?? '', req.body?._csrf)) {
      return showForm(req, res, 403, next, username, 'Formulir masuk sudah kedaluwarsa. Silakan coba lagi.');
    }
    const result = await accounts.signIn(username, String(req.body?.password ?? ''));
    if (!result.ok) {
      const message = result.reason === 'locked'
        ? 'Terlalu banyak percobaan yang salah. Akun ini dikunci sementara; coba lagi 15 menit lagi atau hubungi pengelola konsol.'
        : 'Nama pengguna atau kata sandi salah.';
      return showForm(req, res, 401, next, username, message);
    }
    const officerClient = aduan.forOfficer(result.account);
    let office;
    try {
      office = await aduan.office(officerClient);
    } catch (error) {
      const problem = problemOf(error, 'viewer');
      return showForm(req, res, problem.status, next, username, problem.message);
    }
    const session = sessions.create(result.account, office, officerClient);
    // A new session id at every sign-in (no fixation); the sign-in form's cookie is spent.
    res.append('set-cookie', `${SESSION_COOKIE}=${session.id}; ${cookieFlags}`);
    res.append('set-cookie', `${SIGN_IN_COOKIE}=; ${cookieFlags}; Max-Age=0`);
    res.redirect(303, next !== '/' ? next : office.role === 'BANK' ? '/bank' : '/');
  });

  app.post('/keluar', (req, res) => {
    const id = cookie(req, SESSION_COOKIE);
    const session = sessions.get(id);
    // Another site cannot sign an officer out either: a form without the session's token changes nothing.
    if (session && !sameToken(session.csrf, req.body?._csrf)) return res.redirect(303, '/');
    if (session) sessions.end(session.id);
    res.append('set-cookie', `${SESSION_COOKIE}=; ${cookieFlags}; Max-Age=0`);
    res.redirect(303, '/masuk');
  });
}

/** Where to go after signing in: a path of this console only (never another site: no open redirect). */
function localPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/masuk') ? value : '/';
}
