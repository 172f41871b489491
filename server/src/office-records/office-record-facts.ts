import { Tier } from '../common/enums';
import { toLocalDate, workingDaysBetween, type Zone } from '../escalation/working-days';

/**
 * What one complaint contributes to the offices' records (docs/adr/0036-office-records.md): a pure function of its
 * timeline and its referrals, the same at every change (office-record-refresh.ts) and in a rebuild from the raw
 * tables. The rules, which the GraphQL field descriptions repeat:
 *
 * - An office *holds* a complaint from when it arrives there (intake: SUBMITTED's routedTo; an escalation in; a
 *   reassignment or a correction that reroutes it) until it leaves. RECEIVED counts at the arrival.
 * - ESCALATED_AWAY: it left upward (ESCALATED), by a handler or by the SLA sweep. A reassignment or a reroute to
 *   another office is a move, not an escalation: the new office receives it, the old one is not charged.
 * - BREACHED: the SLA sweep recorded a breach of the holding's stage (ESCALATED with data.breach, or SLA_BREACHED,
 *   which names the tier that missed), once per holding.
 * - FIRST_RESPONSE: the first public step of the office while it held it (verified, a public response, a request
 *   for information, or a decision), valued in working days since it arrived.
 * - RESOLVED: the office decided it (resolved, rejected, or marked a duplicate), once per holding, valued in working
 *   days since it arrived — not when the SLA sweep archived it for want of the complainant's reply (REJECTED,
 *   NO_RESPONSE: nobody answered); RESOLVED_ON_TIME as well when no breach was recorded for the holding before the decision.
 * - RATING: the complainant's rating (1–5 stars), for the office whose decision was rated.
 * - Referrals, for the organisation referred to (a bank, or an office asked for a field check): REFERRAL_RECEIVED
 *   when made; REFERRAL_ANSWERED when answered, valued in working days; REFERRAL_ON_TIME when answered by its
 *   deadline (referrals made at intake carry none and never count as on time).
 *
 * Months are the month, in WIB (UTC+7, one national calendar for comparing offices), of the event that gave the fact.
 * Working days are counted in the village's zone on the days-off calendar every SLA uses (escalation/working-days.ts):
 * the working days that began after the local day of arrival, up to the day of the step (0: the same day).
 */
export enum Measure {
  RECEIVED = 'RECEIVED',
  FIRST_RESPONSE = 'FIRST_RESPONSE',
  RESOLVED = 'RESOLVED',
  RESOLVED_ON_TIME = 'RESOLVED_ON_TIME',
  BREACHED = 'BREACHED',
  ESCALATED_AWAY = 'ESCALATED_AWAY',
  RATING = 'RATING',
  REFERRAL_RECEIVED = 'REFERRAL_RECEIVED',
  REFERRAL_ANSWERED = 'REFERRAL_ANSWERED',
  REFERRAL_ON_TIME = 'REFERRAL_ON_TIME',
}

/** The measures whose values form a histogram (medians, the rating distribution). */
export const HISTOGRAM_MEASURES: ReadonlySet<Measure> = new Set([Measure.FIRST_RESPONSE, Measure.RESOLVED, Measure.REFERRAL_ANSWERED, Measure.RATING]);

export interface Fact { officeId: string; month: string; measure: Measure; value: number }

export interface TimelineEvent {
  type: string;
  at: Date;
  toTier: Tier | null;
  data: Record<string, unknown>;
}

export interface ReferralFacts { toOrganisationId: string; createdAt: Date; answeredAt: Date | null; dueAt: Date | null }

export interface ComplaintFacts {
  zone: Zone;
  resolutionRating: number | null;
  /** The events, in timeline order. */
  events: readonly TimelineEvent[];
  referrals: readonly ReferralFacts[];
  /** The office of a tier for the complaint's village, for old events that do not name the office they moved it to. */
  officeAt: (tier: Tier) => string | null;
}

/** The event types the derivation reads; a change appending none of them leaves the records as they are. */
export const RECORD_EVENT_TYPES: readonly string[] = [
  'SUBMITTED', 'ESCALATED', 'ASSIGNED', 'CORRECTED', 'SLA_BREACHED', 'VERIFIED', 'PUBLIC_RESPONSE', 'INFORMATION_REQUESTED',
  'RESOLVED', 'REJECTED', 'MARKED_DUPLICATE', 'RATED', 'REFERRED', 'REFERRAL_ANSWERED', 'DISBURSEMENT_ISSUE_RESOLVED',
];

