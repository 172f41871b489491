import { sayTo } from '../error-words';
import type { NextFunction, Request, Response } from 'express';

/**
 * Load shedding: at most this many GraphQL requests are worked on at once in
 * one server process. Past it, a request is refused at once — HTTP 429,
 * RATE_LIMITED, `Retry-After: 1` — without parsing its body.
 *
 * Why: in a surge (2020's hotline), work queued inside the process grows
 * without limit — each waiting request holds its body, its context and a place
 * in the database pool's queue — so memory climbs and every answer comes late.
 * A bounded number in flight keeps memory and latency bounded, and a refused
 * caller learns at once when to come back (the SDK waits and retries; a
 * creating mutation keeps its idempotency key, so a retry never files twice).
 * Per-client budgets (rate-limit.ts) share capacity fairly; this protects the
 * process when all clients together exceed it.
 *
 * A slot is freed when the answer is sent or the caller closes the
 * connection; in the second case the request's running statements are
 * cancelled too (http/abandoned-requests.ts, docs/adr/0017), so a freed slot
 * does not leave its database work behind.
 */
export const MAX_REQUESTS_IN_FLIGHT = 64;

export interface LoadShedding {
  middleware: (req: Request, res: Response, next: NextFunction) => void;
}

export function createLoadShedding(maxInFlight = MAX_REQUESTS_IN_FLIGHT): LoadShedding {
  let inFlight = 0;
  return {
    middleware(req, res, next) {
      if (req.method === 'OPTIONS') return next(); // CORS preflights cost nothing
      if (inFlight >= maxInFlight) {
        // Read the body away (unparsed, discarded) before answering: closing a socket with
        // unread data makes the kernel reset it, and the caller would lose the 429.
        const answer = () => {
          if (res.headersSent) return;
          res.setHeader('Retry-After', '1');
          res.status(429).json({
            errors: [{ message: sayTo(req, 'request.serverBusy'), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1, requestId: res.locals.requestId } }],
          });
        };
        req.on('end', answer);
        req.on('error', () => res.destroy());
        req.resume();
        if (req.readableEnded) answer();
        return;
      }
      inFlight++;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        inFlight--;
      };
      res.on('finish', finish);
      res.on('close', finish);
      next();
    },
  };
}
