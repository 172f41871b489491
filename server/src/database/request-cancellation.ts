import { AsyncLocalStorage } from 'node:async_hooks';
import net from 'node:net';
import { Client } from 'pg';

/**
 * A caller who gives up takes its database work with it (docs/adr/0017).
 *
 * The HTTP layer runs each GraphQL request inside `runCancellable` with a
 * signal that aborts when the caller closes the connection before the answer
 * is sent (http/abandoned-requests.ts). Every statement goes through the
 * pools' pg client, `CancellableClient`, which looks up the request it is
 * sent for (AsyncLocalStorage: no parameter threaded through the services)
 * and keeps, per request, the connections running one of its statements.
 * When the signal aborts:
 * - each such connection's statement is cancelled: PostgreSQL's CancelRequest
 *   (the protocol's own way, as libpq's PQcancel and psql's Ctrl-C do), so a
 *   statement waiting on a lock or a long scan ends at once with SQLSTATE
 *   57014 instead of holding a pool connection until the statement timeout;
 * - no new statement is started for the request: it fails with
 *   RequestAbandonedError without reaching PostgreSQL. ROLLBACK still goes, so
 *   an interrupted transaction ends cleanly and its connection goes back to
 *   the pool usable (everything the transaction wrote is undone: a write is
 *   all or nothing, and the caller retries with its idempotency key).
 *
 * The hot path pays one AsyncLocalStorage lookup and a Map update per
 * statement; no round trip is added.
 */
export class RequestAbandonedError extends Error {
  override readonly name = 'RequestAbandonedError';
  constructor() {
    super('the caller closed the connection: no further statements are run for this request');
  }
}

/** One request's statements in flight: the connections running (or queueing) them, with how many. */
class RequestStatements {
  readonly busy = new Map<CancellableClient, number>();

  constructor(readonly signal: AbortSignal, readonly onCancelFailed: (error: Error) => void) {}

  cancelRunning(): void {
    for (const client of this.busy.keys()) client.cancelRunningStatement(this.onCancelFailed);
  }
}

const requests = new AsyncLocalStorage<RequestStatements>();

/**
 * Runs `work` (a request's handling, and everything it awaits) so that the
 * statements it sends are this request's: when `signal` aborts, those running
 * are cancelled and new ones refused. `onCancelFailed`: a cancel request that
 * could not be delivered (the statement then runs on until it ends or hits the
 * statement timeout).
 */
export function runCancellable<T>(signal: AbortSignal, work: () => T, onCancelFailed: (error: Error) => void = () => undefined): T {
  const request = new RequestStatements(signal, onCancelFailed);
  signal.addEventListener('abort', () => request.cancelRunning(), { once: true });
  return requests.run(request, work);
}

/**
 * Runs `work` as nobody's request: for work that several requests share (one
 * reload of the signing keys that every concurrent caller awaits), which one
 * caller leaving must not cancel for the others.
 */
export function detachedFromRequest<T>(work: () => T): T {
  return requests.exit(work);
}

/** Statements that end a transaction and so still run for a request whose caller left: the transaction must not stay open. */
const ENDS_TRANSACTION = /^\s*(?:ROLLBACK|ABORT)\b/i;

/** How long a cancel request may take to be delivered before the connection's next statement goes anyway. */
const CANCEL_DELIVERY_TIMEOUT_MS = 5_000;

type Callback = (error: Error | null, result?: unknown) => void;

/**
 * The pools' pg client (data-source.ts; PreparingClient extends it): knows
 * which request each statement is sent for, and cancels them when that
 * request's caller leaves. pg's query() has many forms (promise, callback,
 * submittable); statements in the first two are tracked, submittables (cursors,
 * streams: Aduan uses none) are passed on untracked.
 */
export class CancellableClient extends Client {
  /**
   * Set while a cancel request for this connection is on its way, and while
   * statements queued behind it are being sent. A statement sent before
   * PostgreSQL has acted on the cancel could be the one it cancels instead of
   * the abandoned one (the abandoned statement can end on its own meanwhile,
   * and the connection go back to the pool): every statement waits for the
   * delivery, as libpq's PQcancel waits for the server to close the cancel
   * connection.
   */
  private cancelling?: Promise<void>;

  override query(...args: unknown[]): never {
    if (this.cancelling) return this.afterCancel(args) as never;
    return this.send(args);
  }

