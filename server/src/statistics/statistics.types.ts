import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ComplaintCategory, ComplaintStatus, Tier } from '../common/enums';

export enum ComplaintStatisticsDimension {
  REGION = 'REGION',
  PROGRAM = 'PROGRAM',
  CATEGORY = 'CATEGORY',
  STATUS = 'STATUS',
  CHANNEL = 'CHANNEL',
  TIER = 'TIER',
  OFFICE = 'OFFICE',
}

registerEnumType(ComplaintStatisticsDimension, {
  name: 'ComplaintStatisticsDimension',
  description: 'What complaint statistics can be counted by.',
  valuesConfig: {
    REGION: { description: 'The region the complaint is about, at the level of `regionLevel`.' },
    PROGRAM: { description: 'The programme.' },
    CATEGORY: { description: 'The category.' },
    STATUS: { description: 'The status now.' },
    CHANNEL: { description: 'The channel it arrived through.' },
    TIER: { description: 'The tier handling it now.' },
    OFFICE: { description: 'The office handling it now (the complaint’s assignedTo). complaintStatistics only: not published.' },
  },
});

/** The dimensions and measures of one group, as the service computes them. */
export interface StatisticsCell {
  regionCode: string | null;
  programCode: string | null;
  category: ComplaintCategory | null;
  status: ComplaintStatus | null;
  channelCode: string | null;
  tier: Tier | null;
  /** The assigned organisation's id (OFFICE). */
  officeId: string | null;
  count: number;
  slaMet: number;
  slaBreached: number;
  resolved: number;
  medianHoursToResolve: number | null;
  /** Not finished (UNFINISHED_STATUSES), and those by calendar days since receipt; complaintStatistics only. */
  open: number;
  ageing: ComplaintAgeing;
}

@ObjectType('ComplaintAgeing', {
  description: 'Open complaints (not yet finished: received, verified, in progress or waiting for information) by whole calendar days since receipt, '
    + 'counted in the time zone of the village each is about (a complaint received yesterday evening is 1 day old this morning). Handlers and auditors.',
})
export class ComplaintAgeing {
  @Field(() => Int, { description: 'Received 0 to 3 calendar days ago.' })
  upTo3Days: number;

  @Field(() => Int, { description: 'Received 4 to 7 calendar days ago.' })
  from4To7Days: number;

  @Field(() => Int, { description: 'Received 8 to 14 calendar days ago.' })
  from8To14Days: number;

  @Field(() => Int, { description: 'Received more than 14 calendar days ago.' })
  over14Days: number;

  @Field(() => Date, { nullable: true, description: 'When the oldest of them was received; null when none is open.' })
  oldestOpenReceivedAt: Date | null;
}

@ObjectType('ComplaintStatisticsGroup', {
  description: 'The complaints of one combination of the dimensions grouped by (the others are null), and their measures. Handlers and auditors.',
})
export class ComplaintStatisticsGroup {
  @Field(() => ComplaintCategory, { nullable: true, description: 'The category, when grouped by CATEGORY.' })
  category: ComplaintCategory | null;

  @Field(() => ComplaintStatus, { nullable: true, description: 'The status, when grouped by STATUS.' })
  status: ComplaintStatus | null;

  @Field(() => Tier, { nullable: true, description: 'The tier, when grouped by TIER.' })
  tier: Tier | null;

  @Field(() => Int, { description: 'Complaints.' })
  count: number;

  @Field(() => Int, { description: 'Finished (resolved, closed, rejected, merged) within their due time.' })
  slaMet: number;

  @Field(() => Int, { description: 'Finished after their due time, or still open past it.' })
  slaBreached: number;

  @Field(() => Float, { nullable: true, description: 'slaMet / (slaMet + slaBreached); null when both are 0.' })
  slaComplianceRate: number | null;

  @Field(() => Int, { description: 'Complaints with a resolution (resolved, possibly closed since).' })
  resolved: number;

  @Field(() => Float, { nullable: true, description: 'The median time from receipt to resolution, in hours; null when none is resolved.' })
  medianHoursToResolve: number | null;

  @Field(() => Int, { description: 'Not yet finished: received, verified, in progress or waiting for information.' })
  open: number;

  @Field(() => ComplaintAgeing, { description: 'The open ones by how long since they were received.' })
  ageing: ComplaintAgeing;

  cell: StatisticsCell;
}

@ObjectType('ComplaintStatistics', { description: 'Complaint counts and service measures within your jurisdiction (handlers) or everywhere (auditors).' })
export class ComplaintStatistics {
  @Field(() => Int, { description: 'Complaints matching the filter.' })
  total: number;

  @Field(() => Int, { description: 'Of those, finished within their due time.' })
  slaMet: number;

  @Field(() => Int, { description: 'Of those, finished after their due time or open past it.' })
  slaBreached: number;

  @Field(() => Float, { nullable: true, description: 'SLA compliance: slaMet / (slaMet + slaBreached); null when both are 0.' })
  slaComplianceRate: number | null;

  @Field(() => Int, { description: 'Of those, resolved.' })
  resolved: number;

