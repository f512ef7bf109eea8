/** The file paths: every one under `files/`, the page key in base64url exactly as Node encodes it, long keys without files. */
import { expect, it } from 'vitest';
import { encodePageKey, FILE_PAGE_KEY_BYTES, FILES_PREFIX, siteFile, threadFile } from './files.js';

it('encodes page keys as base64url of their UTF-8 bytes, for every remainder length', () => {
  const samples = ['/', '/a', '/ab', '/abc/', '/posts/hello/', '/ü/ä漢/', '/emoji-😀/', '/?&=#%2F+/'];
  for (let n = 1; n < 40; n++) samples.push(`/${'xyzé'.repeat(n).slice(0, n)}/`);
  for (const page of samples) expect(encodePageKey(page)).toBe(Buffer.from(page).toString('base64url'));
});

it('gives paths under the files prefix, and none for an empty or too long key', () => {
  expect(threadFile('blog', '/posts/hello/')).toEqual({
    json: 'files/v1/blog/t/L3Bvc3RzL2hlbGxvLw.json',
    html: 'files/v1/blog/t/L3Bvc3RzL2hlbGxvLw.html',
  });
  expect(siteFile('blog')).toBe('files/v1/blog/site.json');
  expect(siteFile('blog').startsWith(FILES_PREFIX)).toBe(true);
  expect(threadFile('blog', '')).toBeUndefined();
  expect(threadFile('blog', `/${'a'.repeat(FILE_PAGE_KEY_BYTES - 1)}`)).toBeDefined();
  expect(threadFile('blog', `/${'a'.repeat(FILE_PAGE_KEY_BYTES)}`)).toBeUndefined();
  expect(threadFile('blog', `/${'é'.repeat(FILE_PAGE_KEY_BYTES / 2)}`)).toBeUndefined(); // bytes, not characters
});
