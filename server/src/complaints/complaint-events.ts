import { EntityManager } from 'typeorm';
import { Principal } from '../auth/principal';
import { ComplaintStatus, Tier } from '../common/enums';
import { ComplaintEventType, EventVisibility } from './complaint-event.entity';

export interface NewEvent {
  complaintId: string;
  type: ComplaintEventType;
  visibility: EventVisibility;
  /** Who acted; null when the system did (scheduler, intake routing). */
  actor: Principal | null;
  fromStatus?: ComplaintStatus | null;
  toStatus?: ComplaintStatus | null;
  fromTier?: Tier | null;
  toTier?: Tier | null;
  message?: string | null;
  /** Ids and codes only, never personal data. */
  data?: Record<string, unknown>;
  at?: Date;
}

/**
 * Appends to a complaint's timeline. Call it inside the transaction that
 * changed the complaint: the complaint's row lock (taken by that change)
 * serialises events per complaint, so `seq` has no gaps and no doubles.
 */
export async function appendEvent(manager: EntityManager, event: NewEvent): Promise<void> {
  const actor = event.actor?.kind === 'client' ? event.actor : null;
  await manager.query(
    `INSERT INTO complaint_events
       (complaint_id, seq, type, visibility, actor_client_id, actor_organisation_id, from_status, to_status, from_tier, to_tier, message, data, occurred_at,
        actor_officer_id, actor_officer_name)
     VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM complaint_events WHERE complaint_id = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12, now()), $13, $14)`,
    [
      event.complaintId, event.type, event.visibility, actor?.apiClientId ?? null, actor?.organisationId ?? null,
      event.fromStatus ?? null, event.toStatus ?? null, event.fromTier ?? null, event.toTier ?? null,
      event.message ?? null, JSON.stringify(event.data ?? {}), event.at ?? null,
      // The officer the client acted for (docs/adr/0030-officers.md), with their name as it is now.
      actor?.officer?.rowId ?? null, actor?.officer?.displayName ?? null,
    ],
  );
}
