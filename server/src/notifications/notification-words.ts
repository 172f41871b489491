import { ResolutionDecision, Tier, TimeZone } from '../common/enums';
import { formatLocalDateTime, TIER_LABELS } from '../complaints/complaint.labels';
import type { Locale } from '../graphql/context';
import { NotificationKind } from './transport';

/**
 * What a complainant reads in each notification, in Bahasa Indonesia and
 * English (the complaint's locale): the e-mail's subject and body, an SMS of
 * at most 160 GSM-7 characters that always names the tracking code, and the
 * WhatsApp template (pre-approved by Meta, so its name and the order of its
 * body parameters are fixed here and in the template registered with Meta).
 *
 * Never a name, a NIK, a phone number or an e-mail address: the texts carry the
 * tracking code, tiers as people know them, dates in the complainant's zone,
 * decisions in words, and — for e-mail and WhatsApp — the office's own public
 * message (already shown on the public tracker). A merged complaint's person
 * hears their own code only: never the surviving complaint's code or texts.
 */

/** What a notification's row holds for its texts (notifications.params). Secrets (the PIN) are erased once it is sent. */
export interface NotificationParams {
  /** ACKNOWLEDGED: the tier that verifies it, and by when (ISO). */
  tier?: Tier;
  verifyBy?: string;
  /** ACKNOWLEDGED: the reply PIN, shown once; erased from the row once the message is sent or has failed for good. */
  pin?: string;
  /** INFORMATION_REQUESTED, PUBLIC_RESPONSE, REJECTED: the office's public message (on the tracker already). */
  message?: string;
  /** RESOLVED, CLOSED: the decision; RESOLVED also when (ISO), for the appeal's deadline, and the public response as `message` (never for a merged complaint). */
  decision?: ResolutionDecision;
  resolvedAt?: string;
  /** REJECTED: archived because a request for information went unanswered. */
  archived?: boolean;
  /** RESOLVED, CLOSED, REJECTED: told to a complaint merged into the one that finished: its own code and the decision only. */
  merged?: boolean;
}

export interface RenderInput {
  kind: NotificationKind;
  locale: Locale;
  trackingCode: string;
  /** The complainant's zone (their village's), for dates. */
  zone: TimeZone;
  params: NotificationParams;
  /** PUBLIC_TRACKER_URL; `{code}` in it is replaced by the tracking code. */
  trackerUrl?: string | null;
  /** Days an appeal may be made after a resolution (reopen-complaint.ts). */
  appealWindowDays: number;
}

export interface RenderedTexts {
  subject: string;
  text: string;
  sms: string;
  template: { name: string; language: string; parameters: string[] };
}

export const SMS_MAX_LENGTH = 160;

/** The decision in words. */
export const DECISION_WORDS: Record<ResolutionDecision, Record<Locale, string>> = {
  UPHELD: { id: 'pengaduan Anda terbukti dan ditindaklanjuti', en: 'your complaint was upheld and acted on' },
  PARTIALLY_UPHELD: { id: 'pengaduan Anda sebagian terbukti dan ditindaklanjuti', en: 'your complaint was partly upheld and acted on' },
  NOT_UPHELD: { id: 'pengaduan Anda tidak terbukti', en: 'your complaint was not upheld' },
  WITHDRAWN: { id: 'pengaduan dicabut', en: 'the complaint was withdrawn' },
  REDIRECTED: { id: 'pengaduan diteruskan ke instansi yang berwenang', en: 'the complaint was passed to the agency responsible' },
};

/** Short forms for the SMS. */
const DECISION_SHORT: Record<ResolutionDecision, Record<Locale, string>> = {
  UPHELD: { id: 'terbukti', en: 'upheld' },
  PARTIALLY_UPHELD: { id: 'sebagian terbukti', en: 'partly upheld' },
  NOT_UPHELD: { id: 'tidak terbukti', en: 'not upheld' },
  WITHDRAWN: { id: 'dicabut', en: 'withdrawn' },
  REDIRECTED: { id: 'diteruskan ke instansi berwenang', en: 'passed to the agency responsible' },
};

