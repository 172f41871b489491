import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/**
 * A real SMTP server for the tests (the `smtp-server` package): AUTH PLAIN or
 * LOGIN with one user, every accepted message parsed (mailparser) and kept in
 * `received`. It can refuse an address with 550 (permanently), answer 421 to the
 * next messages (temporarily), or hold the next message's DATA (a slow server).
 *
 *   const smtp = await startSmtpTestServer();
 *   const transport = new SmtpTransport({ url: smtp.url, from: 'noreply@aduan.test' });
 *   …; const [mail] = await smtp.waitFor(1); …; await smtp.close();
 */
export interface ReceivedMail {
  /** The envelope: MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  /** The From header's text, e.g. `"Aduan" <noreply@aduan.test>`. */
  from: string;
  /** The To header's addresses. */
  to: string[];
  subject: string;
  text: string;
  messageId: string | undefined;
  /** Every header, lower-case name → value as text (the first, for a repeated header). */
  headers: Record<string, string>;
  /** The user the client authenticated as. */
  user: string | undefined;
}

export interface SmtpTestServer {
  port: number;
  user: string;
  password: string;
  /** smtp://user:password@127.0.0.1:port — what NOTIFY_SMTP_URL takes. */
  url: string;
  /** Messages accepted so far, in order. */
  received: ReceivedMail[];
  /** RCPT TO this address is answered `550 5.1.1 … no such mailbox` from now on. */
  rejectRecipient(address: string): void;
  /** The next `count` messages get `421 4.3.2` at RCPT TO (service not available, try later). */
  failTemporarily(count?: number): void;
  /**
   * The next message's DATA is answered only after `ms` (never, if the server
   * is closed first). Resolves when that message has arrived: a test aborts
   * the send then, not after a guessed time.
   */
  delayNext(ms: number): Promise<void>;
  /** Resolves once `count` messages have arrived (fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpTestServer(options: { user?: string; password?: string } = {}): Promise<SmtpTestServer> {
  const user = options.user ?? 'aduan';
  const password = options.password ?? 'rahasia-smtp';
  const received: ReceivedMail[] = [];
  const rejected = new Set<string>();
  const waiters: Array<() => void> = [];
  const timers = new Set<NodeJS.Timeout>();
  let temporaryFailures = 0;
  let nextDelay: { ms: number; arrived: () => void } | undefined;

  const server = new SMTPServer({
    // The client under test speaks plain SMTP to 127.0.0.1; TLS is the relay's business in production.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (temporaryFailures > 0) {
        temporaryFailures -= 1;
        return callback(Object.assign(new Error('4.3.2 Service not available, try again later'), { responseCode: 421 }));
      }
      if (rejected.has(address.address.toLowerCase())) {
        return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: no such mailbox`), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const delay = nextDelay;
      nextDelay = undefined;
      simpleParser(stream)
        .then((parsed) => {
          const finish = () => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              },
              from: parsed.from?.text ?? '',
              to: (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((group) => group.value.map((a) => a.address ?? '')),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              messageId: parsed.messageId,
              headers: Object.fromEntries(
                [...parsed.headerLines].map((line) => [line.key, line.line.slice(line.line.indexOf(':') + 1).trim()] as const).reverse(),
              ),
              user: typeof session.user === 'string' ? session.user : undefined,
            });
            for (const wake of waiters.splice(0)) wake();
            callback(null, `2.0.0 Ok: queued as Q${received.length}`);
          };
          if (!delay) return finish();
          const timer = setTimeout(() => {
            timers.delete(timer);
            finish();
          }, delay.ms);
          timers.add(timer);
          delay.arrived();
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    user,
    password,
    url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    received,
    rejectRecipient(address) {
      rejected.add(address.toLowerCase());
    },
    failTemporarily(count = 1) {
      temporaryFailures = count;
    },
    delayNext(ms) {
      return new Promise<void>((arrived) => {
        nextDelay = { ms, arrived };
      });
    },
    async waitFor(count, timeoutMs = 10_000) {
      const started = Date.now();
      while (received.length < count) {
        if (Date.now() - started > timeoutMs) throw new Error(`the SMTP test server received ${received.length} of ${count} messages`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 100);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received.slice(0, count);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
