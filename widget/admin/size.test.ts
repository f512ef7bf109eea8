/**
 * The admin page's size budgets, like the embed's (widget/src/size.test.ts): what `/admin/` loads before a
 * moderator does anything (its entry script and stylesheet, named by index.html) and each chunk it loads later.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** The entry script, 28 KB gzip (Preact, the queue, settings, import and export, the log). */
export const ADMIN_JS_BYTES = 28 * 1024;
/** The stylesheet, 3 KB gzip. */
export const ADMIN_CSS_BYTES = 3 * 1024;
/** Each chunk loaded later (the passkey ceremonies), 4 KB gzip. */
export const ADMIN_CHUNK_BYTES = 4 * 1024;

const DIST = resolve(import.meta.dirname, '../dist/admin');
const gz = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;

function entries(): { js: string[]; css: string[] } {
  const html = join(DIST, 'index.html');
  if (!existsSync(html)) throw new Error('widget/dist/admin is missing: run `npm run build` first');
  const src = readFileSync(html, 'utf8');
  const named = (re: RegExp) => [...src.matchAll(re)].map((m) => m[1]!.replace(/^\/admin\//, ''));
  return {
    js: named(/<script[^>]+src="([^"]+)"/g),
    css: named(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
  };
}

describe('the admin bundle', () => {
  it(`loads at most ${ADMIN_JS_BYTES} bytes of script and ${ADMIN_CSS_BYTES} of style before a moderator acts`, () => {
    const { js, css } = entries();
    expect(js).toHaveLength(1);
    expect(css).toHaveLength(1);
    const [script, style] = [gz(js[0]!), gz(css[0]!)];
    console.log(`admin: ${js[0]} ${script} bytes gzip, ${css[0]} ${style}`);
    expect(script).toBeLessThanOrEqual(ADMIN_JS_BYTES);
    expect(style).toBeLessThanOrEqual(ADMIN_CSS_BYTES);
  });

  it(`keeps every chunk loaded later within ${ADMIN_CHUNK_BYTES} bytes gzip`, () => {
    const { js, css } = entries();
    const later = readdirSync(join(DIST, 'assets'))
      .map((f) => `assets/${f}`)
      .filter((f) => f.endsWith('.js') && !js.includes(f) && !css.includes(f));
    expect(later.length).toBeGreaterThan(0);
    for (const chunk of later) {
      const bytes = gz(chunk);
      console.log(`admin: ${chunk} ${bytes} bytes gzip`);
      expect(bytes, chunk).toBeLessThanOrEqual(ADMIN_CHUNK_BYTES);
    }
  });
});
