/**
 * Who a finished sign-in is: from a validated ID token (and the UserInfo answer when the token says
 * little) for OpenID Connect, from GitHub's `/user` and `/user/emails` for GitHub. An address is kept
 * only when the provider says it is verified.
 */
import * as oidc from 'openid-client';
import type { ReaderIdentity } from '../reader.js';
import { fetchFor, type OAuthConfig } from './client.js';

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export class IdentityError extends Error {
  override name = 'IdentityError';
}

/** An OpenID Connect identity: subject `${issuer} ${sub}`. */
export async function oidcIdentity(
  client: oidc.Configuration,
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
): Promise<ReaderIdentity> {
  const claims = tokens.claims();
  if (!claims) throw new IdentityError('the provider sent no ID token');
  let info: Record<string, unknown> = claims;
  const userinfo = client.serverMetadata().userinfo_endpoint;
  if ((!str(claims.email) || !str(claims.name)) && userinfo && tokens.access_token)
    info = { ...(await oidc.fetchUserInfo(client, tokens.access_token, claims.sub)), ...claims };
  const email = info.email_verified === true ? str(info.email) : undefined;
  const name = str(info.name) ?? str(info.preferred_username) ?? str(info.nickname);
  return { kind: 'oidc', subject: `${claims.iss} ${claims.sub}`, email, name };
}

interface GitHubUser {
  id: number;
  login: string;
  name?: string | null;
}
interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/** GitHub's REST API, read with the reader's access token. */
async function github(config: OAuthConfig, token: string, path: string): Promise<unknown> {
  const res = await fetchFor(config)(`${config.githubApiUrl.replace(/\/+$/, '')}${path}`, {
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'Afterword',
    },
  });
  if (res.status !== 200) throw new IdentityError(`GitHub answered ${res.status} to ${path}`);
  return res.json();
}

/** A GitHub identity: subject the numeric user id; the primary address when verified. */
export async function githubIdentity(config: OAuthConfig, accessToken: string): Promise<ReaderIdentity> {
  const user = (await github(config, accessToken, '/user')) as Partial<GitHubUser>;
  if (typeof user.id !== 'number' || !Number.isSafeInteger(user.id))
    throw new IdentityError('GitHub sent no user id');
  // Without the user:email scope (or with addresses kept private to apps) there is no list: no address.
  const emails = (await github(config, accessToken, '/user/emails').catch(() => [])) as GitHubEmail[];
  const primary = Array.isArray(emails) ? emails.find((e) => e?.primary && e.verified === true) : undefined;
  return {
    kind: 'github',
    subject: String(user.id),
    email: str(primary?.email),
    name: str(user.name) ?? str(user.login),
  };
}
