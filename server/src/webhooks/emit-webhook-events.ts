import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ClientPrincipal, Principal, Role, ROLE_OF_KIND } from '../auth/principal';
import { OrganisationKind, Tier } from '../common/enums';
import { complaintScopeSql } from '../complaints/complaint-scope';
import { issueScopeSql } from '../disbursements/disbursement.loaders';
import { toGlobalId } from '../graphql/global-id';
import { WebhookEventType } from './webhook.entity';
import { ATTEMPTS_PER_DELIVERY } from './retry-schedule';

/**
 * Who may be told of each event type: the roles that can read it through the
 * API. SLA breaches are internal timeline events, which only handlers (and
 * auditors, who do not subscribe) read; intake clients see their complaints'
 * status; banks what is referred to them and their own disbursement issues.
 */
export const WEBHOOK_EVENT_ROLES: Record<WebhookEventType, readonly Role[]> = {
  [WebhookEventType.COMPLAINT_STATUS_CHANGED]: [Role.HANDLER, Role.INTAKE, Role.BANK],
  [WebhookEventType.COMPLAINT_REFERRED]: [Role.HANDLER, Role.BANK],
  [WebhookEventType.COMPLAINT_SLA_BREACHED]: [Role.HANDLER],
  [WebhookEventType.DISBURSEMENT_ISSUE_RESOLVED]: [Role.HANDLER, Role.BANK],
  // The organisations invited (offices, banks, NGOs): each hears of its own invitation only.
  [WebhookEventType.CASE_CONFERENCE_INVITED]: [Role.HANDLER, Role.BANK, Role.INTAKE],
};

/** The roles that can be told of anything: those that may subscribe (the `webhooks` permission, auth/permissions.ts). */
export const SUBSCRIBING_ROLES: readonly Role[] = [...new Set(Object.values(WEBHOOK_EVENT_ROLES).flat())];

/** The name of graphile-worker's task that makes one attempt of a delivery (jobs/job-queue.ts). */
export const DELIVER_TASK = 'webhook_deliver';
/** graphile-worker's own retries of a job whose attempt failed with an error of ours (a database outage), not a receiver's failure. */
export const JOB_MAX_ATTEMPTS = 10;

/** Something to tell subscribers about, as a step writes it; the emitter adds the subject's summary. */
export interface WebhookEvent {
  type: WebhookEventType;
  occurredAt: Date;
  /** The complaint it is about: only organisations that can read it hear of it. */
  complaintId?: string;
  /** The disbursement issue it is about: only organisations that can read it hear of it. */
  disbursementIssueId?: string;
  /** Only this organisation hears of it (a referral: the one referred to). */
  onlyOrganisationId?: string;
  /**
   * A case conference's invitation: told to `onlyOrganisationId` (invited, so it reads the conference) whether or not
   * it can read the complaints; the body is `data` alone (ids, a time, a count).
   */
  caseConferenceId?: string;
  /** Ids and codes only: never a name, NIK, phone number or free text. */
  data?: Record<string, unknown>;
}

interface Candidate {
  subscriptionId: string;
  eventTypes: WebhookEventType[];
  organisationId: string;
  organisationName: string;
  kind: OrganisationKind;
  tier: Tier | null;
  jurisdictionCode: string | null;
  bankCode: string | null;
}

/**
 * Writes a delivery for each active subscription that may hear of each event,
 * and queues its first attempt — in the caller's transaction (a transactional
 * outbox): the deliveries exist if and only if the change they tell about
 * commits. Who may hear of it is decided here, once, by the same SQL scopes
 * the API reads with (complaintScopeSql, issueScopeSql): a subscription never
 * learns of a complaint its organisation could not read. One statement when
 * nobody subscribes to these event types; otherwise five, and one per
 * organisation subscribed, however many events.
 */
