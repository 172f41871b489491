import { Readable } from 'node:stream';
import type { Locale } from '../graphql/context';
import { EvidenceServices } from './evidence-services';
import { mayDownloadEvidence, selectEvidence } from './evidence.loaders';
import { ACCEPTED_TYPES } from './evidence.rules';
import { EvidenceRow } from './evidence.type';
import { urlSecret, verifyDownloadUrl } from './signed-urls';
import { say } from '../words';

export interface DownloadRequest {
  evidenceId: string;
  query: Record<string, unknown>;
  requestId: string;
  locale: Locale;
  /** HEAD answers the headers only, and is not a download (nothing is logged). */
  headOnly: boolean;
}

export type DownloadAnswer =
  | { kind: 'refused'; status: number; code: string; message: string }
  | { kind: 'file'; headers: Record<string, string>; body: Readable | null };

/**
 * One GET of a download URL (docs/adr/0010-evidence.md): verify it, check that
 * its client may still see the evidence (the client may have been disabled,
 * the referral withdrawn), write the download to the personal-data access log
 * — before a byte leaves, so none leaves unlogged — then stream the file.
 */
export async function serveDownload(services: EvidenceServices, request: DownloadRequest): Promise<DownloadAnswer> {
  const refuse = (status: number, code: string, message: 'evidence.downloadUrlInvalid' | 'evidence.downloadUrlExpired' | 'evidence.notFound'): DownloadAnswer => ({
    kind: 'refused', status, code, message: say(request.locale, message),
  });
  const verified = verifyDownloadUrl(await urlSecret(services.dataSource), request.evidenceId, request.query, services.now());
  if (verified.kind === 'invalid') return refuse(403, 'DOWNLOAD_URL_INVALID', 'evidence.downloadUrlInvalid');
  if (verified.kind === 'expired') return refuse(410, 'DOWNLOAD_URL_EXPIRED', 'evidence.downloadUrlExpired');
  const principal = await services.tokens.clientPrincipal(verified.apiClientId);
  const [evidence]: EvidenceRow[] = principal && mayDownloadEvidence(principal)
    ? await selectEvidence(services.dataSource, principal, 'v.id', [verified.evidenceId])
    : [];
  if (!principal || !evidence) return refuse(404, 'NOT_FOUND', 'evidence.notFound');
  const headers = {
    'content-type': evidence.contentType,
    'content-length': String(evidence.size),
    // Never rendered as a page of the API's origin (a PDF's scripts, an SVG-like surprise): saved, or shown by an <img>/<video>.
    'content-disposition': `attachment; filename="bukti-${evidence.id.slice(0, 8)}.${ACCEPTED_TYPES[evidence.contentType].extension}"`,
    'content-security-policy': "default-src 'none'; sandbox",
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'repr-digest': `sha-256=:${Buffer.from(evidence.sha256, 'hex').toString('base64')}:`,
  };
  if (request.headOnly) return { kind: 'file', headers, body: null };
  // A URL minted for an officer token names the officer (signed): the log names them, with their name as it is now.
  // Only an officer of the client's own organisation: a row of another's is no officer of this client's.
  const written: unknown[] = await services.dataSource.query(
    `INSERT INTO personal_data_access_log (api_client_id, organisation_id, subject_type, subject_id, field, request_id, officer_id, officer_name)
     SELECT $1, $2, 'Evidence', $3, 'content', $4, f.id, f.display_name
       FROM (SELECT 1) one LEFT JOIN officers f ON f.id = $5::uuid AND f.organisation_id = $2
      WHERE $5::uuid IS NULL OR f.id IS NOT NULL
     RETURNING id`,
    [principal.apiClientId, principal.organisationId, evidence.id, request.requestId, verified.officerId],
  );
  if (written.length === 0) return refuse(404, 'NOT_FOUND', 'evidence.notFound');
  const object = await services.storage.get(evidence.sha256);
  return { kind: 'file', headers, body: object.body };
}
