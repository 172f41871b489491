import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The benchmark's third-party contenders (PostGraphile v5 and its family) live
 * in a package of their own, bench/packages, with its own lockfile: they are
 * needed by the benchmark alone and declare Node ≥ 22, so the project's
 * `npm install` does not pull them for everyone (ADR 0040). `npm run bench`
 * (and its smoke test) installs them on first use, from the npm registry, with
 * `npm ci --prefix bench/packages`; again only when the lockfile changed.
 */
export const BENCH_PACKAGES_DIR = findBenchPackages(__dirname);

/** From the source (bench/harness) or the build (dist/bench/harness): the first ancestor holding bench/packages. */
function findBenchPackages(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'bench', 'packages');
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`bench/packages/package.json not found above ${from}`);
  }
}

/** Installed, and from the lockfile as it is now (npm ci leaves node_modules/.package-lock.json, written after the lockfile). */
export function benchPackagesInstalled(): boolean {
  const installed = path.join(BENCH_PACKAGES_DIR, 'node_modules', '.package-lock.json');
  return existsSync(installed) && statSync(installed).mtimeMs >= statSync(path.join(BENCH_PACKAGES_DIR, 'package-lock.json')).mtimeMs;
}

/** Installs bench/packages unless it is installed and current. Its output goes to stderr (npm's own progress and warnings). */
export function installBenchPackages(log: (line: string) => void = (line) => console.error(line)): void {
  if (benchPackagesInstalled()) return;
  log('installing the benchmark\'s contenders (PostGraphile): npm ci --prefix bench/packages');
  const started = Date.now();
  execFileSync('npm', ['ci', '--prefix', BENCH_PACKAGES_DIR, '--no-audit', '--no-fund'], { stdio: ['ignore', process.stderr, process.stderr] });
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** `require` as from bench/packages: its packages, not the project's. */
export const requireBenchPackage = createRequire(path.join(BENCH_PACKAGES_DIR, 'package.json'));
