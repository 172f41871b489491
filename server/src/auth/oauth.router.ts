import express, { Request, Response, Router } from 'express';
import { addressKey } from '../http/client-address';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../http/database-unavailable';
import { SecretChecksBusyError } from './secret-checks';
import { ACCESS_TOKEN_TYPE, OFFICER_TOKEN_TYPE, OfficerIdentity, parseOfficerSubjectToken, TOKEN_EXCHANGE_GRANT } from '../officers/officers';
import { InvalidClientError, TOKEN_AUDIENCE, TokenService } from './token.service';
import { SigningKeyRing } from './signing-keys';
import { TokenThrottle } from './token-throttle';

/** Seconds to wait when every secret check of this process is taken: one check takes a few tens of milliseconds. */
const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * POST /oauth/token — the client-credentials grant (RFC 6749 §4.4), and the
 * token exchange for one of the client's officers (RFC 8693; officerExchange,
 * docs/adr/0030-officers.md), form-encoded
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
    if (grantType !== 'client_credentials' && grantType !== TOKEN_EXCHANGE_GRANT) {
      return oauthError(res, 'unsupported_grant_type', `grant_type must be client_credentials or ${TOKEN_EXCHANGE_GRANT}`);
    }
    // A token exchange's own parameters are checked before the secret: a malformed request costs no secret check.
    const exchange = grantType === TOKEN_EXCHANGE_GRANT ? officerExchange(form) : undefined;
    if (exchange && 'error' in exchange) return oauthError(res, exchange.error, exchange.description);
    if (!clientId || !clientSecret) return oauthError(res, 'invalid_client', 'client_id and client_secret are required');
    const address = addressKey(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    const admitted = await throttle.admit(address, clientId);
    if (!admitted.allowed) {
      const seconds = admitted.retryAfterSeconds;
      return temporarilyUnavailable(res, 429, seconds, `too many failed attempts from this address; retry in ${seconds} second${seconds === 1 ? '' : 's'}`);
    }
    try {
      const known = throttle.known(address, clientId);
      const { accessToken, expiresIn } = exchange
        ? await tokens.exchangeForOfficer(clientId, clientSecret, exchange, { known })
        : await tokens.issue(clientId, clientSecret, { known });
      await throttle.succeeded(address, clientId);
      res.json(exchange
        ? { access_token: accessToken, issued_token_type: ACCESS_TOKEN_TYPE, token_type: 'Bearer', expires_in: expiresIn }
        : { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn });
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

/**
 * The officer a token-exchange request asks for (RFC 8693 §2.1), or its §2.2.2 error. The client authenticates as
 * for client_credentials and is the actor itself, so no actor_token; the token is for this API only (audience or
 * resource, when given, must name it); the subject token is ours (OFFICER_TOKEN_TYPE), vouched for by the client.
 */
function officerExchange(form: Record<string, unknown>): OfficerIdentity | { error: string; description: string } {
  const invalid = (description: string) => ({ error: 'invalid_request', description });
  const subjectTokenType = stringField(form.subject_token_type);
  const subjectToken = typeof form.subject_token === 'string' && form.subject_token.length <= 2048 ? form.subject_token : undefined;
  if (!subjectToken || !subjectTokenType) return invalid('subject_token and subject_token_type are required');
  if (subjectTokenType !== OFFICER_TOKEN_TYPE) return invalid(`subject_token_type must be ${OFFICER_TOKEN_TYPE}`);
  if (form.actor_token !== undefined || form.actor_token_type !== undefined) {
    return invalid('actor_token is not accepted: the authenticated client is the actor');
  }
  const requested = form.requested_token_type;
  if (requested !== undefined && requested !== ACCESS_TOKEN_TYPE) return invalid(`requested_token_type must be ${ACCESS_TOKEN_TYPE}`);
  for (const target of [form.audience, form.resource].flat()) {
    if (target !== undefined && target !== TOKEN_AUDIENCE) {
      return { error: 'invalid_target', description: `tokens are issued for ${TOKEN_AUDIENCE} only` };
    }
  }
  const officer = parseOfficerSubjectToken(subjectToken);
  return 'problem' in officer ? invalid(officer.problem) : officer;
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
