import type { ComplaintCategory, ComplaintOrder, ComplaintStatus, SlaState, Tier } from '@aduan/sdk';
import { dateTimeWib, relativeDays, SLA_HINTS, SLA_LABELS, STATUS_LABELS, TIER_LABELS } from '../labels.js';
import type { Session } from '../sessions.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';

export interface InboxFilters {
  statuses: ComplaintStatus[];
  tiers: Tier[];
  slaStates: SlaState[];
  programCode: string;
  category: ComplaintCategory | '';
  /** A region directly under the office's jurisdiction (a kecamatan for a district). */
  area: string;
  /** A region under `area` (a kelurahan). */
  village: string;
  search: string;
  order: ComplaintOrder;
  /** The keyset cursor of the page (empty: the first). */
  after: string;
}

export interface InboxRow {
  id: string;
  trackingCode: string;
  status: ComplaintStatus;
  statusLabel: string;
  category: ComplaintCategory;
  currentTier: Tier;
  slaState: SlaState;
  dueAt: string | null;
  createdAt: string;
  program: { code: string; name: string };
  region: { code: string; name: string };
  assignedOfficer: { name: string } | null;
  assignedOfficerName: string | null;
}

export interface InboxView {
  session: Session;
  filters: InboxFilters;
  rows: InboxRow[];
  totalCount: number;
  nextCursor: string | null;
  categories: { code: string; label: string }[];
  programs: { code: string; name: string }[];
  areas: { code: string; name: string }[];
  villages: { code: string; name: string }[];
}

/** The filters as an address, for the paging links and the SLA shortcuts. */
export function inboxAddress(filters: InboxFilters, changes: Partial<InboxFilters> = {}): string {
  const f = { ...filters, ...changes };
  const params = new URLSearchParams({ f: '1' });
  f.statuses.forEach((s) => params.append('status', s));
  f.tiers.forEach((t) => params.append('tingkat', t));
  f.slaStates.forEach((s) => params.append('sla', s));
  if (f.programCode) params.set('program', f.programCode);
  if (f.category) params.set('kategori', f.category);
  if (f.area) params.set('wilayah', f.area);
  if (f.village) params.set('desa', f.village);
  if (f.search) params.set('q', f.search);
  params.set('urut', f.order === 'NEWEST_FIRST' ? 'terbaru' : 'mendesak');
  if (f.after) params.set('setelah', f.after);
  return `/?${params}`;
}

export function slaBadge(state: SlaState): Html {
  return html`<span class="sla sla-${state.toLowerCase().replace('_', '-')}" title="${SLA_HINTS[state]}">${SLA_LABELS[state]}</span>`;
}

