import { createHash } from 'node:crypto';
import express, { NextFunction, Request, Response, Router } from 'express';
import type { DataSource } from 'typeorm';
import { CSV_TYPE, HTML_TYPE, INDEX_STYLE, VERSION_PATH } from './render';

export const OPEN_DATA_PATH = '/open-data';
/** Browsers and proxies may keep a file 5 minutes, then revalidate (a 304 costs one indexed row): it is rebuilt hourly. */
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=600';
const FILE_NAME = /^[a-z0-9][a-z0-9-]*\.(csv|json|html)$/;
/** The index page's one inline style, allowed by its hash: the page runs nothing and loads nothing else. */
const HTML_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(INDEX_STYLE).digest('base64')}'; frame-ancestors 'none'`;

interface StoredFile { contentType: string; etag: string; lastModified: Date; bytes: number }

/** If-None-Match (weak comparison, RFC 9110 §13.1.2) wins over If-Modified-Since; either may turn the answer into a 304. */
export function notModified(req: Request, file: StoredFile): boolean {
  const match = req.headers['if-none-match'];
  if (match != null) {
    return match.trim() === '*' || match.split(',').map((tag) => tag.trim().replace(/^W\//, '')).includes(file.etag);
  }
  const since = req.headers['if-modified-since'];
  const time = since ? Date.parse(since) : NaN;
  return !Number.isNaN(time) && file.lastModified.getTime() <= time;
}

/**
 * GET (and HEAD) /open-data/v1/… : the files the job built (open_data_files),
 * with ETag, Last-Modified and Cache-Control, 304 when the caller's copy is
 * current; readable from any origin (a dashboard's page fetches them). The
 * index `/open-data/v1/` is JSON (a Data Package), or HTML for a browser.
 * Nothing is computed per request (docs/adr/0037-open-data.md).
 */
export function openDataRouter(dataSource: DataSource): Router {
  const router = express.Router();
  const serve = async (name: string, req: Request, res: Response) => {
    const path = `${VERSION_PATH}/${name}`;
    const [file]: StoredFile[] = await dataSource.query(
      `SELECT content_type AS "contentType", etag, last_modified AS "lastModified", bytes FROM open_data_files WHERE path = $1`, [path]);
    if (!file) return false;
    res.set({
      'Content-Type': file.contentType, ETag: file.etag, 'Last-Modified': file.lastModified.toUTCString(), 'Cache-Control': CACHE_CONTROL,
      'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag, Last-Modified',
    });
    if (file.contentType === HTML_TYPE) res.set('Content-Security-Policy', HTML_POLICY);
    if (file.contentType === CSV_TYPE) res.set('Content-Disposition', `inline; filename="${name}"`);
    if (notModified(req, file)) {
      res.status(304).end();
      return true;
    }
    if (req.method === 'HEAD') {
      res.status(200).set('Content-Length', String(file.bytes)).end();
      return true;
    }
    const [{ content }] = await dataSource.query(`SELECT content FROM open_data_files WHERE path = $1`, [path]);
    res.status(200).send(Buffer.from(content as string, 'utf8'));
    return true;
  };
  const handle = (pick: (req: Request, res: Response) => string | null) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const name = pick(req, res);
      if (!name || !(await serve(name, req, res))) next(); // not built (yet), or no such file: the API's 404
    } catch (error) {
      next(error);
    }
  };
  const index = `${OPEN_DATA_PATH}/${VERSION_PATH}`;
  router.get([index, `${index}/`], (req, res, next) => {
    // The page's links are relative to the folder: /open-data/v1 without its slash would point them one level up.
    if (!req.path.endsWith('/')) {
      res.redirect(301, `${index}/`);
      return;
    }
    void handle((request, response) => {
      response.set('Vary', 'Accept');
      return request.accepts(['application/json', 'text/html']) === 'text/html' ? 'index.html' : 'index.json';
    })(req, res, next);
  });
  router.get(`${index}/:file`, handle((req) => (FILE_NAME.test(String(req.params.file)) ? String(req.params.file) : null)));
  return router;
}
