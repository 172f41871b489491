import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { placeMeasures, type PublicData, type Region } from './aduan.js';
import type { OrganisationKind } from '@aduan/sdk';
import type { DashboardConfig } from './config.js';
import { monthName } from './labels.js';
import { addMonths, chosenMonth, monthWib, offeredMonths, trendMonths } from './period.js';
import { deliberationPage, deliberationsSection, deliberationsUnavailable } from './views/deliberations.js';
import { Charts } from './views/figures.js';
import { html, type Html } from './views/html.js';
import { bankTable, leagueRows, leagueTable, onTimeRate, referralRate } from './views/offices.js';
import { messagePage, type Crumb } from './views/layout.js';
import { aboutPage, districtPage, nationalPage, provincePage, subdistrictPage, villagePage, type MonthContext } from './views/pages.js';

/** Static files (stylesheet, chart script), beside dist/ in the package. */
const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
/** Chart.js's browser build, served from the dashboard's own address (no CDN: one origin to trust, works offline). */
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

export interface DashboardDeps {
  config: DashboardConfig;
  data: PublicData;
  /** The clock (the tests set it). */
  now?: () => Date;
}

const CODE = {
  province: /^\d{2}$/,
  district: /^\d{2}\.\d{2}$/,
  subdistrict: /^\d{2}\.\d{2}\.\d{2}$/,
  village: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
};

/**
 * The dashboard's pages: server-rendered HTML from Aduan's public queries, no
 * token anywhere. Pages are public and cached by browsers and proxies for a
 * few minutes, as the figures behind them are.
 */
