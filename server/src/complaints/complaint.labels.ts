import { ComplaintStatus, ResolutionDecision, Tier } from '../common/enums';
import type { Locale } from '../graphql/context';
import { say, words } from '../words';

/**
 * What people read about a complaint, from the catalogue of words
 * (complaints.words.ts, docs/adr/0028-words.md): Bahasa Indonesia by default,
 * English on request (Accept-Language).
 */
export const STATUS_LABELS: Record<ComplaintStatus, Record<Locale, string>> = Object.fromEntries(
  Object.values(ComplaintStatus).map((status) => [status, words('complaint.status', { status })]),
) as unknown as Record<ComplaintStatus, Record<Locale, string>>;

/** The tiers as people name them: the catalogue of words' `tier.name`. */
export const TIER_LABELS: Record<Tier, Record<Locale, string>> = Object.fromEntries(
  Object.values(Tier).map((tier) => [tier, words('tier.name', { tier })]),
) as unknown as Record<Tier, Record<Locale, string>>;

/** A resolution's decision in words, as the complainant reads it. */
export const DECISION_LABELS: Record<ResolutionDecision, Record<Locale, string>> = Object.fromEntries(
  Object.values(ResolutionDecision).map((decision) => [decision, words('complaint.decision', { decision })]),
) as unknown as Record<ResolutionDecision, Record<Locale, string>>;

const ZONE_OFFSET_HOURS: Record<string, number> = { WIB: 7, WITA: 8, WIT: 9 };

/** A moment in a zone, in both languages: "12 Desember 2026 pukul 23.59 WIB" / "12 December 2026, 23:59 WIB". */
export function localDateTimeWords(at: Date, zone: string) {
  const local = new Date(at.getTime() + (ZONE_OFFSET_HOURS[zone] ?? 7) * 3_600_000);
  return words('date.localDateTime', {
    day: local.getUTCDate(), month: local.getUTCMonth(), year: local.getUTCFullYear(),
    hh: String(local.getUTCHours()).padStart(2, '0'), mm: String(local.getUTCMinutes()).padStart(2, '0'), zone,
  });
}

/** "12 Desember 2026 pukul 23.59 WIB" / "12 December 2026, 23:59 WIB". */
export function formatLocalDateTime(at: Date, zone: string, locale: Locale): string {
  return localDateTimeWords(at, zone)[locale];
}

/** The acknowledgement a complainant gets at once: the code, who handles it, what happens next, by when. */
export function acknowledgementText(args: {
  locale: Locale; trackingCode: string; replyPin?: string | null; handlerName: string; verifyBy: Date; zone: string; referredToBank?: string | null;
}): string {
  return say(args.locale, 'complaint.acknowledgement', {
    trackingCode: args.trackingCode, replyPin: args.replyPin ?? null, handlerName: args.handlerName,
    due: localDateTimeWords(args.verifyBy, args.zone), referredToBank: args.referredToBank ?? null,
  });
}
