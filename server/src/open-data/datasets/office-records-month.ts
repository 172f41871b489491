import { readOfficeRecords, toOfficeRecord } from '../../office-records/office-records.resolver';
import { MIN_PUBLISHED_COUNT } from '../../statistics/suppression';
import type { OpenDataColumn, OpenDataset, Row } from '../dataset';
import { sortRows } from './published-counts';

/** The API reads at most this many months at once (officeRecords' MonthRange). */
const MONTHS_PER_READ = 120;
/** Records per read (the API's largest page is 100; fewer here so that the demo's records take more than one, and the paging is tested). */
export const OFFICE_RECORDS_PAGE = 40;
const count = (name: string, description: string, unit = 'complaints'): OpenDataColumn => ({ name, type: 'integer', unit, description });
const days = (name: string, description: string): OpenDataColumn => ({ name, type: 'number', unit: 'working days', nullable: true, description });
const stars = (n: number): OpenDataColumn => ({
  name: `ratings_${n}_star`, type: 'integer', unit: 'ratings', nullable: true,
  description: `Ratings of ${n} star${n > 1 ? 's' : ''} given this month; empty when fewer than ${MIN_PUBLISHED_COUNT} ratings were given.`,
});

/**
 * Each office's and bank's record per month, as the API's public officeRecords
 * answers it (its own functions, paged through): offices are public bodies,
 * named, and their counts are not personal data (docs/adr/0036-office-records.md);
 * ratings are withheld below 5, as there.
 */
export const officeRecordsMonth: OpenDataset = {
  name: 'office-records-month',
  title: 'Each office’s record per month',
  description: 'For every handling office (village, district/city, province, ministry) and every bank answering referrals, per month: complaints received, '
    + 'first responses, decisions and those within the SLA, breaches, escalations away, median working days, the complainants’ ratings and referrals answered. '
    + 'Only months in which something happened at the office have a row.',
  apiEquivalent: 'officeRecords(filter: { months: { from, to } }) { edges { node { … } } }, every page',
  columns: [
    { name: 'month', type: 'string', description: 'The month the events were counted in, YYYY-MM (WIB, UTC+7). The latest month is still running.' },
    { name: 'office_id', type: 'string', description: 'The office’s ID in the API (PublicOffice.id), stable across months.' },
    { name: 'office_name', type: 'string', description: 'The office’s official name, e.g. Dinas Sosial Kota Bandung.' },
    { name: 'office_kind', type: 'string', description: 'VILLAGE_OFFICE, DISTRICT_OFFICE, PROVINCE_OFFICE, MINISTRY or BANK.' },
    { name: 'office_tier', type: 'string', nullable: true, description: 'The tier it handles complaints at (VILLAGE, DISTRICT, PROVINCE, NATIONAL); empty for banks.' },
    { name: 'jurisdiction_code', type: 'string', nullable: true, description: 'The Kemendagri code of the region it has jurisdiction over; empty for the ministry (all of Indonesia) and banks.' },
    { name: 'bank_code', type: 'string', nullable: true, description: 'For banks, the short code (BRI, BNI …); empty otherwise.' },
    count('received', 'Complaints that arrived at the office this month: at intake, escalated in, reassigned or rerouted to it.'),
    count('first_responses', 'Complaints the office first responded to this month (verified, answered, asked for information, or decided).'),
    days('median_working_days_to_first_response', 'The median working days from arrival to those first responses; empty without any.'),
    count('answered', 'Complaints the office decided this month (resolved, rejected, or marked a duplicate).'),
    count('answered_within_sla', 'Of those, decided with no breach of the office’s due time recorded while it held them.'),
    days('median_working_days_to_resolution', 'The median working days from arrival to the decision, of those answered; empty without any.'),
    count('breached', 'Complaints whose due time at this office passed this month without a decision.'),
    count('escalated_away', 'Complaints that left the office upward this month (escalated by a handler, or automatically after a breach).'),
    count('ratings', 'Ratings (1–5 stars) the complainants gave this month of the office’s decisions.', 'ratings'),
    {
      name: 'rating_average', type: 'number', unit: 'stars (1–5)', nullable: true,
      description: `The mean number of stars (2 decimals); empty when fewer than ${MIN_PUBLISHED_COUNT} ratings were given.`,
    },
    ...[1, 2, 3, 4, 5].map(stars),
    count('referrals_received', 'Referrals made to it this month (banks: complaints about their transfers; offices: requests for a field check).', 'referrals'),
    count('referrals_answered', 'Referrals it answered this month.', 'referrals'),
    count('referrals_answered_by_deadline', 'Of those, answered by the referral’s deadline (referrals without a deadline are not counted).', 'referrals'),
    days('median_working_days_to_answer_referral', 'The median working days from referral to answer, of those answered; empty without any.'),
  ],
  primaryKey: ['month', 'office_id'],
  async rows(source) {
    const rows: Row[] = [];
    for (let i = 0; i < source.months.length; i += MONTHS_PER_READ) {
      const months = { from: source.months[i], to: source.months[Math.min(i + MONTHS_PER_READ, source.months.length) - 1] };
      let cursor: [string, string, string] | null = null;
      for (;;) {
        // The API's reader without its 60-second cache: the build reads the counters as they are now.
        const page = await readOfficeRecords(source.ctx, { first: OFFICE_RECORDS_PAGE, ...months, region: null, officeId: null, kinds: null, cursor });
        for (const record of page.rows.map(toOfficeRecord)) {
          const { office, ratings } = record;
          rows.push({
            month: record.month, office_id: office.id, office_name: office.name, office_kind: office.kind, office_tier: office.tier,
            jurisdiction_code: office.jurisdictionCode, bank_code: office.bankCode,
            received: record.received, first_responses: record.firstResponses, median_working_days_to_first_response: record.medianWorkingDaysToFirstResponse,
            answered: record.answered, answered_within_sla: record.answeredWithinSla, median_working_days_to_resolution: record.medianWorkingDaysToResolution,
            breached: record.breached, escalated_away: record.escalatedAway,
            ratings: ratings.count, rating_average: ratings.average,
            ...Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`ratings_${n}_star`, ratings.distribution?.[n - 1] ?? null])),
            referrals_received: record.referralsReceived, referrals_answered: record.referralsAnswered,
            referrals_answered_by_deadline: record.referralsAnsweredByDeadline, median_working_days_to_answer_referral: record.medianWorkingDaysToAnswerReferral,
          });
        }
        if (!page.hasNextPage || !page.rows.length) break;
        const last = page.rows[page.rows.length - 1];
        cursor = [last.name, last.officeId, last.month];
      }
    }
    return sortRows(rows, ['month', 'office_id']);
  },
};
