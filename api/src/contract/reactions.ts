/** Reactions (emoji on comments and on the page): the palette, a site's limits, the shapes (no arktype: the widget and admin import it). */

/** Every emoji a site may offer, in the order pickers show them. A site chooses its set from these. */
export const REACTION_PALETTE = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🤔', '👀'] as const;
export type Reaction = (typeof REACTION_PALETTE)[number];

/** At most this many emoji in each of a site's sets (comments, page). */
export const REACTION_SET_MAX = 6;

/** A site's reactions: the set offered on comments and the set offered on the page itself (each empty or absent: off). */
export interface ReactionSettings {
  comments?: Reaction[];
  page?: Reaction[];
}

/** Counts per emoji of one comment or page; an emoji nobody chose is left out (and so is the whole map when empty). */
export type ReactionCounts = Partial<Record<Reaction, number>>;

/** What `PUT`/`DELETE` of a reaction answers: the emoji, whether this reader has it now, the target's new counts. */
export interface ReactionResult {
  emoji: Reaction;
  reacted: boolean;
  reactions: ReactionCounts;
}

export function isReaction(v: unknown): v is Reaction {
  return (REACTION_PALETTE as readonly unknown[]).includes(v);
}

/** A site's set as stored, in palette order, without repeats or strangers (at most REACTION_SET_MAX). */
export function reactionSet(list: readonly unknown[] | undefined): Reaction[] {
  const given = new Set(list ?? []);
  return REACTION_PALETTE.filter((r) => given.has(r)).slice(0, REACTION_SET_MAX);
}

/** A site's reactions after a save: the sets given over the ones it had, each as `reactionSet` keeps it. */
export function mergedReactions(
  before: ReactionSettings | undefined,
  given: ReactionSettings,
): ReactionSettings {
  const next = { ...before, ...given };
  return { comments: reactionSet(next.comments), page: reactionSet(next.page) };
}

/** Stored counts as readers see them: palette emoji with a positive whole count, in palette order; undefined when none. */
export function publicCounts(stored: unknown): ReactionCounts | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const map = stored as Record<string, unknown>;
  const out: ReactionCounts = {};
  let any = false;
  for (const r of REACTION_PALETTE) {
    const n = map[r];
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) {
      out[r] = n;
      any = true;
    }
  }
  return any ? out : undefined;
}
