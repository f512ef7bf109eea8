/** `afterword mail digest|test`: a moderator's mail choice, and a test mail through the configured transport. */
import { normalizeEmail } from '../domain/tokens.js';
import { createTransport } from '../notify/transport.js';
import type { DigestMode } from '../store/items.js';
import { type Command, UsageError } from './command.js';

const MODES: DigestMode[] = ['each', 'daily', 'off'];

export const mailCommand: Command = {
  usage: [
    'afterword mail digest <moderator-email> each|daily|off   (mail per waiting comment, a daily digest, or none)',
    'afterword mail test <address>                            (one mail through MAIL_TRANSPORT, to check the setup)',
  ].join('\n'),
  async run(ctx, argv) {
    const [action, address = '', mode] = argv;
    if (!address.includes('@')) throw new UsageError('an email address is needed');
    const email = normalizeEmail(address);
    if (action === 'digest') {
      if (!MODES.includes(mode as DigestMode)) throw new UsageError(`choose one of ${MODES.join(', ')}`);
      if (!(await ctx.store.moderators.get(email))) throw new UsageError(`no moderator ${email}`);
      await ctx.store.moderators.setDigest(email, mode as DigestMode);
      ctx.out(`moderation mail for ${email}: ${mode}`);
      return;
    }
    if (action === 'test') {
      const transport = createTransport(ctx.config, { log: ctx.out });
      try {
        await transport.send({
          to: email,
          subject: 'Afterword test mail',
          text: 'This is a test of the mail settings of Afterword. Nothing else will follow.',
          html: '<p>This is a test of the mail settings of Afterword. Nothing else will follow.</p>',
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } finally {
        transport.close();
      }
      ctx.out(`sent a test mail to ${email} through ${transport.describe}`);
      return;
    }
    throw new UsageError('expected digest or test');
  },
};
