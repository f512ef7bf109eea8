/** Waits said from Retry-After seconds: the unit and rounding, and the words of each language. */
import { describe, expect, it } from 'vitest';
import { EN } from './errors.js';
import { LANGS, type Locale } from './i18n.js';
import { wait, waitUnit } from './wait.js';

describe('a wait', () => {
  it('is said in seconds below a minute, minutes below an hour, then hours', () => {
    expect(waitUnit(1)).toEqual([1, 'second']);
    expect(waitUnit(40.2)).toEqual([41, 'second']);
    expect(waitUnit(60)).toEqual([1, 'minute']);
    expect(waitUnit(486)).toEqual([8, 'minute']);
    expect(waitUnit(3569)).toEqual([59, 'minute']);
    expect(waitUnit(3570)).toEqual([1, 'hour']);
    expect(waitUnit(7200)).toEqual([2, 'hour']);
  });

  it('reads 486 s as "about 8 minutes", and an unknown or broken figure as "a moment"', () => {
    expect(wait(EN, 486)).toBe('about 8 minutes');
    expect(wait(EN, 1)).toBe('about 1 second');
    expect(wait(EN, '30')).toBe('about 30 seconds');
    for (const none of [undefined, 0, -5, 'soon', Number.NaN, Number.POSITIVE_INFINITY])
      expect(wait(EN, none)).toBe('a moment');
  });

  it('is said in every language with its own words and units', async () => {
    const said = new Set<string>();
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      const t = ((await import(`./locales/${lang}.ts`)) as { default: Locale }).default;
      expect(t.errors.about, lang).toContain('{n}');
      const eight = wait(t.errors, 486, lang);
      expect(eight, lang).toContain(new Intl.NumberFormat(lang).format(8));
      // Not English (Romanian's minutes are "minute" too), every placeholder filled.
      expect(eight, lang).not.toBe(wait(EN, 486));
      expect(eight, lang).not.toMatch(/\{n\}/);
      said.add(eight);
      expect(wait(t.errors, undefined, lang), lang).toBe(t.errors.moment);
    }
    expect(said.size).toBe(LANGS.length - 1);
    expect(wait((await import('./locales/de.js')).default.errors, 486, 'de')).toBe('etwa 8 Minuten');
  });
});
