/** Webhook events carry a held comment's flags (code, text, an external label's name and score), in every format. */
import { expect, it } from 'vitest';
import type { CommentItem, WebhookConfig } from '../store/items.js';
import { eventPayload, webhookBody } from './webhooks.js';

const page = { site: 'b', siteName: 'Blog', page: '/p/', title: 'Post', url: 'https://blog.example/p/' };
const held: CommentItem = {
  type: 'comment',
  pk: 'p',
  sk: 's',
  id: 'c1',
  site: 'b',
  page: '/p/',
  parentId: null,
  depth: 0,
  body: 'hi',
  html: '<p>hi</p>',
  authorName: 'Ann',
  authorEmail: 'ann@reader.example',
  ipHash: 'f'.repeat(32),
  avatar: '000000000000',
  status: 'pending',
  score: 0,
  up: 0,
  down: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  spamReasons: ['new_author', 'external_check:INSULT:0.93'],
};
const hook = (format: WebhookConfig['format']): WebhookConfig => ({
  id: 'h',
  url: 'https://hooks.example/x',
  secret: 's',
  events: ['created'],
  format,
});

it('puts the flags in the JSON event, and never the address or client hash', () => {
  const payload = eventPayload('d1', 'created', page, held, '2026-01-01T00:00:01.000Z');
  expect(payload.comment.flags).toEqual([
    { code: 'new_author', text: 'New author (not yet trusted)' },
    {
      code: 'external_check',
      label: 'INSULT',
      score: 0.93,
      text: 'The external content check labelled it: insult (93%)',
    },
  ]);
  const json = webhookBody(hook('json'), payload);
  expect(json).not.toContain('ann@reader.example');
  expect(json).not.toContain('f'.repeat(32));
  expect(webhookBody(hook('slack'), payload)).toContain('Flags: New author (not yet trusted); ');
  expect(webhookBody(hook('discord'), payload)).toContain('insult (93%)');
  const plain = eventPayload('d2', 'created', page, { ...held, spamReasons: undefined }, 'x');
  expect('flags' in plain.comment).toBe(false);
});
