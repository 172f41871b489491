import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EvidenceStorageConfig } from '../../config';
import { EvidenceStorage } from './evidence-storage';
import { LocalEvidenceStorage } from './local-storage';
import { S3EvidenceStorage } from './s3-storage';

/** The driver the configuration names: S3 when S3_BUCKET is set, else the filesystem under DATA_DIR. */
export function createEvidenceStorage(config: EvidenceStorageConfig): EvidenceStorage {
  if (config.driver === 'local') return new LocalEvidenceStorage(config.dir);
  return new S3EvidenceStorage({
    bucket: config.bucket,
    endpoint: config.endpoint,
    region: config.region,
    credentials: config.credentials,
    stagingDir: path.join(config.dataDir, 'evidence', 'staging'),
  });
}

/**
 * For servers made without a configured store (tests, benchmarks): the local
 * driver in a fresh temporary folder, removed when the server stops. npm start
 * always passes the configured one (main.ts).
 */
export async function temporaryEvidenceStorage(): Promise<{ storage: EvidenceStorage; dispose: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'aduan-evidence-'));
  const storage = new LocalEvidenceStorage(root);
  await storage.check();
  return { storage, dispose: () => rm(root, { recursive: true, force: true }) };
}
