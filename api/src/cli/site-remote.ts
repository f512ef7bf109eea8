/** `afterword site add|set` flags of a site's remote replies: hold them all, read the page's own links, accept Webmentions. */
import type { RemoteSettings } from '../store/items.js';
import { UsageError } from './command.js';

export const REMOTE_CLI_OPTIONS = {
  'remote-premoderate': { type: 'string' },
  'remote-discover': { type: 'string' },
  webmention: { type: 'string' },
} as const;

export const REMOTE_CLI_USAGE = [
  '                  [--remote-premoderate on|off] (hold every reply from Mastodon, Bluesky, Webmentions)',
  '                  [--remote-discover on|off] (read each linked page for its syndication links)',
  '                  [--webmention on|off] (accept Webmentions)',
].join('\n');

const KEYS = [
  ['remote-premoderate', 'premoderate'],
  ['remote-discover', 'discover'],
  ['webmention', 'webmention'],
] as const;

type Flags = Partial<Record<keyof typeof REMOTE_CLI_OPTIONS, string | undefined>>;

/** The flags given, over the site's current settings; nothing when none was given. */
export function remoteFrom(v: Flags, current: RemoteSettings | undefined): { remote?: RemoteSettings } {
  const r: RemoteSettings = { ...current };
  let given = false;
  for (const [flag, key] of KEYS) {
    const value = v[flag];
    if (value === undefined) continue;
    if (value !== 'on' && value !== 'off') throw new UsageError(`--${flag} must be on or off`);
    r[key] = value === 'on';
    given = true;
  }
  return given ? { remote: r } : {};
}

/** One column of `site list`: which remote settings are on. */
export function describeRemote(r: RemoteSettings | undefined): string {
  const on = KEYS.filter(([, key]) => r?.[key]).map(([flag]) => flag);
  return `remote=${on.join(',') || 'off'}`;
}
