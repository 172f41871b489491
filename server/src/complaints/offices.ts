import { EntityManager } from 'typeorm';
import { Tier } from '../common/enums';

/** The handling office for a village at a tier: its village office, district office, province office, or the ministry. */
export async function officeFor(manager: EntityManager, villageCode: string, tier: Tier): Promise<{ id: string; name: string } | null> {
  const jurisdiction: Record<Tier, string | null> = {
    VILLAGE: villageCode, DISTRICT: villageCode.slice(0, 5), PROVINCE: villageCode.slice(0, 2), NATIONAL: null,
  };
  const code = jurisdiction[tier];
  const [office] = await manager.query(
    `SELECT id, name FROM organisations
      WHERE disabled_at IS NULL AND tier = $1 AND jurisdiction_region_code IS NOT DISTINCT FROM $2
      ORDER BY created_at LIMIT 1`,
    [tier, code],
  );
  return office ?? null;
}
