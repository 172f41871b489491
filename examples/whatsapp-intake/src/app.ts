import { AduanError } from '@aduan/sdk';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Answer, Intake } from './intake.js';
import { log, messageRef } from './log.js';
import { MediaUnavailable } from './media.js';
import { readNotification, type InboundMessage } from './notification.js';
import * as replies from './replies.js';
import { hasValidSignature, sameSecret } from './signature.js';
import { ReplyFailed, type SendText } from './whatsapp.js';

export interface WebhookOptions {
  verifyToken: string;
  appSecret: string;
  intake: Pick<Intake, 'answer'>;
  send: SendText;
}

/** Meta's notifications are small; this is far above any of them and far below anything harmful. */
const BODY_LIMIT = '1mb';
/** How many messages to remember having sent the "we are down" notice for (see `held`). */
const HELD_MEMORY = 10_000;

/**
 * The webhook, as Meta calls it:
 *
 * - `GET /webhook`: the verification handshake when you save the callback URL.
 * - `POST /webhook`: notifications. The signature is checked on the raw bytes
 *   (401, nothing read, if it is missing or wrong); then each message is
 *   answered, in order, before the HTTP answer goes back:
 *   - 200 when every message was answered (or needed no answer);
 *   - 503 when Aduan could not be reached, a photo could not be fetched from
 *     WhatsApp, or a reply could not be sent. Meta
 *     then delivers the same notification again, with backoff, for up to 7
 *     days, which makes Meta the retry queue: each message's idempotency key
 *     comes from its wamid, so a second delivery files nothing twice and
 *     answers with the first result (the same tracking code);
 *   - 400 for a body that is not JSON or not a notification: Meta never sends
 *     one, so it is someone testing by hand, who should see the mistake.
 */
export function createApp(options: WebhookOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // People who wrote while Aduan was down are told once, not at every redelivery (in memory: a restart may tell them again).
  const held = new Set<string>();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/webhook', (req, res) => {
    const mode = req.query['hub.mode'];
    const token = req.query['hub.verify_token'];
    const challenge = req.query['hub.challenge'];
    if (mode === 'subscribe' && typeof token === 'string' && sameSecret(token, options.verifyToken) && typeof challenge === 'string') {
      log('webhook.verified');
      res.type('text/plain').send(challenge);
      return;
    }
    log('webhook.verification_refused');
    res.sendStatus(403);
  });

  // The raw body, not express.json(): the signature covers the exact bytes Meta sent.
  app.post('/webhook', express.raw({ type: () => true, limit: BODY_LIMIT }), async (req, res) => {
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!hasValidSignature(raw, req.get('x-hub-signature-256'), options.appSecret)) {
      log('webhook.bad_signature', { bytes: raw.length });
      res.status(401).json({ error: 'invalid_signature' });
      return;
    }

    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      log('webhook.invalid_json', { bytes: raw.length });
      res.status(400).json({ error: 'invalid_json' });
      return;
    }
    const notification = readNotification(body);
    if (notification.kind === 'invalid') {
      log('webhook.invalid_payload', { reason: notification.reason });
      res.status(400).json({ error: 'invalid_payload', reason: notification.reason });
      return;
    }
    if (notification.kind === 'other') {
      // Subscribed by mistake to another product: answering 200 stops Meta from retrying what we will never handle.
      log('webhook.other_object', { object: notification.object.slice(0, 40) });
      res.json({ status: 'ignored' });
      return;
    }
    if (notification.statusUpdates > 0 || notification.skipped > 0) {
      // Delivery receipts (sent, delivered, read, failed) of our own replies: nothing to do.
      log('webhook.receipts', { statuses: notification.statusUpdates, skipped: notification.skipped });
    }

    let retry = false;
    // In order: two messages from one person are answered in the order they were written.
    for (const message of notification.messages) {
      const ok = await handle(message);
      retry ||= !ok;
    }
    if (retry) {
      res.status(503).json({ error: 'try_again', messages: notification.messages.length });
      return;
    }
    res.json({ status: 'ok', messages: notification.messages.length });
  });

  /** Answers one message; false when it must be delivered again. */
  async function handle(message: InboundMessage): Promise<boolean> {
    const ref = messageRef(message.wamid);
    const started = Date.now();
    let answer: Answer;
    try {
      answer = await options.intake.answer(message);
    } catch (error) {
      if (error instanceof MediaUnavailable) {
        // Meta's side: the file will be fetched again when Meta delivers the message again.
        log('media.unavailable', { ref, step: error.step, status: error.status ?? undefined, metaCode: error.metaCode ?? undefined });
        return false;
      }
      if (!(error instanceof AduanError)) throw error;
      // The code and request id only: an error's message may quote what was sent.
      log('aduan.unavailable', { ref, code: error.code, requestId: error.requestId, attempts: error.attempts });
      await holdingNotice(message, ref);
      return false;
    }
    if (answer.text !== null) {
      try {
        await options.send({ phoneNumberId: message.phoneNumberId, to: message.from, body: answer.text, replyTo: message.wamid });
      } catch (error) {
        if (!(error instanceof ReplyFailed)) throw error;
        log('reply.failed', { ref, outcome: answer.outcome, status: error.status ?? undefined, metaCode: error.metaCode ?? undefined });
        return false;
      }
    }
    log('message.answered', { ref, type: message.type, outcome: answer.outcome, trackingCode: answer.trackingCode, ms: Date.now() - started });
    return true;
  }

  /** "We have your message; we are down": once per message, and never a reason to fail the delivery. */
  async function holdingNotice(message: InboundMessage, ref: string): Promise<void> {
    if (held.has(message.wamid)) return;
    try {
      await options.send({ phoneNumberId: message.phoneNumberId, to: message.from, body: replies.holding(), replyTo: message.wamid });
      if (held.size >= HELD_MEMORY) held.delete(held.values().next().value!);
      held.add(message.wamid);
    } catch (error) {
      log('reply.failed', { ref, outcome: 'holding', status: error instanceof ReplyFailed ? (error.status ?? undefined) : undefined });
    }
  }

  const errors: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    // body-parser's errors (too large, bad encoding) are the sender's; anything else is ours, and logged by type only.
    log('webhook.error', { status, type: typeof error?.type === 'string' ? error.type : error?.name });
    res.status(status).json({ error: status === 413 ? 'payload_too_large' : status < 500 ? 'bad_request' : 'internal_error' });
  };
  app.use(errors);
  return app;
}
