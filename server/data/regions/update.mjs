#!/usr/bin/env node
/**
 * npm run regions:update [-- <version>]
 *
 * Takes the Kemendagri regions from a release of the idn-area-data npm package
 * (github.com/fityannugroho/idn-area-data; the latest by default) into this
 * folder: its four CSV files, its data licence, and RELEASE (what the setup
 * records in setup_runs). The package is fetched with `npm pack` from the npm
 * registry, not installed: its releases declare Node ≥ 22, and the setup reads
 * only these files (ADR 0040). Then `npm run setup` on a database takes the
 * new release (renamed regions, retired ones: docs/operations.md).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv[2] ?? 'latest';
const work = mkdtempSync(path.join(os.tmpdir(), 'aduan-regions-'));
try {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', `idn-area-data@${wanted}`, '--json', '--pack-destination', work], { encoding: 'utf8' }));
  execFileSync('tar', ['xzf', path.join(work, packed.filename), '-C', work]);
  for (const file of ['provinces.csv', 'regencies.csv', 'districts.csv', 'villages.csv', 'LICENSE.md']) {
    copyFileSync(path.join(work, 'package', 'data', file), path.join(here, file));
  }
  writeFileSync(path.join(here, 'RELEASE'), `idn-area-data ${packed.version}\n`);
  console.log(`server/data/regions: idn-area-data ${packed.version} (${packed.integrity})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
