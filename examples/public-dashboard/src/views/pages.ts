import type { Figures, Measures, Region } from '../aduan.js';
import { monthName } from '../labels.js';
import { breakdown, Charts, summary, trend, type BreakdownRow, type Source } from './figures.js';
import { html, type Html } from './html.js';
import { page, type Crumb } from './layout.js';

/** What every page of a month needs. */
export interface MonthContext {
  month: string;
  offered: string[];
  current: string;
  openDataUrl: string;
  /** `?bulan=…` to keep the month on links to other pages. */
  query: string;
}

export interface TrendData {
  months: string[];
  measures: Measures[];
}

/** The open data rows of a month (and of a place's key column). */
const rowsOf = (month: string, key?: string) => `baris month = ${month}${key ? `, ${key}` : ''}`;

function monthOptions(context: MonthContext) {
  return { shown: context.month, offered: context.offered, current: context.current };
}

/** A list of links to the places one level down, for the walk (regions without complaints included). */
function placeList(id: string, title: string, regions: Region[], href: (region: Region) => string): Html {
  return html`<section aria-labelledby="${id}-judul" class="panel"><h2 id="${id}-judul">${title}</h2>
<ul class="places">${regions.map((region) => html`<li><a href="${href(region)}">${region.name}</a></li>`)}</ul></section>`;
}

export interface NationalView {
  context: MonthContext;
  figures: Figures;
  trend: TrendData;
  provinces: Region[];
  programLabel: (code: string) => string;
  categoryLabel: (code: string) => string;
  channelLabel: (code: string) => string;
  /** The page's charts so far (the league table's), drawn with the figures'. */
  charts: Charts;
  extra?: Html;
}

/** Indonesia: the month's headline, the trend, then by province, programme, category and channel. */
export function nationalPage(view: NationalView): Html {
  const { context, figures } = view;
  const { charts } = view;
  const od = context.openDataUrl;
  const rows = (key: 'region' | 'program' | 'category' | 'channel', label: (g: Figures['groups'][string][number]) => string, href?: (g: Figures['groups'][string][number]) => string): BreakdownRow[] =>
    figures.groups[key].map((group) => ({ label: label(group), href: href?.(group), measures: group }));
  const body = html`<p class="lead">Pengaduan tentang bantuan sosial yang diterima Aduan dari seluruh Indonesia pada ${monthName(context.month)}, menurut wilayah, program, kategori dan saluran. Pilih provinsi untuk melihat lebih dekat, sampai ke desa/kelurahan.</p>
${summary(figures.totals, context.month, od, { dataset: 'complaints-by-month', rows: rowsOf(context.month) })}
${trend('tren', 'Indonesia', view.trend.months, view.trend.measures, { dataset: 'complaints-by-month', rows: 'satu baris per bulan' }, od, charts)}
${breakdown({ id: 'provinsi', title: 'Per provinsi', what: 'Provinsi', charts, openDataUrl: od,
    rows: rows('region', (g) => g.region!.name, (g) => `/provinsi/${g.region!.code}${context.query}`),
    source: { dataset: 'complaints-by-province-month', rows: rowsOf(context.month) } })}
${breakdown({ id: 'program', title: 'Per program', what: 'Program', charts, openDataUrl: od,
    rows: rows('program', (g) => view.programLabel(g.program!.code)),
    source: { dataset: 'complaints-by-programme-month', rows: rowsOf(context.month) } })}
${breakdown({ id: 'kategori', title: 'Per kategori', what: 'Kategori', charts, openDataUrl: od,
    rows: rows('category', (g) => view.categoryLabel(g.category!)),
    source: { dataset: 'complaints-by-category-month', rows: rowsOf(context.month) } })}
${breakdown({ id: 'saluran', title: 'Per saluran', what: 'Saluran', charts, openDataUrl: od,
    rows: rows('channel', (g) => view.channelLabel(g.channel!.code)),
    source: { dataset: 'complaints-by-channel-month', rows: rowsOf(context.month) } })}
${view.extra}
<details class="more"><summary>Semua provinsi</summary>${placeList('semua-provinsi', 'Semua provinsi', view.provinces, (r) => `/provinsi/${r.code}${context.query}`)}</details>
${charts.block()}`;
  return page({ title: 'Indonesia', path: '/', crumbs: [], body, month: monthOptions(context), charts: charts.any });
}