  /** Asks PostgreSQL to cancel what this connection runs now, unless a cancel is already on its way. */
  cancelRunningStatement(onFailed: (error: Error) => void): void {
    if (this.cancelling) return;
    const { processID, secretKey } = this as unknown as BackendKey;
    const delivered = sendCancelRequest(this.host, this.port, { processID, secretKey }).catch(onFailed);
    const turn: Promise<void> = delivered.then(() => {
      if (this.cancelling === turn) this.cancelling = undefined;
    });
    this.cancelling = turn;
  }

  private send(args: unknown[]): never {
    const request = requests.getStore();
    if (!request || isSubmittable(args[0])) return super.query(...(args as [never])) as never;
    const callback = typeof args[args.length - 1] === 'function' ? (args[args.length - 1] as Callback) : undefined;
    if (request.signal.aborted && !ENDS_TRANSACTION.test(textOf(args[0]))) {
      const refused = new RequestAbandonedError();
      if (!callback) return Promise.reject(refused) as never;
      process.nextTick(callback, refused);
      return undefined as never;
    }
    const busy = request.busy;
    busy.set(this, (busy.get(this) ?? 0) + 1);
    const done = () => {
      const left = busy.get(this)! - 1;
      if (left > 0) busy.set(this, left);
      else busy.delete(this);
    };
    if (callback) {
      args[args.length - 1] = (error: Error | null, result?: unknown) => {
        done();
        callback(error, result);
      };
      return super.query(...(args as [never])) as never;
    }
    const result = super.query(...(args as [never])) as unknown as Promise<unknown>;
    result.then(done, done);
    return result as never;
  }

  /** Sends the statement once the cancel request is delivered and the statements queued before it are sent, in order. */
  private afterCancel(args: unknown[]): unknown {
    const turn = this.cancelling!;
    let next!: () => void;
    const mine = new Promise<void>((resolve) => (next = resolve));
    this.cancelling = mine;
    // turn.then keeps the caller's request (AsyncLocalStorage follows the promise), so send() sees it.
    const sent = turn.then(() => {
      try {
        return this.send(args);
      } finally {
        if (this.cancelling === mine) this.cancelling = undefined;
        next();
      }
    });
    if (typeof args[args.length - 1] === 'function' || isSubmittable(args[0])) {
      sent.catch(() => undefined); // the callback or the submittable hears of the outcome
      return isSubmittable(args[0]) ? args[0] : undefined;
    }
    return sent;
  }
}

/** pg keeps the backend's key data (BackendKeyData) on the client; test/foundation/request-cancellation.spec.ts fails if it moves. */
interface BackendKey { processID: unknown; secretKey: unknown }

const isSubmittable = (value: unknown): boolean => typeof (value as { submit?: unknown } | null)?.submit === 'function';
const textOf = (config: unknown): string => (typeof config === 'string' ? config : String((config as { text?: unknown } | null)?.text ?? ''));

/** The protocol's CancelRequest code (PostgreSQL documentation, "Message Formats"). */
const CANCEL_REQUEST_CODE = 80877102;

/**
 * Sends PostgreSQL a CancelRequest for the backend with this key, on a
 * connection of its own (no login, no pool slot: the pool may be full of the
 * statements to cancel), and resolves when the server closes it, which it does
 * once it has signalled the backend. Sent unencrypted, as libpq does: the
 * message carries only the backend's key, and PostgreSQL reads it before any
 * TLS or authentication. A cancel that arrives when the backend is idle does
 * nothing.
 */
export function sendCancelRequest(host: string, port: number, key: BackendKey): Promise<void> {
  return new Promise((resolve, reject) => {
    if (typeof key.processID !== 'number' || typeof key.secretKey !== 'number') {
      reject(new Error('pg did not keep this connection\'s backend key: its statements cannot be cancelled'));
      return;
    }
    const packet = Buffer.alloc(16);
    packet.writeInt32BE(16, 0);
    packet.writeInt32BE(CANCEL_REQUEST_CODE, 4);
    packet.writeInt32BE(key.processID, 8);
    packet.writeInt32BE(key.secretKey, 12);
    // A host starting with '/' is the directory of PostgreSQL's Unix socket, as in libpq and pg.
    const socket = host?.startsWith('/') ? net.connect(`${host}/.s.PGSQL.${port}`) : net.connect(port, host || 'localhost');
    socket.setTimeout(CANCEL_DELIVERY_TIMEOUT_MS, () => socket.destroy(new Error(`the cancel request was not acknowledged in ${CANCEL_DELIVERY_TIMEOUT_MS} ms`)));
    socket.once('connect', () => socket.write(packet));
    socket.on('data', () => undefined); // the server answers nothing; it closes the connection when done
    socket.once('error', reject);
    socket.once('close', (hadError) => {
      if (!hadError) resolve();
    });
  });
}
