import { DataSource } from 'typeorm';
import { ComplaintCategory, SlaStage, Tier, TimeZone } from '../common/enums';
import { ensureDaysOffCalendar } from './days-off/days-off.service';
import { dueAt, selectPolicy, SlaPolicy } from './sla';
import { SlaPolicyEntity } from './sla-policy.entity';

export interface PolicyScope { stage: SlaStage; tier: Tier; category: ComplaintCategory; programCode: string }

/** Policies change rarely (they are data, edited by the ministry): read them at most once a minute. */
const CACHE_MS = 60_000;
let cache: { at: number; source: DataSource; policies: (SlaPolicy & { tier: Tier | null; category: ComplaintCategory | null; programCode: string | null })[] } | undefined;

async function policies(db: DataSource) {
  if (!cache || cache.source !== db || Date.now() - cache.at > CACHE_MS) {
    const rows = await db.getRepository(SlaPolicyEntity).find();
    cache = {
      at: Date.now(),
      source: db,
      policies: rows.map((r) => ({
        stage: r.stage, tier: r.tier, category: r.category, programCode: r.programCode,
        duration: r.duration, unit: r.unit, atRiskFraction: Number(r.atRiskFraction),
      })),
    };
  }
  return cache.policies;
}

/**
 * When the stage of a complaint started at `start` is due, by the most
 * specific policy for its tier, category and programme, counted in the time
 * zone of its region. Null when no policy covers it (no clock).
 */
export async function stageDueAt(db: DataSource, scope: PolicyScope, start: Date, zone: TimeZone): Promise<Date | null> {
  // Both cached for a minute: no round trip on most calls (the calendar's reload, days-off.service.ts).
  const [all] = await Promise.all([policies(db), ensureDaysOffCalendar(db)]);
  const policy = selectPolicy(all, scope);
  return policy ? dueAt(start, policy, zone) : null;
}
