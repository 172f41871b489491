import { DataSource, EntityManager } from 'typeorm';
import { SCALE_SERIAL_BASE } from './population';

export interface BankDisbursementsOptions {
  /** The disbursing bank, by its short code (`BRI`). */
  bankCode: string;
  programCode: string;
  /** `YYYY-MM`. */
  period: string;
  count: number;
  /** Whole rupiah per disbursement. */
  amount?: number;
  /** Where the families live. */
  villageCode?: string;
  /** Numbers the synthetic people from here, so that several calls on one database never collide. */
  seriesStart?: number;
}

/**
 * Synthetic families for load tests and benchmarks: `count` family heads in one
 * village, each enrolled in the programme with the bank, each with one
 * disbursement of the month (DISBURSED; the programme's stage for the month in
 * program_stages, else the month's number) — three INSERTs in one statement,
 * generate_series, no row built in JavaScript. NIKs are structurally valid
 * (validateNik accepts them) and use the serials the demo population never
 * uses (≥ SCALE_SERIAL_BASE); a NIK that exists already is skipped. Answers the
 * NIKs created, sorted.
 */
export async function seedBankDisbursements(db: DataSource | EntityManager, options: BankDisbursementsOptions): Promise<string[]> {
  const village = options.villageCode ?? '32.73.01.1001';
  const serials = 10_000 - SCALE_SERIAL_BASE;
  const rows: { nik: string }[] = await db.query(
    `WITH bank AS (SELECT id FROM organisations WHERE bank_code = $1::text),
     people AS (
       SELECT g AS n,
              replace(left($5, 8), '.', '') || to_char(date '1961-01-01' + (g / $7)::int, 'DDMMYY') || lpad(($8 + g % $7)::text, 4, '0') AS nik,
              replace(left($5, 8), '.', '') || to_char(date '1971-01-01' + (g / $7)::int, 'DDMMYY') || lpad(($8 + g % $7)::text, 4, '0') AS kk,
              date '1961-01-01' + (g / $7)::int AS birth
         FROM generate_series($6::int, $6::int + $4::int - 1) AS g
     ),
     new_recipients AS (
       INSERT INTO recipients (nik, kk_number, full_name, birth_date, sex, is_family_head, region_code, address, dtks_status)
       SELECT nik, kk, 'Penerima Sintetis ' || n, birth, 'M', TRUE, $5, 'Jl. Uji Beban No. ' || n, 'REGISTERED' FROM people
       ON CONFLICT (nik) DO NOTHING
       RETURNING id, nik
     ),
     new_enrolments AS (
       INSERT INTO program_enrolments (recipient_id, program_code, status, enrolled_on, bank_organisation_id)
       SELECT r.id, $2::text, 'ACTIVE', date '2020-01-01', (SELECT id FROM bank) FROM new_recipients r
       RETURNING id, recipient_id
     ),
     new_disbursements AS (
       INSERT INTO disbursements (enrolment_id, period, stage, amount, bank_organisation_id, status, disbursed_on)
       SELECT e.id, $3::text, coalesce(
                (SELECT s.stage FROM program_stages s WHERE s.program_code = $2::text AND $3::text BETWEEN s.first_period AND s.last_period),
                right($3::text, 2)::int),
              $9::bigint, (SELECT id FROM bank), 'DISBURSED', to_date($3::text || '-10', 'YYYY-MM-DD') FROM new_enrolments e
       RETURNING enrolment_id
     )
     SELECT r.nik FROM new_recipients r
       JOIN new_enrolments e ON e.recipient_id = r.id
       JOIN new_disbursements d ON d.enrolment_id = e.id
      ORDER BY r.nik`,
    [options.bankCode, options.programCode, options.period, options.count, village, options.seriesStart ?? 0, serials, SCALE_SERIAL_BASE, options.amount ?? 600_000],
  );
  return rows.map((r) => r.nik);
}
