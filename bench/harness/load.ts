import http from 'node:http';
import type { ContenderRequest } from '../contenders/contender';
import { quantile } from './stats';

/**
 * The load generator, on loopback, with keep-alive connections. Not
 * autocannon, on purpose: its latency histogram keeps whole milliseconds (too
 * coarse for a 1.5 ms recipient lookup or a page-1,000-vs-page-1 comparison),
 * and its fixed-rate mode corrects for coordinated omission as if requests
 * were due every millisecond whatever the real rate. This one:
 *
 * - closed loop: N connections, each sending its next request when the last
 *   answer arrived — throughput at a concurrency;
 * - open loop: requests sent at a fixed rate whatever the answers do, over up to
 *   N connections, latency measured from when each request was DUE, not when a
 *   free connection let it go: a stalled server cannot hide its queue (the
 *   coordinated-omission correction). Percentiles are exact, from all samples.
 *
 * An answer counts when its status is 200 and it carries no GraphQL `errors`.
 */
export type LoadMode = { kind: 'closed'; connections: number } | { kind: 'open'; rate: number; connections: number };

export interface LoadOptions {
  port: number;
  mode: LoadMode;
  durationMs: number;
  /** The i-th request (bodies may differ: other ids, fresh idempotency keys). */
  next: (i: number) => ContenderRequest;
  /** Stop sending after this many requests even before the time is up. */
  maxRequests?: number;
}

export interface LoadResult {
  mode: LoadMode;
  ok: number;
  failed: number;
  /** The first failed answer, shortened: what went wrong. */
  firstFailure?: string;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

const GRACE_MS = 30_000;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.mode.connections, maxFreeSockets: options.mode.connections });
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  let sent = 0;
  const limit = options.maxRequests ?? Number.POSITIVE_INFINITY;

  const send = (i: number, dueAt: number) => new Promise<void>((resolve) => {
    const request = options.next(i);
    const req = http.request({
      host: '127.0.0.1', port: options.port, method: request.method, path: request.path, agent,
      headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        latencies.push(now() - dueAt);
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200 && !body.includes('"errors":')) ok += 1;
        else {
          failed += 1;
          firstFailure ??= `${res.statusCode} ${body.slice(0, 300)}`;
        }
        resolve();
      });
    });
    req.on('error', (error) => {
      failed += 1;
      firstFailure ??= error.message;
      resolve();
    });
    req.end(request.body);
  });

  const started = now();
  const deadline = started + options.durationMs;
  if (options.mode.kind === 'closed') {
    await Promise.all(Array.from({ length: options.mode.connections }, async () => {
      while (now() < deadline && sent < limit) {
        const i = sent++;
        await send(i, now());
      }
    }));
  } else {
    const interval = 1000 / options.mode.rate;
    const pending = new Set<Promise<void>>();
    for (let i = 0; sent < limit; i += 1) {
      const dueAt = started + i * interval;
      if (dueAt >= deadline) break;
      const wait = dueAt - now();
      if (wait > 1) await sleep(wait);
      sent += 1;
      const p = send(i, dueAt);
      pending.add(p);
      p.then(() => pending.delete(p));
    }
    await Promise.race([Promise.all(pending), sleep(GRACE_MS)]);
    if (pending.size) {
      failed += pending.size;
      firstFailure ??= `${pending.size} requests unanswered ${GRACE_MS / 1000} s after the run`;
    }
  }
  const seconds = (now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    mode: options.mode,
    ok,
    failed,
    firstFailure,
    seconds,
    requestsPerSecond: ok / seconds,
    p50Ms: quantile(latencies, 0.5),
    p90Ms: quantile(latencies, 0.9),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
  };
}

function now(): number {
  return performance.now();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
