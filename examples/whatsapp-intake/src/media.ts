import { createHash } from 'node:crypto';

/**
 * Fetching the file of a photo or document message through the Cloud API, in
 * the two steps Meta documents:
 *
 *   GET {api}/{media-id}   (bearer token)  →  { url, mime_type, sha256, file_size, id }
 *   GET {url}              (bearer token)  →  the bytes (the URL lives 5 minutes)
 *
 * The declared size is checked before anything is downloaded, and the
 * download itself is cut off past the limit whatever the size claimed, so a
 * file never takes more memory than the limit.
 */

export type MediaDownload =
  | { kind: 'ok'; bytes: Buffer; mimeType: string | null }
  /** Larger than the limit: not downloaded (or cut off). `size` as declared or as far as it was read. */
  | { kind: 'too-large'; size: number }
  /** Meta no longer has it (media ids expire), or the id is not one: sending the file again is the way. */
  | { kind: 'gone' };

export type FetchMedia = (mediaId: string, maxBytes: number) => Promise<MediaDownload>;

/**
 * The download failed in a way that may pass (Meta's 5xx, a network error, a
 * body that does not match its SHA-256): the webhook answers 503 so Meta
 * delivers the message again. Meta's error message is not kept (it can quote
 * the sender's number).
 */
export class MediaUnavailable extends Error {
  constructor(readonly step: 'info' | 'download', readonly status: number | null, readonly metaCode: number | null = null) {
    super(`WhatsApp media ${step} failed (HTTP ${status ?? 'none'}${metaCode ? `, Graph API error ${metaCode}` : ''})`);
  }
}

const INFO_TIMEOUT_MS = 10_000;
/** 10 MB over a slow link to Meta's CDN: generous, and still inside the time Meta waits for the webhook. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

export function cloudApiMedia(options: { apiUrl: string; accessToken: string; fetch?: typeof fetch }): FetchMedia {
  const fetchFn = options.fetch ?? fetch;
  const authorization = `Bearer ${options.accessToken}`;
  const apiOrigin = new URL(options.apiUrl).origin;

  return async (mediaId, maxBytes) => {
    let info: Response;
    try {
      info = await fetchFn(`${options.apiUrl}/${encodeURIComponent(mediaId)}`, { headers: { authorization }, signal: AbortSignal.timeout(INFO_TIMEOUT_MS) });
    } catch {
      throw new MediaUnavailable('info', null);
    }
    const body = (await info.json().catch(() => null)) as { url?: unknown; mime_type?: unknown; sha256?: unknown; file_size?: unknown; error?: { code?: unknown } } | null;
    const metaCode = typeof body?.error?.code === 'number' ? body.error.code : null;
    // 404, or Graph API error 100 ("invalid parameter"): the id is unknown or expired, and will stay so.
    if (info.status === 404 || (info.status === 400 && metaCode === 100)) return { kind: 'gone' };
    if (!info.ok || !body || typeof body.url !== 'string') throw new MediaUnavailable('info', info.status, metaCode);

    const declaredSize = typeof body.file_size === 'number' ? body.file_size : Number(body.file_size);
    if (Number.isFinite(declaredSize) && declaredSize > maxBytes) return { kind: 'too-large', size: declaredSize };

    // The token goes only to Meta: an https URL (their CDN), or the API's own origin (a local stand-in while testing).
    const url = URL.canParse(body.url) ? new URL(body.url) : null;
    if (!url || (url.protocol !== 'https:' && url.origin !== apiOrigin)) throw new MediaUnavailable('download', null);

    let file: Response;
    try {
      file = await fetchFn(url, { headers: { authorization }, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    } catch {
      throw new MediaUnavailable('download', null);
    }
    if (file.status === 404) return { kind: 'gone' };
    if (!file.ok || !file.body) throw new MediaUnavailable('download', file.status);

    const chunks: Buffer[] = [];
    let received = 0;
    const reader = file.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received > maxBytes) {
          await reader.cancel().catch(() => undefined);
          return { kind: 'too-large', size: received };
        }
        chunks.push(Buffer.from(value));
      }
    } catch {
      throw new MediaUnavailable('download', file.status);
    }
    const bytes = Buffer.concat(chunks);
    if (typeof body.sha256 === 'string' && !sameDigest(bytes, body.sha256)) throw new MediaUnavailable('download', file.status);
    return { kind: 'ok', bytes, mimeType: typeof body.mime_type === 'string' ? body.mime_type : null };
  };
}

/** Meta gives the SHA-256 in hex in the media answer, and in base64 in notifications: either is accepted. */
function sameDigest(bytes: Buffer, declared: string): boolean {
  const digest = createHash('sha256').update(bytes).digest();
  return declared.toLowerCase() === digest.toString('hex') || declared === digest.toString('base64');
}
