import { ComplaintStatus, Tier } from '../common/enums';
import { ComplaintEventType } from '../complaints/complaint-event.entity';
import { toGlobalId } from '../graphql/global-id';
import type { WebhookEvent } from './emit-webhook-events';
import { WebhookEventType } from './webhook.entity';

/**
 * The events, as the steps that cause them describe them. Each carries only
 * what is specific to it (the status before, the breached tier, the referral);
 * emitWebhookEvents adds the subject's summary as it stands after the change.
 */
export function statusChanged(complaintId: string, previousStatus: ComplaintStatus, at: Date): WebhookEvent {
  return { type: WebhookEventType.COMPLAINT_STATUS_CHANGED, complaintId, occurredAt: at, data: { previousStatus } };
}

/** Told only to the organisation referred to. */
export function referred(complaintId: string, referralId: string, toOrganisationId: string, at: Date): WebhookEvent {
  return {
    type: WebhookEventType.COMPLAINT_REFERRED, complaintId, occurredAt: at, onlyOrganisationId: toOrganisationId,
    data: { referral: { id: toGlobalId('Referral', referralId), organisationId: toGlobalId('Organisation', toOrganisationId) } },
  };
}

export function slaBreached(complaintId: string, breach: { tier: Tier; dueAt: Date | null }, at: Date): WebhookEvent {
  return { type: WebhookEventType.COMPLAINT_SLA_BREACHED, complaintId, occurredAt: at, data: { breach: { tier: breach.tier, dueAt: breach.dueAt?.toISOString() ?? null } } };
}

export function disbursementIssueResolved(disbursementIssueId: string, at: Date): WebhookEvent {
  return { type: WebhookEventType.DISBURSEMENT_ISSUE_RESOLVED, disbursementIssueId, occurredAt: at };
}

/**
 * What one accepted change to a complaint (complaint-change.ts applyChange)
 * tells: its status change, if any, and each referral among its events.
 * Every change goes through applyChange, so this is where a referral is told.
 */
export function complaintChangeEvents(
  before: { id: string; status: ComplaintStatus }, after: { status: ComplaintStatus },
  events: readonly { type: ComplaintEventType; data?: Record<string, unknown> }[], at: Date,
): WebhookEvent[] {
  const told: WebhookEvent[] = [];
  if (before.status !== after.status) told.push(statusChanged(before.id, before.status, at));
  const referrals = new Set<string>();
  for (const event of events) {
    const referralId = event.data?.referralId;
    // A referral by an office or at intake (REFERRED), or made with the link to a bank's report (DISBURSEMENT_ISSUE_LINKED,
    // several links to one bank sharing its one referral): told once.
    const toOrganisationId = event.type === ComplaintEventType.REFERRED ? event.data?.toOrganisationId
      : event.type === ComplaintEventType.DISBURSEMENT_ISSUE_LINKED ? event.data?.bankOrganisationId : undefined;
    if (typeof referralId === 'string' && typeof toOrganisationId === 'string' && !referrals.has(referralId)) {
      referrals.add(referralId);
      told.push(referred(before.id, referralId, toOrganisationId, at));
    }
  }
  return told;
}
