import type { OfficeRecord } from '../aduan.js';
import { monthName, number, percent, workingDays } from '../labels.js';
import { Charts, sourceLinks } from './figures.js';
import { html, type Html } from './html.js';

/** How many offices the chart shows at each end of a long table. */
const CHART_ENDS = 15;

/** One office's line in the league table: the month's record, and the month before it for the trend. */
export interface LeagueRow {
  office: OfficeRecord['office'];
  record: OfficeRecord;
  previous: OfficeRecord | null;
}

/** Share of the month's decisions taken within the SLA; null without a decision. */
export const onTimeRate = (r: OfficeRecord | null) => (r && r.answered > 0 ? r.answeredWithinSla / r.answered : null);
/** Share of the month's referrals a bank answered by the deadline; null without one answered. */
export const referralRate = (r: OfficeRecord | null) => (r && r.referralsAnswered > 0 ? r.referralsAnsweredByDeadline / r.referralsAnswered : null);

/**
 * The month's rows, best first: by the on-time rate (offices without a decision that month last), then by how
 * many they decided, then by name. Each with the office's previous month.
 */
export function leagueRows(records: OfficeRecord[], month: string, previousMonth: string, rate: (r: OfficeRecord | null) => number | null): LeagueRow[] {
  const previous = new Map(records.filter((r) => r.month === previousMonth).map((r) => [r.office.id, r]));
  return records
    .filter((r) => r.month === month)
    .map((record) => ({ office: record.office, record, previous: previous.get(record.office.id) ?? null }))
    .sort((a, b) => (rate(b.record) ?? -1) - (rate(a.record) ?? -1) || b.record.answered - a.record.answered || a.office.name.localeCompare(b.office.name, 'id'));
}

/** The change from last month, in percentage points, with a mark and words (never colour alone). */
function trendCell(now: number | null, before: number | null): Html {
  if (now === null || before === null) return html`<td class="num trend">–</td>`;
  const points = Math.round((now - before) * 1000) / 10;
  if (points === 0) return html`<td class="num trend">= <span class="visually-hidden">sama dengan bulan lalu</span></td>`;
  const text = `${points > 0 ? '+' : '−'}${Math.abs(points).toLocaleString('id-ID')} poin`;
  return points > 0
    ? html`<td class="num trend ok">▲ ${text}<span class="visually-hidden"> dibanding bulan lalu</span></td>`
    : html`<td class="num trend bad">▼ ${text}<span class="visually-hidden"> dibanding bulan lalu</span></td>`;
}

const ratingText = (r: OfficeRecord) => (r.ratings.average == null ? (r.ratings.count ? `${number(r.ratings.count)} penilaian` : '–') : `${r.ratings.average.toLocaleString('id-ID', { maximumFractionDigits: 2 })} ★ (${number(r.ratings.count)})`);

export interface LeagueOptions {
  id: string;
  title: string;
  intro: string;
  month: string;
  rows: LeagueRow[];
  openDataUrl: string;
  charts: Charts;
}

