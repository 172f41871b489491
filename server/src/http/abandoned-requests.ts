import type { NextFunction, Request, Response } from 'express';
import { RequestAbandonedError, runCancellable } from '../database/request-cancellation';
import type { Logger } from '../logger';

/**
 * The HTTP status the request log and the metrics give a request whose caller
 * closed the connection before the answer was sent: nginx's "client closed
 * request". Nothing is sent with it; it names the outcome (docs/operations.md).
 */
export const CLIENT_CLOSED_REQUEST = 499;

/** Whether the response is closed without having been sent in full: the caller left (or the connection broke) first. */
export function closedBeforeAnswer(res: Response): boolean {
  return !res.writableFinished;
}

/**
 * Runs the rest of a GraphQL request cancellable (database/request-cancellation.ts):
 * when its caller closes the connection before the answer is sent, its
 * running statements are cancelled and no new ones are started
 * (docs/adr/0017). The signal is kept in `res.locals.abandoned` for the
 * request context (`RequestContext.signal`). The load-shedding slot is freed by
 * the same 'close' (limits/load-shedding.ts).
 */
export function cancelWhenAbandoned(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const abandoned = new AbortController();
    res.locals.abandoned = abandoned.signal;
    const abandon = () => {
      if (closedBeforeAnswer(res)) abandoned.abort();
    };
    res.once('close', abandon);
    // Closed while the body was being read: 'close' has come and gone.
    if (req.socket.destroyed) abandon();
    runCancellable(abandoned.signal, next, (error) => {
      logger.warn({ requestId: res.locals.requestId, err: { message: error.message } }, 'could not cancel an abandoned request\'s statement: it runs on until it ends or times out');
    });
  };
}

/** PostgreSQL's query_canceled: what a statement cancelled by a cancel request fails with. */
const QUERY_CANCELED = '57014';

/**
 * Whether an error of an abandoned request is the cancellation itself: its
 * statement was cancelled, or a later one refused. Asked only of requests
 * whose caller left, where a statement timeout (the same SQLSTATE) is moot too.
 */
export function isCancelledForAbandonment(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (e instanceof RequestAbandonedError || (e as { code?: unknown }).code === QUERY_CANCELED) return true;
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
