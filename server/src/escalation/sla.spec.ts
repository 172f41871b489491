import { describe, expect, it } from 'vitest';
import { ComplaintCategory, DurationUnit, SlaStage, SlaState, Tier } from '../common/enums';
import { SLA_POLICIES } from '../setup/reference.data';
import {
  DEFAULT_SLA_POLICIES, dueAt, resumeAfterPause, selectPolicy, slaState, type SlaPolicy, type SlaPolicyScope,
} from './sla';

const HOUR = 3_600_000;
const hours = (policyHours: number): SlaPolicy =>
  ({ stage: SlaStage.VERIFICATION, duration: policyHours, unit: DurationUnit.HOURS, atRiskFraction: 0.25 });
const workingDays = (days: number): SlaPolicy =>
  ({ stage: SlaStage.RESOLUTION, duration: days, unit: DurationUnit.WORKING_DAYS, atRiskFraction: 0.25 });
const calendarDays = (days: number): SlaPolicy =>
  ({ stage: SlaStage.RESOLUTION, duration: days, unit: DurationUnit.CALENDAR_DAYS, atRiskFraction: 0.25 });

describe('dueAt', () => {
  const start = new Date('2025-06-13T19:00:00+07:00'); // a Friday evening

  it('adds plain hours', () => {
    expect(dueAt(start, hours(24), 'WIB')).toEqual(new Date('2025-06-14T19:00:00+07:00'));
  });

  it('ends calendar days at local midnight: 60 days', () => {
    expect(dueAt(new Date('2025-01-10T10:00:00+07:00'), calendarDays(60), 'WIB')).toEqual(new Date('2025-03-11T23:59:59.999+07:00'));
  });

  it('counts working days', () => {
    expect(dueAt(start, workingDays(3), 'WIB')).toEqual(new Date('2025-06-18T23:59:59.999+07:00'));
  });
});

describe('slaState', () => {
  const startedAt = new Date('2025-06-02T00:00:00Z');
  const due = new Date(startedAt.getTime() + 100 * HOUR);
  const policy = { atRiskFraction: 0.25 };
  const beforeDue = (ms: number) => new Date(due.getTime() - ms);

  it('is ON_TRACK until exactly 25 % of the time is left, then AT_RISK', () => {
    expect(slaState({ startedAt, dueAt: due, now: beforeDue(25 * HOUR + 1), policy })).toBe(SlaState.ON_TRACK);
    expect(slaState({ startedAt, dueAt: due, now: beforeDue(25 * HOUR), policy })).toBe(SlaState.AT_RISK);
    expect(slaState({ startedAt, dueAt: due, now: due, policy })).toBe(SlaState.AT_RISK);
  });

  it('is BREACHED after the due instant', () => {
    expect(slaState({ startedAt, dueAt: due, now: beforeDue(-1), policy })).toBe(SlaState.BREACHED);
  });

  it('leaves earlier pauses out of the time allowed', () => {
    // 120 hours from start to due, 20 of them paused: 100 hours allowed.
    const pushedDue = new Date(startedAt.getTime() + 120 * HOUR);
    const clock = { startedAt, dueAt: pushedDue, pausedMs: 20 * HOUR, policy };
    expect(slaState({ ...clock, now: new Date(pushedDue.getTime() - 25 * HOUR - 1) })).toBe(SlaState.ON_TRACK);
    expect(slaState({ ...clock, now: new Date(pushedDue.getTime() - 25 * HOUR) })).toBe(SlaState.AT_RISK);
  });

  it('is PAUSED while paused, even past the due instant', () => {
    const pausedAt = beforeDue(50 * HOUR);
    expect(slaState({ startedAt, dueAt: due, now: beforeDue(-10 * HOUR), pausedAt, policy })).toBe(SlaState.PAUSED);
  });

  it('stays BREACHED when paused after the due instant', () => {
    expect(slaState({ startedAt, dueAt: due, now: beforeDue(-10 * HOUR), pausedAt: beforeDue(-1 * HOUR), policy }))
      .toBe(SlaState.BREACHED);
  });

  it('is MET when finished on or before the due instant, BREACHED for good when after', () => {
    const later = beforeDue(-1000 * HOUR);
    expect(slaState({ startedAt, dueAt: due, now: later, finishedAt: beforeDue(HOUR), policy })).toBe(SlaState.MET);
    expect(slaState({ startedAt, dueAt: due, now: later, finishedAt: due, policy })).toBe(SlaState.MET);
    expect(slaState({ startedAt, dueAt: due, now: later, finishedAt: beforeDue(-1), policy })).toBe(SlaState.BREACHED);
  });

  it('is MET when finished during a pause that began before the due instant', () => {
    expect(slaState({ startedAt, dueAt: due, now: beforeDue(-20 * HOUR), pausedAt: beforeDue(HOUR), finishedAt: beforeDue(-10 * HOUR), policy }))
      .toBe(SlaState.MET);
  });
});

