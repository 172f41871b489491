import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EntityManager } from 'typeorm';
import { PROVINCE_TIME_ZONES } from './province-time-zones';
import { REGION_FILES, RegionSource } from './region-source';
import { SetupError } from './setup-error';

export interface RegionLoadResult {
  release: string;
  /** Regions new to the database. */
  inserted: number;
  /** Regions whose name or kind changed (renamed), or that came back after being retired. */
  updated: number;
  /** Regions the release no longer has: kept, marked retired. */
  retired: number;
  /** Current regions by level, after the load. */
  current: { provinces: number; districts: number; subdistricts: number; villages: number };
}

/** A region that fails validation is named in the message; at most this many are. */
const SHOWN = 5;

/**
 * Brings `regions` in line with a release of the Kemendagri register, inside
 * the caller's transaction: the release's CSV files are streamed with COPY into
 * a temporary staging table, checked there, and merged with set-based SQL —
 * new regions inserted, renamed ones renamed, and regions the release no
 * longer has kept but marked retired (complaints, recipients and offices point
 * at them). A region the release has again is current again. Running it twice
 * with the same release changes nothing (no row is even rewritten).
 *
 * Kinds come from the data: a regency whose name starts with "Kota" is a KOTA,
 * otherwise a KABUPATEN; a village whose number (the fourth part of its code)
 * starts with 1 is a KELURAHAN, with 2 a DESA, and with 3 a desa adat (Papua),
 * which is a desa (UU 6/2014 on villages), hence DESA.
 */
export async function loadRegions(manager: EntityManager, source: RegionSource, now: Date): Promise<RegionLoadResult> {
  const client = (await manager.queryRunner!.connect()) as PoolClient;
  await manager.query(`CREATE TEMP TABLE region_staging (code text, parent_code text, name text) ON COMMIT DROP`);
  for (const file of REGION_FILES) {
    const columns = file === 'provinces' ? '(code, name)' : '(code, parent_code, name)';
    try {
      await pipeline(source.open(file), client.query(copyFrom(`COPY region_staging ${columns} FROM STDIN (FORMAT csv, HEADER true)`)));
    } catch (error) {
      // PostgreSQL names the line in `where` ("COPY region_staging, line 5, column name: …").
      const { message, where } = error as Error & { where?: string };
      const line = /line (\d+)/.exec(where ?? '')?.[1];
      throw new SetupError(`${source.release} ${file}.csv cannot be loaded${line ? ` (line ${line})` : ''}: ${message}`);
    }
  }
  await validate(manager, source.release);
  await manager.query(`CREATE UNIQUE INDEX ON region_staging (code)`);
  await manager.query(`ANALYZE region_staging`);

  const provinceCodes = Object.keys(PROVINCE_TIME_ZONES);
  const [merged] = await manager.query(
    `WITH zones AS (SELECT * FROM unnest($1::text[], $2::time_zone[]) AS z(province, time_zone)),
     upserted AS (
       INSERT INTO regions (code, name, level, kind, parent_code, time_zone, retired_at)
       SELECT s.code, trim(s.name),
              (CASE length(s.code) WHEN 2 THEN 'PROVINCE' WHEN 5 THEN 'DISTRICT' WHEN 8 THEN 'SUBDISTRICT' ELSE 'VILLAGE' END)::region_level,
              CASE
                WHEN length(s.code) = 5 THEN CASE WHEN trim(s.name) LIKE 'Kota %' THEN 'KOTA' ELSE 'KABUPATEN' END
                WHEN length(s.code) = 13 THEN CASE WHEN substr(s.code, 10, 1) = '1' THEN 'KELURAHAN' ELSE 'DESA' END
              END,
              s.parent_code, z.time_zone, NULL
         FROM region_staging s JOIN zones z ON z.province = left(s.code, 2)
        ORDER BY s.code
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, time_zone = excluded.time_zone, retired_at = NULL
        WHERE (regions.name, regions.kind, regions.time_zone, regions.retired_at) IS DISTINCT FROM (excluded.name, excluded.kind, excluded.time_zone, NULL)
       RETURNING (xmax = 0) AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted`,
    [provinceCodes, provinceCodes.map((code) => PROVINCE_TIME_ZONES[code])],
  );
  const [{ retired }] = await manager.query(
    `WITH retired AS (
       UPDATE regions r SET retired_at = $1
        WHERE r.retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM region_staging s WHERE s.code = r.code)
       RETURNING 1
     ) SELECT count(*)::int AS retired FROM retired`,
    [now.toISOString()],
  );
  const [current] = await manager.query(
    `SELECT count(*) FILTER (WHERE level = 'PROVINCE')::int AS provinces, count(*) FILTER (WHERE level = 'DISTRICT')::int AS districts,
            count(*) FILTER (WHERE level = 'SUBDISTRICT')::int AS subdistricts, count(*) FILTER (WHERE level = 'VILLAGE')::int AS villages
       FROM regions WHERE retired_at IS NULL`,
  );
  await manager.query(`DROP TABLE region_staging`);
  return { release: source.release, inserted: merged.inserted, updated: merged.updated, retired, current };
}

