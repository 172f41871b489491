/**
 * Replies through the Cloud API: `POST {api}/{phone-number-id}/messages`.
 * The reply quotes the message it answers (`context`), so that when several
 * messages arrive together each answer sits under its question.
 */

/** The Cloud API refuses text bodies over 4096 characters. */
const MAX_BODY = 4096;
const TIMEOUT_MS = 10_000;

export interface OutgoingText {
  /** The business number to send from: the one the message was sent to. */
  phoneNumberId: string;
  /** The recipient's WhatsApp id, as the message's `from` gave it. */
  to: string;
  body: string;
  /** The wamid of the message answered. */
  replyTo: string;
}

export type SendText = (message: OutgoingText) => Promise<void>;

/**
 * The reply did not go out. `metaCode` is the Graph API's error code (e.g. 190:
 * token expired; 131030: recipient not allowed, for a test number). Meta's
 * error *message* is not kept: it can quote the recipient's number.
 */
export class ReplyFailed extends Error {
  constructor(readonly status: number | null, readonly metaCode: number | null) {
    super(`WhatsApp reply failed (HTTP ${status ?? 'none'}${metaCode ? `, Graph API error ${metaCode}` : ''})`);
  }
}

export function cloudApiSender(options: { apiUrl: string; accessToken: string; fetch?: typeof fetch }): SendText {
  const fetchFn = options.fetch ?? fetch;
  return async ({ phoneNumberId, to, body, replyTo }) => {
    let response: Response;
    try {
      response = await fetchFn(`${options.apiUrl}/${encodeURIComponent(phoneNumberId)}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to,
          context: { message_id: replyTo },
          type: 'text',
          text: { preview_url: false, body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY - 1)}…` : body },
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ReplyFailed(null, null);
    }
    if (response.ok) return;
    const error = (await response.json().catch(() => null)) as { error?: { code?: unknown } } | null;
    throw new ReplyFailed(response.status, typeof error?.error?.code === 'number' ? error.error.code : null);
  };
}
