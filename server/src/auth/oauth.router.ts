import express, { Request, Response, Router } from 'express';
import { addressKey } from '../http/client-address';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../http/database-unavailable';
import { SecretChecksBusyError } from './secret-checks';
import { InvalidClientError, TokenService } from './token.service';
import { SigningKeyRing } from './signing-keys';
import { TokenThrottle } from './token-throttle';

/** Seconds to wait when every secret check of this process is taken: one check takes a few tens of milliseconds. */
const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * POST /oauth/token — the client-credentials grant (RFC 6749 §4.4): form-encoded
 * or JSON body, or HTTP Basic. Errors follow §5.2; a bad credential is
 * `400 {"error":"invalid_client"}` as the contract fixes it. Too many wrong
 * secrets from an address (token-throttle.ts) are `429`, and a process whose
 * secret checks are all taken (secret-checks.ts) answers `503`, both with
 * `Retry-After` and RFC 6749's `temporarily_unavailable`
 * (docs/adr/0019-token-endpoint-throttle.md).
 * GET /.well-known/jwks.json — the public keys that verify our tokens.
 */
export function oauthRouter(tokens: TokenService, keys: SigningKeyRing, throttle: TokenThrottle): Router {
  const router = Router();
  const body = [express.urlencoded({ extended: false, limit: '16kb' }), express.json({ limit: '16kb' })];

  router.post('/oauth/token', ...body, async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    const form = (req.body ?? {}) as Record<string, unknown>;
    const basic = basicCredentials(req.headers.authorization);
    const clientId = stringField(basic ? basic.clientId : form.client_id);
    const clientSecret = stringField(basic ? basic.clientSecret : form.client_secret);
    const grantType = stringField(form.grant_type);

    if (!grantType) return oauthError(res, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials') return oauthError(res, 'unsupported_grant_type', 'only grant_type=client_credentials is supported');
    if (!clientId || !clientSecret) return oauthError(res, 'invalid_client', 'client_id and client_secret are required');
    const address = addressKey(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    const admitted = await throttle.admit(address, clientId);
    if (!admitted.allowed) {
      const seconds = admitted.retryAfterSeconds;
      return temporarilyUnavailable(res, 429, seconds, `too many failed attempts from this address; retry in ${seconds} second${seconds === 1 ? '' : 's'}`);
    }
    try {
      const { accessToken, expiresIn } = await tokens.issue(clientId, clientSecret, { known: throttle.known(address, clientId) });
      await throttle.succeeded(address, clientId);
      res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn });
    } catch (error) {
      if (error instanceof InvalidClientError) {
        await throttle.failed(address, clientId);
        return oauthError(res, 'invalid_client', 'unknown client, wrong secret, or disabled client');
      }
      if (error instanceof SecretChecksBusyError) {
        return temporarilyUnavailable(res, 503, BUSY_RETRY_AFTER_SECONDS, 'the token service is busy; retry in 1 second');
      }
      if (isDatabaseUnavailable(error)) {
        return temporarilyUnavailable(res, 503, RETRY_AFTER_SECONDS, 'the token service cannot reach its database just now; retry shortly');
      }
      throw error;
    }
  });

  router.get('/.well-known/jwks.json', async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(await keys.publicJwks());
  });

  return router;
}

function oauthError(res: Response, error: string, description: string): void {
  res.status(400).json({ error, error_description: description });
}

/** "Not now": RFC 6749's temporarily_unavailable, which any OAuth client takes as retry later, never as wrong credentials. */
function temporarilyUnavailable(res: Response, status: 429 | 503, retryAfterSeconds: number, description: string): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  res.status(status).json({ error: 'temporarily_unavailable', error_description: description });
}

/** No control characters: PostgreSQL cannot even compare text holding NUL, and no client id or secret has one. */
function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 512 && !/[\u0000-\u001f]/.test(value) ? value : undefined;
}

/** RFC 6749 §2.3.1: Basic with form-urlencoded id and secret. */
function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return undefined;
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, separator).replace(/\+/g, ' ')),
      clientSecret: decodeURIComponent(decoded.slice(separator + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return undefined;
  }
}
