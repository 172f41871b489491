import type { ClientBase } from 'pg';
import { DISBURSEMENTS, ENROLMENTS, RECIPIENTS } from './csv-files';

/**
 * The import's rules, checked set-based over the staging tables (one scan per
 * file for the per-row rules, one aggregate per rule across rows), each
 * failure an `import_errors` row: file, line, field, code and, for rules about
 * two rows, the other line. The rules are the register's own: nik.ts's NIK
 * structure, proposal-rules.ts's text limits and family rules (one head, one
 * village per KK), the programmes and banks the register knows.
 */

/** Helpers for the rules, in this session's temporary schema (gone when it ends). */
export async function defineRuleFunctions(client: ClientBase): Promise<void> {
  await client.query(`CREATE TEMP TABLE import_errors (file text NOT NULL, line bigint NOT NULL, field text NOT NULL, code text NOT NULL, related_line bigint) ON COMMIT DROP`);
  // Digits only, exactly n of them. (Not a regular expression: PostgreSQL's, with a counted repetition such as
  // {16}, costs microseconds a row, which at a million rows is most of the check.)
  await client.query(`CREATE FUNCTION pg_temp.import_digits(t text, n int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT length(t) = n AND translate(t, '0123456789', '') = ''
  $$`);
  // A calendar date YYYY-MM-DD with a year 1900–2099, else null (never an error: the CASEs guard each cast).
  await client.query(`CREATE FUNCTION pg_temp.import_date(t text) RETURNS date LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN length(t) = 10 AND substr(t, 5, 1) = '-' AND substr(t, 8, 1) = '-' AND translate(t, '0123456789', '') = '--'
                 AND left(t, 2) IN ('19', '20') THEN
      CASE WHEN substr(t, 6, 2)::int BETWEEN 1 AND 12 THEN
        CASE WHEN substr(t, 9, 2)::int BETWEEN 1 AND extract(day from (substr(t, 1, 7) || '-01')::date + interval '1 month - 1 day')::int THEN t::date END END END
  $$`);
  // Province 11–96, district and sub-district not 00 (nik.ts isRegionPrefix); t is 16 digits.
  await client.query(`CREATE FUNCTION pg_temp.import_region_prefix(t text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT substr(t, 1, 2)::int BETWEEN 11 AND 96 AND substr(t, 3, 2) <> '00' AND substr(t, 5, 2) <> '00'
  $$`);
}

/**
 * The sex column as the KTP and Dukcapil's data write it — L (laki-laki) or P
 * (perempuan), or the words in full, any case — read as the register's M or F
 * before the rules run (proposal-rules.ts sexFrom reads the API's input the
 * same way). Only rows written so are touched; M and F stay as they are.
 */
export async function readKtpSex(client: ClientBase): Promise<void> {
  await client.query(`UPDATE ${RECIPIENTS.stage}
       SET sex = CASE upper(btrim(sex)) WHEN 'L' THEN 'M' WHEN 'LAKI-LAKI' THEN 'M' WHEN 'P' THEN 'F' WHEN 'PEREMPUAN' THEN 'F' END
     WHERE upper(btrim(sex)) IN ('L', 'LAKI-LAKI', 'P', 'PEREMPUAN')`);
}

/** A text column's check: required, at most `max` characters after trimming, no control characters. */
function text(column: string, max: number): string {
  return `CASE WHEN coalesce(btrim(s.${column}), '') = '' THEN 'REQUIRED' WHEN length(btrim(s.${column})) > ${max} THEN 'TOO_LONG'
    WHEN s.${column} ~ '[[:cntrl:]]' THEN 'CONTROL_CHARACTERS' END`;
}

const empty = (column: string) => `coalesce(s.${column}, '') = ''`;

