import { Field, ObjectType, registerEnumType } from 'type-graphql';

/**
 * Codes of expected business failures, returned as data in `userErrors` (the
 * contract's convention). One enum for the whole API so clients can switch on it.
 */
export enum UserErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  STALE_VERSION = 'STALE_VERSION',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  OUTSIDE_YOUR_TIER = 'OUTSIDE_YOUR_TIER',
  INELIGIBLE_ORGANISATION = 'INELIGIBLE_ORGANISATION',
  ALREADY_RATED = 'ALREADY_RATED',
  APPEAL_WINDOW_CLOSED = 'APPEAL_WINDOW_CLOSED',
  ALREADY_REPORTED = 'ALREADY_REPORTED',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation could not do what was asked. Expected outcomes, returned in `userErrors`; nothing was changed.',
  valuesConfig: {
    INVALID_INPUT: { description: 'A field is malformed, out of range or refers to an unknown code; `field` names it.' },
    NOT_FOUND: { description: 'The object named does not exist or is outside your reach.' },
    IDEMPOTENCY_KEY_REUSED: { description: 'The idempotency key was used in the last 24 h with different input.' },
    STALE_VERSION: { description: 'The object changed since you read it: read it again and retry with its current `version`.' },
    INVALID_TRANSITION: { description: 'The object is in a state that does not allow this change (e.g. resolving a closed complaint, escalating past national).' },
    OUTSIDE_YOUR_TIER: { description: 'The complaint is in your jurisdiction but handled at a tier above yours now; that tier acts on it.' },
    INELIGIBLE_ORGANISATION: {
      description: 'The organisation named cannot take this part: e.g. assigning to an office whose jurisdiction or tier does not cover the complaint, referring to a portal, or answering a referral made to someone else.',
    },
    ALREADY_RATED: { description: 'The resolution of this complaint has been rated already; a complaint is rated once.' },
    APPEAL_WINDOW_CLOSED: { description: 'An appeal must be made within 30 days of the resolution; that time has passed.' },
    ALREADY_REPORTED: { description: 'The disbursement has an open issue already (reported in an earlier batch, or earlier in this one); resolve that one first.' },
  },
});

@ObjectType({ description: 'An expected business failure of a mutation, with the input field it concerns.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'The path to the input field at fault, e.g. ["input", "complainant", "nik"]; null when no single field is.' })
  field: string[] | null;

  @Field(() => UserErrorCode, { description: 'A stable code to act on.' })
  code: UserErrorCode;

  @Field({ description: 'What went wrong and what to do, for a person (in the language of `Accept-Language`).' })
  message: string;
}
