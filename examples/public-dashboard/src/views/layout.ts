import { monthName } from '../labels.js';
import { html, type Html } from './html.js';

/** Where the reader is: Indonesia › a province › a district › a sub-district › a village. */
export interface Crumb {
  label: string;
  href: string;
}

export interface PageOptions {
  title: string;
  /** The path of the page (without the query), where the month selector sends its form. */
  path: string;
  crumbs: Crumb[];
  body: Html;
  /** The month shown, and those offered (newest first); none: the page has no month. */
  month?: { shown: string; offered: string[]; current: string };
  /** Whether the page draws charts (loads Chart.js and the chart script). */
  charts?: boolean;
}

/** The frame around every page: the title bar, where the reader is, the month, the stylesheet. */
export function page({ title, path, crumbs, body, month, charts = false }: PageOptions): Html {
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Dasbor Publik Pengaduan Bansos</title>
<link rel="stylesheet" href="/aset/dasbor.css">
${charts && html`<script src="/aset/chart.umd.min.js" defer></script><script src="/aset/dasbor-grafik.js" defer></script>`}
</head>
<body>
<a class="skip" href="#isi">Langsung ke isi</a>
<header class="bar">
  <div class="wrap bar-inner">
    <a class="brand" href="/">Dasbor Publik<small>Pengaduan Bantuan Sosial</small></a>
    <nav aria-label="Menu utama"><a href="/">Nasional</a><a href="/tentang">Tentang data</a></nav>
  </div>
</header>
<main id="isi" class="wrap">
${crumbs.length > 0 && html`<nav aria-label="Lokasi" class="crumbs"><ol>${crumbs.map((crumb) => html`<li><a href="${crumb.href}">${crumb.label}</a></li>`)}<li aria-current="page">${title}</li></ol></nav>`}
<div class="title-row">
<h1>${title}</h1>
${month && html`<form method="get" action="${path}" class="month">
  <label for="bulan">Bulan</label>
  <select id="bulan" name="bulan">${month.offered.map((m) => html`<option value="${m}"${m === month.shown ? html` selected` : null}>${monthName(m)}${m === month.current ? ' (berjalan)' : ''}</option>`)}</select>
  <button>Tampilkan</button>
</form>`}
</div>
${body}
</main>
<footer class="foot"><div class="wrap"><p>Angka dari API publik Aduan; jumlah 1–4 ditampilkan sebagai <strong>&lt;5</strong> untuk melindungi pelapor. Data terbuka berlisensi CC BY 4.0 — lihat <a href="/tentang">Tentang data</a>.</p></div></footer>
</body>
</html>`;
}

/** A page with one message (an unknown region, Aduan unreachable), and a way on. */
export function messagePage(title: string, message: string): Html {
  return page({
    title, path: '/', crumbs: [],
    body: html`<p class="notice error" role="alert">${message}</p><p><a href="/">Kembali ke gambaran nasional</a></p>`,
  });
}
