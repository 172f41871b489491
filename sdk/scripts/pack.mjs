// `npm run sdk:pack` (at the repository root): the SDK as integrators install it, a versioned tarball in
// dist/packages/aduan-sdk-<version>.tgz (npm pack builds it first: the package's prepack). Prints the
// tarball's path, which `npm install <path>` takes in any project.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const destination = path.join(root, 'dist', 'packages');
mkdirSync(destination, { recursive: true });
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
let packed;
try {
  // --json: the file name on stdout; the build's and npm's own lines go to stderr.
  const out = execFileSync(npm[0], [...npm.slice(1), 'pack', '-w', '@aduan/sdk', '--json', '--pack-destination', destination], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  packed = JSON.parse(out.slice(out.indexOf('[')))[0];
} catch {
  process.exit(1); // npm or the build printed why
}
console.log(path.relative(process.cwd(), path.join(destination, packed.filename)));
console.error(`${packed.name}@${packed.version}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} kB packed`);
