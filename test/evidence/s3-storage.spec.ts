import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';
import { S3EvidenceStorage } from '../../server/src/evidence/storage/s3-storage';
import { useTestDatabase } from '../support/database';
import { useTestServer } from '../support/server';
import { evidenceSuite } from './evidence-suite';

/**
 * Evidence end to end with the S3 driver against a real S3-protocol server
 * (s3rver, on a free port, with its data in a temporary folder): the AWS SDK
 * signs and sends real requests; nothing is mocked.
 */
let root = '';
let s3rver: S3rver;
let storage: S3EvidenceStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'aduan-evidence-s3-'));
  s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(root, 's3'), configureBuckets: [{ name: 'aduan-evidence', configs: [] }] });
  const { port } = await s3rver.run();
  storage = new S3EvidenceStorage({
    bucket: 'aduan-evidence',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    stagingDir: path.join(root, 'staging'),
  });
  await storage.check();
});
afterAll(async () => {
  await storage?.close();
  await s3rver?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

let offset = 0;
const clock = { now: () => Date.now() + offset, set: (at: number) => { offset = at - Date.now(); }, reset: () => { offset = 0; } };
const db = useTestDatabase('demo');
const api = useTestServer(db, { now: clock.now, evidenceStorage: () => storage });

evidenceSuite({ driver: 's3', db, api, storage: () => storage, clock });
