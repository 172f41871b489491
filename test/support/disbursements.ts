import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seedBankDisbursements } from '../../server/src/demo/bank-disbursements';
import { wibToday } from './calendar';

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

/** A BPNT report of `period` (`YYYY-MM`); a test names its month, derived from the data or the database's clock (support/calendar.ts). */
export function reportInput(period: string, items: Item[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { idempotencyKey: randomUUID(), programCode: 'BPNT', period, items, ...overrides };
}

/** A failed transfer of Rp200.000 on `occurredOn` (`YYYY-MM-DD`, in the report's month or after it). */
export function item(nik: string, occurredOn: string, overrides: Partial<Item> = {}): Item {
  return { nik, amount: 200_000, failureCode: 'ACCOUNT_DORMANT', occurredOn, ...overrides };
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

/**
 * The month the database is in now (WIB), `YYYY-MM`, and today's date there:
 * the month of a test's own report when it needs one that a complaint received
 * today links to. An issue of this month that failed today is one the API
 * accepts, and a complaint received today or in the month after — the month
 * may turn while the test runs — falls in its link window, whatever the day.
 * Read it once per test file, and seed every family for that month.
 */
export async function thisMonth(db: { dataSource: DataSource }): Promise<{ period: string; today: string }> {
  const today = await wibToday(db);
  return { period: today.slice(0, 7), today };
}

/**
 * Families of the test's own: `count` family heads in a village (Sukarasa unless
 * told), each paid Rp200.000 of BPNT by BRI in `period`, no complaint about
 * them, nothing reported yet.
 */
export async function ownFamilies(
  db: { dataSource: DataSource }, period: string, options: { count: number; seriesStart: number; villageCode?: string },
): Promise<DemoDisbursement[]> {
  const villageCode = options.villageCode ?? '32.73.01.1001';
  const niks = await seedBankDisbursements(db.dataSource, {
    bankCode: 'BRI', programCode: 'BPNT', period, count: options.count, amount: 200_000, seriesStart: options.seriesStart, villageCode,
  });
  const families = (await demoDisbursements(db, 'BRI', 'BPNT', period, { regionPrefix: villageCode, quiet: true })).filter((f) => niks.includes(f.nik));
  if (families.length !== options.count) throw new Error(`seeded ${options.count} families of ${period}, found ${families.length}`);
  return families;
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
