import { ClassType, Field, Int, ObjectType, ArgsType } from 'type-graphql';

/**
 * Relay cursor connections with keyset pagination: a cursor encodes the sort
 * key of the last row seen, so page N costs what page 1 costs.
 */
@ObjectType({ description: 'Where a page of a connection stands.' })
export class PageInfo {
  @Field({ description: 'Whether another page follows this one.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the last edge; pass it as `after` for the next page. Null on an empty page.' })
  endCursor: string | null;
}

export interface Edge<T> { cursor: string; node: T }

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds `XConnection` and `XEdge` types for a node type. */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this edge; pass as `after` to continue after it.' })
    cursor: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The page, in order.' })
    edges: EdgeType[];

    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to fetch the next.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many objects match in all pages (the filter applied, your access applied).' })
    totalCount: number;
  }

  return { EdgeType, ConnectionType };
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `How many to return: 1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return the objects after this cursor (`pageInfo.endCursor` of the previous page).' })
  after?: string;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor; null when it is not one of ours (the caller answers BAD_USER_INPUT). */
export function decodeCursor(cursor: string): unknown[] | null {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(values) ? values : null;
  } catch {
    return null;
  }
}

/** A keyset page as the services return it: rows, whether more follow, the total, and each row's cursor. */
export interface KeysetPage<R> { rows: R[]; hasNextPage: boolean; totalCount: number; cursorOf: (row: R) => string }

/** The Relay connection of a page: edges with cursors, pageInfo, totalCount. */
export function toConnection<R, N>(page: KeysetPage<R>, toNode: (row: R) => N): ConnectionShape<N> {
  // Cursors are encoded when asked for (most lists never ask for an edge's cursor; an inbox page has 200 edges with its timelines).
  const edges = page.rows.map((row) => ({ get cursor() { return page.cursorOf(row); }, node: toNode(row) }));
  const last = page.rows.at(-1);
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: last === undefined ? null : page.cursorOf(last) }, totalCount: page.totalCount };
}
