/**
 * Providers' client secrets are stored sealed (AES-256-GCM, a key derived from the server secret, bound to
 * the site and provider): the table alone never gives one, nor lets one be moved to another provider.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hmac } from '../tokens.js';

const key = (secret: string) => hmac(secret, 'oauth-client-secret', 'v1');
const aad = (site: string, provider: string) => Buffer.from(`${site}\u0000${provider}`);

export function sealSecret(secret: string, site: string, provider: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secret), iv).setAAD(aad(site, provider));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The secret, or undefined when the sealed value is not one of this site and provider (or this server). */
export function openSecret(
  secret: string,
  site: string,
  provider: string,
  sealed: string,
): string | undefined {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || body === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(secret), Buffer.from(iv, 'base64url'))
      .setAAD(aad(site, provider))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}
