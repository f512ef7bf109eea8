/**
 * A site's GitHub and OpenID Connect sign-in providers, as the CLI and the admin page set them: the
 * provider on the site item (id, kind, name, issuer, client id), its client secret sealed in an item of
 * its own (store/reader-oauth.ts) that no answer, export or log shows — only whether one is set.
 */
import type { ReaderProvider } from '../../contract/reader.js';
import type { Store } from '../../store/index.js';
import type { SiteItem } from '../../store/items.js';
import { allowed } from '../outbound.js';
import { sealSecret } from './seal.js';

/** Most providers a site has (the contract's bound). */
export const MAX_PROVIDERS = 8;

export interface ProviderEnv {
  store: Store;
  secret: string;
  now: () => Date;
  /** Hosts that may be plain http (tests); an issuer is https anywhere else. */
  outboundAllow: readonly string[];
}

/** A provider as shown to the site's owner: never its secret, only whether one is stored. */
export type ProviderView = ReaderProvider & { secretSet: boolean };

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    message: string,
    readonly field: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

function checkIssuer(raw: string | undefined, allow: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(raw ?? '');
  } catch {
    throw new ProviderError('an OpenID Connect provider needs its issuer URL (https://…)', 'issuer');
  }
  const plain = url.protocol === 'http:' && allowed(url, allow);
  if ((url.protocol !== 'https:' && !plain) || url.username || url.password || url.search || url.hash)
    throw new ProviderError(
      'the issuer must be an https URL without credentials, query or fragment',
      'issuer',
    );
  // A bare origin without its slash; a path as given (an issuer such as `https://id.example/realm/` keeps its own).
  return url.pathname === '/' ? url.origin : url.href;
}

async function siteOf(env: ProviderEnv, id: string): Promise<SiteItem> {
  const site = await env.store.sites.get(id);
  if (!site) throw new ProviderError(`no site "${id}"`, 'site', 404);
  return site;
}

export async function listProviders(env: ProviderEnv, siteId: string): Promise<ProviderView[]> {
  const site = await siteOf(env, siteId);
  const withSecret = new Set(await env.store.readerOAuth.withSecret(siteId));
  return (site.readers?.providers ?? []).map((p) => ({ ...p, secretSet: withSecret.has(p.id) }));
}

/**
 * Adds or changes a provider; `clientSecret` is needed for a new one (left out, a known one keeps its
 * secret). The secret is stored before the site offers the provider.
 */
export async function saveProvider(
  env: ProviderEnv,
  siteId: string,
  input: ReaderProvider,
  clientSecret?: string,
): Promise<ProviderView[]> {
  const site = await siteOf(env, siteId);
  const current = site.readers?.providers ?? [];
  const known = current.some((p) => p.id === input.id);
  if (!known && current.length >= MAX_PROVIDERS)
    throw new ProviderError(`a site has at most ${MAX_PROVIDERS} sign-in providers`, 'id');
  const secret = clientSecret?.trim();
  if (!known && !secret) throw new ProviderError('a new provider needs its client secret', 'clientSecret');
  const name = input.name.trim();
  const clientId = input.clientId.trim();
  if (!name) throw new ProviderError('the provider needs a name readers see', 'name');
  if (!clientId) throw new ProviderError('the provider needs its client id', 'clientId');
  const provider: ReaderProvider = {
    id: input.id,
    kind: input.kind,
    name,
    clientId,
    ...(input.kind === 'oidc' ? { issuer: checkIssuer(input.issuer, env.outboundAllow) } : {}),
  };
  if (secret) {
    const sealed = sealSecret(env.secret, siteId, provider.id, secret);
    await env.store.readerOAuth.setSecret(siteId, provider.id, sealed, env.now().toISOString());
  }
  const providers = known
    ? current.map((p) => (p.id === provider.id ? provider : p))
    : [...current, provider];
  await env.store.sites.put(siteId, { readers: { ...site.readers, providers } }, 'update');
  return listProviders(env, siteId);
}

/** Takes a provider off the site, and its secret with it; false when the site had none of that id. */
export async function removeProvider(env: ProviderEnv, siteId: string, id: string): Promise<boolean> {
  const site = await siteOf(env, siteId);
  const current = site.readers?.providers ?? [];
  if (!current.some((p) => p.id === id)) {
    await env.store.readerOAuth.removeSecret(siteId, id);
    return false;
  }
  const providers = current.filter((p) => p.id !== id);
  const { providers: _, ...rest } = site.readers ?? {};
  await env.store.sites.put(
    siteId,
    { readers: providers.length > 0 ? { ...rest, providers } : rest },
    'update',
  );
  await env.store.readerOAuth.removeSecret(siteId, id);
  return true;
}
