/**
 * Outbound requests to hosts a site, an operator or a remote party names (content check, Webmention
 * sources, remote replies): https to public addresses only, checked after DNS resolution on the very
 * address connected to, redirects (GET only) followed by hand with the same check on every hop, size-
 * and time-limited. Hosts on the explicit allow-list (`AFTERWORD_OUTBOUND_ALLOW`, tests) may be local
 * and plain http.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
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

/** How a name becomes addresses: node's resolver, or (tests) a table of names. */
export type Resolve = (hostname: string, cb: (err: Error | null, addresses: LookupAddress[]) => void) => void;

const systemResolve: Resolve = (hostname, cb) => dnsLookup(hostname, { all: true }, cb);

/**
 * A `lookup` for the socket that refuses to connect to any address that is not public: the socket
 * connects to an address this returned, so what was checked is what is reached (no second resolution).
 */
export function guardedLookup(resolve: Resolve = systemResolve) {
  return (hostname: string, options: { all?: boolean }, cb: LookupCb): void => {
    resolve(hostname, (err, addresses) => {
      if (err) return cb(err, '');
      const bad = addresses.find((a) => !isPublicAddress(a.address));
      if (bad || addresses.length === 0)
        return cb(new OutboundRefused(`${hostname} resolves to an address that is not public`), '');
      if (options.all) return cb(null, addresses);
      const first = addresses[0]!;
      cb(null, first.address, first.family);
    });
  };
}

/** The guard on node's own resolver. */
export const publicLookup = guardedLookup();

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

/** An answer read whole (within `maxBytes`): status (0 when none was given), headers, body. */
export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Sends one request through the guard and reads the answer; a redirect is an answer like any other (not
 * followed). The target is checked before any connection (a refusal is a rejected promise).
 */
export function sendOutbound(
  raw: string,
  init: { method: string; headers: Record<string, string>; body?: string | undefined },
  options: OutboundOptions,
): Promise<OutboundResponse> {
  let url: URL;
  try {
    url = checkTarget(raw, options.allow);
  } catch (err) {
    return Promise.reject(err);
  }
  const listed = allowed(url, options.allow);
  const max = options.maxBytes ?? 64 * 1024;
  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const length = init.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(init.body)) };
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: init.method,
        headers: { ...init.headers, ...length },
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
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** POSTs `body` (JSON) and reads the answer; a redirect is an answer like any other (not followed). */
export async function postJson(
  raw: string,
  body: string,
  headers: Record<string, string>,
  options: OutboundOptions,
): Promise<OutboundAnswer> {
  const res = await sendOutbound(
    raw,
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
    options,
  );
  return { status: res.status, body: res.body.toString('utf8') };
}

export class OutboundTimeout extends Error {
  override name = 'OutboundTimeout';
}

export interface FetchPublicOptions {
  /** `host` or `host:port` entries that may be local and plain http (tests); empty in production. */
  allow: readonly string[];
  /** Largest body read (bytes): the rest is cut off, and the answer says so. */
  maxBytes: number;
  /** For the whole fetch, every redirect included. */
  timeoutMs: number;
  /** Redirects followed (each hop checked like the first URL); one more is refused. Default 5. */
  maxRedirects?: number;
  accept?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** How names resolve (tests name hosts that resolve to private addresses); the guard judges every address. */
  resolve?: Resolve;
}

export interface PublicAnswer {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
  /** True when the body was longer than `maxBytes` and cut off there. */
  truncated: boolean;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a URL on the public internet: https only (plain http only for an allow-listed host), each hop's
 * address checked after DNS on the socket itself, redirects followed by hand (never from https to http,
 * never to a private address, at most `maxRedirects`), the body cut off at `maxBytes`, the whole within
 * `timeoutMs`. Throws OutboundRefused (the guard said no), OutboundTimeout, or the network's own error.
 */
export async function fetchPublic(raw: string, options: FetchPublicOptions): Promise<PublicAnswer> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const lookup = guardedLookup(options.resolve);
  const most = options.maxRedirects ?? 5;
  let url = checkTarget(raw, options.allow);
  for (let hop = 0; ; hop++) {
    const answer = await getOnce(url, options, lookup, signal).catch((err: unknown) => {
      if (deadline.aborted) throw new OutboundTimeout(`no answer within ${options.timeoutMs} ms`);
      throw err;
    });
    const location = answer.headers.location;
    if (!REDIRECTS.has(answer.status) || !location) return answer;
    if (hop >= most) throw new OutboundRefused(`more than ${most} redirects`);
    const next = checkTarget(redirectUrl(location, url), options.allow);
    if (url.protocol === 'https:' && next.protocol !== 'https:')
      throw new OutboundRefused('a redirect from https to plain http is not followed');
    url = next;
  }
}

function redirectUrl(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    throw new OutboundRefused('a redirect to a URL that does not parse');
  }
}

/** One GET, no redirect followed; a redirect's body is not read. */
function getOnce(
  url: URL,
  options: FetchPublicOptions,
  lookup: ReturnType<typeof guardedLookup>,
  signal: AbortSignal,
): Promise<PublicAnswer> {
  const listed = allowed(url, options.allow);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'GET',
        // A fresh connection each time: a pooled socket would skip the check on its address.
        agent: false,
        headers: {
          accept: options.accept ?? '*/*',
          'user-agent': 'Afterword',
          ...options.headers,
        },
        signal,
        ...(listed ? {} : { lookup }),
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        const answer = (body: Buffer, truncated: boolean): PublicAnswer => ({
          status,
          url: url.href,
          headers,
          body: body.toString('utf8'),
          truncated,
        });
        if (REDIRECTS.has(status) && headers.location) {
          resolve(answer(Buffer.alloc(0), false));
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          const room = options.maxBytes - size;
          if (c.length > room) {
            chunks.push(c.subarray(0, room));
            resolve(answer(Buffer.concat(chunks), true));
            req.destroy();
            return;
          }
          size += c.length;
          chunks.push(c);
        });
        res.on('end', () => resolve(answer(Buffer.concat(chunks), false)));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
