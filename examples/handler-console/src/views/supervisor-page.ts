import type { Tier } from '@aduan/sdk';
import { dateTimeWib, dateWib, TIER_LABELS } from '../labels.js';
import type { Session } from '../sessions.js';
import { Html, html } from './html.js';
import { page } from './layout.js';

/** Jakarta is UTC+7 all year (no daylight saving): months start at 00.00 WIB. */
const WIB_OFFSET_MS = 7 * 3_600_000;

/** The first moment (00.00 WIB) of the month `monthsBack` months before now's month in Jakarta. */
export function startOfMonthWib(now: Date, monthsBack = 0): Date {
  const wib = new Date(now.getTime() + WIB_OFFSET_MS);
  return new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth() - monthsBack, 1) - WIB_OFFSET_MS);
}

/** The period the page counts, by the complaints' receipt: calendar months in WIB, as offices report. */
export const PERIODS = {
  'bulan-ini': { label: 'Bulan ini', from: (now: Date): Date | null => startOfMonthWib(now) },
  '3-bulan': { label: '3 bulan terakhir', from: (now: Date): Date | null => startOfMonthWib(now, 2) },
  semua: { label: 'Semua', from: (_now: Date): Date | null => null },
} as const;
export type Period = keyof typeof PERIODS;

export interface Ageing {
  upTo3Days: number;
  from4To7Days: number;
  from8To14Days: number;
  over14Days: number;
  oldestOpenReceivedAt: string | null;
}

export interface StatisticsNumbers {
  count: number;
  open: number;
  resolved: number;
  slaMet: number;
  slaBreached: number;
  slaComplianceRate: number | null;
  medianHoursToResolve: number | null;
  ageing: Ageing;
}

export interface OfficeRow {
  /** Null: the complaints no office handles now. */
  office: { id: string; name: string; tier: Tier | null; jurisdictionCode: string | null } | null;
  numbers: StatisticsNumbers;
  /** An office above the supervisor's jurisdiction, handling complaints escalated from it. */
  escalated?: boolean;
}

export interface SupervisorView {
  session: Session;
  period: Period;
  createdFrom: Date | null;
  generatedAt: string;
  rows: OfficeRow[];
  totals: StatisticsNumbers;
}

const AGE_BUCKETS = [
  { key: 'upTo3Days', label: '0–3 hari' },
  { key: 'from4To7Days', label: '4–7 hari' },
  { key: 'from8To14Days', label: '8–14 hari' },
  { key: 'over14Days', label: '> 14 hari' },
] as const;

const number = (n: number) => n.toLocaleString('id-ID');
const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`);
const days = (hours: number | null) => (hours === null ? '–' : `${(hours / 24).toLocaleString('id-ID', { maximumFractionDigits: 1 })} hari`);
const officeName = (row: OfficeRow) => row.office?.name ?? 'Belum ditangani kantor mana pun';

/**
 * JSON for a `<script type="application/json">` block: `<` escaped so nothing
 * in a name can close the element; the browser's JSON.parse reads it back.
 */
function jsonBlock(id: string, value: unknown): Html {
  const json = JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return new Html(`<script type="application/json" id="${id}">${json}</script>`);
}

export function supervisorPage(view: SupervisorView): Html {
  const { session, rows, totals } = view;
  const label = (row: OfficeRow) => `${officeName(row)}${row.escalated ? ' (eskalasi)' : ''}`;
  const chartData = {
    offices: rows.map(label),
    ageing: AGE_BUCKETS.map((bucket) => ({ label: bucket.label, values: rows.map((row) => row.numbers.ageing[bucket.key]) })),
    // Percent with one decimal; null where nothing has finished yet (Chart.js leaves a gap).
    onTime: rows.map((row) => (row.numbers.slaComplianceRate === null ? null : Math.round(row.numbers.slaComplianceRate * 1000) / 10)),
    breached: rows.map((row) => row.numbers.slaBreached),
  };

  const cells = (n: StatisticsNumbers) => html`<td class="num">${number(n.count)}</td>
    <td class="num">${number(n.open)}</td>
    ${AGE_BUCKETS.map((bucket) => html`<td class="num">${number(n.ageing[bucket.key])}</td>`)}
    <td>${n.ageing.oldestOpenReceivedAt ? dateWib(n.ageing.oldestOpenReceivedAt) : '–'}</td>
    <td class="num">${percent(n.slaComplianceRate)}<small>${number(n.slaMet)} tepat / ${number(n.slaMet + n.slaBreached)}</small></td>
    <td class="num">${number(n.slaBreached)}</td>
    <td class="num">${days(n.medianHoursToResolve)}</td>`;

  const chart = (id: string, title: string, description: string) => html`<figure class="chart">
  <figcaption id="${id}-judul">${title}</figcaption>
  <div class="chart-box" data-rows="${rows.length}"><canvas id="${id}" role="img" aria-labelledby="${id}-judul" aria-describedby="${id}-ket">${description}</canvas></div>
  <p class="visually-hidden" id="${id}-ket">${description} Angka lengkapnya ada di tabel di bawah.</p>
