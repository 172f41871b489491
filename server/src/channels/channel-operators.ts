import { EntityManager } from 'typeorm';
import { CHANNELS } from '../setup/reference.data';

/**
 * A channel's operator is named in the shipped reference data by what
 * identifies it before any id exists (the ministry, or a bank by its code).
 * Whoever creates that organisation — the setup, the offices import,
 * createOrganisation — calls this in the same transaction, so the bank's call
 * centre is operated by the bank from the moment the bank exists, and a later
 * setup has nothing left to change.
 */
/** Sets the operator of channels that have none and whose operator now exists; answers how many. */
export async function fillChannelOperators(manager: EntityManager): Promise<number> {
  const withOperator = CHANNELS.filter((c) => c.operator !== null);
  const codes = withOperator.map((c) => c.code);
  const bankCodes = withOperator.map((c) => (c.operator === 'MINISTRY' ? null : c.operator!.bankCode));
  const [{ count }] = await manager.query(
    `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::text[]) AS w(code, bank_code)),
          ministry AS (SELECT id FROM organisations WHERE kind = 'MINISTRY' ORDER BY created_at, id LIMIT 1),
          operator AS (
            SELECT w.code, CASE WHEN w.bank_code IS NULL THEN (SELECT id FROM ministry)
                                ELSE (SELECT id FROM organisations o WHERE o.bank_code = w.bank_code) END AS id
              FROM wanted w
          ),
          updated AS (
            UPDATE channels c SET operator_organisation_id = operator.id
              FROM operator
             WHERE c.code = operator.code AND c.operator_organisation_id IS NULL AND operator.id IS NOT NULL
            RETURNING 1
          )
     SELECT count(*)::int AS count FROM updated`,
    [codes, bankCodes],
  );
  return count;
}