export interface ProvinceView {
  context: MonthContext;
  province: Region;
  measures: Measures;
  trend: TrendData;
  districtFigures: Figures;
  districts: Region[];
  charts: Charts;
  extra?: Html;
}

export function provincePage(view: ProvinceView): Html {
  const { context, province } = view;
  const { charts } = view;
  const od = context.openDataUrl;
  const hidden = view.measures.count.suppressed;
  // As the open data does: a hidden province's districts are all hidden (see placeMeasures).
  const districtRows: BreakdownRow[] = view.districtFigures.groups.region.map((group) => ({
    label: group.region!.name, href: `/kabupaten/${group.region!.code}${context.query}`,
    measures: hidden ? { count: view.measures.count, slaComplianceRate: null, medianHoursToResolve: null } : group,
  }));
  const key = `province_code = ${province.code}`;
  const body = html`<p class="lead">Pengaduan tentang ${province.name} pada ${monthName(context.month)}, dan kabupaten/kotanya.</p>
${summary(view.measures, context.month, od, { dataset: 'complaints-by-province-month', rows: rowsOf(context.month, key) })}
${trend('tren', province.name, view.trend.months, view.trend.measures, { dataset: 'complaints-by-province-month', rows: `baris ${key}, satu per bulan` }, od, charts)}
${breakdown({ id: 'kabupaten', title: 'Per kabupaten/kota', what: 'Kabupaten/kota', charts, openDataUrl: od, rows: districtRows,
    source: { dataset: 'complaints-by-district-month', rows: rowsOf(context.month, key) } })}
${view.extra}
${placeList('semua-kabupaten', 'Semua kabupaten/kota', view.districts, (r) => `/kabupaten/${r.code}${context.query}`)}
${charts.block()}`;
  return page({
    title: province.name, path: `/provinsi/${province.code}`, body, month: monthOptions(context), charts: charts.any,
    crumbs: [{ label: 'Indonesia', href: `/${context.query}` }],
  });
}

export interface DistrictView {
  context: MonthContext;
  province: Region;
  district: Region;
  measures: Measures;
  trend: TrendData;
  subdistricts: Region[];
  charts: Charts;
  extra?: Html;
}

export function districtPage(view: DistrictView): Html {
  const { context, province, district } = view;
  const { charts } = view;
  const od = context.openDataUrl;
  const key = `district_code = ${district.code}`;
  const body = html`<p class="lead">Pengaduan tentang ${district.name} pada ${monthName(context.month)}. Angka pengaduan dipublikasikan sampai tingkat kabupaten/kota; untuk desa/kelurahan, pilih kecamatannya di bawah.</p>
${summary(view.measures, context.month, od, { dataset: 'complaints-by-district-month', rows: rowsOf(context.month, key) })}
${trend('tren', district.name, view.trend.months, view.trend.measures, { dataset: 'complaints-by-district-month', rows: `baris ${key}, satu per bulan` }, od, charts)}
${view.extra}
${placeList('kecamatan', 'Kecamatan', view.subdistricts, (r) => `/kecamatan/${r.code}${context.query}`)}
${charts.block()}`;
  return page({
    title: district.name, path: `/kabupaten/${district.code}`, body, month: monthOptions(context), charts: charts.any,
    crumbs: [{ label: 'Indonesia', href: `/${context.query}` }, { label: province.name, href: `/provinsi/${province.code}${context.query}` }],
  });
}

