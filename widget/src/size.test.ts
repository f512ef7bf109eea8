/** The size budget: the JS and CSS that show a thread with its composer (all in embed.js) ≤ 12 KB gzip. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../api/src/contract/codes.js';

/** 12 KB, counted as 12 × 1024 bytes of gzip at the highest level. */
export const BUDGET_BYTES = 12 * 1024;
const EMBED = resolve(import.meta.dirname, '../dist/embed.js');
const ERRORS = resolve(import.meta.dirname, '../dist/errors.js');

function embed(): string {
  if (!existsSync(EMBED)) throw new Error('widget/dist/embed.js is missing: run `npm run build` first');
  return readFileSync(EMBED, 'utf8');
}

describe('embed.js', () => {
  it('is a classic script: no import or export statements, its names kept out of the page scope', () => {
    const src = embed();
    expect(() => new Script(src)).not.toThrow();
    expect(src.startsWith('(()=>{')).toBe(true);
  });

  it('carries its stylesheet and the English strings inside (nothing else to fetch for a thread)', () => {
    const src = embed();
    expect(src).toContain(':host');
    expect(src).toContain('Post comment');
    expect(src).not.toMatch(/import\(["'`]\.\//);
  });

  it('loads the error texts from errors.js beside it, a module naming a text for every code', async () => {
    expect(embed()).toContain('"errors.js"');
    expect(embed()).not.toContain('Comments are not set up for this website');
    const m = (await import(pathToFileURL(ERRORS).href)) as typeof import('./errors.js');
    expect(Object.keys(m.MESSAGE).sort()).toEqual([...ERROR_CODES, 'network'].sort());
    for (const key of Object.values(m.MESSAGE))
      expect(key in m.EN || key === 'locked' || key === 'deleted').toBe(true);
  });

  it(`stays within ${BUDGET_BYTES} bytes gzip`, () => {
    const bytes = gzipSync(embed(), { level: 9 }).length;
    console.log(`embed.js: ${bytes} bytes gzip (budget ${BUDGET_BYTES})`);
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
