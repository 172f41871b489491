import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { ReferralStatus } from './referral.entity';

registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'Where a referral to a bank or another office stands.',
  valuesConfig: {
    OPEN: { description: 'Waiting for the answer of the organisation it was referred to.' },
    ANSWERED: { description: 'Answered.' },
    WITHDRAWN: { description: 'Withdrawn by the office that made it.' },
  },
});

/** A referral as read from `referrals`. */
export interface ReferralRow {
  id: string;
  complaintId: string;
  toOrganisationId: string;
  fromOrganisationId: string | null;
  reason: string;
  status: ReferralStatus;
  answer: string | null;
  answeredAt: Date | null;
  dueAt: Date | null;
  createdAt: Date;
}

export const REFERRAL_COLUMNS = `r.id, r.complaint_id AS "complaintId", r.to_organisation_id AS "toOrganisationId",
  r.from_organisation_id AS "fromOrganisationId", r.reason, r.status, r.answer, r.answered_at AS "answeredAt",
  r.due_at AS "dueAt", r.created_at AS "createdAt"`;

@ObjectType('Referral', {
  implements: Node,
  description: 'A complaint referred to a bank (e.g. a failed transfer) or another office, which answers it. Handlers and auditors see a complaint’s referrals; a bank sees those made to it.',
})
export class Referral extends Node {
  @Field(() => ReferralStatus, { description: 'Open until answered.' })
  status: ReferralStatus;

  @Field({ description: 'What the referring office asks.' })
  reason: string;

  @Field(() => String, { nullable: true, description: 'The answer, once given.' })
  answer: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was answered.' })
  answeredAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When an answer is expected (5 working days after the referral).' })
  dueAt: Date | null;

  @Field(() => Date, { description: 'When it was referred.' })
  createdAt: Date;

  /** The row behind it, for field resolvers. */
  row: ReferralRow;

  static from(row: ReferralRow): Referral {
    return Object.assign(new Referral(), {
      id: toGlobalId('Referral', row.id),
      status: row.status,
      reason: row.reason,
      answer: row.answer,
      answeredAt: row.answeredAt,
      dueAt: row.dueAt,
      createdAt: row.createdAt,
      row,
    });
  }
}
