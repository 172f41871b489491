import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { demoMonths } from './calendar';

export const SUKARASA = '32.73.01.1001';
export const KARANGPILANG = '35.78.01.1001';

export const RECIPIENT_FIELDS = `id nik kkNumber fullName birthDate sex isFamilyHead address masked dtksStatus region { code }
  enrolments { id status enrolledOn program { code } bank { bankCode } disbursements { id period stage amount status bank { bankCode } } }`;

export const RECIPIENT = `query ($nik: String!) { recipient(nik: $nik) { ${RECIPIENT_FIELDS} } }`;

export const PROPOSE = `mutation ($input: ProposeRecipientChangeInput!) { proposeRecipientChange(input: $input) {
  proposal { id kind status origin nik reason evidence proposedAt region { code } recipient { id nik }
    proposed { fullName birthDate sex kkNumber isFamilyHead address dtksStatus }
    deliberation { id heldOn minutesNumber attendanceCount region { code } recordedBy { name } } proposedBy { name } }
  userErrors { field code message } } }`;

export const REVIEW = `mutation ($input: ReviewRecipientChangeInput!) { reviewRecipientChange(input: $input) {
  proposal { id status reviewedAt reviewNote reviewedBy { name } recipient { id nik } }
  recipient { id nik kkNumber fullName birthDate sex isFamilyHead address dtksStatus }
  userErrors { field code message } } }`;

export const VERIFY = `query ($nik: String, $recipientId: ID) { verifyRecipientProvenance(nik: $nik, recipientId: $recipientId) {
  intact entries headHash checkedAt brokenAt { seq reason } recipient { id } } }`;

export const PROVENANCE = `query ($nik: String!) { recipient(nik: $nik) { id dtksStatus provenance {
  seq action changedFields proposedAt approvedAt stateHash previousHash hash
  proposedBy { name } recommendedBy { minutesNumber heldOn attendanceCount } recommendingComplaint { trackingCode } approvedBy { name }
  proposal { id kind } } } }`;

/** A recipient of the demo data, with what tests need to know about them. */
export interface DemoRecipient { id: string; nik: string; kkNumber: string; regionCode: string; fullName: string; isFamilyHead: boolean }

/** Demo recipients matching a condition on `recipients r` (and optionally their enrolment `e` / bank `o`), ordered by NIK. */
export async function demoRecipients(db: { dataSource: DataSource }, where: string, params: unknown[] = [], limit = 10): Promise<DemoRecipient[]> {
  return db.dataSource.query(
    `SELECT DISTINCT r.id, r.nik, r.kk_number AS "kkNumber", r.region_code AS "regionCode", r.full_name AS "fullName", r.is_family_head AS "isFamilyHead"
       FROM recipients r
       LEFT JOIN program_enrolments e ON e.recipient_id = r.id
       LEFT JOIN organisations o ON o.id = e.bank_organisation_id
      WHERE ${where} ORDER BY r.nik LIMIT ${limit}`,
    params,
  );
}

/**
 * A family head (of a family of two or more) in a village, paid by a bank in a
 * programme, with a disbursement in the demo's latest month (support/calendar.ts:
 * demoMonths), and no proposal about the family.
 */
export async function paidHead(db: { dataSource: DataSource }, village: string, bankCode = 'BRI', programCode = 'BPNT', skip = 0): Promise<DemoRecipient> {
  const [, , latest] = await demoMonths(db);
  const rows = await demoRecipients(db, `r.region_code = $1 AND r.is_family_head AND o.bank_code = $2 AND e.program_code = $3 AND e.status = 'ACTIVE'
      AND r.dtks_status = 'REGISTERED'
      AND EXISTS (SELECT 1 FROM disbursements d WHERE d.enrolment_id = e.id AND d.period = $4)
      AND NOT EXISTS (SELECT 1 FROM recipient_change_proposals x WHERE x.recipient_id = r.id OR x.kk_number = r.kk_number)
      AND (SELECT count(*) FROM recipients f WHERE f.kk_number = r.kk_number) >= 2`, [village, bankCode, programCode, latest], skip + 1);
  if (!rows[skip]) throw new Error(`no paid head in ${village} (${bankCode}, ${programCode})`);
  return rows[skip];
}

/** Rows of the personal-data access log written since `since`, for a client. */
export async function accessLog(db: { dataSource: DataSource }, clientId: string, since: Date): Promise<{ subjectType: string; subjectId: string; field: string }[]> {
  return db.dataSource.query(
    `SELECT l.subject_type AS "subjectType", l.subject_id AS "subjectId", l.field
       FROM personal_data_access_log l JOIN api_clients a ON a.id = l.api_client_id
      WHERE a.client_id = $1 AND l.accessed_at >= $2 ORDER BY l.field, l.subject_id`,
    [clientId, since],
  );
}

/** The database clock: access log rows are stamped with it. */
export async function dbNow(db: { dataSource: DataSource }): Promise<Date> {
  const [{ now }] = await db.dataSource.query('SELECT clock_timestamp() AS now');
  return now;
}

/** A valid proposal input for the Sukarasa office; override what a test is about. */
export function proposalInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { deliberation, ...rest } = overrides;
  return {
    idempotencyKey: randomUUID(),
    reason: 'Hasil pendataan ulang RT 03.',
    evidence: 'Surat keterangan RT/RW dan salinan KK terbaru.',
    deliberation: { heldOn: daysAgo(7), minutesNumber: `77/BA-MUSDES/${randomUUID().slice(0, 8)}`, attendanceCount: 35, ...(deliberation as object) },
    ...rest,
  };
}

/** `YYYY-MM-DD`, `days` ago (UTC). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Complaints about a family (a member named as subject) matching a further condition on `complaints c`. */
export async function familyComplaintCount(db: { dataSource: DataSource }, kkNumber: string, where = 'TRUE', params: unknown[] = []): Promise<number> {
  const [{ n }] = await db.dataSource.query(
    `SELECT count(DISTINCT c.id)::int AS n FROM complaints c JOIN recipients m ON m.id = c.subject_recipient_id OR (c.subject_recipient_id IS NULL AND m.nik = c.subject_nik)
      WHERE m.kk_number = $1 AND ${where}`,
    [kkNumber, ...params],
  );
  return n;
}
