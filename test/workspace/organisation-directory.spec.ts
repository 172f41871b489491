import { describe, expect, it } from 'vitest';
import { as } from '../support/auth';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

/** The directory a console picks a bank, an office or an NGO from (docs/adr/0031-workspace-api.md). */
const db = useTestDatabase('demo');
const api = useTestServer(db);

const DIRECTORY = `query ($filter: OrganisationFilter, $first: Int, $after: String) {
  organisations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name kind tier jurisdictionCode bankCode } } } }`;

describe('organisations: the directory', () => {
  it('banks by kind, with their bank codes, to every client role; never a secret, client or contact field in the type', async () => {
    for (const client of ['demo-dinsos-3273', 'demo-bank-bni', 'demo-portal-3273', 'demo-auditor']) {
      const { body } = await as(api, client)(DIRECTORY, { filter: { kind: ['BANK'] }, first: 50 });
      expect(body.errors, client).toBeUndefined();
      const nodes = body.data.organisations.edges.map((e: { node: { bankCode: string; kind: string } }) => e.node);
      expect(nodes.every((n: { kind: string }) => n.kind === 'BANK'), client).toBe(true);
      expect(nodes.map((n: { bankCode: string }) => n.bankCode), client).toEqual(expect.arrayContaining(['BRI', 'BNI']));
    }
    const { body } = await api.gql(DIRECTORY, {});
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const { body: probe } = await as(api, 'demo-dinsos-3273')('{ organisations(first: 1) { edges { node { contactEmail } } } }');
    expect(probe.errors[0].message).toMatch(/contactEmail/);
  });

  it('a region: the offices covering Kota Bandung or inside it, the ministry, and no other district’s office', async () => {
    const { body } = await as(api, 'demo-dinsos-3273')(DIRECTORY, { filter: { regionCode: '32.73' }, first: 100 });
    const nodes: { kind: string; jurisdictionCode: string | null }[] = body.data.organisations.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.map((n) => n.kind)).toEqual(expect.arrayContaining(['MINISTRY', 'PROVINCE_OFFICE', 'DISTRICT_OFFICE', 'VILLAGE_OFFICE']));
    for (const node of nodes) {
      const code = node.jurisdictionCode;
      expect(code === null ? node.kind === 'MINISTRY' : code === '32' || code === '32.73' || code.startsWith('32.73.'), JSON.stringify(node)).toBe(true);
    }
    const { body: surabaya } = await as(api, 'demo-dinsos-3273')(DIRECTORY, { filter: { regionCode: '32.73', search: 'Surabaya' } });
    expect(surabaya.data.organisations.totalCount).toBe(0);
  });

  it('keyset pages by name: every organisation once, in order, the total the same on each page', async () => {
    const client = as(api, 'demo-auditor');
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let page = 0; page < 50; page += 1) {
      const { body } = await client(DIRECTORY, { first: 3, after });
      expect(body.errors).toBeUndefined();
      const connection = body.data.organisations;
      if (total === -1) total = connection.totalCount;
      expect(connection.totalCount).toBe(total);
      seen.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const [{ count }] = await db.dataSource.query('SELECT count(*)::int AS count FROM organisations WHERE disabled_at IS NULL');
    expect(total).toBe(count);
  });

  it('a bad page size or cursor is refused naming the argument', async () => {
    const client = as(api, 'demo-dinsos-3273');
    const tooMany = (await client(DIRECTORY, { first: 500 })).body;
    expect(tooMany.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = (await client(DIRECTORY, { after: 'nonsense' })).body;
    expect(badCursor.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
