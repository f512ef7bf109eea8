/** `afterword site add|list|set`: create sites and change their settings. */
import { REPORT_LIMITS, SITE_SETTING_BOUNDS } from '../contract/limits.js';
import { SiteId } from '../contract/requests.js';
import {
  describeSpam,
  RECOMMENDED_SPAM,
  SPAM_CLI_OPTIONS,
  SPAM_CLI_USAGE,
  SpamOptionError,
  spamFromCli,
} from '../domain/spam-settings.js';
import { MODERATION_MODES, type ModerationMode, type SiteItem } from '../store/items.js';
import { normalizeOrigin, SiteExistsError, SiteMissingError, type SiteSettings } from '../store/sites.js';
import { type Command, parseOptions, UsageError } from './command.js';
import type { CliContext } from './context.js';
import { PROVIDER_USAGE, providerCommand } from './site-provider.js';
import {
  describeReactions,
  REACTION_CLI_OPTIONS,
  REACTION_CLI_USAGE,
  reactionsFrom,
} from './site-reactions.js';
import { describeRemote, REMOTE_CLI_OPTIONS, REMOTE_CLI_USAGE, remoteFrom } from './site-remote.js';

const OPTIONS = {
  origin: { type: 'string', multiple: true },
  'remove-origin': { type: 'string', multiple: true },
  moderation: { type: 'string' },
  name: { type: 'string' },
  'edit-window': { type: 'string' },
  'max-depth': { type: 'string' },
  'max-length': { type: 'string' },
  'report-threshold': { type: 'string' },
  'reader-email': { type: 'string' },
  'reader-passkey': { type: 'string' },
  'reader-required': { type: 'string' },
  'reader-edits': { type: 'string' },
  json: { type: 'boolean' },
  ...SPAM_CLI_OPTIONS,
  ...REMOTE_CLI_OPTIONS,
  ...REACTION_CLI_OPTIONS,
} as const;

/** Parses `15m`, `2h`, `90s` or plain seconds. */
export function parseDuration(value: string): number {
  const m = /^(\d+)\s*(s|m|h|d)?$/.exec(value.trim());
  if (!m) throw new UsageError(`not a duration: "${value}" (try 15m, 1h, 900)`);
  const n = Number(m[1]);
  return n * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
}

function positiveInt(value: string, what: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new UsageError(`${what} must be a whole number from 0 to ${max}`);
  return n;
}

type Values = ReturnType<typeof parse>['values'];
const parse = (argv: string[]) => parseOptions(argv, OPTIONS);

function settingsFrom(v: Values): Partial<SiteSettings> {
  const s: Partial<SiteSettings> = {};
  if (v.moderation !== undefined) {
    if (!MODERATION_MODES.includes(v.moderation as ModerationMode)) {
      throw new UsageError(`--moderation must be one of ${MODERATION_MODES.join(', ')}`);
    }
    s.moderation = v.moderation as ModerationMode;
  }
  if (v.name !== undefined) s.name = v.name;
  if (v['edit-window'] !== undefined) s.editWindowSec = Math.min(parseDuration(v['edit-window']), 30 * 86400);
  if (v['max-depth'] !== undefined) s.maxDepth = positiveInt(v['max-depth'], '--max-depth', 50);
  if (v['max-length'] !== undefined) s.maxBodyLength = positiveInt(v['max-length'], '--max-length', 50000);
  if (v['report-threshold'] !== undefined)
    s.reportThreshold = positiveInt(
      v['report-threshold'],
      '--report-threshold',
      SITE_SETTING_BOUNDS.reportThreshold.max,
    );
  return s;
}

function onOff(value: string, what: string): boolean {
  if (value !== 'on' && value !== 'off') throw new UsageError(`${what} must be on or off`);
  return value === 'on';
}

/** The reader sign-in flags given, over the site's current ones (providers: `afterword site provider`). */
function readersFrom(v: Values, current: SiteItem['readers']): Partial<SiteSettings> {
  const r: NonNullable<SiteItem['readers']> = { ...current };
  let given = false;
  for (const [flag, key] of [
    ['reader-email', 'email'],
    ['reader-passkey', 'passkey'],
    ['reader-required', 'required'],
  ] as const) {
    const value = v[flag];
    if (value === undefined) continue;
    r[key] = onOff(value, `--${flag}`);
    given = true;
  }
  if (v['reader-edits'] !== undefined) {
    if (v['reader-edits'] !== 'anytime' && v['reader-edits'] !== 'window')
      throw new UsageError('--reader-edits must be anytime or window');
    r.editsAnytime = v['reader-edits'] === 'anytime';
    given = true;
  }
  return given ? { readers: r } : {};
}

