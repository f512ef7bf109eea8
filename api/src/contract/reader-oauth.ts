/** Readers' GitHub and OpenID Connect sign-in: the popup's start and the provider's callback queries. */
import { type } from 'arktype';
import { ReaderProvider } from './reader.js';
import { SiteId } from './requests.js';

const text = (max: number) => type.string.atMostLength(max);

const B64_43 = type(/^[A-Za-z0-9_-]{43}$/);

/**
 * `origin`: the blog page's origin (one of the site's): the only place the popup posts its answer.
 * `handoff`: the SHA-256 (base64url) of a random secret of the widget's, to fetch the outcome with it too.
 */
export const OAuthStartQuery = type({
  site: SiteId,
  provider: ReaderProvider.get('id'),
  origin: text(300),
  'handoff?': B64_43,
});

/** The widget's handoff secret (32 random bytes, base64url) whose SHA-256 it started with. */
export const OAuthHandoffBody = type({ '+': 'reject', site: SiteId, secret: B64_43 });

/** What the provider sends the reader back with: a code and the state, or an error and the state. */
export const OAuthCallbackQuery = type({
  'state?': text(200),
  'code?': text(2000),
  'error?': text(200),
  'error_description?': text(2000),
  'iss?': text(300),
});

/** A site's provider, in the admin API's path. */
export const ProviderParam = type({ site: SiteId, id: ReaderProvider.get('id') });

/** A provider as its owner sets it; `clientSecret` is needed for a new one and never comes back. */
export const ProviderBody = type({
  '+': 'reject',
  kind: "'github' | 'oidc'",
  name: text(60),
  'issuer?': text(300),
  clientId: text(200),
  'clientSecret?': text(500),
});
