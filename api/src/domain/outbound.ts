/**
 * Outbound requests to hosts a site or an operator names (the external content check): https to public
 * addresses only, checked after DNS resolution on the very address connected to, no redirects followed,
 * size- and time-limited. Hosts on the explicit allow-list (`AFTERWORD_OUTBOUND_ALLOW`, tests) may be
 * local and plain http.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/** Addresses no outbound request may reach: private, loopback, link-local, shared, documentation, multicast. */
const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(net, bits, 'ipv6');

/** True for an address on the public internet (an IPv4-mapped IPv6 address is judged as its IPv4). */
export function isPublicAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(ip);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

export class OutboundRefused extends Error {
  override name = 'OutboundRefused';
}

export interface OutboundOptions {
  /** `host` or `host:port` entries that may be local and plain http (tests); empty in production. */
  allow: readonly string[];
  timeoutMs: number;
  /** Largest answer read (bytes). */
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface OutboundAnswer {
  status: number;
  body: string;
}

/** True when `url`'s host (or host:port) is on the allow-list. */
export const allowed = (url: URL, allow: readonly string[]) =>
  allow.includes(url.host.toLowerCase()) || allow.includes(url.hostname.toLowerCase());

type LookupCb = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for the socket that refuses to connect to any address that is not public. */
export function publicLookup(hostname: string, options: { all?: boolean }, cb: LookupCb): void {
  dnsLookup(hostname, { all: true }, (err, addresses) => {
    if (err) return cb(err, '');
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad || addresses.length === 0)
      return cb(new OutboundRefused(`${hostname} resolves to an address that is not public`), '');
    if (options.all) return cb(null, addresses);
    const first = addresses[0]!;
    cb(null, first.address, first.family);
  });
}

/** Checks a URL before any connection: https (or an allow-listed host), no credentials, a public literal. */
export function checkTarget(raw: string, allow: readonly string[]): URL {
  const url = new URL(raw);
  const listed = allowed(url, allow);
  if (url.protocol !== 'https:' && !(listed && url.protocol === 'http:'))
    throw new OutboundRefused('outbound requests go to https URLs only');
  if (url.username || url.password) throw new OutboundRefused('no credentials in an outbound URL');
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!listed && isIP(literal) && !isPublicAddress(literal))
    throw new OutboundRefused(`${literal} is not a public address`);
  return url;
}

/** POSTs `body` (JSON) and reads the answer; a redirect is an answer like any other (not followed). */
export function postJson(
  raw: string,
  body: string,
  headers: Record<string, string>,
  options: OutboundOptions,
): Promise<OutboundAnswer> {
  const url = checkTarget(raw, options.allow);
  const listed = allowed(url, options.allow);
  const max = options.maxBytes ?? 64 * 1024;
  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        signal: AbortSignal.any(signals),
        ...(listed ? {} : { lookup: publicLookup }),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > max) {
            req.destroy(new OutboundRefused(`the answer is larger than ${max} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