export async function emitWebhookEvents(manager: EntityManager, events: readonly WebhookEvent[], actor?: Principal | null): Promise<number> {
  if (events.length === 0) return 0;
  const named = actorOfBody(actor);
  const types = [...new Set(events.map((e) => e.type))];
  const candidates: Candidate[] = await manager.query(
    `SELECT s.id AS "subscriptionId", s.event_types::text[] AS "eventTypes", o.id AS "organisationId", o.name AS "organisationName",
            o.kind, o.tier, o.jurisdiction_region_code AS "jurisdictionCode", o.bank_code AS "bankCode"
       FROM webhook_subscriptions s JOIN organisations o ON o.id = s.organisation_id
      WHERE s.disabled_at IS NULL AND o.disabled_at IS NULL AND s.event_types && $1::webhook_event_type[]`,
    [types],
  );
  if (candidates.length === 0) return 0;

  const complaintIds = [...new Set(events.flatMap((e) => (e.complaintId ? [e.complaintId] : [])))];
  const issueIds = [...new Set(events.flatMap((e) => (e.disbursementIssueId ? [e.disbursementIssueId] : [])))];
  const seen = new Map<string, Set<string>>(); // organisation → the subjects it can read
  for (const organisation of uniqueBy(candidates, (c) => c.organisationId)) {
    seen.set(organisation.organisationId, await readableSubjects(manager, principalOf(organisation), complaintIds, issueIds));
  }

  const deliveries: { id: string; subscriptionId: string; organisationId: string; eventId: string; type: WebhookEventType; body: string; createdAt: Date }[] = [];
  const summaries = await subjectSummaries(manager, complaintIds, issueIds);
  for (const event of events) {
    const eventId = randomUUID();
    const invitation = event.caseConferenceId !== undefined && event.onlyOrganisationId !== undefined;
    const subject = event.complaintId ?? event.disbursementIssueId;
    if (!invitation && (!subject || !summaries.has(subject))) continue;
    for (const candidate of candidates) {
      if (!candidate.eventTypes.includes(event.type)) continue;
      if (!WEBHOOK_EVENT_ROLES[event.type].includes(ROLE_OF_KIND[candidate.kind])) continue;
      if (event.onlyOrganisationId && event.onlyOrganisationId !== candidate.organisationId) continue;
      if (!invitation && !seen.get(candidate.organisationId)!.has(subject!)) continue;
      const id = randomUUID();
      const body = JSON.stringify({
        id: toGlobalId('WebhookDelivery', id),
        eventId,
        type: event.type,
        occurredAt: event.occurredAt.toISOString(),
        data: invitation ? { ...event.data } : { ...summaries.get(subject!), ...event.data },
        ...named,
      });
      deliveries.push({ id, subscriptionId: candidate.subscriptionId, organisationId: candidate.organisationId, eventId, type: event.type, body, createdAt: event.occurredAt });
    }
  }
  if (deliveries.length === 0) return 0;

  await manager.query(
    `INSERT INTO webhook_deliveries (id, subscription_id, organisation_id, event_id, event_type, body, status, attempt_count, max_attempts, next_attempt_at, created_at)
     SELECT x.id, x.subscription_id, x.organisation_id, x.event_id, x.event_type, x.body, 'PENDING', 0, $7, x.created_at, x.created_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::webhook_event_type[], $6::text[], $8::timestamptz[])
         AS x(id, subscription_id, organisation_id, event_id, event_type, body, created_at)`,
    [
      deliveries.map((d) => d.id), deliveries.map((d) => d.subscriptionId), deliveries.map((d) => d.organisationId), deliveries.map((d) => d.eventId),
      deliveries.map((d) => d.type), deliveries.map((d) => d.body), ATTEMPTS_PER_DELIVERY, deliveries.map((d) => d.createdAt),
    ],
  );
  await queueAttempts(manager, deliveries.map((d) => ({ deliveryId: d.id, runAt: null })));
  return deliveries.length;
}

/**
 * Who acted, in a body: only when an organisation's client acted for one of its officers (docs/adr/0030-officers.md)
 * — the organisation and the officer (the organisation's id for them, their display name). A body of any other step
 * stays exactly as it was (no `actor`), as receivers built before officers read it.
 */
function actorOfBody(actor: Principal | null | undefined): { actor?: Record<string, unknown> } {
  if (actor?.kind !== 'client' || !actor.officer) return {};
  return {
    actor: {
      organisation: { id: toGlobalId('Organisation', actor.organisationId), name: actor.organisationName },
      officer: { id: actor.officer.externalId, name: actor.officer.displayName },
    },
  };
}

/**
 * Queues attempts in graphile-worker's table, in the caller's transaction:
 * one job per delivery, keyed by it, so queueing one again replaces the
 * waiting job instead of adding a second. Before the job runner has ever
 * started on this database its schema does not exist yet; the deliveries then
 * wait in their table, and the runner's sweep (webhook-sweep.ts) queues them.
 */
