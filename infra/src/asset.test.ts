/** Acceptance 3: both Lambdas deploy exactly api/dist, the bundle api/src/entries.test.ts exercises. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  it('is one asset for both functions, staged from api/dist without bundling', () => {
    const hash = assetOf('lambda.handler');
    expect(assetOf('notify.handler')).toBe(hash);
    const manifest = JSON.parse(readFileSync(join(outdir, 'AfterwordTest.assets.json'), 'utf8'));
    expect(manifest.files[hash].source).toEqual({ path: `asset.${hash}`, packaging: 'zip' });
  });

  it('holds the very bytes of the bundle the Lambda entry tests import', () => {
    const staged = join(outdir, `asset.${assetOf('lambda.handler')}`);
    // The entry tests load it through api/src/testing/bundle.ts: resolve(api/src/testing, '../../dist').
    const testedBundle = resolve(API_DIST, '../src/testing', '../../dist/lambda.mjs');
    expect(readdirSync(staged).sort()).toEqual(readdirSync(API_DIST).sort());
    expect(readFileSync(join(staged, 'lambda.mjs')).equals(readFileSync(testedBundle))).toBe(true);
    for (const file of readdirSync(API_DIST)) {
      expect(readFileSync(join(staged, file)).equals(readFileSync(join(API_DIST, file))), file).toBe(true);
    }
  });

  it('exports the handler the function is configured with', async () => {
    const src = readFileSync(join(API_DIST, 'lambda.mjs'), 'utf8');
    expect(src).toMatch(/export\s*\{[^}]*\bhandler\b/);
  });
});
