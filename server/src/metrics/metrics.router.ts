import { createHash, timingSafeEqual } from 'node:crypto';
import { Request, Response, Router } from 'express';
import { sayTo } from '../http/error-words';
import type { Logger } from '../logger';
import type { ServerMetrics } from './metrics';

export interface MetricsAccess {
  /** METRICS_TOKEN: when set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
  production: boolean;
}

/**
 * GET /metrics, in Prometheus text format. Who may read it
 * (docs/operations.md, "Metrics"):
 *
 * - METRICS_TOKEN set: only a scraper with `Authorization: Bearer <token>`
 *   (Prometheus: `authorization: { credentials_file: … }`), in any mode.
 * - no token, development: anyone who reaches the port, so `npm start` then
 *   `curl localhost:4000/metrics` just works.
 * - no token, production: nobody. Traffic volumes, error rates and pool use
 *   help an attacker time an attack, and the public port is the internet's.
 *
 * Refusals are in the caller's language (Accept-Language), as everywhere.
 *
 * The token is not an API client: scrapers get no GraphQL access with it, and
 * API clients get no metrics with theirs.
 */
export function metricsRouter(metrics: ServerMetrics, access: MetricsAccess, logger: Logger): Router {
  const router = Router();
  const expected = access.token ? digest(access.token) : undefined;

  router.get('/metrics', async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    if (expected) {
      const presented = /^Bearer (\S+)$/.exec(req.headers.authorization?.trim() ?? '')?.[1];
      if (!presented || !timingSafeEqual(digest(presented), expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="aduan-metrics"');
        return refuse(res, 401, 'UNAUTHENTICATED', sayTo(req, 'metrics.tokenRequired'));
      }
    } else if (access.production) {
      return refuse(res, 403, 'FORBIDDEN', sayTo(req, 'metrics.notInProduction'));
    }
    try {
      const text = await metrics.registry.metrics();
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.send(text);
    } catch (error) {
      logger.error({ requestId: res.locals.requestId, component: 'metrics', err: { message: (error as Error).message } }, 'metrics collection failed');
      refuse(res, 500, 'INTERNAL_SERVER_ERROR', sayTo(req, 'request.internalError')); // the request id is in extensions, as everywhere
    }
  });

  return router;
}

/** Fixed-length digests, so comparing them in constant time does not leak the token's length. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, requestId: res.locals.requestId } }] });
}
