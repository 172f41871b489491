import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type { RequestFunction, RequestOptions, RequestVariables } from './request.js';

/** A Relay connection, as the SDK's list operations select it. */
export interface Connection<TNode> {
  edges: ReadonlyArray<{ node: TNode }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * Every node of a connection, page after page, as an async iterator: the
 * document must take `$after` for that connection; `connection` picks it from
 * each page's data. Stop early with `break`: no further page is asked for.
 *
 * ```ts
 * for await (const complaint of paginate(aduan, ComplaintsDocument, { first: 100, filter }, (data) => data.complaints)) { … }
 * for await (const event of paginate(aduan, ComplaintTimelineDocument, { id }, (data) => data.complaint?.timeline)) { … }
 * ```
 */
export async function* paginate<TResult, TVariables extends { after?: string | null }, TNode>(
  client: { request: RequestFunction },
  document: DocumentTypeDecoration<TResult, TVariables>,
  variables: Omit<RequestVariables<TVariables>, 'after'>,
  connection: (data: TResult) => Connection<TNode> | null | undefined,
  options?: RequestOptions,
): AsyncGenerator<TNode, void, undefined> {
  let after: string | null = null;
  for (;;) {
    const pageVariables = { ...variables, after } as unknown as RequestVariables<TVariables>;
    const page = connection(await (client.request as (d: unknown, v: unknown, o?: RequestOptions) => Promise<TResult>)(document, pageVariables, options));
    if (!page) return;
    for (const edge of page.edges) yield edge.node;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    if (page.pageInfo.endCursor === after) throw new Error('paginate: the server returned the same cursor twice; stopping rather than looping.');
    after = page.pageInfo.endCursor;
  }
}
