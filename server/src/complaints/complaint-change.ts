import { EntityManager } from 'typeorm';
import { ClientPrincipal } from '../auth/principal';
import type { RequestContext } from '../graphql/context';
import { fromGlobalId } from '../graphql/global-id';
import { UserError, UserErrorCode } from '../graphql/user-error';
import { UserErrors } from '../graphql/user-errors';
import { appendEvent, NewEvent } from './complaint-events';
import { canActAtTier, complaintScopeSql } from './complaint-scope';
import { COMPLAINT_COLUMNS, ComplaintRow } from './complaint.row';

/** What a handling step decides: the columns to set and the events to append — or why not. */
export type Change =
  | { set: Record<string, unknown>; events: Omit<NewEvent, 'complaintId' | 'actor'>[]; after?: (manager: EntityManager, row: ComplaintRow) => Promise<void> }
  | { refuse: { code: UserErrorCode; field?: string[]; id: string; en: string } };

export interface ChangeResult { complaint: ComplaintRow | null; userErrors: UserError[] }

/**
 * The one way a handler changes a complaint, in one transaction: find it within
 * the caller's scope (else NOT_FOUND — the same as missing), lock it, check the
 * tier and the version the caller read, let `decide` apply the rules, write the
 * change with version + 1, and append its events to the timeline.
 */
export async function changeComplaint(
  ctx: RequestContext,
  principal: ClientPrincipal,
  input: { complaintId: string; version: number },
  decide: (row: ComplaintRow, manager: EntityManager) => Promise<Change> | Change,
  options: { requireActingTier?: boolean } = {},
): Promise<ChangeResult> {
  const errors = new UserErrors(ctx.locale);
  const decoded = fromGlobalId(input.complaintId);
  const id = decoded?.typeName === 'Complaint' && /^[0-9a-f-]{36}$/.test(decoded.key) ? decoded.key : null;
  return ctx.dataSource.transaction(async (manager) => {
    const params: unknown[] = [id];
    const scope = complaintScopeSql(principal, params);
    const [row]: ComplaintRow[] = id
      ? await manager.query(`SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = $1 AND (${scope}) FOR UPDATE`, params)
      : [];
    if (!row) {
      errors.add(['input', 'complaintId'], UserErrorCode.NOT_FOUND, { id: 'Pengaduan tidak ditemukan.', en: 'No such complaint within your reach.' });
      return { complaint: null, userErrors: errors.list };
    }
    if ((options.requireActingTier ?? true) && !canActAtTier(principal, row.currentTier)) {
      errors.add(['input', 'complaintId'], UserErrorCode.OUTSIDE_YOUR_TIER, {
        id: `Pengaduan ini sedang ditangani di tingkat ${row.currentTier}; tingkat tersebut yang menindaklanjutinya.`,
        en: `This complaint is handled at the ${row.currentTier} tier now; that tier acts on it.`,
      });
      return { complaint: row, userErrors: errors.list };
    }
    if (row.version !== input.version) {
      errors.add(['input', 'version'], UserErrorCode.STALE_VERSION, {
        id: `Pengaduan telah berubah (versi ${row.version}); muat ulang lalu coba lagi.`,
        en: `The complaint changed since you read it (now version ${row.version}); read it again and retry.`,
      });
      return { complaint: row, userErrors: errors.list };
    }
    const change = await decide(row, manager);
    if ('refuse' in change) {
      errors.add(change.refuse.field ?? null, change.refuse.code, change.refuse);
      return { complaint: row, userErrors: errors.list };
    }
    const now = ctx.now();
    const columns = Object.keys(change.set);
    const assignments = columns.map((column, i) => `${column} = $${i + 3}`);
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [[updated]]: [ComplaintRow[], number] = await manager.query(
      `UPDATE complaints c SET ${[...assignments, 'version = c.version + 1', `updated_at = $${columns.length + 3}`].join(', ')}
        WHERE c.id = $1 AND c.version = $2 RETURNING ${COMPLAINT_COLUMNS}`,
      [row.id, row.version, ...columns.map((c) => change.set[c]), now],
    );
    for (const event of change.events) await appendEvent(manager, { ...event, complaintId: row.id, actor: principal, at: event.at ?? now });
    await change.after?.(manager, updated);
    return { complaint: updated, userErrors: [] };
  });
}
