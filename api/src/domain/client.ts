/**
 * Who a client is, for limits, bans and votes: an IPv4 address, or an IPv6 /64 (one household or
 * host gets a whole /64 and can rotate addresses inside it freely).
 */
import { isIPv4, isIPv6 } from 'node:net';

/** Expands an IPv6 address to its eight 16-bit groups (undefined if it is not one). */
function groups(ip: string): number[] | undefined {
  let text = ip.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!isIPv6(text)) return undefined;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const left = part(head);
  const right = part(rest ?? '');
  const fill = rest === undefined ? [] : new Array(8 - left.length - right.length).fill(0);
  const all = [...left, ...fill, ...right];
  return all.length === 8 ? all : undefined;
}

/** The key of a client: `v4:<address>` or `v6:<first 64 bits>`; anything else as given. */
export function clientKey(ip: string): string {
  const trimmed = ip.trim();
  if (isIPv4(trimmed)) return `v4:${trimmed}`;
  const g = groups(trimmed);
  if (!g) return `raw:${trimmed}`;
  // IPv4-mapped (::ffff:a.b.c.d) is the IPv4 client.
  if (g.slice(0, 5).every((n) => n === 0) && g[5] === 0xffff)
    return `v4:${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  return `v6:${g
    .slice(0, 4)
    .map((n) => n.toString(16))
    .join(':')}`;
}
