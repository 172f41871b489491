import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { NextFunction, Request, Response, Router } from 'express';

/**
 * The API reference at /docs: the static site `npm run docs:api` generated into
 * docs/api-reference/ (committed). Offline: every asset is one of its files,
 * nothing from another origin; its search runs in the page over a prebuilt
 * index. The policy allows this origin's scripts and styles and nothing else —
 * no inline script or style, no connection anywhere (the search needs none).
 */
export const DOCS_PATH = '/docs';

export const API_REFERENCE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function apiReferenceRouter(directory: string): Router {
  if (!existsSync(path.join(directory, 'index.html'))) {
    throw new Error(`the API reference is missing from ${directory}: run npm run docs:api`);
  }
  const router = express.Router();
  const serve = express.static(directory, {
    index: 'index.html',
    redirect: false,
    dotfiles: 'ignore',
    fallthrough: true,
    // Pages and assets change with the schema under the same names: revalidated each time (cheap: 304).
    maxAge: 0,
    setHeaders(res) {
      res.setHeader('Content-Security-Policy', API_REFERENCE_CSP);
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('X-Frame-Options', 'DENY');
    },
  });
  // `/docs` without its slash: the pages' relative links need the slash.
  router.get(DOCS_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.originalUrl.split('?')[0] !== DOCS_PATH) return next();
    res.redirect(301, `${DOCS_PATH}/`);
  });
  router.use(DOCS_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    serve(req, res, next);
  });
  return router;
}
