import { createHmac, randomBytes } from 'node:crypto';

/** A complaint this line filed for a sender. */
export interface FiledComplaint {
  /** Aduan's global id: what `uploadEvidence` needs. */
  complaintId: string;
  trackingCode: string;
  /** When it was filed (or last confirmed, on a redelivery), ms since the epoch. */
  at: number;
}

/** A photo without a tracking code goes to the sender's complaint of the last 24 hours: WhatsApp's own customer-service window. */
export const RECENT_WINDOW_MS = 24 * 60 * 60_000;
/** With a tracking code in the caption, a complaint filed up to 30 days ago. */
export const REMEMBERED_MS = 30 * 24 * 60 * 60_000;
const PER_SENDER = 5;
const MAX_SENDERS = 100_000;

/**
 * Which complaints each sender filed through this line, so that a photo sent
 * after the complaint finds it. Aduan cannot answer that question: it shows an
 * intake client phone numbers masked, or not at all for a confidential
 * complaint, and has no search by phone.
 *
 * Senders are keyed by an HMAC of their WhatsApp number under a key made at
 * start and kept only in memory, never by the number: a plain SHA-256 of an
 * Indonesian mobile number is reversed by trying the few billion numbers
 * there are. Only this process can recognise a sender, and only while it
 * runs. A restart forgets everything (the sender is then asked to give the
 * evidence to the officer at verification); several receivers behind one
 * webhook would need this in a shared store.
 */
export class RecentComplaints {
  private readonly key = randomBytes(32);
  /** Least recently filed first (a Map keeps insertion order), so the oldest sender goes first when full. */
  private readonly bySender = new Map<string, FiledComplaint[]>();

  constructor(private readonly now: () => number = Date.now) {}

  remember(sender: string, complaint: { complaintId: string; trackingCode: string }): void {
    const id = this.senderId(sender);
    const at = this.now();
    const kept = (this.bySender.get(id) ?? []).filter((c) => c.complaintId !== complaint.complaintId && at - c.at < REMEMBERED_MS);
    this.bySender.delete(id);
    this.bySender.set(id, [{ ...complaint, at }, ...kept].slice(0, PER_SENDER));
    if (this.bySender.size > MAX_SENDERS) this.bySender.delete(this.bySender.keys().next().value!);
  }

  /** The sender's complaint with this tracking code, filed up to 30 days ago; null when this sender did not file it here. */
  withCode(sender: string, trackingCode: string): FiledComplaint | null {
    return this.of(sender).find((c) => c.trackingCode === trackingCode) ?? null;
  }

  /** The sender's latest complaint, when it was filed within the last 24 hours. */
  latest(sender: string): FiledComplaint | null {
    const [latest] = this.of(sender);
    return latest && this.now() - latest.at < RECENT_WINDOW_MS ? latest : null;
  }

  private of(sender: string): FiledComplaint[] {
    const now = this.now();
    return (this.bySender.get(this.senderId(sender)) ?? []).filter((c) => now - c.at < REMEMBERED_MS);
  }

  private senderId(sender: string): string {
    return createHmac('sha256', this.key).update(sender.replace(/^\+/, '')).digest('base64url');
  }
}
