import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { toGlobalId } from '../graphql/global-id';
import { Node } from '../graphql/node';
import { UserError } from '../graphql/user-error';
import { ATTEMPTS_PER_DELIVERY } from './retry-schedule';
import { WebhookAttemptResult, WebhookDeliveryStatus, WebhookEventType } from './webhook.entity';

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'What a webhook tells. The body is thin — ids, codes, states and times, never personal data — and only about what your organisation can read through the API; fetch the details with the ids (docs/adr/0012-webhooks.md).',
  valuesConfig: {
    COMPLAINT_STATUS_CHANGED: { description: 'A complaint you can read changed status: `data.complaint` (id, trackingCode, status, currentTier, version, updatedAt) and `data.previousStatus`. Handlers, intake clients, banks.' },
    COMPLAINT_REFERRED: { description: 'A complaint was referred to your organisation (by an office, or automatically with a bank’s report of a failed transfer): `data.complaint` and `data.referral` (id, organisationId). Handlers, banks.' },
    COMPLAINT_SLA_BREACHED: { description: 'A complaint in your jurisdiction missed its handling deadline: `data.breach` (the tier that missed it, dueAt) and `data.complaint` as it stands after the SLA sweep escalated it one tier (at the national tier it stays). Handlers.' },
    DISBURSEMENT_ISSUE_RESOLVED: { description: 'A failed transfer you can read was resolved by its bank: `data.disbursementIssue` (id, batchId, programCode, period, status, resolvedAt, resentOn). Banks (their own), handlers (recipients in their jurisdiction).' },
    CASE_CONFERENCE_INVITED: { description: 'Your organisation was invited to a case conference: `data.caseConference` (id, scheduledAt, complaintCount) — read it with `node(id)`, with the action items your organisation owns. Only the organisations invited hear of it. Handlers, banks, intake clients (NGOs).' },
  },
});

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting for its first attempt or its next retry (`nextAttemptAt`).' },
    DELIVERED: { description: 'Your endpoint answered an attempt with a 2xx.' },
    FAILED: { description: 'Every attempt failed, or the subscription was disabled before it got through; `redeliverWebhook` tries once more.' },
  },
});

registerEnumType(WebhookAttemptResult, {
  name: 'WebhookAttemptResult',
  description: 'How one attempt went.',
  valuesConfig: {
    SUCCESS: { description: 'Answered with a 2xx.' },
    HTTP_ERROR: { description: 'Answered with another status (`statusCode`); redirects are not followed and count as failures.' },
    TIMEOUT: { description: 'No answer within 10 seconds.' },
    CONNECTION_FAILED: { description: 'The host could not be resolved or reached, or TLS failed (`error` says which).' },
    ADDRESS_NOT_ALLOWED: { description: 'The host resolves to a private, loopback or link-local address, which Aduan does not call in production.' },
  },
});

