/** Spam settings from the command line (`afterword site add|set`), and what a new site starts with. */
import { SPAM_BOUNDS } from '../contract/limits.js';
import type { SpamSettings } from '../store/items.js';
import { DEFAULT_MIN_COMPOSE_SEC } from './spam.js';

/** What `afterword site add` gives a new site unless told otherwise. */
export const RECOMMENDED_SPAM: SpamSettings = {
  minComposeSec: DEFAULT_MIN_COMPOSE_SEC,
  maxLinks: 3,
  ratePerClient: 10,
  ratePerPage: 60,
  rateWindowSec: 600,
  duplicateWindowSec: 3600,
};

export const SPAM_CLI_OPTIONS = {
  'min-compose': { type: 'string' },
  'require-compose-token': { type: 'string' },
  'max-links': { type: 'string' },
  'blocked-word': { type: 'string', multiple: true },
  'remove-blocked-word': { type: 'string', multiple: true },
  'blocked-action': { type: 'string' },
  'rate-client': { type: 'string' },
  'rate-page': { type: 'string' },
  'rate-window': { type: 'string' },
  'duplicate-window': { type: 'string' },
  akismet: { type: 'string' },
  'akismet-key': { type: 'string' },
  'trust-after': { type: 'string' },
  'hold-domain': { type: 'string', multiple: true },
  'block-domain': { type: 'string', multiple: true },
  'remove-domain': { type: 'string', multiple: true },
  disposable: { type: 'string' },
  'content-check': { type: 'string' },
  'content-threshold': { type: 'string' },
} as const;

export const SPAM_CLI_USAGE =
  '  spam: [--min-compose 3s] [--require-compose-token on|off] [--max-links 3] [--blocked-word <w>...]\n' +
  '        [--remove-blocked-word <w>...] [--blocked-action pending|reject] [--rate-client 10] [--rate-page 60]\n' +
  '        [--rate-window 10m] [--duplicate-window 1h] [--akismet on|off] [--akismet-key <key>]\n' +
  '        [--trust-after 1] [--hold-domain <d>...] [--block-domain <d>...] [--remove-domain <d>...]\n' +
  '        [--disposable on|off] [--content-check on|off] [--content-threshold 80]\n' +
  '        (0 turns a counter off; --max-links off removes the link rule)';

type Values = Partial<Record<keyof typeof SPAM_CLI_OPTIONS, string | string[] | undefined>>;

export class SpamOptionError extends Error {}

/** A whole number within the setting's bounds (see contract/limits.ts). */
function count(v: string, what: string, key: keyof typeof SPAM_BOUNDS): number {
  const { min, max } = SPAM_BOUNDS[key];
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new SpamOptionError(`${what} must be a whole number from ${min} to ${max}`);
  return n;
}

/** Clamps a duration (seconds) into the setting's bounds. */
const within = (n: number, key: keyof typeof SPAM_BOUNDS) =>
  Math.min(Math.max(n, SPAM_BOUNDS[key].min), SPAM_BOUNDS[key].max);

function onOff(v: string, what: string): boolean {
  if (v === 'on' || v === 'true') return true;
  if (v === 'off' || v === 'false') return false;
  throw new SpamOptionError(`${what} must be on or off`);
}

