/** Languages: English inline, nine more as lazy chunks; the choice, interpolation, plurals and error texts. */
import type { Fail } from './api.js';

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
  confirmDel: 'Delete this comment?',
  deleted: 'This comment was deleted.',
  inReplyTo: 'in reply to {name}',
  pinned: 'Pinned',
  mod: 'Moderator',
  up: 'Upvote',
  down: 'Downvote',
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
  md: ['bold', 'italic', 'link', 'code', 'quote', 'list item'],
  posted: 'Your comment was posted.',
  saved: 'Your comment was saved.',
  removed: 'Your comment was deleted.',
  errors: {
    invalid_input: 'Please check the form and try again.',
    comment_too_long: 'The comment is too long: at most {max} characters.',
    edit_window_closed: 'This comment can no longer be changed.',
    edit_token_invalid: 'Only the browser it was written in can change this comment.',
    parent_not_found: 'The comment you replied to is gone.',
    rate_limited: 'Too fast. Please wait a moment.',
    spam_rejected: 'This looks like spam and was not posted.',
    banned: 'You cannot comment on this site.',
    origin_not_allowed: 'This website may not post comments.',
    site_not_found: 'Comments are not set up for this website.',
    conflict: 'The comment changed meanwhile. Reload and try again.',
    storage_unavailable: 'The comment service is busy. Try again shortly.',
    network: 'Could not reach the comment service.',
    internal: 'Something went wrong. Please try again.',
  },
};

export type Strings = typeof en;

export const LANGS = ['en', 'de', 'fr', 'es', 'pt-BR', 'it', 'nl', 'ja', 'zh-CN', 'ru'];

/** The supported language for a tag (exact, else by its primary subtag), or undefined. */
export function match(tag?: string | null): string | undefined {
  const l = tag?.toLowerCase();
  if (!l) return;
  return LANGS.find((c) => c.toLowerCase() === l) ?? LANGS.find((c) => c.slice(0, 2) === l.slice(0, 2));
}

/** The first supported language among the candidates (data-lang, `<html lang>`, the browser's), else English. */
export function choose(candidates: readonly (string | null | undefined)[]): string {
  for (const c of candidates) {
    const m = match(c);
    if (m) return m;
  }
  return 'en';
}

/** The strings of `lang`: English at once, others from `locales/<lang>.js` beside the embed script. */
export async function load(lang: string, base: string): Promise<Strings> {
  if (lang === 'en') return en;
  const url = new URL(`locales/${lang}.js`, base).href;
  return { ...en, ...(await import(/* @vite-ignore */ url)).default };
}

export function fmt(s: string, vars: Record<string, unknown> = {}): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export function plural(p: Plural, n: number, lang: string): string {
  return fmt(p[new Intl.PluralRules(lang).select(n)] ?? p.other, { n });
}

export function errorText(t: Strings, e: unknown): string {
  const errors: Record<string, string> = { ...t.errors, thread_locked: t.locked, comment_deleted: t.deleted };
  const f = e as Partial<Fail> | undefined;
  return fmt(errors[typeof f?.code === 'string' ? f.code : ''] ?? errors.internal ?? '', f?.details);
}
