import { randomBytes } from 'node:crypto';
import { makeWorkerUtils, run, Runner } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { sweepSla } from '../../server/src/escalation/sla-sweep';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { as } from '../support/auth';
import { complaintInput, SUBMIT } from '../support/complaints';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';

// A controllable clock, no sleeps: Monday 16 November 2026, 09:00 WIB.
let clock = Date.parse('2026-11-16T02:00:00Z');
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => clock });
const portal = as(api, 'demo-portal-3273');
const TRACK = 'query ($code: String!) { trackComplaint(trackingCode: $code) { status currentTier dueAt } }';

async function submit() {
  const result = (await portal(SUBMIT, { input: complaintInput() })).body.data.submitComplaint;
  return { ...result, uuid: fromGlobalId(result.complaint.id)!.key };
}

async function timelineTypes(uuid: string): Promise<string[]> {
  return (await db.dataSource.query('SELECT type FROM complaint_events WHERE complaint_id = $1 ORDER BY seq', [uuid])).map((r: { type: string }) => r.type);
}

describe('SLA breach → automatic escalation', () => {
  it('escalates a breached complaint one tier, records why, and does it once', async () => {
    const complaint = await submit();
    // 3 working days from Monday 09:00 WIB: the end of Thursday 19 November, WIB.
    expect(complaint.complaint.dueAt).toBe('2026-11-19T16:59:59.999Z');

    clock = Date.parse('2026-11-19T16:00:00Z'); // Thursday 23:00 WIB: still in time
    await sweepSla(db.dataSource, new Date(clock));
    expect((await api.gql(TRACK, { code: complaint.trackingCode })).body.data.trackComplaint.currentTier).toBe('VILLAGE');

    clock = Date.parse('2026-11-20T01:00:00Z'); // Friday 08:00 WIB: breached
    const first = await sweepSla(db.dataSource, new Date(clock));
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const tracked = (await api.gql(TRACK, { code: complaint.trackingCode })).body.data.trackComplaint;
    expect(tracked.currentTier).toBe('DISTRICT');
    expect(new Date(tracked.dueAt).getTime()).toBeGreaterThan(clock); // a fresh clock for the district
    expect(await timelineTypes(complaint.uuid)).toEqual(['SUBMITTED', 'ESCALATED']);
    const [escalation] = await db.dataSource.query('SELECT from_tier, to_tier, automatic, reason FROM escalations WHERE complaint_id = $1', [complaint.uuid]);
    expect(escalation).toMatchObject({ from_tier: 'VILLAGE', to_tier: 'DISTRICT', automatic: true, reason: expect.stringContaining('Batas waktu') });
    const [row] = await db.dataSource.query('SELECT version, assigned_organisation_id FROM complaints WHERE id = $1', [complaint.uuid]);
    expect(row.version).toBe(2);

    const again = await sweepSla(db.dataSource, new Date(clock));
    expect(again.escalated).toBe(0);
    expect(await timelineTypes(complaint.uuid)).toEqual(['SUBMITTED', 'ESCALATED']);
  });

  it('two sweeps at once escalate each complaint exactly once', async () => {
    clock = Date.parse('2026-11-23T02:00:00Z');
    const complaint = await submit();
    clock = Date.parse('2026-12-02T02:00:00Z');
    await Promise.all([sweepSla(db.dataSource, new Date(clock)), sweepSla(db.dataSource, new Date(clock))]);
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM escalations WHERE complaint_id = $1', [complaint.uuid]);
    expect(n).toBe(1);
  });

  it('closes a resolved complaint after 10 silent working days, not before', async () => {
    clock = Date.parse('2026-12-07T02:00:00Z'); // Monday
    const complaint = await submit();
    const village = as(api, 'demo-village-3273011001');
    const resolved = await village(
      'mutation ($input: ResolveComplaintInput!) { resolveComplaint(input: $input) { complaint { status } userErrors { code } } }',
      { input: { complaintId: complaint.complaint.id, version: 1, decision: 'UPHELD', publicResponse: 'Bantuan sudah disalurkan ulang.' } },
    );
    expect(resolved.body.data.resolveComplaint.complaint.status).toBe('RESOLVED');
    clock = Date.parse('2026-12-18T02:00:00Z'); // 9 working days later
    await sweepSla(db.dataSource, new Date(clock));
    expect((await api.gql(TRACK, { code: complaint.trackingCode })).body.data.trackComplaint.status).toBe('RESOLVED');
    clock = Date.parse('2026-12-23T02:00:00Z'); // past the 10th working day
    await sweepSla(db.dataSource, new Date(clock));
    expect((await api.gql(TRACK, { code: complaint.trackingCode })).body.data.trackComplaint.status).toBe('CLOSED');
  });

  it('archives a complaint waiting 30 days for information as REJECTED', async () => {
    const complaint = await submit();
    await db.dataSource.query(`UPDATE complaints SET status = 'PENDING_INFO', sla_paused_at = $2 WHERE id = $1`, [complaint.uuid, new Date(clock)]);
    clock += 29 * 86_400_000;
    await sweepSla(db.dataSource, new Date(clock));
    expect((await api.gql(TRACK, { code: complaint.trackingCode })).body.data.trackComplaint.status).toBe('PENDING_INFO');
    clock += 2 * 86_400_000;
    await sweepSla(db.dataSource, new Date(clock));
    expect((await api.gql(TRACK, { code: complaint.trackingCode })).body.data.trackComplaint.status).toBe('REJECTED');
  });
});

describe('the job queue (graphile-worker)', () => {
  it('runs a job exactly once with two worker processes polling one database, and one added while none ran', async () => {
    const runs: string[] = [];
    const taskList = { count: async (payload: unknown) => { runs.push((payload as { id: string }).id); } };
    const utils = await makeWorkerUtils({ connectionString: db.url });
    const id = randomBytes(4).toString('hex');
    try {
      await utils.migrate();
      // Added before any worker runs (as across a restart): kept in the database until one does.
      await utils.addJob('count', { id: `${id}-early` }, { jobKey: `${id}-early` });
      // The same key again, while it is pending, replaces that job rather than adding a second.
      await utils.addJob('count', { id: `${id}-early` }, { jobKey: `${id}-early` });
      const runners: Runner[] = await Promise.all([1, 2].map(() => run({ connectionString: db.url, concurrency: 2, pollInterval: 100, noHandleSignals: true, taskList })));
      try {
        for (let i = 0; i < 20; i += 1) await utils.addJob('count', { id: `${id}-${i}` }, { jobKey: `${id}-${i}` });
        const deadline = Date.now() + 15_000;
        while (runs.length < 21 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 500)); // would a second worker run any again?
      } finally {
        await Promise.all(runners.map((r) => r.stop()));
      }
      expect(runs.filter((r) => r === `${id}-early`)).toHaveLength(1);
      for (let i = 0; i < 20; i += 1) expect(runs.filter((r) => r === `${id}-${i}`), `job ${i}`).toHaveLength(1);
      expect(runs).toHaveLength(21);
    } finally {
      await utils.release();
    }
  });
});
