import type { Session } from '../sessions.js';
import { html, type Html } from './html.js';

export type Section = 'kotak-masuk' | 'bank' | 'penyelia' | null;

export interface PageOptions {
  title: string;
  section: Section;
  /** The signed-in officer; null on the sign-in page. */
  session: Session | null;
  body: Html;
  /** Extra scripts of this page only (e.g. the supervisor's charts), from /aset. */
  scripts?: string[];
}

/** The frame around every page: who is signed in, the navigation their role has, the stylesheet. */
export function page({ title, section, session, body, scripts = [] }: PageOptions): Html {
  const current = (name: Section) => (section === name ? html` aria-current="page"` : null);
  const isBank = session?.office.role === 'BANK';
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Konsol Petugas Pengaduan Bansos</title>
<link rel="stylesheet" href="/aset/console.css">
${scripts.map((src) => html`<script src="/aset/${src}" defer></script>`)}
</head>
<body>
<a class="skip" href="#isi">Langsung ke isi</a>
<header class="bar">
  <div class="wrap bar-inner">
    <a class="brand" href="/">Konsol Petugas<small>Pengaduan Bansos</small></a>
    ${session && html`<nav aria-label="Menu utama">
      ${isBank
        ? html`<a href="/bank"${current('bank')}>Rujukan &amp; transfer gagal</a>`
        : html`<a href="/"${current('kotak-masuk')}>Kotak masuk</a>`}
      ${session.account.role === 'penyelia' && !isBank && html`<a href="/penyelia"${current('penyelia')}>Kinerja kantor</a>`}
    </nav>
    <div class="who">
      <span><strong>${session.account.name}</strong><small>${session.office.name}</small></span>
      <form method="post" action="/keluar"><input type="hidden" name="_csrf" value="${session.csrf}"><button class="link">Keluar</button></form>
    </div>`}
  </div>
</header>
<main id="isi" class="wrap">
${body}
</main>
</body>
</html>`;
}

/** A page with one message (an error, a refusal), and a way on. */
export function messagePage(session: Session | null, title: string, message: string, status: 'error' | 'info' = 'error'): Html {
  return page({
    title, section: null, session,
    body: html`<h1>${title}</h1><p class="notice ${status}" role="${status === 'error' ? 'alert' : 'status'}">${message}</p><p><a href="/">Kembali ke kotak masuk</a></p>`,
  });
}
