/**
 * The one interface every way of telling a complainant goes through (e-mail,
 * WhatsApp, SMS). The outbox (notifications table) renders a message and hands
 * it to the transport of its channel; the transport answers with what happened,
 * in words that never carry the text or the address (they go on the timeline and
 * into logs).
 */

/** How a complainant is told: the channels they can consent to at intake. */
export enum NotificationChannel {
  EMAIL = 'EMAIL',
  WHATSAPP = 'WHATSAPP',
  SMS = 'SMS',
}

/** What a notification tells; each has its texts in both languages and a WhatsApp template. */
export enum NotificationKind {
  /** Received, with the tracking code (and the reply PIN): for intake tools that did not show the acknowledgement. */
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  INFORMATION_REQUESTED = 'INFORMATION_REQUESTED',
  PUBLIC_RESPONSE = 'PUBLIC_RESPONSE',
  ESCALATED = 'ESCALATED',
  /** With the decision, how to rate it and how to appeal. */
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  /** Not taken up (rejected, or archived after an unanswered request). */
  REJECTED = 'REJECTED',
  /** Merged into another complaint: never names the other complaint's code or texts. */
  MERGED = 'MERGED',
  /** The complainant's reply (information, evidence, appeal) reached the office. */
  REPLY_RECEIVED = 'REPLY_RECEIVED',
}

/** A rendered message, ready for one transport. */
export interface OutgoingMessage {
  /** The outbox row's id: the idempotency reference where the provider takes one (and the SMTP Message-ID's left part). */
  id: string;
  channel: NotificationChannel;
  /** An e-mail address, or an E.164 phone number (+628…) for WhatsApp and SMS. */
  to: string;
  locale: 'id' | 'en';
  kind: NotificationKind;
  /** The e-mail subject. */
  subject: string;
  /** The whole text: the e-mail body; for SMS at most 160 GSM-7 characters, tracking code included. */
  text: string;
  /** The WhatsApp template message (pre-approved by Meta): its name, language code (`id`, `en`) and body parameters in order. */
  template: { name: string; language: string; parameters: string[] };
}

/**
 * What a send attempt came to. `reason` is the provider's code and message or
 * the network error's code — never the text, the address or the number.
 */
export type SendOutcome =
  | { outcome: 'SENT'; providerMessageId: string | null }
  /** Worth trying again later: network error, timeout, 5xx, 429 (with the provider's wait when it gives one). */
  | { outcome: 'RETRY'; reason: string; retryAfterSeconds?: number }
  /** Will never succeed as it is: invalid recipient, template rejected, credentials refused. */
  | { outcome: 'FAILED'; reason: string };

export interface NotificationTransport {
  readonly channel: NotificationChannel;
  /** One attempt. Must not throw for a provider's or the network's failure: answer RETRY or FAILED. */
  send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendOutcome>;
  /** Releases connections (SMTP pool) at shutdown. */
  close?(): Promise<void>;
}

/** The configured transports; a channel without one leaves its notifications waiting (state NO_TRANSPORT on the timeline). */
export type NotificationTransports = Partial<Record<NotificationChannel, NotificationTransport>>;
