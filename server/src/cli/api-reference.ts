/**
 * npm run docs:api — writes the API reference site (docs/api-reference/) from
 * the schema, the permission layer and the SDK's operations. The site is
 * committed and served at /docs; test/api-reference/site.spec.ts fails when it
 * is stale. `npm run codegen` runs it after the SDK's code, so the usual steps after a schema change
 * (`npm run schema:print`, `npm run codegen`) refresh it too.
 */
import 'reflect-metadata';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApiReference, readSdkSources, repositoryRoot, sdkExamples, siteDirectory } from '../api-reference';
import { buildAduanSchema } from '../graphql/schema';

async function main() {
  const files = buildApiReference(await buildAduanSchema(), sdkExamples(readSdkSources(repositoryRoot())));
  const directory = siteDirectory();
  // Afresh: a page of a field that is gone must not stay behind.
  rmSync(directory, { recursive: true, force: true });
  for (const [file, content] of files) {
    mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
    writeFileSync(path.join(directory, file), content);
  }
  console.log(`Wrote ${files.size} files to ${path.relative(process.cwd(), directory) || '.'}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
