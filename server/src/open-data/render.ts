import { MIN_PUBLISHED_COUNT } from '../statistics/suppression';
import type { Cell, OpenDataset, Row } from './dataset';

/** v1: a dataset's name and columns never change under it (docs/adr/0037-open-data.md). */
export const SCHEMA_VERSION = 1;
export const VERSION_PATH = 'v1';
export const SUPPRESSION_MARKER = `<${MIN_PUBLISHED_COUNT}`;
export const LICENCE = { name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0 International', path: 'https://creativecommons.org/licenses/by/4.0/' } as const;
export const ATTRIBUTION = 'Aduan — statistik pengaduan bantuan sosial (Kementerian Sosial RI)';

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

/** RFC 4180: CRLF line ends, a header row, a field quoted when it holds a comma, a quote or a line end; empty for null. */
export function csv(columns: readonly string[], rows: readonly Row[]): string {
  const field = (value: Cell) => {
    if (value == null) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns, ...rows.map((row) => columns.map((c) => row[c]))].map((line) => line.map((v) => field(v as Cell)).join(',')).join('\r\n') + '\r\n';
}

/** The JSON file: the same rows, each an object with the CSV's columns in order; no build time inside, so equal data is equal bytes. */
export function datasetJson(dataset: OpenDataset, rows: readonly Row[]): string {
  const names = dataset.columns.map((c) => c.name);
  return `${JSON.stringify({
    dataset: dataset.name,
    schemaVersion: SCHEMA_VERSION,
    licence: LICENCE.name,
    suppressionMarker: SUPPRESSION_MARKER,
    columns: names,
    rows: rows.map((row) => Object.fromEntries(names.map((n) => [n, row[n] ?? null]))),
  }, null, 1)}\n`;
}

/** One built file of a dataset, as the index describes it. */
export interface BuiltFile {
  path: string;
  contentType: string;
  content: string;
  bytes: number;
  etag: string;
  lastModified: Date;
}

export const DICTIONARY_COLUMNS = ['file', 'column', 'type', 'meaning', 'unit', 'suppression_marker', 'empty_allowed'] as const;

/** The data dictionary as CSV: one row per column of every file. */
export function dictionaryCsv(datasets: readonly OpenDataset[]): string {
  const rows: Row[] = [];
  for (const dataset of datasets) {
    for (const format of ['csv', 'json']) {
      for (const column of dataset.columns) {
        rows.push({
          file: `${dataset.name}.${format}`, column: column.name, type: column.type, meaning: column.description, unit: column.unit ?? '',
          suppression_marker: column.suppressible ? SUPPRESSION_MARKER : '', empty_allowed: column.nullable ? 'yes' : 'no',
        });
      }
    }
  }
  return csv(DICTIONARY_COLUMNS, rows);
}

const httpDate = (date: Date) => date.toUTCString();

/**
 * The index: a Frictionless Data Package descriptor (datapackage.json), so
 * that tools read the files' schemas, licence and missing-value marker as they
 * are, plus `schemaVersion`. Paths are relative to /open-data/v1/.
 */
export function indexJson(datasets: readonly OpenDataset[], files: ReadonlyMap<string, BuiltFile>): string {
  const resource = (dataset: OpenDataset, format: 'csv' | 'json') => {
    const file = files.get(`${VERSION_PATH}/${dataset.name}.${format}`)!;
    return {
      name: `${dataset.name}-${format}`,
      path: `${dataset.name}.${format}`,
      title: dataset.title,
      description: dataset.description,
      format,
      mediatype: format === 'csv' ? 'text/csv' : 'application/json',
      encoding: 'utf-8',
      bytes: file.bytes,
      hash: `sha256:${file.etag.replace(/"/g, '')}`,
      lastModified: file.lastModified.toISOString(),
      apiEquivalent: dataset.apiEquivalent,
      schema: {
        fields: dataset.columns.map((c) => ({
          name: c.name, type: c.type, description: c.description, ...(c.unit ? { unit: c.unit } : {}),
          ...(c.suppressible ? { suppressionMarker: SUPPRESSION_MARKER } : {}),
        })),
        primaryKey: dataset.primaryKey,
        missingValues: ['', SUPPRESSION_MARKER],
      },
    };
  };
  return `${JSON.stringify({
    profile: 'tabular-data-package',
    name: 'aduan-open-data',
    title: 'Aduan open data: complaints about social assistance',
    description: 'Published statistics of the complaints Aduan receives about Indonesia’s social assistance (bansos), and each office’s record, the same '
      + `figures as the API’s publicComplaintStatistics and officeRecords, rebuilt every hour. Complaint counts of 1 to ${MIN_PUBLISHED_COUNT - 1} are shown `
      + `as ${SUPPRESSION_MARKER}, and a second count is hidden where one hidden count could otherwise be worked out from the total. `
      + 'The dictionary of every column: data-dictionary.csv.',
    schemaVersion: SCHEMA_VERSION,
    licenses: [LICENCE],
    attribution: ATTRIBUTION,
    suppression: { minimumCount: MIN_PUBLISHED_COUNT, marker: SUPPRESSION_MARKER },
    dataDictionary: 'data-dictionary.csv',
    resources: datasets.flatMap((d) => [resource(d, 'csv'), resource(d, 'json')]),
  }, null, 1)}\n`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));

