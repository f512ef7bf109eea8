/** Moderator sessions in DynamoDB Local: only a hash of the id is stored, expiry by TTL and on read. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { keys } from './keys.js';
import { hashSessionId, sessionCurrent } from './sessions.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.drop());

it('stores the hash of the id with the TTL attribute; reads check the expiry; end removes it', async () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const { id } = await h.store.sessions.create('m@example.com', now, 3600);
  expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const { Item } = await h.db.doc.send(
    new GetCommand({ TableName: h.db.table, Key: keys.session(hashSessionId(id)) }),
  );
  expect(Item).toMatchObject({
    type: 'session',
    email: 'm@example.com',
    expiresAt: now.getTime() / 1000 + 3600,
  });
  expect(JSON.stringify(Item)).not.toContain(id);
  expect(await h.store.sessions.get(id, new Date(now.getTime() + 3599_000))).toBeDefined();
  expect(await h.store.sessions.get(id, new Date(now.getTime() + 3600_000))).toBeUndefined();
  expect(await h.store.sessions.get('not-a-session', now)).toBeUndefined();
  await h.store.sessions.end(id);
  expect(await h.store.sessions.get(id, now)).toBeUndefined();
});

it('a session started from a moderator read before a password change is dead at once', async () => {
  await h.store.moderators.upsert('race@example.com', { name: 'R', passwordHash: 'old-hash' });
  const verified = await h.store.moderators.get('race@example.com');
  await h.store.moderators.upsert('race@example.com', { passwordHash: 'new-hash' });
  const now = new Date();
  const { id } = await h.store.sessions.create('race@example.com', now, 3600, verified);
  const session = (await h.store.sessions.get(id, now))!;
  const current = (await h.store.moderators.get('race@example.com'))!;
  expect(sessionCurrent(session, current)).toBe(false);
  // Read after the change, a new session is current.
  const fresh = await h.store.sessions.create('race@example.com', now, 3600, current);
  expect(sessionCurrent((await h.store.sessions.get(fresh.id, now))!, current)).toBe(true);
});
