import { describe, expect, it } from 'vitest';
import { buildDemoPopulation, demoPeriods } from '../../server/src/demo/population';
import { programStages } from '../../server/src/setup/programme-schedule.data';
import { API_CLIENTS, ORGANISATIONS, OrganisationKey } from '../../server/src/demo/reference.data';
import { DEMO_VILLAGE_CODES } from '../../server/src/demo/regions.data';

/**
 * The demo is current whenever it is seeded: it pays the three months before
 * the month of seeding in WIB, at the stage its own calendars give them, and
 * its people stay the same whatever the day (the examples' samples name them).
 * Pure: built in memory for chosen moments, no database.
 */
const organisationIds = Object.fromEntries(ORGANISATIONS.map((o) => [o.key, `org-${o.key}`])) as Record<OrganisationKey, string>;
const clientIds = Object.fromEntries(API_CLIENTS.map((c) => [c.clientId, `client-${c.clientId}`]));
// Names come from the region register in the database; here the code stands in for it (no name is asserted).
const villages = DEMO_VILLAGE_CODES.map((code) => ({ code, name: code, kind: code[9] === '1' ? 'KELURAHAN' as const : 'DESA' as const }));
const build = (now: string) => buildDemoPopulation({ organisationIds, clientIds, now: new Date(now), villages });

describe('the demo’s months', () => {
  it.each([
    ['7 December 2026, morning in WIB', '2026-12-07T01:00:00Z', ['2026-09', '2026-10', '2026-11']],
    ['23:59:59 WIB on 31 December 2027', '2027-12-31T16:59:59Z', ['2027-09', '2027-10', '2027-11']],
    ['00:00 WIB on 1 January 2028 (still 31 December in UTC)', '2027-12-31T17:00:00Z', ['2027-10', '2027-11', '2027-12']],
    ['00:30 WIB on 1 March 2027 (28 February in UTC)', '2027-02-28T17:30:00Z', ['2026-12', '2027-01', '2027-02']],
  ])('seeded at %s: the three months before, oldest first', (_case, now, months) => {
    expect(demoPeriods(new Date(now))).toEqual(months);
  });

  it.each([['2026-12-07T01:00:00Z'], ['2027-12-31T17:00:00Z'], ['2028-05-15T03:00:00Z']])('seeded at %s: pays those months, each at a stage of its calendars', (now) => {
    const population = build(now);
    const programOf = new Map(population.enrolments.map((e) => [e.id, e.programCode]));
    const stages = programStages(new Date(now));
    const paid = new Set(population.disbursements.map((d) => d.period));
    expect([...paid].sort()).toEqual(demoPeriods(new Date(now)));
    for (const d of population.disbursements) {
      const programCode = programOf.get(d.enrolmentId)!;
      const stage = stages.find((s) => s.programCode === programCode && s.firstPeriod <= d.period && d.period <= s.lastPeriod);
      expect(stage, `${programCode} ${d.period}`).toBeDefined();
      expect(d.stage, `${programCode} ${d.period}`).toBe(stage!.stage);
      if (d.disbursedOn) expect(d.disbursedOn.slice(0, 7) >= d.period, `${programCode} ${d.period} paid on ${d.disbursedOn}`).toBe(true);
    }
    // PKH, quarterly, is paid in the latest month only, at that month's quarter.
    const pkh = population.disbursements.filter((d) => programOf.get(d.enrolmentId) === 'PKH');
    expect(pkh.length).toBeGreaterThan(0);
    expect(new Set(pkh.map((d) => d.period))).toEqual(new Set([demoPeriods(new Date(now))[2]]));
  });

  it('has the same people, NIKs and BPNT payments (by month in turn) a year and more apart', () => {
    const summary = (now: string) => {
      const population = build(now);
      const nik = new Map(population.recipients.map((r) => [r.id, r.nik]));
      const bpnt = population.enrolments.filter((e) => e.programCode === 'BPNT');
      const holder = new Map(bpnt.map((e) => [e.id, nik.get(e.recipientId)]));
      const months = demoPeriods(new Date(now));
      return {
        people: population.recipients.map((r) => `${r.nik} ${r.fullName} ${r.kkNumber}`),
        bpnt: bpnt.map((e) => `${nik.get(e.recipientId)} ${e.status} ${e.bankOrganisationId}`),
        // The n-th month's payment of each family: the same outcome whichever months those are.
        bpntPayments: population.disbursements.filter((d) => holder.has(d.enrolmentId))
          .map((d) => `${holder.get(d.enrolmentId)} ${months.indexOf(d.period)} ${d.status} ${d.amount}`),
      };
    };
    const now = summary('2026-12-07T01:00:00Z');
    for (const later of ['2027-12-31T17:00:00Z', '2031-06-01T00:00:00Z']) {
      const then = summary(later);
      expect(then.people).toEqual(now.people);
      expect(then.bpnt).toEqual(now.bpnt);
      expect(then.bpntPayments).toEqual(now.bpntPayments);
    }
  });
});
