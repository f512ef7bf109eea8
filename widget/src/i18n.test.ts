/** Language choice, plurals, interpolation, and that every locale has every string (error texts included). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EN as ERRORS_EN } from './errors.js';
import { TEXTS as HELP, EN as HELP_EN } from './help.js';
import { choose, en, fmt, LANGS, type Locale, match, plural } from './i18n.js';
import { EN as REMOTE_EN, type RemoteTexts } from './remote-texts.js';
import { EN as REPORT_EN } from './report.js';
import { EN as SIGNIN_EN, type SigninTexts } from './signin-texts.js';
import { EN as WRITE_EN } from './write.js';

const OTHERS = LANGS.filter((l) => l !== 'en');

describe('choosing a language', () => {
  it('matches exact tags, then by the primary subtag', () => {
    expect(match('de')).toBe('de');
    expect(match('de-AT')).toBe('de');
    expect(match('pt')).toBe('pt-BR');
    expect(match('PT-br')).toBe('pt-BR');
    expect(match('en-GB')).toBe('en');
    expect(match('sv-FI')).toBe('sv');
    expect(match('ar-EG')).toBe('ar');
    expect(match('fa-IR')).toBe('fa');
    expect(match('sw')).toBeUndefined();
    // A primary subtag is the whole of it: Filipino is not Finnish, Hawaiian not Hebrew.
    expect(match('fil')).toBeUndefined();
    expect(match('haw')).toBeUndefined();
    expect(match('')).toBeUndefined();
    expect(match(null)).toBeUndefined();
    expect(match(undefined)).toBeUndefined();
    // Whatever a page's lang attribute holds, it is only a tag.
    for (const odd of ['constructor', '__proto__', 'toString', '(', '.*', 'e', '-en'])
      expect(match(odd), odd).toBeUndefined();
  });

  it('reads Traditional Chinese (the Hant script, Taiwan, Hong Kong, Macau) as zh-TW, other Chinese as zh-CN', () => {
    for (const tag of [
      'zh-TW',
      'zh-tw',
      'zh-HK',
      'zh-MO',
      'zh-Hant',
      'zh-Hant-TW',
      'zh-Hant-HK',
      'zh-hant-cn',
    ])
      expect(match(tag), tag).toBe('zh-TW');
    for (const tag of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'zh-Hans-HK', 'ZH-hans-tw'])
      expect(match(tag), tag).toBe('zh-CN');
  });

  it('reads Norwegian and Nynorsk as Bokmål, and the old tags of Hebrew and Indonesian', () => {
    for (const tag of ['nb', 'nb-NO', 'no', 'no-NO', 'nn', 'nn-NO']) expect(match(tag), tag).toBe('nb');
    expect(match('iw')).toBe('he');
    expect(match('iw-IL')).toBe('he');
    expect(match('he-IL')).toBe('he');
    expect(match('in-ID')).toBe('id');
  });

  it('takes the first supported candidate: data-lang, then <html lang>, then the browser', () => {
    expect(choose(['ru', 'de', 'fr'])).toBe('ru');
    expect(choose([undefined, 'ja', 'fr'])).toBe('ja');
    expect(choose([undefined, '', 'sw-KE', 'nl-NL', 'fr'])).toBe('nl');
    expect(choose([undefined, 'sw', 'xx'])).toBe('en');
  });
});

type Texts = { [k: string]: Text };
type Text = string | string[] | Texts;

/** A Plural is an object with an `other` form (the only objects of English texts that are). */
const isPlural = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'other' in v;
const holes = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort();

/** Every text of English (`path`, English, translation), Plural forms and list items each on their own. */
function* pairs(en: Text, t: unknown, path: string): Generator<[string, string, unknown]> {
  if (typeof en === 'string') yield [path, en, t];
  else if (Array.isArray(en))
    for (const [i, s] of en.entries()) yield [`${path}.${i}`, s, (t as string[])[i]];
  else if (isPlural(en))
    for (const [k, s] of Object.entries(t as object)) yield [`${path}.${k}`, en.other as string, s];
  else for (const k of Object.keys(en)) yield* pairs(en[k] as Text, (t as Texts)[k], `${path}.${k}`);
}