export interface SubdistrictView {
  context: MonthContext;
  crumbs: Crumb[];
  subdistrict: Region;
  villages: Region[];
}

/** A kecamatan: its villages, to choose one. */
export function subdistrictPage(view: SubdistrictView): Html {
  const { context, subdistrict } = view;
  const body = html`<p class="lead">Desa/kelurahan di Kecamatan ${subdistrict.name}. Halaman desa menampilkan musyawarah desanya dan angka pengaduan kabupaten/kotanya.</p>
${placeList('desa', 'Desa/kelurahan', view.villages, (r) => `/desa/${r.code}${context.query}`)}`;
  return page({ title: `Kecamatan ${subdistrict.name}`, path: `/kecamatan/${subdistrict.code}`, body, crumbs: view.crumbs });
}

export interface VillageView {
  context: MonthContext;
  crumbs: Crumb[];
  village: Region;
  district: Region;
  districtMeasures: Measures;
  deliberations?: Html;
}

/** A village: what is public about it (its deliberations), and its district's figures (the finest published). */
export function villagePage(view: VillageView): Html {
  const { context, village, district } = view;
  const kind = village.kind === 'KELURAHAN' ? 'Kelurahan' : 'Desa';
  const od = context.openDataUrl;
  const body = html`${view.deliberations}
${summary(view.districtMeasures, context.month, od, { dataset: 'complaints-by-district-month', rows: rowsOf(context.month, `district_code = ${district.code}`) }, {
    title: `Pengaduan di ${district.name}, ${monthName(context.month)}`,
    intro: html`<p>Angka pengaduan tidak dipublikasikan per desa/kelurahan (terlalu kecil untuk melindungi pelapor); ini angka ${district.name}, kabupaten/kota tempat ${kind} ${village.name} berada. <a href="/kabupaten/${district.code}${context.query}">Lihat halaman ${district.name}</a>.</p>`,
  })}`;
  return page({ title: `${kind} ${village.name}`, path: `/desa/${village.code}`, body, month: monthOptions(context), crumbs: view.crumbs });
}

/** About the data: where it comes from, suppression, the licence, the open data index. */
export function aboutPage(openDataUrl: string): Html {
  const body = html`<section class="panel prose">
<p>Semua angka di dasbor ini dibaca dari API publik Aduan tanpa token — siapa pun dapat memintanya — dan sama dengan berkas data terbuka Aduan, yang dibangun dari API yang sama setiap jam.</p>
<h2>Angka kecil disembunyikan</h2>
<p>Jumlah pengaduan 1 sampai 4 ditampilkan sebagai <strong>&lt;5</strong>, begitu pula jumlah lain yang dapat dipakai untuk menghitung angka tersembunyi itu. Persentase tepat waktu dan median waktu penyelesaian tidak ditampilkan (–) bila kurang dari 5 pengaduan. Angka desa/kelurahan dan kecamatan tidak dipublikasikan.</p>
<h2>Data terbuka</h2>
<p>Di bawah setiap angka ada tautan ke berkas data terbuka yang memuatnya (CSV dan JSON, satu baris per bulan). Daftar semua berkas, kamus data dan lisensinya: <a href="${openDataUrl}">indeks data terbuka</a> · <a href="${openDataUrl}data-dictionary.csv">kamus data (CSV)</a>.</p>
<p>Lisensi: <a href="https://creativecommons.org/licenses/by/4.0/deed.id">CC BY 4.0</a>. Sebutkan sumbernya: “Aduan — statistik pengaduan bantuan sosial (Kementerian Sosial RI)”.</p>
<h2>Bulan</h2>
<p>Bulan dihitung menurut tanggal pengaduan diterima, dalam WIB. Bulan yang sedang berjalan masih bertambah.</p>
</section>`;
  return page({ title: 'Tentang data', path: '/tentang', crumbs: [{ label: 'Indonesia', href: '/' }], body });
}
