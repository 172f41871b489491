import { describe, expect, it } from 'vitest';
import { COMPILATION } from '../../server/src/graphql/compiled-execution';
import { sharedToken } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/**
 * Operations are compiled (graphql-jit) rather than interpreted (graphql-js):
 * the answers must not change. Two servers over one database, one of each;
 * every operation below is sent to both and the bodies compared whole (the
 * request id aside): data, errors with their paths, locations and codes,
 * partial results, null bubbling, abstract types, directives, fragments.
 * An operation is compiled on its COMPILATION.afterRuns-th run by a client
 * (never for the public): each is sent that many times to the compiling
 * server, and the last answer compared.
 */
const db = useTestDatabase('demo');
const compiled = useTestServer(db);
const interpreted = useTestServer(db, { interpretedExecution: true });

const INBOX = `query Inbox($first: Int, $withTimeline: Boolean!, $skipRegion: Boolean = false) {
  complaints(first: $first, filter: { status: [RECEIVED, VERIFIED, IN_PROGRESS] }) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { ...Summary
      where: region @skip(if: $skipRegion) { code name timeZone __typename }
      timeline(first: 2) @include(if: $withTimeline) { totalCount edges { cursor node { seq type at actorName fromStatus toStatus } } } } }
  }
}
fragment Summary on Complaint { __typename id trackingCode status statusLabel slaState category currentTier createdAt dueAt version
  program { code name } channel { code name } assignedTo { id name tier kind } submittedBy { name } complainant { name phone nik masked } subjectNik }`;

const CASES: { name: string; clientId: string | null; query: string; variables?: Record<string, unknown> }[] = [
  { name: 'an inbox page with fragments, aliases and directives', clientId: 'demo-dinsos-3273', query: INBOX, variables: { first: 20, withTimeline: true } },
  { name: 'the same with the directives the other way', clientId: 'demo-dinsos-3273', query: INBOX, variables: { first: 5, withTimeline: false, skipRegion: true } },
  { name: 'an intake client’s masked view', clientId: 'demo-ngo-lks', query: INBOX, variables: { first: 10, withTimeline: true } },
  { name: 'an error in a nested field: partial data, the error’s path and code', clientId: 'demo-dinsos-3273', query: '{ complaints(first: 2) { edges { node { trackingCode timeline(first: 0) { totalCount } } } } }' },
  { name: 'a cursor that is not one', clientId: 'demo-dinsos-3273', query: '{ complaints(first: 2, after: "nonsense") { totalCount } }' },
  { name: 'a variable of the wrong type', clientId: 'demo-dinsos-3273', query: 'query ($first: Int) { complaints(first: $first) { totalCount } }', variables: { first: 'many' } },
  { name: 'a field the caller may not use', clientId: 'demo-ngo-lks', query: '{ viewer { clientId } personalDataAccessLog(first: 1) { totalCount } }' },
  { name: 'the public, without a token', clientId: null, query: '{ programs { code name active } channels { code name } complaints(first: 1) { totalCount } }' },
  { name: 'the caller’s own client and organisation', clientId: 'demo-dinsos-3273', query: '{ viewer { clientId role organisation { id name } } }' },
  { name: 'a refused submission: userErrors, nothing thrown', clientId: 'demo-portal-3273', query: SUBMIT, variables: { input: complaintInput({ regionCode: '32.73', description: ' ' }) } },
];

async function ask(server: typeof compiled, clientId: string | null, query: string, variables?: Record<string, unknown>) {
  const headers: Record<string, string> = clientId ? { authorization: `Bearer ${await sharedToken(server, clientId)}` } : {};
  for (let run = 1; server === compiled && run < COMPILATION.afterRuns; run++) await server.gql(query, variables, headers);
  const { status, body } = await server.gql(query, variables, headers);
  if (process.env.SHOW_ANSWERS) console.info(status, JSON.stringify(body).slice(0, 300));
  return { status, body: JSON.parse(JSON.stringify(body), (key, value) => (key === 'requestId' ? '<request id>' : value)) };
}

describe('compiled execution (graphql/compiled-execution.ts) answers as graphql-js does', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const viaCompiled = await ask(compiled, c.clientId, c.query, c.variables);
      const viaInterpreted = await ask(interpreted, c.clientId, c.query, c.variables);
      expect(viaCompiled).toEqual(viaInterpreted);
      // Each case reaches execution (a document the schema refuses would compare equal and test nothing).
      expect(JSON.stringify(viaCompiled.body)).not.toContain('GRAPHQL_VALIDATION_FAILED');
    });
  }

  it('answers node(id) for each kind of object, and null for an id of nothing', async () => {
    const token = await sharedToken(compiled, 'demo-dinsos-3273');
    const page = (await compiled.gql('{ complaints(first: 1) { edges { node { id assignedTo { id } program { id } } } } }', undefined, { authorization: `Bearer ${token}` })).body;
    const node = page.data.complaints.edges[0].node;
    const query = `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Complaint { trackingCode } ... on Organisation { name } } }`;
    const ids = [node.id, node.assignedTo.id, 'Q29tcGxhaW50Om5vdGhpbmc'];
    const viaCompiled = await ask(compiled, 'demo-dinsos-3273', query, { ids });
    expect(viaCompiled).toEqual(await ask(interpreted, 'demo-dinsos-3273', query, { ids }));
    expect(viaCompiled.body.data.nodes.map((n: { __typename: string } | null) => n?.__typename ?? null)).toEqual(['Complaint', 'Organisation', null]);
  });

  it('compiled the operations the clients repeated (what the comparisons above compared)', async () => {
    const metrics = await (await compiled.fetch('/metrics')).text();
    const kept = Number(/^aduan_compiled_operations (\d+)$/m.exec(metrics)?.[1]);
    const repeated = new Set(CASES.filter((c) => c.clientId).map((c) => c.query)).size + 1; // and nodes(ids:)
    expect(kept).toBeGreaterThanOrEqual(repeated);
  });
});
