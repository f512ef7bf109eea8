/** `afterword webhook add|list|remove --site <id>`: where a site's comment events are posted. */
import { randomBytes } from 'node:crypto';
import { SiteId } from '../contract/requests.js';
import { newId } from '../domain/tokens.js';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_FORMATS,
  type WebhookConfig,
  type WebhookEvent,
  type WebhookFormat,
} from '../store/items.js';
import { type Command, parseOptions, UsageError } from './command.js';

export const MAX_WEBHOOKS = 10;

const OPTIONS = {
  site: { type: 'string' },
  url: { type: 'string' },
  event: { type: 'string', multiple: true },
  format: { type: 'string' },
  secret: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** An absolute http(s) URL without a fragment, or a UsageError. */
export function webhookUrl(value: string | undefined): string {
  let url: URL;
  try {
    url = new URL(value ?? '');
  } catch {
    throw new UsageError('--url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('--url must be http(s)');
  if (url.hash) throw new UsageError('--url must not have a #fragment');
  return url.href;
}

function events(list: string[] | undefined): WebhookEvent[] {
  if (!list?.length) return [...WEBHOOK_EVENTS];
  const all = list.flatMap((e) => e.split(',')).map((e) => e.trim());
  for (const e of all)
    if (!WEBHOOK_EVENTS.includes(e as WebhookEvent))
      throw new UsageError(`--event must be one of ${WEBHOOK_EVENTS.join(', ')}`);
  return [...new Set(all as WebhookEvent[])];
}

function format(value: string | undefined): WebhookFormat {
  if (value === undefined) return 'json';
  if (!WEBHOOK_FORMATS.includes(value as WebhookFormat))
    throw new UsageError(`--format must be one of ${WEBHOOK_FORMATS.join(', ')}`);
  return value as WebhookFormat;
}

export const webhookCommand: Command = {
  usage: [
    'afterword webhook add --site <id> --url <https://...> [--event created|approved|edited|deleted]...',
    '                      [--format json|slack|discord] [--secret <key>]',
    'afterword webhook list --site <id> [--json]',
    'afterword webhook remove --site <id> <webhook-id>',
  ].join('\n'),
  async run(ctx, argv) {
    const [action, ...rest] = argv;
    const { values, positionals } = parseOptions(rest, OPTIONS);
    if (action !== 'add' && action !== 'list' && action !== 'remove')
      throw new UsageError('expected add, list or remove');
    if (!values.site || !SiteId.allows(values.site)) throw new UsageError('--site <id> is needed');
    const site = await ctx.store.sites.get(values.site);
    if (!site) throw new UsageError(`site "${values.site}" does not exist`);
    const hooks = site.webhooks ?? [];

    if (action === 'list') {
      if (values.json)
        return ctx.out(
          JSON.stringify(
            hooks.map(({ secret: _s, ...h }) => h),
            null,
            2,
          ),
        );
      if (hooks.length === 0)
        ctx.out(`no webhooks on ${site.id}: afterword webhook add --site ${site.id} --url <url>`);
      for (const h of hooks) ctx.out(`${h.id}\t${h.format}\t${h.events.join(',')}\t${h.url}`);
      return;
    }
    if (action === 'remove') {
      const id = positionals[0];
      if (!id) throw new UsageError('which webhook? afterword webhook list --site <id> shows the ids');
      if (!hooks.some((h) => h.id === id)) throw new UsageError(`no webhook "${id}" on ${site.id}`);
      await ctx.store.sites.put(site.id, { webhooks: hooks.filter((h) => h.id !== id) }, 'update');
      ctx.out(`removed webhook ${id} from ${site.id}`);
      return;
    }
    if (hooks.length >= MAX_WEBHOOKS) throw new UsageError(`a site has at most ${MAX_WEBHOOKS} webhooks`);
    const secret = values.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
    if (secret.length < 16) throw new UsageError('--secret must be at least 16 characters');
    const hook: WebhookConfig = {
      id: newId().slice(0, 10),
      url: webhookUrl(values.url),
      secret,
      events: events(values.event),
      format: format(values.format),
    };
    await ctx.store.sites.put(site.id, { webhooks: [...hooks, hook] }, 'update');
    ctx.out(`added webhook ${hook.id} to ${site.id}: ${hook.format} ${hook.events.join(',')} -> ${hook.url}`);
    ctx.out(`signing secret (list does not show it again): ${secret}`);
  },
};
