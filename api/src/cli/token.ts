/** `afterword token create|list|revoke`: scoped API tokens for the export and import endpoints. */
import { SiteId } from '../contract/requests.js';
import { TOKEN_SCOPES, type TokenScope } from '../store/items.js';
import { type Command, parseOptions, UsageError } from './command.js';

const OPTIONS = {
  site: { type: 'string' },
  scope: { type: 'string' },
  name: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const parse = (argv: string[]) => parseOptions(argv, OPTIONS);

function siteOf(value: string | undefined): string {
  if (!value || !SiteId.allows(value)) throw new UsageError('--site <id> is needed');
  return value;
}

export const tokenCommand: Command = {
  usage: [
    'afterword token create --site <id> --scope export|import [--name <text>]',
    'afterword token list --site <id> [--json]',
    'afterword token revoke <token-id>',
  ].join('\n'),
  async run(ctx, argv) {
    const [action, ...rest] = argv;
    const { values, positionals } = parse(rest);
    const now = new Date().toISOString();
    if (action === 'create') {
      const site = siteOf(values.site);
      if (!TOKEN_SCOPES.includes(values.scope as TokenScope))
        throw new UsageError(`--scope must be one of ${TOKEN_SCOPES.join(', ')}`);
      if (!(await ctx.store.sites.get(site))) throw new UsageError(`site "${site}" does not exist`);
      const name = (values.name ?? `${values.scope} token`).slice(0, 100);
      const { item, token } = await ctx.store.tokens.create(
        ctx.config.secret,
        site,
        values.scope as TokenScope,
        name,
        now,
      );
      ctx.out(token);
      ctx.err(`created ${item.scope} token ${item.id} for site ${site}; it is shown only this once`);
      return;
    }
    if (action === 'list') {
      const list = await ctx.store.tokens.list(siteOf(values.site));
      if (values.json)
        return ctx.out(
          JSON.stringify(
            list.map(({ hash: _h, ...t }) => t),
            null,
            2,
          ),
        );
      if (list.length === 0) ctx.out('no tokens');
      for (const t of list)
        ctx.out(`${t.id}\t${t.scope}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\t${t.name}`);
      return;
    }
    if (action === 'revoke') {
      const id = positionals[0];
      if (!id) throw new UsageError('the token id to revoke is needed (see token list)');
      if (!(await ctx.store.tokens.revoke(id, now))) throw new UsageError(`no token "${id}"`);
      ctx.out(`revoked token ${id}`);
      return;
    }
    throw new UsageError('expected create, list or revoke');
  },
};
