import type { Entry } from './define';
import { commonWords } from '../common/common.words';
import { httpWords } from '../http/http.words';
import { graphqlWords } from '../graphql/graphql.words';
import { webhooksWords } from '../webhooks/webhooks.words';
import { disbursementsWords } from '../disbursements/disbursements.words';
import { statisticsWords } from '../statistics/statistics.words';
import { officeRecordsWords } from '../office-records/office-records.words';
import { regionsWords } from '../regions/regions.words';
import { caseHandlingWords } from '../case-handling/case-handling.words';
import { organisationsWords } from '../organisations/organisations.words';
import { idempotencyWords } from '../idempotency/idempotency.words';
import { recipientsWords } from '../recipients/recipients.words';
import { complaintsWords } from '../complaints/complaints.words';
import { referralsWords } from '../referrals/referrals.words';
import { escalationWords } from '../escalation/escalation.words';
import { evidenceWords } from '../evidence/evidence.words';
import { deliberationsWords } from '../deliberations/deliberations.words';
import { notificationsWords } from '../notifications/notifications.words';
import { metricsWords } from '../metrics/metrics.words';

/**
 * The whole catalogue: each feature's part, collected here (a new part is one
 * import and one line). A code defined by two parts stops the server at start
 * (and catalogue.spec.ts) rather than one silently replacing the other.
 */
export const catalogue = collect(
  commonWords,
  httpWords,
  graphqlWords,
  webhooksWords,
  disbursementsWords,
  statisticsWords,
  officeRecordsWords,
  regionsWords,
  caseHandlingWords,
  organisationsWords,
  idempotencyWords,
  recipientsWords,
  complaintsWords,
  referralsWords,
  escalationWords,
  evidenceWords,
  deliberationsWords,
  notificationsWords,
  metricsWords,
);

export type Catalogue = typeof catalogue;

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

export function collect<const P extends Record<string, Entry>[]>(...parts: P): Intersection<P[number]> {
  const all: Record<string, Entry> = {};
  for (const part of parts) {
    for (const [code, entry] of Object.entries(part)) {
      if (Object.prototype.hasOwnProperty.call(all, code)) throw new Error(`the words code ${code} is defined twice`);
      all[code] = entry;
    }
  }
  return all as Intersection<P[number]>;
}

/** Every code with its entry, for the catalogue's own test. */
export function allEntries(): [string, Entry][] {
  return Object.entries(catalogue as Record<string, Entry>);
}
