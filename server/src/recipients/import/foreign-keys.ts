import type { ClientBase } from 'pg';

/**
 * Foreign keys checked set-based instead of row by row. Where the role may
 * (a superuser, as for pg_restore --disable-triggers), the import's writes run
 * with session_replication_role = replica, which switches off the per-row
 * foreign-key triggers (one lookup and row lock per key per row: seven for a
 * recipient with its provenance entry and an enrolment) but not the chain's
 * (ENABLE ALWAYS, migration RegisterImport). In exchange, before the writes,
 * the rows the new ones will reference are locked as the foreign-key triggers
 * would have locked them (FOR KEY SHARE: they cannot be deleted until the
 * import commits), and after the writes every foreign key of every row the
 * import wrote is checked: one scan of each table's written rows for all its
 * keys (read from the catalogue). One dangling reference fails the import.
 * Without the privilege, the keys are checked per row as usual and nothing
 * here runs.
 */

/** The tables the import writes, and how to find the rows this import wrote ($1 = the import's id). */
const WRITTEN: Record<string, string> = {
  recipients: `JOIN import_recipients w ON w.id = t.id AND (w.is_new OR cardinality(w.changed) > 0)`,
  program_enrolments: `JOIN import_enrolments w ON w.id = t.id AND (w.is_new OR w.changed)`,
  disbursements: `JOIN import_disbursements w ON w.id = t.id AND (w.is_new OR w.changed)`,
  recipient_provenance: `WHERE t.import_id = $1`,
};

/** Whether this session may switch the per-row checks off (tried outside any transaction, then reset). */
export async function mayDeferForeignKeys(client: ClientBase): Promise<boolean> {
  return client.query('SET session_replication_role = replica').then(
    async () => { await client.query('RESET session_replication_role'); return true; },
    () => false,
  );
}

/** Locks what the new rows will reference, as the per-row checks would (FOR KEY SHARE), then switches those checks off. */
export async function deferForeignKeys(client: ClientBase, stages: { recipients: boolean; enrolments: boolean; disbursements: boolean }, approver: string): Promise<void> {
  if (stages.recipients) await client.query(`SELECT 1 FROM regions WHERE code IN (SELECT region_code FROM import_stage_recipients) FOR KEY SHARE`);
  const programmes = [stages.enrolments && 'SELECT program_code FROM import_stage_enrolments', stages.disbursements && 'SELECT program_code FROM import_stage_disbursements'].filter(Boolean);
  const banks = [stages.enrolments && 'SELECT bank_code FROM import_stage_enrolments', stages.disbursements && 'SELECT bank_code FROM import_stage_disbursements'].filter(Boolean);
  if (programmes.length) await client.query(`SELECT 1 FROM programs WHERE code IN (${programmes.join(' UNION ')}) FOR KEY SHARE`);
  if (banks.length) await client.query(`SELECT 1 FROM organisations WHERE kind = 'BANK' AND bank_code IN (${banks.join(' UNION ')}) FOR KEY SHARE`);
  await client.query(`SELECT 1 FROM organisations WHERE id = $1 FOR KEY SHARE`, [approver]);
  await client.query(`SET LOCAL session_replication_role = replica`);
}

/** Every foreign key of the rows the import wrote points at a row; throws naming the key otherwise. */
export async function checkForeignKeys(client: ClientBase, importId: string, written: string[]): Promise<void> {
  await client.query(`SET LOCAL session_replication_role = origin`);
  const keys: { table: string; column: string; referenced: string; referencedColumn: string }[] = (await client.query(
    `SELECT c.conrelid::regclass::text AS "table", a.attname AS "column", c.confrelid::regclass::text AS referenced, ra.attname AS "referencedColumn"
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.conrelid::regclass::text = ANY($1)`, [written])).rows;
  // One pass over each table's written rows for all its keys: a hash join to each referenced table (on its
  // primary or unique key, so no row is repeated), counting the references that found nothing.
  const broken: string[] = [];
  for (const table of [...new Set(keys.map((key) => key.table))]) {
    const own = keys.filter((key) => key.table === table);
    const joins = own.map(({ column, referenced, referencedColumn }, i) => `LEFT JOIN "${referenced}" r${i} ON r${i}."${referencedColumn}" = t."${column}"`);
    const counts = own.map(({ column, referencedColumn }, i) => `count(*) FILTER (WHERE t."${column}" IS NOT NULL AND r${i}."${referencedColumn}" IS NULL)::int AS k${i}`);
    const written = WRITTEN[table];
    const sql = written.startsWith('WHERE')
      ? `SELECT ${counts.join(', ')} FROM "${table}" t ${joins.join(' ')} ${written}`
      : `SELECT ${counts.join(', ')} FROM "${table}" t ${written} ${joins.join(' ')}`;
    const { rows: [missing] } = await client.query(sql, table === 'recipient_provenance' ? [importId] : []);
    own.forEach(({ column, referenced }, i) => {
      if (missing[`k${i}`] > 0) broken.push(`${table}.${column} → ${referenced} (${missing[`k${i}`]} rows)`);
    });
  }
  if (broken.length > 0) throw new Error(`register import: written rows reference rows that do not exist: ${broken.join('; ')}`);
}
