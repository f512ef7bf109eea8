/** Languages: English inline, 29 more as lazy chunks; the choice, interpolation, plurals and error texts. */
import type { ErrorCode } from '../../api/src/contract/codes.js';
import type { Fail } from './api.js';
import type { ErrorTexts } from './errors.js';
import type { ReportTexts } from './report.js';
import type { WriteTexts } from './write.js';

export type Plural = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

export const en = {
  comments: { one: '{n} comment', other: '{n} comments' } as Plural,
  label: 'Comments',
  empty: 'No comments yet. Start the conversation.',
  locked: 'Comments are closed for this page.',
  loading: 'Loading comments…',
  retry: 'Try again',
  sort: 'Sort by',
  oldest: 'Oldest',
  newest: 'Newest',
  top: 'Best',
  more: 'Load more comments',
  reply: 'Reply',
  edit: 'Edit',
  del: 'Delete',
  cancel: 'Cancel',
  save: 'Save',
  deleted: 'This comment was deleted.',
  inReplyTo: 'in reply to {name}',
  pinned: 'Pinned',
  mod: 'Moderator',
  verified: 'Verified',
  signIn: 'Sign in',
  up: 'Upvote',
  down: 'Downvote',
  /** The button opening a comment's (or the page's) reactions picker. */
  react: 'Add a reaction',
  pending: 'Your comment is awaiting moderation.',
  edited: 'edited',
  write: 'Write a comment',
  replyTo: 'Reply to {name}',
  editing: 'Edit your comment',
  name: 'Name (optional)',
  email: 'Email (optional, never shown)',
  website: 'Website (optional)',
  notify: 'Email me replies',
  post: 'Post comment',
  posting: 'Sending…',
  preview: 'Preview',
  back: 'Keep writing',
  help: 'Formatting help',
  /** Shown when even the error texts cannot be loaded. */
  failed: 'Something went wrong. Please try again.',
};

/**
 * A language's strings (and its tag, for numbers); English error texts come with the error chunk, the markdown
 * help's (every language's) with help.js, what writing says with write.js; other languages carry theirs.
 */
export type Strings = typeof en &
  Partial<WriteTexts> & { errors?: ErrorTexts; report?: ReportTexts; lang?: string };
/** What a locale file holds: every string, error and writing texts included (the markdown help's are in help.js). */
export type Locale = typeof en & WriteTexts & { errors: ErrorTexts; report: ReportTexts };

export const LANGS =
  'en de fr es pt-BR it nl ja zh-CN ru ar he fa uk pl cs sv da nb fi tr ko zh-TW vi id hi el hu ro bg'.split(
    ' ',
  );
/** The languages written right to left. */
export const RTL_LANGS = ['ar', 'he', 'fa'];
/** The widget root's `dir`: set either way, so an English thread on a Hebrew page reads left to right too. */
export const dirOf = (lang: string) => (RTL_LANGS.includes(lang) ? 'rtl' : 'ltr');

/** Old or sibling tags read as a language here: Hebrew's and Indonesian's old codes, Norwegian and Nynorsk as Bokmål. */
const ALIAS: Record<string, string> = { iw: 'he', in: 'id', no: 'nb', nn: 'nb' };

/**
 * The supported language for a tag, by its primary subtag (aliases included), or undefined. Chinese is Traditional
 * (zh-TW) for the Hant script, Taiwan, Hong Kong or Macau, else Simplified (zh-CN, the first zh in LANGS). Every
 * byte here is on every first view (embed.js), hence the terse form.
 */
export function match(tag?: string | null): string | undefined {
  const l = `${tag}`.toLowerCase();
  const k = /^zh-(hant|tw|hk|mo)/.test(l) ? 'zh-TW' : (l.split('-')[0] as string);
  const a = ALIAS[k] ?? k;
  return LANGS.find((c) => `${c}-`.startsWith(`${a}-`));
}

/** The first supported language among the candidates (data-lang, `<html lang>`, the browser's), else English. */
export function choose(candidates: readonly (string | null | undefined)[]): string {
  return candidates.map(match).find((m) => m) ?? 'en';
}

/** The strings of `lang`: English at once, others from `locales/<lang>.js` beside the embed script. */
export async function load(lang: string, base: string): Promise<Strings> {
  if (lang === 'en') return en;
  const url = new URL(`locales/${lang}.js`, base).href;
  return { ...en, ...(await import(/* @vite-ignore */ url)).default, lang };
}

export function fmt(s: string, vars: Record<string, unknown> = {}): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export function plural(p: Plural, n: number, lang: string): string {
  return fmt(p[new Intl.PluralRules(lang).select(n)] ?? p.other, { n });
}

type ErrorChunk = typeof import('./errors.js');
let chunk: Promise<ErrorChunk> | undefined;

/**
 * The text for a failed call of the widget of `site`, from the error chunk beside the embed script (which also
 * holds `explain`, so a first view carries neither); `failed` if that cannot load.
 */
export function errorText(t: Strings, e: unknown, base: string, site = ''): Promise<string> {
  chunk ??= import(/* @vite-ignore */ new URL('errors.js', base).href);
  return chunk.then(
    (m) => m.setupText(t, e, site),
    () => {
      chunk = undefined;
      return t.failed;
    },
  );
}

/**
 * Maps an API code (or `network`) to its text in `t`, filled with the error's details and `{wait}` (how long
 * `retryAfterSec` is, said in `t`'s language); unknown codes read as internal.
 */
export function explain(t: Strings, m: Pick<ErrorChunk, 'EN' | 'MESSAGE' | 'wait'>, e: unknown): string {
  const f = e as Partial<Fail> | undefined;
  const code = f?.code as ErrorCode;
  const key = Object.hasOwn(m.MESSAGE, code) ? m.MESSAGE[code] : 'internal';
  const texts = { ...m.EN, ...t.errors, locked: t.locked, deleted: t.deleted };
  // `?.`: an errors.js cached from before waits were said (both files revalidate within minutes).
  return fmt(texts[key], { ...f?.details, wait: m.wait?.(texts, f?.details?.retryAfterSec, t.lang) });
}
