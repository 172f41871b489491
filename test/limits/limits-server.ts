import http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll } from 'vitest';
import { Principal, RequestContext } from '../../server/src/graphql/context';

/**
 * A schema with the shapes the limits care about: a recursive field, a plain
 * list, connections with `first`, `nodes(ids:)`, and a public lookup.
 */
export const limitsSchema = buildSchema(`
  interface Node { id: ID! }
  type Complaint implements Node {
    id: ID!
    title: String!
    parent: Complaint
    related: [Complaint!]!
    timeline(first: Int, after: String): EventConnection!
  }
  type Event implements Node { id: ID! note: String! }
  type EventEdge { cursor: String! node: Event! }
  type EventConnection { edges: [EventEdge!]! totalCount: Int! }
  type ComplaintEdge { cursor: String! node: Complaint! }
  type ComplaintConnection { edges: [ComplaintEdge!]! totalCount: Int! }
  type ComplaintTracking { trackingCode: String! status: String! }
  type Query {
    complaint(id: ID!): Complaint
    complaints(first: Int, after: String): ComplaintConnection!
    nodes(ids: [ID!]!): [Node]!
    programs: [String!]!
    trackComplaint(trackingCode: String!): ComplaintTracking
  }
`);

const complaint = (id: string): object => ({
  __typename: 'Complaint',
  id,
  title: `Complaint ${id}`,
  parent: () => complaint(`${id}.parent`),
  related: () => [complaint(`${id}.1`)],
  timeline: ({ first }: { first?: number }) => page(first ?? 2, (i) => ({ id: `${id}.e${i}`, note: 'noted' })),
});

const page = (size: number, node: (i: number) => object) => ({
  edges: Array.from({ length: Math.min(size, 3) }, (_, i) => ({ cursor: String(i), node: node(i) })),
  totalCount: size,
});

const rootValue = {
  complaint: ({ id }: { id: string }) => complaint(id),
  complaints: ({ first }: { first?: number }) => page(first ?? 20, (i) => complaint(String(i))),
  nodes: ({ ids }: { ids: string[] }) => ids.map(complaint),
  programs: () => ['PKH', 'BPNT'],
  trackComplaint: ({ trackingCode }: { trackingCode: string }) => ({ trackingCode, status: 'RECEIVED' }),
};

/** What the fake context knows beyond RequestContext: the caller's IP (from `x-test-ip`). */
export type TestContext = RequestContext & { ip: string };

export interface LimitsServer {
  /** POST /graphql; `client` makes the caller that API client, `ip` sets its address. */
  gql(
    query: string,
    variables?: Record<string, unknown>,
    caller?: { client?: string; ip?: string },
  ): Promise<{ status: number; headers: Headers; body: any }>;
}

/**
 * A real Apollo Server 5 behind Express 5 on an ephemeral port, configured as
 * in app.ts where it matters here, with the given plugins. The principal comes
 * from the `x-test-client` header instead of a token.
 */
export function useLimitsServer(plugins: () => ApolloServerPlugin<RequestContext>[]): LimitsServer {
  let url = '';
  let apollo: ApolloServer<RequestContext>;
  let httpServer: http.Server;

  beforeAll(async () => {
    const app = express();
    httpServer = http.createServer(app);
    apollo = new ApolloServer<RequestContext>({
      schema: limitsSchema,
      rootValue,
      csrfPrevention: true,
      allowBatchedHttpRequests: false,
      includeStacktraceInErrorResponses: false,
      plugins: plugins(),
    });
    await apollo.start();
    app.use(
      '/graphql',
      express.json(),
      expressMiddleware(apollo, {
        context: async ({ req }) => {
          const clientId = req.header('x-test-client');
          const principal: Principal = clientId
            ? { kind: 'client', clientId, apiClientId: `api-${clientId}`, organisationId: `org-${clientId}` }
            : { kind: 'public' };
          return { requestId: 'test', principal, locale: 'id', ip: req.header('x-test-ip') ?? req.ip } as TestContext;
        },
      }),
    );
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as { port: number }).port}/graphql`;
  });

  afterAll(async () => {
    await apollo?.stop();
    await new Promise((resolve) => httpServer?.close(resolve));
  });

  return {
    async gql(query, variables, caller = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (caller.client) headers['x-test-client'] = caller.client;
      if (caller.ip) headers['x-test-ip'] = caller.ip;
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
  };
}
