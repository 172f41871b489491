import { describe, expect, it } from 'vitest';
import { ComplaintsDocument, ComplaintTimelineDocument, createClient, paginate } from '../../sdk/src/index';
import { data, ENDPOINT, mockFetch } from './mock-fetch';

/** paginate(): every node of a connection, page after page, as an async iterator. */

function pages(root: (connection: unknown) => Record<string, unknown>, sizes: number[]) {
  return mockFetch({
    graphql: (call) => {
      const page = call.body.variables.after === null ? 0 : Number(call.body.variables.after.slice(1));
      const start = sizes.slice(0, page).reduce((a, b) => a + b, 0);
      const edges = Array.from({ length: sizes[page] }, (_, i) => ({ cursor: `n${start + i}`, node: { id: `c${start + i}` } }));
      return data(root({ edges, pageInfo: { hasNextPage: page + 1 < sizes.length, endCursor: `p${page + 1}` }, totalCount: 5 }));
    },
  });
}

describe('paginate', () => {
  it('walks a root connection to its end, passing each page’s endCursor as `after`, and the other variables unchanged', async () => {
    const mock = pages((complaints) => ({ complaints }), [2, 2, 1]);
    const aduan = createClient({ url: ENDPOINT, fetch: mock.fetch });
    const ids: string[] = [];
    for await (const complaint of paginate(aduan, ComplaintsDocument, { first: 2, filter: { status: ['RECEIVED'] } }, (d) => d.complaints)) ids.push(complaint.id);
    expect(ids).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(mock.calls.map((c) => c.body.variables)).toEqual([
      { first: 2, filter: { status: ['RECEIVED'] }, after: null },
      { first: 2, filter: { status: ['RECEIVED'] }, after: 'p1' },
      { first: 2, filter: { status: ['RECEIVED'] }, after: 'p2' },
    ]);
  });

  it('walks a nested connection (a complaint’s timeline); a missing parent ends it', async () => {
    const mock = pages((timeline) => ({ complaint: { id: 'x', timeline } }), [3, 1]);
    const aduan = createClient({ url: ENDPOINT, fetch: mock.fetch });
    const seen = [];
    for await (const event of paginate(aduan, ComplaintTimelineDocument, { id: 'x', first: 3 }, (d) => d.complaint?.timeline)) seen.push(event.id);
    expect(seen).toEqual(['c0', 'c1', 'c2', 'c3']);
    const none = mockFetch({ graphql: () => data({ complaint: null }) });
    const nothing = [];
    for await (const event of paginate(createClient({ url: ENDPOINT, fetch: none.fetch }), ComplaintTimelineDocument, { id: 'y' }, (d) => d.complaint?.timeline)) nothing.push(event);
    expect(nothing).toEqual([]);
  });

  it('stopping early asks for no further page', async () => {
    const mock = pages((complaints) => ({ complaints }), [2, 2, 1]);
    for await (const complaint of paginate(createClient({ url: ENDPOINT, fetch: mock.fetch }), ComplaintsDocument, {}, (d) => d.complaints)) {
      if (complaint.id === 'c0') break;
    }
    expect(mock.calls).toHaveLength(1);
  });

  it('refuses to loop on a server that repeats its cursor', async () => {
    const mock = mockFetch({ graphql: () => data({ complaints: { edges: [{ cursor: 'a', node: { id: 'a' } }], pageInfo: { hasNextPage: true, endCursor: 'same' }, totalCount: 9 } }) });
    const walk = async () => {
      for await (const _ of paginate(createClient({ url: ENDPOINT, fetch: mock.fetch }), ComplaintsDocument, {}, (d) => d.complaints));
    };
    await expect(walk()).rejects.toThrow(/same cursor twice/);
    expect(mock.calls).toHaveLength(2);
  });
});
