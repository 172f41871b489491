import type { Readable } from 'node:stream';

/**
 * An object the store holds, as its listing reports it. Without its time stamp on purpose: that is the store's
 * clock (a file's mtime, S3's LastModified), not the server's, so the cleanup never compares it with `now`.
 */
export interface StoredObject {
  /** The object's address: the SHA-256 (lower-case hex) of its bytes. */
  key: string;
  size: number;
}

/** The bytes to store: in memory (a re-encoded image) or a file on local disk (a received PDF or video). */
export type ObjectSource = { bytes: Uint8Array } | { path: string; size: number };

/**
 * Where evidence bytes live (docs/adr/0010-evidence.md). Content-addressed:
 * a key is the SHA-256 of the object's bytes, so writing a key twice writes the
 * same bytes, and a put may always overwrite. Two drivers: the local
 * filesystem under DATA_DIR (the default) and S3-compatible object storage.
 */
export interface EvidenceStorage {
  readonly driver: 'local' | 's3';
  /**
   * Where this process receives uploads before they are checked: local disk,
   * whatever the driver (bytes are hashed, sniffed and re-encoded before they
   * may be stored). Swept by the cleanup job.
   */
  readonly stagingDir: string;
  /** Creates what the driver needs, and proves the store is reachable (a bad bucket stops the server at start). */
  check(): Promise<void>;
  put(key: string, source: ObjectSource, contentType: string): Promise<void>;
  /** The object's bytes as a stream; ObjectMissingError when there is none. */
  get(key: string): Promise<{ body: Readable; size: number }>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Every object held, in any order. */
  list(): AsyncIterable<StoredObject>;
  /** Lets go of connections (at shutdown). */
  close(): Promise<void>;
}

export class ObjectMissingError extends Error {
  constructor(key: string) {
    super(`evidence object ${key.slice(0, 12)}… is missing from the store`);
    this.name = 'ObjectMissingError';
  }
}

export const OBJECT_KEY = /^[0-9a-f]{64}$/;
