import { DataSource, EntityManager } from 'typeorm';
import { ComplaintStatus, Tier, TIER_ORDER, TimeZone } from '../common/enums';
import { ComplaintEventType, EventVisibility } from '../complaints/complaint-event.entity';
import { appendEvent } from '../complaints/complaint-events';
import { COMPLAINT_COLUMNS, ComplaintRow } from '../complaints/complaint.row';
import { applyChange } from '../complaints/complaint-change';
import { notifyComplaintChange } from '../notifications/queue-notifications';
import { countSlaBreaches } from '../metrics';
import { emitWebhookEvents, slaBreached, statusChanged, WebhookEvent } from '../webhooks';
import { escalationStep } from './escalation-step';
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
 * change re-checks its condition, so overlapping runs never act twice.
 */
export async function sweepSla(dataSource: DataSource, now: Date): Promise<SweepResult> {
  const result: SweepResult = { escalated: 0, breachedAtNational: 0, closed: 0, archived: 0 };
  await ensureDaysOffCalendar(dataSource); // days off recorded by another process count within a minute
  // Every breached row taken is changed (escalated, or marked breached at national), so
  // batches drain the backlog; the cap bounds one run, the next minute continues.
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
    const breachedTiers: Tier[] = [];
    const n = await dataSource.transaction((m) => escalateBreached(dataSource, m, now, result, breachedTiers));
    countSlaBreaches(breachedTiers);
    if (n < BATCH) break;
  }
  // One batch each a run: candidates may be skipped (not yet 10 working days), so they are not drained in a loop.
  await dataSource.transaction((m) => closeSilentResolved(m, now, result));
  await dataSource.transaction((m) => archiveUnanswered(m, now, result));
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
  // Not yet marked breached for the current stage: a national complaint is marked once, not every minute.
  const rows = await lockRows(manager,
    `c.status IN ('RECEIVED', 'VERIFIED', 'IN_PROGRESS') AND c.due_at < $1
     AND NOT EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = c.id AND e.type = 'SLA_BREACHED' AND e.occurred_at >= c.sla_started_at)`,
    [now]);
  for (const row of rows) {
    const at = TIER_ORDER.indexOf(row.currentTier);
    await appendEvent(manager, {
      complaintId: row.id, type: ComplaintEventType.SLA_BREACHED, visibility: EventVisibility.INTERNAL, actor: null, at: now,
      data: { dueAt: row.dueAt?.toISOString(), tier: row.currentTier },
    });
    breachedTiers.push(row.currentTier);
    if (row.currentTier === Tier.NATIONAL) {
      result.breachedAtNational += 1;
      continue;
    }
    const step = await escalationStep({
      dataSource, manager, row, toTier: TIER_ORDER[at + 1], zone: row.timeZone, now, reason: AUTO_ESCALATION_REASON, actorClientId: null,
    });
    await applyChange({ now: () => now }, manager, null, row, step);
    result.escalated += 1;
  }
  // Told once for the batch, after the escalations: subscribers read each complaint as it now stands.
  await emitWebhookEvents(manager, rows.map((row) => slaBreached(row.id, { tier: row.currentTier, dueAt: row.dueAt }, now)));
  return rows.length;
}

async function closeSilentResolved(manager: EntityManager, now: Date, result: SweepResult): Promise<void> {
  // 10 working days are at least 14 calendar days; the exact check is per row, in the region's zone.
  const candidates = await lockRows(manager, `c.status = 'RESOLVED' AND c.resolved_at < $1::timestamptz - interval '14 days'`, [now]);
  const closed: WebhookEvent[] = [];
  for (const row of candidates) {
    if (addWorkingDays(row.resolvedAt!, AUTO_CLOSE_WORKING_DAYS, row.timeZone) > now) continue;
    await manager.query(`UPDATE complaints SET status = 'CLOSED', closed_at = $2, version = version + 1, updated_at = $2 WHERE id = $1`, [row.id, now]);
    await appendEvent(manager, {
      complaintId: row.id, type: ComplaintEventType.CLOSED, visibility: EventVisibility.PUBLIC, actor: null, at: now,
      fromStatus: ComplaintStatus.RESOLVED, toStatus: ComplaintStatus.CLOSED, message: AUTO_CLOSE_MESSAGE,
    });
    await notifyComplaintChange(manager, null, row, { ...row, status: ComplaintStatus.CLOSED }, [{ type: ComplaintEventType.CLOSED, visibility: EventVisibility.PUBLIC }], now); // notifications (ADR 0025): drop once this close goes through applyChange
    closed.push(statusChanged(row.id, ComplaintStatus.RESOLVED, now));
    result.closed += 1;
  }
  await emitWebhookEvents(manager, closed);
}

async function archiveUnanswered(manager: EntityManager, now: Date, result: SweepResult): Promise<void> {
  const rows = await lockRows(manager, `c.status = 'PENDING_INFO' AND c.sla_paused_at < $1::timestamptz - interval '${PENDING_INFO_ARCHIVE_DAYS} days'`, [now]);
  const archived: WebhookEvent[] = [];
  for (const row of rows) {
    await manager.query(`UPDATE complaints SET status = 'REJECTED', version = version + 1, updated_at = $2 WHERE id = $1`, [row.id, now]);
    await appendEvent(manager, {
      complaintId: row.id, type: ComplaintEventType.REJECTED, visibility: EventVisibility.PUBLIC, actor: null, at: now,
      fromStatus: ComplaintStatus.PENDING_INFO, toStatus: ComplaintStatus.REJECTED, message: ARCHIVE_MESSAGE, data: { reason: 'NO_RESPONSE' },
    });
    await notifyComplaintChange(manager, null, row, { ...row, status: ComplaintStatus.REJECTED }, [{ type: ComplaintEventType.REJECTED, visibility: EventVisibility.PUBLIC, message: ARCHIVE_MESSAGE, data: { reason: 'NO_RESPONSE' } }], now); // notifications (ADR 0025): drop once this archive goes through applyChange
    archived.push(statusChanged(row.id, ComplaintStatus.PENDING_INFO, now));
    result.archived += 1;
  }
  await emitWebhookEvents(manager, archived);
}
