import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { EvidenceStorage } from '../../server/src/evidence/storage/evidence-storage';

/**
 * Files a citizen would attach on the regional portal, made here: a phone
 * photo with its GPS position in EXIF, a PDF letter, a text file renamed
 * .jpg, small PNGs by the dozen, and one file just over the limit.
 */

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Dago, Kec. Coblong, Kota Bandung: about -6.8850, 107.6133, as a phone writes it (degrees, minutes, seconds). */
export const DAGO_GPS = { GPSLatitudeRef: 'S', GPSLatitude: '6/1 53/1 6/1', GPSLongitudeRef: 'E', GPSLongitude: '107/1 36/1 48/1' };

/**
 * A photo as a phone takes it: 640×480 with sensor-like noise (so it does not
 * compress to nothing), camera and owner in EXIF, and the GPS position.
 */
export async function photoWithGps(): Promise<Buffer> {
  const width = 640;
  const height = 480;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let i = 0; i < raw.length; i += 1) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = (((i / 3) % width) * 200) / width + (seed % 40);
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Make: 'Xiaomi', Model: 'Redmi Note 12', Artist: 'Siti Aminah' }, IFD3: DAGO_GPS })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A small PNG of one colour; `shade` makes each one different. */
export async function smallPng(shade: number): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 24, channels: 3, background: { r: shade % 256, g: 120, b: 200 } } }).png().toBuffer();
}

/** A one-page PDF with a correct cross-reference table, as a scanner app writes a letter (surat keterangan). */
export function pdfLetter(): Buffer {
  const text = 'BT /F1 12 Tf 72 760 Td (Surat Keterangan RT 02/RW 05 Kelurahan Dago) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const folders: string[] = [];

/** Writes the files into a new temporary folder, as they would sit on the person's device; answers their paths by name. */
export async function onDisk(files: Record<string, Buffer>): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aduan-portal-upload-'));
  folders.push(dir);
  const paths: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) {
    paths[name] = path.join(dir, name);
    await writeFile(paths[name], bytes);
  }
  return paths;
}

/** Removes every folder `onDisk` made (some hold files of 10 MB). */
export async function removeFilesOnDisk(): Promise<void> {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** An object's bytes, read back from the store the test server writes to. */
export async function storedBytes(storage: EvidenceStorage, key: string): Promise<Buffer> {
  const { body } = await storage.get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** How Aduan's timeline writes a size (`sizeLabel` in the server), computed here on its own: `245 KB`, `2.1 MB`. */
export function timelineSize(bytes: number): string {
  const MB = 1024 * 1024;
  return bytes >= MB ? `${(bytes / MB).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
