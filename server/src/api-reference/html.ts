/**
 * The reference site's page frame, stylesheet and search script. Every link
 * is relative, so the site works wherever it is mounted (/docs) and opened
 * from disk; nothing comes from another origin, no script or style is inline
 * (the server's policy forbids both: api-reference.router.ts).
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A schema description as HTML: paragraphs, and `code` spans. */
export function descriptionHtml(text: string | null | undefined): string {
  if (!text) return '';
  return text.trim().split(/\n\s*\n/).map((paragraph) => `<p>${inline(paragraph)}</p>`).join('\n');
}

/** One line of a description: escaped, with its `code` spans. */
export function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The first sentence of a description, for lists and search. */
export function summary(text: string | null | undefined, max = 140): string {
  if (!text) return '';
  const first = text.trim().split(/\n/)[0];
  const sentence = /^(.+?[.!?])(\s|$)/.exec(first)?.[1] ?? first;
  return sentence.length > max ? `${sentence.slice(0, max - 1).trimEnd()}…` : sentence;
}

export interface Page {
  /** Relative to the site's root, e.g. `mutation/submitComplaint.html`. */
  path: string;
  title: string;
  body: string;
}

/** `../` as many times as the page is deep: the way back to the site's root. */
export function rootOf(path: string): string {
  return '../'.repeat(path.split('/').length - 1);
}

export function renderPage(page: Page): string {
  const base = rootOf(page.path);
  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="referrer" content="no-referrer" />
<title>${escapeHtml(page.title)} · Referensi API Aduan</title>
<link rel="stylesheet" href="${base}assets/reference.css" />
<script src="${base}assets/search-index.js" defer></script>
<script src="${base}assets/search.js" defer></script>
</head>
<body data-root="${base}">
<header>
<a class="home" href="${base}index.html">Aduan API</a>
<div class="search" role="search">
<label for="search">Cari <span class="en">/ Search</span></label>
<input id="search" type="search" placeholder="submitComplaint, Complaint…" autocomplete="off" spellcheck="false" />
<ul id="search-results" hidden></ul>
</div>
</header>
<main>
${page.body}
</main>
<footer>Dibuat dari skema oleh <code>npm run docs:api</code>. <span class="en">Generated from the schema by <code>npm run docs:api</code>.</span></footer>
</body>
</html>
`;
}

export const STYLESHEET = `*, *::before, *::after { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, sans-serif; color: #1d1d1f; margin: 0; }
header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem 1rem; border-bottom: 1px solid #ddd; background: #f7f7f8; }
header .home { font-weight: 600; color: inherit; text-decoration: none; }
.search { position: relative; flex: 1 1 18rem; display: flex; gap: .5rem; align-items: center; }
.search input { flex: 1; font: inherit; padding: .3rem .5rem; border: 1px solid #bbb; border-radius: 4px; min-width: 0; }
#search-results { position: absolute; top: 100%; left: 0; right: 0; z-index: 1; list-style: none; margin: .2rem 0 0; padding: 0; background: #fff; border: 1px solid #bbb; border-radius: 4px; max-height: 70vh; overflow-y: auto; box-shadow: 0 4px 12px rgba(0,0,0,.12); }
#search-results li { padding: .35rem .6rem; border-bottom: 1px solid #eee; }
#search-results li:last-child { border-bottom: 0; }
#search-results a { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
#search-results li { overflow-wrap: anywhere; }
#search-results .kind, .badge { font-size: .8em; color: #555; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
footer { max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #666; font-size: .85em; }
h1 { font-size: 1.5rem; margin: .5rem 0; } h1 code { font-size: 1em; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #eee; }
h3 { font-size: 1rem; margin: 1.2rem 0 .2rem; }
.en { color: #555; }
a { color: #0645ad; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .92em; }
pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; border-radius: 4px; line-height: 1.4; }
ul.list { padding-left: 1.2rem; } ul.list li { margin: .35rem 0; }
.item { margin: 0 0 1rem; padding-left: .75rem; border-left: 3px solid #e5e5e5; }
.item p { margin: .2rem 0; }
.deprecated { color: #a33; }
.kind-label { color: #555; font-size: .9rem; margin: 0; }
`;

/**
 * The search: an index of every query, mutation, type and field
 * (search-index.js, loaded with the page), filtered in the browser as one
 * types — no request to the server. Enter opens the first result.
 */
export const SEARCH_SCRIPT = `(function () {
  'use strict';
  var input = document.getElementById('search');
  var list = document.getElementById('search-results');
  var root = document.body.getAttribute('data-root') || '';
  var entries = window.ADUAN_REFERENCE_INDEX || [];
  var KIND_ORDER = { query: 0, mutation: 0, type: 1, field: 2 };
  function rank(entry, q) {
    var name = entry[0].toLowerCase();
    var last = name.slice(name.lastIndexOf('.') + 1);
    if (name === q) return 0;
    if (name.indexOf(q) === 0) return 1;
    if (last === q) return 2;
    if (last.indexOf(q) === 0) return 3;
    if (name.indexOf(q) >= 0) return 4;
    if (entry[3] && entry[3].toLowerCase().indexOf(q) >= 0) return 5;
    return -1;
  }
  function show(q) {
    list.textContent = '';
    q = q.trim().toLowerCase();
    if (!q) { list.hidden = true; return; }
    var found = [];
    for (var i = 0; i < entries.length; i++) {
      var r = rank(entries[i], q);
      if (r >= 0) found.push([r, KIND_ORDER[entries[i][1]], entries[i]]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2][0] < b[2][0] ? -1 : a[2][0] > b[2][0] ? 1 : 0); });
    found = found.slice(0, 30);
    if (!found.length) {
      var none = document.createElement('li');
      none.textContent = 'Tidak ditemukan / Nothing found';
      list.appendChild(none);
    }
    found.forEach(function (f) {
      var entry = f[2];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + entry[2];
      a.textContent = entry[0];
      var kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = ' ' + entry[1] + (entry[3] ? ' — ' + entry[3] : '');
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    list.hidden = false;
  }
  input.addEventListener('input', function () { show(input.value); });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      var first = list.querySelector('a');
      if (first) window.location.href = first.href;
    } else if (event.key === 'Escape') {
      list.hidden = true;
    }
  });
})();
`;
