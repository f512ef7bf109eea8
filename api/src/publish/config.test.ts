/** The thread files' settings: a bucket from the env, else a folder under the data dir the caller gave. */
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../config.js';

const secret = 'config-test-secret-0123456789';

it('keeps the files under the given data dir unless AFTERWORD_FILES_DIR names one', () => {
  const given = loadConfig({ AFTERWORD_SECRET: secret }, { dataDir: '/tmp/stack-a' });
  expect(given.filesDir).toBe(join('/tmp/stack-a', 'files-out'));
  expect(given.filesBucket).toBeUndefined();
  const env = loadConfig({ AFTERWORD_SECRET: secret, AFTERWORD_DATA_DIR: 'd', AFTERWORD_FILES_DIR: 'out' });
  expect(env.filesDir).toBe(resolve('out'));
  expect(loadConfig({ AFTERWORD_SECRET: secret, AFTERWORD_DATA_DIR: 'd' }).filesDir).toBe(
    resolve('d', 'files-out'),
  );
});

it('reads the bucket and its endpoint', () => {
  const c = loadConfig({
    AFTERWORD_SECRET: secret,
    AFTERWORD_FILES_BUCKET: 'files-bucket',
    AFTERWORD_FILES_ENDPOINT: 'http://127.0.0.1:4569',
  });
  expect([c.filesBucket, c.filesEndpoint]).toEqual(['files-bucket', 'http://127.0.0.1:4569']);
});