const RESPONSES = new Set(['VERIFIED', 'PUBLIC_RESPONSE', 'INFORMATION_REQUESTED']);
const DECISIONS = new Set(['RESOLVED', 'REJECTED', 'MARKED_DUPLICATE']);

/** The month, in WIB, of an instant: 'YYYY-MM'. */
export function monthOf(at: Date): string {
  return toLocalDate(at, 'WIB').slice(0, 7);
}

interface Holding { officeId: string | null; tier: Tier | null; at: Date; responded: boolean; decided: boolean; breached: boolean }

export function complaintFacts(complaint: ComplaintFacts): Fact[] {
  const facts: Fact[] = [];
  const days = (from: Date, to: Date) => Math.min(32767, Math.max(0, workingDaysBetween(from, to, complaint.zone)));
  const add = (officeId: string | null, at: Date, measure: Measure, value = 0) => {
    if (officeId) facts.push({ officeId, month: monthOf(at), measure, value });
  };
  const holdings: Holding[] = [];
  let current: Holding | null = null;
  let decidedBy: Holding | null = null;
  const open = (officeId: string | null, tier: Tier | null, at: Date) => {
    current = { officeId, tier, at, responded: false, decided: false, breached: false };
    holdings.push(current);
    add(officeId, at, Measure.RECEIVED);
  };
  const breach = (holding: Holding | null, at: Date) => {
    if (!holding || holding.breached) return;
    holding.breached = true;
    add(holding.officeId, at, Measure.BREACHED);
  };
  const respond = (holding: Holding, at: Date) => {
    if (holding.responded) return;
    holding.responded = true;
    add(holding.officeId, at, Measure.FIRST_RESPONSE, days(holding.at, at));
  };
  const named = (value: unknown) => (typeof value === 'string' ? value : null);

  for (const event of complaint.events) {
    const held = current as Holding | null;
    switch (event.type) {
      case 'SUBMITTED':
        if (!held) open(named(event.data.routedTo) ?? (event.toTier && complaint.officeAt(event.toTier)), event.toTier, event.at);
        break;
      case 'ESCALATED':
        if (held) {
          if (event.data.breach) breach(held, event.at);
          add(held.officeId, event.at, Measure.ESCALATED_AWAY);
        }
        open(named(event.data.toOrganisationId) ?? (event.toTier && complaint.officeAt(event.toTier)), event.toTier, event.at);
        break;
      case 'ASSIGNED': {
        const to = named(event.data.organisationId);
        if (to && to !== held?.officeId) open(to, event.toTier ?? held?.tier ?? null, event.at);
        break;
      }
      case 'CORRECTED':
        if (event.data.rerouted) {
          const to = named(event.data.toOrganisationId) ?? (event.toTier && complaint.officeAt(event.toTier));
          if (to !== held?.officeId) open(to, event.toTier, event.at);
        }
        break;
      case 'SLA_BREACHED': {
        const tier = named((event.data as { tier?: unknown }).tier) as Tier | null;
        const missed = tier ? [...holdings].reverse().find((h) => h.tier === tier) ?? held : held;
        breach(missed, event.at);
        break;
      }
      case 'RATED': {
        const rating = typeof event.data.rating === 'number' ? event.data.rating : complaint.resolutionRating;
        if (decidedBy && rating) add(decidedBy.officeId, event.at, Measure.RATING, rating);
        break;
      }
      default:
        // Archived by the SLA sweep for want of the complainant's reply: nobody answered, nothing to count.
        if (!held || (event.type === 'REJECTED' && event.data.reason === 'NO_RESPONSE')) break;
        if (RESPONSES.has(event.type)) respond(held, event.at);
        if (DECISIONS.has(event.type)) {
          respond(held, event.at);
          decidedBy = held;
          if (!held.decided) {
            held.decided = true;
            add(held.officeId, event.at, Measure.RESOLVED, days(held.at, event.at));
            if (!held.breached) add(held.officeId, event.at, Measure.RESOLVED_ON_TIME);
          }
        }
    }
  }

  for (const referral of complaint.referrals) {
    add(referral.toOrganisationId, referral.createdAt, Measure.REFERRAL_RECEIVED);
    if (!referral.answeredAt) continue;
    add(referral.toOrganisationId, referral.answeredAt, Measure.REFERRAL_ANSWERED, days(referral.createdAt, referral.answeredAt));
    if (referral.dueAt && referral.answeredAt <= referral.dueAt) add(referral.toOrganisationId, referral.answeredAt, Measure.REFERRAL_ON_TIME);
  }
  return facts;
}
