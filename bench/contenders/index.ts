import { aduanContender } from './aduan';
import { Contender } from './contender';
import { limitContender } from './limit';
import { postgraphileContender } from './postgraphile';

export const ADUAN = aduanContender({ name: 'aduan', label: 'Aduan (production: permission layer, limits, DataLoader)', permissions: true, batchLoaders: true });
export const ADUAN_NO_PERMISSIONS = aduanContender({ name: 'aduan-no-permissions', label: 'Aduan, permission layer off', permissions: false, batchLoaders: true });
export const ADUAN_NO_DATALOADER = aduanContender({ name: 'aduan-no-dataloader', label: 'Aduan, DataLoader off', permissions: true, batchLoaders: false });
export const ADUAN_INTERPRETED = aduanContender({ name: 'aduan-interpreted', label: 'Aduan, operations interpreted by graphql-js (not compiled)', permissions: true, batchLoaders: true, interpreted: true });

/** Every contender, by name; the benchmark runs them in this order, then reversed, alternately. */
export const CONTENDERS: Contender[] = [ADUAN, limitContender, postgraphileContender, ADUAN_NO_PERMISSIONS, ADUAN_NO_DATALOADER, ADUAN_INTERPRETED];

export function contenderNamed(name: string): Contender {
  const found = CONTENDERS.find((c) => c.name === name);
  if (!found) throw new Error(`no contender named ${name}: ${CONTENDERS.map((c) => c.name).join(', ')}`);
  return found;
}