/** Every Plural of English, and its translation. */
function* plurals(en: Text, t: unknown, path: string): Generator<[string, unknown]> {
  if (isPlural(en)) yield [path, t];
  else if (typeof en === 'object' && !Array.isArray(en))
    for (const k of Object.keys(en)) yield* plurals(en[k] as Text, (t as Texts)[k], `${path}.${k}`);
}

/** The same keys as English at every level (no missing, no extra), lists as long, strings where it has strings. */
function shape(en: Text, t: unknown, path: string): void {
  if (typeof en === 'string') expect(typeof t, path).toBe('string');
  else if (Array.isArray(en)) expect(t, path).toHaveLength(en.length);
  else if (isPlural(en)) expect(typeof t, path).toBe('object');
  else {
    expect(Object.keys(t as object).sort(), path).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en)) shape(en[k] as Text, (t as Texts)[k], `${path}.${k}`);
  }
}

/** English of every place a language's texts live: the locale, the sign-in panel, remote replies, the markdown help. */
const ENGLISH = {
  locale: { ...en, ...WRITE_EN, errors: ERRORS_EN, report: REPORT_EN },
  signin: SIGNIN_EN,
  remote: REMOTE_EN,
  help: HELP_EN,
} as unknown as Texts;

async function texts(lang: string): Promise<Texts> {
  const locale = ((await import(`./locales/${lang}.ts`)) as { default: Locale }).default;
  const signin = ((await import(`./locales/signin/${lang}.ts`)) as { default: SigninTexts }).default;
  const remote = ((await import(`./locales/remote/${lang}.ts`)) as { default: RemoteTexts }).default;
  return { locale, signin, remote, help: HELP[lang] } as unknown as Texts;
}

