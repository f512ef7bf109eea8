/** Acceptance 3: the Lambdas (API, notifier, publisher) deploy exactly api/dist, the bundle api/src/entries.test.ts exercises. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DIST } from './paths.js';
import { cleanupSynths, SYNTH_TIMEOUT_MS, synthForTest } from './testing.js';

afterAll(cleanupSynths);

let template: Template;
let outdir: string;

beforeAll(() => {
  ({ template, outdir } = synthForTest());
}, SYNTH_TIMEOUT_MS);

/** The asset hash (S3 key without .zip) of the function with this handler. */
function assetOf(handler: string): string {
  const fns = Object.values(
    template.findResources('AWS::Lambda::Function', { Properties: { Handler: handler } }),
  );
  expect(fns).toHaveLength(1);
  const key = fns[0]!.Properties.Code.S3Key as string;
  expect(key).toMatch(/^[0-9a-f]{64}\.zip$/);
  return key.replace(/\.zip$/, '');
}

describe('Lambda code asset', () => {
  it('is one asset for the API, the notifier and the publisher, staged from api/dist without bundling', () => {
    const hash = assetOf('lambda.handler');
    expect(assetOf('notify.handler')).toBe(hash);
    expect(assetOf('publisher.handler')).toBe(hash);
    expect(assetOf('refresher.handler')).toBe(hash);
    const manifest = JSON.parse(readFileSync(join(outdir, 'AfterwordTest.assets.json'), 'utf8'));
    expect(manifest.files[hash].source).toEqual({ path: `asset.${hash}`, packaging: 'zip' });
  });

  it('holds the very bytes of the bundle the Lambda entry tests import (entries and chunks, not the metafile)', () => {
    const staged = join(outdir, `asset.${assetOf('lambda.handler')}`);
    // The entry tests load it through api/src/testing/bundle.ts: resolve(api/src/testing, '../../dist').
    const testedBundle = resolve(API_DIST, '../src/testing', '../../dist/lambda.mjs');
    const files = (dir: string) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => relative(dir, join(e.parentPath, e.name)))
        .sort();
    const built = files(API_DIST).filter((f) => f !== 'meta.json');
    expect(built.some((f) => f.startsWith('chunks/'))).toBe(true);
    expect(files(staged)).toEqual(built);
    expect(readFileSync(join(staged, 'lambda.mjs')).equals(readFileSync(testedBundle))).toBe(true);
    for (const file of built) {
      expect(readFileSync(join(staged, file)).equals(readFileSync(join(API_DIST, file))), file).toBe(true);
    }
  });

  it('holds, for every function of the asset, the file its handler names, exporting that handler', () => {
    const hash = assetOf('lambda.handler');
    const handlers = Object.values(template.findResources('AWS::Lambda::Function'))
      .filter((f) => f.Properties.Code.S3Key === `${hash}.zip`)
      .map((f) => f.Properties.Handler as string);
    expect(handlers.sort()).toEqual([
      'lambda.handler',
      'notify.handler',
      'publisher.handler',
      'refresher.handler',
    ]);
    for (const h of handlers) {
      const [file, name] = h.split('.') as [string, string];
      const src = readFileSync(join(API_DIST, `${file}.mjs`), 'utf8');
      expect(src, h).toMatch(new RegExp(`export\\s*\\{[^}]*\\b${name}\\b`));
    }
  });
});