export function inboxPage(view: InboxView): Html {
  const { filters } = view;
  const checked = (on: boolean) => (on ? html` checked` : null);
  const selected = (on: boolean) => (on ? html` selected` : null);
  const checkboxes = <T extends string>(name: string, labels: Record<T, string>, chosen: T[]) =>
    (Object.keys(labels) as T[]).map((value) => html`<label class="check"><input type="checkbox" name="${name}" value="${value}"${checked(chosen.includes(value))}> ${labels[value]}</label>`);

  const rows = view.rows.map((row) => html`<tr>
  <td class="code"><a href="/pengaduan/${row.id}">${row.trackingCode}</a></td>
  <td>${slaBadge(row.slaState)}${row.dueAt && html`<small>jatuh tempo ${dateTimeWib(row.dueAt)} (${relativeDays(row.dueAt)})</small>`}</td>
  <td>${row.statusLabel}<small>${TIER_LABELS[row.currentTier]}</small></td>
  <td>${row.program.name}<small>${view.categories.find((c) => c.code === row.category)?.label ?? row.category}</small></td>
  <td>${row.region.name}</td>
  <td>${dateTimeWib(row.createdAt)}</td>
  <td>${row.assignedOfficer?.name ?? row.assignedOfficerName ?? html`<span class="muted">belum</span>`}</td>
</tr>`);

  const body = html`<h1>Kotak masuk <small>${view.session.office.name}</small></h1>
<details class="filters"${filters.after ? null : html` open`}>
<summary>Saring dan urutkan</summary>
<form method="get" action="/" class="filter-grid">
  <input type="hidden" name="f" value="1">
  <fieldset><legend>Status</legend>${checkboxes('status', STATUS_LABELS, filters.statuses)}</fieldset>
  <fieldset><legend>Tenggat (SLA)</legend>${checkboxes('sla', SLA_LABELS, filters.slaStates)}</fieldset>
  <fieldset><legend>Tingkat penanganan</legend>${checkboxes('tingkat', TIER_LABELS, filters.tiers)}</fieldset>
  <fieldset class="wide"><legend>Isi</legend>
    <label for="f-program">Program</label>
    <select id="f-program" name="program"><option value="">Semua program</option>${view.programs.map((p) => html`<option value="${p.code}"${selected(p.code === filters.programCode)}>${p.name}</option>`)}</select>
    <label for="f-kategori">Kategori</label>
    <select id="f-kategori" name="kategori"><option value="">Semua kategori</option>${view.categories.map((c) => html`<option value="${c.code}"${selected(c.code === filters.category)}>${c.label}</option>`)}</select>
    ${view.areas.length > 0 && html`<label for="f-wilayah">Wilayah</label>
    <select id="f-wilayah" name="wilayah"><option value="">Seluruh wilayah kerja</option>${view.areas.map((a) => html`<option value="${a.code}"${selected(a.code === filters.area)}>${a.name}</option>`)}</select>`}
    ${view.villages.length > 0 && html`<label for="f-desa">Desa/kelurahan</label>
    <select id="f-desa" name="desa"><option value="">Semua di wilayah ini</option>${view.villages.map((v) => html`<option value="${v.code}"${selected(v.code === filters.village)}>${v.name}</option>`)}</select>`}
    <label for="f-q">Cari dalam uraian</label>
    <input id="f-q" name="q" type="search" value="${filters.search}" placeholder="mis. tidak menerima">
  </fieldset>
  <fieldset><legend>Urutan</legend>
    <label class="check"><input type="radio" name="urut" value="mendesak"${checked(filters.order !== 'NEWEST_FIRST')}> Paling mendesak dulu</label>
    <label class="check"><input type="radio" name="urut" value="terbaru"${checked(filters.order === 'NEWEST_FIRST')}> Terbaru dulu</label>
  </fieldset>
  <div class="actions"><button>Terapkan</button> <a href="/">Atur ulang</a></div>
</form>
</details>
<p class="count" role="status">${view.totalCount.toLocaleString('id-ID')} pengaduan${filters.after ? ' (halaman lanjutan)' : ''}</p>
${view.rows.length === 0
  ? html`<p class="empty">Tidak ada pengaduan yang cocok dengan saringan ini.</p>`
  : html`<div class="table-wrap"><table class="inbox">
<caption class="visually-hidden">Pengaduan, ${filters.order === 'NEWEST_FIRST' ? 'terbaru dulu' : 'paling mendesak dulu'}</caption>
<thead><tr><th scope="col">Kode</th><th scope="col">Tenggat</th><th scope="col">Status</th><th scope="col">Program &amp; kategori</th><th scope="col">Wilayah</th><th scope="col">Diterima</th><th scope="col">Petugas</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`}
<nav class="pager" aria-label="Halaman">
  ${filters.after && html`<a href="${inboxAddress(filters, { after: '' })}">« Halaman pertama</a>`}
  ${view.nextCursor && html`<a rel="next" href="${inboxAddress(filters, { after: view.nextCursor })}">Halaman berikutnya »</a>`}
</nav>`;
  return page({ title: 'Kotak masuk', section: 'kotak-masuk', session: view.session, body });
}
