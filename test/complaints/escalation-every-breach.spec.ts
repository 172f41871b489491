import { describe, expect, it } from 'vitest';
import { sweepSla } from '../../server/src/escalation/sla-sweep';
import { fromGlobalId } from '../../server/src/graphql/global-id';
import { useTestDatabase } from '../support/database';
import { clients, submitted } from '../support/handling';
import { useTestServer } from '../support/server';

// A controlled clock, started from the run's own clock (never a date written here: CI runs the suite a year ahead);
// each step moves it just past the due time the complaint itself states.
let clock = Date.now();
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: () => clock });
const { ministry } = clients(api);
const MINUTE = 60_000;

async function state(uuid: string) {
  const [row] = await db.dataSource.query('SELECT current_tier AS tier, due_at AS "dueAt", version FROM complaints WHERE id = $1', [uuid]);
  const events: { type: string }[] = await db.dataSource.query('SELECT type FROM complaint_events WHERE complaint_id = $1 ORDER BY seq', [uuid]);
  return { ...row, types: events.map((e) => e.type) } as { tier: string; dueAt: Date | null; version: number; types: string[] };
}

describe('automatic escalation at every breach', () => {
  it('village → district → province → ministry, one breach and one escalation each; a national breach is marked once', async () => {
    const complaint = await submitted(api);
    const uuid = fromGlobalId(complaint.id)!.key;
    const expected = ['SUBMITTED'];
    for (const [from, to] of [['VILLAGE', 'DISTRICT'], ['DISTRICT', 'PROVINCE'], ['PROVINCE', 'NATIONAL']]) {
      const before = await state(uuid);
      expect(before.tier).toBe(from);
      // Just before the due time: nothing happens.
      clock = before.dueAt!.getTime() - MINUTE;
      await sweepSla(db.dataSource, new Date(clock));
      expect(await state(uuid)).toEqual(before);
      clock = before.dueAt!.getTime() + MINUTE;
      const swept = await sweepSla(db.dataSource, new Date(clock));
      expect(swept.escalated, `${from} → ${to}`).toBeGreaterThanOrEqual(1); // the demo's other complaints may breach too
      const after = await state(uuid);
      expected.push('ESCALATED'); // one step, one event: the escalation names the breach that caused it
      expect(after).toMatchObject({ tier: to, version: before.version + 1, types: expected });
      expect(after.dueAt!.getTime()).toBeGreaterThan(clock); // a fresh clock for the new tier
      const [escalation] = await db.dataSource.query(
        'SELECT from_tier, to_tier, automatic FROM escalations WHERE complaint_id = $1 ORDER BY created_at DESC, to_tier DESC LIMIT 1', [uuid]);
      expect(escalation).toEqual({ from_tier: from, to_tier: to, automatic: true });
      const [escalated] = await db.dataSource.query(
        `SELECT data FROM complaint_events WHERE complaint_id = $1 AND type = 'ESCALATED' ORDER BY seq DESC LIMIT 1`, [uuid]);
      expect(escalated.data).toEqual({ automatic: true, toOrganisationId: expect.any(String), breach: { tier: from, dueAt: before.dueAt!.toISOString() } });
      // The same minute again changes nothing.
      await sweepSla(db.dataSource, new Date(clock));
      expect(await state(uuid)).toEqual(after);
    }
    // At the ministry there is no tier above: the breach is marked, once — not every minute after.
    const national = await state(uuid);
    clock = national.dueAt!.getTime() + MINUTE;
    expect((await sweepSla(db.dataSource, new Date(clock))).breachedAtNational).toBeGreaterThanOrEqual(1);
    expected.push('SLA_BREACHED');
    expect(await state(uuid)).toMatchObject({ tier: 'NATIONAL', version: national.version + 1, types: expected });
    for (const later of [MINUTE, 60 * MINUTE, 3 * 24 * 60 * MINUTE]) {
      clock = national.dueAt!.getTime() + MINUTE + later;
      await sweepSla(db.dataSource, new Date(clock));
      expect(await state(uuid)).toMatchObject({ version: national.version + 1, types: expected });
    }
    // The ministry can still act on it (the sweep's steps bumped the version it reads).
    const { body } = await ministry('query ($id: ID!) { complaint(id: $id) { currentTier version } }', { id: complaint.id });
    expect(body.data.complaint).toEqual({ currentTier: 'NATIONAL', version: national.version + 1 });
  });
});
