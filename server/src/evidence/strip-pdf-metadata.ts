import { readFile } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObject, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';

export class UnreadablePdfError extends Error {
  override name = 'UnreadablePdfError';
}

/** Keys that hold metadata (XMP) or an application's private data about the file, on the catalogue, pages and images. */
const METADATA_KEYS = [PDFName.of('Metadata'), PDFName.of('PieceInfo')];

/** JPEG segments kept in an embedded photo: the JFIF header (APP0) and Adobe's colour transform (APP14), which decoding needs. */
const KEPT_APP_MARKERS = new Set([0xe0, 0xee]);

/**
 * A PDF rewritten without what identifies its maker or place
 * (docs/adr/0038-village-deliberations-in-the-open.md): the document
 * information dictionary (author, creator, producer, dates), every XMP
 * `Metadata` stream and `PieceInfo`, the EXIF, XMP and IPTC segments of JPEG
 * images inside it (a scanned page photographed with a phone carries its GPS
 * position), and every object no longer reachable from the catalogue —
 * earlier revisions of an incrementally saved file keep their own metadata
 * there. Written without object streams, so anyone can check the result with
 * a text search. The pages themselves are untouched.
 */
export async function pdfWithoutMetadata(path: string): Promise<Buffer> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(await readFile(path), { updateMetadata: false, throwOnInvalidObject: false });
  } catch (error) {
    // Encrypted or damaged: the server log keeps pdf-lib's words.
    throw new UnreadablePdfError((error as Error).message);
  }
  const context = document.context;
  context.trailerInfo.Info = undefined;
  context.trailerInfo.ID = undefined;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
    if (!dict) continue;
    for (const key of METADATA_KEYS) dict.delete(key);
    if (object instanceof PDFRawStream && isJpeg(dict)) {
      const stripped = jpegWithoutMetadata(object.getContents());
      if (stripped) {
        dict.set(PDFName.of('Length'), PDFNumber.of(stripped.length));
        context.assign(ref, PDFRawStream.of(dict, stripped));
      }
    }
  }
  removeUnreachable(document);
  const bytes = Buffer.from(await document.save({ useObjectStreams: false, updateFieldAppearances: false }));
  const check = await PDFDocument.load(bytes, { updateMetadata: false });
  if (check.context.trailerInfo.Info || check.catalog.has(PDFName.of('Metadata'))) throw new Error('PDF metadata survived rewriting');
  return bytes;
}

function isJpeg(dict: PDFDict): boolean {
  const filter = dict.get(PDFName.of('Filter'));
  if (filter === PDFName.of('DCTDecode')) return true;
  return filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === PDFName.of('DCTDecode');
}

/**
 * The JPEG without its APP1–APP13 and APP15 segments and comments, or null
 * when it is not a JPEG this can walk (then it is kept as it is: the image
 * still shows, and refusing every odd scan would refuse real minutes).
 */
export function jpegWithoutMetadata(bytes: Uint8Array): Buffer | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    // Start of scan: the compressed image follows to the end; nothing after it is a header segment.
    if (marker === 0xda) {
      kept.push(bytes.subarray(at));
      return Buffer.concat(kept);
    }
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2 || at + 2 + length > bytes.length) return null;
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (!((isApp && !KEPT_APP_MARKERS.has(marker)) || marker === 0xfe)) kept.push(bytes.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  return null;
}

/** Deletes every indirect object the trailer's catalogue does not lead to. */
function removeUnreachable(document: PDFDocument): void {
  const context = document.context;
  const reachable = new Set<string>();
  const walk = (object: PDFObject | undefined): void => {
    if (!object) return;
    if (object instanceof PDFRef) {
      if (reachable.has(object.tag)) return;
      reachable.add(object.tag);
      walk(context.lookup(object));
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) walk(value);
    } else if (object instanceof PDFStream) {
      walk(object.dict);
    } else if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i += 1) walk(object.get(i));
    }
  };
  walk(context.trailerInfo.Root);
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref.tag)) context.delete(ref);
  }
}
