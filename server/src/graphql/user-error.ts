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
  UNSUPPORTED_FILE_TYPE = 'UNSUPPORTED_FILE_TYPE',
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  EVIDENCE_LIMIT_REACHED = 'EVIDENCE_LIMIT_REACHED',
  SIZE_MISMATCH = 'SIZE_MISMATCH',
  HASH_MISMATCH = 'HASH_MISMATCH',
  CONTENT_TYPE_MISMATCH = 'CONTENT_TYPE_MISMATCH',
  UNREADABLE_FILE = 'UNREADABLE_FILE',
  UPLOAD_URL_INVALID = 'UPLOAD_URL_INVALID',
  UPLOAD_URL_EXPIRED = 'UPLOAD_URL_EXPIRED',
  UPLOAD_URL_USED = 'UPLOAD_URL_USED',
  WEBHOOK_SUBSCRIPTION_LIMIT_REACHED = 'WEBHOOK_SUBSCRIPTION_LIMIT_REACHED',
  PIN_INCORRECT = 'PIN_INCORRECT',
  PIN_LOCKED = 'PIN_LOCKED',
  PIN_EXPIRED = 'PIN_EXPIRED',
  NOT_AWAITING_COMPLAINANT = 'NOT_AWAITING_COMPLAINANT',
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
    UNSUPPORTED_FILE_TYPE: { description: 'Evidence of this type is not accepted: only JPEG, PNG, WebP, PDF and MP4.' },
    FILE_TOO_LARGE: { description: 'The file is larger than evidence may be: 10 MB, or 50 MB for a video.' },
    EVIDENCE_LIMIT_REACHED: { description: 'The complaint has its 10 files of evidence already (counting uploads under way).' },
    SIZE_MISMATCH: { description: 'The upload’s body was shorter or longer than the size declared for it; nothing was stored. Ask for a new upload URL.' },
    HASH_MISMATCH: { description: 'The SHA-256 of the bytes received differs from the one declared; nothing was stored. Ask for a new upload URL.' },
    CONTENT_TYPE_MISMATCH: { description: 'The bytes are not of the declared type (detected from the bytes, never from the name); nothing was stored.' },
    UNREADABLE_FILE: { description: 'The bytes start like the declared type but cannot be read as one (damaged, or an image over 50 megapixels); nothing was stored.' },
    UPLOAD_URL_INVALID: { description: 'The upload URL is not one Aduan made, was altered, or its client may no longer upload.' },
    UPLOAD_URL_EXPIRED: { description: 'The upload URL was not used in time (15 minutes), or the upload was abandoned; ask for a new one.' },
    UPLOAD_URL_USED: { description: 'The upload URL was used already (each works once); ask for a new one to send the file again.' },
    WEBHOOK_SUBSCRIPTION_LIMIT_REACHED: { description: 'Your organisation has 10 webhook subscriptions already; delete one first (one subscription can receive several event types).' },
    PIN_INCORRECT: { description: 'The reply PIN does not match the tracking code; the message says how many tries are left before the complaint locks (docs/adr/0026-complainant-pin.md).' },
    PIN_LOCKED: { description: 'Too many wrong PINs for this complaint (every 5th in a row, from any address): every PIN is refused for 15 minutes, each further lock twice as long up to 24 hours; the message says how long is left.' },
    PIN_EXPIRED: { description: 'The complaint’s reply PIN no longer works: 37 days after it was finished (the 30-day appeal window and a week), or it never had one. The tracking code still shows the status.' },
    NOT_AWAITING_COMPLAINANT: { description: 'The complaint is not waiting for what the complainant sent (e.g. an answer when no information was requested).' },
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
