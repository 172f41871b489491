import type { Measures } from '../aduan.js';
import { daysFromHours, monthName, monthShort, number, percent } from '../labels.js';
import { Html, html } from './html.js';

/** An open data file of Aduan's (docs/open-data.md), by name without extension, and what in it holds the figure. */
export interface Source {
  dataset: string;
  /** Which rows, in words: "baris bulan 2026-11, kolom province_code 32". */
  rows: string;
}

/** The charts of one page, drawn by public/dasbor-grafik.js from a JSON block (no inline script: the CSP allows none). */
export class Charts {
  private readonly specs: ChartSpec[] = [];
  add(spec: ChartSpec): void {
    this.specs.push(spec);
  }
  get any(): boolean {
    return this.specs.length > 0;
  }
  /** JSON for `<script type="application/json">`: `<` escaped so nothing in a name can close the element. */
  block(): Html {
    const json = JSON.stringify(this.specs).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    return new Html(`<script type="application/json" id="data-grafik">${json}</script>`);
  }
}

export interface ChartSpec {
  id: string;
  kind: 'bars' | 'trend';
  labels: string[];
  /** Null: suppressed or not known (Chart.js leaves a gap). */
  values: (number | null)[];
  label: string;
  /** The values are percentages (the axis runs 0–100 %). */
  percent?: boolean;
  /** A second series, on its own axis in percent (the trend's on-time rate). */
  rates?: (number | null)[];
}

/** A count as published: the number in Indonesian digits, or `<5`. */
export function cell(measures: Measures): Html {
  return measures.count.suppressed
    ? html`<abbr class="suppressed" title="Kurang dari 5 pengaduan: angka persisnya tidak dipublikasikan">${measures.count.display}</abbr>`
    : html`${number(measures.count.value ?? 0)}`;
}

/** The links under a figure to the open data file that holds it, in both formats. */
export function sourceLinks(openDataUrl: string, source: Source): Html {
  const file = (ext: string) => `${openDataUrl}${source.dataset}.${ext}`;
  return html`<p class="source">Unduh data: <a href="${file('csv')}" data-dataset="${source.dataset}">${source.dataset}.csv</a> · <a href="${file('json')}">JSON</a> <small>${source.rows}</small></p>`;
}

/** The headline numbers of a place and month. */
export function summary(totals: Measures, month: string, openDataUrl: string, source: Source, heading?: { title: string; intro: Html }): Html {
  return html`<section aria-labelledby="ringkasan-judul" class="panel">
<h2 id="ringkasan-judul">${heading?.title ?? `Ringkasan ${monthName(month)}`}</h2>
${heading?.intro}
<ul class="summary">
  <li><strong data-angka="pengaduan">${cell(totals)}</strong> pengaduan diterima</li>
  <li><strong data-angka="tepat-waktu">${percent(totals.slaComplianceRate)}</strong> ditangani tepat waktu</li>
  <li><strong data-angka="median">${daysFromHours(totals.medianHoursToResolve)}</strong> median sampai selesai</li>
</ul>
${sourceLinks(openDataUrl, source)}
</section>`;
}

export interface BreakdownRow {
  label: string;
  href?: string;
  measures: Measures;
}

export interface BreakdownOptions {
  id: string;
  title: string;
  /** The first column's heading ("Provinsi", "Program"). */
  what: string;
  rows: BreakdownRow[];
  source: Source;
  openDataUrl: string;
  charts: Charts;
}

/** Complaints by one dimension: a bar chart, and the table with every number (what screen readers and phones read). */
export function breakdown({ id, title, what, rows, source, openDataUrl, charts }: BreakdownOptions): Html {
  if (rows.length === 0) {
    return html`<section aria-labelledby="${id}-judul" class="panel"><h2 id="${id}-judul">${title}</h2><p class="empty">Tidak ada pengaduan pada bulan ini.</p>${sourceLinks(openDataUrl, source)}</section>`;
  }
  const description = `Diagram batang: jumlah pengaduan per ${what.toLowerCase()}; jumlah di bawah 5 tidak digambar. Angka lengkapnya ada di tabel.`;
  charts.add({
    id: `grafik-${id}`, kind: 'bars', label: 'Pengaduan',
    labels: rows.map((row) => (row.measures.count.suppressed ? `${row.label} (<5)` : row.label)),
    values: rows.map((row) => row.measures.count.value),
  });
  return html`<section aria-labelledby="${id}-judul" class="panel" id="${id}">
<h2 id="${id}-judul">${title}</h2>
<figure class="chart">
  <div class="chart-box" data-rows="${rows.length}"><canvas id="grafik-${id}" role="img" aria-label="${description}"></canvas></div>
</figure>
<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel: ${title}"><table class="figures">
<thead><tr><th scope="col">${what}</th><th scope="col" class="num">Pengaduan</th><th scope="col" class="num">Tepat waktu</th><th scope="col" class="num">Median selesai</th></tr></thead>
<tbody>
${rows.map((row) => html`<tr>
  <th scope="row">${row.href ? html`<a href="${row.href}">${row.label}</a>` : row.label}</th>
  <td class="num">${cell(row.measures)}</td>
  <td class="num">${percent(row.measures.slaComplianceRate)}</td>
  <td class="num">${daysFromHours(row.measures.medianHoursToResolve)}</td>
</tr>`)}
</tbody>
</table></div>
${sourceLinks(openDataUrl, source)}
</section>`;
}

/** The place's complaints month by month, with the on-time rate. */
export function trend(id: string, place: string, months: string[], measures: Measures[], source: Source, openDataUrl: string, charts: Charts): Html {
  charts.add({
    id: `grafik-${id}`, kind: 'trend', label: 'Pengaduan',
    labels: months.map(monthShort),
    values: measures.map((m) => m.count.value),
    rates: measures.map((m) => (m.slaComplianceRate == null ? null : Math.round(m.slaComplianceRate * 1000) / 10)),
  });
  return html`<section aria-labelledby="${id}-judul" class="panel" id="${id}">
<h2 id="${id}-judul">Tren bulanan · ${place}</h2>
<figure class="chart">
  <div class="chart-box tall"><canvas id="grafik-${id}" role="img" aria-label="Diagram: pengaduan per bulan (batang) dan persentase tepat waktu (garis), ${monthName(months[0])} sampai ${monthName(months[months.length - 1])}. Angkanya ada di tabel."></canvas></div>
</figure>
<details class="more"><summary>Tabel tren</summary>
<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel tren: ${place}"><table class="figures">
<thead><tr><th scope="col">Bulan</th><th scope="col" class="num">Pengaduan</th><th scope="col" class="num">Tepat waktu</th><th scope="col" class="num">Median selesai</th></tr></thead>
<tbody>${months.map((month, i) => html`<tr><th scope="row">${monthName(month)}</th><td class="num">${cell(measures[i])}</td><td class="num">${percent(measures[i].slaComplianceRate)}</td><td class="num">${daysFromHours(measures[i].medianHoursToResolve)}</td></tr>`)}</tbody>
</table></div>
</details>
${sourceLinks(openDataUrl, source)}
</section>`;
}
