import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { OrganisationKind, Tier } from '../common/enums';
import { ConnectionArgs, connectionTypes } from '../graphql/connection';
import { MIN_PUBLISHED_COUNT } from '../statistics/suppression';

/** The GraphQL types of the offices' public records (docs/adr/0036-office-records.md). */

@ObjectType({ description: 'A public body or bank whose record is published: named, as public bodies are. No contact data, no clients, no secrets.' })
export class PublicOffice {
  @Field(() => ID, { description: 'The organisation\'s ID (the same as Organisation.id, which only authenticated clients can read); pass it as officeRecords(filter: { officeId }).' })
  id: string;

  @Field({ description: 'The official name, e.g. "Dinas Sosial Kota Bandung" or "Bank Rakyat Indonesia".' })
  name: string;

  @Field(() => OrganisationKind, { description: 'VILLAGE_OFFICE, DISTRICT_OFFICE, PROVINCE_OFFICE, MINISTRY, or BANK (and, for referrals answered, any kind referred to).' })
  kind: OrganisationKind;

  @Field(() => Tier, { nullable: true, description: 'The tier it handles complaints at; null for banks.' })
  tier: Tier | null;

  @Field(() => String, { nullable: true, description: 'The code of the region it has jurisdiction over (its `jurisdiction`); null for the ministry (all of Indonesia) and banks.' })
  jurisdictionCode: string | null;

  @Field(() => String, { nullable: true, description: 'For banks, the short code used in disbursement data (BRI, BNI …).' })
  bankCode: string | null;
}

@ObjectType({
  description: `The complainants' ratings (1–5 stars) of the decisions an office made, counted in the month they were given (WIB). `
    + `With fewer than ${MIN_PUBLISHED_COUNT} ratings the average and the distribution are withheld (null): in a village a single rating can be told apart.`,
})
export class OfficeRatings {
  @Field(() => Int, { description: 'How many ratings were given that month of this office\'s decisions.' })
  count: number;

  @Field(() => Float, { nullable: true, description: `The mean number of stars, rounded to 2 decimals; null when count < ${MIN_PUBLISHED_COUNT} (or 0).` })
  average: number | null;

  @Field(() => [Int], { nullable: true, description: `How many ratings gave 1, 2, 3, 4 and 5 stars (five counts, in that order); null when count < ${MIN_PUBLISHED_COUNT}.` })
  distribution: number[] | null;
}

@ObjectType({
  description: 'One office\'s record for one month (months are calendar months in WIB, UTC+7, the month of each event counted). '
    + 'An office holds a complaint from when it arrives there (intake, an escalation in, a reassignment or a correction routing it there) until it leaves; '
    + 'each count belongs to the office that held the complaint when the event happened. Working days are counted in the village\'s time zone on the '
    + 'days-off calendar of the SLA (see `daysOff`): the working days after the day the complaint arrived, up to the day of the step (0: the same day). '
    + 'Kept up to date as complaints change; counts of complaints per office are not personal data and are shown as they are.',
})
export class OfficeRecord {
  @Field(() => PublicOffice, { description: 'The office or bank.' })
  office: PublicOffice;

  @Field({ description: 'The month, YYYY-MM (WIB).' })
  month: string;

  @Field(() => Int, { description: 'Complaints that arrived at the office this month: at intake, escalated in, reassigned or rerouted to it.' })
  received: number;

  @Field(() => Int, { description: 'Complaints the office first responded to this month (verified, answered publicly, asked the complainant for information, or decided): one per complaint held.' })
  firstResponses: number;

  @Field(() => Float, { nullable: true, description: 'The median of those first responses\' working days since arrival (exact, at whole-day resolution: the mean of the two middle values for an even count); null without any.' })
  medianWorkingDaysToFirstResponse: number | null;

  @Field(() => Int, { description: 'Complaints the office decided this month (resolved, rejected, or marked a duplicate): one per complaint held. A complaint archived because the complainant never sent the information asked for is not counted.' })
  answered: number;

  @Field(() => Int, {
    description: 'Of `answered`, those decided within the office\'s SLA: no breach of its due time was recorded while it held the complaint (the SLA sweep records breaches each minute; '
      + 'time waiting for the complainant does not count, as for the SLA itself).',
  })
  answeredWithinSla: number;

  @Field(() => Float, { nullable: true, description: 'The median working days from arrival to the decision, of the complaints in `answered`; null without any.' })
  medianWorkingDaysToResolution: number | null;

  @Field(() => Int, { description: 'Complaints whose due time at this office passed this month without a decision (the SLA sweep\'s breach): once per complaint held.' })
  breached: number;

  @Field(() => Int, { description: 'Complaints that left the office upward this month: escalated by a handler, or by the SLA sweep after a breach.' })
  escalatedAway: number;

  @Field(() => OfficeRatings, { description: 'The complainants\' ratings of the office\'s decisions given this month.' })
  ratings: OfficeRatings;

  @Field(() => Int, { description: 'Referrals made to it this month (banks: the complaints about their transfers; offices: requests for a field check).' })
  referralsReceived: number;

  @Field(() => Int, { description: 'Referrals it answered this month.' })
  referralsAnswered: number;

  @Field(() => Int, { description: 'Of `referralsAnswered`, those answered by the referral\'s deadline. Referrals made at intake (a failed transfer, to the bank) carry no deadline and are not counted here.' })
  referralsAnsweredByDeadline: number;

  @Field(() => Float, { nullable: true, description: 'The median working days from referral to answer, of `referralsAnswered`; null without any.' })
  medianWorkingDaysToAnswerReferral: number | null;
}

@InputType({ description: 'A range of months, both ends included, as YYYY-MM (WIB).' })
export class MonthRange {
  @Field({ description: 'The first month, e.g. 2026-01.' })
  from: string;

  @Field({ description: 'The last month, e.g. 2026-12; at most 120 months after `from`.' })
  to: string;
}

@InputType({ description: 'Which records: every field narrows; none: every office and bank, the last 12 months.' })
export class OfficeRecordFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Only offices whose jurisdiction covers this region or lies inside it (e.g. 32.73: Kota Bandung\'s office, its villages\' offices, Jawa Barat\'s office and the ministry). Banks have no jurisdiction and are left out when it is given.',
  })
  regionCode?: string | null;

  @Field(() => [OrganisationKind], { nullable: true, description: 'Only these kinds, e.g. [DISTRICT_OFFICE] or [BANK].' })
  kind?: OrganisationKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Only this office or bank (PublicOffice.id / Organisation.id).' })
  officeId?: string | null;

  @Field(() => MonthRange, { nullable: true, description: 'Only these months; default: the 12 months up to the current one (WIB).' })
  months?: MonthRange | null;
}

@ArgsType()
export class OfficeRecordsArgs extends ConnectionArgs {
  @Field(() => OfficeRecordFilter, { nullable: true, description: 'Which offices and months.' })
  filter?: OfficeRecordFilter | null;
}

export const { ConnectionType: OfficeRecordConnection } = connectionTypes(
  OfficeRecord, 'OfficeRecord', 'A page of offices\' monthly records, by office name, then month. Only months in which something happened at the office have a record.',
);
