import { sayTo } from './error-words';
import { NextFunction, Request, Response } from 'express';

/**
 * Headers on every answer. The API answers JSON (and, in development only,
 * the IDE's page and assets, which set their own policy: graphiql.ts):
 * - `X-Content-Type-Options: nosniff`: a browser never guesses another type
 *   for an answer that echoes caller text (an error quoting a value, a
 *   complaint's description), so a JSON answer cannot be run as a script or
 *   read as HTML.
 * - `Content-Security-Policy: default-src 'none'; frame-ancestors 'none'`: an
 *   answer opened as a document loads nothing and cannot be framed. It only
 *   governs documents, so fetch/XHR from other origins (CORS, docs/adr/0011)
 *   are untouched.
 * Not set, on purpose: Strict-Transport-Security (TLS ends at the load
 * balancer, docs/scaling.md, which owns it), Cross-Origin-Resource-Policy
 * (browser front ends on other origins read the API), the rest of helmet's
 * set (they concern HTML pages, which production does not serve).
 */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  next();
}

const MAX_ECHOED_PATH = 200;

/**
 * What no route answered, whatever the method: a JSON error with a code, like
 * every other error of the HTTP layer, instead of Express's HTML "Cannot GET
 * /x" (which names the framework to a scanner). The path is echoed without
 * its query string (which may carry personal data), cut short.
 */
export function notFound(req: Request, res: Response): void {
  const path = req.path.length > MAX_ECHOED_PATH ? `${req.path.slice(0, MAX_ECHOED_PATH)}…` : req.path;
  res.status(404).json({
    errors: [{
      message: sayTo(req, 'request.notFound', { method: req.method, path }),
      extensions: { code: 'NOT_FOUND', requestId: res.locals.requestId },
    }],
  });
}