/**
 * Refuses a release that would break the region tree: a malformed code, a code
 * twice, a region whose parent is not in the release, an empty or too long
 * name, or a province this build has no time zone for.
 */
async function validate(manager: EntityManager, release: string): Promise<void> {
  const provinceCodes = Object.keys(PROVINCE_TIME_ZONES);
  const problems: { code: string; problem: string }[] = await manager.query(
    `SELECT code, problem FROM (
       SELECT coalesce(code, '(none)') AS code, 'is not a Kemendagri region code (NN, NN.NN, NN.NN.NN or NN.NN.NN.NNNN)' AS problem
         FROM region_staging WHERE code IS NULL OR code !~ '^[0-9]{2}([.][0-9]{2}([.][0-9]{2}([.][0-9]{4})?)?)?$'
       UNION ALL
       SELECT code, 'appears ' || count(*) || ' times' FROM region_staging GROUP BY code HAVING count(*) > 1
       UNION ALL
       SELECT code, 'has parent ' || coalesce(parent_code, '(none)') || ', which its code does not start with'
         FROM region_staging
        WHERE length(code) > 2 AND parent_code IS DISTINCT FROM left(code, length(code) - CASE length(code) WHEN 13 THEN 5 ELSE 3 END)
       UNION ALL
       SELECT s.code, 'has parent ' || s.parent_code || ', which the release does not have'
         FROM region_staging s WHERE s.parent_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM region_staging p WHERE p.code = s.parent_code)
       UNION ALL
       SELECT code, 'is a village numbered ' || substr(code, 10, 4) || ': only 1xxx (kelurahan), 2xxx (desa) and 3xxx (desa adat) are known'
         FROM region_staging WHERE length(code) = 13 AND substr(code, 10, 1) NOT IN ('1', '2', '3')
       UNION ALL
       SELECT code, 'has no name, or one longer than 120 characters' FROM region_staging WHERE coalesce(length(trim(name)), 0) NOT BETWEEN 1 AND 120
       UNION ALL
       SELECT code, 'is a province without a time zone in server/src/setup/province-time-zones.ts: add it (Keppres 41/1987)'
         FROM region_staging WHERE length(code) = 2 AND NOT (code = ANY($1::text[]))
     ) p ORDER BY code LIMIT ${SHOWN + 1}`,
    [provinceCodes],
  );
  if (problems.length === 0) return;
  const shown = problems.slice(0, SHOWN).map((p) => `${p.code} ${p.problem}`).join('; ');
  throw new SetupError(`${release} is not a usable region register: ${shown}${problems.length > SHOWN ? '; …' : ''}`);
}
