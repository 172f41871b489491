import { NotificationChannel, NotificationKind, type OutgoingMessage, type SendOutcome } from '../../server/src/notifications/transport';

/** A complainant's contacts, which no outcome's reason may carry. */
export const EMAIL = 'siti.rahma@warga.test';
export const PHONE = '+6281234567890';
export const PHONE_DIGITS = '6281234567890';

/** A rendered message as the outbox hands it over (texts as the outbox writes them, roughly). */
export function outgoing(channel: NotificationChannel, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    id: 'ntf-000123',
    channel,
    to: channel === NotificationChannel.EMAIL ? EMAIL : PHONE,
    locale: 'id',
    kind: NotificationKind.INFORMATION_REQUESTED,
    subject: 'Aduan ADU-2026-000123: Dinas Sosial meminta keterangan Anda',
    text:
      channel === NotificationChannel.SMS
        ? 'Aduan Bansos: aduan ADU-2026-000123 perlu keterangan Anda. Balas di aduan.kemensos.go.id/lacak dengan kode dan PIN Anda.'
        : 'Yth. Bapak/Ibu,\n\nDinas Sosial Kota Bandung meminta keterangan tambahan untuk aduan ADU-2026-000123.\nBalas dengan kode pelacakan dan PIN Anda.\n\nAduan Bansos',
    template: { name: 'aduan_keterangan_diminta', language: 'id', parameters: ['ADU-2026-000123', 'Dinas Sosial Kota Bandung'] },
    ...overrides,
  };
}

/** The reason of a RETRY or FAILED outcome, checked to carry none of the message's personal data or text. */
export function reasonOf(outcome: SendOutcome, message: OutgoingMessage): string {
  if (outcome.outcome === 'SENT') throw new Error('expected RETRY or FAILED, got SENT');
  const reason = outcome.reason;
  for (const secret of [message.to, message.to.replace(/^\+/, ''), message.to.split('@')[0]!, message.text, message.subject, ...message.template.parameters]) {
    if (reason.includes(secret)) throw new Error(`the reason "${reason}" carries personal data or the text`);
  }
  return reason;
}
