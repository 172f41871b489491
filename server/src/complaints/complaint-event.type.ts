import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ComplaintStatus, Tier } from '../common/enums';
import { connectionTypes } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { NotificationChannel, NotificationKind } from '../notifications/transport';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';

registerEnumType(ComplaintEventType, {
  name: 'ComplaintEventType',
  description: 'What happened in a step of a complaint’s handling.',
  valuesConfig: {
    SUBMITTED: { description: 'Received and acknowledged with a tracking code.' },
    VERIFIED: { description: 'Checked as complete and within authority.' },
    INFORMATION_REQUESTED: { description: 'The complainant was asked for more information; the SLA clock paused.' },
    INFORMATION_PROVIDED: { description: 'The complainant answered; the clock runs again.' },
    ASSIGNED: { description: 'Assigned to an organisation (and perhaps a named officer).' },
    REFERRED: { description: 'Referred to a bank or another agency.' },
    REFERRAL_ANSWERED: { description: 'The bank or agency answered the referral.' },
    PUBLIC_RESPONSE: { description: 'A response to the complainant, shown on the tracker.' },
    INTERNAL_NOTE: { description: 'A note for handlers only; never public.' },
    ESCALATED: { description: 'Moved up a tier, by a handler or automatically on an SLA breach.' },
    RESOLVED: { description: 'A decision was recorded.' },
    CLOSED: { description: 'Closed.' },
    REOPENED: { description: 'Reopened on appeal.' },
    REJECTED: { description: 'Not taken up, with the reason.' },
    MARKED_DUPLICATE: { description: 'Merged into another complaint.' },
    RATED: { description: 'The complainant rated the resolution.' },
    CASE_CONFERENCE_SCHEDULED: { description: 'A case conference was scheduled.' },
    CASE_CONFERENCE_HELD: { description: 'A case conference was held and its decisions recorded.' },
    HOME_VISIT_SCHEDULED: { description: 'A social worker’s home visit was scheduled.' },
    HOME_VISIT_RECORDED: { description: 'A home visit’s outcome was recorded.' },
    SLA_BREACHED: { description: 'The due time passed.' },
    DISBURSEMENT_ISSUE_LINKED: { description: 'Linked to a bank’s report of a failed transfer.' },
    DISBURSEMENT_ISSUE_RESOLVED: { description: 'The linked failed transfer was resolved by the bank.' },
    EVIDENCE_ATTACHED: { description: 'A file of evidence was attached: who, when, its kind, type and size (never its content). Internal.' },
    CORRECTED: { description: 'A handler corrected its category, programme or village; the message says what was before and after, and why. When the new village or category moved it to another office or tier, the tier before and after are set (the new office handles it, with a fresh clock).' },
    REPLY_PIN_RESET: { description: 'The complainant was given a new reply PIN by the office or intake client named as the actor (the old one stops working, a lock is lifted). Internal; the PIN is never recorded.' },
    NOTIFICATION_SENT: { description: 'A message to the complainant was accepted by the provider. Internal; data: kind, channel, attempt, outcome, providerCode — never the text or the address. Not a change: the version stays.' },
    NOTIFICATION_RETRYING: { description: 'A message to the complainant could not be delivered on this attempt and will be tried again. Internal; data as NOTIFICATION_SENT.' },
    NOTIFICATION_FAILED: { description: 'A message to the complainant failed for good (e.g. an invalid number). Internal; data as NOTIFICATION_SENT.' },
    NOTIFICATION_WAITING: { description: 'A message to the complainant waits: no transport is configured for its channel (told once). Internal.' },
  },
});

registerEnumType(EventVisibility, {
  name: 'EventVisibility',
  description: 'Who sees a timeline event.',
  valuesConfig: {
    PUBLIC: { description: 'Everyone who may see the complaint, and the public tracker when it carries a public response.' },
    INTERNAL: { description: 'Handlers and auditors only.' },
  },
});

