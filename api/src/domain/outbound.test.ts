/** The outbound guard: which addresses are public, which URLs may be asked, and the check after DNS. */
import { describe, expect, it } from 'vitest';
import { checkTarget, isPublicAddress, postJson } from './outbound.js';

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
