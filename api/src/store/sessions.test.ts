/** Moderator sessions in DynamoDB Local: only a hash of the id is stored, expiry by TTL and on read; the list, last-seen and revoke. */
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

it('lists live sessions under the current epoch; touches last-seen at most every 5 minutes; revoke removes both items', async () => {
  await h.store.moderators.upsert('list@example.com', { name: 'L', passwordHash: 'h1' });
  const account = (await h.store.moderators.get('list@example.com'))!;
  const t0 = new Date('2026-03-01T10:00:00Z');
  const a = await h.store.sessions.create('list@example.com', t0, 3600, account, {
    method: 'passkey',
    agent: 'Firefox on Linux',
  });
  const b = await h.store.sessions.create('list@example.com', new Date(t0.getTime() + 1000), 60, account);
  const list = await h.store.sessions.list(account, t0);
  expect(list.map((s) => s.ref)).toEqual([b.item.ref, a.item.ref]);
  expect(list[1]).toMatchObject({
    method: 'passkey',
    agent: 'Firefox on Linux',
    lastSeenAt: t0.toISOString(),
  });
  expect(JSON.stringify(list)).not.toContain(hashSessionId(a.id));
  // b expires after 60 s: no longer listed.
  expect((await h.store.sessions.list(account, new Date(t0.getTime() + 120_000))).map((s) => s.ref)).toEqual([
    a.item.ref,
  ]);

  const seen = async () =>
    (await h.store.sessions.list(account, t0)).find((s) => s.ref === a.item.ref)?.lastSeenAt;
  await h.store.sessions.touch((await h.store.sessions.get(a.id, t0))!, new Date(t0.getTime() + 299_000));
  expect(await seen()).toBe(t0.toISOString());
  const later = new Date(t0.getTime() + 301_000);
  await h.store.sessions.touch((await h.store.sessions.get(a.id, t0))!, later);
  expect(await seen()).toBe(later.toISOString());

  // A password change (new epoch) leaves the old sessions unlisted.
  await h.store.moderators.upsert('list@example.com', { passwordHash: 'h2' });
  expect(await h.store.sessions.list((await h.store.moderators.get('list@example.com'))!, t0)).toEqual([]);

  expect(await h.store.sessions.revoke('list@example.com', a.item.ref!)).toBe(true);
  expect(await h.store.sessions.get(a.id, t0)).toBeUndefined();
  expect(await h.store.sessions.revoke('list@example.com', a.item.ref!)).toBe(false);
  expect(await h.store.sessions.revoke('other@example.com', b.item.ref!)).toBe(false);
  // A touch after the revoke brings nothing back.
  await h.store.sessions.touch(a.item, new Date(t0.getTime() + 900_000));
  expect(await h.store.sessions.get(a.id, t0)).toBeUndefined();
  const { Item } = await h.db.doc.send(
    new GetCommand({ TableName: h.db.table, Key: keys.sessionEntry('list@example.com', a.item.ref!) }),
  );
  expect(Item).toBeUndefined();
});
