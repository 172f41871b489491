import type { ClientBase } from 'pg';
import { DISBURSEMENTS, ENROLMENTS, RECIPIENTS } from './csv-files';

export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ApplyContext {
  importId: string;
  /** The organisation on whose authority the rows enter (the ministry): every provenance entry's approver. */
  approvedByOrganisationId: string;
  now: Date;
}

/**
 * A time-ordered id for a new row: the import's time in milliseconds (48 bits, as UUIDv7 begins) and a number
 * counted up by a session sequence. A million random UUIDs land all over a primary-key index, a page each;
 * these append, as the scale seeder's do (demo/seed-scale.ts). Unique: the sequence never repeats in a
 * session, and another import starts from another millisecond.
 */
export async function defineOrderedIds(client: ClientBase, now: Date): Promise<void> {
  await client.query(`CREATE TEMP SEQUENCE import_row_number`);
  const millis = now.getTime().toString(16).padStart(12, '0');
  await client.query(`CREATE FUNCTION pg_temp.import_id() RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT ('${millis}' || '7' || lpad(to_hex(nextval('pg_temp.import_row_number')), 19, '0'))::uuid
  $$`);
}

/** The register's field names as provenance records them (proposal-rules.ts REGISTER_FIELDS, and the village). */
const RECIPIENT_FIELDS: [column: string, field: string, value: string][] = [
  ['kk_number', 'kkNumber', 's.kk_number'],
  ['full_name', 'fullName', 'btrim(s.full_name)'],
  ['birth_date', 'birthDate', 's.birth_date::date'],
  ['sex', 'sex', 's.sex'],
  ['is_family_head', 'isFamilyHead', 'lower(s.is_family_head)::boolean'],
  ['region_code', 'regionCode', 's.region_code'],
  ['address', 'address', 'btrim(s.address)'],
  ['dtks_status', 'dtksStatus', 's.dtks_status::dtks_status'],
];

/**
 * Recipients, upserted by NIK from validated staging rows: each row is
 * classified first (new, changed — with the names of the fields that differ —
 * or unchanged) against the register, which the import holds locked; then new
 * rows are inserted, changed rows updated, and each gets its provenance entry
 * (IMPORTED, or UPDATED with the changed fields), linked to the import.
 * Unchanged rows are left alone. New ids are handed out in NIK order (the
 * counter runs after the sort; byte order, the same as the index's for
 * digits, and no sort work for rows already there), and rows are inserted in id order: the
 * primary key and the NIK's unique index are then both appended to, and the
 * KK and village indexes (their codes begin with the NIK's region) nearly so,
 * instead of a random page of each per row once they outgrow the cache.
 */
export async function applyRecipients(client: ClientBase, context: ApplyContext): Promise<ApplyCounts> {
  const changed = RECIPIENT_FIELDS.map(([column, field, value]) => `CASE WHEN r.${column} IS DISTINCT FROM ${value} THEN '${field}' END`).join(', ');
  // The sort below holds every staged row (about 250 bytes each): in memory up to a few million rows rather
  // than spilled to disk (this session only; an operator's command, not the API's).
  await client.query(`SET LOCAL work_mem = '1GB'`);
  await client.query(`
    CREATE TEMP TABLE import_recipients ON COMMIT DROP AS
    SELECT coalesce(r.id, pg_temp.import_id()) AS id, r.id IS NULL AS is_new, s.nik,
           ${RECIPIENT_FIELDS.map(([column, , value]) => `${value} AS ${column}`).join(', ')},
           CASE WHEN r.id IS NOT NULL THEN array_remove(ARRAY[${changed}], NULL) END AS changed
      FROM ${RECIPIENTS.stage} s LEFT JOIN recipients r ON r.nik = s.nik::char(16)
     ORDER BY CASE WHEN r.id IS NULL THEN s.nik END COLLATE "C"`);
  await client.query(`SET LOCAL work_mem = '256MB'`);
  const columns = RECIPIENT_FIELDS.map(([column]) => column);
  const inserted = await client.query(`
    INSERT INTO recipients (id, nik, ${columns.join(', ')}, created_at, updated_at)
    SELECT id, nik, ${columns.join(', ')}, $1, $1 FROM import_recipients WHERE is_new ORDER BY id`, [context.now]);
  const updated = await client.query(`
    UPDATE recipients r SET ${columns.map((c) => `${c} = a.${c}`).join(', ')}, updated_at = $1
      FROM import_recipients a WHERE a.id = r.id AND cardinality(a.changed) > 0`, [context.now]);
  await insertProvenance(client, context);
  const [{ total }] = (await client.query(`SELECT count(*)::int AS total FROM import_recipients`)).rows;
  return { inserted: inserted.rowCount ?? 0, updated: updated.rowCount ?? 0, unchanged: total - (inserted.rowCount ?? 0) - (updated.rowCount ?? 0) };
}

