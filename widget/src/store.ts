/** What the reader's browser remembers in localStorage: their name/email/website, edit tokens, votes, reactions, sign-in sessions. */
import type { ReaderSession } from '../../api/src/contract/reader.js';
import { READER_HEADER } from '../../api/src/contract/reader-names.js';
import type { Comment } from './api.js';

/** One of the reader's own comments: edit token, until when it works, the markdown, and where it lives. */
export interface Mine {
  t: string;
  u: string;
  b: string;
  /** `site page` of the thread. */
  p: string;
  /** Kept while held, so the author still sees it after a reload; refreshed from the API where the loaded pages lack it. */
  c?: Comment;
  /** Editable through the reader's session (the site lets signed-in readers edit any time): forgotten at sign-out. */
  s?: 1;
}

export interface Me {
  name?: string;
  email?: string;
  website?: string;
  notify?: boolean;
}

function get<T>(key: string, fallback: T): T {
  try {
    return JSON.parse(localStorage.getItem(`afterword:${key}`) ?? '') ?? fallback;
  } catch {
    return fallback;
  }
}

function set(key: string, value: unknown): void {
  try {
    localStorage.setItem(`afterword:${key}`, JSON.stringify(value));
  } catch {
    // Storage may be full or blocked; the widget works without it.
  }
}

export const me = (): Me => get('me', {});
export const setMe = (v: Me) => set('me', v);

/** The reader's comments whose edit window is still open. */
export function mine(now = Date.now()): Record<string, Mine> {
  const all = get<Record<string, Mine>>('mine', {});
  for (const [id, m] of Object.entries(all)) if (!(Date.parse(m.u) > now)) delete all[id];
  return all;
}

export function remember(id: string, m: Mine | undefined): void {
  const all = mine();
  if (m) all[id] = m;
  else delete all[id];
  set('mine', all);
}

/** Keeps what a signed-in reader may edit through their session (`s`), replacing what was kept so before. */
export function ownBySession(own: Record<string, Mine>): void {
  const all = mine();
  for (const [id, m] of Object.entries(all)) if (m.s) delete all[id];
  set('mine', { ...own, ...all });
}

/** The reader's session on `site` as kept by signin.js (which forgets it once expired), sent by write.js. */
export const session = (site: string) => get<Record<string, ReaderSession | undefined>>('signin', {})[site];

export function setSession(site: string, s: ReaderSession | undefined): void {
  const all = get<Record<string, ReaderSession>>('signin', {});
  if (s) all[site] = s;
  else delete all[site];
  set('signin', all);
}

/** The session header of the reader signed in on `site` (none when no one is). */
export function auth(site: string): Record<string, string> {
  const s = session(site);
  return s ? { [READER_HEADER]: s.token } : {};
}

export const votes = (): Record<string, number> => get('votes', {});

export function setVote(id: string, value: number): void {
  const all = votes();
  if (value) all[id] = value;
  else delete all[id];
  set('votes', all);
}

type Reacted = Record<string, Record<string, string[]>>;

/** The reader's own reactions on `site` as the API last confirmed them, by target: a comment's id, or the page's key. */
export const reacted = (site: string): Record<string, string[]> => get<Reacted>('rx', {})[site] ?? {};

export function setReacted(site: string, target: string, emoji: string[]): void {
  const all = get<Reacted>('rx', {});
  const mine = { ...all[site] };
  if (emoji.length) mine[target] = emoji;
  else delete mine[target];
  set('rx', { ...all, [site]: mine });
}

/** A random key for Idempotency-Key headers (works outside secure contexts too). */
export function randomKey(): string {
  return crypto.getRandomValues(new Uint32Array(4)).join('-');
}
