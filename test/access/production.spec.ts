import { describe, expect, it } from 'vitest';
import { createDataSource } from '../../server/src/database/data-source';
import { buildServedSchema } from '../../server/src/graphql/schema';
import { createServer } from '../../server/src/http/app';
import { createLogger } from '../../server/src/logger';
import { as, tokenFor } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

const db = useTestDatabase('demo');
const api = useTestServer(db, { production: true });

describe('production mode', () => {
  it('turns introspection off', async () => {
    const { body } = await api.gql('{ __schema { types { name } } }');
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0].message).toMatch(/introspection/i);
  });

  it('serves no IDE to a browser', async () => {
    const response = await api.fetch('/graphql', { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    const assets = await api.fetch('/graphiql/assets/none.js');
    expect(assets.status).toBe(404);
  });

  it('masks internal errors: no SQL, stack or path; a request id to find them in the logs', async () => {
    // A server whose database pool is already closed: every resolver that queries fails inside.
    const closed = createDataSource(db.url);
    await closed.initialize();
    const broken = await createServer({ schema: await buildServedSchema(), dataSource: closed, logger: createLogger('silent'), production: true, isMigrated: async () => true });
    const port = await broken.listen(0, '127.0.0.1');
    await closed.destroy();
    try {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ programs { code } }' }) });
      const body = await response.json();
      expect(body.errors[0]).toMatchObject({ message: 'Terjadi kesalahan internal server.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } });
      expect(JSON.stringify(body)).not.toMatch(/SELECT|stack|\.ts:|\.js:|node_modules|typeorm/i);
    } finally {
      await broken.stop();
    }
  });

  it('gives every pooled connection a statement timeout, so one query cannot hold the pool', async () => {
    const [{ statement_timeout: timeout }] = await db.dataSource.query('SHOW statement_timeout');
    expect(timeout).toBe('15s');
  });
});

describe('the personal-data access log (auditors)', () => {
  it('shows who read whose full NIK, and only to auditors', async () => {
    const submitted = (await as(api, 'demo-portal-3273')(SUBMIT, { input: complaintInput() })).body.data.submitComplaint;
    const district = as(api, 'demo-dinsos-3273');
    await district('query ($id: ID!) { complaint(id: $id) { complainant { nik phone } } }', { id: submitted.complaint.id });
    const auditor = as(api, 'demo-auditor');
    const { body } = await auditor('query ($s: String) { personalDataAccessLog(first: 10, subjectId: $s) { totalCount edges { node { clientId organisationName subjectType subjectId field requestId at } } } }', { s: submitted.complaint.id });
    expect(body.errors).toBeUndefined();
    const fields = body.data.personalDataAccessLog.edges.map((e: { node: { clientId: string; field: string } }) => `${e.node.clientId}:${e.node.field}`).sort();
    expect(fields).toEqual(['demo-dinsos-3273:complainant.nik', 'demo-dinsos-3273:complainant.phone']);
    expect(body.data.personalDataAccessLog.edges[0].node.subjectId).toBe(submitted.complaint.id);
    // Pages of one row: both rows of that one request (same timestamp, to the microsecond) come back, none lost.
    const page1 = (await auditor('query ($s: String) { personalDataAccessLog(first: 1, subjectId: $s) { pageInfo { hasNextPage endCursor } edges { node { field } } } }', { s: submitted.complaint.id })).body.data.personalDataAccessLog;
    const page2 = (await auditor('query ($s: String, $a: String) { personalDataAccessLog(first: 1, subjectId: $s, after: $a) { pageInfo { hasNextPage } edges { node { field } } } }', { s: submitted.complaint.id, a: page1.pageInfo.endCursor })).body.data.personalDataAccessLog;
    expect([page1.edges[0].node.field, page2.edges[0]?.node.field].sort()).toEqual(['complainant.nik', 'complainant.phone']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const refused = await district('{ personalDataAccessLog { totalCount } }');
    expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const token = await tokenFor(api, 'demo-auditor');
    expect(token).toBeTruthy();
  });
});
