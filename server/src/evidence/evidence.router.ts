import cors from 'cors';
import express, { NextFunction, Request, Response, Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { localeFrom } from '../http/locale';
import { EvidenceServices } from './evidence-services';
import { receiveUpload } from './receive-upload';
import { serveDownload } from './serve-download';
import { DOWNLOAD_PATH, UPLOAD_PATH } from './signed-urls';

/** A refused upload whose body is still arriving: what is left is read and dropped for this long at most, so the client can read the answer. */
const DISCARD_REST_MS = 10_000;

/**
 * The upload and download routes of evidence, beside /graphql and outside it:
 * GraphQL multipart is a CSRF risk Apollo refuses, and files do not belong in
 * JSON. No body parser runs here: the PUT body is streamed, and never read
 * past its declared size (docs/adr/0010-evidence.md).
 */
export function evidenceRouter(services: EvidenceServices): Router {
  const router = express.Router();
  // The URL is the credential (no cookies, no token): a citizen's browser may PUT the file from a portal's page.
  const uploadCors = cors({ origin: '*', methods: ['PUT'], allowedHeaders: ['content-type', 'accept-language', 'x-aduan-client', 'x-request-id'], exposedHeaders: ['x-request-id'], maxAge: 600 });
  router.options(`${UPLOAD_PATH}/:uploadId`, uploadCors);

  router.put(`${UPLOAD_PATH}/:uploadId`, uploadCors, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const answer = await receiveUpload(services, {
        uploadId: String(req.params.uploadId),
        query: req.query as Record<string, unknown>,
        contentLength: req.headers['content-length'],
        body: req,
        locale: localeFrom(req.headers['accept-language']),
      });
      if (!req.complete) dropRestOfBody(req, res);
      res.status(answer.status).json(answer.body);
    } catch (error) {
      if (!req.complete) dropRestOfBody(req, res);
      next(error);
    }
  });

  router.get(`${DOWNLOAD_PATH}/:evidenceId`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const answer = await serveDownload(services, {
        evidenceId: String(req.params.evidenceId),
        query: req.query as Record<string, unknown>,
        requestId: String(res.locals.requestId),
        locale: localeFrom(req.headers['accept-language']),
        headOnly: req.method === 'HEAD',
      });
      if (answer.kind === 'refused') {
        res.status(answer.status).json({ errors: [{ message: answer.message, extensions: { code: answer.code, requestId: res.locals.requestId } }] });
        return;
      }
      res.status(200).set(answer.headers);
      if (!answer.body) {
        res.end();
        return;
      }
      await pipeline(answer.body, res);
    } catch (error) {
      if (res.headersSent) res.destroy();
      else next(error);
    }
  });
  return router;
}

/**
 * Answers a request whose body was not read to the end (refused before, or
 * cut off at, its declared size): the connection closes after the answer,
 * and what the client still sends is dropped unread — for a little while, so
 * that it reads the answer instead of a reset — then the socket is closed.
 */
function dropRestOfBody(req: Request, res: Response): void {
  res.setHeader('connection', 'close');
  req.on('data', () => undefined);
  req.resume();
  res.on('finish', () => {
    const timer = setTimeout(() => req.socket.destroy(), DISCARD_REST_MS);
    timer.unref();
    req.socket.once('close', () => clearTimeout(timer));
  });
}

/**
 * The API's origin as this request reached it, for the absolute URLs handed
 * out: scheme and host (X-Forwarded-Proto and -Host from a trusted proxy).
 * A Host that is not a host name falls back to localhost rather than into a URL.
 */
export function requestOrigin(req: Request): string {
  const host = req.host ?? '';
  return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? `${req.protocol}://${host}` : `${req.protocol}://localhost`;
}