describe('resumeAfterPause', () => {
  it('pushes an hours clock back by the length of the pause', () => {
    const due = new Date('2025-06-03T10:00:00+07:00');
    const pushed = resumeAfterPause(due, new Date('2025-06-02T12:00:00+07:00'), new Date('2025-06-02T17:00:00+07:00'), hours(24), 'WIB');
    expect(pushed).toEqual(new Date('2025-06-03T15:00:00+07:00'));
  });

  it('pushes a working-days clock back by the working days that began during the pause', () => {
    const due = new Date('2025-06-18T23:59:59.999+07:00'); // Wednesday
    // Paused Tuesday 10:00, resumed the next Monday 09:00: Wednesday, Thursday, Friday and Monday lost.
    const pushed = resumeAfterPause(due, new Date('2025-06-17T10:00:00+07:00'), new Date('2025-06-23T09:00:00+07:00'), workingDays(3), 'WIB');
    expect(pushed).toEqual(new Date('2025-06-24T23:59:59.999+07:00'));
  });

  it('does not move a working-days clock for a pause within one day or over a weekend', () => {
    const due = new Date('2025-06-18T23:59:59.999+07:00');
    const sameDay = resumeAfterPause(due, new Date('2025-06-16T09:00:00+07:00'), new Date('2025-06-16T16:00:00+07:00'), workingDays(3), 'WIB');
    const weekend = resumeAfterPause(due, new Date('2025-06-14T09:00:00+07:00'), new Date('2025-06-15T20:00:00+07:00'), workingDays(3), 'WIB');
    expect(sameDay).toEqual(due);
    expect(weekend).toEqual(due);
  });

  it('pushes a calendar-days clock back by the local midnights in the pause', () => {
    const due = new Date('2025-03-11T23:59:59.999+09:00');
    const pushed = resumeAfterPause(due, new Date('2025-02-01T22:00:00+09:00'), new Date('2025-02-04T08:00:00+09:00'), calendarDays(60), 'WIT');
    expect(pushed).toEqual(new Date('2025-03-14T23:59:59.999+09:00'));
  });

  it('does not move a clock paused after it was breached', () => {
    const due = new Date('2025-06-18T23:59:59.999+07:00');
    expect(resumeAfterPause(due, new Date('2025-06-19T10:00:00+07:00'), new Date('2025-06-25T10:00:00+07:00'), workingDays(3), 'WIB'))
      .toEqual(due);
  });

  it('refuses a pause that ends before it begins', () => {
    const due = new Date('2025-06-18T23:59:59.999+07:00');
    expect(() => resumeAfterPause(due, new Date('2025-06-17T10:00:00Z'), new Date('2025-06-17T09:00:00Z'), hours(24), 'WIB'))
      .toThrow(RangeError);
  });
});

