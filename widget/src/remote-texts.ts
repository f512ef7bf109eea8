/** remote.js's texts in every language of the widget (a few lines each, so they ride in the chunk itself). */
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

export const REMOTE_TEXTS: Record<string, RemoteTexts> = {
  en: {
    original: 'View the original on {source}',
    replyOn: 'Reply on {source}',
    likes: { one: '{n} like', other: '{n} likes' },
    reposts: { one: '{n} repost', other: '{n} reposts' },
  },
  de: {
    original: 'Original auf {source} ansehen',
    replyOn: 'Auf {source} antworten',
    likes: { one: '{n} Gefällt mir', other: '{n} Gefällt mir' },
    reposts: { one: '{n} Mal geteilt', other: '{n} Mal geteilt' },
  },
  fr: {
    original: 'Voir l’original sur {source}',
    replyOn: 'Répondre sur {source}',
    likes: { one: '{n} j’aime', other: '{n} j’aime' },
    reposts: { one: '{n} partage', other: '{n} partages' },
  },
  es: {
    original: 'Ver el original en {source}',
    replyOn: 'Responder en {source}',
    likes: { one: '{n} me gusta', other: '{n} me gusta' },
    reposts: { one: '{n} republicación', other: '{n} republicaciones' },
  },
  'pt-BR': {
    original: 'Ver o original no {source}',
    replyOn: 'Responder no {source}',
    likes: { one: '{n} curtida', other: '{n} curtidas' },
    reposts: { one: '{n} compartilhamento', other: '{n} compartilhamentos' },
  },
  it: {
    original: 'Vedi l’originale su {source}',
    replyOn: 'Rispondi su {source}',
    likes: { one: '{n} mi piace', other: '{n} mi piace' },
    reposts: { one: '{n} condivisione', other: '{n} condivisioni' },
  },
  nl: {
    original: 'Bekijk het origineel op {source}',
    replyOn: 'Reageer op {source}',
    likes: { one: '{n} vind-ik-leuk', other: '{n} vind-ik-leuks' },
    reposts: { one: '{n} keer gedeeld', other: '{n} keer gedeeld' },
  },
  ja: {
    original: '{source}で元の投稿を見る',
    replyOn: '{source}で返信',
    likes: { other: 'いいね {n}件' },
    reposts: { other: 'リポスト {n}件' },
  },
  'zh-CN': {
    original: '在 {source} 查看原文',
    replyOn: '在 {source} 上回复',
    likes: { other: '{n} 个赞' },
    reposts: { other: '{n} 次转发' },
  },
  ru: {
    original: 'Оригинал в {source}',
    replyOn: 'Ответить в {source}',
    likes: { one: '{n} отметка «нравится»', few: '{n} отметки «нравится»', other: '{n} отметок «нравится»' },
    reposts: { one: '{n} репост', few: '{n} репоста', other: '{n} репостов' },
  },
};

/** The sources' names as they call themselves (not translated). */
export const SOURCE_NAMES = { mastodon: 'Mastodon', bluesky: 'Bluesky', webmention: 'Webmention' } as const;
