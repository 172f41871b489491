import { readFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/** Aduan's version, from its package.json (found upwards from here: source and dist/ alike). */
export function aduanVersion(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'aduan' && manifest.version) return (cached = manifest.version);
    } catch { /* not here: one level up */ }
    if (path.dirname(dir) === dir) return (cached = 'unknown');
  }
}
