import { ClientPrincipal, Principal } from '../auth/principal';
import { SUBSCRIBING_ROLES } from './emit-webhook-events';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, KeysetPage, MAX_PAGE_SIZE } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { uuidOf } from '../graphql/global-id';
import { UUID } from '../common/uuid';
import { WebhookDeliveryStatus, WebhookEventType } from './webhook.entity';
import {
  DELIVERY_COLUMNS, SUBSCRIPTION_COLUMNS, WebhookDelivery, WebhookDeliveryAttempt, WebhookDeliveryRow, WebhookSubscription, WebhookSubscriptionRow,
} from './webhook.types';
import { words } from '../words';

/** Whether the caller's role subscribes to webhooks (others see no subscription or delivery, e.g. through `node`). */
export function subscribes(principal: Principal): principal is ClientPrincipal {
  return principal.kind === 'client' && SUBSCRIBING_ROLES.includes(principal.role);
}

/** The caller's organisation's subscriptions, oldest first (at most 10). */
export async function ownSubscriptions(ctx: RequestContext, principal: ClientPrincipal): Promise<WebhookSubscription[]> {
  const rows: WebhookSubscriptionRow[] = await ctx.dataSource.query(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions s WHERE s.organisation_id = $1 ORDER BY s.created_at, s.id`,
    [principal.organisationId],
  );
  return rows.map((row) => WebhookSubscription.from(row, ctx.now()));
}

/** A delivery with the key of its row, for its cursor. */
export type DeliveryWithRow = WebhookDelivery & { rowId: string };

export interface DeliveryFilter {
  subscriptionId?: string | null;
  status?: WebhookDeliveryStatus | null;
  eventType?: WebhookEventType | null;
}

/**
 * A page of the organisation's delivery log, newest first, keyset-paged on
 * (created_at, id) to the microsecond; each delivery with its attempts (one
 * statement for the page's attempts, one for its subscriptions).
 */
export async function deliveryPage(
  ctx: RequestContext, principal: ClientPrincipal, args: DeliveryFilter & { first?: number | null; after?: string | null },
): Promise<KeysetPage<DeliveryWithRow>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badUserInput(words('webhooks.pageSize', { max: MAX_PAGE_SIZE }), 'first');
  const params: unknown[] = [principal.organisationId];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where = ['d.organisation_id = $1'];
  if (args.subscriptionId) {
    const id = uuidOf(args.subscriptionId, 'WebhookSubscription');
    if (!id) throw badUserInput(words('input.notGlobalIdOf', { field: 'subscriptionId', type: 'WebhookSubscription' }), 'subscriptionId');
    where.push(`d.subscription_id = ${p(id)}`);
  }
  if (args.status) where.push(`d.status = ${p(args.status)}`);
  if (args.eventType) where.push(`d.event_type = ${p(args.eventType)}`);
  const countParams = [...params];
  const countWhere = [...where];
  if (args.after) {
    const cursor = decodeCursor(args.after);
    if (!cursor || cursor.length !== 2 || typeof cursor[0] !== 'string' || typeof cursor[1] !== 'string' || !UUID.test(cursor[1]) || Number.isNaN(Date.parse(cursor[0]))) {
      throw badUserInput(words('page.after'), 'after');
    }
    where.push(`(d.created_at, d.id) < (${p(cursor[0])}::timestamptz, ${p(cursor[1])}::uuid)`);
  }
  const rows: WebhookDeliveryRow[] = await ctx.dataSource.query(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT ${p(first + 1)}`,
    params,
  );
  const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM webhook_deliveries d WHERE ${countWhere.join(' AND ')}`, countParams);
  const page = rows.slice(0, first);
  const deliveries = await withAttemptsAndSubscriptions(ctx, page);
  const cursors = new Map(page.map((row) => [row.id, encodeCursor([row.createdAtCursor, row.id])]));
  return {
    rows: deliveries,
    hasNextPage: rows.length > first,
    totalCount: count,
    cursorOf: (delivery) => cursors.get(delivery.rowId)!,
  };
}

/** One delivery of the caller's organisation by its uuid, or null (another organisation's looks missing). */
export async function ownDelivery(ctx: RequestContext, principal: ClientPrincipal, id: string): Promise<WebhookDelivery | null> {
  if (!UUID.test(id)) return null;
  const rows: WebhookDeliveryRow[] = await ctx.dataSource.query(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.id = $1 AND d.organisation_id = $2`, [id, principal.organisationId],
  );
  const [delivery] = await withAttemptsAndSubscriptions(ctx, rows);
  return delivery ?? null;
}

/** One subscription of the caller's organisation by its uuid, or null. */
export async function ownSubscription(ctx: RequestContext, principal: ClientPrincipal, id: string): Promise<WebhookSubscription | null> {
  if (!UUID.test(id)) return null;
  const [row]: WebhookSubscriptionRow[] = await ctx.dataSource.query(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions s WHERE s.id = $1 AND s.organisation_id = $2`, [id, principal.organisationId],
  );
  return row ? WebhookSubscription.from(row, ctx.now()) : null;
}

async function withAttemptsAndSubscriptions(ctx: RequestContext, rows: WebhookDeliveryRow[]): Promise<DeliveryWithRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const attempts: (WebhookDeliveryAttempt & { deliveryId: string })[] = await ctx.dataSource.query(
    `SELECT delivery_id AS "deliveryId", number, started_at AS at, duration_ms AS "durationMs", result, status_code AS "statusCode", error
       FROM webhook_delivery_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY delivery_id, number`,
    [ids],
  );
  const subscriptionRows: WebhookSubscriptionRow[] = await ctx.dataSource.query(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions s WHERE s.id = ANY($1::uuid[])`, [[...new Set(rows.map((row) => row.subscriptionId))]],
  );
  const subscriptions = new Map(subscriptionRows.map((row) => [row.id, WebhookSubscription.from(row, ctx.now())]));
  return rows.map((row) => Object.assign(
    WebhookDelivery.from(row, subscriptions.get(row.subscriptionId)!, attempts
      .filter((a) => a.deliveryId === row.id)
      .map(({ deliveryId: _, ...attempt }) => Object.assign(new WebhookDeliveryAttempt(), attempt))),
    { rowId: row.id },
  ));
}
