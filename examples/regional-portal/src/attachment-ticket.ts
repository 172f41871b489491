import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a ticket lets its holder do: attach files to this one complaint, until `expiresAt`. */
export interface Ticket {
  /** The complaint's global id, as Aduan gave it when it was filed. */
  complaintId: string;
  trackingCode: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** How long after filing the person may add files through the portal; later, evidence goes to the officer at verification. */
export const TICKET_LIFETIME_MS = 24 * 60 * 60_000;

const PURPOSE = 'lampiran-pengaduan:v1';

/**
 * The portal may attach files to every complaint it ever filed, so it must
 * not let anyone holding a tracking code do that: codes are shown on the
 * tracker, read out on the phone, written on paper. The success page carries
 * a ticket instead, HMAC-signed by the portal, naming the complaint just filed
 * and an expiry. Only the browser that filed the complaint receives it, in a
 * hidden form field (never in a URL, which history and logs keep).
 */
export class AttachmentTickets {
  constructor(private readonly key: Buffer, private readonly now: () => number = Date.now) {}

  issue(complaintId: string, trackingCode: string, lifetimeMs = TICKET_LIFETIME_MS): string {
    const payload = Buffer.from(JSON.stringify({ c: complaintId, k: trackingCode, e: this.now() + lifetimeMs })).toString('base64url');
    return `${payload}.${this.sign(payload).toString('base64url')}`;
  }

  /** The ticket's content; `expired` when it was genuine but is too old; null when it is not one this portal signed. */
  read(text: unknown): Ticket | 'expired' | null {
    if (typeof text !== 'string' || text.length > 1024) return null;
    const [payload, signature, ...rest] = text.split('.');
    if (!payload || !signature || rest.length > 0) return null;
    const given = Buffer.from(signature, 'base64url');
    const expected = this.sign(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let content: { c?: unknown; k?: unknown; e?: unknown };
    try {
      content = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (typeof content.c !== 'string' || typeof content.k !== 'string' || typeof content.e !== 'number') return null;
    if (content.e <= this.now()) return 'expired';
    return { complaintId: content.c, trackingCode: content.k, expiresAt: content.e };
  }

  private sign(payload: string): Buffer {
    return createHmac('sha256', this.key).update(`${PURPOSE}\n${payload}`).digest();
  }
}
