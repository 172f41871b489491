import { randomBytes } from 'node:crypto';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { UUID } from '../common/uuid';
import { ORPHAN_GRACE_MS, RECEIVE_TIMEOUT_MS } from './evidence.rules';
import { lockObject } from './receive-upload';
import { EvidenceStorage } from './storage/evidence-storage';

export interface EvidenceCleanupResult {
  /** Upload URLs never used in time, and uploads abandoned while receiving. */
  expiredUploads: number;
  /** Files of ended uploads (or of a crashed process) removed from local staging. */
  stagingFilesRemoved: number;
  /** Stored objects no evidence refers to, removed with their rows. */
  orphanObjectsRemoved: number;
}

/** Objects removed per run, at most: each is one short transaction. */
const BATCH = 500;

/**
 * The cleanup job (every 10 minutes, jobs/job-queue.ts): a failed or
 * abandoned upload leaves nothing behind (docs/adr/0010-evidence.md).
 * - Upload sessions: PENDING past their URL's expiry, or RECEIVING for longer
 *   than RECEIVE_TIMEOUT_MS (a stalled client, a crashed process), become EXPIRED.
 * - Staging: a file whose upload is no longer receiving is removed; a stray
 *   temporary file once it is older than RECEIVE_TIMEOUT_MS by the file
 *   system's clock, which stamped it.
 * - Objects claimed more than ORPHAN_GRACE_MS ago that no evidence (nor a
 *   deliberation's minutes, docs/adr/0038) refers to
 *   (an upload refused after storing, a crash between storing and attaching)
 *   are removed, row and bytes, under the same lock an upload claims with.
 * Staging is local to the process that received the upload; this sweeps the
 * staging folder of the process the job runs in (all of them when they share
 * DATA_DIR).
 */
export async function cleanupEvidence(dataSource: DataSource, storage: EvidenceStorage, now: Date): Promise<EvidenceCleanupResult> {
  const [expired]: [{ id: string }[], number] = await dataSource.query(
    `UPDATE evidence_uploads SET status = 'EXPIRED', finished_at = $1
      WHERE (status = 'PENDING' AND expires_at <= $1) OR (status = 'RECEIVING' AND started_at < $2)
      RETURNING id`,
    [now, new Date(now.getTime() - RECEIVE_TIMEOUT_MS)],
  );
  return {
    expiredUploads: expired.length,
    stagingFilesRemoved: await sweepStaging(dataSource, storage.stagingDir),
    orphanObjectsRemoved: await removeUnreferencedObjects(dataSource, storage, now),
  };
}

async function sweepStaging(dataSource: DataSource, stagingDir: string): Promise<number> {
  const names = await readdir(stagingDir).catch(() => [] as string[]);
  const uploadOf = (name: string) => {
    const id = name.replace(/\.part$/, '');
    return name.endsWith('.part') && UUID.test(id) ? id : null;
  };
  const ids = names.map(uploadOf).filter((id): id is string => id !== null);
  const receiving = new Set<string>(ids.length === 0 ? [] : (await dataSource.query(
    `SELECT id FROM evidence_uploads WHERE id = ANY($1::uuid[]) AND status = 'RECEIVING'`, [ids],
  ) as { id: string }[]).map((r) => r.id));
  // Any other file (a put's temporary file, left by a crash) is aged on the clock that stamped it: the file system's.
  const fileSystemTime = ids.length < names.length ? await fileSystemNow(stagingDir) : 0;
  let removed = 0;
  for (const name of names) {
    const file = path.join(stagingDir, name);
    const id = uploadOf(name);
    const stale = id ? !receiving.has(id) : ((await stat(file).catch(() => null))?.mtimeMs ?? Infinity) < fileSystemTime - RECEIVE_TIMEOUT_MS;
    if (!stale) continue;
    await rm(file, { force: true });
    removed += 1;
  }
  return removed;
}

/**
 * What the file system stamps a file with now (a file written, read back and removed): a file's age is measured on
 * it, not on the process's clock — an injected `now` (tests move it), or one libfaketime shifts, is not the one the
 * kernel stamps files with, and a file being written this second would look hours old.
 */
