import sharp from 'sharp';
import { MAX_IMAGE_PIXELS } from './evidence.rules';

export class UnreadableImageError extends Error {
  override name = 'UnreadableImageError';
}

/**
 * The image re-encoded in its own format without any metadata: EXIF (GPS
 * position, camera, time), XMP (which can hold the position too), IPTC and
 * the ICC profile (converted to sRGB) — sharp writes none of them unless
 * asked. The EXIF orientation is applied to the pixels first, so the photo
 * still shows upright. Only the first frame of an animated WebP is kept.
 * The result is checked, so a change in sharp's defaults cannot let
 * metadata through unnoticed.
 */
export async function withoutMetadata(path: string, format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const image = sharp(path, { limitInputPixels: MAX_IMAGE_PIXELS }).autoOrient();
    bytes = await (format === 'jpeg' ? image.jpeg({ quality: 90 }) : format === 'png' ? image.png() : image.webp({ quality: 90 })).toBuffer();
  } catch (error) {
    // Damaged data, a truncated file, or more pixels than allowed: sharp's own words stay in the server log.
    throw new UnreadableImageError((error as Error).message);
  }
  const written = await sharp(bytes).metadata();
  if (written.exif || written.xmp || written.iptc || (written.orientation ?? 1) !== 1) {
    throw new Error('image metadata survived re-encoding');
  }
  return bytes;
}
