/** Readers' sign-in names and lifetimes, without arktype (the widget imports them as values). */

/** The header a signed-in reader's widget sends (no cookie: the blog and the API are on other origins). */
export const READER_HEADER = 'x-afterword-session';

/** How a reader signed in. */
export const READER_METHODS = ['email', 'passkey', 'github', 'oidc'] as const;
export type ReaderMethod = (typeof READER_METHODS)[number];

/** A reader's session lasts 30 days; a reader's email link works once, for 15 minutes. */
export const READER_SESSION_TTL_SEC = 30 * 24 * 3600;
export const READER_LINK_TTL_SEC = 15 * 60;

/** The fragment an email link puts on the blog page: the widget signs in with what follows it. */
export const READER_LINK_FRAGMENT = '#aw-signin=';
