/** remote.js's texts: English here, other languages in `locales/remote-<lang>.js` beside the embed (loaded with it). */
import { base } from './api.js';
import type { App } from './app.js';
import type { Plural } from './i18n.js';

export interface RemoteTexts {
  /** The source badge's title: it links to the reply's original. */
  original: string;
  /** The link opening the original post to answer it there (Mastodon, Bluesky). */
  replyOn: string;
  /** A page's Webmention likes and reposts. */
  likes: Plural;
  reposts: Plural;
}

export const EN: RemoteTexts = {
  original: 'View the original on {source}',
  replyOn: 'Reply on {source}',
  likes: { one: '{n} like', other: '{n} likes' },
  reposts: { one: '{n} repost', other: '{n} reposts' },
};

/** The sources' names as they call themselves (not translated). */
export const SOURCE_NAMES = { mastodon: 'Mastodon', bluesky: 'Bluesky', webmention: 'Webmention' } as const;

const loaded: Record<string, Promise<RemoteTexts>> = {};

/**
 * The texts in the thread's language: English at once, others from their file beside the embed (30 languages'
 * would not fit remote.js's 2 KB), once per language (two widgets of a page may differ); English if it cannot load,
 * and asked for again next time.
 */
export function texts(app: App): Promise<RemoteTexts> {
  const lang = app.props.t.lang;
  if (!lang) return Promise.resolve(EN);
  loaded[lang] ??= import(
    /* @vite-ignore */ new URL(`locales/remote-${lang}.js`, base(app.props.o)).href
  ).then(
    (m: { default: RemoteTexts }) => ({ ...EN, ...m.default }),
    () => {
      delete loaded[lang];
      return EN;
    },
  );
  return loaded[lang];
}
