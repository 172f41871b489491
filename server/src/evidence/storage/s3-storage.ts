import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';
import { mkdir } from 'node:fs/promises';
import { EvidenceStorage, OBJECT_KEY, ObjectMissingError, ObjectSource, StoredObject } from './evidence-storage';

export interface S3StorageOptions {
  bucket: string;
  /** An S3-compatible endpoint (MinIO, Ceph, a provider's); unset means AWS itself. */
  endpoint?: string;
  region: string;
  /** Without them the AWS SDK's own chain is used (AWS_* variables, instance or task roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Local folder for receiving uploads before they are checked (DATA_DIR/evidence/staging). */
  stagingDir: string;
}

/** Objects live under this prefix, so the bucket may hold other things. */
const PREFIX = 'evidence/sha256/';

/**
 * Evidence in S3-compatible object storage, through the AWS SDK. Each put
 * carries the SHA-256 of its bytes (`x-amz-checksum-sha256`): a store that
 * checks it refuses a corrupted transfer. Checksums are otherwise only sent
 * when an operation requires them, which S3-compatible servers that predate
 * the SDK's default CRC32 trailers (MinIO before 2023, Ceph, s3rver) accept.
 */
export class S3EvidenceStorage implements EvidenceStorage {
  readonly driver = 's3' as const;
  readonly stagingDir: string;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.stagingDir = options.stagingDir;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      // Self-hosted S3-compatible stores are addressed by path (http://host/bucket/key), not by DNS name.
      forcePathStyle: options.endpoint !== undefined,
      credentials: options.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async check(): Promise<void> {
    await mkdir(this.stagingDir, { recursive: true, mode: 0o700 });
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  async put(key: string, source: ObjectSource, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({
      Bucket: this.bucket,
      Key: objectKey(key),
      Body: 'bytes' in source ? source.bytes : createReadStream(source.path),
      ContentLength: 'bytes' in source ? source.bytes.byteLength : source.size,
      ContentType: contentType,
      ChecksumSHA256: Buffer.from(key, 'hex').toString('base64'),
    }));
  }

  async get(key: string): Promise<{ body: Readable; size: number }> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey(key) }));
      return { body: answer.Body as Readable, size: answer.ContentLength ?? 0 };
    } catch (error) {
      if (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)) throw new ObjectMissingError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey(key) }));
  }

  async *list(): AsyncIterable<StoredObject> {
    let continuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: PREFIX, ContinuationToken: continuationToken }));
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(PREFIX.length) ?? '';
        if (OBJECT_KEY.test(key)) yield { key, size: object.Size ?? 0 };
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

function objectKey(key: string): string {
  if (!OBJECT_KEY.test(key)) throw new Error('not an evidence object key');
  return `${PREFIX}${key}`;
}
