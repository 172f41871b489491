import { RecipientChangeKind, RecipientChangeStatus } from '../recipients/recipient-change-proposal.entity';
import { encodeCursor } from '../graphql/connection';
import type { RequestContext } from '../graphql/context';
import { badUserInput } from '../graphql/errors';
import { fromGlobalId } from '../graphql/global-id';
import { REGION_CODE_PATTERN } from '../regions/region.service';
import { regionWithinSql } from '../recipients/recipient-scope';
import { createdCursor, Page, pageSize } from '../recipients/recipient-queries';
import { words } from '../words';
import {
  DeliberationChangeCount, DeliberationProgramChangeCount, DeliberationReview, PUBLIC_DELIBERATION_COLUMNS, PublicChangeRow, PublicDeliberationRow,
} from './village-deliberation.types';

/**
 * villageDeliberations: those of a village, or of every village inside a
 * sub-district, district/city or province, the most recently recorded first,
 * in keyset pages on (created_at, id). Public (docs/adr/0038). Two statements.
 */
export async function listVillageDeliberations(
  ctx: RequestContext, args: { regionCode: string; first?: number | null; after?: string | null },
): Promise<Page<PublicDeliberationRow>> {
  const first = pageSize(args.first);
  const cursor = createdCursor(args.after);
  if (!REGION_CODE_PATTERN.test(args.regionCode) || !(await ctx.loaders.regionByCodeLoader.load(args.regionCode))) {
    throw badUserInput(words('deliberations.regionCode'), 'regionCode');
  }
  const params: unknown[] = [args.regionCode];
  const where = [regionWithinSql('m.region_code', '$1')];
  const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM deliberations m WHERE ${where.join(' AND ')}`, [...params]);
  if (cursor) where.push(`(m.created_at, m.id) < ($${params.push(cursor[0])}::timestamptz, $${params.push(cursor[1])}::uuid)`);
  const rows: PublicDeliberationRow[] = await ctx.dataSource.query(
    `SELECT ${PUBLIC_DELIBERATION_COLUMNS} FROM deliberations m WHERE ${where.join(' AND ')} ORDER BY m.created_at DESC, m.id DESC LIMIT $${params.push(first + 1)}`,
    params,
  );
  const page = rows.slice(0, first);
  page.forEach((row) => ctx.loaders.publicDeliberationByIdLoader.prime(row.id, row));
  return { rows: page, hasNextPage: rows.length > first, totalCount: count, cursorOf: (row) => encodeCursor([row.createdAtCursor, row.id]) };
}

/** villageDeliberation(id): any deliberation, by its Deliberation id; null when there is none. */
export async function findVillageDeliberation(ctx: RequestContext, id: string): Promise<PublicDeliberationRow | null> {
  const decoded = fromGlobalId(id);
  return decoded?.typeName === 'Deliberation' ? ctx.loaders.publicDeliberationByIdLoader.load(decoded.key) : null;
}

/** Per kind (in the enum's order, kinds with none left out): proposed, approved, rejected, pending. */
export function changeCounts(changes: PublicChangeRow[]): DeliberationChangeCount[] {
  return Object.values(RecipientChangeKind).flatMap((kind) => {
    const ofKind = changes.filter((change) => change.kind === kind);
    if (ofKind.length === 0) return [];
    const having = (status: RecipientChangeStatus) => ofKind.filter((change) => change.status === status).length;
    return [Object.assign(new DeliberationChangeCount(), {
      kind, proposed: ofKind.length, approved: having(RecipientChangeStatus.APPROVED), rejected: having(RecipientChangeStatus.REJECTED), pending: having(RecipientChangeStatus.PENDING),
    })];
  });
}

/** Per programme and kind, programmes by code: how many changes concern people enrolled in it. */
export function programChangeCounts(changes: PublicChangeRow[]): DeliberationProgramChangeCount[] {
  const counts = new Map<string, DeliberationProgramChangeCount>();
  for (const change of changes) {
    for (const programCode of change.programCodes) {
      const key = `${programCode}\u0000${change.kind}`;
      const count = counts.get(key) ?? Object.assign(new DeliberationProgramChangeCount(), { programCode, kind: change.kind, count: 0 });
      count.count += 1;
      counts.set(key, count);
    }
  }
  const kinds = Object.values(RecipientChangeKind);
  return [...counts.values()].sort((a, b) => a.programCode.localeCompare(b.programCode) || kinds.indexOf(a.kind) - kinds.indexOf(b.kind));
}

/** The review in sum; the reviewing offices' names are looked up by the resolver. */
export function reviewOf(changes: PublicChangeRow[], officeNames: string[]): DeliberationReview {
  const reviewed = changes.flatMap((change) => (change.reviewedAt ? [change.reviewedAt.getTime()] : []));
  const having = (status: RecipientChangeStatus) => changes.filter((change) => change.status === status).length;
  return Object.assign(new DeliberationReview(), {
    approved: having(RecipientChangeStatus.APPROVED),
    rejected: having(RecipientChangeStatus.REJECTED),
    pending: having(RecipientChangeStatus.PENDING),
    complete: having(RecipientChangeStatus.PENDING) === 0,
    firstReviewedAt: reviewed.length ? new Date(Math.min(...reviewed)) : null,
    lastReviewedAt: reviewed.length ? new Date(Math.max(...reviewed)) : null,
    reviewedBy: [...new Set(officeNames)].sort((a, b) => a.localeCompare(b)),
  });
}