/** The recipients file: each row's fields, duplicates, then the families (KK) with the register's members. $1 = today. */
export async function validateRecipients(client: ClientBase, today: string): Promise<void> {
  const stage = RECIPIENTS.stage;
  // The fixed-format columns first, then what they cannot say, in an order that never casts
  // what is not yet known to be digits. True only when every rule below holds; false sends the row through them.
  const clean = `CASE WHEN pg_temp.import_digits(s.nik, 16) AND pg_temp.import_digits(s.kk_number, 16) AND pg_temp.import_date(s.birth_date) IS NOT NULL
      AND s.sex IN ('M', 'F') AND s.is_family_head IN ('true', 'false') AND s.dtks_status IN ('REGISTERED', 'NOT_REGISTERED', 'PROPOSED', 'REMOVED')
    THEN pg_temp.import_region_prefix(s.nik) AND pg_temp.import_region_prefix(s.kk_number) AND right(s.nik, 4) <> '0000'
      AND s.birth_date <= $1::text
      AND s.birth_date = (CASE WHEN substr(s.nik, 11, 2)::int > extract(year from $1::date)::int % 100 THEN '19' ELSE '20' END)
            || substr(s.nik, 11, 2) || '-' || substr(s.nik, 9, 2) || '-'
            || lpad((CASE WHEN substr(s.nik, 7, 2)::int > 40 THEN substr(s.nik, 7, 2)::int - 40 ELSE substr(s.nik, 7, 2)::int END)::text, 2, '0')
      AND s.sex = CASE WHEN substr(s.nik, 7, 2)::int > 40 THEN 'F' ELSE 'M' END
      AND length(btrim(s.full_name)) BETWEEN 1 AND 150 AND length(btrim(s.address)) BETWEEN 1 AND 300
      AND (s.full_name || s.address) !~ '[[:cntrl:]]'
      AND g.level IS NOT DISTINCT FROM 'VILLAGE'
    ELSE false END`;
  await client.query(`
    INSERT INTO import_errors (file, line, field, code)
    SELECT 'RECIPIENTS', s.line, e.field, e.code
      -- Two levels, each kept apart (OFFSET 0), so that import_date() is inlined on a plain column rather than
      -- called once per row on an expression: the birth date a NIK encodes is spelt out first (DDMMYY, women's
      -- day + 40, a year after today's two digits is 19YY), then read as a date. Rows that pass the fast check
      -- (clean) cannot fail any rule below and are not taken through them: most rows of a good file.
      FROM (SELECT s.*, pg_temp.import_date(s.nik_birth_text) AS nik_birth FROM (
              SELECT s.*, pg_temp.import_digits(s.nik, 16) AS nik_digits, pg_temp.import_date(s.birth_date) AS birth,
                     CASE WHEN pg_temp.import_digits(s.nik, 16) AND pg_temp.import_region_prefix(s.nik) THEN
                       (CASE WHEN substr(s.nik, 11, 2)::int > extract(year from $1::date)::int % 100 THEN 1900 ELSE 2000 END + substr(s.nik, 11, 2)::int)::text
                       || '-' || substr(s.nik, 9, 2) || '-'
                       || lpad((CASE WHEN substr(s.nik, 7, 2)::int > 40 THEN substr(s.nik, 7, 2)::int - 40 ELSE substr(s.nik, 7, 2)::int END)::text, 2, '0')
                     END AS nik_birth_text
                FROM (SELECT s.*, ${clean} AS clean FROM ${stage} s LEFT JOIN regions g ON g.code = s.region_code OFFSET 0) s
               WHERE NOT s.clean OFFSET 0) s OFFSET 0) s
      LEFT JOIN regions g ON g.code = s.region_code
      CROSS JOIN LATERAL (VALUES
        ('nik', CASE WHEN ${empty('nik')} THEN 'REQUIRED' WHEN NOT s.nik_digits THEN 'NIK_FORMAT'
                     WHEN NOT pg_temp.import_region_prefix(s.nik) THEN 'NIK_REGION'
                     WHEN s.nik_birth IS NULL OR s.nik_birth > $1::date THEN 'NIK_BIRTH_DATE'
                     WHEN right(s.nik, 4) = '0000' THEN 'NIK_SERIAL' END),
        ('kk_number', CASE WHEN ${empty('kk_number')} THEN 'REQUIRED'
                           WHEN NOT (pg_temp.import_digits(s.kk_number, 16) AND pg_temp.import_region_prefix(s.kk_number)) THEN 'KK_FORMAT' END),
        ('full_name', ${text('full_name', 150)}),
        ('birth_date', CASE WHEN ${empty('birth_date')} THEN 'REQUIRED' WHEN s.birth IS NULL THEN 'DATE_FORMAT' WHEN s.birth > $1::date THEN 'DATE_IN_FUTURE'
                            WHEN s.nik_birth IS NOT NULL AND s.nik_birth <= $1::date AND s.nik_birth <> s.birth THEN 'BIRTH_DATE_NOT_NIK' END),
        ('sex', CASE WHEN ${empty('sex')} THEN 'REQUIRED' WHEN s.sex NOT IN ('M', 'F') THEN 'SEX'
                     WHEN s.nik_birth IS NOT NULL AND s.sex <> CASE WHEN substr(s.nik, 7, 2)::int > 40 THEN 'F' ELSE 'M' END THEN 'SEX_NOT_NIK' END),
        ('is_family_head', CASE WHEN ${empty('is_family_head')} THEN 'REQUIRED' WHEN lower(s.is_family_head) NOT IN ('true', 'false') THEN 'BOOLEAN' END),
        ('region_code', CASE WHEN ${empty('region_code')} THEN 'REQUIRED' WHEN g.code IS NULL THEN 'REGION_UNKNOWN'
                             WHEN g.level <> 'VILLAGE' THEN 'REGION_NOT_VILLAGE' END),
        ('address', ${text('address', 300)}),
        ('dtks_status', CASE WHEN ${empty('dtks_status')} THEN 'REQUIRED'
                             WHEN s.dtks_status NOT IN ('REGISTERED', 'NOT_REGISTERED', 'PROPOSED', 'REMOVED') THEN 'DTKS_STATUS' END)
      ) AS e(field, code)
     WHERE NOT s.clean AND e.code IS NOT NULL`, [today]);

  // The same NIK twice: every line after the first names the first.
  await client.query(`
    WITH twice AS (SELECT nik, min(line) AS first FROM ${stage} WHERE nik <> '' GROUP BY nik HAVING count(*) > 1)
    INSERT INTO import_errors (file, line, field, code, related_line)
    SELECT 'RECIPIENTS', s.line, 'nik', 'DUPLICATE_NIK', t.first FROM ${stage} s JOIN twice t USING (nik) WHERE s.line <> t.first`);

  // Families: the file's rows of each KK with the register's members of that KK the file does not list (it replaces those it lists).
  await client.query(`
    CREATE TEMP TABLE import_family_members ON COMMIT DROP AS
    WITH listed AS (
      SELECT line, nik, kk_number AS kk, lower(is_family_head) = 'true' AS head, region_code FROM ${stage} WHERE pg_temp.import_digits(kk_number, 16))
    SELECT * FROM listed
    UNION ALL
    SELECT NULL::bigint, r.nik::text, r.kk_number::text, r.is_family_head, r.region_code::text FROM recipients r
     WHERE r.kk_number IN (SELECT kk FROM listed) AND r.nik NOT IN (SELECT nik FROM ${stage} WHERE nik IS NOT NULL)`);
  await client.query(`
    CREATE TEMP TABLE import_families ON COMMIT DROP AS
    SELECT kk, count(*) FILTER (WHERE head) AS heads, count(*) FILTER (WHERE head AND line IS NULL) AS register_heads,
           min(line) FILTER (WHERE head) AS first_head, min(line) AS first_line,
           min(region_code) FILTER (WHERE line IS NULL) AS register_village, min(region_code) <> max(region_code) AS villages
      FROM import_family_members GROUP BY kk`);
  await client.query(`
    INSERT INTO import_errors (file, line, field, code, related_line)
    SELECT 'RECIPIENTS', f.first_line, 'is_family_head', 'FAMILY_NO_HEAD', NULL FROM import_families f WHERE f.heads = 0 AND f.first_line IS NOT NULL
    UNION ALL
    SELECT 'RECIPIENTS', m.line, 'is_family_head', 'FAMILY_TWO_HEADS', CASE WHEN f.register_heads = 0 THEN f.first_head END
      FROM import_families f JOIN import_family_members m ON m.kk = f.kk AND m.head AND m.line IS NOT NULL
     WHERE f.heads > 1 AND (f.register_heads > 0 OR m.line <> f.first_head)
    UNION ALL
    SELECT 'RECIPIENTS', m.line, 'region_code', 'FAMILY_TWO_VILLAGES', CASE WHEN f.register_village IS NULL THEN f.first_line END
      FROM import_families f
      JOIN import_family_members m ON m.kk = f.kk AND m.line IS NOT NULL
      LEFT JOIN import_family_members first ON first.kk = f.kk AND first.line = f.first_line
     WHERE f.villages AND m.region_code IS DISTINCT FROM coalesce(f.register_village, first.region_code)`);
}

