/**
 * A software passkey authenticator for API tests: P-256 keys from node:crypto, WebAuthn answers
 * (attestation "none", user present and verified) in the JSON shape @simplewebauthn/browser sends.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();

/** Minimal CBOR (RFC 8949): unsigned and negative integers, byte and text strings, maps. */
type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;
function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  const b = Buffer.alloc(3);
  b[0] = (major << 5) | 25;
  b.writeUInt16BE(n, 1);
  return b;
}
export function cbor(v: Cbor): Buffer {
  if (typeof v === 'number') return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === 'string') return Buffer.concat([head(3, Buffer.byteLength(v)), Buffer.from(v)]);
  if (v instanceof Uint8Array) return Buffer.concat([head(2, v.length), v]);
  return Buffer.concat([head(5, v.size), ...[...v].flatMap(([k, x]) => [cbor(k), cbor(x)])]);
}

export interface SoftPasskey {
  id: string;
  /** Signature counter; `count: false` keeps it at 0 (as many platform authenticators do). */
  counter: number;
  register(options: { challenge: string; rp: { id?: string } }, origin: string): unknown;
  answer(options: { challenge: string; rpId?: string }, origin: string, rpId?: string): unknown;
}

export function softPasskey(o: { count?: boolean } = {}): SoftPasskey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const raw = randomBytes(16);
  const jwk = (publicKey as KeyObject).export({ format: 'jwk' });
  const cose = cbor(
    new Map<Cbor, Cbor>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]),
  );
  const key: SoftPasskey = {
    id: b64(raw),
    counter: 0,
    register(options, origin) {
      const rpId = options.rp.id ?? new URL(origin).hostname;
      const clientData = JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin });
      const len = Buffer.alloc(2);
      len.writeUInt16BE(raw.length);
      const authData = Buffer.concat([
        sha256(rpId),
        Buffer.from([0x45]),
        Buffer.alloc(4),
        Buffer.alloc(16),
        len,
        raw,
        cose,
      ]);
      const attestation = cbor(
        new Map<Cbor, Cbor>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authData],
        ]),
      );
      return {
        id: key.id,
        rawId: key.id,
        type: 'public-key',
        response: {
          clientDataJSON: b64(Buffer.from(clientData)),
          attestationObject: b64(attestation),
          transports: ['internal'],
        },
        clientExtensionResults: {},
      };
    },
    answer(options, origin, rpIdOverride) {
      const rpId = rpIdOverride ?? options.rpId ?? new URL(origin).hostname;
      if (o.count !== false) key.counter += 1;
      const clientData = Buffer.from(
        JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin }),
      );
      const counter = Buffer.alloc(4);
      counter.writeUInt32BE(key.counter);
      const authData = Buffer.concat([sha256(rpId), Buffer.from([0x05]), counter]);
      const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), privateKey);
      return {
        id: key.id,
        rawId: key.id,
        type: 'public-key',
        response: {
          clientDataJSON: b64(clientData),
          authenticatorData: b64(authData),
          signature: b64(signature),
        },
        clientExtensionResults: {},
      };
    },
  };
  return key;
}