/** Enrolments, upserted by (recipient, programme). */
export async function applyEnrolments(client: ClientBase, context: ApplyContext): Promise<ApplyCounts> {
  await client.query(`
    CREATE TEMP TABLE import_enrolments ON COMMIT DROP AS
    SELECT coalesce(e.id, pg_temp.import_id()) AS id, e.id IS NULL AS is_new, r.id AS recipient_id, s.program_code,
           s.status::enrolment_status AS status, s.enrolled_on::date AS enrolled_on, nullif(s.ended_on, '')::date AS ended_on, b.id AS bank_organisation_id,
           e.id IS NOT NULL AND (e.status, e.enrolled_on, e.ended_on, e.bank_organisation_id)
             IS DISTINCT FROM (s.status::enrolment_status, s.enrolled_on::date, nullif(s.ended_on, '')::date, b.id) AS changed
      FROM ${ENROLMENTS.stage} s
      JOIN recipients r ON r.nik = s.nik::char(16)
      LEFT JOIN organisations b ON b.bank_code = s.bank_code AND b.kind = 'BANK'
      LEFT JOIN program_enrolments e ON e.recipient_id = r.id AND e.program_code = s.program_code`);
  const inserted = await client.query(`
    INSERT INTO program_enrolments (id, recipient_id, program_code, status, enrolled_on, ended_on, bank_organisation_id, created_at)
    SELECT id, recipient_id, program_code, status, enrolled_on, ended_on, bank_organisation_id, $1 FROM import_enrolments WHERE is_new`, [context.now]);
  const updated = await client.query(`
    UPDATE program_enrolments e SET status = a.status, enrolled_on = a.enrolled_on, ended_on = a.ended_on, bank_organisation_id = a.bank_organisation_id
      FROM import_enrolments a WHERE a.id = e.id AND a.changed`);
  const [{ total }] = (await client.query(`SELECT count(*)::int AS total FROM import_enrolments`)).rows;
  return { inserted: inserted.rowCount ?? 0, updated: updated.rowCount ?? 0, unchanged: total - (inserted.rowCount ?? 0) - (updated.rowCount ?? 0) };
}

/** Disbursements, upserted by (enrolment, period, stage); an empty bank_code takes the enrolment's bank. */
export async function applyDisbursements(client: ClientBase): Promise<ApplyCounts> {
  await client.query(`
    CREATE TEMP TABLE import_disbursements ON COMMIT DROP AS
    SELECT coalesce(d.id, pg_temp.import_id()) AS id, d.id IS NULL AS is_new, e.id AS enrolment_id, s.period, s.stage::smallint AS stage,
           s.amount::bigint AS amount, coalesce(b.id, e.bank_organisation_id) AS bank_organisation_id,
           s.status::disbursement_status AS status, nullif(s.disbursed_on, '')::date AS disbursed_on,
           d.id IS NOT NULL AND (d.amount, d.bank_organisation_id, d.status, d.disbursed_on)
             IS DISTINCT FROM (s.amount::bigint, coalesce(b.id, e.bank_organisation_id), s.status::disbursement_status, nullif(s.disbursed_on, '')::date) AS changed
      FROM ${DISBURSEMENTS.stage} s
      JOIN recipients r ON r.nik = s.nik::char(16)
      JOIN program_enrolments e ON e.recipient_id = r.id AND e.program_code = s.program_code
      LEFT JOIN organisations b ON b.bank_code = s.bank_code AND b.kind = 'BANK'
      LEFT JOIN disbursements d ON d.enrolment_id = e.id AND d.period = s.period AND d.stage = s.stage::smallint`);
  const inserted = await client.query(`
    INSERT INTO disbursements (id, enrolment_id, period, stage, amount, bank_organisation_id, status, disbursed_on)
    SELECT id, enrolment_id, period, stage, amount, bank_organisation_id, status, disbursed_on FROM import_disbursements WHERE is_new`);
  const updated = await client.query(`
    UPDATE disbursements d SET amount = a.amount, bank_organisation_id = a.bank_organisation_id, status = a.status, disbursed_on = a.disbursed_on
      FROM import_disbursements a WHERE a.id = d.id AND a.changed`);
  const [{ total }] = (await client.query(`SELECT count(*)::int AS total FROM import_disbursements`)).rows;
  return { inserted: inserted.rowCount ?? 0, updated: updated.rowCount ?? 0, unchanged: total - (inserted.rowCount ?? 0) - (updated.rowCount ?? 0) };
}

