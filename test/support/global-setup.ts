import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDataSource } from '../../server/src/database/data-source';
import { createDatabase, dropDatabase } from '../../server/src/database/database-url';
import { EmbeddedPostgres } from '../../server/src/database/embedded-postgres';
import { migrate } from '../../server/src/database/migrate';
import { seedDemo } from '../../server/src/demo/seed-demo';
import { runSetup } from '../../server/src/setup/setup';

/**
 * One PostgreSQL server for the whole run: the one at TEST_DATABASE_URL, or an
 * embedded one in a temporary folder. On it, three template databases built
 * once: migrated; set up as `npm run setup` does (the whole country's regions,
 * programmes, channels, SLA policies; no organisation); and that plus the demo
 * data. Each test file copies one (CREATE DATABASE … TEMPLATE) and drops its
 * copy at the end, so files run in parallel and nothing is left behind.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    emptyTemplate: string;
    setupTemplate: string;
    demoTemplate: string;
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = randomBytes(4).toString('hex');
  let embedded: EmbeddedPostgres | undefined;
  let scratch: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'aduan-test-'));
    chmodSync(scratch, 0o755); // reachable by the `postgres` user when run as root
    embedded = new EmbeddedPostgres({ dataDir: path.join(scratch, 'postgres'), fast: true });
    await embedded.start();
    adminUrl = embedded.url();
  }
  const emptyTemplate = `aduan_tpl_empty_${runId}`;
  const setupTemplate = `aduan_tpl_setup_${runId}`;
  const demoTemplate = `aduan_tpl_demo_${runId}`;
  const build = async (name: string, from: string | undefined, work: (dataSource: ReturnType<typeof createDataSource>) => Promise<unknown>) => {
    const dataSource = createDataSource(await createDatabase(adminUrl!, name, from), { statementTimeoutMs: 120_000 });
    await dataSource.initialize();
    try {
      await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  };
  try {
    const startedAt = Date.now();
    await build(emptyTemplate, undefined, migrate);
    // The demo starts from the set-up database, as it would after `npm run setup` (its region load then changes nothing).
    await build(setupTemplate, undefined, (dataSource) => runSetup(dataSource));
    await build(demoTemplate, setupTemplate, (dataSource) => seedDemo(dataSource));
    if (process.env.ADUAN_TEST_TIMINGS) console.info(`test templates built in ${Date.now() - startedAt} ms`);
  } catch (error) {
    // Leave no server or folder behind when the setup itself fails.
    await embedded?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
  project.provide('adminUrl', adminUrl);
  project.provide('emptyTemplate', emptyTemplate);
  project.provide('setupTemplate', setupTemplate);
  project.provide('demoTemplate', demoTemplate);
  project.provide('runId', runId);

  return async () => {
    await dropDatabase(adminUrl!, emptyTemplate).catch(() => undefined);
    await dropDatabase(adminUrl!, setupTemplate).catch(() => undefined);
    await dropDatabase(adminUrl!, demoTemplate).catch(() => undefined);
    await embedded?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
}

