import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PUBLIC } from '../auth/principal';
import { createRequestContext } from '../graphql/context';
import { createLogger, Logger } from '../logger';
import type { OpenDataset } from './dataset';
import { DATASETS } from './datasets';
import {
  BuiltFile, CSV_TYPE, csv, datasetJson, dictionaryCsv, HTML_TYPE, indexHtml, indexJson, JSON_TYPE, VERSION_PATH,
} from './render';

/** Two builds at once (the job and `npm run open-data`) would interleave their writes: the second waits for the first. */
const BUILD_LOCK = 0x0da7a037;

export interface OpenDataBuild {
  builtAt: Date;
  durationMs: number;
  files: { path: string; bytes: number; rows?: number; changed: boolean }[];
}

/** `YYYY-MM` (WIB) of every month from the first complaint's to now's. */
export async function monthsCovered(dataSource: DataSource, now: Date): Promise<string[]> {
  const [{ first }] = await dataSource.query(`SELECT to_char(min(created_at) AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS first FROM complaints`);
  if (!first) return [];
  const last = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 7);
  const months: string[] = [];
  let [year, month] = (first as string).split('-').map(Number);
  for (let text = first as string; text <= last; text = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(text);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

const etagOf = (content: string) => `"${createHash('sha256').update(content).digest('hex')}"`;
const wholeSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

/**
 * Builds every file of v1 from the database as of `now`, and stores them at
 * once (one transaction): a reader sees the previous set or this one, never a
 * mix. A file whose bytes did not change keeps its ETag and Last-Modified, so
 * caches keep revalidating to 304.
 */
export async function buildOpenData(dataSource: DataSource, options: { now?: Date; logger?: Logger; datasets?: readonly OpenDataset[] } = {}): Promise<OpenDataBuild> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const datasets = options.datasets ?? DATASETS;
  const logger = options.logger ?? createLogger('silent');
  const ctx = createRequestContext({ requestId: `open-data-build-${now.toISOString()}`, principal: PUBLIC, ip: 'internal', locale: 'en', dataSource, logger, now: () => now });
  const source = { ctx, months: await monthsCovered(dataSource, now) };

  const previous = new Map<string, { etag: string; lastModified: Date }>(
    (await dataSource.query(`SELECT path, etag, last_modified AS "lastModified" FROM open_data_files WHERE path LIKE $1`, [`${VERSION_PATH}/%`]))
      .map((r: { path: string; etag: string; lastModified: Date }) => [r.path, r]),
  );
  const files = new Map<string, BuiltFile>();
  const rowCounts = new Map<string, number>();
  const add = (name: string, contentType: string, content: string) => {
    const path = `${VERSION_PATH}/${name}`;
    const etag = etagOf(content);
    const before = previous.get(path);
    files.set(path, { path, contentType, content, bytes: Buffer.byteLength(content), etag, lastModified: before?.etag === etag ? before.lastModified : wholeSeconds(now) });
  };
  for (const dataset of datasets) {
    const rows = await dataset.rows(source);
    add(`${dataset.name}.csv`, CSV_TYPE, csv(dataset.columns.map((c) => c.name), rows));
    add(`${dataset.name}.json`, JSON_TYPE, datasetJson(dataset, rows));
    rowCounts.set(dataset.name, rows.length);
  }
  add('data-dictionary.csv', CSV_TYPE, dictionaryCsv(datasets));
  // The index names each file's size, hash and date: built after them.
  add('index.json', JSON_TYPE, indexJson(datasets, files));
  add('index.html', HTML_TYPE, indexHtml(datasets, files));

  await dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [BUILD_LOCK]);
    for (const file of files.values()) {
      await manager.query(
        `INSERT INTO open_data_files (path, content_type, content, bytes, etag, last_modified, built_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (path) DO UPDATE SET content_type = EXCLUDED.content_type, content = EXCLUDED.content, bytes = EXCLUDED.bytes, etag = EXCLUDED.etag,
           last_modified = EXCLUDED.last_modified, built_at = EXCLUDED.built_at`,
        [file.path, file.contentType, file.content, file.bytes, file.etag, file.lastModified, now],
      );
    }
    // A dataset no longer built (never under v1 once published; a test's own list) is not served stale.
    await manager.query(`DELETE FROM open_data_files WHERE path LIKE $1 AND NOT (path = ANY($2::text[]))`, [`${VERSION_PATH}/%`, [...files.keys()]]);
  });
  return {
    builtAt: now,
    durationMs: Date.now() - started,
    files: [...files.values()].map((f) => ({
      path: f.path, bytes: f.bytes, rows: rowCounts.get(f.path.slice(VERSION_PATH.length + 1).replace(/\.(csv|json)$/, '')),
      changed: previous.get(f.path)?.etag !== f.etag,
    })),
  };
}

/** Whether this version's files were ever built into this database (the job builds them at start when not). */
export async function openDataMissing(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query(`SELECT 1 FROM open_data_files WHERE path = $1`, [`${VERSION_PATH}/index.json`]);
  return !row;
}
