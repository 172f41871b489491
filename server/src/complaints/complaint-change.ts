import { EntityManager } from 'typeorm';
import { ClientPrincipal, Principal } from '../auth/principal';
import type { RequestContext } from '../graphql/context';
import { uuidOf } from '../graphql/global-id';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { Said, words } from '../words';
import { claimIdempotencyKey, recordIdempotentResult } from '../idempotency/idempotency.service';
import { appendEvent, NewEvent } from './complaint-events';
import { canActAtTier, complaintScopeSql } from './complaint-scope';
import { COMPLAINT_COLUMNS, ComplaintRow } from './complaint.row';
import { UUID } from '../common/uuid';
import { complaintChangeEvents, emitWebhookEvents } from '../webhooks';
import { notifyComplaintChange } from '../notifications/queue-notifications';
import { RECORD_EVENT_TYPES } from '../office-records/office-record-facts';
import { officeRecordsChanged } from '../office-records/office-record-refresh';

/** Why a step is refused: a userError code, the input field at fault, and the message in both languages (from the catalogue). */
export type Refusal = { code: UserErrorCode; field?: string[] } & Said;

/** An event of a change; the actor and the complaint are filled in by applyChange. */
export type ChangeEvent = Omit<NewEvent, 'complaintId' | 'actor'>;

/** The ids of what a creating step made (a referral, a visit …): stored with its idempotency key so a repeat answers the same. */
export type Created = Record<string, string>;

/** What a handling step decides: the columns to set and the events to append — or why not. */
export type Change =
  | {
    set: Record<string, unknown>;
    events: ChangeEvent[];
    /** Runs after the update and the events, in the same transaction: rows of other tables, events on other complaints. */
    after?: (manager: EntityManager, row: ComplaintRow) => Promise<Created | void>;
  }
  | { refuse: Refusal };

export type Accepted = Exclude<Change, { refuse: Refusal }>;

export interface ChangeResult { complaint: ComplaintRow | null; userErrors: UserError[]; created?: Created | null }

export interface ChangeOptions {
  /** False for callers without a tier (intake clients, banks): the step then checks the caller itself. Default true. */
  requireActingTier?: boolean;
  /** For steps that create something: the same key and input within 24 h answer with what the first call created. */
  idempotency?: { operation: string; key: string; input: unknown };
  /**
   * Other complaints the step changes too (ids; a merge's survivor), locked with the named one in one statement, in
   * id order: two steps on the same complaints then queue on the first of them and never deadlock, whichever of the
   * pair each names. `decide` gets those within the caller's reach.
   */
  alsoLock?: readonly (string | null)[];
}

/** Thrown inside a transaction to roll back everything it did (an idempotency claim too); `value` is then the answer. */
export class Rollback<T> {
  constructor(readonly value: T) {}
}

/** A transaction in which a refusal (a thrown Rollback) undoes everything and is answered as data. */
export async function transactionOrRollback<T>(ctx: RequestContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await ctx.dataSource.transaction(work);
  } catch (error) {
    if (error instanceof Rollback) return error.value as T;
    throw error;
  }
}


/**
 * The one way a handler changes a complaint, in one transaction: find it within
 * the caller's scope (else NOT_FOUND — the same as missing), lock it, check the
 * version the caller read, then the tier, let `decide` apply the rules, write the
 * change with version + 1, and append its events to the timeline. A refusal
 * rolls the transaction back: nothing changes, not even an idempotency claim.
 *
 * `version: null` is for steps guarded by another row's state instead (a
 * referral is answered once), whose callers never read the complaint's version.
 */
