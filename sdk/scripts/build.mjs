// `npm run build -w @aduan/sdk`: the ES modules in dist/ and the CommonJS build in dist/cjs, each with its
// declarations; `node scripts/build.mjs <dir>` builds into <dir> instead (what `npm run sdk:pack` packs).
// The repository's compiler (the root's TypeScript), not the workspace's own TypeScript 6, which is there for
// TypeDoc only (TypeDoc cannot use TypeScript 7 yet).
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sdk = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
if (!existsSync(tsc)) throw new Error(`no TypeScript compiler at ${tsc}: run npm install at the repository root`);
const out = path.resolve(process.argv[2] ?? path.join(sdk, 'dist'));
const intoPackage = out === path.join(sdk, 'dist');

function compile(args) {
  try {
    execFileSync(process.execPath, [tsc, ...args], { cwd: sdk, stdio: 'inherit' });
  } catch {
    process.exit(1); // tsc printed why
  }
}

if (intoPackage) {
  // sdk/dist, which the examples import: incremental (`tsc -b`), each build with its own build info inside its own
  // folder (dist/, dist/cjs/), so an unchanged SDK builds in no time and removing dist/ builds afresh.
  compile(['-b', 'tsconfig.build.json', 'tsconfig.cjs.json']);
} else {
  // Elsewhere (what `npm run sdk:pack` packs): a clean build, and no build info written into sdk/dist, which would
  // tell the next `tsc -b` that sdk/dist is up to date when it holds something else.
  rmSync(out, { recursive: true, force: true });
  compile(['-p', 'tsconfig.build.json', '--outDir', out, '--incremental', 'false']);
  compile(['-p', 'tsconfig.cjs.json', '--outDir', path.join(out, 'cjs'), '--incremental', 'false']);
}
// dist/ is ES modules (the package's "type"); this makes dist/cjs CommonJS, for Node and for TypeScript.
writeFileSync(path.join(out, 'cjs', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