  @Field(() => Float, { nullable: true, description: 'The median time from receipt to resolution, in hours; null when none is resolved.' })
  medianHoursToResolve: number | null;

  @Field(() => Int, { description: 'Of those, not yet finished: received, verified, in progress or waiting for information.' })
  open: number;

  @Field(() => ComplaintAgeing, { description: 'The open ones by how long since they were received.' })
  ageing: ComplaintAgeing;

  @Field(() => [ComplaintStatisticsGroup], { description: 'One per combination of the `groupBy` dimensions that has complaints, largest first; empty without `groupBy`.' })
  groups: ComplaintStatisticsGroup[];

  @Field(() => Date, { description: 'When it was computed (SLA states are as of then).' })
  generatedAt: Date;
}

@ObjectType('SuppressibleCount', { description: 'A published count: hidden when small (1–4), so that no one can be singled out. Public.' })
export class SuppressibleCount {
  @Field(() => Int, { nullable: true, description: 'The count; null when suppressed.' })
  value: number | null;

  @Field({ description: 'Whether it is hidden: 1–4, or hidden so that a hidden neighbour cannot be worked out from the total.' })
  suppressed: boolean;

  @Field({ description: 'What to print: the number, or `<5`.' })
  display: string;
}

@ObjectType('PublicComplaintStatisticsGroup', { description: 'Published complaint counts of one combination of the dimensions grouped by (the others are null). Public.' })
export class PublicComplaintStatisticsGroup {
  @Field(() => ComplaintCategory, { nullable: true, description: 'The category, when grouped by CATEGORY.' })
  category: ComplaintCategory | null;

  @Field(() => ComplaintStatus, { nullable: true, description: 'The status, when grouped by STATUS.' })
  status: ComplaintStatus | null;

  @Field(() => Tier, { nullable: true, description: 'The tier, when grouped by TIER.' })
  tier: Tier | null;

  @Field(() => SuppressibleCount, { description: 'Complaints.' })
  count: SuppressibleCount;

  @Field(() => Float, { nullable: true, description: 'SLA compliance (2 decimals); null when fewer than 5 complaints are finished or overdue, or the count is suppressed.' })
  slaComplianceRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from receipt to resolution (1 decimal); null when fewer than 5 are resolved, or the count is suppressed.' })
  medianHoursToResolve: number | null;

  cell: StatisticsCell;
}

@ObjectType('PublicComplaintStatistics', {
  description: 'Published complaint statistics, for provinces and districts/cities only, with small counts suppressed (`<5`). Public.',
})
export class PublicComplaintStatistics {
  @Field(() => SuppressibleCount, { description: 'Complaints matching the filter.' })
  total: SuppressibleCount;

  @Field(() => Float, { nullable: true, description: 'SLA compliance (2 decimals); null when fewer than 5 complaints are finished or overdue.' })
  slaComplianceRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from receipt to resolution (1 decimal); null when fewer than 5 are resolved.' })
  medianHoursToResolve: number | null;

  @Field(() => [PublicComplaintStatisticsGroup], { description: 'One per combination of the `groupBy` dimensions that has complaints, largest first; empty without `groupBy`.' })
  groups: PublicComplaintStatisticsGroup[];

  @Field(() => Int, { description: 'Counts below this are suppressed.' })
  minimumCount: number;

  @Field(() => Date, { description: 'When it was computed.' })
  generatedAt: Date;
}

@InputType('ComplaintStatisticsFilter', { description: 'Narrows complaintStatistics; fields combine with AND, values of one field with OR. Your jurisdiction always applies.' })
export class ComplaintStatisticsFilter {
  @Field(() => String, { nullable: true, description: 'A region code at any level; covers everything under it.' })
  regionCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'Programme codes.' })
  programCode?: string[] | null;

  @Field(() => [ComplaintCategory], { nullable: true, description: 'Categories.' })
  category?: ComplaintCategory[] | null;

  @Field(() => [ComplaintStatus], { nullable: true, description: 'Statuses.' })
  status?: ComplaintStatus[] | null;

  @Field(() => [String], { nullable: true, description: 'Channel codes.' })
  channel?: string[] | null;

  @Field(() => [Tier], { nullable: true, description: 'Tiers handling them now.' })
  tier?: Tier[] | null;

  @Field(() => Date, { nullable: true, description: 'Received at or after this time.' })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Received before this time.' })
  createdTo?: Date | null;
}

@InputType('PublicComplaintStatisticsFilter', {
  description: 'Narrows publicComplaintStatistics: one value per field (so that answers cannot be subtracted from one another cell by cell), whole months or years.',
})
export class PublicComplaintStatisticsFilter {
  @Field(() => String, { nullable: true, description: 'A province (`32`) or district/city (`32.73`) code; finer regions are not published.' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: 'A programme code.' })
  programCode?: string | null;

  @Field(() => ComplaintCategory, { nullable: true, description: 'A category.' })
  category?: ComplaintCategory | null;

  @Field(() => String, { nullable: true, description: 'A channel code.' })
  channel?: string | null;

  @Field(() => Int, { nullable: true, description: 'Complaints received in this year (WIB).' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'Complaints received in this month, `YYYY-MM` (WIB).' })
  month?: string | null;
}
