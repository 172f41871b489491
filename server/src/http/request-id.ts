import { randomUUID } from 'node:crypto';

/** A caller's X-Request-Id is kept when it is a plain token; otherwise we make one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._-]{1,64}$/.test(value) ? value : randomUUID();
}
