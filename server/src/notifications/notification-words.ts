import { ResolutionDecision, Tier, TimeZone } from '../common/enums';
import { localDateTimeWords } from '../complaints/complaint.labels';
import type { Locale } from '../graphql/context';
import { say, words, Words } from '../words';
import { catalogue } from '../words/catalogue';
import type { WhatsappTemplateName } from './notifications.words';
import { NotificationKind } from './transport';

/**
 * What a complainant reads in each notification, in Bahasa Indonesia and
 * English (the complaint's locale), put together from the catalogue of words
 * (notifications.words.ts holds the texts): the e-mail's subject and body, an SMS of
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

/** A kind's texts: the e-mail's subject and body lines, the SMS, the WhatsApp template's parameters (and its variant). */
interface Texts { subject: Words; email: Words; sms: Words; parameters: string[]; withPin?: boolean; variant?: 'merged' }

/**
 * A notification's texts in the complaint's language, from the catalogue of
 * words (notifications.words.ts): each kind's subject, e-mail and SMS with
 * their parameters, the greeting, the tracker link and the footer around them.
 */
export function renderNotification(input: RenderInput): RenderedTexts {
  const { locale, trackingCode: code, params } = input;
  const date = (iso: string | undefined): Words => (iso ? localDateTimeWords(new Date(iso), input.zone) : { id: '-', en: '-' });
  const office = params.tier ? words('tier.name', { tier: params.tier }) : words('notification.theOffice');
  const decision = params.decision ?? null;
  const decisionText = decision ? say(locale, 'notification.decision', { decision }) : '-';
  const link = trackerLink(input.trackerUrl, code);
  const texts = ((): Texts => {
    switch (input.kind) {
      case NotificationKind.ACKNOWLEDGED: {
        const due = date(params.verifyBy);
        const pin = params.pin ?? null;
        return {
          subject: words('notification.acknowledged.subject', { code }),
          email: words('notification.acknowledged.email', { code, office, due, pin }),
          sms: words('notification.acknowledged.sms', { code, due, pin }),
          parameters: [code, due[locale], ...(params.pin ? [params.pin] : [])], withPin: Boolean(params.pin),
        };
      }
      case NotificationKind.INFORMATION_REQUESTED:
        return {
          subject: words('notification.informationRequested.subject', { code }),
          email: words('notification.informationRequested.email', { code, message: oneLine(params.message, 2000) }),
          sms: words('notification.informationRequested.sms', { code }),
          parameters: [code, oneLine(params.message)],
        };
      case NotificationKind.PUBLIC_RESPONSE:
        return {
          subject: words('notification.publicResponse.subject', { code }),
          email: words('notification.publicResponse.email', { code, message: oneLine(params.message, 4000) }),
          sms: words('notification.publicResponse.sms', { code }),
          parameters: [code, oneLine(params.message)],
        };
      case NotificationKind.ESCALATED:
        return {
          subject: words('notification.escalated.subject', { code, office }),
          email: words('notification.escalated.email', { code, office }),
          sms: words('notification.escalated.sms', { code, office }),
          parameters: [code, office[locale]],
        };
      case NotificationKind.RESOLVED: {
        if (params.merged) {
          return {
            subject: words('notification.resolved.subject', { code }),
            email: words('notification.resolvedMerged.email', { code, decision }),
            sms: words('notification.resolvedMerged.sms', { code, decision }),
            parameters: [code, decisionText], variant: 'merged',
          };
        }
        const appealBy = params.resolvedAt ? date(new Date(new Date(params.resolvedAt).getTime() + input.appealWindowDays * 86_400_000).toISOString()) : date(undefined);
        return {
          subject: words('notification.resolved.subject', { code }),
          email: words('notification.resolved.email', {
            code, decision, message: params.message ? oneLine(params.message, 4000) : null, appealDays: input.appealWindowDays, appealBy,
          }),
          sms: words('notification.resolved.sms', { code, decision, appealDays: input.appealWindowDays }),
          parameters: [code, decisionText, oneLine(params.message), String(input.appealWindowDays), appealBy[locale]],
        };
      }
      case NotificationKind.CLOSED:
        return {
          subject: words('notification.closed.subject', { code }),
          email: words('notification.closed.email', { code, decision }),
          sms: words('notification.closed.sms', { code, decision }),
          parameters: [code, decisionText],
        };
      case NotificationKind.REJECTED: {
        const reason = params.merged ? 'merged' : params.archived ? 'archived' : 'message';
        const message = !params.merged && params.message ? oneLine(params.message, 4000) : null;
        return {
          subject: words('notification.rejected.subject', { code }),
          email: words('notification.rejected.email', { code, reason, message }),
          sms: words('notification.rejected.sms', { code, archived: Boolean(params.archived) }),
          parameters: [code, message ? oneLine(message) : say(locale, 'notification.rejectedReason', { reason })],
        };
      }
      case NotificationKind.MERGED:
        return {
          subject: words('notification.merged.subject', { code }),
          email: words('notification.merged.email', { code }),
          sms: words('notification.merged.sms', { code }),
          parameters: [code],
        };
      case NotificationKind.REPLY_RECEIVED:
        return {
          subject: words('notification.replyReceived.subject', { code }),
          email: words('notification.replyReceived.email', { code }),
          sms: words('notification.replyReceived.sms', { code }),
          parameters: [code],
        };
    }
  })();

  const follow = link ? say(locale, 'notification.follow', { link }) : null;
  const text = [say(locale, 'notification.greeting'), '', texts.email[locale], ...(follow ? ['', follow] : []), '', say(locale, 'notification.footer')].join('\n');
  const smsCore = texts.sms[locale];
  // The link when it fits; the code is in every SMS either way.
  const withLink = link ? `${smsCore} ${link}` : smsCore;
  const sms = withLink.length <= SMS_MAX_LENGTH ? withLink : smsCore;
  return {
    subject: texts.subject[locale],
    text,
    sms,
    template: { name: texts.variant ? `${templateName(input.kind)}_${texts.variant}` : templateName(input.kind, texts.withPin), language: locale, parameters: texts.parameters },
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
export const WHATSAPP_TEMPLATES: Record<WhatsappTemplateName, Words> = Object.fromEntries(
  (Object.keys(catalogue['notification.whatsappTemplate'].cases) as WhatsappTemplateName[]).map((template) => [template, words('notification.whatsappTemplate', { template })]),
) as unknown as Record<WhatsappTemplateName, Words>;

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