/** The WhatsApp template of each kind, as registered with Meta (`aduan_information_requested` …). */
export function templateName(kind: NotificationKind, withPin = false): string {
  return `aduan_${kind.toLowerCase()}${withPin ? '_pin' : ''}`;
}

export function trackerLink(trackerUrl: string | null | undefined, trackingCode: string): string | null {
  if (!trackerUrl) return null;
  return trackerUrl.includes('{code}') ? trackerUrl.split('{code}').join(encodeURIComponent(trackingCode)) : trackerUrl;
}

/** A public message as one line for a template parameter (WhatsApp refuses new lines and tabs in them), at most 500 characters. */
function oneLine(text: string | undefined, max = 500): string {
  const line = (text ?? '').replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line || '-';
}

interface Words { subject: string; lines: string[]; sms: string[]; parameters: string[]; withPin?: boolean; variant?: 'merged' }

export function renderNotification(input: RenderInput): RenderedTexts {
  const { locale, trackingCode: code, params } = input;
  const id = locale === 'id';
  const date = (iso: string | undefined) => (iso ? formatLocalDateTime(new Date(iso), input.zone, locale) : '-');
  const tier = params.tier ? TIER_LABELS[params.tier][locale] : id ? 'petugas' : 'the office';
  const decision = params.decision ? DECISION_WORDS[params.decision][locale] : null;
  const decisionShort = params.decision ? DECISION_SHORT[params.decision][locale] : null;
  const link = trackerLink(input.trackerUrl, code);
  const words = ((): Words => {
    switch (input.kind) {
      case NotificationKind.ACKNOWLEDGED: {
        const due = date(params.verifyBy);
        const pin = params.pin ? `PIN: ${params.pin}` : null;
        return id ? {
          subject: `Pengaduan ${code} telah diterima`,
          lines: [
            `Pengaduan Anda telah kami terima dengan nomor ${code}.`,
            `${tier} akan memverifikasinya paling lambat ${due}. Anda akan diberi tahu setiap perkembangannya.`,
            pin ? `${pin} (rahasiakan; diperlukan untuk menjawab permintaan keterangan, menambah bukti, mengajukan banding dan memberi penilaian).` : '',
            'Simpan nomor ini: sebutkan di kanal mana pun untuk menanyakan pengaduan Anda.',
          ],
          sms: [`Aduan ${code} diterima. Diverifikasi paling lambat ${due}.`, pin ? `${pin} (rahasiakan).` : '', 'Simpan kode ini.'],
          parameters: [code, due, ...(params.pin ? [params.pin] : [])], withPin: Boolean(params.pin),
        } : {
          subject: `Complaint ${code} received`,
          lines: [
            `Your complaint has been received with tracking code ${code}.`,
            `The ${tier} will verify it by ${due}. You will be told of every step.`,
            pin ? `${pin} (keep it secret: you need it to answer a request for information, add evidence, appeal and rate).` : '',
            'Keep the code: quote it at any channel to ask about your complaint.',
          ],
          sms: [`Complaint ${code} received. To be verified by ${due}.`, pin ? `${pin} (keep it secret).` : '', 'Keep this code.'],
          parameters: [code, due, ...(params.pin ? [params.pin] : [])], withPin: Boolean(params.pin),
        };
      }
      case NotificationKind.INFORMATION_REQUESTED:
        return id ? {
          subject: `Pengaduan ${code}: kami memerlukan keterangan Anda`,
          lines: [
            `Petugas yang menangani pengaduan ${code} memerlukan keterangan tambahan dari Anda:`,
            `"${oneLine(params.message, 2000)}"`,
            'Penanganan menunggu jawaban Anda. Jawab di halaman pelacakan pengaduan dengan nomor pengaduan dan PIN Anda, atau melalui kanal tempat Anda mengadu. Tanpa jawaban dalam 30 hari, pengaduan diarsipkan.',
          ],
          sms: [`Aduan ${code}: petugas meminta keterangan tambahan dari Anda. Jawab dalam 30 hari agar tidak diarsipkan.`],
          parameters: [code, oneLine(params.message)],
        } : {
          subject: `Complaint ${code}: we need information from you`,
          lines: [
            `The office handling complaint ${code} needs more information from you:`,
            `"${oneLine(params.message, 2000)}"`,
            'Handling waits for your answer. Answer on the complaint tracking page with your tracking code and PIN, or through the channel you complained through. Without an answer within 30 days the complaint is archived.',
          ],
          sms: [`Complaint ${code}: the office needs more information from you. Answer within 30 days or it is archived.`],
          parameters: [code, oneLine(params.message)],
        };
      case NotificationKind.PUBLIC_RESPONSE:
        return id ? {
          subject: `Pengaduan ${code}: tanggapan petugas`,
          lines: [`Ada tanggapan baru atas pengaduan ${code}:`, `"${oneLine(params.message, 4000)}"`],
          sms: [`Aduan ${code}: ada tanggapan baru dari petugas.`],
          parameters: [code, oneLine(params.message)],
        } : {
          subject: `Complaint ${code}: a response from the office`,
          lines: [`There is a new response to complaint ${code}:`, `"${oneLine(params.message, 4000)}"`],
          sms: [`Complaint ${code}: there is a new response from the office.`],
          parameters: [code, oneLine(params.message)],
        };
      case NotificationKind.ESCALATED:
        return id ? {
          subject: `Pengaduan ${code} diteruskan ke ${tier}`,
          lines: [`Pengaduan ${code} kini ditangani oleh ${tier}.`],
          sms: [`Aduan ${code} kini ditangani oleh ${tier}.`],
          parameters: [code, tier],
        } : {
          subject: `Complaint ${code} moved up to the ${tier}`,
          lines: [`Complaint ${code} is now handled by the ${tier}.`],
          sms: [`Complaint ${code} is now handled by the ${tier}.`],
          parameters: [code, tier],
        };
      case NotificationKind.RESOLVED: {
        if (params.merged) {
          return id ? {
            subject: `Pengaduan ${code} selesai ditindaklanjuti`,
            lines: [`Pengaduan ${code} digabung dengan pengaduan lain tentang hal yang sama, yang kini selesai: ${decision ?? '-'}.`],
            sms: [`Aduan ${code} (digabung) selesai: ${decisionShort ?? '-'}.`],
            parameters: [code, decision ?? '-'], variant: 'merged',
          } : {
            subject: `Complaint ${code} resolved`,
            lines: [`Complaint ${code} was merged with another about the same matter, which is now resolved: ${decision ?? '-'}.`],
            sms: [`Complaint ${code} (merged) resolved: ${decisionShort ?? '-'}.`],
            parameters: [code, decision ?? '-'], variant: 'merged',
          };
        }
        const appealBy = params.resolvedAt ? date(new Date(new Date(params.resolvedAt).getTime() + input.appealWindowDays * 86_400_000).toISOString()) : '-';
        return id ? {
          subject: `Pengaduan ${code} selesai ditindaklanjuti`,
          lines: [
            `Pengaduan ${code} selesai ditindaklanjuti: ${decision ?? '-'}.`,
            params.message ? `"${oneLine(params.message, 4000)}"` : '',
            `Beri penilaian (1-5) atas penyelesaiannya di halaman pelacakan pengaduan dengan nomor pengaduan dan PIN Anda. Jika tidak setuju, Anda dapat mengajukan banding di sana dalam ${input.appealWindowDays} hari, paling lambat ${appealBy}.`,
          ],
          sms: [`Aduan ${code} selesai: ${decisionShort ?? '-'}. Beri nilai 1-5. Tidak setuju? Ajukan banding dalam ${input.appealWindowDays} hari.`],
          parameters: [code, decision ?? '-', oneLine(params.message), String(input.appealWindowDays), appealBy],
        } : {
          subject: `Complaint ${code} resolved`,
          lines: [
            `Complaint ${code} is resolved: ${decision ?? '-'}.`,
            params.message ? `"${oneLine(params.message, 4000)}"` : '',
            `Rate the resolution (1-5) on the complaint tracking page with your tracking code and PIN. If you disagree, you may appeal there within ${input.appealWindowDays} days, by ${appealBy}.`,
          ],
          sms: [`Complaint ${code} resolved: ${decisionShort ?? '-'}. Rate it 1-5. Disagree? Appeal within ${input.appealWindowDays} days.`],
          parameters: [code, decision ?? '-', oneLine(params.message), String(input.appealWindowDays), appealBy],
        };
      }
      case NotificationKind.CLOSED:
        return id ? {
          subject: `Pengaduan ${code} ditutup`,
          lines: [`Pengaduan ${code} telah ditutup${decision ? `: ${decision}` : ''}. Terima kasih telah menyampaikannya.`],
          sms: [`Aduan ${code} ditutup${decisionShort ? ` (${decisionShort})` : ''}. Terima kasih.`],
          parameters: [code, decision ?? '-'],
        } : {
          subject: `Complaint ${code} closed`,
          lines: [`Complaint ${code} is closed${decision ? `: ${decision}` : ''}. Thank you for raising it.`],
          sms: [`Complaint ${code} closed${decisionShort ? ` (${decisionShort})` : ''}. Thank you.`],
          parameters: [code, decision ?? '-'],
        };
      case NotificationKind.REJECTED: {
        const reasonId = params.merged ? 'pengaduan lain tentang hal yang sama, yang digabung dengan pengaduan ini, tidak dapat ditindaklanjuti'
          : params.archived ? 'keterangan yang diminta tidak diterima dalam 30 hari' : 'lihat keterangan petugas';
        const reasonEn = params.merged ? 'the complaint about the same matter it was merged with could not be taken up'
          : params.archived ? 'the information asked for did not arrive within 30 days' : 'see the office\'s message';
        const message = !params.merged && params.message ? oneLine(params.message, 4000) : null;
        return id ? {
          subject: `Pengaduan ${code} tidak dapat ditindaklanjuti`,
          lines: [`Pengaduan ${code} tidak dapat ditindaklanjuti: ${reasonId}.`, message ? `"${message}"` : ''],
          sms: [`Aduan ${code} tidak dapat ditindaklanjuti${params.archived ? ': keterangan tidak diterima dalam 30 hari' : ''}.`],
          parameters: [code, message ? oneLine(message) : reasonId],
        } : {
          subject: `Complaint ${code} not taken up`,
          lines: [`Complaint ${code} could not be taken up: ${reasonEn}.`, message ? `"${message}"` : ''],
          sms: [`Complaint ${code} not taken up${params.archived ? ': no information within 30 days' : ''}.`],
          parameters: [code, message ? oneLine(message) : reasonEn],
        };
      }
      case NotificationKind.MERGED:
        return id ? {
          subject: `Pengaduan ${code} digabung`,
          lines: [
            `Pengaduan ${code} sama dengan pengaduan lain yang sedang ditangani, sehingga keduanya ditangani bersama.`,
            'Anda akan diberi tahu hasilnya dengan nomor pengaduan Anda sendiri.',
          ],
          sms: [`Aduan ${code} digabung dengan aduan lain yang sama dan ditangani bersama. Hasilnya akan kami beri tahu.`],
          parameters: [code],
        } : {
          subject: `Complaint ${code} merged`,
          lines: [
            `Complaint ${code} is about the same matter as another complaint being handled, so they are handled together.`,
            'You will be told the outcome under your own tracking code.',
          ],
          sms: [`Complaint ${code} was merged with another on the same matter and is handled with it. We will tell you the outcome.`],
          parameters: [code],
        };
      case NotificationKind.REPLY_RECEIVED:
        return id ? {
          subject: `Pengaduan ${code}: balasan Anda diterima`,
          lines: [`Balasan Anda atas pengaduan ${code} telah diterima dan diteruskan kepada petugas yang menanganinya.`],
          sms: [`Aduan ${code}: balasan Anda telah diterima petugas.`],
          parameters: [code],
        } : {
          subject: `Complaint ${code}: your reply was received`,
          lines: [`Your reply on complaint ${code} was received and passed to the office handling it.`],
          sms: [`Complaint ${code}: your reply reached the office.`],
          parameters: [code],
        };
    }
  })();

  const follow = link ? (id ? `Pantau pengaduan Anda: ${link}` : `Follow your complaint: ${link}`) : null;
  const footer = id
    ? 'Pesan ini dikirim otomatis oleh Aduan karena Anda setuju diberi tahu perkembangan pengaduan Anda.'
    : 'Aduan sent this message because you agreed to be told how your complaint progresses.';
  const greeting = id ? 'Yth. Pelapor,' : 'Dear complainant,';
  const text = [greeting, '', ...words.lines.filter(Boolean), ...(follow ? ['', follow] : []), '', footer].join('\n');
  const smsCore = words.sms.filter(Boolean).join(' ');
  // The link when it fits; the code is in every SMS either way.
  const withLink = link ? `${smsCore} ${link}` : smsCore;
  const sms = withLink.length <= SMS_MAX_LENGTH ? withLink : smsCore;
  return {
    subject: words.subject,
    text,
    sms,
    template: { name: words.variant ? `${templateName(input.kind)}_${words.variant}` : templateName(input.kind, words.withPin), language: locale, parameters: words.parameters },
  };
}

