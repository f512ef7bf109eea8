/** Client keys: IPv4 by address, IPv6 by /64, IPv4-mapped IPv6 as IPv4. */
import { expect, it } from 'vitest';
import { clientKey } from './client.js';

it('groups IPv6 addresses by their /64 and keeps IPv4 addresses apart', () => {
  expect(clientKey('2001:db8:1:2::1')).toBe(clientKey('2001:db8:1:2:ffff:1:2:3'));
  expect(clientKey('2001:0db8:0001:0002:0000:0000:0000:0009')).toBe('v6:2001:db8:1:2');
  expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
  expect(clientKey('fe80::1%eth0')).toBe('v6:fe80:0:0:0');
  expect(clientKey('::1')).toBe('v6:0:0:0:0');
  expect(clientKey('203.0.113.5')).toBe('v4:203.0.113.5');
  expect(clientKey('203.0.113.5')).not.toBe(clientKey('203.0.113.6'));
  expect(clientKey('::ffff:203.0.113.5')).toBe('v4:203.0.113.5');
  expect(clientKey('::ffff:cb00:7105')).toBe('v4:203.0.113.5');
  expect(clientKey('64:ff9b::203.0.113.5')).toBe('v6:64:ff9b:0:0');
  expect(clientKey('not an ip')).toBe('raw:not an ip');
});
