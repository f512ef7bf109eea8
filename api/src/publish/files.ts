/** The file store the configuration names: S3 when a bucket is set, else the local folder. */
import type { Config } from '../config.js';
import { createDirFileStore } from './dir-store.js';
import type { FileStore } from './file-store.js';
import { createS3FileStore } from './s3-store.js';

export function createFileStore(
  config: Pick<Config, 'filesBucket' | 'filesEndpoint' | 'filesDir' | 'region'>,
): FileStore {
  if (!config.filesBucket) return createDirFileStore(config.filesDir);
  return createS3FileStore({
    bucket: config.filesBucket,
    region: config.region,
    ...(config.filesEndpoint ? { endpoint: config.filesEndpoint } : {}),
  });
}