/** A subscription as read from `webhook_subscriptions s`. */
export interface WebhookSubscriptionRow {
  id: string;
  organisationId: string;
  url: string;
  description: string | null;
  eventTypes: WebhookEventType[];
  secret: string;
  previousSecretExpiresAt: Date | null;
  disabledAt: Date | null;
  disabledReason: string | null;
  disabledAutomatically: boolean;
  failingSince: Date | null;
  consecutiveFailures: number;
  lastSuccessAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const SUBSCRIPTION_COLUMNS = `s.id, s.organisation_id AS "organisationId", s.url, s.description, s.event_types::text[] AS "eventTypes", s.secret,
  s.previous_secret_expires_at AS "previousSecretExpiresAt", s.disabled_at AS "disabledAt", s.disabled_reason AS "disabledReason",
  s.disabled_automatically AS "disabledAutomatically", s.failing_since AS "failingSince", s.consecutive_failures AS "consecutiveFailures",
  s.last_success_at AS "lastSuccessAt", s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

@ObjectType('WebhookSubscription', {
  implements: Node,
  description: 'Your organisation’s endpoint for events: Aduan POSTs each event it subscribes to, signed (`Aduan-Webhook-Signature`), retried for more than a day when it fails. The signing secret is shown only by createWebhookSubscription and rotateWebhookSecret. Handlers, banks and intake clients, for their own organisation.',
})
export class WebhookSubscription extends Node {
  @Field({ description: 'Where events are POSTed: https (http to localhost only outside production).' })
  url: string;

  @Field(() => String, { nullable: true, description: 'What it is for, in your words.' })
  description: string | null;

  @Field(() => [WebhookEventType], { description: 'The events it receives.' })
  eventTypes: WebhookEventType[];

  @Field({ description: 'Whether events are sent to it. False after disableWebhookSubscription, or automatically after its endpoint failed every attempt for a day; enableWebhookSubscription turns it on again.' })
  enabled: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was disabled; null while enabled.' })
  disabledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was disabled (in Bahasa Indonesia): by whom, or since when its endpoint failed and how; null while enabled.' })
  disabledReason: string | null;

  @Field({ description: 'Whether Aduan disabled it because its endpoint kept failing (rather than a client of yours).' })
  disabledAutomatically: boolean;

  @Field(() => Date, { nullable: true, description: 'The first failed attempt since the last success; null while the endpoint answers. Failing for a day, with a delivery out of retries, disables it.' })
  failingSince: Date | null;

  @Field(() => Int, { description: 'Failed attempts in a row, across deliveries.' })
  consecutiveFailures: number;

  @Field(() => Date, { nullable: true, description: 'The last attempt answered with a 2xx.' })
  lastSuccessAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'During a secret rotation: until when the previous secret signs deliveries too (a second `v1=` in the signature header).' })
  previousSecretExpiresAt: Date | null;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt: Date;

  @Field(() => Date, { description: 'When it was last changed.' })
  updatedAt: Date;

  static from(row: WebhookSubscriptionRow, now: Date): WebhookSubscription {
    return Object.assign(new WebhookSubscription(), {
      id: toGlobalId('WebhookSubscription', row.id),
      url: row.url,
      description: row.description,
      eventTypes: row.eventTypes,
      enabled: row.disabledAt === null,
      disabledAt: row.disabledAt,
      disabledReason: row.disabledReason,
      disabledAutomatically: row.disabledAutomatically,
      failingSince: row.failingSince,
      consecutiveFailures: row.consecutiveFailures,
      lastSuccessAt: row.lastSuccessAt,
      previousSecretExpiresAt: row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  }
}

@ObjectType('WebhookDeliveryAttempt', { description: 'One POST of a delivery, and how your endpoint answered.' })
export class WebhookDeliveryAttempt {
  @Field(() => Int, { description: '1 for the first attempt; the same number is in the `Aduan-Webhook-Attempt` header.' })
  number: number;

  @Field(() => Date, { description: 'When it was sent.' })
  at: Date;

  @Field(() => Int, { description: 'How long until the answer (or the failure), in milliseconds.' })
  durationMs: number;

  @Field(() => WebhookAttemptResult, { description: 'How it went.' })
  result: WebhookAttemptResult;

  @Field(() => Int, { nullable: true, description: 'The HTTP status your endpoint answered; null when it did not answer.' })
  statusCode: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed, briefly (`HTTP 500`, `ECONNREFUSED`, `no answer within 10 s`); null on success.' })
  error: string | null;
}

/** A delivery as read from `webhook_deliveries d`. */
export interface WebhookDeliveryRow {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: WebhookEventType;
  body: string;
  status: WebhookDeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
  /** created_at to the microsecond, for keyset cursors. */
  createdAtCursor: string;
}

export const DELIVERY_COLUMNS = `d.id, d.subscription_id AS "subscriptionId", d.event_id AS "eventId", d.event_type AS "eventType", d.body, d.status,
  d.attempt_count AS "attemptCount", d.next_attempt_at AS "nextAttemptAt", d.created_at AS "createdAt", d.delivered_at AS "deliveredAt",
  to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtCursor"`;

@ObjectType('WebhookDelivery', {
  implements: Node,
  description: `One event sent to one subscription, with every attempt: the delivery log. Its \`id\` is the \`Aduan-Webhook-Id\` header, the same on every attempt: keep the ids you processed and drop a repeat (delivery is at least once). Failed attempts are retried ${ATTEMPTS_PER_DELIVERY - 1} times over more than a day. Kept 30 days. Handlers, banks and intake clients, for their own organisation.`,
})
export class WebhookDelivery extends Node {
  @Field({ description: 'The event’s id: the same for every subscription told of it (two subscriptions of yours to one event get two deliveries with one eventId).' })
  eventId: string;

  @Field(() => WebhookEventType, { description: 'What it tells; also the `Aduan-Webhook-Event` header and the body’s `type`.' })
  eventType: WebhookEventType;

  @Field(() => WebhookSubscription, { description: 'The subscription it was sent to.' })
  subscription: WebhookSubscription;

  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands.' })
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attemptCount: number;

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, while PENDING.' })
  nextAttemptAt: Date | null;

