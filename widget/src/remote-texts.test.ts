/** remote.js's texts: every language of the widget has them all, translated, with their placeholders. */
import { describe, expect, it } from 'vitest';
import { LANGS, plural } from './i18n.js';
import { REMOTE_TEXTS } from './remote-texts.js';

describe("remote replies' texts", () => {
  it('exist in every language, each with every key, and nowhere else', () => {
    expect(Object.keys(REMOTE_TEXTS).sort()).toEqual([...LANGS].sort());
    const keys = Object.keys(REMOTE_TEXTS.en ?? {}).sort();
    for (const lang of LANGS) expect(Object.keys(REMOTE_TEXTS[lang] ?? {}).sort(), lang).toEqual(keys);
  });

  it('are translated and keep {source} and {n}', () => {
    const en = REMOTE_TEXTS.en!;
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      const t = REMOTE_TEXTS[lang]!;
      expect(t.replyOn, lang).not.toBe(en.replyOn);
      expect(t.original, lang).not.toBe(en.original);
      for (const s of [t.replyOn, t.original]) expect(s, lang).toContain('{source}');
      for (const n of [1, 2, 5, 21]) {
        expect(plural(t.likes, n, lang), lang).toContain(String(n));
        expect(plural(t.reposts, n, lang), lang).toContain(String(n));
      }
    }
  });

  it('choose the plural form by the language', () => {
    expect(plural(REMOTE_TEXTS.en!.likes, 1, 'en')).toBe('1 like');
    expect(plural(REMOTE_TEXTS.en!.reposts, 3, 'en')).toBe('3 reposts');
    expect(plural(REMOTE_TEXTS.ru!.reposts, 3, 'ru')).toBe('3 репоста');
    expect(plural(REMOTE_TEXTS.ru!.reposts, 5, 'ru')).toBe('5 репостов');
  });
});
