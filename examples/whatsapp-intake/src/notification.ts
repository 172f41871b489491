/**
 * The part of a WhatsApp Cloud API webhook notification this receiver reads:
 *
 *   { object: 'whatsapp_business_account',
 *     entry: [{ id, changes: [{ field: 'messages',
 *       value: { messaging_product: 'whatsapp',
 *                metadata: { display_phone_number, phone_number_id },
 *                contacts: [{ profile: { name }, wa_id }],
 *                messages: [{ from, id: 'wamid.…', timestamp, type: 'text', text: { body } },
 *                           { …, type: 'image', image: { id, mime_type, sha256, caption? } },
 *                           { …, type: 'document', document: { id, mime_type, sha256, filename, caption? } }],
 *                statuses: [{ id, status: 'sent' | 'delivered' | 'read' | 'failed', … }] } }] }] }
 *
 * Meta batches: one notification may carry several entries, changes and
 * messages. Everything arrives as untrusted JSON, so it is read field by field.
 */

/** One message someone sent to the business number. */
export interface InboundMessage {
  /** The business number it was sent to: replies go out from the same one. */
  phoneNumberId: string;
  /** `wamid.…`, unique per message, and the same when Meta delivers the notification again. */
  wamid: string;
  /** The sender's WhatsApp id: their number in international form without "+", e.g. 6281234567890. */
  from: string;
  /** `text`, `image`, `audio`, `location`, … */
  type: string;
  /** The text of a `text` message; null for the other types. */
  text: string | null;
  /** The sender's WhatsApp profile name, if Meta sent it. */
  profileName: string | null;
  /** The file of an image, document, video, audio or sticker message: only its id; the bytes are fetched from the Cloud API. */
  media: InboundMedia | null;
}

export interface InboundMedia {
  /** The media id, for `GET {api}/{media-id}`. */
  id: string;
  /** What WhatsApp says the file is, e.g. `image/jpeg`, `application/pdf`. Aduan checks the bytes anyway. */
  mimeType: string | null;
  /** The text typed under a photo or document. */
  caption: string | null;
  /** A document's file name on the sender's phone (images have none). */
  fileName: string | null;
}

/** Message types whose content is a file. */
const MEDIA_TYPES = new Set(['image', 'document', 'video', 'audio', 'sticker']);

export type Notification =
  | { kind: 'whatsapp'; messages: InboundMessage[]; statusUpdates: number; skipped: number }
  /** Another product's notification (a Page, Instagram) sent to this URL: nothing for us, and nothing to retry. */
  | { kind: 'other'; object: string }
  | { kind: 'invalid'; reason: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

export function readNotification(body: unknown): Notification {
  if (!isObject(body) || typeof body.object !== 'string') return { kind: 'invalid', reason: 'not a webhook notification (no "object")' };
  if (body.object !== 'whatsapp_business_account') return { kind: 'other', object: body.object };
  if (!Array.isArray(body.entry)) return { kind: 'invalid', reason: '"entry" is not a list' };

  const messages: InboundMessage[] = [];
  let statusUpdates = 0;
  let skipped = 0;
  for (const entry of body.entry) {
    if (!isObject(entry) || !Array.isArray(entry.changes)) return { kind: 'invalid', reason: 'an entry has no "changes" list' };
    for (const change of entry.changes) {
      if (!isObject(change)) return { kind: 'invalid', reason: 'a change is not an object' };
      // Other subscribed fields (template status, account updates) are not messages.
      if (change.field !== 'messages' || !isObject(change.value)) continue;
      const value = change.value;
      const phoneNumberId = isObject(value.metadata) ? text(value.metadata.phone_number_id) : null;
      if (Array.isArray(value.statuses)) statusUpdates += value.statuses.length;
      if (!Array.isArray(value.messages)) continue;
      const profiles = profileNames(value.contacts);
      for (const message of value.messages) {
        const read = phoneNumberId ? readMessage(message, phoneNumberId, profiles) : null;
        if (read) messages.push(read);
        else skipped += 1;
      }
    }
  }
  return { kind: 'whatsapp', messages, statusUpdates, skipped };
}

function readMessage(message: unknown, phoneNumberId: string, profiles: Map<string, string>): InboundMessage | null {
  if (!isObject(message)) return null;
  const wamid = text(message.id);
  const from = text(message.from);
  const type = text(message.type);
  if (!wamid || !from || !type) return null;
  const body = type === 'text' && isObject(message.text) && typeof message.text.body === 'string' ? message.text.body : null;
  return { phoneNumberId, wamid, from, type, text: type === 'text' ? (body ?? '') : null, profileName: profiles.get(from) ?? null, media: readMedia(type, message[type]) };
}

function readMedia(type: string, content: unknown): InboundMedia | null {
  if (!MEDIA_TYPES.has(type) || !isObject(content)) return null;
  const id = text(content.id);
  if (!id) return null;
  return { id, mimeType: text(content.mime_type), caption: text(content.caption), fileName: text(content.filename) };
}

/** wa_id → profile name, from the notification's `contacts`. */
function profileNames(contacts: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(contacts)) return names;
  for (const contact of contacts) {
    if (!isObject(contact) || !isObject(contact.profile)) continue;
    const waId = text(contact.wa_id);
    const name = text(contact.profile.name);
    if (waId && name) names.set(waId, name);
  }
  return names;
}
