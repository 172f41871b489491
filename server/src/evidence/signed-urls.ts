import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { UUID } from '../common/uuid';
import { detachedFromRequest } from '../database/request-cancellation';

/**
 * Upload and download URLs are capabilities: whoever holds one may use it
 * until it expires, so they are signed (HMAC-SHA256 over what they grant and
 * until when) and short-lived. The signature and expiry sit in the query
 * string, which the request log never writes (only the path).
 *
 *   PUT /evidence/uploads/<upload id>?expires=<unix s>&signature=<…>
 *   GET /evidence/files/<evidence id>?client=<api client id>&expires=<unix s>&signature=<…>
 *
 * An upload URL is single-use because the database lets only one PUT take its
 * session out of PENDING; a download URL is bound to the API client it was
 * issued to, whose name the access log records for each download.
 */
export const UPLOAD_PATH = '/evidence/uploads';
export const DOWNLOAD_PATH = '/evidence/files';

/** The secret of each database (its primary: the secret may have to be made), read once per process. Not request data: safe to keep at module scope. */
const secrets = new WeakMap<DataSource, Promise<Buffer>>();

/** The installation's signing secret: made by the first process that needs it (a race is settled by the primary key), then read by all. */
export function urlSecret(dataSource: DataSource): Promise<Buffer> {
  let secret = secrets.get(dataSource);
  if (!secret) {
    // Shared by every request that needs it meanwhile: nobody's request, so one caller leaving cannot cancel it for the rest.
    secret = detachedFromRequest(() => loadOrCreateSecret(dataSource.manager));
    secret.catch(() => secrets.delete(dataSource)); // a database hiccup must not stick
    secrets.set(dataSource, secret);
  }
  return secret;
}

async function loadOrCreateSecret(manager: EntityManager): Promise<Buffer> {
  await manager.query('INSERT INTO evidence_url_keys (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [randomBytes(32)]);
  const [row]: { secret: Buffer }[] = await manager.query('SELECT secret FROM evidence_url_keys WHERE id = 1');
  return row.secret;
}

function sign(secret: Buffer, purpose: 'upload' | 'download', fields: string[]): string {
  return createHmac('sha256', secret).update([`aduan-evidence-${purpose}-v1`, ...fields].join('\n')).digest('base64url');
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const unixSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

export function uploadUrl(origin: string, secret: Buffer, uploadId: string, expiresAt: Date): string {
  const expires = String(unixSeconds(expiresAt));
  const query = new URLSearchParams({ expires, signature: sign(secret, 'upload', [uploadId, expires]) });
  return `${origin}${UPLOAD_PATH}/${uploadId}?${query}`;
}

/**
 * `officerId` (officers.id): the URL was minted for an officer token, and its downloads are logged against that officer
 * too (docs/adr/0030-officers.md). It is signed with the rest, so it cannot be added, changed or removed; a URL
 * without one is signed exactly as before.
 */
export function downloadUrl(origin: string, secret: Buffer, evidenceId: string, apiClientId: string, expiresAt: Date, officerId?: string): string {
  const expires = String(unixSeconds(expiresAt));
  const signed = [evidenceId, apiClientId, expires, ...(officerId ? [`officer:${officerId}`] : [])];
  const query = new URLSearchParams({ client: apiClientId, ...(officerId ? { officer: officerId } : {}), expires, signature: sign(secret, 'download', signed) });
  return `${origin}${DOWNLOAD_PATH}/${evidenceId}?${query}`;
}

/** What a presented URL grants: `invalid` (not signed by us, or altered), `expired`, or the grant. */
export type Verified<T> = { kind: 'invalid' } | { kind: 'expired' } | ({ kind: 'valid' } & T);

type Query = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function verifyUploadUrl(secret: Buffer, uploadId: string, query: Query, now: Date): Verified<{ uploadId: string }> {
  const expires = text(query.expires);
  if (!UUID.test(uploadId) || !/^\d{1,12}$/.test(expires) || !sameSignature(sign(secret, 'upload', [uploadId, expires]), text(query.signature))) {
    return { kind: 'invalid' };
  }
  return Number(expires) * 1000 <= now.getTime() ? { kind: 'expired' } : { kind: 'valid', uploadId };
}

export function verifyDownloadUrl(secret: Buffer, evidenceId: string, query: Query, now: Date): Verified<{ evidenceId: string; apiClientId: string; officerId: string | null }> {
  const expires = text(query.expires);
  const apiClientId = text(query.client);
  const officerId = query.officer === undefined ? null : text(query.officer);
  if (!UUID.test(evidenceId) || !UUID.test(apiClientId) || !/^\d{1,12}$/.test(expires) || (officerId !== null && !UUID.test(officerId))
    || !sameSignature(sign(secret, 'download', [evidenceId, apiClientId, expires, ...(officerId ? [`officer:${officerId}`] : [])]), text(query.signature))) {
    return { kind: 'invalid' };
  }
  return Number(expires) * 1000 <= now.getTime() ? { kind: 'expired' } : { kind: 'valid', evidenceId, apiClientId, officerId };
}