function origins(list: string[] | undefined): string[] {
  return (list ?? []).map((o) => {
    const n = normalizeOrigin(o);
    if (!n) throw new UsageError(`not an origin: "${o}" (expected like https://blog.example.com)`);
    return n;
  });
}

function describeReaders(r: SiteItem['readers']): string {
  const ways = [r?.email && 'email', r?.passkey && 'passkey', ...(r?.providers ?? []).map((p) => p.id)];
  const on = ways.filter(Boolean).join(',');
  if (!on) return 'reader-signin=off';
  return `reader-signin=${on}${r?.required ? ' (required)' : ''}${r?.editsAnytime ? ' edits=anytime' : ''}`;
}

function show(ctx: CliContext, s: SiteItem, json: boolean | undefined) {
  if (json) return ctx.out(JSON.stringify(s, null, 2));
  ctx.out(
    `${s.id}\tmoderation=${s.moderation}\tedit-window=${s.editWindowSec}s\tmax-depth=${s.maxDepth}\t` +
      `max-length=${s.maxBodyLength}\treport-threshold=${s.reportThreshold ?? REPORT_LIMITS.threshold}\torigins=${s.origins.join(',') || '(none)'}\t${describeReaders(s.readers)}\t${describeSpam(s.spam)}\t${describeRemote(s.remote)}\t${describeReactions(s.reactions)}`,
  );
}

export const siteCommand: Command = {
  usage: [
    'afterword site add <id> --origin <url>... [--moderation none|first-time|all] [--name <text>]',
    '                  [--edit-window 15m] [--max-depth 5] [--max-length 5000] [--report-threshold 3]',
    '                  [--reader-email on|off] [--reader-passkey on|off] [--reader-required on|off]',
    '                  [--reader-edits anytime|window]   (how readers may sign in; off by default)',
    REMOTE_CLI_USAGE,
    REACTION_CLI_USAGE,
    'afterword site set <id> [--origin <url>...] [--remove-origin <url>...] [same options as add]',
    'afterword site list [--json]',
    PROVIDER_USAGE,
    SPAM_CLI_USAGE,
  ].join('\n'),
  async run(ctx, argv) {
    const [action, ...rest] = argv;
    if (action === 'provider') return providerCommand(ctx, rest);
    const { values, positionals } = parse(rest);
    if (action === 'list') {
      const sites = await ctx.store.sites.list();
      if (sites.length === 0) ctx.out('no sites yet: afterword site add <id> --origin <url>');
      for (const s of sites) show(ctx, s, values.json);
      return;
    }
    const id = positionals[0];
    if (action !== 'add' && action !== 'set') throw new UsageError('expected add, set or list');
    if (!id || !SiteId.allows(id))
      throw new UsageError('a site id is needed: lower-case letters, digits, dashes');
    try {
      if (action === 'add') {
        const site = await ctx.store.sites.put(
          id,
          {
            ...settingsFrom(values),
            ...readersFrom(values, undefined),
            ...remoteFrom(values, undefined),
            ...reactionsFrom(values, undefined),
            origins: origins(values.origin),
            spam: spamFromCli(values, RECOMMENDED_SPAM, parseDuration),
          },
          'create',
        );
        ctx.out(`added site ${id}`);
        show(ctx, site, values.json);
      } else {
        const current = await ctx.store.sites.get(id);
        const removed = new Set(origins(values['remove-origin']));
        const next = [...(current?.origins ?? []), ...origins(values.origin)].filter((o) => !removed.has(o));
        const spamGiven = Object.keys(SPAM_CLI_OPTIONS).some(
          (k) => values[k as keyof typeof values] !== undefined,
        );
        const site = await ctx.store.sites.put(
          id,
          {
            ...settingsFrom(values),
            ...readersFrom(values, current?.readers),
            ...remoteFrom(values, current?.remote),
            ...reactionsFrom(values, current?.reactions),
            origins: next,
            ...(spamGiven ? { spam: spamFromCli(values, current?.spam ?? {}, parseDuration) } : {}),
          },
          'update',
        );
        ctx.out(`updated site ${id}`);
        show(ctx, site, values.json);
      }
    } catch (err) {
      if (err instanceof SiteExistsError || err instanceof SiteMissingError || err instanceof SpamOptionError)
        throw new UsageError(err.message);
      throw err;
    }
  },
};
