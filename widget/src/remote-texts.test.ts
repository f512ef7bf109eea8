/** remote.js's texts: English in the chunk, every other language in its own file beside it, complete and translated. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { App } from './app.js';
import { LANGS, plural } from './i18n.js';
import { EN, type RemoteTexts, texts } from './remote-texts.js';

const OTHERS = LANGS.filter((l) => l !== 'en');
const load = async (lang: string) =>
  ((await import(`./locales/remote/${lang}.ts`)) as { default: RemoteTexts }).default;

describe("remote replies' texts", () => {
  it('have a file (locales/remote/<lang>.ts) for every language but English, each with every key', async () => {
    for (const lang of OTHERS)
      expect(Object.keys(await load(lang)).sort(), lang).toEqual(Object.keys(EN).sort());
  });

  it('are translated and keep {source} and {n} in every form said', async () => {
    for (const lang of OTHERS) {
      const t = await load(lang);
      expect(t.replyOn, lang).not.toBe(EN.replyOn);
      expect(t.original, lang).not.toBe(EN.original);
      for (const s of [t.replyOn, t.original]) expect(s, lang).toContain('{source}');
      for (const n of [0, 1, 2, 3, 5, 11, 21, 100, 1.5, 1_000_000]) {
        expect(plural(t.likes, n, lang), `${lang} ${n}`).toContain(String(n));
        expect(plural(t.reposts, n, lang), `${lang} ${n}`).toContain(String(n));
      }
    }
  });

  it('choose the plural form by the language', async () => {
    expect(plural(EN.likes, 1, 'en')).toBe('1 like');
    expect(plural(EN.reposts, 3, 'en')).toBe('3 reposts');
    const ru = await load('ru');
    expect([1, 3, 5].map((n) => plural(ru.reposts, n, 'ru'))).toEqual([
      '1 репост',
      '3 репоста',
      '5 репостов',
    ]);
    const pl = await load('pl');
    expect([2, 5, 22].map((n) => plural(pl.likes, n, 'pl'))).toEqual([
      '2 polubienia',
      '5 polubień',
      '22 polubienia',
    ]);
    const ar = await load('ar');
    expect(plural(ar.likes, 2, 'ar')).toBe('2 إعجابان');
  });

  it('load in the thread language from locales/remote-<lang>.js beside the embed; English without one', async () => {
    const embed = resolve(import.meta.dirname, '../dist/embed.js');
    if (!existsSync(embed)) throw new Error('widget/dist/embed.js is missing: run `npm run build` first');
    const app = (lang: string | undefined, src: string) =>
      ({ props: { t: { lang }, o: { api: 'http://localhost:1', src } } }) as unknown as App;
    const src = pathToFileURL(embed).href;
    expect(await texts(app(undefined, src))).toBe(EN);
    // A file that cannot load reads as English, and is asked for again next time.
    const gone = pathToFileURL('/nonexistent/afterword/embed.js').href;
    expect(await texts(app('uk', gone))).toBe(EN);
    expect((await texts(app('uk', src))).replyOn).toBe((await load('uk')).replyOn);
    // Two widgets of a page in two languages each get their own.
    expect(await texts(app('ko', src))).toEqual(await load('ko'));
    expect((await texts(app('uk', src))).replyOn).toBe('Відповісти в {source}');
  });
});
