// `npm run sdk:pack` (at the repository root): the SDK as integrators install it, a versioned tarball,
// dist/packages/aduan-sdk-<version>.tgz (or in the folder given with --destination). Prints the tarball's path,
// which `npm install <path>` takes in any project.
//
// It builds a fresh copy in a temporary folder and packs that (`npm pack`, so the tarball holds exactly what
// `npm publish` would send): sdk/dist, which the examples and the running tests import, is left alone.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const sdk = fileURLToPath(new URL('..', import.meta.url));
const root = path.dirname(sdk.replace(/[\\/]$/, ''));
const { values } = parseArgs({ options: { destination: { type: 'string' } } });
const destination = path.resolve(values.destination ?? path.join(root, 'dist', 'packages'));
mkdirSync(destination, { recursive: true });

const stage = mkdtempSync(path.join(os.tmpdir(), 'aduan-sdk-pack-'));
let packed;
try {
  for (const file of ['package.json', 'README.md', 'CHANGELOG.md']) copyFileSync(path.join(sdk, file), path.join(stage, file));
  execFileSync(process.execPath, [path.join(sdk, 'scripts', 'build.mjs'), path.join(stage, 'dist')], { stdio: 'inherit' });
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  // --ignore-scripts: the copy is built already (its prepack would build in place); --json: the file name on stdout.
  const out = execFileSync(npm[0], [...npm.slice(1), 'pack', stage, '--ignore-scripts', '--json', '--pack-destination', destination], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  packed = JSON.parse(out.slice(out.indexOf('[')))[0];
} catch {
  process.exitCode = 1; // the build or npm printed why
} finally {
  rmSync(stage, { recursive: true, force: true });
}
if (packed) {
  console.log(path.relative(process.cwd(), path.join(destination, packed.filename)) || packed.filename);
  console.error(`${packed.name}@${packed.version}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} kB packed`);
}
