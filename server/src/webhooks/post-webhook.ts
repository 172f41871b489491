import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { WebhookAttemptResult } from './webhook.entity';
import { AddressNotAllowedError, bareHostname, guardedLookup, isPublicAddress } from './webhook-network';

export interface PostOptions {
  /** The whole attempt: connecting, sending, and the status line of the answer. */
  timeoutMs: number;
  /** False in production: private, loopback and link-local addresses are refused (webhook-network.ts). */
  allowPrivateAddresses: boolean;
}

export interface PostOutcome {
  result: WebhookAttemptResult;
  statusCode: number | null;
  /** A short technical reason (`HTTP 500`, `ECONNREFUSED`, `no answer within 10 s`); null on success. */
  error: string | null;
  durationMs: number;
}

class AttemptTimeout extends Error {}

/**
 * One POST of a webhook. Answers how it went, never throws. A 2xx is
 * delivered; anything else, a redirect included (not followed: a redirect to
 * an internal address would bypass the address check), is a failure. The
 * answer's body is not read beyond its first bytes: a receiver owes us only a
 * status. A fresh connection each time (no keep-alive pool): deliveries go to
 * many hosts, rarely twice in a row to the same one.
 */
export function postWebhook(rawUrl: string, headers: Record<string, string>, body: string, options: PostOptions): Promise<PostOutcome> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (result: WebhookAttemptResult, statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      resolve({ result, statusCode, error, durationMs: elapsed() });
    };
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return finish(WebhookAttemptResult.CONNECTION_FAILED, null, 'invalid URL');
    }
    // Literal addresses never reach the lookup hook.
    const literal = bareHostname(url);
    if (!options.allowPrivateAddresses && isIP(literal) !== 0 && !isPublicAddress(literal)) {
      return finish(WebhookAttemptResult.ADDRESS_NOT_ALLOWED, null, `${literal} is not a public address`);
    }
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, {
      method: 'POST',
      agent: false,
      lookup: guardedLookup(options.allowPrivateAddresses),
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    });
    // Bounds the attempt, and after it the connection: a receiver that answers but never ends its body is cut off too.
    const timer = setTimeout(() => request.destroy(new AttemptTimeout()), options.timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      // Drain what little it sends, then let the connection go.
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > 64 * 1024) response.destroy();
      });
      response.on('error', () => undefined);
      response.on('end', () => request.destroy());
      if (status >= 200 && status < 300) return finish(WebhookAttemptResult.SUCCESS, status, null);
      const reason = status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
      finish(WebhookAttemptResult.HTTP_ERROR, status, reason);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof AttemptTimeout) return finish(WebhookAttemptResult.TIMEOUT, null, `no answer within ${Math.round(options.timeoutMs / 100) / 10} s`);
      if (error instanceof AddressNotAllowedError) return finish(WebhookAttemptResult.ADDRESS_NOT_ALLOWED, null, error.message);
      finish(WebhookAttemptResult.CONNECTION_FAILED, null, (error.code ?? error.message).slice(0, 300));
    });
    request.end(body);
  });
}