/** The enrolments file. $1 = today. */
export async function validateEnrolments(client: ClientBase, today: string, withRecipients: boolean): Promise<void> {
  const stage = ENROLMENTS.stage;
  const known = withRecipients
    ? `s.nik IN (SELECT nik FROM ${RECIPIENTS.stage} WHERE nik IS NOT NULL) OR s.nik IN (SELECT nik FROM recipients)`
    : `s.nik IN (SELECT nik FROM recipients)`;
  await client.query(`
    INSERT INTO import_errors (file, line, field, code)
    SELECT 'ENROLMENTS', s.line, e.field, e.code
      -- As for recipients: rows that pass the fast check (clean) cannot fail a rule below.
      FROM (SELECT s.*, CASE WHEN pg_temp.import_digits(s.nik, 16) AND s.status IN ('ACTIVE', 'SUSPENDED', 'ENDED') AND s.p_code IS NOT NULL
                               AND (${empty('bank_code')} OR s.b_id IS NOT NULL) AND s.enrolled <= $1::date
                               AND (${empty('ended_on')} OR s.ended >= s.enrolled) THEN ${known} ELSE false END AS clean
              FROM (SELECT s.*, pg_temp.import_date(s.enrolled_on) AS enrolled, pg_temp.import_date(s.ended_on) AS ended, p.code AS p_code, b.id AS b_id
                      FROM ${stage} s
                      LEFT JOIN programs p ON p.code = s.program_code
                      LEFT JOIN organisations b ON b.bank_code = s.bank_code AND b.kind = 'BANK' OFFSET 0) s OFFSET 0) s
      CROSS JOIN LATERAL (VALUES
        ('nik', CASE WHEN ${empty('nik')} THEN 'REQUIRED' WHEN NOT pg_temp.import_digits(s.nik, 16) THEN 'NIK_FORMAT' WHEN NOT (${known}) THEN 'RECIPIENT_UNKNOWN' END),
        ('program_code', CASE WHEN ${empty('program_code')} THEN 'REQUIRED' WHEN s.p_code IS NULL THEN 'PROGRAMME_UNKNOWN' END),
        ('status', CASE WHEN ${empty('status')} THEN 'REQUIRED' WHEN s.status NOT IN ('ACTIVE', 'SUSPENDED', 'ENDED') THEN 'ENROLMENT_STATUS' END),
        ('enrolled_on', CASE WHEN ${empty('enrolled_on')} THEN 'REQUIRED' WHEN s.enrolled IS NULL THEN 'DATE_FORMAT' WHEN s.enrolled > $1::date THEN 'DATE_IN_FUTURE' END),
        ('ended_on', CASE WHEN ${empty('ended_on')} THEN NULL WHEN s.ended IS NULL THEN 'DATE_FORMAT' WHEN s.ended < s.enrolled THEN 'ENDED_BEFORE_ENROLLED' END),
        ('bank_code', CASE WHEN ${empty('bank_code')} THEN NULL WHEN s.b_id IS NULL THEN 'BANK_UNKNOWN' END)
      ) AS e(field, code)
     WHERE NOT s.clean AND e.code IS NOT NULL`, [today]);
  await client.query(`
    WITH twice AS (SELECT nik, program_code, min(line) AS first FROM ${stage} GROUP BY nik, program_code HAVING count(*) > 1)
    INSERT INTO import_errors (file, line, field, code, related_line)
    SELECT 'ENROLMENTS', s.line, 'program_code', 'DUPLICATE_ENROLMENT', t.first
      FROM ${stage} s JOIN twice t ON t.nik = s.nik AND t.program_code = s.program_code WHERE s.line <> t.first`);
}