/** GSM 03.38's basic character set: an SMS of these characters fits 160 in one message. */
const GSM7_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7 = new Set(GSM7_BASIC);

export function isGsm7(text: string): boolean {
  return [...text].every((c) => GSM7.has(c));
}

/**
 * The WhatsApp templates to register with Meta (WhatsApp Manager → Message templates, category Utility), one per
 * name and language, as docs/whatsapp-templates.md lists them for the operator: the body's {{n}} are the parameters
 * renderNotification sends, in order (test/notifications/whatsapp-templates.spec.ts checks that they match, and
 * that no body starts or ends with a parameter, which Meta refuses).
 */
export const WHATSAPP_TEMPLATES: Record<string, Record<Locale, string>> = {
  aduan_acknowledged: {
    id: 'Pengaduan Anda telah kami terima dengan nomor {{1}} dan akan diverifikasi paling lambat {{2}}. Anda akan diberi tahu setiap perkembangannya; simpan nomor ini untuk menanyakan pengaduan Anda.',
    en: 'Your complaint has been received with tracking code {{1}} and will be verified by {{2}}. You will be told of every step; keep the code to ask about your complaint.',
  },
  aduan_acknowledged_pin: {
    id: 'Pengaduan Anda telah kami terima dengan nomor {{1}} dan akan diverifikasi paling lambat {{2}}. PIN Anda: {{3}} (rahasiakan; diperlukan untuk menjawab permintaan keterangan, menambah bukti, mengajukan banding dan memberi penilaian). Anda akan diberi tahu setiap perkembangannya.',
    en: 'Your complaint has been received with tracking code {{1}} and will be verified by {{2}}. Your PIN: {{3}} (keep it secret: you need it to answer a request for information, add evidence, appeal and rate). You will be told of every step.',
  },
  aduan_information_requested: {
    id: 'Petugas yang menangani pengaduan {{1}} memerlukan keterangan tambahan dari Anda: "{{2}}". Balas dengan JAWAB, nomor pengaduan, PIN, lalu keterangan Anda (foto boleh), atau jawab di halaman pelacakan. Tanpa jawaban dalam 30 hari, pengaduan diarsipkan.',
    en: 'The office handling complaint {{1}} needs more information from you: "{{2}}". Reply with JAWAB, the tracking code, your PIN and your answer (photos welcome), or answer on the tracking page. Without an answer within 30 days the complaint is archived.',
  },
  aduan_public_response: {
    id: 'Ada tanggapan baru atas pengaduan {{1}}: "{{2}}".',
    en: 'There is a new response to complaint {{1}}: "{{2}}".',
  },
  aduan_escalated: {
    id: 'Pengaduan {{1}} kini ditangani oleh {{2}}.',
    en: 'Complaint {{1}} is now handled by the {{2}}.',
  },
  aduan_resolved: {
    id: 'Pengaduan {{1}} selesai ditindaklanjuti: {{2}}. Tanggapan petugas: "{{3}}". Beri penilaian 1-5 dengan nomor pengaduan dan PIN Anda. Jika tidak setuju, Anda dapat mengajukan banding dalam {{4}} hari, paling lambat {{5}}.',
    en: 'Complaint {{1}} is resolved: {{2}}. The office says: "{{3}}". Rate it 1-5 with your tracking code and PIN. If you disagree, you may appeal within {{4}} days, by {{5}}.',
  },
  aduan_resolved_merged: {
    id: 'Pengaduan {{1}} digabung dengan pengaduan lain tentang hal yang sama, yang kini selesai: {{2}}.',
    en: 'Complaint {{1}} was merged with another about the same matter, which is now resolved: {{2}}.',
  },
  aduan_closed: {
    id: 'Pengaduan {{1}} telah ditutup: {{2}}. Terima kasih telah menyampaikannya.',
    en: 'Complaint {{1}} is closed: {{2}}. Thank you for raising it.',
  },
  aduan_rejected: {
    id: 'Pengaduan {{1}} tidak dapat ditindaklanjuti: {{2}}.',
    en: 'Complaint {{1}} could not be taken up: {{2}}.',
  },
  aduan_merged: {
    id: 'Pengaduan {{1}} sama dengan pengaduan lain yang sedang ditangani, sehingga keduanya ditangani bersama. Anda akan diberi tahu hasilnya dengan nomor pengaduan Anda sendiri.',
    en: 'Complaint {{1}} is about the same matter as another complaint being handled, so they are handled together. You will be told the outcome under your own tracking code.',
  },
  aduan_reply_received: {
    id: 'Balasan Anda atas pengaduan {{1}} telah diterima dan diteruskan kepada petugas yang menanganinya.',
    en: 'Your reply on complaint {{1}} was received and passed to the office handling it.',
  },
};

