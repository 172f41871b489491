import { DataSource, EntityManager } from 'typeorm';
import { ComplaintStatus, Tier, TIER_ORDER, TimeZone } from '../common/enums';
import { ComplaintEventType, EventVisibility } from '../complaints/complaint-event.entity';
import { COMPLAINT_COLUMNS, ComplaintRow } from '../complaints/complaint.row';
import { applyChange } from '../complaints/complaint-change';
import { countSlaBreaches } from '../metrics';
import { emitWebhookEvents, slaBreached } from '../webhooks';
import { escalationStep } from './escalation-step';
import { withDeferredOfficeRecords } from '../office-records/office-record-refresh';
import { ensureDaysOffCalendar } from './days-off/days-off.service';
import { addWorkingDays } from './working-days';

/** SP4N-LAPOR!: a resolved complaint closes 10 working days after the answer if the complainant is silent. */
export const AUTO_CLOSE_WORKING_DAYS = 10;
/** SP4N-LAPOR!: an incomplete complaint is archived after 30 days without an answer. */
export const PENDING_INFO_ARCHIVE_DAYS = 30;
/** Rows handled per transaction: keeps locks short when a backlog builds up. */
const BATCH = 200;
const MAX_BATCHES_PER_RUN = 50;

export const AUTO_ESCALATION_REASON = 'Batas waktu penanganan terlampaui; pengaduan diteruskan otomatis ke tingkat berikutnya.';
export const AUTO_CLOSE_MESSAGE = 'Pengaduan ditutup otomatis karena tidak ada tanggapan dalam 10 hari kerja setelah penyelesaian.';
export const ARCHIVE_MESSAGE = 'Pengaduan diarsipkan karena kelengkapan data yang diminta tidak diterima dalam 30 hari.';

export interface SweepResult { escalated: number; breachedAtNational: number; closed: number; archived: number }

/**
 * The SLA scheduler's work, run by the job queue every minute (jobs/job-queue.ts)
 * and by tests with a controlled clock: escalate breached complaints one tier,
 * close resolved ones after 10 silent working days, archive unanswered requests
 * for information after 30 days. Rows are taken FOR UPDATE SKIP LOCKED, and each
 * change re-checks its condition, so overlapping runs never act twice. Every
 * change goes through applyChange (complaints/complaint-change.ts): version + 1,
 * its events, its webhooks — the same door a handler's step goes through.
 */
export async function sweepSla(dataSource: DataSource, now: Date): Promise<SweepResult> {
  const result: SweepResult = { escalated: 0, breachedAtNational: 0, closed: 0, archived: 0 };
  await ensureDaysOffCalendar(dataSource); // days off recorded by another process count within a minute
  // Every breached row taken is changed (escalated, or marked breached at national), so
  // batches drain the backlog; the cap bounds one run, the next minute continues.
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
    const breachedTiers: Tier[] = [];
    const n = await dataSource.transaction((m) => withDeferredOfficeRecords(m, () => escalateBreached(dataSource, m, now, result, breachedTiers)));
    countSlaBreaches(breachedTiers);
    if (n < BATCH) break;
  }
  // One batch each a run: candidates may be skipped (not yet 10 working days), so they are not drained in a loop.
  // Each batch's offices' records refreshed once at its end (docs/adr/0036-office-records.md).
  await dataSource.transaction((m) => withDeferredOfficeRecords(m, () => closeSilentResolved(m, now, result)));
  await dataSource.transaction((m) => withDeferredOfficeRecords(m, () => archiveUnanswered(m, now, result)));
  return result;
}

async function lockRows(manager: EntityManager, where: string, params: unknown[]): Promise<(ComplaintRow & { timeZone: TimeZone })[]> {
  return manager.query(
    `SELECT ${COMPLAINT_COLUMNS}, r.time_zone AS "timeZone" FROM complaints c JOIN regions r ON r.code = c.region_code
      WHERE ${where} ORDER BY c.due_at NULLS LAST LIMIT ${BATCH} FOR UPDATE OF c SKIP LOCKED`,
    params,
  );
}

