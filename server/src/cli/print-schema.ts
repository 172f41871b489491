/**
 * npm run schema:print — writes schema/schema.graphql from the code.
 * The file is committed; test/foundation/schema-file.spec.ts fails when it is stale.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildAduanSchema, printAduanSchema } from '../graphql/schema';

async function main() {
  const file = path.join(__dirname, '../../../../schema/schema.graphql');
  writeFileSync(file, printAduanSchema(await buildAduanSchema()));
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
