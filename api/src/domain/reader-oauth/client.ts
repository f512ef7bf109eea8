/**
 * The openid-client configuration of a site's sign-in provider: an OpenID Connect issuer by discovery
 * (its metadata kept a few minutes), GitHub by its documented endpoints (base URLs from config); every
 * request through the outbound guard.
 */
import * as oidc from 'openid-client';
import type { Config } from '../../config.js';
import type { ReaderProvider } from '../../contract/reader.js';
import { allowed } from '../outbound.js';
import { oauthFetch } from './fetch.js';

export type OAuthConfig = Pick<Config, 'githubUrl' | 'githubApiUrl' | 'outboundAllow'>;

const TIMEOUT_MS = 5000;
const MAX_BYTES = 256 * 1024;
const METADATA_MS = 10 * 60 * 1000;
const METADATA_ENTRIES = 100;

/** Scopes asked for: who the reader is and a verified address, nothing more. */
export const SCOPES = { oidc: 'openid email profile', github: 'read:user user:email' } as const;

const discovered = new Map<string, { at: number; metadata: oidc.ServerMetadata }>();

export const fetchFor = (config: OAuthConfig) =>
  oauthFetch({ allow: config.outboundAllow, timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES });

/** Plain http is only for allow-listed hosts (tests); the fetch refuses it anywhere else anyway. */
const insecure = (url: string, config: OAuthConfig) =>
  url.startsWith('http:') && allowed(new URL(url), config.outboundAllow);

async function metadataOf(issuer: string, config: OAuthConfig): Promise<oidc.ServerMetadata> {
  const kept = discovered.get(issuer);
  if (kept && Date.now() - kept.at < METADATA_MS) return kept.metadata;
  const found = await oidc.discovery(new URL(issuer), 'discovery', undefined, undefined, {
    [oidc.customFetch]: fetchFor(config),
    timeout: TIMEOUT_MS / 1000,
    ...(insecure(issuer, config) ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  const metadata = { ...found.serverMetadata() } as oidc.ServerMetadata;
  if (discovered.size >= METADATA_ENTRIES) discovered.delete(discovered.keys().next().value!);
  discovered.set(issuer, { at: Date.now(), metadata });
  return metadata;
}

/** The client of `provider` with its secret. */
export async function clientOf(
  provider: ReaderProvider,
  secret: string,
  config: OAuthConfig,
): Promise<oidc.Configuration> {
  let server: oidc.ServerMetadata;
  if (provider.kind === 'github') {
    const base = config.githubUrl.replace(/\/+$/, '');
    server = {
      issuer: base,
      authorization_endpoint: `${base}/login/oauth/authorize`,
      token_endpoint: `${base}/login/oauth/access_token`,
    };
  } else {
    if (!provider.issuer) throw new Error(`provider ${provider.id} has no issuer`);
    server = await metadataOf(provider.issuer, config);
  }
  const client = new oidc.Configuration(server, provider.clientId, secret, oidc.ClientSecretPost(secret));
  client[oidc.customFetch] = fetchFor(config);
  client.timeout = TIMEOUT_MS / 1000;
  if (insecure(server.token_endpoint ?? server.issuer, config)) oidc.allowInsecureRequests(client);
  return client;
}