/** The index for people: a small page in Bahasa Indonesia (with the English descriptions), no script, one inline style. */
export function indexHtml(datasets: readonly OpenDataset[], files: ReadonlyMap<string, BuiltFile>): string {
  const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);
  const link = (dataset: OpenDataset, format: string) => {
    const file = files.get(`${VERSION_PATH}/${dataset.name}.${format}`)!;
    return `<a href="${dataset.name}.${format}">${format.toUpperCase()}</a> (${size(file.bytes)})`;
  };
  const items = datasets.map((d) => `<li><strong>${escapeHtml(d.title)}</strong> — ${link(d, 'csv')}, ${link(d, 'json')}<br>${escapeHtml(d.description)}<br>`
    + `<small>Kolom: ${d.columns.map((c) => `<code>${escapeHtml(c.name)}</code>`).join(', ')}. `
    + `Diperbarui: ${escapeHtml(httpDate(files.get(`${VERSION_PATH}/${d.name}.csv`)!.lastModified))}</small></li>`).join('\n');
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Data terbuka Aduan — v${SCHEMA_VERSION}</title>
<style>${INDEX_STYLE}</style></head>
<body><main>
<h1>Data terbuka Aduan (v${SCHEMA_VERSION})</h1>
<p>Statistik pengaduan bantuan sosial dan catatan setiap kantor, sama dengan <code>publicComplaintStatistics</code> dan <code>officeRecords</code> pada API,
diperbarui setiap jam. Jumlah pengaduan 1–${MIN_PUBLISHED_COUNT - 1} ditampilkan sebagai <code>${escapeHtml(SUPPRESSION_MARKER)}</code> agar tidak ada orang yang dapat dikenali.
Keterangan setiap kolom (dalam bahasa Inggris) ada di kamus data.</p>
<ul>
${items}
</ul>
<p>Kamus data: <a href="data-dictionary.csv">data-dictionary.csv</a> · Deskripsi mesin (Data Package): <a href="index.json">index.json</a></p>
<p>Lisensi: <a href="${LICENCE.path}">${LICENCE.title} (${LICENCE.name})</a>. Sebutkan sumber: ${escapeHtml(ATTRIBUTION)}.</p>
</main></body></html>
`;
}

export const INDEX_STYLE = 'body{font-family:system-ui,sans-serif;margin:0;padding:1rem;line-height:1.5;color:#1a1a1a}main{max-width:48rem;margin:auto}li{margin-bottom:1rem}code{background:#f2f2f2;padding:0 .2em}';