/** The offices' on-time league table of a month, with last month's change and a bar chart of the rates. */
export function leagueTable({ id, title, intro, month, rows, openDataUrl, charts }: LeagueOptions): Html {
  const source = { dataset: 'office-records-month', rows: `baris month = ${month} (dan bulan sebelumnya untuk tren)` };
  if (rows.length === 0) {
    return html`<section aria-labelledby="${id}-judul" class="panel" id="${id}"><h2 id="${id}-judul">${title}</h2><p class="empty">Belum ada catatan kantor pada ${monthName(month)}.</p>${sourceLinks(openDataUrl, source)}</section>`;
  }
  const ranked = rows.filter((row) => onTimeRate(row.record) !== null);
  // Hundreds of offices (the nation's districts) make no readable chart: the best and the worst, the table has all.
  const cut = ranked.length > 2 * CHART_ENDS;
  const rated = cut ? [...ranked.slice(0, CHART_ENDS), ...ranked.slice(-CHART_ENDS)] : ranked;
  if (rated.length > 0) {
    charts.add({
      id: `grafik-${id}`, kind: 'bars', label: 'Tepat waktu (%)', percent: true,
      labels: rated.map((row) => row.office.name),
      values: rated.map((row) => Math.round(onTimeRate(row.record)! * 1000) / 10),
    });
  }
  return html`<section aria-labelledby="${id}-judul" class="panel" id="${id}">
<h2 id="${id}-judul">${title}</h2>
<p class="muted">${intro}</p>
${rated.length > 0 && html`<figure class="chart">
  <div class="chart-box" data-rows="${rated.length}"><canvas id="grafik-${id}" role="img" aria-label="Diagram batang: persentase keputusan yang tepat waktu per kantor pada ${monthName(month)}${cut ? `, ${CHART_ENDS} tertinggi dan ${CHART_ENDS} terendah` : ''}. Angka lengkapnya ada di tabel."></canvas></div>
  ${cut && html`<figcaption class="muted">${CHART_ENDS} kantor tertinggi dan ${CHART_ENDS} terendah dari ${number(ranked.length)}; semuanya ada di tabel.</figcaption>`}
</figure>`}
<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel: ${title}"><table class="figures league">
<thead><tr><th scope="col" class="num">#</th><th scope="col">Kantor</th><th scope="col" class="num">Diterima</th><th scope="col" class="num">Diputuskan</th><th scope="col" class="num">Tepat waktu</th><th scope="col" class="num">Tren</th><th scope="col" class="num">Terlambat</th><th scope="col" class="num">Dieskalasi</th><th scope="col" class="num">Median respons pertama</th><th scope="col" class="num">Median sampai putus</th><th scope="col" class="num">Penilaian pelapor</th></tr></thead>
<tbody>
${rows.map((row, i) => html`<tr data-kantor="${row.office.id}">
  <td class="num">${onTimeRate(row.record) === null ? '' : i + 1}</td>
  <th scope="row">${row.office.name}</th>
  <td class="num">${number(row.record.received)}</td>
  <td class="num">${number(row.record.answered)}</td>
  <td class="num">${percent(onTimeRate(row.record))}<small>${number(row.record.answeredWithinSla)} dari ${number(row.record.answered)}</small></td>
  ${trendCell(onTimeRate(row.record), onTimeRate(row.previous))}
  <td class="num">${number(row.record.breached)}</td>
  <td class="num">${number(row.record.escalatedAway)}</td>
  <td class="num">${workingDays(row.record.medianWorkingDaysToFirstResponse)}</td>
  <td class="num">${workingDays(row.record.medianWorkingDaysToResolution)}</td>
  <td class="num">${ratingText(row.record)}</td>
</tr>`)}
</tbody>
</table></div>
${sourceLinks(openDataUrl, source)}
</section>`;
}

/** The banks' referrals of a month: answered by the deadline, and how fast. */
export function bankTable(month: string, rows: LeagueRow[], openDataUrl: string): Html {
  const source = { dataset: 'office-records-month', rows: `baris month = ${month}, office_kind = BANK` };
  return html`<section aria-labelledby="bank-judul" class="panel" id="bank">
<h2 id="bank-judul">Bank penyalur: rujukan dijawab tepat waktu</h2>
${rows.length === 0 ? html`<p class="empty">Tidak ada rujukan ke bank pada ${monthName(month)}.</p>` : html`<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel: rujukan bank"><table class="figures league">
<thead><tr><th scope="col">Bank</th><th scope="col" class="num">Rujukan diterima</th><th scope="col" class="num">Dijawab</th><th scope="col" class="num">Tepat waktu</th><th scope="col" class="num">Tren</th><th scope="col" class="num">Median menjawab</th></tr></thead>
<tbody>${rows.map((row) => html`<tr data-kantor="${row.office.id}">
  <th scope="row">${row.office.name}</th>
  <td class="num">${number(row.record.referralsReceived)}</td>
  <td class="num">${number(row.record.referralsAnswered)}</td>
  <td class="num">${percent(referralRate(row.record))}<small>${number(row.record.referralsAnsweredByDeadline)} dari ${number(row.record.referralsAnswered)}</small></td>
  ${trendCell(referralRate(row.record), referralRate(row.previous))}
  <td class="num">${workingDays(row.record.medianWorkingDaysToAnswerReferral)}</td>
</tr>`)}</tbody>
</table></div>`}
${sourceLinks(openDataUrl, source)}
</section>`;
}
