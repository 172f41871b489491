import { createReadStream, readFileSync } from 'node:fs';
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
 * The `idn-area-data` npm package (github.com/fityannugroho/idn-area-data):
 * Kemendagri codes and names, its data under the ODbL (README, "Data credits").
 * Only its CSV files are read, straight from node_modules: the package's
 * JavaScript needs Node 22, and the files are what COPY takes anyway.
 */
export function idnAreaData(): RegionSource {
  const manifest = require.resolve('idn-area-data/package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const dataDir = path.join(path.dirname(manifest), 'data');
  return {
    release: `idn-area-data ${version}`,
    open: (file) => createReadStream(path.join(dataDir, `${file}.csv`)),
  };
}
