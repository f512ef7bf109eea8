/** Relative and exact times in the widget's language. */
import { describe, expect, it } from 'vitest';
import { ago, exact } from './time.js';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const before = (sec: number) => new Date(NOW - sec * 1000).toISOString();

describe('ago', () => {
  it('uses the largest whole unit', () => {
    expect(ago(before(5), 'en', NOW)).toBe('now');
    expect(ago(before(90), 'en', NOW)).toBe('1 minute ago');
    expect(ago(before(3 * 3600 + 59), 'en', NOW)).toBe('3 hours ago');
    expect(ago(before(86_400), 'en', NOW)).toBe('yesterday');
    expect(ago(before(14 * 86_400), 'en', NOW)).toBe('2 weeks ago');
    expect(ago(before(400 * 86_400), 'en', NOW)).toBe('last year');
  });

  it('speaks the widget language', () => {
    expect(ago(before(2 * 3600), 'de', NOW)).toBe('vor 2 Stunden');
    expect(ago(before(2 * 3600), 'ja', NOW)).toBe('2 時間前');
  });
});

describe('exact', () => {
  it('gives the full date and time for the hover title', () => {
    expect(exact('2026-06-15T12:00:00Z', 'en')).toMatch(/6\/15\/2026/);
    expect(exact('2026-06-15T12:00:00Z', 'de')).toMatch(/15\.6\.2026/);
  });
});
