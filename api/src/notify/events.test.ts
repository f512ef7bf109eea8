/** Which comment changes notify whom: inserts, approvals, edits, deletions, spam and imports. */
import { expect, it } from 'vitest';
import type { CommentItem } from '../store/items.js';
import { FRESH_MS, jobsFor } from './events.js';

const now = Date.parse('2026-05-01T12:00:00Z');
const c = (over: Partial<CommentItem> = {}): CommentItem => ({
  type: 'comment',
  pk: 'p',
  sk: 's',
  id: 'c1',
  site: 's',
  page: '/p/',
  parentId: null,
  depth: 0,
  body: 'b',
  html: '<p>b</p>',
  authorName: 'A',
  avatar: '000000000000',
  status: 'approved',
  score: 0,
  up: 0,
  down: 0,
  createdAt: new Date(now - 1000).toISOString(),
  ...over,
});
const kinds = (jobs: ReturnType<typeof jobsFor>) =>
  jobs.map((j) => (j.kind === 'webhook' ? `webhook:${j.event}` : j.kind));

it('a new approved reply: reply mail and created + approved events', () => {
  expect(kinds(jobsFor(undefined, c({ parentId: 'p1' }), now))).toEqual([
    'webhook:created',
    'reply',
    'webhook:approved',
  ]);
});

it('a new pending comment asking for replies: moderators, verification, created', () => {
  const pending = c({ status: 'pending', notify: true, authorEmail: 'a@x', emailHash: 'h' });
  expect(kinds(jobsFor(undefined, pending, now))).toEqual(['moderators', 'verify', 'webhook:created']);
});

it('spam, deleted and imported inserts notify nobody', () => {
  expect(
    jobsFor(undefined, c({ status: 'spam', notify: true, authorEmail: 'a@x', emailHash: 'h' }), now),
  ).toEqual([]);
  expect(jobsFor(undefined, c({ createdAt: new Date(now - FRESH_MS - 1).toISOString() }), now)).toEqual([]);
});

it('status changes and edits', () => {
  const pending = c({ status: 'pending', parentId: 'p1' });
  expect(kinds(jobsFor(pending, c({ parentId: 'p1' }), now))).toEqual(['reply', 'webhook:approved']);
  expect(kinds(jobsFor(c(), c({ status: 'deleted' }), now))).toEqual(['webhook:deleted']);
  expect(kinds(jobsFor(c(), c({ editedAt: 'later' }), now))).toEqual(['webhook:edited']);
  expect(kinds(jobsFor(c(), c({ score: 3 }), now))).toEqual([]);
  expect(jobsFor(c(), undefined, now)).toEqual([]);
});

it('a published comment held again (an edit the rules hold, reports): the moderators are told', () => {
  const held = c({ status: 'pending', spamReasons: ['reports'] });
  expect(kinds(jobsFor(c(), held, now))).toEqual(['moderators']);
  expect(kinds(jobsFor(c(), { ...held, editedAt: 'later' }, now))).toEqual(['moderators', 'webhook:edited']);
  // Spam or deleted to pending is a review request (decisions.ts), not this.
  expect(kinds(jobsFor(c({ status: 'spam' }), held, now))).not.toContain('moderators');
});
