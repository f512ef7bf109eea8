/** The room kept for a thread: its formula, and the same formula in the demo's stylesheet and the README's embed snippet. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_EM, PER_EM, room } from './reserve.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** The stylesheet rule a page writes so the room is kept from its first paint (Chromium reads attr() there). */
const RULE = `min-height: calc(${BASE_EM}em + min(attr(data-count type(<number>), 0), 30) * ${PER_EM}em);`;

describe('room for a thread', () => {
  it('grows with the count up to the page the thread first shows', () => {
    expect(room(0)).toBe(`calc(${BASE_EM}em + 0 * ${PER_EM}em)`);
    expect(room(12)).toBe(`calc(${BASE_EM}em + 12 * ${PER_EM}em)`);
    expect(room(47)).toBe(`calc(${BASE_EM}em + 30 * ${PER_EM}em)`);
    expect(room(47, 10)).toBe(`calc(${BASE_EM}em + 10 * ${PER_EM}em)`);
  });

  it('is the one the demo blog’s stylesheet and the README’s snippet keep from the first paint', () => {
    expect(readFileSync(resolve(ROOT, 'demo-site/public/style.css'), 'utf8')).toContain(RULE);
    expect(readFileSync(resolve(ROOT, 'README.md'), 'utf8')).toContain(RULE);
  });
});
