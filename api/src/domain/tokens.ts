/** Keyed hashes, ids and tokens: every secret-derived value is made here. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const B32 = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export function hmac(secret: string, purpose: string, value: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest();
}

/** A keyed hash, hex, for storing emails and IPs without the values themselves. */
export function keyedHash(secret: string, purpose: string, value: string, hexChars = 32): string {
  return hmac(secret, purpose, value).toString('hex').slice(0, hexChars);
}

/** A new random comment id: 16 base32 characters (80 bits). */
export function newId(): string {
  return base32(randomBytes(10), 16);
}

/** The id a create with this idempotency key gets, so a retry finds the first one. */
export function idempotentId(secret: string, site: string, key: string): string {
  return base32(hmac(secret, 'idem', `${site}\u0000${key}`), 16);
}

/** The edit token of one comment, bound to its id and creation time (the window is checked apart). */
export function editToken(secret: string, id: string, createdAt: string): string {
  return hmac(secret, 'edit', `${id}\u0000${createdAt}`).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The value CloudFront sends to the API in `X-Afterword-Edge`, proving a request came through the
 * distribution (so its `CloudFront-Viewer-Address` can be trusted). The deploy computes the same
 * HMAC from the same key (infra/src/constructs/secret.ts).
 */
export function edgeKey(secret: string): string {
  return hmac(secret, 'edge', 'cloudfront').toString('hex');
}
