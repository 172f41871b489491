import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

export const IDEMPOTENCY_WINDOW_HOURS = 24;

export type IdempotencyClaim<R> =
  | { kind: 'new' }
  | { kind: 'repeat'; result: R }
  | { kind: 'reused' };

/** SHA-256 of the input with object keys sorted, so the same input always hashes the same. */
export function requestHash(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The claim of an idempotency key as a data-modifying CTE (`WITH claim AS
 * (…)`), for a write that claims the key and applies the change in one
 * statement: the rest of the statement selects FROM claim, so it writes
 * nothing when the key is taken. The result is stored with the claim (the
 * caller knows it before writing: ids and codes drawn in advance). Pushes its
 * parameters onto `params`. `onlyIf`, a condition in SQL, lets the statement
 * refuse to write anything (the key not claimed either). When the statement
 * wrote nothing, ask readIdempotencyClaim what the key holds.
 */
export function idempotencyClaimCte(
  params: unknown[], apiClientId: string, key: string, operation: string, input: unknown, result: unknown, options: { onlyIf?: string } = {},
): string {
  const at = params.length;
  params.push(apiClientId, key, operation, requestHash(input), JSON.stringify(result));
  return `claim AS (
    INSERT INTO idempotency_records (api_client_id, key, operation, request_hash, result, expires_at)
    SELECT $${at + 1}::uuid, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::jsonb, now() + interval '${IDEMPOTENCY_WINDOW_HOURS} hours'
     WHERE ${options.onlyIf ?? 'true'}
    ON CONFLICT (api_client_id, key) DO UPDATE
      SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, result = EXCLUDED.result,
          created_at = now(), expires_at = EXCLUDED.expires_at
      WHERE idempotency_records.expires_at < now()
    RETURNING id
  )`;
}

/**
 * What a key holds: the same request again ('repeat', with its result),
 * another one ('reused'), or nothing ('none': a claim refused by its onlyIf).
 */
export async function readIdempotencyClaim<R>(
  db: EntityManager | DataSource, apiClientId: string, operation: string, key: string, input: unknown,
): Promise<Exclude<IdempotencyClaim<R>, { kind: 'new' }> | { kind: 'none' }> {
  const [existing]: { operation: string; request_hash: string; result: R }[] = await db.query(
    `SELECT operation, request_hash, result FROM idempotency_records WHERE api_client_id = $1 AND key = $2`,
    [apiClientId, key],
  );
  if (!existing) return { kind: 'none' };
  if (existing.operation !== operation || existing.request_hash !== requestHash(input)) return { kind: 'reused' };
  return { kind: 'repeat', result: existing.result };
}

/**
 * Claims an idempotency key for this client inside the caller's transaction.
 * The unique (client, key) constraint decides races: a second request with the
 * same key waits on the first one's row lock until it commits, then sees its
 * result. 'new': go ahead, and call `recordResult` before committing; 'repeat':
 * answer with the stored result; 'reused': same key, other input or mutation.
 * A key older than 24 h is free again.
 */
export async function claimIdempotencyKey<R>(
  manager: EntityManager,
  apiClientId: string,
  operation: string,
  key: string,
  input: unknown,
): Promise<IdempotencyClaim<R>> {
  // The same claim as a write's own statement makes (idempotencyClaimCte), here alone; the result is recorded later.
  const params: unknown[] = [];
  const claimed: { id: string }[] = await manager.query(`WITH ${idempotencyClaimCte(params, apiClientId, key, operation, input, {})} SELECT id FROM claim`, params);
  if (claimed.length > 0) return { kind: 'new' };
  const existing = await readIdempotencyClaim<R>(manager, apiClientId, operation, key, input);
  return existing.kind === 'none' ? { kind: 'reused' } : existing; // none: cannot be after a conflict; refused as the safe answer
}

export async function recordIdempotentResult(manager: EntityManager, apiClientId: string, key: string, result: unknown): Promise<void> {
  await manager.query(`UPDATE idempotency_records SET result = $3 WHERE api_client_id = $1 AND key = $2`, [apiClientId, key, JSON.stringify(result)]);
}
