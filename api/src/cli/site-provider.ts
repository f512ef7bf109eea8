/** `afterword site provider set|remove|list <site>`: a site's GitHub and OpenID Connect sign-in providers. */
import { readFileSync } from 'node:fs';
import { ReaderProvider } from '../contract/reader.js';
import { SiteId } from '../contract/requests.js';
import {
  listProviders,
  type ProviderEnv,
  ProviderError,
  type ProviderView,
  removeProvider,
  saveProvider,
} from '../domain/reader-oauth/providers.js';
import { parseOptions, UsageError } from './command.js';
import type { CliContext } from './context.js';

const OPTIONS = {
  kind: { type: 'string' },
  name: { type: 'string' },
  issuer: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret-file': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const PROVIDER_USAGE = [
  'afterword site provider set <site> <id> --kind github|oidc --name <text> --client-id <id>',
  '                  [--issuer <https url>] [--client-secret-file <file>]   (readers sign in with it)',
  '                  the secret is read from the file (needed for a new provider), stored sealed, never shown',
  'afterword site provider remove <site> <id>',
  'afterword site provider list <site> [--json]',
].join('\n');

const envOf = (ctx: CliContext): ProviderEnv => ({
  store: ctx.store,
  secret: ctx.config.secret,
  now: () => new Date(),
  outboundAllow: ctx.config.outboundAllow,
});

function show(ctx: CliContext, providers: ProviderView[], json: boolean | undefined) {
  if (json) return ctx.out(JSON.stringify(providers, null, 2));
  if (providers.length === 0) ctx.out('no sign-in providers');
  for (const p of providers)
    ctx.out(
      `${p.id}\t${p.kind}\tname=${p.name}\tclient-id=${p.clientId}${p.issuer ? `\tissuer=${p.issuer}` : ''}\tsecret=${p.secretSet ? 'set' : 'MISSING'}`,
    );
}

function secretFrom(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new UsageError(`cannot read the client secret from ${file}: ${(err as Error).message}`);
  }
}

export async function providerCommand(ctx: CliContext, argv: string[]): Promise<void> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseOptions(rest, OPTIONS);
  const [site, id] = positionals;
  if (!site || !SiteId.allows(site)) throw new UsageError(`a site id is needed\n${PROVIDER_USAGE}`);
  const env = envOf(ctx);
  try {
    if (action === 'list') return show(ctx, await listProviders(env, site), values.json);
    if (action !== 'set' && action !== 'remove')
      throw new UsageError(`expected set, remove or list\n${PROVIDER_USAGE}`);
    if (!id || !ReaderProvider.get('id').allows(id))
      throw new UsageError('a provider id is needed: 1 to 32 lower-case letters, digits, dashes');
    if (action === 'remove') {
      if (!(await removeProvider(env, site, id)))
        throw new UsageError(`site ${site} has no provider "${id}"`);
      ctx.out(`removed sign-in provider ${id} of ${site}`);
      return show(ctx, await listProviders(env, site), values.json);
    }
    const kind = values.kind;
    if (kind !== 'github' && kind !== 'oidc') throw new UsageError('--kind must be github or oidc');
    const current = (await listProviders(env, site)).find((p) => p.id === id);
    const name = values.name ?? current?.name ?? (kind === 'github' ? 'GitHub' : undefined);
    const clientId = values['client-id'] ?? current?.clientId;
    if (!name || !clientId) throw new UsageError('--name and --client-id are needed for a new provider');
    const issuer = values.issuer ?? current?.issuer;
    const saved = await saveProvider(
      env,
      site,
      { id, kind, name, clientId, ...(issuer ? { issuer } : {}) },
      secretFrom(values['client-secret-file']),
    );
    ctx.out(`saved sign-in provider ${id} of ${site}`);
    show(ctx, saved, values.json);
  } catch (err) {
    if (err instanceof ProviderError) throw new UsageError(err.message);
    throw err;
  }
}
