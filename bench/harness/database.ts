import { Client } from 'pg';
import { createDataSource } from '../../server/src/database/data-source';
import { createDatabase, withDatabase } from '../../server/src/database/database-url';
import { migrate } from '../../server/src/database/migrate';
import { seedDemo } from '../../server/src/demo/seed-demo';
import { seedScale } from '../../server/src/demo/seed-scale';

export interface Scale { name: string; recipients: number; complaints: number }

export const SCALES: Record<string, Scale> = {
  small: { name: 'small', recipients: 10_000, complaints: 20_000 },
  large: { name: 'large', recipients: 1_000_000, complaints: 500_000 },
};

/** Marks a bench database as seeded at a scale; a database without it (or with another) is rebuilt. */
const MARK = 'aduan-bench';

/**
 * The benchmark's own database on the server of `adminUrl` (`aduan_bench_<scale>`):
 * reused when it exists and was seeded at this scale (seeding the large scale
 * takes minutes), otherwise created (or emptied) and built as a developer would:
 * migrations, the demo data, then `seed:scale`. Pending migrations of a newer
 * build are applied on reuse. The scale is recorded as the database's comment
 * only once seeding finished, so an interrupted build is redone, not reused.
 */
export async function ensureBenchDatabase(adminUrl: string, scale: Scale, log: (line: string) => void = () => undefined): Promise<string> {
  const name = `aduan_bench_${scale.name}`;
  const expected = `${MARK} ${JSON.stringify({ recipients: scale.recipients, complaints: scale.complaints })}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  let reuse = false;
  try {
    const [row] = (await admin.query(
      `SELECT shobj_description(oid, 'pg_database') AS mark FROM pg_database WHERE datname = $1`, [name])).rows;
    if (row && row.mark === expected) reuse = true;
    else if (row) {
      log(`${name}: not seeded at this scale (${row.mark ?? 'no mark'}); rebuilding`);
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  const url = reuse ? withDatabase(adminUrl, name) : await createDatabase(adminUrl, name);
  // No parallel query: a parallel worker's CPU escapes the measurement (only the backends serving the contenders are read),
  // and on a shared 2-core machine under concurrent load it buys no throughput. Applies to connections made from now on.
  const settings = new Client({ connectionString: adminUrl });
  await settings.connect();
  await settings.query(`ALTER DATABASE "${name}" SET max_parallel_workers_per_gather = 0`).finally(() => settings.end());
  const dataSource = createDataSource(url, { poolSize: 3, statementTimeoutMs: 0 });
  await dataSource.initialize();
  try {
    const applied = await migrate(dataSource);
    if (reuse) {
      if (applied.length) log(`${name}: applied ${applied.length} new migration(s)`);
      log(`${name}: reused (${scale.recipients} recipients, ${scale.complaints} complaints)`);
      return url;
    }
    await seedDemo(dataSource);
    const started = Date.now();
    log(`${name}: seeding ${scale.recipients} recipients and ${scale.complaints} complaints`);
    await seedScale(dataSource, { recipients: scale.recipients, complaints: scale.complaints, onProgress: (line) => log(`  ${line}`) });
    await dataSource.query('VACUUM ANALYZE');
    await dataSource.query(`COMMENT ON DATABASE "${name}" IS '${expected.replace(/'/g, "''")}'`);
    log(`${name}: seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return url;
  } finally {
    await dataSource.destroy();
  }
}
