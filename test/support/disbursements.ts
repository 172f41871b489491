import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

export const REPORT = `mutation Report($input: ReportDisbursementIssuesInput!) {
  reportDisbursementIssues(input: $input) {
    batch { id period itemCount acceptedCount rejectedCount createdAt program { code } bank { bankCode } }
    results { index issue { id index nik amount failureCode occurredOn status period } userErrors { field code message } }
    userErrors { field code message }
  }
}`;

export const RESOLVE = `mutation Resolve($input: ResolveDisbursementIssueInput!) {
  resolveDisbursementIssue(input: $input) {
    issue { id status resolvedAt resentOn resolutionNote linkedComplaints { id trackingCode } }
    userErrors { field code message }
  }
}`;

export interface Item { nik: string; amount: number; failureCode: string; occurredOn: string }

export function reportInput(items: Item[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { idempotencyKey: randomUUID(), programCode: 'BPNT', period: '2026-10', items, ...overrides };
}

export function item(nik: string, overrides: Partial<Item> = {}): Item {
  return { nik, amount: 200_000, failureCode: 'ACCOUNT_DORMANT', occurredOn: '2026-10-15', ...overrides };
}

export interface DemoDisbursement {
  disbursementId: string;
  recipientId: string;
  nik: string;
  kkNumber: string;
  regionCode: string;
  amount: number;
  status: string;
}

/**
 * Disbursements of the demo data made by a bank in a programme and month, with
 * their recipient; `quiet` keeps only families no demo complaint is about, so a
 * test's links are the test's own.
 */
export async function demoDisbursements(
  db: { dataSource: DataSource }, bankCode: string, programCode: string, period: string,
  options: { status?: string; regionPrefix?: string; quiet?: boolean } = {},
): Promise<DemoDisbursement[]> {
  return db.dataSource.query(
    `SELECT d.id AS "disbursementId", r.id AS "recipientId", r.nik, r.kk_number AS "kkNumber", r.region_code AS "regionCode",
            d.amount::int AS amount, d.status
       FROM disbursements d
       JOIN program_enrolments e ON e.id = d.enrolment_id
       JOIN recipients r ON r.id = e.recipient_id
       JOIN organisations o ON o.id = d.bank_organisation_id
      WHERE o.bank_code = $1 AND e.program_code = $2 AND d.period = $3
        AND ($4::text IS NULL OR d.status::text = $4)
        AND ($5::text IS NULL OR r.region_code LIKE $5 || '%')
        AND (NOT $6 OR NOT EXISTS (
              SELECT 1 FROM complaints c JOIN recipients m ON m.id = c.subject_recipient_id OR (c.subject_recipient_id IS NULL AND m.nik = c.subject_nik)
               WHERE m.kk_number = r.kk_number))
        AND NOT EXISTS (SELECT 1 FROM disbursement_issues i WHERE i.disbursement_id = d.id)
      ORDER BY r.nik`,
    [bankCode, programCode, period, options.status ?? null, options.regionPrefix ?? null, options.quiet ?? false],
  );
}

/** A family member other than the head, when the family has one (else the head). */
export async function familyMember(db: { dataSource: DataSource }, kkNumber: string, notNik: string): Promise<string> {
  const [row] = await db.dataSource.query(
    `SELECT nik FROM recipients WHERE kk_number = $1 ORDER BY (nik = $2), is_family_head, nik LIMIT 1`, [kkNumber, notNik],
  );
  return row.nik;
}

export async function count(db: { dataSource: DataSource }, table: string, where = 'TRUE', params: unknown[] = []): Promise<number> {
  const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return n;
}

/** Row counts of everything a report may write. */
export async function footprint(db: { dataSource: DataSource }): Promise<Record<string, number>> {
  const tables = ['disbursement_batches', 'disbursement_issues', 'complaint_disbursement_links', 'complaint_events', 'referrals', 'idempotency_records'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await count(db, table);
  const [{ failed }] = await db.dataSource.query(`SELECT count(*)::int AS failed FROM disbursements WHERE status = 'FAILED'`);
  counts.failedDisbursements = failed;
  return counts;
}
