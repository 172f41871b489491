import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

/** The four files of a region release, from the largest region down. */
export const REGION_FILES = ['provinces', 'regencies', 'districts', 'villages'] as const;
export type RegionFile = (typeof REGION_FILES)[number];

/**
 * Where the setup reads the Kemendagri regions from: CSV text per file, with a
 * header line; `provinces` is `code,name`, the others `code,parent_code,name`
 * (the parent's code, e.g. a village's kecamatan). Injectable, so a test can
 * stand in a newer release (one region fewer, one renamed).
 */
export interface RegionSource {
  /** What was loaded, recorded in setup_runs, e.g. `idn-area-data 4.0.1`. */
  release: string;
  open(file: RegionFile): Readable;
}

/**
 * The regions of the `idn-area-data` npm package (github.com/fityannugroho/idn-area-data):
 * Kemendagri codes and names, its data under the ODbL (README, "Data credits").
 * Its four CSV files are kept in server/data/regions (`npm run regions:update`
 * takes a release's), not installed as a dependency: the package's JavaScript,
 * which Aduan never used, declares Node ≥ 22 (ADR 0040), and the files are what
 * COPY takes anyway. RELEASE there names the release.
 */
export function idnAreaData(): RegionSource {
  const dataDir = regionDataDir(__dirname);
  return {
    release: readFileSync(path.join(dataDir, 'RELEASE'), 'utf8').trim(),
    open: (file) => createReadStream(path.join(dataDir, `${file}.csv`)),
  };
}

/** server/data/regions, from the source (server/src/setup) or the build (dist/server/src/setup). */
export function regionDataDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'server', 'data', 'regions');
    if (existsSync(path.join(candidate, 'RELEASE'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`server/data/regions/RELEASE not found above ${from}`);
  }
}
