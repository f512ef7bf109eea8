/**
 * A moderator's decision with its reason (a preset and their words), kept on the comment it removed: the
 * stream tells the author from it (when asked and the address is confirmed), and a review link must match it.
 */
import type { DecisionReason } from '../../contract/limits.js';
import type { CommentItem, CommentStatus } from '../../store/items.js';

export interface Reason {
  code: DecisionReason;
  text?: string;
}

export interface ModeratorDecision extends Reason {
  /** When it was made: the comment's `statusAt` of the same move. */
  at: string;
  /** The moderator asked to mail the author. */
  tell: boolean;
}

/** What readers are told each preset means (mail, review page); the moderator's words follow. */
export const REASON_TEXT: Record<DecisionReason, string> = {
  spam: 'Spam or advertising',
  abuse: 'Abusive or harassing',
  off_topic: 'Off-topic',
  illegal: 'Illegal content',
  personal_data: "Someone's personal data",
  other: 'Another reason',
};

/** Statuses that remove a comment from view (or keep a held one from it): the ones a reason goes with. */
export const isRemoval = (s: CommentStatus) => s === 'deleted' || s === 'spam';

/** One line for logs and mail: the preset's text, then the moderator's words. */
export function reasonLine(r: Reason): string {
  const words = r.text?.trim();
  return words ? `${REASON_TEXT[r.code]}: ${words}` : REASON_TEXT[r.code];
}

/** The `extra` a status move stores for a removal with a reason; nothing otherwise. */
export function decisionExtra(
  to: CommentStatus,
  reason: Reason | undefined,
  tell: boolean,
  at: string,
): { decision: ModeratorDecision } | undefined {
  if (!reason || !isRemoval(to)) return undefined;
  const text = reason.text?.trim();
  return { decision: { code: reason.code, ...(text ? { text } : {}), at, tell } };
}

/** The decision the comment's current status came from: none once it moved again since. */
export function currentDecision(c: CommentItem): ModeratorDecision | undefined {
  const d = (c as CommentItem & { decision?: unknown }).decision as ModeratorDecision | undefined;
  if (!d || typeof d !== 'object' || typeof d.at !== 'string' || !(d.code in REASON_TEXT)) return undefined;
  return isRemoval(c.status) && d.at === c.statusAt ? d : undefined;
}

/** The author's request for review that put the comment back in the queue, when that is its current state. */
export function currentReview(c: CommentItem): { at: string; decision: ModeratorDecision } | undefined {
  const r = (c as CommentItem & { review?: unknown }).review as
    | { at: string; decision: ModeratorDecision }
    | undefined;
  if (!r || typeof r !== 'object' || typeof r.at !== 'string') return undefined;
  return c.status === 'pending' && r.at === c.statusAt ? r : undefined;
}