  @Field(() => Date, { description: 'When the event happened (and the delivery was queued).' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When an attempt was answered with a 2xx.' })
  deliveredAt: Date | null;

  @Field({ description: 'The JSON body, exactly as sent (and signed) on every attempt.' })
  payload: string;

  @Field(() => [WebhookDeliveryAttempt], { description: 'Every attempt, first to last.' })
  attempts: WebhookDeliveryAttempt[];

  static from(row: WebhookDeliveryRow, subscription: WebhookSubscription, attempts: WebhookDeliveryAttempt[]): WebhookDelivery {
    return Object.assign(new WebhookDelivery(), {
      id: toGlobalId('WebhookDelivery', row.id),
      eventId: row.eventId,
      eventType: row.eventType,
      subscription,
      status: row.status,
      attemptCount: row.attemptCount,
      nextAttemptAt: row.status === WebhookDeliveryStatus.PENDING ? row.nextAttemptAt : null,
      createdAt: row.createdAt,
      deliveredAt: row.deliveredAt,
      payload: row.body,
      attempts,
    });
  }
}

export const { ConnectionType: WebhookDeliveryConnection } = connectionTypes(WebhookDelivery, 'WebhookDelivery', 'A page of your organisation’s webhook deliveries, newest first.');

@InputType({ description: 'A new webhook subscription for your organisation.' })
export class CreateWebhookSubscriptionInput {
  @Field({ description: 'Your key for this request (1–128 characters): the same key within 24 h returns the first result (its secret included) and creates nothing.' })
  idempotencyKey: string;

  @Field({ description: 'Where to POST events (at most 2048 characters): https; outside production also http://localhost or http://127.0.0.1. No user name or password in it: check the signature instead.' })
  url: string;

  @Field(() => [WebhookEventType], { description: 'The events to receive (at least one); each must be one your role may receive (see WebhookEventType).' })
  eventTypes: WebhookEventType[];

  @Field(() => String, { nullable: true, description: 'What it is for (at most 200 characters).' })
  description?: string | null;
}

@InputType({ description: 'Change a subscription; fields left out stay as they are.' })
export class UpdateWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The subscription.' })
  subscriptionId: string;

  @Field(() => String, { nullable: true, description: 'A new URL (the same rules as at creation).' })
  url?: string | null;

  @Field(() => [WebhookEventType], { nullable: true, description: 'The events to receive from now on (at least one).' })
  eventTypes?: WebhookEventType[] | null;

  @Field(() => String, { nullable: true, description: 'What it is for (at most 200 characters; empty to clear).' })
  description?: string | null;
}

@InputType({ description: 'Give a subscription a new signing secret.' })
export class RotateWebhookSecretInput {
  @Field(() => ID, { description: 'The subscription.' })
  subscriptionId: string;

  @Field(() => Int, { nullable: true, description: 'How many hours the current secret keeps signing alongside the new one (0–72, default 24): deploy the new secret to your receiver within that time. 0 ends the old one at once.' })
  previousSecretValidHours?: number | null;
}

@InputType({ description: 'Turn a disabled subscription on again.' })
export class EnableWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The subscription.' })
  subscriptionId: string;

  @Field(() => Boolean, { nullable: true, description: 'Also send again, each with a full retry schedule, its FAILED deliveries of the last 72 hours (default false).' })
  redeliverFailed?: boolean | null;
}

@InputType({ description: 'Stop sending events to a subscription for now (its pending deliveries fail; events while it is off are not kept).' })
export class DisableWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The subscription.' })
  subscriptionId: string;
}

@InputType({ description: 'Delete a subscription with its delivery log.' })
export class DeleteWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The subscription.' })
  subscriptionId: string;
}

@InputType({ description: 'Send a delivery once more, with the same id and body.' })
export class RedeliverWebhookInput {
  @Field(() => ID, { description: 'The delivery (its id, as in the `Aduan-Webhook-Id` header).' })
  deliveryId: string;
}

@ObjectType({ description: 'The result of createWebhookSubscription.' })
export class CreateWebhookSubscriptionPayload {
  @Field(() => WebhookSubscription, { nullable: true, description: 'The subscription; null when userErrors says why not.' })
  subscription: WebhookSubscription | null;

  @Field(() => String, { nullable: true, description: 'The signing secret (`whsec_…`), shown only now (and to a repeat of this request with the same idempotency key): keep it where your receiver can read it. The HMAC-SHA256 key is this whole string.' })
  signingSecret: string | null;

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'The result of changing a subscription.' })
export class WebhookSubscriptionPayload {
  @Field(() => WebhookSubscription, { nullable: true, description: 'The subscription after the change; null when userErrors says why not.' })
  subscription: WebhookSubscription | null;

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'The result of rotateWebhookSecret.' })
export class RotateWebhookSecretPayload {
  @Field(() => WebhookSubscription, { nullable: true, description: 'The subscription; `previousSecretExpiresAt` says until when the old secret signs too.' })
  subscription: WebhookSubscription | null;

  @Field(() => String, { nullable: true, description: 'The new signing secret, shown only now.' })
  signingSecret: string | null;

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'The result of enableWebhookSubscription.' })
export class EnableWebhookSubscriptionPayload {
  @Field(() => WebhookSubscription, { nullable: true, description: 'The subscription, enabled.' })
  subscription: WebhookSubscription | null;

  @Field(() => Int, { description: 'How many failed deliveries were queued again (with redeliverFailed).' })
  redeliveries: number;

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'The result of deleteWebhookSubscription.' })
export class DeleteWebhookSubscriptionPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the subscription deleted; null when userErrors says why not.' })
  deletedSubscriptionId: string | null;

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'The result of redeliverWebhook.' })
export class RedeliverWebhookPayload {
  @Field(() => WebhookDelivery, { nullable: true, description: 'The delivery, PENDING again for one more attempt.' })
  delivery: WebhookDelivery | null;

  @Field(() => [UserError], { description: 'Why not; empty on success.' })
  userErrors: UserError[];
}