</figure>`;

  const body = html`<h1>Kinerja kantor <small>${session.office.name}</small></h1>
<form method="get" action="/penyelia" class="period">
  <fieldset><legend>Pengaduan yang diterima</legend>
  ${(Object.keys(PERIODS) as Period[]).map((key) => html`<label class="check"><input type="radio" name="periode" value="${key}"${key === view.period ? html` checked` : null}> ${PERIODS[key].label}</label>`)}
  <button>Tampilkan</button>
  </fieldset>
</form>
<p class="muted">${view.createdFrom ? `Pengaduan yang diterima sejak ${dateWib(view.createdFrom.toISOString())}` : 'Semua pengaduan'} di wilayah kerja Anda, menurut kantor yang menanganinya sekarang. Dihitung ${dateTimeWib(view.generatedAt)}; umur dihitung dalam hari kalender sejak diterima.</p>
<ul class="summary" aria-label="Ringkasan">
  <li><strong>${number(totals.count)}</strong> pengaduan</li>
  <li><strong>${number(totals.open)}</strong> masih terbuka</li>
  <li><strong>${percent(totals.slaComplianceRate)}</strong> tepat waktu</li>
  <li><strong>${number(totals.slaBreached)}</strong> terlambat</li>
  <li><strong>${number(totals.ageing.over14Days)}</strong> terbuka lebih dari 14 hari</li>
</ul>
${rows.length === 0
  ? html`<p class="empty">Tidak ada pengaduan pada periode ini.</p>`
  : html`<div class="charts">
${chart('grafik-umur', 'Pengaduan terbuka per kantor, menurut umur', `Diagram batang bertumpuk: pengaduan yang masih terbuka di tiap kantor, dibagi menurut lama sejak diterima (${AGE_BUCKETS.map((b) => b.label).join(', ')}).`)}
${chart('grafik-tepat', 'Ketepatan waktu per kantor (%)', 'Diagram batang: persentase pengaduan yang selesai dalam batas waktu, di tiap kantor.')}
${chart('grafik-terlambat', 'Pengaduan terlambat per kantor', 'Diagram batang: jumlah pengaduan yang melewati batas waktu (selesai terlambat atau masih terbuka melewatinya), di tiap kantor.')}
</div>
${jsonBlock('data-grafik', chartData)}
<div class="table-wrap"><table class="offices">
<caption>Angka per kantor${view.createdFrom ? ` (diterima sejak ${dateWib(view.createdFrom.toISOString())})` : ''}</caption>
<thead>
<tr><th scope="col" rowspan="2">Kantor</th><th scope="col" rowspan="2" class="num">Pengaduan</th><th scope="col" rowspan="2" class="num">Terbuka</th><th scope="colgroup" colspan="4">Umur pengaduan terbuka</th><th scope="col" rowspan="2">Terbuka tertua sejak</th><th scope="col" rowspan="2" class="num">Tepat waktu</th><th scope="col" rowspan="2" class="num">Terlambat</th><th scope="col" rowspan="2" class="num">Median penyelesaian</th></tr>
<tr>${AGE_BUCKETS.map((bucket) => html`<th scope="col" class="num">${bucket.label}</th>`)}</tr>
</thead>
<tbody>
${rows.map((row) => html`<tr${row.escalated ? html` class="escalated"` : null}>
  <th scope="row">${officeName(row)}<small>${row.office?.tier ? TIER_LABELS[row.office.tier] : ''}${row.escalated ? ' · menangani pengaduan yang dieskalasi dari wilayah Anda' : ''}</small></th>
  ${cells(row.numbers)}
</tr>`)}
</tbody>
<tfoot><tr><th scope="row">Jumlah</th>${cells(totals)}</tr></tfoot>
</table></div>`}`;
  return page({ title: 'Kinerja kantor', section: 'penyelia', session, body, scripts: rows.length ? ['chart.umd.min.js', 'supervisor-charts.js'] : [] });
}
