import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SigningKeyRing } from '../../server/src/auth/signing-keys';
import { TokenService } from '../../server/src/auth/token.service';
import { seedBankDisbursements } from '../../server/src/demo/bank-disbursements';
import { demoPeriods } from '../../server/src/demo/population';
import { DEMO_VILLAGE_CODES } from '../../server/src/demo/regions.data';
import { encodeCursor } from '../../server/src/graphql/connection';
import { toGlobalId } from '../../server/src/graphql/global-id';
import {
  BANK_REPORT_ITEMS, BankReportInput, DetailInput, INBOX_DISTRICT, INBOX_PAGE_SIZE, SubmitInput, WorkloadInput, WorkloadName,
} from '../workloads';

/** What the workloads ask about, read from the benchmark's database once. */
export interface Fixtures {
  /** The cursor after which the deep inbox page starts, and that page's number (1,000, or the last full page at small scale). */
  deepCursor: string;
  deepPage: number;
  details: DetailInput[];
  trackingCodes: string[];
  recipientNiks: string[];
  /** Villages of SUBMIT_DISTRICT. */
  submitVillages: string[];
}

/** Where the benchmark's submissions and bank families go: Kota Surabaya, away from the inbox's district. */
export const SUBMIT_DISTRICT = '35.78';
const BANK_FAMILY_VILLAGE_PREFIX = '35.78.';

