import { ComplaintCategory, DurationUnit, SlaStage, SlaState, Tier } from '../common/enums';
import {
  addCalendarDays, addWorkingDays, calendarDaysBetween, workingDaysBetween, type Zone,
} from './working-days';

/**
 * SLA clocks, the way OpenSPP and Zendesk run them: a policy gives each stage
 * (verification, resolution) a time limit, a clock runs from the start of the
 * stage to its due instant, can be paused (while waiting on the reporter) and
 * ends MET or BREACHED. Pure functions: the caller loads the policies and the
 * complaint's timestamps and stores the results.
 */

export interface SlaPolicy {
  stage: SlaStage;
  duration: number;
  unit: DurationUnit;
  /** AT_RISK when no more than this fraction of the allowed time is left (0.25 = 25 %). */
  atRiskFraction: number;
}

/** What a policy applies to; a null field matches any complaint. */
export interface SlaPolicyScope {
  stage: SlaStage;
  tier: Tier | null;
  category: ComplaintCategory | null;
  programCode: string | null;
}

/** The complaint a policy is chosen for. */
export interface SlaSubject {
  stage: SlaStage;
  tier: Tier;
  category: ComplaintCategory;
  programCode: string | null;
}

/**
 * The policies Aduan ships; the seed writes the same rows into sla_policies
 * (setup/reference.data.ts, kept equal by sla.spec.ts), where operators change
 * them. Verification within 3 working days follows SP4N-LAPOR!, 60 days at the
 * ministry Perpres 76/2013, and 24 hours for illegal levies and fraud OpenSPP's
 * critical grievances.
 */
export const DEFAULT_SLA_POLICIES: readonly (SlaPolicy & SlaPolicyScope)[] = [
  { stage: SlaStage.VERIFICATION, tier: null, category: null, programCode: null, duration: 3, unit: DurationUnit.WORKING_DAYS, atRiskFraction: 0.25 },
  { stage: SlaStage.VERIFICATION, tier: null, category: ComplaintCategory.ILLEGAL_LEVY, programCode: null, duration: 24, unit: DurationUnit.HOURS, atRiskFraction: 0.25 },
  { stage: SlaStage.VERIFICATION, tier: null, category: ComplaintCategory.MISUSE_OR_FRAUD, programCode: null, duration: 24, unit: DurationUnit.HOURS, atRiskFraction: 0.25 },
  { stage: SlaStage.RESOLUTION, tier: Tier.VILLAGE, category: null, programCode: null, duration: 5, unit: DurationUnit.WORKING_DAYS, atRiskFraction: 0.25 },
  { stage: SlaStage.RESOLUTION, tier: Tier.DISTRICT, category: null, programCode: null, duration: 10, unit: DurationUnit.WORKING_DAYS, atRiskFraction: 0.25 },
  { stage: SlaStage.RESOLUTION, tier: Tier.PROVINCE, category: null, programCode: null, duration: 14, unit: DurationUnit.WORKING_DAYS, atRiskFraction: 0.25 },
  { stage: SlaStage.RESOLUTION, tier: Tier.NATIONAL, category: null, programCode: null, duration: 60, unit: DurationUnit.CALENDAR_DAYS, atRiskFraction: 0.25 },
];

const MS_PER_HOUR = 3_600_000;

/**
 * When a clock started at `start` is due. HOURS are elapsed hours. Days, working
 * or calendar, end at 23:59:59.999 local time and do not count the day of
 * `start` (see addWorkingDays).
 */
export function dueAt(start: Date, policy: Pick<SlaPolicy, 'duration' | 'unit'>, zone: Zone): Date {
  switch (policy.unit) {
    case DurationUnit.HOURS:
      return new Date(start.getTime() + policy.duration * MS_PER_HOUR);
    case DurationUnit.CALENDAR_DAYS:
      return addCalendarDays(start, policy.duration, zone);
    case DurationUnit.WORKING_DAYS:
      return addWorkingDays(start, policy.duration, zone);
  }
}

export interface SlaClock {
  startedAt: Date;
  /** The due instant, already pushed back by earlier pauses (resumeAfterPause). */
  dueAt: Date;
  now: Date;
  /** Set while the clock is paused: when the current pause began. */
  pausedAt?: Date | null;
  /** The total length of earlier, ended pauses. */
  pausedMs?: number;
  finishedAt?: Date | null;
  policy: Pick<SlaPolicy, 'atRiskFraction'>;
}