describe('selectPolicy', () => {
  const subject = (stage: SlaStage, tier: Tier, category: ComplaintCategory, programCode: string | null = 'PKH') =>
    ({ stage, tier, category, programCode });
  const scope = (fields: Partial<SlaPolicyScope> & { id: string }) =>
    ({ stage: SlaStage.RESOLUTION, tier: null, category: null, programCode: null, ...fields });

  it('picks the defaults Aduan ships', () => {
    const pick = (s: ReturnType<typeof subject>) => selectPolicy(DEFAULT_SLA_POLICIES, s);
    expect(pick(subject(SlaStage.VERIFICATION, Tier.VILLAGE, ComplaintCategory.ILLEGAL_LEVY)))
      .toMatchObject({ duration: 24, unit: DurationUnit.HOURS });
    expect(pick(subject(SlaStage.VERIFICATION, Tier.VILLAGE, ComplaintCategory.WRONG_TARGET)))
      .toMatchObject({ duration: 3, unit: DurationUnit.WORKING_DAYS });
    expect(pick(subject(SlaStage.RESOLUTION, Tier.DISTRICT, ComplaintCategory.ILLEGAL_LEVY)))
      .toMatchObject({ duration: 10, unit: DurationUnit.WORKING_DAYS });
    expect(pick(subject(SlaStage.RESOLUTION, Tier.NATIONAL, ComplaintCategory.NOT_RECEIVED, null)))
      .toMatchObject({ duration: 60, unit: DurationUnit.CALENDAR_DAYS });
  });

  it('prefers the policy with more matching fields, ignoring those that do not match', () => {
    const policies = [
      scope({ id: 'village' , tier: Tier.VILLAGE }),
      scope({ id: 'village-pkh', tier: Tier.VILLAGE, programCode: 'PKH' }),
      scope({ id: 'village-bpnt-levy', tier: Tier.VILLAGE, programCode: 'BPNT', category: ComplaintCategory.ILLEGAL_LEVY }),
      scope({ id: 'verification-village-pkh-levy', stage: SlaStage.VERIFICATION, tier: Tier.VILLAGE, programCode: 'PKH', category: ComplaintCategory.ILLEGAL_LEVY }),
    ];
    expect(selectPolicy(policies, subject(SlaStage.RESOLUTION, Tier.VILLAGE, ComplaintCategory.ILLEGAL_LEVY))?.id).toBe('village-pkh');
    expect(selectPolicy(policies, subject(SlaStage.RESOLUTION, Tier.VILLAGE, ComplaintCategory.ILLEGAL_LEVY, null))?.id).toBe('village');
  });

  it('settles equally specific policies by category, then programme, then tier', () => {
    const policies = [
      scope({ id: 'tier', tier: Tier.VILLAGE }),
      scope({ id: 'programme', programCode: 'PKH' }),
      scope({ id: 'category', category: ComplaintCategory.ILLEGAL_LEVY }),
    ];
    const levyAtVillage = subject(SlaStage.RESOLUTION, Tier.VILLAGE, ComplaintCategory.ILLEGAL_LEVY);
    expect(selectPolicy(policies, levyAtVillage)?.id).toBe('category');
    expect(selectPolicy([...policies].reverse(), levyAtVillage)?.id).toBe('category');
    expect(selectPolicy(policies.slice(0, 2), levyAtVillage)?.id).toBe('programme');
    expect(selectPolicy(policies.slice(0, 2).reverse(), levyAtVillage)?.id).toBe('programme');
  });

  it('finds nothing when no policy matches', () => {
    expect(selectPolicy([scope({ id: 'district', tier: Tier.DISTRICT })], subject(SlaStage.RESOLUTION, Tier.VILLAGE, ComplaintCategory.OTHER)))
      .toBeUndefined();
  });
});

describe('DEFAULT_SLA_POLICIES', () => {
  it('are the policies the seed writes into sla_policies', () => {
    const comparable = ({ stage, tier, category, programCode, duration, unit }: SlaPolicyScope & Omit<SlaPolicy, 'atRiskFraction'>) =>
      ({ stage, tier, category, programCode, duration, unit });
    expect(DEFAULT_SLA_POLICIES.map(comparable)).toEqual(SLA_POLICIES.map(comparable));
  });
});
