/** Which widget files get a year-long cache, and the admin index rewrite CloudFront runs at the edge. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ADMIN_INDEX_FUNCTION } from './edge-policies.js';
import { invalidationPaths, isFingerprinted, splitWidgetFiles } from './widget-files.js';

describe('widget files', () => {
  it('caches only hashed chunks for a year; embed.js, locales and the admin page stay revalidated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'afterword-wf-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    for (const f of [
      'embed.js',
      'locales/de.js',
      'admin/index.html',
      'admin/assets/index-BbZixm04.css',
      'chunks/thread.Ab12Cd34xy.js',
    ]) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), 'x');
    }
    expect(splitWidgetFiles(dir)).toEqual({
      fingerprinted: ['admin/assets/index-BbZixm04.css', 'chunks/thread.Ab12Cd34xy.js'],
      entries: ['admin/index.html', 'embed.js', 'locales/de.js'],
    });
    expect(invalidationPaths(splitWidgetFiles(dir).entries)).toEqual(['/admin*', '/embed.js', '/locales*']);
    expect(isFingerprinted('embed-12345678.js')).toBe(true);
    expect(isFingerprinted('embed.js')).toBe(false);
    expect(isFingerprinted('short-1234.js')).toBe(false);
  });
});

describe('admin index function', () => {
  type Req = { uri: string };
  const handler = new Function(`${ADMIN_INDEX_FUNCTION}; return handler;`)() as (e: {
    request: Req;
  }) => unknown;

  it('redirects /admin to /admin/ and serves index.html for directory URLs', () => {
    expect(handler({ request: { uri: '/admin' } })).toMatchObject({
      statusCode: 301,
      headers: { location: { value: '/admin/' } },
    });
    expect(handler({ request: { uri: '/admin/' } })).toEqual({ uri: '/admin/index.html' });
    expect(handler({ request: { uri: '/admin/assets/index-CvbROQDI.js' } })).toEqual({
      uri: '/admin/assets/index-CvbROQDI.js',
    });
  });
});