export function createApp(deps: DashboardDeps): express.Express {
  const { config, data } = deps;
  const now = deps.now ?? (() => new Date());
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  // Pages, stylesheet and Chart.js compressed (Brotli or gzip): a phone on a village's slow line loads a third.
  app.use(compression());
  app.use('/aset', express.static(PUBLIC_DIR, { maxAge: '1h' }));
  app.get('/aset/chart.umd.min.js', (_req, res) => res.set('cache-control', 'public, max-age=86400').sendFile(CHART_JS));
  app.get('/favicon.ico', (_req, res) => res.status(204).set('cache-control', 'public, max-age=86400').end());

  const context = (req: Request): MonthContext => {
    const today = now();
    const month = chosenMonth(req.query.bulan, today);
    const current = monthWib(today);
    return { month, current, offered: offeredMonths(today), openDataUrl: config.openDataUrl, query: req.query.bulan === month ? `?bulan=${month}` : '' };
  };

  const labels = async () => {
    const [programs, categories, channels] = await Promise.all([data.programs(), data.categories(), data.channels()]);
    return {
      programLabel: (code: string) => programs.find((p) => p.code === code)?.name ?? code,
      categoryLabel: (code: string) => categories.find((c) => c.code === code)?.labelId ?? code,
      channelLabel: (code: string) => channels.find((c) => c.code === code)?.name ?? code,
    };
  };

  app.get('/', handle(async (req, res) => {
    const ctx = context(req);
    const months = trendMonths(ctx.month);
    const charts = new Charts();
    const [figures, trend, provinces, names, offices, banks] = await Promise.all([
      data.figures(null, ctx.month, [{ key: 'region', regionLevel: 'PROVINCE' }, { key: 'program' }, { key: 'category' }, { key: 'channel' }]),
      data.trend(months, {}),
      data.regions(),
      labels(),
      league(data, ctx, charts, { kind: ['MINISTRY', 'PROVINCE_OFFICE', 'DISTRICT_OFFICE'] }, 'Ketepatan waktu kantor dinas sosial',
        'Kementerian Sosial, dinas sosial provinsi dan kabupaten/kota (kantor desa/kelurahan ada di halaman kabupaten/kotanya)'),
      optional(data.officeRecords({ from: addMonths(ctx.month, -1), to: ctx.month, kind: ['BANK'] })
        .then((records) => bankTable(ctx.month, leagueRows(records, ctx.month, addMonths(ctx.month, -1), referralRate), ctx.openDataUrl))),
    ]);
    sendPage(res, 200, nationalPage({ context: ctx, figures, trend: { months, measures: trend }, provinces, ...names, charts, extra: html`${offices}${banks}` }));
  }));

  app.get('/provinsi/:code', handle(async (req, res) => {
    const code = String(req.params.code);
    const province = CODE.province.test(code) ? await data.region(code) : null;
    if (!province) return notFound(res);
    const ctx = context(req);
    const months = trendMonths(ctx.month);
    const charts = new Charts();
    const [national, districtFigures, trend, districts, offices] = await Promise.all([
      data.figures(null, ctx.month, [{ key: 'region', regionLevel: 'PROVINCE' }]),
      data.figures(code, ctx.month, [{ key: 'region', regionLevel: 'DISTRICT' }]),
      data.trend(months, { province: code }),
      data.regions(code),
      league(data, ctx, charts, { regionCode: code, kind: ['MINISTRY', 'PROVINCE_OFFICE', 'DISTRICT_OFFICE'] }, `Ketepatan waktu kantor · ${province.name}`,
        `Dinas sosial ${province.name} dan kabupaten/kotanya, dengan Kementerian Sosial yang menangani eskalasi (kantor desa/kelurahan ada di halaman kabupaten/kotanya)`),
    ]);
    const measures = placeMeasures({ province: code }, national.groups.region, []);
    sendPage(res, 200, provincePage({ context: ctx, province, measures, trend: { months, measures: trend }, districtFigures, districts, charts, extra: offices }));
  }));

  app.get('/kabupaten/:code', handle(async (req, res) => {
    const code = String(req.params.code);
    const district = CODE.district.test(code) ? await data.region(code) : null;
    const province = district && await data.region(code.slice(0, 2));
    if (!district || !province) return notFound(res);
    const ctx = context(req);
    const months = trendMonths(ctx.month);
    const charts = new Charts();
    const [measures, trend, subdistricts, offices] = await Promise.all([
      districtMeasures(data, province.code, code, ctx.month),
      data.trend(months, { province: province.code, district: code }),
      data.regions(code),
      league(data, ctx, charts, { regionCode: code }, `Ketepatan waktu kantor · ${district.name}`,
        `Kantor desa/kelurahan di ${district.name}, dinas sosialnya, dan kantor di atasnya yang menangani eskalasi`),
    ]);
    sendPage(res, 200, districtPage({ context: ctx, province, district, measures, trend: { months, measures: trend }, subdistricts, charts, extra: offices }));
  }));

  app.get('/kecamatan/:code', handle(async (req, res) => {
    const code = String(req.params.code);
    const chain = CODE.subdistrict.test(code) ? await ancestors(data, code) : null;
    if (!chain) return notFound(res);
    const ctx = context(req);
    const subdistrict = chain[chain.length - 1];
    sendPage(res, 200, subdistrictPage({ context: ctx, subdistrict, villages: await data.regions(code), crumbs: crumbsOf(chain.slice(0, -1), ctx.query) }));
  }));

  app.get('/desa/:code', handle(async (req, res) => {
    const code = String(req.params.code);
    const chain = CODE.village.test(code) ? await ancestors(data, code) : null;
    if (!chain) return notFound(res);
    const ctx = context(req);
    const [province, district, , village] = chain;
    const [measures, deliberations] = await Promise.all([
      districtMeasures(data, province.code, district.code, ctx.month),
      // The district's figures are worth showing even when the deliberations cannot be read (Aduan's per-IP budget).
      data.deliberations(code).then((list) => deliberationsSection(village.name, list), (error: unknown) => {
        console.error(`deliberations of ${code}: ${error instanceof Error ? error.message : String(error)}`);
        return deliberationsUnavailable();
      }),
    ]);
    sendPage(res, 200, villagePage({ context: ctx, village, district, districtMeasures: measures, deliberations, crumbs: crumbsOf(chain.slice(0, -1), ctx.query) }));
  }));

  app.get('/musdes/:id', handle(async (req, res) => {
    const id = String(req.params.id);
    // Aduan's ids are opaque: anything short and plain is asked for; Aduan says whether it exists.
    const found = /^[\w=+/-]{1,200}$/.test(id) ? await data.deliberation(id) : null;
    const chain = found && await ancestors(data, found.village.code);
    if (!found || !chain) return notFound(res);
    const ctx = context(req);
    sendPage(res, 200, deliberationPage(found, crumbsOf(chain, ctx.query)));
  }));

  app.get('/tentang', (_req, res) => sendPage(res, 200, aboutPage(config.openDataUrl)));

  app.use((_req: Request, res: Response) => notFound(res));
  return app;
}