async function fileSystemNow(dir: string): Promise<number> {
  const probe = path.join(dir, `.clock-${randomBytes(6).toString('hex')}`);
  await writeFile(probe, '', { mode: 0o600 });
  try {
    return (await stat(probe)).mtimeMs;
  } finally {
    await rm(probe, { force: true });
  }
}

async function removeUnreferencedObjects(dataSource: DataSource, storage: EvidenceStorage, now: Date): Promise<number> {
  const claimedBefore = new Date(now.getTime() - ORPHAN_GRACE_MS);
  const candidates: { sha256: string }[] = await dataSource.query(
    `SELECT o.sha256 FROM evidence_objects o
      WHERE o.claimed_at < $1 AND NOT EXISTS (SELECT 1 FROM evidence v WHERE v.object_sha256 = o.sha256)
        AND NOT EXISTS (SELECT 1 FROM deliberation_minutes n WHERE n.object_sha256 = o.sha256)
      ORDER BY o.claimed_at LIMIT ${BATCH}`,
    [claimedBefore],
  );
  let removed = 0;
  for (const { sha256 } of candidates) {
    // The row goes with the bytes, in one transaction under the object's lock: a storage failure keeps the row for the next run,
    // and an upload claiming the same bytes meanwhile waits, then writes them anew.
    await dataSource.transaction(async (manager) => {
      await lockObject(manager, sha256);
      const [gone]: [{ sha256: string }[], number] = await manager.query(
        `DELETE FROM evidence_objects o WHERE o.sha256 = $1 AND o.claimed_at < $2
            AND NOT EXISTS (SELECT 1 FROM evidence v WHERE v.object_sha256 = o.sha256)
            AND NOT EXISTS (SELECT 1 FROM deliberation_minutes n WHERE n.object_sha256 = o.sha256)
         RETURNING o.sha256`,
        [sha256, claimedBefore],
      );
      if (gone.length === 0) return;
      await storage.delete(sha256);
      removed += 1;
    });
  }
  return removed;
}

/**
 * The daily sweep of the whole store (jobs/job-queue.ts): objects the
 * database has no row for at all — left by a hand-made copy, a restored
 * backup, or a crash inside the store — are removed once this sweep has seen
 * them for ORPHAN_GRACE_MS (evidence_store_strays keeps when it first did):
 * in practice at the next day's sweep. Timed by `now`, the server's clock,
 * never by the object's own time stamp: that one is the store's clock (a
 * file's mtime, S3's LastModified), another host's or the kernel's, and a
 * restore may carry an old one over. Every upload claims its row before
 * writing its bytes, so such an object is never one an upload is about to
 * attach. Lists every object: a daily job, not the ten-minute one.
 */
export async function sweepEvidenceStore(dataSource: DataSource, storage: EvidenceStorage, now: Date): Promise<number> {
  const firstSeenBefore = new Date(now.getTime() - ORPHAN_GRACE_MS);
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    // Note this sighting of each stray (its first one stays), and answer which were first seen long enough ago.
    const strays: { sha256: string; due: boolean }[] = await dataSource.query(
      `INSERT INTO evidence_store_strays AS s (sha256, first_seen_at, last_seen_at)
       SELECT k, $2, $2 FROM unnest($1::text[]) AS k WHERE NOT EXISTS (SELECT 1 FROM evidence_objects o WHERE o.sha256 = k)
       ON CONFLICT (sha256) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
       RETURNING s.sha256, s.first_seen_at < $3 AS due`,
      [batch, now, firstSeenBefore],
    );
    for (const { sha256: key } of strays.filter((s) => s.due)) {
      await dataSource.transaction(async (manager) => {
        await lockObject(manager, key);
        const [row] = await manager.query('SELECT 1 FROM evidence_objects WHERE sha256 = $1', [key]);
        if (!row) {
          await storage.delete(key);
          removed += 1;
        }
        await manager.query('DELETE FROM evidence_store_strays WHERE sha256 = $1', [key]);
      });
    }
    batch = [];
  };
  for await (const object of storage.list()) {
    batch.push(object.key);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  // Strays this sweep did not see are gone, or an upload claimed them since: their grace starts anew if they come back.
  await dataSource.query('DELETE FROM evidence_store_strays WHERE last_seen_at < $1', [now]);
  return removed;
}
