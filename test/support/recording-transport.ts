import { NotificationChannel, NotificationTransport, OutgoingMessage, SendOutcome } from '../../server/src/notifications/transport';

/**
 * An in-memory transport (the external boundary: the database stays real):
 * records every message handed to it and answers what the test tells it —
 * SENT by default, or the outcomes queued with `answer(...)`, one per send.
 */
export class RecordingTransport implements NotificationTransport {
  readonly sent: OutgoingMessage[] = [];
  private readonly answers: SendOutcome[] = [];
  private sequence = 0;

  constructor(readonly channel: NotificationChannel) {}

  /** The next sends' outcomes, in order; once used up, SENT again. */
  answer(...outcomes: SendOutcome[]): this {
    this.answers.push(...outcomes);
    return this;
  }

  async send(message: OutgoingMessage): Promise<SendOutcome> {
    this.sent.push(message);
    const next = this.answers.shift();
    if (next) return next;
    this.sequence += 1;
    return { outcome: 'SENT', providerMessageId: `${this.channel.toLowerCase()}-${this.sequence}` };
  }

  clear(): void {
    this.sent.length = 0;
    this.answers.length = 0;
  }
}