/**
 * One provenance entry per new or changed recipient, chained set-based: the
 * number, the previous entry's hash, the state hash and the entry's hash are
 * computed here by the same SQL functions the row trigger uses, in one
 * statement, instead of one trigger call per row (docs/adr/0024). The database
 * still decides: recipient_provenance_verify() recomputes every new entry at
 * the end of the statement and refuses the lot if one does not continue its
 * chain. The entry is built as a recipient_provenance row (columns in table
 * order, read from the catalogue) so that recipient_provenance_hash() takes it;
 * the state hash is computed from the import's own rows, as written (the
 * verifying trigger recomputes it from the register's row).
 * Rows go in in the order of their recipients' ids, and get their own ids in
 * that order: both indexes of the table are appended to.
 */
async function insertProvenance(client: ClientBase, context: ApplyContext): Promise<void> {
  const columnsOf = async (table: string): Promise<{ name: string; type: string }[]> => (await client.query(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [table])).rows;
  const provenanceColumns = await columnsOf('recipient_provenance');
  const columns = provenanceColumns.map((column) => column.name);
  // The recipient's row as written (import_recipients holds exactly the values the INSERT and UPDATE wrote),
  // typed as the table's, so that recipient_state_hash() takes it without a join to the whole register.
  const registerFields = new Set(['id', 'nik', ...RECIPIENT_FIELDS.map(([column]) => column)]);
  const recipientRow = (await columnsOf('recipients'))
    .map(({ name, type }) => (registerFields.has(name) ? `a.${name}::${type}` : `NULL::${type}`)).join(', ');
  const values: Record<string, string> = {
    id: 'pg_temp.import_id()',
    recipient_id: 'a.id',
    seq: 'coalesce(a.last_seq, 0) + 1',
    action: `CASE WHEN a.is_new THEN 'IMPORTED' ELSE 'UPDATED' END::provenance_action`,
    changed_fields: `coalesce(a.changed, '{}')`,
    approved_by_organisation_id: '$1::uuid',
    occurred_at: `date_trunc('milliseconds', $2::timestamptz)`,
    state_hash: 'a.state_hash',
    prev_hash: 'a.last_hash',
    import_id: '$3::uuid',
  };
  await client.query(`SET LOCAL aduan.provenance_supplied = 'on'`);
  // The entry's fields as plain typed columns of a subquery (x), and the row handed to the hash function built
  // only in the expression: the planner reads ROW(x.…).field back as x.field, so no composite value is formed
  // and taken apart again per entry (34 field reads a row: about 2 s of a million entries).
  const fields = provenanceColumns.map(({ name, type }) => `(${values[name] ?? 'NULL'})::${type} AS ${name}`).join(', ');
  const select = columns.map((column) => (column === 'hash'
    ? `recipient_provenance_hash(ROW(${columns.map((c) => `x.${c}`).join(', ')})::recipient_provenance)`
    : `x.${column}`)).join(', ');
  await client.query(`
    INSERT INTO recipient_provenance (${columns.join(', ')})
    SELECT ${select}
      FROM (SELECT ${fields}
              FROM (SELECT a.id, a.is_new, a.changed, recipient_state_hash(ROW(${recipientRow})::recipients) AS state_hash, last.seq AS last_seq, last.hash AS last_hash
                      FROM import_recipients a
                      LEFT JOIN LATERAL (SELECT p.seq, p.hash FROM recipient_provenance p WHERE NOT a.is_new AND p.recipient_id = a.id ORDER BY p.seq DESC LIMIT 1) last ON true
                     WHERE a.is_new OR cardinality(a.changed) > 0
                     ORDER BY a.id OFFSET 0) a OFFSET 0) x`,
  [context.approvedByOrganisationId, context.now, context.importId]);
  await client.query(`SET LOCAL aduan.provenance_supplied = 'off'`);
}
