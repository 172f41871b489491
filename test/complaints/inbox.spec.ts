import { describe, expect, it } from 'vitest';
import { as, tokenFor } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';
import { forgetHandlingOffices } from '../../server/src/complaints/intake-offices';

let statements: string[] = [];
const db = useTestDatabase('demo', { onQuery: (sql) => statements.push(sql) });
const api = useTestServer(db);

const INBOX = `query Inbox($first: Int, $after: String, $filter: ComplaintFilter, $orderBy: ComplaintOrder) {
  complaints(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id trackingCode status statusLabel slaState currentTier createdAt dueAt
      program { code name } channel { code name } region { code name timeZone }
      assignedTo { name tier } submittedBy { name kind }
      complainant { name phone nik masked }
      timeline(first: 3) { totalCount edges { node { seq type at actorName } } } } } } }`;

async function countStatements(clientId: string, variables: Record<string, unknown>) {
  const token = await tokenFor(api, clientId);
  await api.gql('{ viewer { clientId } }', undefined, { authorization: `Bearer ${token}` }); // warm the client-state cache
  statements = [];
  const response = await api.gql(INBOX, variables, { authorization: `Bearer ${token}` });
  return { response, count: statements.length, sql: [...statements] };
}

describe('the inbox: complaints(first, after, filter)', () => {
  it('serves a 100-complaint page with its nested fields in at most 8 SQL statements, not growing with the page', async () => {
    // The first page of a process also reads the programmes, channels and villages it has not seen (kept a minute: graphql/reference-cache.ts).
    const cold = await countStatements('demo-dinsos-3273', { first: 100 });
    expect(cold.count, cold.sql.join('\n---\n')).toBeLessThanOrEqual(8);
    const big = await countStatements('demo-dinsos-3273', { first: 100 });
    expect(big.response.body.errors).toBeUndefined();
    expect(big.response.body.data.complaints.edges).toHaveLength(100);
    const small = await countStatements('demo-dinsos-3273', { first: 5 });
    console.info(`statements per inbox request: ${big.count} for 100 complaints, ${small.count} for 5`);
    expect(big.count, big.sql.join('\n---\n')).toBeLessThanOrEqual(8);
    // Not growing with the page: 100 complaints, each with its programme, channel, region, offices, complainant
    // and timeline, in at most 8 statements — a loader per complaint would send at least 100. (The exact count
    // is not compared between pages: a page of 5 may need fewer kinds of related rows, or get one loader's keys
    // in two batches, and which depends on the demo's draw for the day it was seeded.)
    expect(small.count, small.sql.join('\n---\n')).toBeLessThanOrEqual(8);
  });

  it('shows each complaint\'s handling office as organisations holds it, none when unassigned', async () => {
    const [unassigned] = await db.dataSource.query(`SELECT id, assigned_organisation_id AS was FROM complaints WHERE district_code = '32.73' ORDER BY created_at DESC, id DESC LIMIT 1`);
    await db.dataSource.query(`UPDATE complaints SET assigned_organisation_id = NULL WHERE id = $1`, [unassigned.id]);
    try {
      const token = await tokenFor(api, 'demo-dinsos-3273');
      const response = await api.gql('{ complaints(first: 100) { edges { node { trackingCode assignedTo { name tier } } } } }', undefined, { authorization: `Bearer ${token}` });
      const nodes: { trackingCode: string; assignedTo: { name: string; tier: string } | null }[] = response.body.data.complaints.edges.map((e: { node: unknown }) => e.node);
      const expected: { trackingCode: string; name: string | null; tier: string | null }[] = await db.dataSource.query(
        `SELECT c.tracking_code AS "trackingCode", o.name, o.tier FROM complaints c LEFT JOIN organisations o ON o.id = c.assigned_organisation_id WHERE c.tracking_code = ANY($1::text[])`,
        [nodes.map((n) => n.trackingCode)]);
      const byCode = new Map(expected.map((r) => [r.trackingCode, r.name === null ? null : { name: r.name, tier: r.tier }]));
      expect(nodes).toHaveLength(100);
      expect(nodes.map((n) => n.assignedTo)).toEqual(nodes.map((n) => byCode.get(n.trackingCode)));
      expect(nodes[0].assignedTo).toBeNull(); // the newest, unassigned just now
      expect(nodes.filter((n) => n.assignedTo !== null).length).toBeGreaterThan(90);
    } finally {
      await db.dataSource.query(`UPDATE complaints SET assigned_organisation_id = $2 WHERE id = $1`, [unassigned.id, unassigned.was]);
    }
  });

  it('shows a district office exactly its district, and another district nothing of it', async () => {
    const bandung = (await as(api, 'demo-dinsos-3273')(INBOX, { first: 100 })).body.data.complaints;
    expect(bandung.totalCount).toBeGreaterThan(100);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM complaints WHERE district_code = '32.73'`);
    expect(bandung.totalCount).toBe(n);
    expect(bandung.edges).toHaveLength(100);
    expect(bandung.edges.every((e: { node: { region: { code: string } } }) => e.node.region.code.startsWith('32.73.'))).toBe(true);
    const surabaya = (await as(api, 'demo-dinsos-3578')(INBOX, { first: 100, filter: { regionCode: '32.73' } })).body.data.complaints;
    expect(surabaya).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('shows the province all its districts, the ministry and the auditor everything', async () => {
    const [{ total, west_java: westJava }] = await db.dataSource.query(`SELECT count(*)::int AS total, count(*) FILTER (WHERE province_code = '32')::int AS west_java FROM complaints`);
    expect((await as(api, 'demo-province-32')(INBOX, { first: 1 })).body.data.complaints.totalCount).toBe(westJava);
    expect((await as(api, 'demo-ministry')(INBOX, { first: 1 })).body.data.complaints.totalCount).toBe(total);
    expect((await as(api, 'demo-auditor')(INBOX, { first: 1 })).body.data.complaints.totalCount).toBe(total);
  });

  it('shows an intake client only what it submitted, masked; a bank only what was referred to it or its call centre filed', async () => {
    const ngo = as(api, 'demo-ngo-csr');
    const mine = (await ngo(SUBMIT, { input: complaintInput() })).body.data.submitComplaint.trackingCode;
    const page = (await ngo(INBOX, { first: 100 })).body.data.complaints;
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM complaints c JOIN organisations o ON o.id = c.submitted_by_organisation_id WHERE o.name = (SELECT o2.name FROM organisations o2 JOIN api_clients a ON a.organisation_id = o2.id WHERE a.client_id = 'demo-ngo-csr')`);
    expect(page.totalCount).toBe(n);
    expect(page.edges.map((e: { node: { trackingCode: string } }) => e.node.trackingCode)).toContain(mine);
    const own = page.edges.find((e: { node: { trackingCode: string } }) => e.node.trackingCode === mine).node;
    expect(own.complainant).toEqual({ name: 'Siti Aminah', phone: '+62812*****890', nik: '3273********0001', masked: true });
    const bank = (await as(api, 'demo-bank-bri')(INBOX, { first: 100 })).body.data.complaints;
    // Referred to BRI, or filed by BRI's call centre (docs/adr/0031-workspace-api.md).
    const [{ reachable }] = await db.dataSource.query(
      `SELECT count(*)::int AS reachable FROM complaints c, organisations o WHERE o.bank_code = 'BRI'
          AND (c.submitted_by_organisation_id = o.id OR EXISTS (SELECT 1 FROM referrals r WHERE r.complaint_id = c.id AND r.to_organisation_id = o.id))`,
    );
    expect(bank.totalCount).toBe(reachable);
  });

  it('pages with keyset cursors: no overlap, no gap, and the same total', async () => {
    const handler = as(api, 'demo-ministry');
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 100; i += 1) {
      const page: any = (await handler(INBOX, { first: 37, after })).body.data.complaints;
      total = page.totalCount;
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
  });

  it('pages without loss over timestamps finer than a millisecond (rows written by SQL now())', async () => {
    // Three complaints 1 µs apart: a cursor cut to milliseconds would skip the ones after the first.
    await db.dataSource.query(`
      INSERT INTO complaints (tracking_code, category, program_code, channel_code, region_code, current_tier, description, sla_started_at, created_at, updated_at)
      SELECT 'ADU-ZZZZ-ZZZ' || n, 'OTHER', 'PKH', 'WEB_PORTAL', '91.71.01.1001', 'VILLAGE', 'uji', now(),
             timestamptz '2020-01-01 00:00:00.000001+00' + n * interval '1 microsecond', now()
        FROM generate_series(1, 3) AS n`);
    const handler = as(api, 'demo-ministry');
    const codes: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const page: any = (await handler(INBOX, { first: 1, after, filter: { createdTo: '2020-01-02T00:00:00Z' }, orderBy: 'OLDEST_FIRST' })).body.data.complaints;
      codes.push(...page.edges.map((e: { node: { trackingCode: string } }) => e.node.trackingCode));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(codes).toEqual(['ADU-ZZZZ-ZZZ1', 'ADU-ZZZZ-ZZZ2', 'ADU-ZZZZ-ZZZ3']);
  });

  it('filters by status, category, programme, channel, tier, SLA state, region prefix, dates and words', async () => {
    const handler = as(api, 'demo-ministry');
    const count = async (filter: Record<string, unknown>) => (await handler(INBOX, { first: 1, filter })).body.data.complaints.totalCount;
    const sql = async (where: string) => (await db.dataSource.query(`SELECT count(*)::int AS n FROM complaints c WHERE ${where}`))[0].n;
    expect(await count({ status: ['RESOLVED', 'CLOSED'] })).toBe(await sql(`status IN ('RESOLVED', 'CLOSED')`));
    expect(await count({ category: ['FAILED_TRANSFER'] })).toBe(await sql(`category = 'FAILED_TRANSFER'`));
    expect(await count({ programCode: ['BPNT'], channel: ['WHATSAPP'] })).toBe(await sql(`program_code = 'BPNT' AND channel_code = 'WHATSAPP'`));
    expect(await count({ tier: ['PROVINCE', 'NATIONAL'] })).toBe(await sql(`current_tier IN ('PROVINCE', 'NATIONAL')`));
    expect(await count({ regionCode: '32.73.01' })).toBe(await sql(`region_code LIKE '32.73.01.%'`));
    expect(await count({ regionCode: '35' })).toBe(await sql(`region_code LIKE '35.%'`));
    expect(await count({ slaState: ['PAUSED'] })).toBe(await sql(`status = 'PENDING_INFO'`));
    // Breached by the server's clock when it answers (this process's, not PostgreSQL's): between what SQL counts by the
    // times before and after the request — the same number, unless a due time passed meanwhile.
    const breachedAt = (at: Date) => sql(`(status IN ('RECEIVED','VERIFIED','IN_PROGRESS') AND due_at < '${at.toISOString()}') OR (status IN ('RESOLVED','CLOSED','REJECTED','DUPLICATE') AND due_at < coalesce(resolved_at, closed_at, updated_at))`);
    const beforeRequest = new Date();
    const breached = await count({ slaState: ['BREACHED'] });
    const afterRequest = new Date();
    expect(breached).toBeGreaterThanOrEqual(await breachedAt(beforeRequest));
    expect(breached).toBeLessThanOrEqual(await breachedAt(afterRequest));
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    expect(await count({ createdFrom: since })).toBe(await sql(`created_at >= '${since}'`));
    const words = await count({ search: 'rekening' });
    expect(words).toBeGreaterThan(0);
    expect(words).toBe(await sql(`to_tsvector('indonesian', description) @@ plainto_tsquery('indonesian', 'rekening')`));
  });

  it('orders by due date, soonest first', async () => {
    const page = (await as(api, 'demo-ministry')(INBOX, { first: 50, orderBy: 'DUE_SOONEST', filter: { status: ['RECEIVED', 'VERIFIED', 'IN_PROGRESS'] } })).body.data.complaints;
    const dues = page.edges.map((e: { node: { dueAt: string } }) => Date.parse(e.node.dueAt));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
  });

  it('refuses a bad page size, a foreign cursor and a bad region with BAD_USER_INPUT', async () => {
    const handler = as(api, 'demo-ministry');
    for (const variables of [{ first: 101 }, { first: 0 }, { after: 'bm90IGEgY3Vyc29y' }, { filter: { regionCode: '3' } }]) {
      const { body } = await handler(INBOX, variables);
      expect(body.errors?.[0].extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });

  it('logs every full NIK and phone a handler reads, and nothing for masked reads', async () => {
    const before = (await db.dataSource.query('SELECT count(*)::int AS n FROM personal_data_access_log'))[0].n;
    await as(api, 'demo-ngo-csr')(INBOX, { first: 20 });
    expect((await db.dataSource.query('SELECT count(*)::int AS n FROM personal_data_access_log'))[0].n).toBe(before);
    // The log's rows of this read: written (accessed_at, PostgreSQL's now()) after this instant on the same clock.
    const [{ since }] = await db.dataSource.query('SELECT clock_timestamp() AS since');
    const page = (await as(api, 'demo-auditor')(INBOX, { first: 20, filter: { regionCode: '32.73' } })).body.data.complaints;
    const fullNiks = page.edges.filter((e: any) => e.node.complainant?.nik && !e.node.complainant.masked).length;
    expect(fullNiks).toBeGreaterThan(0);
    const logged = await db.dataSource.query(
      `SELECT l.field, a.client_id FROM personal_data_access_log l JOIN api_clients a ON a.id = l.api_client_id WHERE l.accessed_at >= $1 AND a.client_id = 'demo-auditor'`, [since]);
    expect(logged.filter((l: { field: string }) => l.field === 'complainant.nik')).toHaveLength(fullNiks);
  });
});

describe('submitComplaint round trips', () => {
  it('writes a complaint that names no family in one statement: the claim of the key, the complaint and its first event (codes and offices known to the process)', async () => {
    const token = await tokenFor(api, 'demo-portal-3273');
    const send = (input: Record<string, unknown>) => api.gql(
      'mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode complaint { id status program { code } region { code } } userErrors { code } } }',
      { input }, { authorization: `Bearer ${token}` },
    );
    await send(complaintInput({ subjectNik: null })); // warms the client state, the reference data and the village's offices
    statements = [];
    const input = complaintInput({ subjectNik: null });
    const { body } = await send(input);
    const sql = [...statements];
    expect(body.data.submitComplaint.userErrors).toEqual([]);
    expect(sql.filter((s) => !/^(START TRANSACTION|COMMIT|BEGIN)/i.test(s)), sql.join('\n---\n')).toHaveLength(sql.length); // no transaction opened
    expect(sql, sql.join('\n---\n')).toHaveLength(1);
    const id = body.data.submitComplaint.complaint.id;
    const [written] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM complaint_events WHERE complaint_id = c.id AND type = 'SUBMITTED' AND seq = 1) AS events,
              (SELECT result->>'complaintId' FROM idempotency_records WHERE key = $2) AS stored
         FROM complaints c WHERE c.tracking_code = $1`, [body.data.submitComplaint.trackingCode, input.idempotencyKey]);
    expect(written).toEqual({ events: 1, stored: expect.any(String) });
    // The stored result names the complaint made: sending the same request again answers with it, one statement more (the record read).
    statements = [];
    const again = (await send(input)).body.data.submitComplaint;
    expect(again.trackingCode).toBe(body.data.submitComplaint.trackingCode);
    expect(again.complaint.id).toBe(id);
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM complaints WHERE tracking_code = $1', [again.trackingCode])).toEqual([{ n: 1 }]);
  });
});

describe('routing by the offices a process keeps (complaints/intake-offices.ts)', () => {
  const ROUTE = 'mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { complaint { id currentTier assignedTo { name tier } } userErrors { code } } }';

  it('never routes to an office disabled since it was read: the write refuses, the offices are read again, the tier above takes it', async () => {
    const portal = as(api, 'demo-portal-3273');
    const first = (await portal(ROUTE, { input: complaintInput() })).body.data.submitComplaint.complaint;
    expect(first.currentTier).toBe('VILLAGE'); // the process now keeps Sukarasa's offices
    const [{ id: villageOffice }] = await db.dataSource.query(`SELECT id FROM organisations WHERE kind = 'VILLAGE_OFFICE' AND jurisdiction_region_code = '32.73.01.1001'`);
    await db.dataSource.query('UPDATE organisations SET disabled_at = now() WHERE id = $1', [villageOffice]);
    try {
      const input = complaintInput();
      const routed = (await portal(ROUTE, { input })).body.data.submitComplaint;
      expect(routed.userErrors).toEqual([]);
      expect(routed.complaint).toMatchObject({ currentTier: 'DISTRICT', assignedTo: { tier: 'DISTRICT', name: 'Dinas Sosial Kota Bandung' } });
      const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_records WHERE key = $1`, [input.idempotencyKey]);
      expect(n).toBe(1); // one claim, made by the write that succeeded
    } finally {
      await db.dataSource.query('UPDATE organisations SET disabled_at = NULL WHERE id = $1', [villageOffice]);
      forgetHandlingOffices(db.dataSource); // the office is back: route to it again at once
    }
  });
});
