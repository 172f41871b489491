import { withDeferredOfficeRecords } from '../office-records/office-record-refresh';
import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import { ComplaintCategory, ComplaintStatus, DisbursementIssueStatus } from '../common/enums';
import { ComplaintEventType, EventVisibility } from '../complaints/complaint-event.entity';
import { applyChange, ChangeEvent } from '../complaints/complaint-change';
import { COMPLAINT_COLUMNS, ComplaintRow } from '../complaints/complaint.row';
import { DisbursementIssueRow, ISSUE_COLUMNS } from './disbursement.types';

/**
 * Citizen complaints about a missing or failed payment and banks' reports of
 * failed transfers about the same family, programme and month are linked both
 * ways, whichever arrives first:
 *
 * - when a bank reports issues (linkNewIssues), open complaints that match are
 *   linked, and
 * - when a complaint is submitted (linkNewComplaint, called by submitComplaint
 *   inside its transaction), issues already reported that match are linked.
 *
 * A complaint matches an issue when
 *
 * - its category is NOT_RECEIVED, FAILED_TRANSFER or LATE_DISBURSEMENT;
 * - it is about the same programme (`program_code`);
 * - it is about the same family: its subject (subject_recipient_id, or
 *   subject_nik when the NIK is not in the register) has the KK number of the
 *   issue's recipient — the enrolment is the family head's, but the complaint may
 *   name the spouse;
 * - and its reference date falls in the issue's month or the month after: the
 *   date it happened (occurred_on) when given, else the day it was received
 *   (in WIB). Transfers land from the 5th to the 25th, so a payment missing in
 *   October is complained about in October or in November; a complaint in
 *   December is about a later payment.
 *
 * A bank's report links only complaints still being handled (not resolved,
 * closed, rejected or merged): a finished complaint is not reopened by it. A
 * new complaint links to issues whatever their status; an issue resolved
 * already gives the complaint its outcome at once.
 *
 * Each link gets a public DISBURSEMENT_ISSUE_LINKED event on the complaint, and
 * the bank a referral of the complaint when it has none (so the bank sees it,
 * masked, through the complaint scope). Nothing personal goes into event data.
 * The complaints change through applyChange (complaints/complaint-change.ts),
 * as every change does: one version for each complaint's links, the events,
 * the COMPLAINT_REFERRED webhook to the bank (docs/adr/0027-one-door.md).
 */

export const LINKED_CATEGORIES: readonly ComplaintCategory[] = [
  ComplaintCategory.NOT_RECEIVED, ComplaintCategory.FAILED_TRANSFER, ComplaintCategory.LATE_DISBURSEMENT,
];

/** Complaints a bank's report may still link (and change). */
const LINKABLE_STATUSES: readonly ComplaintStatus[] = [
  ComplaintStatus.RECEIVED, ComplaintStatus.VERIFIED, ComplaintStatus.IN_PROGRESS, ComplaintStatus.PENDING_INFO,
];

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** `2026-10` → `Oktober 2026`. */
export function periodLabel(period: string): string {
  const [year, month] = period.split('-');
  return `${MONTHS_ID[Number(month) - 1]} ${year}`;
}

