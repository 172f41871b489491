import { html, type Html } from './html.js';
import { page } from './layout.js';

/** A page with one message: Aduan unreachable while drawing the form, or a page that does not exist. */
export function messagePage(title: string, message: string): Html {
  return page({
    title,
    section: null,
    body: html`
<h1>${title}</h1>
<div class="notice notice-error" role="alert">${message}</div>
<p><a href="/">Kembali ke formulir pengaduan</a> · <a href="/lacak">Lacak pengaduan</a></p>`,
  });
}
