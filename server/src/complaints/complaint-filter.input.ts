import { Field, InputType, registerEnumType } from 'type-graphql';
import { ComplaintCategory, ComplaintStatus, SlaState, Tier } from '../common/enums';

export enum ComplaintOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
  DUE_SOONEST = 'DUE_SOONEST',
}

registerEnumType(ComplaintOrder, {
  name: 'ComplaintOrder',
  description: 'How to order a list of complaints.',
  valuesConfig: {
    NEWEST_FIRST: { description: 'Most recently received first (the default).' },
    OLDEST_FIRST: { description: 'Longest waiting first.' },
    DUE_SOONEST: { description: 'Earliest due first; those without a due time last.' },
  },
});

@InputType({ description: 'Narrows a list of complaints. Fields combine with AND; list fields match any of their values. Your access always applies on top.' })
export class ComplaintFilter {
  @Field(() => [ComplaintStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: ComplaintStatus[];

  @Field(() => [Tier], { nullable: true, description: 'Handled now at any of these tiers.' })
  tier?: Tier[];

  @Field(() => [String], { nullable: true, description: 'Any of these programme codes (e.g. `PKH`).' })
  programCode?: string[];

  @Field(() => [ComplaintCategory], { nullable: true, description: 'Any of these categories.' })
  category?: ComplaintCategory[];

  @Field(() => [String], { nullable: true, description: 'Arrived through any of these channel codes.' })
  channel?: string[];

  @Field(() => String, { nullable: true, description: 'A region code; covers everything under it (`32.73` = all of Kota Bandung).' })
  regionCode?: string;

  @Field(() => [SlaState], { nullable: true, description: 'In any of these SLA states (computed now).' })
  slaState?: SlaState[];

  @Field(() => String, { nullable: true, description: 'Submitted by this organisation (its global id).' })
  submittedBy?: string;

  @Field(() => String, { nullable: true, description: 'Assigned to this officer (assignComplaint’s officer): the assigned office’s own id for them (Officer.id). Each office has its own ids: the same id in two offices within your reach matches both.' })
  assignedOfficerId?: string;

  @Field(() => Date, { nullable: true, description: 'Received at or after this time.' })
  createdFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Received before this time.' })
  createdTo?: Date;

  @Field(() => String, { nullable: true, description: 'Words that must appear in the description (Indonesian stemming: "menerima" finds "diterima").' })
  search?: string;
}