/** Applies the given options to `current`; `duration` parses `10m`, `1h`, `90s` or seconds. */
export function spamFromCli(v: Values, current: SpamSettings, duration: (s: string) => number): SpamSettings {
  const s: SpamSettings = { ...current };
  const str = (k: keyof typeof SPAM_CLI_OPTIONS) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const list = (k: keyof typeof SPAM_CLI_OPTIONS) => (Array.isArray(v[k]) ? (v[k] as string[]) : []);
  const set = <K extends keyof SpamSettings>(k: K, value: SpamSettings[K] | 0) => {
    if (value === 0 || value === undefined) delete s[k];
    else s[k] = value as SpamSettings[K];
  };
  if (str('min-compose') !== undefined)
    set('minComposeSec', within(duration(str('min-compose')!), 'minComposeSec'));
  if (str('require-compose-token') !== undefined)
    s.requireComposeToken = onOff(str('require-compose-token')!, '--require-compose-token');
  const links = str('max-links');
  if (links === 'off') delete s.maxLinks;
  else if (links !== undefined) s.maxLinks = count(links, '--max-links', 'maxLinks');
  const removed = new Set(list('remove-blocked-word').map((w) => w.toLowerCase()));
  const words = [...(s.blockedWords ?? []), ...list('blocked-word')].filter(
    (w) => !removed.has(w.toLowerCase()),
  );
  if (words.length > 0) s.blockedWords = [...new Set(words)];
  else delete s.blockedWords;
  const action = str('blocked-action');
  if (action !== undefined) {
    if (action !== 'pending' && action !== 'reject')
      throw new SpamOptionError('--blocked-action must be pending or reject');
    s.blockedAction = action;
  }
  if (str('rate-client') !== undefined)
    set('ratePerClient', count(str('rate-client')!, '--rate-client', 'ratePerClient'));
  if (str('rate-page') !== undefined)
    set('ratePerPage', count(str('rate-page')!, '--rate-page', 'ratePerPage'));
  if (str('rate-window') !== undefined)
    set('rateWindowSec', within(duration(str('rate-window')!), 'rateWindowSec'));
  if (str('duplicate-window') !== undefined)
    set('duplicateWindowSec', within(duration(str('duplicate-window')!), 'duplicateWindowSec'));
  if (str('akismet') !== undefined) s.akismet = onOff(str('akismet')!, '--akismet');
  if (str('akismet-key') !== undefined) set('akismetKey', str('akismet-key')!.trim() || 0);
  if (str('trust-after') !== undefined)
    s.trustAfter = count(str('trust-after')!, '--trust-after', 'trustAfter');
  domainsFromCli(s, list('hold-domain'), list('block-domain'), list('remove-domain'));
  if (str('disposable') !== undefined) s.disposableEmail = onOff(str('disposable')!, '--disposable');
  if (str('content-check') !== undefined) s.contentCheck = onOff(str('content-check')!, '--content-check');
  if (str('content-threshold') !== undefined)
    s.contentThreshold = count(str('content-threshold')!, '--content-threshold', 'contentThreshold');
  return s;
}

const DOMAIN = /^(?:[a-z0-9-]{1,63}\.)+[a-z0-9-]{2,63}$/;

/** Adds and removes email-domain rules (a domain named again takes its new action). */
function domainsFromCli(s: SpamSettings, hold: string[], block: string[], remove: string[]) {
  if (hold.length + block.length + remove.length === 0) return;
  const clean = (d: string) => {
    const domain = d.trim().replace(/^@/, '').toLowerCase();
    if (!DOMAIN.test(domain)) throw new SpamOptionError(`not a domain: ${d}`);
    return domain;
  };
  const rules = new Map(
    (s.emailDomains ?? []).map((r) => [r.domain.replace(/^@/, '').toLowerCase(), r.action]),
  );
  for (const d of hold) rules.set(clean(d), 'hold');
  for (const d of block) rules.set(clean(d), 'block');
  for (const d of remove) rules.delete(clean(d));
  if (rules.size > 0) s.emailDomains = [...rules].map(([domain, action]) => ({ domain, action }));
  else delete s.emailDomains;
}

/** One line for `site list`: the spam rules in force. */
export function describeSpam(s: SpamSettings | undefined): string {
  if (!s) return 'spam=defaults-off';
  const parts = [
    s.minComposeSec ? `compose>=${s.minComposeSec}s` : '',
    s.requireComposeToken ? 'token-required' : '',
    s.maxLinks !== undefined ? `links<=${s.maxLinks}` : '',
    s.blockedWords?.length ? `blocked-words=${s.blockedWords.length}(${s.blockedAction ?? 'pending'})` : '',
    s.ratePerClient ? `client<=${s.ratePerClient}/${s.rateWindowSec ?? 600}s` : '',
    s.ratePerPage ? `page<=${s.ratePerPage}/${s.rateWindowSec ?? 600}s` : '',
    s.duplicateWindowSec ? `repeats=${s.duplicateWindowSec}s` : '',
    s.akismet ? 'akismet' : '',
    s.trustAfter ? `trust-after=${s.trustAfter}` : '',
    s.emailDomains?.length ? `domain-rules=${s.emailDomains.length}` : '',
    s.disposableEmail ? 'disposable-held' : '',
    s.contentCheck ? `content-check>=${s.contentThreshold ?? 80}%` : '',
  ].filter(Boolean);
  return `spam=${parts.join(',') || 'off'}`;
}
