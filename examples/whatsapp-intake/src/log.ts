import { createHash } from 'node:crypto';

/**
 * One JSON line per event on stdout, for whatever collects the logs.
 *
 * What never goes in: the sender's number, the NIK, the message text, and the
 * wamid itself, because a wamid carries the sender's number in base64
 * ("wamid.HBgNNjI4MTIz…" decodes to 62812…). Messages are named by `ref`.
 */
export function log(event: string, fields: Record<string, string | number | boolean | undefined> = {}): void {
  process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), event, ...fields })}\n`);
}

/** SHA-256 of the wamid, in hex: the idempotency key sent to Aduan is built from it, and its start names the message in logs. */
export function wamidDigest(wamid: string): string {
  return createHash('sha256').update(wamid).digest('hex');
}

/** A short, stable name for a message in the logs (the start of the key Aduan stores, for correlation). */
export function messageRef(wamid: string): string {
  return wamidDigest(wamid).slice(0, 12);
}