/** `2026-11-05` → `5 November 2026`. */
export function dateLabel(date: string): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${MONTHS_ID[Number(month) - 1]} ${year}`;
}

/**
 * Reports, resolutions and complaint submissions about one programme and month
 * take this transaction-level advisory lock before they look at each other's
 * rows — reports and resolutions exclusively, submissions shared (they do not
 * wait for each other) — so that whichever commits second sees the first: a
 * complaint and a report that arrive together are still linked.
 */
const LINK_LOCK_CLASS = 0x4c696e6b; // "Link"

export async function lockLinkingExclusive(manager: EntityManager, programCode: string, period: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LINK_LOCK_CLASS, `${programCode}:${period}`]);
}

async function lockLinkingShared(manager: EntityManager, programCode: string, periods: string[]): Promise<void> {
  await manager.query(
    'SELECT pg_advisory_xact_lock_shared($1, hashtext(k)) FROM unnest($2::text[]) AS k ORDER BY k',
    [LINK_LOCK_CLASS, periods.map((period) => `${programCode}:${period}`)],
  );
}

/** The month before `YYYY-MM`. */
function previousPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The reference month window of the period match, as SQL on a date expression and a `YYYY-MM` expression. */
function inPeriodWindowSql(date: string, period: string): string {
  return `(${date} >= to_date(${period}, 'YYYY-MM') AND ${date} < to_date(${period}, 'YYYY-MM') + interval '2 months')`;
}

/** A complaint's reference date: when it happened, else the day it was received in WIB. */
const COMPLAINT_REFERENCE_DATE = `coalesce(c.occurred_on, (c.created_at AT TIME ZONE 'Asia/Jakarta')::date)`;

export function linkedMessage(bankName: string, programCode: string, period: string): string {
  return `${bankName} selaku bank penyalur melaporkan bahwa transfer bantuan ${programCode} periode ${periodLabel(period)} ke rekening keluarga ini gagal. `
    + 'Laporan bank tersebut kini ditangani bersama pengaduan ini.';
}

/** The public answer a resolution gives every linked complaint (Bahasa Indonesia: the tracker shows it). */
export function resolutionMessage(issue: Pick<DisbursementIssueRow, 'status' | 'programCode' | 'period' | 'resentOn'>, bankName: string): string {
  const what = `bantuan ${issue.programCode} periode ${periodLabel(issue.period)}`;
  switch (issue.status) {
    case DisbursementIssueStatus.RESENT:
      return `Transfer ${what} yang sebelumnya gagal telah disalurkan ulang oleh ${bankName} pada ${dateLabel(issue.resentOn!)}. Silakan periksa saldo rekening penerima.`;
    case DisbursementIssueStatus.RETURNED_TO_TREASURY:
      return `Dana ${what} yang gagal ditransfer telah dikembalikan oleh ${bankName} ke kas negara. `
        + 'Dinas Sosial akan memeriksa data penerima agar bantuan dapat disalurkan kembali bila masih memenuhi syarat.';
    case DisbursementIssueStatus.DATA_CORRECTED:
      return `Data rekening penerima ${what} telah diperbaiki oleh ${bankName}. Bantuan akan disalurkan pada jadwal penyaluran berikutnya.`;
    case DisbursementIssueStatus.OPEN:
      throw new Error('resolutionMessage: the issue is still open');
  }
}

function referralReason(bankName: string, programCode: string, period: string): string {
  return `Terkait laporan gagal salur ${bankName}: transfer bantuan ${programCode} periode ${periodLabel(period)} ke keluarga ini gagal. `
    + 'Hasil penyelesaian laporan (resolveDisbursementIssue) disampaikan kepada pelapor.';
}

/** A public event on a linked complaint: its status and tier stay as they are. */
function linkEvent(type: ComplaintEventType, message: string, data: Record<string, unknown>): ChangeEvent {
  return { type, visibility: EventVisibility.PUBLIC, message, data };
}

/** Complaints by id, locked FOR UPDATE in id order (no deadlock with other steps locking them), as applyChange takes them. */
async function lockForChange(manager: EntityManager, ids: string[], where: string, params: unknown[] = []): Promise<ComplaintRow[]> {
  return manager.query(
    `SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = ANY($1::uuid[]) AND ${where} ORDER BY c.id FOR UPDATE`,
    [ids, ...params],
  );
}

/** Groups events by complaint, in order. */
function byComplaint<T extends { complaintId: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.complaintId, [...(groups.get(item.complaintId) ?? []), item]);
  return groups;
}

/** Links rows (ignoring pairs linked already); answers the pairs it inserted. */
async function insertLinks(manager: EntityManager, pairs: { complaintId: string; issueId: string }[], at: Date) {
  if (pairs.length === 0) return [];
  const rows: { complaintId: string; issueId: string }[] = await manager.query(
    `INSERT INTO complaint_disbursement_links (complaint_id, disbursement_issue_id, linked_at)
     SELECT x.complaint_id, x.issue_id, $3 FROM unnest($1::uuid[], $2::uuid[]) AS x(complaint_id, issue_id)
     ON CONFLICT DO NOTHING
     RETURNING complaint_id AS "complaintId", disbursement_issue_id AS "issueId"`,
    [pairs.map((p) => p.complaintId), pairs.map((p) => p.issueId), at],
  );
  return rows;
}

/**
 * Refers each complaint to the bank unless the bank has a referral of it
 * already (open or answered: either way the bank sees it). Answers the new
 * referral ids by complaint.
 */
async function referToBanks(
  manager: EntityManager, wanted: { complaintId: string; bankId: string; reason: string }[], at: Date,
): Promise<Map<string, string>> {
  if (wanted.length === 0) return new Map();
  const rows: { id: string; complaintId: string; bankId: string }[] = await manager.query(
    `INSERT INTO referrals (complaint_id, to_organisation_id, from_organisation_id, reason, status, created_at)
     SELECT DISTINCT ON (x.complaint_id, x.bank_id) x.complaint_id, x.bank_id, NULL::uuid, x.reason, 'OPEN'::referral_status, $4::timestamptz
       FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS x(complaint_id, bank_id, reason)
      WHERE NOT EXISTS (SELECT 1 FROM referrals r WHERE r.complaint_id = x.complaint_id AND r.to_organisation_id = x.bank_id)
     ON CONFLICT (complaint_id, to_organisation_id) WHERE status = 'OPEN' DO NOTHING
     RETURNING id, complaint_id AS "complaintId", to_organisation_id AS "bankId"`,
    [wanted.map((w) => w.complaintId), wanted.map((w) => w.bankId), wanted.map((w) => w.reason), at],
  );
  return new Map(rows.map((r) => [`${r.complaintId}:${r.bankId}`, r.id]));
}

export interface NewIssue { id: string; recipientId: string }

/**
 * After a bank's report: links the new issues (one programme and month, one
 * bank) to the open complaints they match. Five statements whatever the batch
 * size (the advisory lock, find, lock, link, refer; two when nothing matches),
 * then one change through applyChange for each complaint linked — few: most
 * failed transfers have no complaint yet. Every linked complaint gets a new
 * version (its timeline changed: whoever read it reads it again before
 * acting). Answers how many links were made.
 */
export async function linkNewIssues(
  manager: EntityManager,
  args: { issues: NewIssue[]; programCode: string; period: string; bank: { id: string; name: string }; at: Date },
): Promise<number> {
  const { issues, programCode, period, bank, at } = args;
  if (issues.length === 0) return 0;
  await lockLinkingExclusive(manager, programCode, period);
  const match = (join: string) => `
    SELECT c.id AS complaint_id, f.issue_id
      FROM family f JOIN complaints c ON ${join}
     WHERE c.program_code = $3 AND c.category = ANY($5::complaint_category[]) AND c.status = ANY($6::complaint_status[])
       AND ${inPeriodWindowSql(COMPLAINT_REFERENCE_DATE, '$4')}`;
  const candidates: { complaintId: string; issueId: string }[] = await manager.query(
    `WITH family AS (
       SELECT t.issue_id, m.id AS member_id, m.nik AS member_nik
         FROM unnest($1::uuid[], $2::uuid[]) AS t(issue_id, recipient_id)
         JOIN recipients r ON r.id = t.recipient_id
         JOIN recipients m ON m.kk_number = r.kk_number
     )
     SELECT DISTINCT x.complaint_id AS "complaintId", x.issue_id AS "issueId" FROM (
       ${match('c.subject_recipient_id = f.member_id')}
       UNION ALL
       ${match('c.subject_recipient_id IS NULL AND c.subject_nik = f.member_nik')}
     ) x`,
    [issues.map((i) => i.id), issues.map((i) => i.recipientId), programCode, period, LINKED_CATEGORIES, LINKABLE_STATUSES],
  );
  if (candidates.length === 0) return 0;

  // Lock in id order (no deadlock with other steps locking the same complaints); the status is checked again under the lock.
  const locked = await lockForChange(manager, [...new Set(candidates.map((c) => c.complaintId))], 'c.status = ANY($2::complaint_status[])', [LINKABLE_STATUSES]);
  const lockedIds = new Set(locked.map((r) => r.id));
  const links = await insertLinks(manager, candidates.filter((c) => lockedIds.has(c.complaintId)), at);
  if (links.length === 0) return 0;

  const complaintIds = [...new Set(links.map((l) => l.complaintId))];
  const reason = referralReason(bank.name, programCode, period);
  const referrals = await referToBanks(manager, complaintIds.map((complaintId) => ({ complaintId, bankId: bank.id, reason })), at);
  const message = linkedMessage(bank.name, programCode, period);
  // One change per complaint linked (its links' events, one version), through the one door.
  for (const [complaintId, own] of byComplaint(links)) {
    const referralId = referrals.get(`${complaintId}:${bank.id}`);
    await applyChange({ now: () => at }, manager, null, locked.find((r) => r.id === complaintId)!, {
      set: {},
      events: own.map((l) => linkEvent(ComplaintEventType.DISBURSEMENT_ISSUE_LINKED, message, {
        disbursementIssueId: l.issueId, bankOrganisationId: bank.id, programCode, period, ...(referralId ? { referralId } : {}),
      })),
    });
  }
  return links.length;
}

/**
 * After a complaint is submitted (in submitComplaint's transaction, the
 * complaint just inserted): links it to the issues already reported for its
 * family, programme and month, refers it to each bank that has no referral of
 * it yet, and appends the events — DISBURSEMENT_ISSUE_LINKED, and for an issue
 * resolved already, DISBURSEMENT_ISSUE_RESOLVED with the outcome, which the
 * tracker shows — one change through applyChange (a version, the webhooks).
 * Answers the complaint as it now stands.
 */
export async function linkNewComplaint(manager: EntityManager, complaint: ComplaintRow, at: Date): Promise<ComplaintRow> {
  if (!LINKED_CATEGORIES.includes(complaint.category)) return complaint;
  if (!complaint.subjectRecipientId && !complaint.subjectNik) return complaint;
  const referenceDate = complaint.occurredOn ?? wibDate(complaint.createdAt);
  await lockLinkingShared(manager, complaint.programCode, [referenceDate.slice(0, 7), previousPeriod(referenceDate.slice(0, 7))]);
  const issues: (DisbursementIssueRow & { bankName: string })[] = await manager.query(
    `WITH family AS (
       SELECT m.id FROM recipients s JOIN recipients m ON m.kk_number = s.kk_number
        WHERE CASE WHEN $1::uuid IS NOT NULL THEN s.id = $1::uuid ELSE s.nik = $2::char(16) END
     )
     SELECT ${ISSUE_COLUMNS}, o.name AS "bankName"
       FROM disbursement_issues i JOIN organisations o ON o.id = i.bank_organisation_id
      WHERE i.recipient_id IN (SELECT id FROM family) AND i.program_code = $3
        AND ${inPeriodWindowSql('$4::date', 'i.period')}
      ORDER BY i.created_at, i.batch_id, i.item_index`,
    [complaint.subjectRecipientId, complaint.subjectNik, complaint.programCode, referenceDate],
  );
  if (issues.length === 0) return complaint;
  const links = await insertLinks(manager, issues.map((i) => ({ complaintId: complaint.id, issueId: i.id })), at);
  const linked = issues.filter((i) => links.some((l) => l.issueId === i.id));
  const referrals = await referToBanks(manager, linked.map((i) => ({
    complaintId: complaint.id, bankId: i.bankOrganisationId, reason: referralReason(i.bankName, i.programCode, i.period),
  })), at);
  if (linked.length === 0) return complaint;
  const events: ChangeEvent[] = [];
  for (const issue of linked) {
    const referralId = referrals.get(`${complaint.id}:${issue.bankOrganisationId}`);
    events.push(linkEvent(ComplaintEventType.DISBURSEMENT_ISSUE_LINKED, linkedMessage(issue.bankName, issue.programCode, issue.period), {
      disbursementIssueId: issue.id, bankOrganisationId: issue.bankOrganisationId, programCode: issue.programCode, period: issue.period, ...(referralId ? { referralId } : {}),
    }));
    if (issue.status !== DisbursementIssueStatus.OPEN) {
      events.push(linkEvent(ComplaintEventType.DISBURSEMENT_ISSUE_RESOLVED, resolutionMessage(issue, issue.bankName), { disbursementIssueId: issue.id, outcome: issue.status }));
    }
  }
  // The complaint was inserted (or changed) in this transaction: its row lock is ours already.
  return (await applyChange({ now: () => at }, manager, null, complaint, { set: {}, events })).row;
}

/**
 * After a bank resolves an issue: every linked complaint gets a public
 * DISBURSEMENT_ISSUE_RESOLVED event with the outcome in Bahasa Indonesia (the
 * tracker shows it) and a new version, and the bank's open referrals of those
 * complaints are answered with the same text — the resolution is the bank's
 * answer. A linked complaint merged since (DUPLICATE) passes the news to the
 * complaint it was merged into, whose tracker its code shows; a rejected one
 * is left alone (its finished state stays as it was). Answers the ids of the
 * complaints told.
 */
export async function announceResolution(
  manager: EntityManager, principal: ClientPrincipal, issue: DisbursementIssueRow, bankName: string, at: Date,
): Promise<string[]> {
  const locked: ComplaintRow[] = await manager.query(
    `SELECT ${COMPLAINT_COLUMNS} FROM complaints c
      WHERE c.id IN (SELECT coalesce(k.duplicate_of_id, k.id)
                       FROM complaint_disbursement_links l JOIN complaints k ON k.id = l.complaint_id
                      WHERE l.disbursement_issue_id = $1)
        AND c.status NOT IN ('REJECTED', 'DUPLICATE')
      ORDER BY c.id FOR UPDATE`,
    [issue.id],
  );
  if (locked.length === 0) return [];
  const complaintIds = locked.map((r) => r.id);
  const message = resolutionMessage(issue, bankName);
  await manager.query(
    `UPDATE referrals SET status = 'ANSWERED', answer = $3, answered_at = $4
      WHERE complaint_id = ANY($1::uuid[]) AND to_organisation_id = $2 AND status = 'OPEN'`,
    [complaintIds, principal.organisationId, message, at],
  );
  // The bank's record (docs/adr/0036-office-records.md) refreshed once for all of them, at the end.
  await withDeferredOfficeRecords(manager, async () => {
    for (const row of locked) {
      await applyChange({ now: () => at }, manager, principal, row, {
        set: {},
        events: [linkEvent(ComplaintEventType.DISBURSEMENT_ISSUE_RESOLVED, message, {
          disbursementIssueId: issue.id, outcome: issue.status, ...(issue.resentOn ? { resentOn: issue.resentOn } : {}),
        })],
      });
    }
  });
  return complaintIds;
}

/** The calendar day in WIB (UTC+7) of an instant, `YYYY-MM-DD`. */
function wibDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
