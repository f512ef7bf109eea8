/** `afterword repair`: moves data an older version wrote to where this one keeps it (safe to run again). */
import { type Command, parseOptions, UsageError } from './command.js';

export const repairCommand: Command = {
  usage: [
    'afterword repair            hidden comments out of the listed ranges, and the markdown, address and',
    '                            client hash of older comments onto their private records, the top index',
    '                            keys of comments voted before it, posts a crashed request left between',
    '                            their writes (a Scan: run it once after an upgrade or a crash; `npm start`',
    '                            does it by itself)',
  ].join('\n'),
  async run(ctx, argv) {
    const { positionals } = parseOptions(argv, {});
    if (positionals.length > 0) throw new UsageError('repair takes no arguments');
    const hidden = await ctx.store.ranges.moveHiddenOutOfListed();
    const split = await ctx.store.privateRecords.movePrivateToRecords();
    const ranked = await ctx.store.topKeys.fixTopKeys();
    const posts = await ctx.store.posts.finishPosts(Date.now());
    ctx.out(
      `moved ${hidden} hidden comments to their hidden ranges, the private fields of ${split} comments; set the top index keys of ${ranked} comments; finished ${posts} posts`,
    );
  },
};
