/** A decision's reason: trimmed, one line for log and mail, and current only while the comment's status still comes from it. */
import { describe, expect, it } from 'vitest';
import type { CommentItem } from '../../store/items.js';
import { currentDecision, currentReview, decisionExtra, reasonLine } from './decision.js';

const AT = '2026-01-02T03:04:05.000Z';
const comment = (over: Partial<CommentItem> & Record<string, unknown>) =>
  ({ id: 'c1', status: 'deleted', statusAt: AT, ...over }) as CommentItem;

describe('decisions', () => {
  it('keeps a removal’s reason (trimmed), never an approval’s, and says it on one line', () => {
    expect(decisionExtra('deleted', { code: 'abuse', text: '  rude  ' }, true, AT)).toEqual({
      decision: { code: 'abuse', text: 'rude', at: AT, tell: true },
    });
    expect(decisionExtra('spam', { code: 'spam', text: '   ' }, false, AT)).toEqual({
      decision: { code: 'spam', at: AT, tell: false },
    });
    expect(decisionExtra('approved', { code: 'other' }, true, AT)).toBeUndefined();
    expect(decisionExtra('deleted', undefined, true, AT)).toBeUndefined();
    expect(reasonLine({ code: 'off_topic', text: 'boats' })).toBe('Off-topic: boats');
    expect(reasonLine({ code: 'illegal' })).toBe('Illegal content');
  });

  it('counts a decision only while the status still comes from it', () => {
    const decision = { code: 'abuse', at: AT, tell: true };
    expect(currentDecision(comment({ decision }))).toEqual(decision);
    // Moved again since (a later statusAt), or restored: the old decision no longer stands.
    expect(currentDecision(comment({ decision, statusAt: '2026-01-03T00:00:00.000Z' }))).toBeUndefined();
    expect(currentDecision(comment({ decision, status: 'approved' }))).toBeUndefined();
    expect(currentDecision(comment({ decision: { ...decision, code: 'made-up' } }))).toBeUndefined();
    expect(currentDecision(comment({}))).toBeUndefined();
    const review = { at: AT, decision };
    expect(currentReview(comment({ status: 'pending', review }))).toEqual(review);
    expect(currentReview(comment({ status: 'deleted', review }))).toBeUndefined();
  });
});
