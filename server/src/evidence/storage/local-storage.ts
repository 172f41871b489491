import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EvidenceStorage, OBJECT_KEY, ObjectMissingError, ObjectSource, StoredObject } from './evidence-storage';

/**
 * Evidence on the local filesystem: `<root>/objects/ab/abcd…` (a folder per
 * first byte keeps folders small) and `<root>/staging`. Writes go to a
 * temporary file in staging, then are renamed into place (same filesystem:
 * atomic), so an object is never seen half-written. Folders are 0700: the
 * files are personal data.
 */
export class LocalEvidenceStorage implements EvidenceStorage {
  readonly driver = 'local' as const;
  readonly stagingDir: string;
  private readonly objectsDir: string;

  constructor(readonly root: string) {
    this.stagingDir = path.join(root, 'staging');
    this.objectsDir = path.join(root, 'objects');
  }

  async check(): Promise<void> {
    await mkdir(this.stagingDir, { recursive: true, mode: 0o700 });
    await mkdir(this.objectsDir, { recursive: true, mode: 0o700 });
  }

  async put(key: string, source: ObjectSource): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const temporary = path.join(this.stagingDir, `put-${randomBytes(8).toString('hex')}`);
    try {
      if ('bytes' in source) await writeFile(temporary, source.bytes, { mode: 0o600 });
      else await copyFile(source.path, temporary);
      await rename(temporary, target);
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async get(key: string): Promise<{ body: ReturnType<typeof createReadStream>; size: number }> {
    const file = this.pathOf(key);
    const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new ObjectMissingError(key);
      throw error;
    });
    return { body: createReadStream(file), size: info.size };
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<StoredObject> {
    const folders = await readdir(this.objectsDir).catch(() => [] as string[]);
    for (const folder of folders) {
      const names = await readdir(path.join(this.objectsDir, folder)).catch(() => [] as string[]);
      for (const name of names) {
        if (!OBJECT_KEY.test(name)) continue;
        const info = await stat(path.join(this.objectsDir, folder, name)).catch(() => null);
        if (info) yield { key: name, size: info.size };
      }
    }
  }

  async close(): Promise<void> {
    // Nothing held open.
  }

  private pathOf(key: string): string {
    if (!OBJECT_KEY.test(key)) throw new Error('not an evidence object key');
    return path.join(this.objectsDir, key.slice(0, 2), key);
  }
}
