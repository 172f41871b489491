import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Where `npm run docs:api` writes the site, relative to the repository; committed, like schema/schema.graphql. */
export const SITE_DIRECTORY = 'docs/api-reference';

/** The repository's root: the folder of Aduan's package.json, found upwards from here (source and dist/ alike). */
export function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'aduan') return dir;
    } catch { /* not here: one level up */ }
    if (path.dirname(dir) === dir) throw new Error(`api-reference: no package.json of aduan above ${__dirname}`);
  }
}

export function siteDirectory(): string {
  return path.join(repositoryRoot(), SITE_DIRECTORY);
}