/** The disbursements file. $1 = today. */
export async function validateDisbursements(client: ClientBase, today: string, withEnrolments: boolean): Promise<void> {
  const stage = DISBURSEMENTS.stage;
  const enrolled = `(s.nik, s.program_code) IN (SELECT r.nik::text, e.program_code::text FROM program_enrolments e JOIN recipients r ON r.id = e.recipient_id)`
    + (withEnrolments ? ` OR (s.nik, s.program_code) IN (SELECT nik, program_code FROM ${ENROLMENTS.stage} WHERE nik IS NOT NULL AND program_code IS NOT NULL)` : '');
  await client.query(`
    INSERT INTO import_errors (file, line, field, code)
    SELECT 'DISBURSEMENTS', s.line, e.field, e.code
      FROM (SELECT s.*, CASE WHEN pg_temp.import_digits(s.nik, 16) AND s.p_code IS NOT NULL AND pg_temp.import_date(s.period || '-01') IS NOT NULL
                               AND (pg_temp.import_digits(s.stage, 1) OR pg_temp.import_digits(s.stage, 2))
                               AND length(s.amount) BETWEEN 1 AND 15 AND translate(s.amount, '0123456789', '') = '' AND left(s.amount, 1) <> '0'
                               AND (${empty('bank_code')} OR s.b_id IS NOT NULL)
                               AND s.status IN ('SCHEDULED', 'DISBURSED', 'FAILED', 'RESENT', 'RETURNED_TO_TREASURY')
                               AND (${empty('disbursed_on')} OR s.disbursed <= $1::date)
                          THEN s.stage::int BETWEEN 1 AND s.stages AND (${enrolled}) ELSE false END AS clean
              FROM (SELECT s.*, pg_temp.import_date(s.disbursed_on) AS disbursed, p.code AS p_code, p.stages_per_year AS stages, b.id AS b_id
                      FROM ${stage} s
                      LEFT JOIN programs p ON p.code = s.program_code
                      LEFT JOIN organisations b ON b.bank_code = s.bank_code AND b.kind = 'BANK' OFFSET 0) s OFFSET 0) s
      CROSS JOIN LATERAL (VALUES
        ('nik', CASE WHEN ${empty('nik')} THEN 'REQUIRED' WHEN NOT pg_temp.import_digits(s.nik, 16) THEN 'NIK_FORMAT' END),
        ('program_code', CASE WHEN ${empty('program_code')} THEN 'REQUIRED' WHEN s.p_code IS NULL THEN 'PROGRAMME_UNKNOWN'
                              WHEN pg_temp.import_digits(s.nik, 16) AND NOT (${enrolled}) THEN 'ENROLMENT_UNKNOWN' END),
        ('period', CASE WHEN ${empty('period')} THEN 'REQUIRED' WHEN pg_temp.import_date(s.period || '-01') IS NULL THEN 'PERIOD_FORMAT' END),
        ('stage', CASE WHEN ${empty('stage')} THEN 'REQUIRED' WHEN NOT (pg_temp.import_digits(s.stage, 1) OR pg_temp.import_digits(s.stage, 2)) THEN 'STAGE' WHEN s.stage::int < 1 OR s.stage::int > coalesce(s.stages, 12) THEN 'STAGE' END),
        ('amount', CASE WHEN ${empty('amount')} THEN 'REQUIRED' WHEN NOT (length(s.amount) BETWEEN 1 AND 15 AND translate(s.amount, '0123456789', '') = '' AND left(s.amount, 1) <> '0') THEN 'AMOUNT' END),
        ('bank_code', CASE WHEN ${empty('bank_code')} THEN NULL WHEN s.b_id IS NULL THEN 'BANK_UNKNOWN' END),
        ('status', CASE WHEN ${empty('status')} THEN 'REQUIRED'
                        WHEN s.status NOT IN ('SCHEDULED', 'DISBURSED', 'FAILED', 'RESENT', 'RETURNED_TO_TREASURY') THEN 'DISBURSEMENT_STATUS' END),
        ('disbursed_on', CASE WHEN ${empty('disbursed_on')} THEN NULL WHEN s.disbursed IS NULL THEN 'DATE_FORMAT' WHEN s.disbursed > $1::date THEN 'DATE_IN_FUTURE' END)
      ) AS e(field, code)
     WHERE NOT s.clean AND e.code IS NOT NULL`, [today]);
  await client.query(`
    WITH twice AS (SELECT nik, program_code, period, stage, min(line) AS first FROM ${stage} GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)
    INSERT INTO import_errors (file, line, field, code, related_line)
    SELECT 'DISBURSEMENTS', s.line, 'stage', 'DUPLICATE_DISBURSEMENT', t.first
      FROM ${stage} s JOIN twice t ON (t.nik, t.program_code, t.period, t.stage) = (s.nik, s.program_code, s.period, s.stage) WHERE s.line <> t.first`);
}
