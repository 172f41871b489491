import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations';
import { createDataSource } from '../../server/src/database/data-source';
import { ENTITIES } from '../../server/src/database/entities';
import { migrate, pendingMigrations } from '../../server/src/database/migrate';
import { pendingSchemaChanges } from '../../server/src/database/schema-drift';
import { scratchDatabase } from '../support/database';

/** A table no migration creates: the drift check must notice it. */
@Entity('drift_probe')
class DriftProbeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) note: string;
}

async function userTables(dataSource: ReturnType<typeof createDataSource>): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let dataSource: ReturnType<typeof createDataSource>;

  beforeAll(async () => {
    scratch = await scratchDatabase();
    dataSource = createDataSource(scratch.url);
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  it('registers every migration file in migrations/index.ts', () => {
    const files = readdirSync(path.join(__dirname, '../../migrations')).filter((f) => /^\d+-\w+\.ts$/.test(f));
    const registered = MIGRATIONS.map((m) => m.name);
    for (const file of files) {
      const [timestamp, name] = file.replace(/\.ts$/, '').split('-');
      expect(registered, `${file} is not listed in migrations/index.ts`).toContain(`${name}${timestamp}`);
    }
    expect(registered.length).toBe(files.length);
  });

  it('apply, then leave nothing for the entities to add (no drift)', async () => {
    const applied = await migrate(dataSource);
    expect(applied.length).toBe(MIGRATIONS.length);
    expect(await pendingMigrations(dataSource)).toEqual([]);
    const { up } = await pendingSchemaChanges(dataSource);
    expect(up.map((s) => s.query)).toEqual([]);
    expect(await userTables(dataSource)).toEqual(expect.arrayContaining(['complaints', 'complaint_events', 'recipients', 'regions', 'idempotency_records']));
  });

  it('revert completely with their `down`, then re-apply cleanly', async () => {
    for (let i = 0; i < MIGRATIONS.length; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    // Only TypeORM's own bookkeeping tables remain.
    expect((await userTables(dataSource)).filter((t) => t !== 'migrations' && t !== 'typeorm_metadata')).toEqual([]);
    const types: { typname: string }[] = await dataSource.query(`SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`);
    expect(types).toEqual([]);
    await migrate(dataSource);
    expect((await pendingSchemaChanges(dataSource)).up).toEqual([]);
  });

  it('drift check notices an entity that no migration creates', async () => {
    const withProbe = createDataSource(scratch.url);
    withProbe.setOptions({ entities: [...ENTITIES, DriftProbeEntity] });
    await withProbe.initialize();
    try {
      const { up } = await pendingSchemaChanges(withProbe);
      expect(up.some((s) => s.query.includes('CREATE TABLE "drift_probe"'))).toBe(true);
    } finally {
      await withProbe.destroy();
    }
  });

  it('drift check notices a column the database lacks', async () => {
    await dataSource.query('ALTER TABLE programs DROP COLUMN active');
    const { up } = await pendingSchemaChanges(dataSource);
    expect(up.some((s) => s.query.includes('"active"'))).toBe(true);
    await expect(migrate(dataSource)).rejects.toThrow(/a migration is missing/);
    await dataSource.query('ALTER TABLE programs ADD COLUMN active boolean NOT NULL DEFAULT true');
    expect((await pendingSchemaChanges(dataSource)).up).toEqual([]);
  });

  it('refuses a database that has a migration this build does not know', async () => {
    await dataSource.query(`INSERT INTO migrations (timestamp, name) VALUES (9999999999999, 'FromTheFuture9999999999999')`);
    await expect(migrate(dataSource)).rejects.toThrow(/FromTheFuture9999999999999.*this build does not have/);
    await dataSource.query(`DELETE FROM migrations WHERE name = 'FromTheFuture9999999999999'`);
  });
});
