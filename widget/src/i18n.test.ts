/** Language choice, plurals, interpolation, and that every locale has every string (error texts included). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EN } from './errors.js';
import { TEXTS as HELP, EN as HELP_EN } from './help.js';
import { choose, en, fmt, LANGS, type Locale, match, plural } from './i18n.js';
import { EN as REPORT_EN } from './report.js';
import { EN as WRITE_EN } from './write.js';

describe('choosing a language', () => {
  it('matches exact tags, then by the primary subtag', () => {
    expect(match('de')).toBe('de');
    expect(match('de-AT')).toBe('de');
    expect(match('pt')).toBe('pt-BR');
    expect(match('PT-br')).toBe('pt-BR');
    expect(match('zh-Hans-CN')).toBe('zh-CN');
    expect(match('en-GB')).toBe('en');
    expect(match('sv')).toBeUndefined();
    expect(match('')).toBeUndefined();
  });

  it('takes the first supported candidate: data-lang, then <html lang>, then the browser', () => {
    expect(choose(['ru', 'de', 'fr'])).toBe('ru');
    expect(choose([undefined, 'ja', 'fr'])).toBe('ja');
    expect(choose([undefined, '', 'sv-SE', 'nl-NL', 'fr'])).toBe('nl');
    expect(choose([undefined, 'sv', 'xx'])).toBe('en');
  });
});

describe('texts', () => {
  it('interpolates and picks plural forms by the language rules', () => {
    expect(fmt('in reply to {name}', { name: 'Ada' })).toBe('in reply to Ada');
    expect(plural(en.comments, 1, 'en')).toBe('1 comment');
    expect(plural(en.comments, 3, 'en')).toBe('3 comments');
    const ru = { one: '{n} комментарий', few: '{n} комментария', many: '{n} комментариев', other: '{n}' };
    expect([1, 3, 5, 21].map((n) => plural(ru, n, 'ru'))).toEqual([
      '1 комментарий',
      '3 комментария',
      '5 комментариев',
      '21 комментарий',
    ]);
  });

  it('has a complete locale file for every language but English', async () => {
    expect(LANGS).toHaveLength(10);
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      const mod = (await import(`./locales/${lang}.ts`)) as { default: Locale };
      const t = mod.default;
      expect(Object.keys(t).sort(), lang).toEqual(
        [...Object.keys(en), ...Object.keys(WRITE_EN), 'errors', 'report'].sort(),
      );
      expect(Object.keys(t.report).sort(), lang).toEqual(Object.keys(REPORT_EN).sort());
      expect(t.report.reasons, lang).toHaveLength(REPORT_EN.reasons.length);
      expect(Object.keys(t.errors).sort(), lang).toEqual(Object.keys(EN).sort());
      expect(HELP[lang], lang).toHaveLength(HELP_EN.length);
      expect(HELP[lang], lang).not.toEqual(HELP_EN);
      expect(t.write, lang).not.toBe(en.write);
      // Every placeholder of the English text survives translation.
      expect(t.inReplyTo, lang).toContain('{name}');
      expect(t.errors.comment_too_long, lang).toContain('{max}');
      expect(t.comments.other, lang).toContain('{n}');
    }
  });

  it('keeps every locale out of embed.js: each is its own file', () => {
    const src = readFileSync(resolve(import.meta.dirname, 'i18n.ts'), 'utf8');
    expect(src).not.toMatch(/from '\.\/locales\//);
  });
});
