import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CsvLayout } from './csv-files';

/** A problem found before any row reached SQL validation: the header, or a line COPY could not read. */
export interface FileError {
  line: number;
  field: string;
  code: string;
}

export interface StagedFile {
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: string;
  bytes: number;
  /** Data rows staged (records after the header); 0 when the file could not be read. */
  rows: number;
  errors: FileError[];
}

export interface CopyProgress {
  bytes: number;
  totalBytes: number;
  /** Lines read so far (newlines counted on the way through), the header included. */
  lines: number;
}

/**
 * The staging table of a file: every column as text, so that a value of the
 * wrong type becomes an error row naming its line and field instead of
 * aborting COPY, and `line`, the file's line number (the header is line 1):
 * COPY inserts the records in file order, so an identity column numbers them.
 * A record is one line; a quoted field holding a line break is refused in
 * validation (the line numbers after it would count records, not lines).
 */
export async function createStage(client: ClientBase, layout: CsvLayout): Promise<void> {
  const columns = layout.columns.map((c) => `"${c}" text`).join(', ');
  await client.query(`CREATE TEMP TABLE ${layout.stage} (line bigint GENERATED ALWAYS AS IDENTITY (START WITH 2), ${columns}) ON COMMIT DROP`);
}

/**
 * Streams a file into its staging table through `COPY … FROM STDIN (FORMAT csv)`,
 * computing its SHA-256 and counting lines on the way (one read of the file).
 * The header decides the column order; it must name every column of the
 * layout and nothing else. A line COPY cannot read (wrong number of columns,
 * an unterminated quote, bytes that are not UTF-8) ends the COPY, which aborts
 * the transaction: it is returned as the file's one error, with its line.
 */
export async function copyIntoStage(
  client: ClientBase, layout: CsvLayout, path: string, onProgress: (progress: CopyProgress) => void,
): Promise<StagedFile> {
  const totalBytes = (await fs.stat(path)).size;
  const header = await readHeader(path);
  if (header === null) return { sha256: await sha256Of(path), bytes: totalBytes, rows: 0, errors: [{ line: 1, field: '', code: 'EMPTY_FILE' }] };
  const errors = headerErrors(layout, header);
  if (errors.length > 0) return { sha256: await sha256Of(path), bytes: totalBytes, rows: 0, errors };

  const hash = createHash('sha256');
  const progress: CopyProgress = { bytes: 0, totalBytes, lines: 0 };
  let lastReport = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      progress.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) progress.lines += 1;
      const now = Date.now();
      if (now - lastReport >= 100) {
        lastReport = now;
        onProgress(progress);
      }
      callback(null, chunk);
    },
  });
  const columns = header.map((c) => `"${c}"`).join(', ');
  const copy = client.query(copyFrom(`COPY ${layout.stage} (${columns}) FROM STDIN WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')`));
  try {
    await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), tap, copy);
  } catch (error) {
    const line = copyErrorLine(error);
    if (line === null) throw error;
    // Hash the rest of the file, so a refused import still records what was submitted.
    return { sha256: await sha256Of(path), bytes: totalBytes, rows: 0, errors: [{ line, field: copyErrorField(error), code: 'CSV_MALFORMED' }] };
  }
  onProgress(progress);
  return { sha256: hash.digest('hex'), bytes: totalBytes, rows: Number(copy.rowCount ?? 0), errors: [] };
}

/** The header's column names (lower-cased, unquoted, without a byte-order mark); null for an empty file. */
async function readHeader(path: string): Promise<string[] | null> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    let text = buffer.subarray(0, bytesRead).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const end = text.search(/\r?\n/);
    const line = end === -1 ? text : text.slice(0, end);
    if (line.trim() === '') return null;
    return line.split(',').map((name) => name.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
  } finally {
    await handle.close();
  }
}

function headerErrors(layout: CsvLayout, header: string[]): FileError[] {
  const errors: FileError[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!layout.columns.includes(name)) errors.push({ line: 1, field: name, code: 'HEADER_UNKNOWN_COLUMN' });
    else if (seen.has(name)) errors.push({ line: 1, field: name, code: 'HEADER_DUPLICATE_COLUMN' });
    seen.add(name);
  }
  for (const name of layout.columns) if (!seen.has(name)) errors.push({ line: 1, field: name, code: 'HEADER_MISSING_COLUMN' });
  return errors;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The line of a COPY error, from PostgreSQL's context (`COPY t, line 7: "…"`);
 * only the number is kept, never the quoted line (it holds personal data).
 */
function copyErrorLine(error: unknown): number | null {
  const where = (error as { where?: string } | null)?.where;
  const match = typeof where === 'string' ? /COPY [a-z_]+, line ([0-9]+)/.exec(where) : null;
  return match ? Number(match[1]) : null;
}

/** The column a COPY error names (`missing data for column "address"`, `…, column address: …`), else empty. */
function copyErrorField(error: unknown): string {
  const where = (error as { where?: string }).where ?? '';
  const message = (error as { message?: string }).message ?? '';
  const match = /column "?([a-z_]+)"?/.exec(message) ?? /line [0-9]+, column ([a-z_]+)/.exec(where);
  return match ? match[1] : '';
}
