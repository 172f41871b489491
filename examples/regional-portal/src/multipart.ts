/**
 * multipart/form-data (RFC 7578), read from a body that is already in memory
 * and bounded (the route reads at most UPLOAD_REQUEST_LIMIT bytes). The
 * portal needs it for one form: files attached without JavaScript, which a
 * browser can only send this way. Only what browsers send is read: parts with
 * a Content-Disposition of `form-data` and a name; anything malformed is
 * refused whole rather than guessed at.
 */

export interface FormPart {
  /** The form field's name. */
  name: string;
  /** Present for file fields: the name of the file on the person's device ('' when none was chosen). */
  fileName: string | null;
  /** The part's Content-Type (for files, what the browser guessed from the name), lower case, without parameters. */
  contentType: string | null;
  data: Buffer;
}

export class MultipartError extends Error {}

/** A header block this long is not a browser's: refused instead of searched. */
const MAX_HEADER_BYTES = 8 * 1024;
const DEFAULT_MAX_PARTS = 25;

/** The boundary of a `multipart/form-data` Content-Type, or null when it is not one. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

export function parseMultipart(body: Buffer, boundary: string, maxParts = DEFAULT_MAX_PARTS): FormPart[] {
  const opening = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // Text before the first boundary (a preamble) is allowed and ignored (RFC 2046 §5.1.1).
  let position: number;
  if (body.subarray(0, opening.length).equals(opening)) {
    position = opening.length;
  } else {
    const first = body.indexOf(delimiter);
    if (first === -1) throw new MultipartError('no boundary in the body');
    position = first + delimiter.length;
  }

  const parts: FormPart[] = [];
  for (;;) {
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts; // "--": the closing boundary
    while (body[position] === 0x20 || body[position] === 0x09) position += 1; // transport padding
    if (body[position] !== 0x0d || body[position + 1] !== 0x0a) throw new MultipartError('a boundary line does not end in CRLF');
    position += 2;
    if (parts.length === maxParts) throw new MultipartError(`more than ${maxParts} parts`);

    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd === -1 || headerEnd - position > MAX_HEADER_BYTES) throw new MultipartError('a part has no end of headers');
    const headers = readHeaders(body.toString('utf8', position, headerEnd));
    const dataStart = headerEnd + 4;
    const next = body.indexOf(delimiter, dataStart);
    if (next === -1) throw new MultipartError('the body ends inside a part');
    const disposition = readDisposition(headers.get('content-disposition'));
    if (disposition) {
      const contentType = headers.get('content-type')?.split(';')[0].trim().toLowerCase() || null;
      parts.push({ name: disposition.name, fileName: disposition.fileName, contentType, data: body.subarray(dataStart, next) });
    }
    position = next + delimiter.length;
  }
}

function readHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError('a part header has no name');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * `form-data; name="berkas"; filename="foto 1.jpg"`. Browsers write `"`, CR
 * and LF in names as %22, %0D and %0A (the HTML standard's encoding), and
 * nothing else is escaped, so only those three are decoded.
 */
function readDisposition(value: string | undefined): { name: string; fileName: string | null } | null {
  if (!value || !/^form-data\s*(;|$)/i.test(value)) return null;
  const parameters = new Map<string, string>();
  for (const match of value.matchAll(/;\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g)) {
    const raw = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3];
    parameters.set(match[1].toLowerCase(), raw.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n'));
  }
  const name = parameters.get('name');
  if (name === undefined) return null;
  return { name, fileName: parameters.get('filename') ?? null };
}