export async function loadFixtures(db: DataSource): Promise<Fixtures> {
  const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM complaints c WHERE c.district_code = $1`, [INBOX_DISTRICT]);
  // Page 1,000, or at a smaller scale the last full page: a short last page would cost less and flatter the comparison.
  const deepPage = Math.min(1000, Math.floor(count / INBOX_PAGE_SIZE));
  const [last] = await db.query(
    `SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, c.id FROM complaints c
      WHERE c.district_code = $1 ORDER BY c.created_at DESC, c.id DESC OFFSET $2 LIMIT 1`,
    [INBOX_DISTRICT, (deepPage - 1) * INBOX_PAGE_SIZE - 1]);
  // Complaints about a family living in the district, so that the handler sees both the complaint and the family.
  const details: { id: string; nik: string }[] = await db.query(
    `SELECT c.id, r.nik FROM complaints c JOIN recipients r ON r.id = c.subject_recipient_id
      WHERE c.district_code = $1 AND r.region_code LIKE $1 || '.%' ORDER BY md5(c.id::text) LIMIT 200`, [INBOX_DISTRICT]);
  const codes: { code: string }[] = await db.query(
    `SELECT tracking_code AS code FROM complaints WHERE status <> 'DUPLICATE' ORDER BY md5(id::text) LIMIT 500`);
  const niks: { nik: string }[] = await db.query(
    `SELECT nik FROM recipients WHERE region_code LIKE $1 || '.%' ORDER BY md5(id::text) LIMIT 1000`, [INBOX_DISTRICT]);
  const villages: { code: string }[] = await db.query(
    `SELECT code FROM regions WHERE level = 'VILLAGE' AND code LIKE $1 || '.%' AND code = ANY($2::text[]) ORDER BY code`, [SUBMIT_DISTRICT, DEMO_VILLAGE_CODES]);
  if (!last || details.length === 0 || codes.length === 0 || niks.length === 0 || villages.length === 0) {
    throw new Error('the benchmark database lacks the data the workloads ask about (was it seeded?)');
  }
  return {
    deepCursor: encodeCursor([last.at, last.id]),
    deepPage,
    details: details.map((d) => ({ id: toGlobalId('Complaint', d.id), nik: d.nik })),
    trackingCodes: codes.map((c) => c.code),
    recipientNiks: niks.map((n) => n.nik),
    submitVillages: villages.map((v) => v.code),
  };
}

/** A fresh token for a demo client (their secrets are `<client_id>-secret`). Tokens live 15 minutes: one per measurement. */
export async function demoToken(db: DataSource, clientId: string | null): Promise<string | null> {
  if (!clientId) return null;
  const tokens = new TokenService(db, new SigningKeyRing(db));
  return (await tokens.issue(clientId, `${clientId}-secret`)).accessToken;
}

/** Last month in WIB, `YYYY-MM` (the demo's latest disbursement month): a period a bank may report on whenever the benchmark runs. */
export function lastMonth(now = new Date()): string {
  return demoPeriods(now)[2];
}

/**
 * Families of BRI with one PKH disbursement of last month each, never reported:
 * `reports` × 1000 of them, so that every measured bank report is a first
 * report of fresh failures (a repeated one would only be refused as
 * ALREADY_REPORTED, which is cheaper). Made before a measurement, not during.
 */
export async function freshBankReports(db: DataSource, reports: number): Promise<BankReportInput[]> {
  const period = lastMonth();
  const niks: string[] = [];
  while (niks.length < reports * BANK_REPORT_ITEMS) {
    const wanted = reports * BANK_REPORT_ITEMS - niks.length;
    // Synthetic NIKs skip any that exist: start anywhere in a range far larger than a run uses.
    niks.push(...await seedBankDisbursements(db, {
      bankCode: 'BRI', programCode: 'PKH', period, count: wanted, seriesStart: randomInt(0, 50_000_000), villageCode: await bankFamilyVillage(db),
    }));
  }
  return Array.from({ length: reports }, (_, r) => ({
    idempotencyKey: randomUUID(),
    programCode: 'PKH',
    period,
    items: niks.slice(r * BANK_REPORT_ITEMS, (r + 1) * BANK_REPORT_ITEMS)
      .map((nik, i) => ({ nik, amount: 600_000, failureCode: i % 3 ? 'ACCOUNT_DORMANT' : 'NAME_MISMATCH', occurredOn: `${period}-20` })),
  }));
}

/** Marks the benchmark's own submissions (in their description), so that cleanUpSubmissions finds them and nothing else. */
const SUBMISSION_MARK = '(aduan-bench ';

/**
 * Removes the complaints the submitComplaint workload filed (and their
 * timelines), then vacuums: each run starts from the same data, and index-only
 * scans find their pages all-visible again. The timeline is append-only (a
 * trigger refuses deletes): the benchmark's own database is synthetic, so as
 * superuser it switches triggers off for this transaction (as seed-scale does
 * for its load). A submission also writes its reply PIN and its office's
 * RECEIVED fact and counter: removed and taken back too. Answers how many were removed.
 */
export async function cleanUpSubmissions(db: DataSource): Promise<number> {
  const removed: number = await db.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    await manager.query(`DELETE FROM complaint_events e USING complaints c WHERE e.complaint_id = c.id AND c.description LIKE $1`, [`%${SUBMISSION_MARK}%`]);
    // What intake wrote beside each: its reply PIN, and its office's RECEIVED fact and counter (office-records/), taken
    // back from shard 0 (readers sum the shards), so the offices' records keep agreeing with the complaints.
    await manager.query(`DELETE FROM complainant_pins p USING complaints c WHERE p.complaint_id = c.id AND c.description LIKE $1`, [`%${SUBMISSION_MARK}%`]);
    await manager.query(
      `WITH gone AS (
         DELETE FROM office_record_facts f USING complaints c
          WHERE f.complaint_id = c.id AND c.description LIKE $1 RETURNING f.office_id, f.month, f.measure
       ), counted AS (SELECT office_id, month, count(*)::int AS n FROM gone WHERE measure = 'RECEIVED' GROUP BY office_id, month)
       INSERT INTO office_month_records (office_id, month, shard, received) SELECT office_id, month, 0, -n FROM counted
       ON CONFLICT (office_id, month, shard) DO UPDATE SET received = office_month_records.received + EXCLUDED.received`,
      [`%${SUBMISSION_MARK}%`],
    );
    const [, count] = await manager.query(`DELETE FROM complaints WHERE description LIKE $1`, [`%${SUBMISSION_MARK}%`]);
    return count as number;
  });
  if (removed > 0) await db.query('VACUUM ANALYZE complaints, complaint_events');
  return removed;
}

/** The village the synthetic bank families live in: outside the inbox's district, whose recipients the lookups pick from. */
async function bankFamilyVillage(db: DataSource): Promise<string> {
  const [village] = await db.query(
    `SELECT code FROM regions WHERE level = 'VILLAGE' AND code LIKE $1 AND code = ANY($2::text[]) ORDER BY code LIMIT 1`, [`${BANK_FAMILY_VILLAGE_PREFIX}%`, DEMO_VILLAGE_CODES]);
  if (!village) throw new Error(`no village in ${SUBMIT_DISTRICT} for the bank families`);
  return village.code;
}

/**
 * A citizen's complaint through an NGO, about a village of Kota Surabaya: outside
 * the inbox's district, so that the inbox's page and total stay what the run
 * began with. A fresh idempotency key each time.
 */
export function submission(fixtures: Fixtures, i: number): SubmitInput {
  return {
    idempotencyKey: randomUUID(),
    channel: 'WEB_PORTAL',
    programCode: 'PKH',
    category: 'NOT_RECEIVED',
    description: `Bantuan PKH tahap ini belum kami terima, padahal tetangga sudah menerima. ${SUBMISSION_MARK}${i})`,
    regionCode: fixtures.submitVillages[i % fixtures.submitVillages.length],
    complainant: { name: 'Siti Aminah', phone: '081234567890', anonymous: false, confidential: false },
  };
}

/** The i-th input of a workload (the bank reports are made beforehand: freshBankReports). */
export function inputFor(workload: Exclude<WorkloadName, 'bankReport'>, fixtures: Fixtures, i: number): WorkloadInput {
  switch (workload) {
    case 'inbox': return { after: null };
    case 'inboxDeep': return { after: fixtures.deepCursor };
    case 'detail': return fixtures.details[i % fixtures.details.length];
    case 'track': return { trackingCode: fixtures.trackingCodes[i % fixtures.trackingCodes.length] };
    case 'recipient': return { nik: fixtures.recipientNiks[i % fixtures.recipientNiks.length] };
    case 'submit': return submission(fixtures, i);
  }
}
