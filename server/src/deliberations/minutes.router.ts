import express, { NextFunction, Request, Response, Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { UUID } from '../common/uuid';
import { ACCEPTED_TYPES } from '../evidence/evidence.rules';
import { EvidenceStorage, ObjectMissingError } from '../evidence/storage/evidence-storage';
import { RateLimiter } from '../http/limits/rate-limit';
import { localeFrom } from '../http/locale';
import { say } from '../words';
import { PUBLIC_MINUTES_PATH } from './deliberation-minutes.rules';

export interface MinutesRouterServices {
  dataSource: DataSource;
  storage: EvidenceStorage;
  limiter: RateLimiter;
  /** The caller's address key (http/client-address.ts), as for the public GraphQL fields. */
  ipOf: (req: Request) => string;
}

/**
 * GET (or HEAD) /public/deliberation-minutes/<id>: a deliberation's signed
 * minutes for anyone, no token (docs/adr/0038). A stored file never changes,
 * so its URL needs no signature or expiry and caches can keep it (its
 * SHA-256 is the ETag); each address has the public budget a minute, like the
 * public GraphQL fields. Served as an attachment under a sandbox CSP, as
 * evidence downloads are: never a page of the API's origin. Nothing logged
 * as a personal-data read: the file holds none beyond what the village signed
 * to publish.
 */
export function minutesRouter(services: MinutesRouterServices): Router {
  const router = express.Router();
  router.get(`${PUBLIC_MINUTES_PATH}/:minutesId`, async (req: Request, res: Response, next: NextFunction) => {
    const locale = localeFrom(req.headers['accept-language']);
    const refuse = (status: number, code: string, message: string) =>
      res.status(status).json({ errors: [{ message, extensions: { code, requestId: res.locals.requestId } }] });
    try {
      const decision = await services.limiter.consumePublic(services.ipOf(req), 'deliberationMinutes');
      if (!decision.allowed) {
        res.setHeader('retry-after', String(decision.retryAfterSeconds));
        refuse(429, 'RATE_LIMITED', say(locale, 'request.rateLimited', { retryAfterSeconds: decision.retryAfterSeconds }));
        return;
      }
      const id = String(req.params.minutesId);
      const [minutes]: { sha256: string; contentType: string; size: number }[] = UUID.test(id)
        ? await services.dataSource.query(
          'SELECT object_sha256 AS sha256, content_type AS "contentType", size FROM deliberation_minutes WHERE id = $1', [id])
        : [];
      if (!minutes) {
        refuse(404, 'NOT_FOUND', say(locale, 'deliberations.minutesNotFound'));
        return;
      }
      const etag = `"${minutes.sha256}"`;
      const notModified = req.headers['if-none-match'] === etag;
      // The bytes before the headers: a file the store lost (a restored database, a store not yet filled) is a 404
      // the reader can understand, not a 500 with a PDF's content type.
      const object = notModified || req.method === 'HEAD' ? null : await services.storage.get(minutes.sha256).catch((error: unknown) => {
        if (error instanceof ObjectMissingError) return undefined;
        throw error;
      });
      if (object === undefined) {
        refuse(404, 'NOT_FOUND', say(locale, 'deliberations.minutesNotFound'));
        return;
      }
      res.status(200).set({
        'content-type': minutes.contentType,
        'content-length': String(minutes.size),
        'content-disposition': `attachment; filename="berita-acara-${id.slice(0, 8)}.${ACCEPTED_TYPES[minutes.contentType].extension}"`,
        'content-security-policy': "default-src 'none'; sandbox",
        'x-content-type-options': 'nosniff',
        'cache-control': 'public, max-age=86400, immutable',
        'access-control-allow-origin': '*',
        etag,
        'repr-digest': `sha-256=:${Buffer.from(minutes.sha256, 'hex').toString('base64')}:`,
      });
      if (notModified) {
        res.status(304).removeHeader('content-length');
        res.end();
        return;
      }
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      await pipeline(object!.body, res);
    } catch (error) {
      if (res.headersSent) res.destroy();
      else next(error);
    }
  });
  return router;
}
