/** The sign-in panel's texts: every language but English has a file of them, complete, translated, placeholders kept. */
import { describe, expect, it } from 'vitest';
import { LANGS } from './i18n.js';
import { EN, type SigninTexts } from './signin-texts.js';

describe('sign-in texts', () => {
  it('has a complete file (locales/signin/<lang>.ts) for every language but English', async () => {
    expect(LANGS).toHaveLength(30);
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      const t = ((await import(`./locales/signin/${lang}.ts`)) as { default: SigninTexts }).default;
      expect(Object.keys(t).sort(), lang).toEqual(Object.keys(EN).sort());
      for (const key of ['with', 'as'] as const) expect(t[key], `${lang} ${key}`).toContain('{name}');
      for (const key of ['title', 'passkey', 'mine', 'erase'] as const)
        expect(t[key], lang).not.toBe(EN[key]);
      expect(
        Object.values(t).every((v) => v.trim().length > 0),
        lang,
      ).toBe(true);
      // The link's 15 minutes are said, in the language's own digits.
      expect(t.linkSent, lang).toMatch(/15|۱۵/);
    }
  });
});