/** The number of parameters a template body takes ({{1}} … {{n}}). */
export function templateParameterCount(body: string): number {
  return Math.max(0, ...[...body.matchAll(/\{\{(\d+)\}\}/g)].map((m) => Number(m[1])));
}

/** docs/whatsapp-templates.md: what the operator registers with Meta, generated from WHATSAPP_TEMPLATES. */
export function whatsappTemplatesMarkdown(): string {
  const lines = [
    '# WhatsApp templates to register with Meta',
    '',
    'Generated from `server/src/notifications/notification-words.ts` (`npm run notifications:templates`); a test fails when',
    'this file and the code differ. Register each in WhatsApp Manager → Message templates, category **Utility**, in both',
    'languages (Indonesian `id`, English `en`), with the name and body exactly as below; the numbered parameters are the',
    'values Aduan sends, in order. Until a template is approved its messages fail (Graph API errors 132000–132016) and',
    'the complaint\'s timeline says so (docs/adr/0029-notification-transports.md).',
    '',
  ];
  for (const [name, bodies] of Object.entries(WHATSAPP_TEMPLATES)) {
    lines.push(`## \`${name}\``, '', `Parameters: ${templateParameterCount(bodies.id)}`, '');
    for (const locale of ['id', 'en'] as const) lines.push(`- \`${locale}\`: ${bodies[locale]}`);
    lines.push('');
  }
  return lines.join('\n');
}