/** Letters of each language's own script: its texts are written in it (a file pasted from a neighbour would not be). */
const SCRIPT: Record<string, RegExp> = {
  ar: /\p{Script=Arabic}/u,
  fa: /\p{Script=Arabic}/u,
  he: /\p{Script=Hebrew}/u,
  ru: /\p{Script=Cyrillic}/u,
  uk: /\p{Script=Cyrillic}/u,
  bg: /\p{Script=Cyrillic}/u,
  el: /\p{Script=Greek}/u,
  hi: /\p{Script=Devanagari}/u,
  ko: /\p{Script=Hangul}/u,
  ja: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u,
  'zh-CN': /\p{Script=Han}/u,
  'zh-TW': /\p{Script=Han}/u,
};

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
    expect(LANGS).toHaveLength(30);
    expect(new Set(LANGS).size).toBe(30);
    expect(Object.keys(HELP).sort()).toEqual([...OTHERS].sort());
    for (const lang of OTHERS) {
      const t = await texts(lang);
      // Every key of English in every place (locale, sign-in, remote replies, help), and no other.
      shape(ENGLISH, t, lang);
      for (const [path, e, s] of pairs(ENGLISH, t, lang)) {
        expect(typeof s === 'string' && s.trim().length > 0, path).toBe(true);
        // Every placeholder of the English text survives translation, and none is made up.
        expect(holes(s as string), `${path}: ${s}`).toEqual(holes(e));
      }
    }
  });

  it('gives every Plural exactly the categories of its language, per Intl.PluralRules', async () => {
    // The comment count, Webmention likes and reposts at least.
    expect([...plurals(ENGLISH, ENGLISH, 'en')].length).toBeGreaterThanOrEqual(3);
    const seen = new Set<string>();
    for (const lang of OTHERS) {
      const categories = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
      const t = await texts(lang);
      for (const [path, p] of plurals(ENGLISH, t, lang))
        expect(Object.keys(p as object).sort(), path).toEqual(categories);
      seen.add(categories.join());
    }
    // Arabic's six, Slavic one/few/many/other, Romanian one/few/other, Hebrew one/two/other, the Romance many...
    expect(seen.size).toBeGreaterThanOrEqual(7);
    expect(new Intl.PluralRules('ar').resolvedOptions().pluralCategories).toHaveLength(6);
  });

  it('says each count in its own form: Arabic, Polish, Czech, Ukrainian, Romanian, Hebrew', async () => {
    const say = async (lang: string, ns: number[]) => {
      const t = (await texts(lang)).locale as unknown as Locale;
      return ns.map((n) => plural(t.comments, n, lang));
    };
    expect(await say('ar', [0, 1, 2, 3, 11, 100])).toEqual([
      '0 تعليق',
      '1 تعليق',
      '2 تعليقان',
      '3 تعليقات',
      '11 تعليقًا',
      '100 تعليق',
    ]);
    expect(await say('pl', [1, 2, 5, 22, 25])).toEqual([
      '1 komentarz',
      '2 komentarze',
      '5 komentarzy',
      '22 komentarze',
      '25 komentarzy',
    ]);
    expect(await say('cs', [1, 3, 5])).toEqual(['1 komentář', '3 komentáře', '5 komentářů']);
    expect(await say('uk', [1, 3, 5, 21])).toEqual([
      '1 коментар',
      '3 коментарі',
      '5 коментарів',
      '21 коментар',
    ]);
    expect(await say('ro', [1, 2, 20])).toEqual(['1 comentariu', '2 comentarii', '20 de comentarii']);
    expect(await say('he', [1, 2, 3])).toEqual(['1 תגובה', '2 תגובות', '3 תגובות']);
  });

  it('is translated: each language in its own script, few texts left as in English', async () => {
    for (const lang of OTHERS) {
      const t = await texts(lang);
      // Words such as "Spam", "Moderator", or the help's "link" and "code" may rightly stay (the help is left out).
      const same = [...pairs(ENGLISH, t, lang)]
        .filter(([p, e, s]) => e === s && !p.startsWith(`${lang}.help.`))
        .map(([p]) => p);
      expect(same.length, `${lang}: ${same.join(', ')}`).toBeLessThanOrEqual(4);
      const script = SCRIPT[lang];
      if (script)
        for (const [path, , s] of pairs(ENGLISH, t, lang))
          if (!/^[\w{}]+$/.test(s as string)) expect(s, path).toMatch(script);
    }
    // Ukrainian and Bulgarian are not Russian: letters of their own, none that only Russian has.
    const all = async (lang: string) =>
      [...pairs(ENGLISH, await texts(lang), lang)].map(([, , s]) => s).join(' ');
    expect(await all('uk')).toMatch(/[іїєґ]/);
    expect(await all('uk')).not.toMatch(/[ыэъё]/);
    expect(await all('bg')).not.toMatch(/[ыэёіїє]/);
  });

  it('writes zh-TW in Traditional characters (none of the Simplified-only ones zh-CN uses)', async () => {
    const all = [...pairs(ENGLISH, await texts('zh-TW'), 'zh-TW')].map(([, , s]) => s).join('');
    const simplified = '这论评发删编辑复载页网时关开说请过么们题让选认证录览链邮举报条经无务写败';
    expect([...simplified].filter((c) => all.includes(c))).toEqual([]);
    expect(all).toContain('留言');
  });

  it('has relative times and plural rules for every language (time.ts formats dates with them)', () => {
    for (const lang of LANGS) {
      expect(Intl.RelativeTimeFormat.supportedLocalesOf(lang), lang).toEqual([lang]);
      expect(Intl.PluralRules.supportedLocalesOf(lang), lang).toEqual([lang]);
      expect(Intl.NumberFormat.supportedLocalesOf(lang), lang).toEqual([lang]);
    }
  });

  it('keeps every locale out of embed.js: each is its own file', () => {
    const src = readFileSync(resolve(import.meta.dirname, 'i18n.ts'), 'utf8');
    expect(src).not.toMatch(/from '\.\/locales\//);
  });
});
