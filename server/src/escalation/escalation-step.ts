import { DataSource, EntityManager } from 'typeorm';
import { ComplaintStatus, SlaStage, Tier, TimeZone } from '../common/enums';
import { ComplaintEventType, EventVisibility } from '../complaints/complaint-event.entity';
import type { Accepted } from '../complaints/complaint-change';
import { ComplaintRow } from '../complaints/complaint.row';
import { officeFor } from '../complaints/offices';
import { stageDueAt } from './sla-policy.service';

/**
 * What moving a complaint up to `toTier` changes, the same whether a handler
 * escalates or the SLA scheduler does: the office of that tier takes it, with a
 * fresh resolution clock for the tier; an ESCALATED event and an `escalations`
 * row record who (null: the scheduler), from, to and why; the event names the office it went to (the offices'
 * records count it there, docs/adr/0036-office-records.md). Applied with applyChange.
 */
export async function escalationStep(args: {
  dataSource: DataSource;
  manager: EntityManager;
  row: ComplaintRow;
  toTier: Tier;
  zone: TimeZone;
  now: Date;
  reason: string;
  actorClientId: string | null;
}): Promise<Accepted> {
  const { row, toTier, now, reason } = args;
  const office = await officeFor(args.manager, row.regionCode, toTier);
  const due = await stageDueAt(args.dataSource, { stage: SlaStage.RESOLUTION, tier: toTier, category: row.category, programCode: row.programCode }, now, args.zone);
  const status = row.status === ComplaintStatus.RECEIVED ? ComplaintStatus.RECEIVED : ComplaintStatus.IN_PROGRESS;
  const automatic = args.actorClientId === null;
  return {
    set: { current_tier: toTier, assigned_organisation_id: office?.id ?? null, assigned_officer_name: null, due_at: due, sla_started_at: now, status },
    events: [{ type: ComplaintEventType.ESCALATED, visibility: EventVisibility.PUBLIC, message: reason, data: { automatic, toOrganisationId: office?.id ?? null }, at: now }],
    after: async (manager) => {
      await manager.query(
        `INSERT INTO escalations (complaint_id, from_tier, to_tier, reason, automatic, actor_client_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [row.id, row.currentTier, toTier, reason, automatic, args.actorClientId, now],
      );
    },
  };
}
