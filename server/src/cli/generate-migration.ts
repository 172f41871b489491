/**
 * npm run migration:generate -- <Name>
 *
 * Applies the existing migrations to a scratch database, compares the result
 * with the entities, and writes what differs as a new migration (with its
 * `down`) into migrations/, registered in migrations/index.ts. Review it before
 * committing: add what TypeORM cannot express (triggers, NULLS NOT DISTINCT).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../database/data-source';
import { createDatabase, dropDatabase } from '../database/database-url';
import { EmbeddedPostgres } from '../database/embedded-postgres';
import { pendingSchemaChanges, SchemaStatement } from '../database/schema-drift';

async function main() {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('usage: npm run migration:generate -- <PascalCaseName>');
    process.exit(2);
  }
  let embedded: EmbeddedPostgres | undefined;
  let scratchDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    scratchDir = mkdtempSync(path.join(os.tmpdir(), 'aduan-migration-'));
    chmodSync(scratchDir, 0o755); // reachable by the `postgres` user when run as root
    embedded = new EmbeddedPostgres({ dataDir: path.join(scratchDir, 'postgres'), fast: true });
    await embedded.start();
    adminUrl = embedded.url();
  }
  const dbName = `aduan_migration_${randomBytes(4).toString('hex')}`;
  try {
    const url = await createDatabase(adminUrl, dbName);
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const { up, down } = await pendingSchemaChanges(dataSource);
    await dataSource.destroy();
    if (up.length === 0) {
      console.log('No changes: the entities and the migrations agree.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const file = path.join(__dirname, '../../../../migrations', `${timestamp}-${name}.ts`);
    // TypeORM's bookkeeping rows (typeorm_metadata) name the database they were
    // generated in; the migration must name whichever database it runs in.
    const usesDatabaseName = (statements: SchemaStatement[]) => statements.some((s) => s.parameters?.includes(dbName));
    const indent = (statements: SchemaStatement[]) => {
      const lines = statements.map((s) => {
        const params = s.parameters ? `, ${JSON.stringify(s.parameters).split(JSON.stringify(dbName)).join('database')}` : '';
        return `    await queryRunner.query(${JSON.stringify(s.query)}${params});`;
      });
      if (usesDatabaseName(statements)) {
        lines.unshift(`    const [{ database }] = await queryRunner.query('SELECT current_database() AS database');`);
      }
      return lines.join('\n');
    };
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
      `export class ${className} implements MigrationInterface {\n` +
      `  name = '${className}';\n\n` +
      `  public async up(queryRunner: QueryRunner): Promise<void> {\n${indent(up)}\n  }\n\n` +
      `  public async down(queryRunner: QueryRunner): Promise<void> {\n${indent([...down].reverse())}\n  }\n}\n`,
    );
    const indexFile = path.join(path.dirname(file), 'index.ts');
    const index = readFileSync(indexFile, 'utf8')
      .replace(/^(\/\*\*[\s\S]*?\*\/\n)/, `$1import { ${className} } from './${timestamp}-${name}';\n`)
      .replace(/\n\];\s*$/, `\n  ${className},\n];\n`);
    writeFileSync(indexFile, index);
    console.log(`Wrote ${path.relative(process.cwd(), file)} (${up.length} statements). Review it, then commit.`);
  } finally {
    await dropDatabase(adminUrl, dbName).catch(() => undefined);
    await embedded?.stop();
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
