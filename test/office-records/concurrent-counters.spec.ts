import { describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../../server/src/graphql/global-id';
import { rebuildOfficeRecords } from '../../server/src/office-records/office-record-refresh';
import { useTestDatabase } from '../support/database';
import { clients, submitted } from '../support/handling';
import { useTestServer } from '../support/server';

// The 15th of the month after the run's own, 09:00 WIB (derived from now, never written here): a month the demo left
// empty, so its counters are this file's alone, far from a month's edge.
const HOUR = 3_600_000;
const wibNow = new Date(Date.now() + 7 * HOUR);
const T0 = Date.UTC(wibNow.getUTCFullYear(), wibNow.getUTCMonth() + 1, 15, 2);
const MONTH = new Date(T0 + 7 * HOUR).toISOString().slice(0, 7);

const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => T0 });
const { public: anyone } = clients(api);

const RECEIVED = `query ($filter: OfficeRecordFilter) { officeRecords(filter: $filter) { totalCount edges { node { month received } } } }`;

/** The office's month as stored: the sum of its shards, the number of shard rows, and its RECEIVED facts. */
async function stored(officeId: string) {
  const [row] = await db.dataSource.query(
    `SELECT coalesce(sum(received), 0)::int AS received, count(*)::int AS shards,
            (SELECT count(*)::int FROM office_record_facts f WHERE f.office_id = $1 AND f.month = $2 AND f.measure = 'RECEIVED') AS facts
       FROM office_month_records WHERE office_id = $1 AND month = $2`,
    [officeId, MONTH],
  );
  return row as { received: number; shards: number; facts: number };
}

describe('office records: sharded counters under concurrent submissions', () => {
  it('40 submissions at once to one office add exactly 40 to its month, spread over shards; the API answers the sum', async () => {
    const first = await submitted(api);
    const [{ officeId }] = await db.dataSource.query('SELECT assigned_organisation_id AS "officeId" FROM complaints WHERE id = $1', [fromGlobalId(first.id)!.key]);
    const before = await stored(officeId);
    expect(before.received).toBe(1);

    const all = await Promise.all(Array.from({ length: 40 }, () => submitted(api)));
    expect(new Set(all.map((c) => c.id)).size).toBe(40);
    const uuids = all.map((c) => fromGlobalId(c.id)!.key);
    const [{ routed }] = await db.dataSource.query('SELECT count(*)::int AS routed FROM complaints WHERE id = ANY($1::uuid[]) AND assigned_organisation_id = $2', [uuids, officeId]);
    expect(routed).toBe(40);

    const after = await stored(officeId);
    expect(after.received).toBe(before.received + 40);
    expect(after.facts).toBe(after.received);
    // The submissions ran in several sessions at once: their counts went to more than one row.
    expect(after.shards).toBeGreaterThan(1);

    // The API sums the shards: one record for the office's month (not one per shard), with the total.
    const { body } = await anyone(RECEIVED, { filter: { officeId: toGlobalId('Organisation', officeId), months: { from: MONTH, to: MONTH } } });
    expect(body.errors).toBeUndefined();
    expect(body.data.officeRecords.totalCount).toBe(1);
    expect(body.data.officeRecords.edges.map((e: { node: unknown }) => e.node)).toEqual([{ month: MONTH, received: 41 }]);

    // The counters agree with the facts derived from scratch.
    expect((await rebuildOfficeRecords(db.dataSource)).changed).toBe(0);
  });
});
