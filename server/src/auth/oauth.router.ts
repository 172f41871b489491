import express, { Request, Response, Router } from 'express';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../http/database-unavailable';
import { InvalidClientError, TokenService } from './token.service';
import { SigningKeyRing } from './signing-keys';

/**
 * POST /oauth/token — the client-credentials grant (RFC 6749 §4.4): form-encoded
 * or JSON body, or HTTP Basic. Errors follow §5.2; a bad credential is
 * `400 {"error":"invalid_client"}` as the contract fixes it.
 * GET /.well-known/jwks.json — the public keys that verify our tokens.
 */
export function oauthRouter(tokens: TokenService, keys: SigningKeyRing): Router {
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
    try {
      const { accessToken, expiresIn } = await tokens.issue(clientId, clientSecret);
      res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn });
    } catch (error) {
      if (error instanceof InvalidClientError) return oauthError(res, 'invalid_client', 'unknown client, wrong secret, or disabled client');
      if (isDatabaseUnavailable(error)) {
        // RFC 6749's temporarily_unavailable: the client should retry, not treat its credentials as wrong.
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        res.status(503).json({ error: 'temporarily_unavailable', error_description: 'the token service cannot reach its database just now; retry shortly' });
        return;
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
