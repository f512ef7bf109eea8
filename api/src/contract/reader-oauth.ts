/** Readers' GitHub and OpenID Connect sign-in: the popup's start and the provider's callback queries. */
import { type } from 'arktype';
import { ReaderProvider } from './reader.js';
import { SiteId } from './requests.js';

const text = (max: number) => type.string.atMostLength(max);

/** `origin`: the blog page's origin (one of the site's): the only place the popup posts its answer. */
export const OAuthStartQuery = type({ site: SiteId, provider: ReaderProvider.get('id'), origin: text(300) });

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
