/** Which changes of a comment ask the stream to tell its author of a decision, or its moderators of a review. */
import { describe, expect, it } from 'vitest';
import type { CommentItem } from '../store/items.js';
import { decisionJobs } from './decisions.js';

const AT = '2026-01-02T03:04:05.000Z';
const c = (status: CommentItem['status'], extra: Record<string, unknown> = {}) =>
  ({ id: 'c1', status, statusAt: AT, ...extra }) as CommentItem;
const decision = (tell: boolean) => ({ decision: { code: 'abuse', at: AT, tell } });

describe('decisionJobs', () => {
  it('tells the author of a removal asked to be told; a held one is "rejected"', () => {
    expect(decisionJobs(c('approved'), c('deleted', decision(true)))).toMatchObject([
      { kind: 'decision', rejected: false },
    ]);
    expect(decisionJobs(c('pending'), c('spam', decision(true)))).toMatchObject([
      { kind: 'decision', rejected: true },
    ]);
    // Held by readers' reports, it had been published: its removal is a removal, not a rejection.
    const reported = { spamReasons: ['reports'] };
    expect(
      decisionJobs(c('pending', reported), c('deleted', { ...reported, ...decision(true) })),
    ).toMatchObject([{ kind: 'decision', rejected: false }]);
  });

  it('tells nobody when not asked, when the status did not change, or for an old decision', () => {
    expect(decisionJobs(c('approved'), c('deleted', decision(false)))).toEqual([]);
    expect(decisionJobs(c('deleted', decision(true)), c('deleted', decision(true)))).toEqual([]);
    const old = { decision: { code: 'abuse', at: '2025-01-01T00:00:00.000Z', tell: true } };
    expect(decisionJobs(c('approved'), c('deleted', old))).toEqual([]);
  });

  it('tells the moderators when the author’s review request put it back in the queue', () => {
    const review = { review: { at: AT, decision: decision(true).decision } };
    expect(decisionJobs(c('deleted'), c('pending', review))).toMatchObject([{ kind: 'review' }]);
    expect(decisionJobs(c('deleted'), c('pending'))).toEqual([]);
  });
});