/** A timeline event as read from `complaint_events`. */
export interface ComplaintEventRow {
  id: string;
  complaintId: string;
  seq: number;
  type: ComplaintEventType;
  visibility: EventVisibility;
  actorOrganisationId: string | null;
  /** The officer the client acted for: the organisation's id for them, and their name then (docs/adr/0030-officers.md). */
  actorOfficerId?: string | null;
  actorOfficerName?: string | null;
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus | null;
  fromTier: Tier | null;
  toTier: Tier | null;
  message: string | null;
  occurredAt: Date;
  /** The data of a NOTIFICATION_* event (null for others): kind, channel, attempt, outcome, providerCode. */
  notificationData?: { kind: NotificationKind; channel: NotificationChannel; attempt: number; outcome: string; providerCode: string | null } | null;
}

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification to the complainant tells (docs/adr/0025-notifications.md).',
  valuesConfig: {
    ACKNOWLEDGED: { description: 'Received, with the tracking code (and the reply PIN): sent only for intake channels whose tool does not show the acknowledgement (call centres, walk-ins, SMS, service points).' },
    INFORMATION_REQUESTED: { description: 'The office asks the complainant for information.' },
    PUBLIC_RESPONSE: { description: 'The office responded publicly.' },
    ESCALATED: { description: 'The complaint moved up a tier.' },
    RESOLVED: { description: 'Resolved: the decision, how to rate it and how to appeal.' },
    CLOSED: { description: 'Closed.' },
    REJECTED: { description: 'Not taken up (rejected, or archived after an unanswered request).' },
    MERGED: { description: 'Merged into another complaint (never naming it).' },
    REPLY_RECEIVED: { description: 'The complainant’s own reply reached the office.' },
  },
});

@ObjectType('NotificationAttempt', { description: 'One attempt to tell the complainant, as the timeline records it: never the text or the address.' })
export class NotificationAttempt {
  @Field(() => NotificationKind, { description: 'What the notification tells.' })
  kind: NotificationKind;

  @Field(() => NotificationChannel, { description: 'The channel it went (or waits to go) through.' })
  channel: NotificationChannel;

  @Field(() => Int, { description: 'The attempt’s number, from 1; 0 when it waits for a transport before any attempt.' })
  attempt: number;

  @Field({ description: 'SENT, RETRY or FAILED; NO_TRANSPORT when no transport is configured for the channel.' })
  outcome: string;

  @Field(() => String, { nullable: true, description: 'The provider’s or the network’s code when not sent (e.g. `http_503`); null when sent.' })
  providerCode: string | null;
}

@ObjectType('ComplaintEvent', { implements: Node, description: 'One step in a complaint’s handling. Append-only: never edited or deleted.' })
export class ComplaintEvent extends Node {
  @Field(() => Int, { description: 'Its position in the timeline: 1, 2, 3 …' })
  seq: number;

  @Field(() => ComplaintEventType, { description: 'What happened.' })
  type: ComplaintEventType;

  @Field(() => EventVisibility, { description: 'Who sees it.' })
  visibility: EventVisibility;

  @Field(() => Date, { description: 'When it happened.' })
  at: Date;

  @Field(() => ComplaintStatus, { nullable: true, description: 'The status before, when it changed.' })
  fromStatus: ComplaintStatus | null;

  @Field(() => ComplaintStatus, { nullable: true, description: 'The status after, when it changed.' })
  toStatus: ComplaintStatus | null;

  @Field(() => Tier, { nullable: true, description: 'The tier before, when it changed.' })
  fromTier: Tier | null;

  @Field(() => Tier, { nullable: true, description: 'The tier after, when it changed.' })
  toTier: Tier | null;

  @Field(() => String, { nullable: true, description: 'The response, note or reason that came with it.' })
  message: string | null;

  @Field(() => NotificationAttempt, { nullable: true, description: 'For NOTIFICATION_* events (internal: handlers and auditors): the attempt to tell the complainant. Null for other events.' })
  notification: NotificationAttempt | null;

  /** For the `actor` field resolver. */
  actorOrganisationId: string | null;

  /** For the `actorOfficer` field resolver. */
  actorOfficerId: string | null;
  actorOfficerName: string | null;

  static from(row: ComplaintEventRow): ComplaintEvent {
    return Object.assign(new ComplaintEvent(), {
      id: toGlobalId('ComplaintEvent', row.id),
      seq: row.seq,
      type: row.type,
      visibility: row.visibility,
      at: row.occurredAt,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      fromTier: row.fromTier,
      toTier: row.toTier,
      message: row.message,
      notification: row.notificationData ? Object.assign(new NotificationAttempt(), {
        kind: row.notificationData.kind, channel: row.notificationData.channel, attempt: row.notificationData.attempt,
        outcome: row.notificationData.outcome, providerCode: row.notificationData.providerCode ?? null,
      }) : null,
      actorOrganisationId: row.actorOrganisationId,
      actorOfficerId: row.actorOfficerId ?? null,
      actorOfficerName: row.actorOfficerName ?? null,
    });
  }
}

export const { ConnectionType: ComplaintEventConnection } = connectionTypes(
  ComplaintEvent,
  'ComplaintEvent',
  'A page of a complaint’s timeline, oldest first.',
);
