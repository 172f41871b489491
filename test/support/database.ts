import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDataSource, DataSourceOptions } from '../../server/src/database/data-source';
import { createDatabase, dropDatabase } from '../../server/src/database/database-url';

export interface TestDatabase {
  /** The copy's URL (with the superuser's credentials). */
  url: string;
  name: string;
  dataSource: DataSource;
}

/**
 * A database of this test file's own, copied from a template at beforeAll and
 * dropped at afterAll: 'demo' holds the migrated schema and the demo data,
 * 'setup' what `npm run setup` makes of an empty database (regions,
 * programmes, channels, SLA policies; no organisation, no client), 'empty'
 * the migrated schema only, 'none' nothing at all.
 */
export function useTestDatabase(template: 'demo' | 'setup' | 'empty' | 'none' = 'demo', options: DataSourceOptions = {}): TestDatabase {
  const handle = {} as TestDatabase;
  beforeAll(async () => {
    const adminUrl = inject('adminUrl');
    handle.name = `aduan_test_${inject('runId')}_${randomBytes(4).toString('hex')}`;
    const templateName = template === 'demo' ? inject('demoTemplate') : template === 'setup' ? inject('setupTemplate')
      : template === 'empty' ? inject('emptyTemplate') : undefined;
    handle.url = await createDatabase(adminUrl, handle.name, templateName);
    handle.dataSource = createDataSource(handle.url, options);
    await handle.dataSource.initialize();
  });
  afterAll(async () => {
    if (handle.dataSource?.isInitialized) await handle.dataSource.destroy();
    if (handle.name) await dropDatabase(inject('adminUrl'), handle.name);
  });
  return handle;
}

/** A fresh, empty database name on the test server (for tests that manage their own). */
export async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminUrl');
  const name = `aduan_scratch_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const url = await createDatabase(adminUrl, name);
  return { url, drop: () => dropDatabase(adminUrl, name) };
}
