/**
 * The file store on S3: PutObject only after a HeadObject shows the stored version is not newer and
 * the stored content is not the same (version and content digest kept in the object's metadata; the
 * ETag cannot serve, as the body's `publishedAt` differs on every publish). The put is conditional on what the head saw (`If-Match` its
 * ETag, or `If-None-Match: *` when there was none), so on S3 a write that raced another is retried,
 * never lost over the newer one; within a process writes of one key also run one at a time.
 */
import {
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { FILE_CACHE_CONTROL } from '../contract/files.js';
import { contentDigest, decide, type FileStore, type FileWrite, keyedLock } from './file-store.js';

/** Attempts of one write whose condition failed (another writer got in between). */
const ATTEMPTS = 5;

const status = (err: unknown) =>
  err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;

export interface S3FileStoreOptions {
  bucket: string;
  /** An S3-compatible endpoint (tests); path-style addressing then. */
  endpoint?: string;
  region?: string;
  client?: S3Client;
  credentials?: S3ClientConfig['credentials'];
}

export function createS3FileStore(o: S3FileStoreOptions): FileStore & { close(): void } {
  const client =
    o.client ??
    new S3Client({
      region: o.region ?? 'us-east-1',
      ...(o.endpoint ? { endpoint: o.endpoint, forcePathStyle: true } : {}),
      ...(o.credentials ? { credentials: o.credentials } : {}),
    });
  const locked = keyedLock();

  /** The stored version, digest and ETag; a missing object (404, or 403 without list rights) is none. */
  async function head(key: string): Promise<{ version?: number; digest?: string; etag?: string }> {
    try {
      const res = await client.send(new HeadObjectCommand({ Bucket: o.bucket, Key: key }));
      const v = Number(res.Metadata?.version);
      const digest = res.Metadata?.digest;
      return {
        ...(Number.isFinite(v) ? { version: v } : {}),
        ...(digest ? { digest } : {}),
        ...(res.ETag ? { etag: res.ETag } : {}),
      };
    } catch (err) {
      if (status(err) === 404 || status(err) === 403) return {};
      throw err;
    }
  }

  return {
    describe: `s3://${o.bucket}`,
    async version(key) {
      return (await head(key)).version;
    },
    put(w: FileWrite) {
      return locked(w.key, async () => {
        for (let attempt = 1; ; attempt++) {
          const stored = await head(w.key);
          const outcome = decide(stored, w);
          if (outcome !== 'written') return outcome;
          try {
            await client.send(
              new PutObjectCommand({
                Bucket: o.bucket,
                Key: w.key,
                Body: w.body,
                ContentType: w.contentType,
                CacheControl: FILE_CACHE_CONTROL,
                Metadata: { version: String(w.version), digest: contentDigest(w) },
                ...(stored.etag ? { IfMatch: stored.etag } : { IfNoneMatch: '*' }),
              }),
            );
            return 'written';
          } catch (err) {
            // 412: the object changed since the head; 409: a concurrent conditional write. Look again.
            if ((status(err) === 412 || status(err) === 409) && attempt < ATTEMPTS) continue;
            throw err;
          }
        }
      });
    },
    close: () => client.destroy(),
  };
}
