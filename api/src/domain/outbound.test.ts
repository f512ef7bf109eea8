/** The outbound guard: which addresses are public, which URLs may be asked, and the check after DNS. */
import { type LookupAddress, lookup } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../testing/web-server.js';
import {
  checkTarget,
  type FetchPublicOptions,
  fetchPublic,
  isPublicAddress,
  OutboundRefused,
  OutboundTimeout,
  postJson,
  type Resolve,
} from './outbound.js';

describe('isPublicAddress', () => {
  it('refuses private, loopback, link-local, shared, documentation and multicast addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '2001:db8::1',
      'not-an-ip',
    ])
      expect(isPublicAddress(ip), ip).toBe(false);
  });

  it('takes public addresses', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPublicAddress(ip), ip).toBe(true);
  });
});

describe('checkTarget', () => {
  it('asks for https, no credentials, no private literal; the allow-list lets a local http host in', () => {
    expect(() => checkTarget('http://example.com/', [])).toThrow(/https/);
    expect(() => checkTarget('ftp://example.com/', [])).toThrow(/https/);
    expect(() => checkTarget('https://u:p@example.com/', [])).toThrow(/credentials/);
    expect(() => checkTarget('https://10.0.0.5/x', [])).toThrow(/public/);
    expect(() => checkTarget('https://[::1]:8443/x', [])).toThrow(/public/);
    expect(checkTarget('https://example.com/x', []).host).toBe('example.com');
    expect(checkTarget('http://127.0.0.1:9999/x', ['127.0.0.1:9999']).port).toBe('9999');
    expect(() => checkTarget('http://127.0.0.1:9998/x', ['127.0.0.1:9999'])).toThrow(/https/);
  });
});

describe('postJson', () => {
  it('refuses a name that resolves to a private address, after DNS, before connecting', async () => {
    await expect(postJson('https://localhost:1/', '{}', {}, { allow: [], timeoutMs: 2000 })).rejects.toThrow(
      /not public/,
    );
  });
});

/** Names as a hostile DNS would answer them (each to an address that is not public); others as the system does. */
const PRIVATE_NAMES: Record<string, LookupAddress[]> = {
  'loop.test': [{ address: '127.0.0.1', family: 4 }],
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
  'intranet.test': [{ address: '10.20.30.40', family: 4 }],
  'six.test': [{ address: '::1', family: 6 }],
  // One public address beside a private one is still refused: the socket could pick either.
  'mixed.test': [
    { address: '93.184.216.34', family: 4 },
    { address: '10.0.0.1', family: 4 },
  ],
};
const resolve: Resolve = (host, cb) => {
  const found = PRIVATE_NAMES[host];
  if (found) cb(null, found);
  else lookup(host, { all: true }, cb);
};

describe('fetchPublic', () => {
  let site: WebServer;
  /** A second local server, never allow-listed: nothing may reach it. */
  let inner: WebServer;
  let opts: FetchPublicOptions;
  beforeAll(async () => {
    inner = await startWebServer({ '/': { body: 'secret metadata' } });
    site = await startWebServer({
      '/page': { body: '<p>hello</p>' },
      '/big': { body: 'x'.repeat(200_000) },
      '/hop': { status: 302, headers: { location: '/page' } },
      '/loop': { status: 301, headers: { location: '/loop' } },
      '/slow': () => {},
    });
    opts = { allow: [site.host], maxBytes: 64 * 1024, timeoutMs: 2000, resolve };
  });
  afterAll(async () => {
    await site.close();
    await inner.close();
  });

  it('reads an allow-listed local page, and follows a relative redirect to it', async () => {
    const a = await fetchPublic(`${site.origin}/page`, opts);
    expect(a).toMatchObject({ status: 200, body: '<p>hello</p>', truncated: false });
    const b = await fetchPublic(`${site.origin}/hop`, opts);
    expect(b).toMatchObject({ status: 200, url: `${site.origin}/page`, body: '<p>hello</p>' });
  });

  it('refuses names resolving to 127.0.0.1, 169.254.169.254, 10/8 and ::1 before connecting', async () => {
    for (const name of Object.keys(PRIVATE_NAMES))
      await expect(fetchPublic(`https://${name}:${inner.port}/`, opts), name).rejects.toThrow(
        /resolves to an address that is not public/,
      );
    // The real resolver: localhost is loopback.
    await expect(
      fetchPublic(`https://localhost:${inner.port}/`, { ...opts, resolve: undefined }),
    ).rejects.toThrow(OutboundRefused);
    expect(inner.hits).toEqual([]);
  });

  it('refuses private literals and plain http to a host not on the allow-list', async () => {
    for (const url of [
      'https://127.0.0.1/',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.1.2.3/',
      `https://[::1]:${inner.port}/`,
      `http://127.0.0.1:${inner.port}/`,
      'http://example.com/',
    ])
      await expect(fetchPublic(url, opts), url).rejects.toThrow(OutboundRefused);
    expect(inner.hits).toEqual([]);
  });

  it('checks every redirect hop: from an allowed host to a private address is refused', async () => {
    const targets = [
      ...Object.keys(PRIVATE_NAMES).map((n) => `https://${n}:${inner.port}/`),
      `https://localhost:${inner.port}/`,
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.8/',
      `https://[::1]:${inner.port}/`,
      `http://127.0.0.1:${inner.port}/`,
      'ftp://example.com/',
    ];
    for (const [i, to] of targets.entries()) {
      site.set(`/away${i}`, { status: 307, headers: { location: to } });
      await expect(fetchPublic(`${site.origin}/away${i}`, opts), to).rejects.toThrow(OutboundRefused);
    }
    expect(inner.hits).toEqual([]);
    expect(site.hits.filter((h) => h.startsWith('/away'))).toHaveLength(targets.length);
  });

  it('stops after maxRedirects', async () => {
    const before = site.hits.length;
    await expect(fetchPublic(`${site.origin}/loop`, { ...opts, maxRedirects: 3 })).rejects.toThrow(
      /more than 3 redirects/,
    );
    expect(site.hits.length - before).toBe(4);
  });

  it('cuts a body over maxBytes off, and says so', async () => {
    const a = await fetchPublic(`${site.origin}/big`, { ...opts, maxBytes: 1000 });
    expect(a.truncated).toBe(true);
    expect(a.body).toBe('x'.repeat(1000));
    const whole = await fetchPublic(`${site.origin}/big`, { ...opts, maxBytes: 200_000 });
    expect(whole.truncated).toBe(false);
    expect(whole.body.length).toBe(200_000);
  });

  it('gives up after timeoutMs', async () => {
    const started = Date.now();
    await expect(fetchPublic(`${site.origin}/slow`, { ...opts, timeoutMs: 150 })).rejects.toThrow(
      OutboundTimeout,
    );
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
