import { DataSource, EntityManager } from 'typeorm';
import { ComplaintCategory, OrganisationKind, Tier, TIER_ORDER } from '../common/enums';
import { CONFLICT_OF_INTEREST_CATEGORIES } from './complaint-scope';
import { cacheFor, keep } from '../graphql/reference-cache';

/** The offices that may handle a complaint about a village: its village office, district office, province office, and the ministry. */
export interface HandlingOffice { id: string; name: string; tier: Tier }

const HANDLER_KINDS = [OrganisationKind.VILLAGE_OFFICE, OrganisationKind.DISTRICT_OFFICE, OrganisationKind.PROVINCE_OFFICE, OrganisationKind.MINISTRY];

/**
 * How long a process routes by what it read: an office registered since is
 * routed to within this time (until then the tier above it handles), and an
 * office disabled since is never routed to — submitComplaint's write checks
 * that the office is still enabled and re-reads when it is not.
 */
export const INTAKE_OFFICES_MS = 10_000;

/** Villages kept; the oldest go first. */
const MAX_VILLAGES = 20_000;

const CACHE = 'intake-offices';

/**
 * The offices for a village, read at most every INTAKE_OFFICES_MS per process
 * (every submission needs them; they change when an office is registered or
 * disabled). `fresh` reads them now.
 */
export async function handlingOffices(db: DataSource, regionCode: string, options: { fresh?: boolean; now?: number } = {}): Promise<HandlingOffice[]> {
  const cache = cacheFor<HandlingOffice[]>(db, CACHE);
  const at = options.now ?? Date.now();
  const kept = cache.get(regionCode);
  if (kept?.value && !options.fresh && at - kept.at <= INTAKE_OFFICES_MS) return kept.value;
  const offices = await readHandlingOffices(db, regionCode);
  keep(cache, regionCode, offices, at, MAX_VILLAGES);
  return offices;
}

/** Forgets what a process keeps (createOrganisation calls it: the process that registers an office routes to it at once). */
export function forgetHandlingOffices(db: DataSource): void {
  cacheFor(db, CACHE).clear();
}

export async function readHandlingOffices(db: DataSource | EntityManager, regionCode: string): Promise<HandlingOffice[]> {
  return db.query(
    `SELECT id, name, tier FROM organisations
      WHERE disabled_at IS NULL AND kind = ANY($1::organisation_kind[])
        AND (jurisdiction_region_code = ANY($2::text[]) OR kind = 'MINISTRY')`,
    [HANDLER_KINDS, [regionCode, regionCode.slice(0, 5), regionCode.slice(0, 2)]],
  );
}

/** Where a complaint goes: the tier and the office there. */
export interface Route { tier: Tier; organisationId: string; organisationName: string }

/**
 * The lowest tier with an office for the village (its offices: village,
 * district, province, and the ministry); complaints about officials, and a
 * whistleblower's that bypasses the village, start at the district (the village
 * office is who they may be about). `atLeast`: never below this tier — a
 * correction does not undo an escalation (complaints/correct-complaint.ts).
 * Intake and correctComplaint both route with it.
 */
export function routeComplaint(offices: HandlingOffice[], category: ComplaintCategory, bypassVillage: boolean, atLeast: Tier = Tier.VILLAGE): Route {
  const lowest = Math.max(
    bypassVillage || CONFLICT_OF_INTEREST_CATEGORIES.includes(category) ? TIER_ORDER.indexOf(Tier.DISTRICT) : 0,
    TIER_ORDER.indexOf(atLeast),
  );
  const office = offices
    .filter((o) => TIER_ORDER.indexOf(o.tier) >= lowest)
    .sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier))[0];
  if (!office) throw new Error('no handling office at all: the ministry organisation is missing');
  return { tier: office.tier, organisationId: office.id, organisationName: office.name };
}