/**
 * The state of a clock, in this order:
 * - finished: MET if the clock stopped on or before `dueAt`, else BREACHED, for
 *   good. The clock stops when the stage finishes, or earlier if it finished
 *   during a pause (time spent waiting on the reporter does not count).
 * - paused: PAUSED if the pause began on or before `dueAt`; a pause that began
 *   after it does not hide the breach.
 * - BREACHED once `now` is after `dueAt`.
 * - AT_RISK when the time left is at most `atRiskFraction` of the time allowed,
 *   both in elapsed time; the time allowed is the start-to-due window less the
 *   earlier pauses that pushed the due instant back.
 * - ON_TRACK otherwise.
 */
export function slaState(clock: SlaClock): SlaState {
  const due = clock.dueAt.getTime();
  const { finishedAt, pausedAt } = clock;
  if (finishedAt) {
    const stoppedAt = pausedAt && pausedAt < finishedAt ? pausedAt : finishedAt;
    return stoppedAt.getTime() <= due ? SlaState.MET : SlaState.BREACHED;
  }
  if (pausedAt) return pausedAt.getTime() <= due ? SlaState.PAUSED : SlaState.BREACHED;
  const now = clock.now.getTime();
  if (now > due) return SlaState.BREACHED;
  const allowed = due - clock.startedAt.getTime() - (clock.pausedMs ?? 0);
  return due - now <= clock.policy.atRiskFraction * allowed ? SlaState.AT_RISK : SlaState.ON_TRACK;
}

/**
 * The due instant after a pause from `pausedAt` to `resumedAt`, pushed back by
 * the time the pause took from the clock, in the policy's unit:
 * - HOURS: the pause's length.
 * - WORKING_DAYS: one working day for each working day that began during the
 *   pause (workingDaysBetween). A pause within one day costs nothing; one from
 *   Tuesday 10:00 to the next Monday 09:00 costs Wednesday, Thursday, Friday and
 *   Monday, 4 days, which evens out: the clock lost part of Tuesday and gets
 *   back part of Monday.
 * - CALENDAR_DAYS: likewise, one day for each local midnight during the pause.
 * A pause that began after `dueAt` changes nothing: the clock was breached.
 */
export function resumeAfterPause(
  due: Date, pausedAt: Date, resumedAt: Date, policy: Pick<SlaPolicy, 'unit'>, zone: Zone,
): Date {
  if (resumedAt < pausedAt) throw new RangeError('A pause cannot end before it begins.');
  if (pausedAt > due) return due;
  switch (policy.unit) {
    case DurationUnit.HOURS:
      return new Date(due.getTime() + (resumedAt.getTime() - pausedAt.getTime()));
    case DurationUnit.WORKING_DAYS: {
      const lost = workingDaysBetween(pausedAt, resumedAt, zone);
      return lost === 0 ? due : addWorkingDays(due, lost, zone);
    }
    case DurationUnit.CALENDAR_DAYS: {
      const lost = calendarDaysBetween(pausedAt, resumedAt, zone);
      return lost === 0 ? due : addCalendarDays(due, lost, zone);
    }
  }
}

/**
 * The policy for a complaint: of the policies of its stage whose non-null
 * fields all match it, the most specific, that is the one with most non-null
 * fields among tier, category and programCode.
 *
 * The unique index on the scope does not rule out ties between different
 * fields: {tier: VILLAGE} and {category: ILLEGAL_LEVY} both match an illegal
 * levy at a village. Such ties go to the policy naming a category, then one
 * naming a programme, then one naming a tier: what happened (fraud is urgent
 * everywhere) says more about the time needed than who handles it. Two
 * matching policies naming the same fields would name the same values, which the
 * index forbids, so the choice is never arbitrary.
 */
export function selectPolicy<P extends SlaPolicyScope>(policies: readonly P[], subject: SlaSubject): P | undefined {
  const matches = (policy: P) =>
    policy.stage === subject.stage &&
    (policy.tier === null || policy.tier === subject.tier) &&
    (policy.category === null || policy.category === subject.category) &&
    (policy.programCode === null || policy.programCode === subject.programCode);
  const rank = (policy: P): number[] => {
    const named = [policy.category, policy.programCode, policy.tier].map((field) => Number(field !== null));
    return [named.filter(Boolean).length, ...named];
  };
  let best: P | undefined;
  for (const policy of policies.filter(matches)) {
    if (!best || compareRanks(rank(policy), rank(best)) > 0) best = policy;
  }
  return best;
}

function compareRanks(a: number[], b: number[]): number {
  const differing = a.findIndex((value, i) => value !== b[i]);
  return differing === -1 ? 0 : a[differing] - b[differing];
}