export async function changeComplaint(
  ctx: RequestContext,
  principal: ClientPrincipal,
  input: { complaintId: string; version: number | null },
  decide: (row: ComplaintRow, manager: EntityManager, others: ComplaintRow[]) => Promise<Change> | Change,
  options: ChangeOptions = {},
): Promise<ChangeResult> {
  const errors = new UserErrors(ctx.locale);
  const refuse = (row: ComplaintRow | null, field: string[] | null, code: UserErrorCode, message: Said): never => {
    errors.add(field, code, message);
    throw new Rollback<ChangeResult>({ complaint: row, userErrors: errors.list });
  };
  const idempotency = options.idempotency;
  if (idempotency && (idempotency.key.length < 1 || idempotency.key.length > 128)) {
    errors.add(['input', 'idempotencyKey'], UserErrorCode.INVALID_INPUT, 'idempotency.keyLength');
    return { complaint: null, userErrors: errors.list };
  }
  const id = uuidOf(input.complaintId, 'Complaint');
  return transactionOrRollback(ctx, async (manager): Promise<ChangeResult> => {
    if (idempotency) {
      const claim = await claimIdempotencyKey<{ complaintId: string; created: Created }>(manager, principal.apiClientId, idempotency.operation, idempotency.key, idempotency.input);
      if (claim.kind === 'reused') {
        return refuse(null, ['input', 'idempotencyKey'], UserErrorCode.IDEMPOTENCY_KEY_REUSED, words('idempotency.keyReused'));
      }
      if (claim.kind === 'repeat') {
        const [current] = await lockComplaints(manager, principal, [claim.result.complaintId], { lock: false });
        return { complaint: current ?? null, userErrors: [], created: claim.result.created };
      }
    }
    const others = (options.alsoLock ?? []).filter((other): other is string => other !== null && other !== id);
    const locked = id ? await lockComplaints(manager, principal, [id, ...others]) : [];
    const row = locked.find((r) => r.id === id);
    if (!row) {
      return refuse(null, ['input', 'complaintId'], UserErrorCode.NOT_FOUND, words('complaint.notFound'));
    }
    // The version first: a caller who read an older version decided on a complaint that no longer exists as
    // they saw it (another handler escalated or resolved it meanwhile); whatever else is now true of it, the
    // answer is "read it again" — the same answer whichever of two concurrent steps commits first.
    if (input.version !== null && row.version !== input.version) {
      return refuse(row, ['input', 'version'], UserErrorCode.STALE_VERSION, words('complaint.staleVersion', { version: row.version }));
    }
    if ((options.requireActingTier ?? true) && !canActAtTier(principal, row.currentTier)) {
      return refuse(row, ['input', 'complaintId'], UserErrorCode.OUTSIDE_YOUR_TIER, words('tier.handledAbove', { tier: row.currentTier }));
    }
    const change = await decide(row, manager, locked.filter((r) => r.id !== id));
    if ('refuse' in change) return refuse(row, change.refuse.field ?? null, change.refuse.code, change.refuse);
    const { row: updated, created } = await applyChange(ctx, manager, principal, row, change);
    if (idempotency) await recordIdempotentResult(manager, principal.apiClientId, idempotency.key, { complaintId: row.id, created: created ?? {} });
    return { complaint: updated, userErrors: [], created };
  });
}

/**
 * Writes an accepted change to a complaint the caller has locked (FOR UPDATE, in
 * this transaction): the columns with version + 1 and updated_at, its events,
 * then `after`. Events name the status and tier before and after. Every step
 * that appends to a timeline goes through here, so every event is a new
 * version: whoever read the complaint before it must read it again to act on it.
 * Then the offices' public records (office-records/, docs/adr/0036). Last, in the same transaction, what the change tells webhook subscribers (a
 * status change, a referral) and the complainant (notifications/, docs/adr/0025):
 * written if and only if the change commits.
 */
export async function applyChange(
  ctx: Pick<RequestContext, 'now'>, manager: EntityManager, actor: Principal | null, row: ComplaintRow, change: Accepted,
): Promise<{ row: ComplaintRow; created: Created | null }> {
  const now = ctx.now();
  const columns = Object.keys(change.set);
  const assignments = columns.map((column, i) => `${column} = $${i + 3}`);
  // TypeORM answers an UPDATE with [rows, rowCount].
  const [[updated]]: [ComplaintRow[], number] = await manager.query(
    `UPDATE complaints c SET ${[...assignments, 'version = c.version + 1', `updated_at = $${columns.length + 3}`].join(', ')}
      WHERE c.id = $1 AND c.version = $2 RETURNING ${COMPLAINT_COLUMNS}`,
    [row.id, row.version, ...columns.map((c) => change.set[c]), now],
  );
  // Every event records the status and tier before and after its step, changed or not, unless it says otherwise.
  const snapshot = { fromStatus: row.status, toStatus: updated.status, fromTier: row.currentTier, toTier: updated.currentTier };
  for (const event of change.events) {
    await appendEvent(manager, { ...snapshot, ...event, complaintId: row.id, actor, at: event.at ?? now });
  }
  const created = (await change.after?.(manager, updated)) ?? null;
  // The offices' public records (docs/adr/0036-office-records.md), after `after` so that a referral it wrote counts.
  if (change.events.some((event) => RECORD_EVENT_TYPES.includes(event.type))) await officeRecordsChanged(manager, [row.id]);
  await emitWebhookEvents(manager, complaintChangeEvents(row, updated, change.events, now), actor);
  // And what it tells the complainant (and the people whose complaints were merged into it), if they consented.
  await notifyComplaintChange(manager, actor, row, updated, change.events, now);
  return { row: updated, created };
}

/**
 * Complaints by id within the caller's scope, locked FOR UPDATE in id order (so
 * two steps locking the same complaints cannot deadlock), or read without a lock.
 */
export async function lockComplaints(
  manager: EntityManager, principal: Principal, ids: readonly string[], options: { lock?: boolean } = {},
): Promise<ComplaintRow[]> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return [];
  const params: unknown[] = [valid];
  const scope = complaintScopeSql(principal, params);
  return manager.query(
    `SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = ANY($1::uuid[]) AND (${scope}) ORDER BY c.id${options.lock === false ? '' : ' FOR UPDATE'}`,
    params,
  );
}
