import { Counter } from 'prom-client';
import { Tier } from '../common/enums';

/**
 * SLA breaches found by the sweep (escalation/sla-sweep.ts), by the tier whose
 * deadline passed. Process-wide, not per server: the sweep runs in the job
 * runner, which has no HTTP server of its own; each server's registry exposes
 * this one counter (metrics.ts registers it).
 */
export const slaBreachesTotal = new Counter({
  name: 'aduan_sla_breaches_total',
  help: 'Complaints whose handling deadline passed, counted once per deadline when the SLA sweep finds them, by the tier that missed it.',
  labelNames: ['tier'] as const,
  registers: [],
});

// Every tier from the start, so a rate over a fresh process is 0, not "no data".
for (const tier of Object.values(Tier)) slaBreachesTotal.inc({ tier }, 0);

/** Called once the sweep's transaction has committed: a rolled-back batch breached nothing. */
export function countSlaBreaches(tiers: readonly Tier[]): void {
  for (const tier of tiers) slaBreachesTotal.inc({ tier });
}
