/** `afterword moderator add|list|remove`: moderator accounts (scrypt passwords) and their roles on sites. */
import { SiteId } from '../contract/requests.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../domain/password.js';
import { normalizeEmail } from '../domain/tokens.js';
import { ROLES, type Role } from '../store/items.js';
import { type Command, parseOptions, UsageError } from './command.js';
import type { CliContext } from './context.js';

/** Reads a password without echo from a terminal, or the first line of stdin when it is not one. */
async function readPasswordDefault(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let data = '';
    for await (const chunk of stdin) data += String(chunk);
    return data.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Where passwords come from; tests swap it. */
export const passwordInput = { read: readPasswordDefault, interactive: () => process.stdin.isTTY === true };

/** Removes one membership (`--site`) or the whole account; the store ends the sessions either way. */
async function remove(ctx: CliContext, positionals: string[], site: string | undefined): Promise<void> {
  const [raw, extra] = positionals;
  if (!raw || extra !== undefined) throw new UsageError('expected: moderator remove <email> [--site <id>]');
  const email = normalizeEmail(raw);
  if (!(await ctx.store.moderators.get(email))) throw new UsageError(`no moderator ${email}`);
  if (site !== undefined) {
    if (!SiteId.allows(site)) throw new UsageError('--site <id> is not a site id');
    if (!(await ctx.store.moderators.revoke(email, site)))
      throw new UsageError(`${email} does not moderate ${site}`);
    ctx.out(`removed ${email} from ${site}; their sessions are ended`);
    return;
  }
  const { sites } = await ctx.store.moderators.remove(email);
  ctx.out(
    `removed moderator ${email}${sites.length ? ` (was on ${sites.join(', ')})` : ''}; their sessions are ended`,
  );
}

const OPTIONS = {
  site: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  'keep-password': { type: 'boolean' },
} as const;

export const moderatorCommand: Command = {
  usage: [
    'afterword moderator add --site <id> --email <email> [--role owner|moderator] [--name <text>] [--keep-password]',
    '                        (password from a prompt, or the first line of stdin when piped)',
    'afterword moderator list --site <id>',
    'afterword moderator remove <email> [--site <id>]',
    '                        (one site, or the whole account; either way its sessions end at once)',
  ].join('\n'),
  async run(ctx, argv) {
    const [action, ...rest] = argv;
    const { values, positionals } = parseOptions(rest, OPTIONS);
    if (action === 'remove') return remove(ctx, positionals, values.site);
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const site = values.site;
    if (!site || !SiteId.allows(site)) throw new UsageError('--site <id> is needed');
    if (!(await ctx.store.sites.get(site))) throw new UsageError(`site "${site}" does not exist`);
    if (action === 'list') {
      const mods = await ctx.store.moderators.forSite(site);
      if (mods.length === 0)
        ctx.out(`no moderators on ${site} yet: afterword moderator add --site ${site} --email <e>`);
      for (const m of mods) ctx.out(`${m.moderator.email}\t${m.membership.role}\t${m.moderator.name}`);
      return;
    }
    if (action !== 'add') throw new UsageError('expected add, list or remove');
    const email = values.email ? normalizeEmail(values.email) : '';
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254)
      throw new UsageError('--email <address> is needed');
    const role = (values.role ?? 'moderator') as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const existing = await ctx.store.moderators.get(email);
    let passwordHash: string | undefined;
    if (!(values['keep-password'] && existing?.passwordHash)) {
      const password = await passwordInput.read(`Password for ${email}: `);
      if (passwordInput.interactive()) {
        const again = await passwordInput.read('Again: ');
        if (again !== password) throw new UsageError('the passwords differ');
      }
      if (password.length < MIN_PASSWORD_LENGTH)
        throw new UsageError(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
      passwordHash = await hashPassword(password);
    }
    await ctx.store.moderators.upsert(email, {
      ...(values.name ? { name: values.name } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    });
    await ctx.store.moderators.grant(email, site, role);
    ctx.out(`${existing ? 'updated' : 'added'} moderator ${email} (${role} of ${site})`);
  },
};
