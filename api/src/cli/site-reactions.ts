/** `afterword site add|set --reactions 👍,❤️,🎉 --page-reactions on`: the emoji a site offers on comments and on the page. */
import {
  isReaction,
  mergedReactions,
  REACTION_PALETTE,
  REACTION_SET_MAX,
  type Reaction,
  type ReactionSettings,
} from '../contract/reactions.js';
import { UsageError } from './command.js';

export const REACTION_CLI_OPTIONS = {
  reactions: { type: 'string' },
  'page-reactions': { type: 'string' },
} as const;

export const REACTION_CLI_USAGE = [
  `                  [--reactions 👍,❤️,🎉|off] (offered on comments: up to ${REACTION_SET_MAX} of ${REACTION_PALETTE.join(' ')})`,
  '                  [--page-reactions on|off|👍,🎉] (on the page itself; on: the same as on comments)',
].join('\n');

type Flags = Partial<Record<keyof typeof REACTION_CLI_OPTIONS, string | undefined>>;

/** A list of emoji as given (commas or spaces between), each of the palette, at most REACTION_SET_MAX. */
function list(value: string, flag: string): Reaction[] {
  const given = value.split(/[\s,]+/).filter(Boolean);
  const bad = given.filter((e) => !isReaction(e));
  if (bad.length > 0)
    throw new UsageError(
      `--${flag}: not offered: ${bad.join(' ')} (choose from ${REACTION_PALETTE.join(' ')})`,
    );
  const set = [...new Set(given)] as Reaction[];
  if (set.length > REACTION_SET_MAX) throw new UsageError(`--${flag}: at most ${REACTION_SET_MAX} emoji`);
  return set;
}

/** The sets given, over the site's current ones; nothing when neither flag was given. */
export function reactionsFrom(
  v: Flags,
  current: ReactionSettings | undefined,
): { reactions?: ReactionSettings } {
  if (v.reactions === undefined && v['page-reactions'] === undefined) return {};
  const given: ReactionSettings = {};
  if (v.reactions !== undefined) given.comments = v.reactions === 'off' ? [] : list(v.reactions, 'reactions');
  const page = v['page-reactions'];
  if (page === 'on') {
    given.page = given.comments ?? current?.comments ?? [];
    if (given.page.length === 0)
      throw new UsageError('--page-reactions on takes the comments’ set: give --reactions too, or a list');
  } else if (page !== undefined) given.page = page === 'off' ? [] : list(page, 'page-reactions');
  return { reactions: mergedReactions(current, given) };
}

/** The `site list` columns: the sets offered on comments and on the page. */
export function describeReactions(r: ReactionSettings | undefined): string {
  const show = (s: readonly string[] | undefined) => (s?.length ? s.join(',') : 'off');
  return `reactions=${show(r?.comments)}\tpage-reactions=${show(r?.page)}`;
}
