import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { LocalEvidenceStorage } from '../../server/src/evidence/storage/local-storage';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';
import { evidenceSuite } from './evidence-suite';

/** Evidence end to end with the default driver: files under a DATA_DIR of this test's own. */
let root = '';
let storage: LocalEvidenceStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aduan-evidence-local-'));
  storage = new LocalEvidenceStorage(path.join(root, 'evidence'));
  await storage.check();
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

let offset = 0;
const clock = { now: () => Date.now() + offset, set: (at: number) => { offset = at - Date.now(); }, reset: () => { offset = 0; } };
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: clock.now, evidenceStorage: () => storage });

evidenceSuite({ driver: 'local', db, api, storage: () => storage, clock });
