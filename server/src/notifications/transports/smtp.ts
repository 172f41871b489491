import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { NotificationChannel, NotificationTransport, OutgoingMessage, SendOutcome } from '../transport';
import { SEND_TIMEOUT_MS } from './http';

/**
 * E-mail over SMTP with nodemailer: a pool of connections to one relay (the
 * agency's own mail server, or a provider's submission port), plain text in
 * the complainant's language.
 */
export interface SmtpConfig {
  /**
   * smtp://user:password@host:587 (STARTTLS when the server offers it; add
   * ?requireTLS=true to insist) or smtps://…:465. Never logged.
   */
  url: string;
  /** The From address: `noreply@example.go.id` or `"Aduan Bansos" <noreply@example.go.id>`. Its domain ends every Message-ID. */
  from: string;
  timeoutMs?: number;
}

export class SmtpTransport implements NotificationTransport {
  readonly channel = NotificationChannel.EMAIL;
  // Private fields (#): a transport logged or serialised by mistake shows no password (the URL and the pool's options hold it).
  readonly #transporter: Transporter<SMTPPool.SentMessageInfo>;
  readonly #from: string;
  readonly #messageIdDomain: string;
  readonly #timeoutMs: number;

  constructor(config: SmtpConfig) {
    this.#from = config.from;
    this.#timeoutMs = config.timeoutMs ?? SEND_TIMEOUT_MS;
    this.#messageIdDomain = fromDomain(config.from);
    this.#transporter = nodemailer.createTransport({
      url: config.url,
      pool: true,
      maxConnections: 3,
      connectionTimeout: this.#timeoutMs,
      greetingTimeout: this.#timeoutMs,
      socketTimeout: this.#timeoutMs,
      // The message is built from our own strings only: no file or URL is ever read into it.
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    } as SMTPPool.Options);
  }

  async send(message: OutgoingMessage, signal?: AbortSignal): Promise<SendOutcome> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    try {
      const info = await this.#transporter.sendMail({
        from: this.#from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        // The same on every attempt: a receiver (or a person) can tell a retry from a second message.
        messageId: `<${message.id.replace(/[^A-Za-z0-9._-]/g, '_')}@${this.#messageIdDomain}>`,
        headers: {
          'Content-Language': message.locale,
          // RFC 3834: out-of-office robots do not answer a notification.
          'Auto-Submitted': 'auto-generated',
        },
        // nodemailer 10 fails the delivery and closes its connection when this aborts.
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      } as SendMailOptions & { signal: AbortSignal });
      return { outcome: 'SENT', providerMessageId: info.messageId ?? null };
    } catch (error) {
      if (signal?.aborted) return { outcome: 'RETRY', reason: 'SMTP aborted' };
      if (timeout.aborted) return { outcome: 'RETRY', reason: `SMTP timeout after ${this.#timeoutMs / 1000} s` };
      return smtpOutcome(error);
    }
  }

  async close(): Promise<void> {
    this.#transporter.close();
  }
}

/**
 * A nodemailer error as RETRY or FAILED. The reason is the reply code and
 * enhanced status (550 5.1.1) or nodemailer's error code (ECONNECTION) — never
 * the error's message or the server's text, which quote the address.
 */
export function smtpOutcome(error: unknown): SendOutcome {
  const { responseCode, response, code } = (error ?? {}) as { responseCode?: unknown; response?: unknown; code?: unknown };
  if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 600) {
    const enhanced = typeof response === 'string' ? /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(response)?.[1] : undefined;
    const reason = `SMTP ${responseCode}${enhanced ? ` ${enhanced}` : ''}`;
    // 4xx: the server asks to come back later (421 busy, 450 mailbox busy, 451 local error, 452 storage).
    return responseCode < 500 ? { outcome: 'RETRY', reason } : { outcome: 'FAILED', reason };
  }
  const name = typeof code === 'string' && /^E[A-Z0-9_]{1,30}$/.test(code) ? code : 'error';
  // Nothing the server said: our configuration (no credentials), or a message nodemailer refused to build.
  if (name === 'ENOAUTH' || name === 'ECONFIG' || name === 'EENVELOPE') return { outcome: 'FAILED', reason: `SMTP ${name}` };
  // The connection, DNS, TLS, a timeout: the network's failure.
  return { outcome: 'RETRY', reason: `SMTP ${name}` };
}

/** The domain of the From address, for Message-IDs. */
export function fromDomain(from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  const domain = /@([A-Za-z0-9.-]+)\s*$/.exec(address.trim())?.[1];
  if (!domain) throw new Error('the From address has no domain');
  return domain.toLowerCase();
}