async function escalateBreached(dataSource: DataSource, manager: EntityManager, now: Date, result: SweepResult, breachedTiers: Tier[]): Promise<number> {
  // Breached and not yet acted on for the current stage. Below national a breach escalates: the ESCALATED event names
  // it (data.breach) and the new tier's stage starts now with a later due time, so the next breach is the new tier's
  // own (before, the breach was a separate event stamped at the new stage's very start, counted for the new tier, and
  // a complaint moved up once never moved again). At national the SLA_BREACHED event marks the stage once, not every
  // minute: only one strictly after the stage's start counts for it.
  const rows = await lockRows(manager,
    `c.status IN ('RECEIVED', 'VERIFIED', 'IN_PROGRESS') AND c.due_at < $1
     AND NOT EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'SLA_BREACHED' AND e.occurred_at > c.sla_started_at)`,
    [now]);
  const clock = { now: () => now };
  for (const row of rows) {
    const at = TIER_ORDER.indexOf(row.currentTier);
    breachedTiers.push(row.currentTier);
    const breach = { dueAt: row.dueAt?.toISOString(), tier: row.currentTier };
    if (row.currentTier === Tier.NATIONAL) {
      // Nowhere higher to go: the breach is the step, marked once for the stage.
      await applyChange(clock, manager, null, row, {
        set: {}, events: [{ type: ComplaintEventType.SLA_BREACHED, visibility: EventVisibility.INTERNAL, at: now, data: breach }],
      });
      result.breachedAtNational += 1;
      continue;
    }
    const step = await escalationStep({
      dataSource, manager, row, toTier: TIER_ORDER[at + 1], zone: row.timeZone, now, reason: AUTO_ESCALATION_REASON, actorClientId: null,
    });
    // One step, one version, one event: the escalation, which names the breach that caused it (data.breach) — the
    // next stage starts now with a later due time, so the sweep cannot take it again for this breach.
    await applyChange(clock, manager, null, row, {
      ...step, events: step.events.map((event) => ({ ...event, data: { ...event.data, breach } })),
    });
    result.escalated += 1;
  }
  // Told once for the batch, after the escalations: subscribers read each complaint as it now stands.
  await emitWebhookEvents(manager, rows.map((row) => slaBreached(row.id, { tier: row.currentTier, dueAt: row.dueAt }, now)));
  return rows.length;
}

/** Resolved and silent for 10 working days: CLOSED, through applyChange like every change (status webhook included). */
async function closeSilentResolved(manager: EntityManager, now: Date, result: SweepResult): Promise<void> {
  // 10 working days are at least 14 calendar days; the exact check is per row, in the region's zone.
  const candidates = await lockRows(manager, `c.status = 'RESOLVED' AND c.resolved_at < $1::timestamptz - interval '14 days'`, [now]);
  for (const row of candidates) {
    if (addWorkingDays(row.resolvedAt!, AUTO_CLOSE_WORKING_DAYS, row.timeZone) > now) continue;
    await applyChange({ now: () => now }, manager, null, row, {
      set: { status: ComplaintStatus.CLOSED, closed_at: now },
      events: [{ type: ComplaintEventType.CLOSED, visibility: EventVisibility.PUBLIC, message: AUTO_CLOSE_MESSAGE, at: now }],
    });
    result.closed += 1;
  }
}

/** Waiting 30 days for the complainant: archived as REJECTED (NO_RESPONSE), through applyChange. */
async function archiveUnanswered(manager: EntityManager, now: Date, result: SweepResult): Promise<void> {
  const rows = await lockRows(manager, `c.status = 'PENDING_INFO' AND c.sla_paused_at < $1::timestamptz - interval '${PENDING_INFO_ARCHIVE_DAYS} days'`, [now]);
  for (const row of rows) {
    await applyChange({ now: () => now }, manager, null, row, {
      set: { status: ComplaintStatus.REJECTED },
      events: [{ type: ComplaintEventType.REJECTED, visibility: EventVisibility.PUBLIC, message: ARCHIVE_MESSAGE, data: { reason: 'NO_RESPONSE' }, at: now }],
    });
    result.archived += 1;
  }
}
