import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta signs every notification: `X-Hub-Signature-256: sha256=<hex>`, the
 * HMAC-SHA256 of the body *as sent* under the app secret. It has to be checked
 * on the raw bytes: JSON parsed and printed again rarely gives the same bytes
 * (escaped "\u00e9", key order, spacing), so it is checked before any parsing.
 */
export function hasValidSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  // Constant time, so that timing does not reveal how many leading bytes were right.
  return timingSafeEqual(Buffer.from(match[1], 'hex'), expected);
}

/** `sha256=<hex>` for a body: what Meta sends, and what the README's curl examples compute. */
export function signatureOf(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Compares two secrets in constant time whatever their lengths (hashing first makes the lengths equal). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHmac('sha256', 'compare').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
