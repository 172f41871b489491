import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP plumbing of the provider stand-ins (WhatsApp Cloud API, Infobip):
 * a server on 127.0.0.1 and port 0 whose handler gets each request with its
 * body read, can be told to hold the next answer, and closes without waiting
 * for a held one.
 */
export interface JsonRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The raw body, as text. */
  text: string;
}

export interface JsonAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface JsonStandIn {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /**
   * The next request is answered only after `ms` (never, if the server is
   * closed first). Resolves when that request has arrived: a test aborts the
   * send then, not after a guessed time.
   */
  delayNext(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startJsonStandIn(handle: (request: JsonRequest) => JsonAnswer): Promise<JsonStandIn> {
  let nextDelay: { ms: number; arrived: () => void } | undefined;
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const delay = nextDelay;
      nextDelay = undefined;
      const answer = () => {
        const { status, body, headers } = handle({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (!delay) return answer();
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) answer();
      }, delay.ms);
      timers.add(timer);
      delay.arrived();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    delayNext(ms) {
      return new Promise<void>((arrived) => {
        nextDelay = { ms, arrived };
      });
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The body as JSON, or undefined when it is not. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolves once `received()` holds `count` items; fails after `timeoutMs`. */
export async function waitForCount<T>(received: () => T[], count: number, what: string, timeoutMs = 10_000): Promise<T[]> {
  const started = Date.now();
  while (received().length < count) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} received ${received().length} of ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return received().slice(0, count);
}
