import { createHash, randomBytes } from 'node:crypto';
import exifr from 'exifr';
import sharp from 'sharp';

/**
 * Real files for the evidence tests, made here: photos with location data
 * (as a phone writes it), a minimal valid PDF, a minimal MP4 (an `ftyp` box
 * and a `free` box, which is what file-type recognises an MP4 by), and bytes
 * dressed up as something they are not.
 */

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Sukasari (the demo village's kecamatan), Kota Bandung: -6.8778, 107.5786 (degrees, minutes, seconds as EXIF rationals). */
export const SUKASARI_GPS = { GPSLatitudeRef: 'S', GPSLatitude: '6/1 52/1 40/1', GPSLongitudeRef: 'E', GPSLongitude: '107/1 34/1 43/1' };

/**
 * A JPEG as a phone takes it: EXIF with GPS position, camera and owner, and
 * orientation 6 (stored on its side, shown upright by rotating 90°).
 * Stored 120×80 pixels, so shown (and, once re-encoded with the orientation
 * applied, stored) 80×120.
 */
export async function phonePhoto(width = 120, height = 80): Promise<Buffer> {
  const pixels = await sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } }).png().toBuffer();
  return sharp(pixels)
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'Samsung', Model: 'Galaxy A14', Artist: 'Siti Aminah' }, IFD3: SUKASARI_GPS })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A PNG and a WebP, each with an EXIF block holding the GPS position. */
export async function pngWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 200, b: 90 } } }).withExif({ IFD3: SUKASARI_GPS }).png().toBuffer();
}

export async function webpWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 200, b: 90 } } }).withExif({ IFD3: SUKASARI_GPS }).webp().toBuffer();
}

/**
 * A photo of about 5 MB as a 12-megapixel phone camera makes it (4000×3000,
 * a gradient with sensor-like noise: photos do not compress to nothing), with
 * GPS EXIF.
 */
export async function fiveMegabytePhoto(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const raw = randomBytes(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      raw[i] = ((x * 255) / width + (raw[i] % 56)) & 255;
      raw[i + 1] = ((y * 255) / height + (raw[i + 1] % 56)) & 255;
      raw[i + 2] = (128 + (raw[i + 2] % 56)) & 255;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).withExif({ IFD0: { Make: 'Samsung' }, IFD3: SUKASARI_GPS }).jpeg({ quality: 85 }).toBuffer();
}

/** A minimal valid PDF: one empty page, with a correct cross-reference table. */
export function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
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

/** A minimal MP4: `ftyp` (brand isom, compatible iso2, avc1, mp41) then a `free` box of padding to the size asked. */
export function minimalMp4(size = 64): Buffer {
  const ftyp = Buffer.concat([u32(32), Buffer.from('ftypisom'), u32(0x200), Buffer.from('isomiso2avc1mp41')]);
  const free = Buffer.concat([u32(size - ftyp.length), Buffer.from('free'), Buffer.alloc(size - ftyp.length - 8)]);
  return Buffer.concat([ftyp, free]);
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
}

/** A Windows executable's first bytes (MZ header): what a "photo.jpg" from a phishing kit really is. */
export function executable(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

/** An HTML page, the classic stored-XSS payload behind an image name. */
export function htmlPage(): Buffer {
  return Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
}

/**
 * The GPS position an image carries, read from its EXIF block whatever the
 * format (exifr reads JPEG and PNG itself, not WebP: the block sharp finds is
 * handed to it), or from XMP; undefined when it carries none.
 */
export async function locationIn(image: Uint8Array): Promise<{ latitude: number; longitude: number } | undefined> {
  const { exif, xmp } = await sharp(image).metadata();
  const fromExif = exif ? await exifr.gps(exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0)) : undefined;
  if (fromExif) return fromExif;
  return xmp && /GPS(Latitude|Longitude)/.test(xmp.toString('utf8')) ? { latitude: NaN, longitude: NaN } : undefined;
}
