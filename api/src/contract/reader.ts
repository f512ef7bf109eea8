/** Readers' sign-in: the session header, the request and response shapes, the site's sign-in settings. */
import { type } from 'arktype';
import { READER_HEADER, READER_METHODS } from './reader-names.js';
import { SiteId } from './requests.js';

export * from './reader-names.js';

const strict = { '+': 'reject' } as const;
const text = (max: number) => type.string.atMostLength(max);
const b64url = (max: number) => type(new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`));
const Email = type(/^[^\s@]{1,128}@[^\s@]{1,125}$/);
const ProviderId = type(/^[a-z0-9][a-z0-9-]{0,31}$/);

// ── requests ──────────────────────────────────────────────────────────────────────────────────

/** `page`: the blog page the link leads back to (on one of the site's origins). */
export const ReaderLinkRequest = type({ site: SiteId, email: Email, page: text(2000) });
export const ReaderLinkUse = type({ site: SiteId, token: b64url(100) });
export const ReaderSiteQuery = type({ site: SiteId });
export const ReaderSessionHeader = type({ [READER_HEADER]: b64url(100) });
export const ReaderNameBody = type({ name: text(80) });

/** A sign-in provider of a site (its client secret is kept apart, never in a response). */
export const ReaderProvider = type({
  ...strict,
  id: ProviderId,
  kind: "'github' | 'oidc'",
  name: text(60),
  'issuer?': text(300),
  clientId: text(200),
});

/** What a site offers readers; every flag is off unless set. */
export const ReaderSettings = type({
  ...strict,
  'email?': 'boolean',
  'passkey?': 'boolean',
  /** Commenting needs a signed-in reader. */
  'required?': 'boolean',
  /** Signed-in readers edit and delete their own comments at any time (else within the edit window). */
  'editsAnytime?': 'boolean',
  'providers?': ReaderProvider.array().atMostLength(8),
});

// ── responses ─────────────────────────────────────────────────────────────────────────────────

export const Reader = type({
  ...strict,
  id: 'string',
  name: 'string',
  'email?': 'string',
  methods: type.enumerated(...READER_METHODS).array(),
});

export const ReaderMe = type({ ...strict, reader: Reader });

export const ReaderSession = type({
  ...strict,
  token: type('string').describe(`send it in the ${READER_HEADER} header`),
  expiresAt: 'string',
  reader: Reader,
});

/** A sign-in settings' public part, in a thread's settings when the site offers sign-in at all. */
export const PublicReaderSettings = type({
  ...strict,
  'email?': 'true',
  'passkey?': 'true',
  'providers?': type({ ...strict, id: 'string', name: 'string', kind: "'github' | 'oidc'" }).array(),
  'required?': 'true',
  'editsAnytime?': 'true',
});

/** One of the reader's own comments, as "my comments" lists it. */
export const MyComment = type({
  ...strict,
  id: 'string',
  page: 'string',
  'url?': 'string',
  html: 'string',
  status: 'string',
  createdAt: 'string',
  'editedAt?': 'string',
});

export const MyComments = type({ ...strict, comments: MyComment.array(), more: 'boolean' });
export const ReaderErased = type({ ...strict, erased: 'number' });

export type ReaderProvider = typeof ReaderProvider.infer;
export type ReaderSettings = typeof ReaderSettings.infer;
export type Reader = typeof Reader.infer;
export type ReaderSession = typeof ReaderSession.infer;
export type PublicReaderSettings = typeof PublicReaderSettings.infer;
export type MyComment = typeof MyComment.infer;
export type MyComments = typeof MyComments.infer;