export async function queueAttempts(manager: EntityManager, attempts: readonly { deliveryId: string; runAt: Date | null }[]): Promise<void> {
  if (attempts.length === 0) return;
  const [{ ready }] = await manager.query(`SELECT to_regnamespace('graphile_worker') IS NOT NULL AS ready`);
  if (!ready) return;
  await manager.query(
    `SELECT graphile_worker.add_job($1, json_build_object('deliveryId', x.id), run_at => x.run_at, max_attempts => $2, job_key => 'webhook:' || x.id)
       FROM unnest($3::uuid[], $4::timestamptz[]) AS x(id, run_at)`,
    [DELIVER_TASK, JOB_MAX_ATTEMPTS, attempts.map((a) => a.deliveryId), attempts.map((a) => a.runAt)],
  );
}

/** An organisation as the scopes see a caller of its: its role, jurisdiction and tier. */
function principalOf(organisation: Candidate): ClientPrincipal {
  return {
    kind: 'client', apiClientId: '', clientId: '', administrator: false, requestsPerMinute: null,
    organisationId: organisation.organisationId, organisationKind: organisation.kind, organisationName: organisation.organisationName,
    role: ROLE_OF_KIND[organisation.kind], tier: organisation.tier, jurisdictionCode: organisation.jurisdictionCode, bankCode: organisation.bankCode,
  };
}

async function readableSubjects(manager: EntityManager, principal: ClientPrincipal, complaintIds: string[], issueIds: string[]): Promise<Set<string>> {
  const readable = new Set<string>();
  if (complaintIds.length > 0) {
    const params: unknown[] = [complaintIds];
    const rows: { id: string }[] = await manager.query(`SELECT c.id FROM complaints c WHERE c.id = ANY($1::uuid[]) AND (${complaintScopeSql(principal, params)})`, params);
    for (const row of rows) readable.add(row.id);
  }
  if (issueIds.length > 0) {
    const params: unknown[] = [issueIds];
    const rows: { id: string }[] = await manager.query(`SELECT i.id FROM disbursement_issues i WHERE i.id = ANY($1::uuid[]) AND (${issueScopeSql(principal, params)})`, params);
    for (const row of rows) readable.add(row.id);
  }
  return readable;
}

/**
 * The subject of each event as it stands in this transaction, thin: ids,
 * codes, states and times that any organisation told of it may read. Details
 * (the complainant, the description) are for the API, which decides what each
 * caller sees of them.
 */
async function subjectSummaries(manager: EntityManager, complaintIds: string[], issueIds: string[]): Promise<Map<string, Record<string, unknown>>> {
  const summaries = new Map<string, Record<string, unknown>>();
  if (complaintIds.length > 0) {
    const rows: { id: string; trackingCode: string; status: string; currentTier: string; version: number; updatedAt: Date }[] = await manager.query(
      `SELECT id, tracking_code AS "trackingCode", status, current_tier AS "currentTier", version, updated_at AS "updatedAt"
         FROM complaints WHERE id = ANY($1::uuid[])`,
      [complaintIds],
    );
    for (const row of rows) {
      summaries.set(row.id, {
        complaint: {
          id: toGlobalId('Complaint', row.id), trackingCode: row.trackingCode, status: row.status, currentTier: row.currentTier,
          version: row.version, updatedAt: row.updatedAt.toISOString(),
        },
      });
    }
  }
  if (issueIds.length > 0) {
    const rows: { id: string; batchId: string; programCode: string; period: string; status: string; resolvedAt: Date | null; resentOn: string | null }[] = await manager.query(
      `SELECT id, batch_id AS "batchId", program_code AS "programCode", period, status, resolved_at AS "resolvedAt", resent_on::text AS "resentOn"
         FROM disbursement_issues WHERE id = ANY($1::uuid[])`,
      [issueIds],
    );
    for (const row of rows) {
      summaries.set(row.id, {
        disbursementIssue: {
          id: toGlobalId('DisbursementIssue', row.id), batchId: toGlobalId('DisbursementBatch', row.batchId), programCode: row.programCode,
          period: row.period, status: row.status, resolvedAt: row.resolvedAt?.toISOString() ?? null, resentOn: row.resentOn,
        },
      });
    }
  }
  return summaries;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