/** The league table of a month's offices (with the month before, for the trend); a notice if Aduan cannot answer. */
function league(data: PublicData, ctx: MonthContext, charts: Charts, filter: { regionCode?: string; kind?: OrganisationKind[] }, title: string, intro: string): Promise<Html> {
  const previous = addMonths(ctx.month, -1);
  return optional(data.officeRecords({ from: previous, to: ctx.month, ...filter }).then((records) => leagueTable({
    id: 'kantor', title, month: ctx.month, openDataUrl: ctx.openDataUrl, charts,
    intro: `${intro}. Diurutkan menurut persentase keputusan ${monthName(ctx.month)} yang diambil dalam batas waktu layanan (SLA); tren dibanding bulan sebelumnya, dalam poin persen.`,
    rows: leagueRows(records, ctx.month, previous, onTimeRate),
  })));
}

/** A part of a page that may fail alone: the rest of the page still shows, with a notice in its place. */
function optional(part: Promise<Html>): Promise<Html> {
  return part.catch((error: unknown) => {
    console.error(`a part of the page: ${error instanceof Error ? error.message : String(error)}`);
    return html`<p class="notice warn" role="status">Sebagian data belum dapat dimuat saat ini. Silakan muat ulang halaman sebentar lagi.</p>`;
  });
}

/** A district's figures of a month, from its province's breakdown (as the open data's district file has them). */
async function districtMeasures(data: PublicData, province: string, district: string, month: string) {
  const [national, provinceFigures] = await Promise.all([
    data.figures(null, month, [{ key: 'region', regionLevel: 'PROVINCE' }]),
    data.figures(province, month, [{ key: 'region', regionLevel: 'DISTRICT' }]),
  ]);
  return placeMeasures({ province, district }, national.groups.region, provinceFigures.groups.region);
}

/** The region and every region above it, the province first; null when one of them is unknown. */
async function ancestors(data: PublicData, code: string): Promise<Region[] | null> {
  const parts = code.split('.');
  const chain = await Promise.all(parts.map((_, i) => data.region(parts.slice(0, i + 1).join('.'))));
  return chain.every((region) => region !== null) ? (chain as Region[]) : null;
}

const PATHS = ['provinsi', 'kabupaten', 'kecamatan', 'desa'];
function crumbsOf(chain: Region[], query: string): Crumb[] {
  return [{ label: 'Indonesia', href: `/${query}` }, ...chain.map((region, i) => ({
    label: i === 2 ? `Kecamatan ${region.name}` : i === 3 ? `${region.kind === 'KELURAHAN' ? 'Kelurahan' : 'Desa'} ${region.name}` : region.name,
    href: `/${PATHS[i]}/${region.code}${query}`,
  }))];
}

function notFound(res: Response): void {
  sendPage(res, 404, messagePage('Halaman tidak ditemukan', 'Alamat ini tidak ada di dasbor: wilayahnya tidak dikenal, atau tautannya terpotong.'), 'no-store');
}

/** An async route whose failure (Aduan unreachable, an error it answered) becomes a page saying so, not a hang. */
function handle(route: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response) => {
    route(req, res).catch((error: unknown) => {
      console.error(`${req.method} ${req.originalUrl}: ${error instanceof Error ? error.message : String(error)}`);
      sendPage(res, 503, messagePage('Data belum dapat dimuat', 'Dasbor tidak dapat menghubungi Aduan saat ini. Silakan coba lagi beberapa saat lagi.'), 'no-store');
    });
  };
}

/** Public pages: a browser or a proxy may keep them as long as the figures behind them are kept (5 minutes). */
export function sendPage(res: Response, status: number, body: Html, cache = 'public, max-age=300'): void {
  res.status(status).set('cache-control', cache).type('html').send(body.text);
}

/**
 * Defence in depth: every page is escaped (views/html.ts), and even if a hole
 * appeared, the browser would run no script but the dashboard's own files.
 * Nothing is sent anywhere; the open data links are plain links.
 */
function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
  });
  next();
}
