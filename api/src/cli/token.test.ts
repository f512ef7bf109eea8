/** `afterword token create|list|revoke`, and the tokens working (or not) on the export endpoint. */
import { expect, it } from 'vitest';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createStore } from '../store/index.js';
import { captureCli } from '../testing/cli.js';
import { runEndpoint } from '../testing/harness.js';
import { main } from './main.js';

const io = captureCli({ sharedTable: true });

it('creates a scoped token shown once, lists it without the secret, and revokes it', async () => {
  expect(await main(['site', 'add', 'tok', '--origin', 'https://blog.example'])).toBe(0);
  expect(await main(['site', 'add', 'other', '--origin', 'https://blog.example'])).toBe(0);
  io.out = '';
  expect(await main(['token', 'create', '--site', 'tok', '--scope', 'export', '--name', 'backup'])).toBe(0);
  const token = io.out.trim();
  expect(token).toMatch(/^aw_[0-9a-f]{12}_/);
  expect(io.err).toContain('shown only this once');
  expect(await main(['token', 'create', '--site', 'tok', '--scope', 'admin'])).toBe(2);
  expect(await main(['token', 'create', '--site', 'nope', '--scope', 'export'])).toBe(2);

  io.out = '';
  expect(await main(['token', 'list', '--site', 'tok', '--json'])).toBe(0);
  const list = JSON.parse(io.out);
  expect(list).toHaveLength(1);
  expect(list[0]).toMatchObject({ site: 'tok', scope: 'export', name: 'backup' });
  expect(JSON.stringify(list)).not.toContain(token.slice(16));
  expect(list[0].hash).toBeUndefined();

  const config = loadConfig(
    {},
    {
      dynamodbEndpoint: runEndpoint(),
      table: io.table,
      secret: io.secret,
      siteCacheMs: 0,
      dataDir: '/nonexistent',
    },
  );
  const store = createStore(config);
  const app = createApp({
    config,
    store,
    clientIp: () => '127.0.0.1',
    now: () => new Date(),
    remainingMs: () => Number.POSITIVE_INFINITY,
  });
  const get = (site: string, auth?: string) =>
    app.request(`/api/v1/sites/${site}/export`, auth ? { headers: { authorization: auth } } : {});
  expect((await get('tok', `Bearer ${token}`)).status).toBe(200);
  const none = await get('tok');
  expect(none.status).toBe(401);
  expect(none.headers.get('www-authenticate')).toContain('Bearer');
  expect((await get('tok', `Bearer ${token}x`)).status).toBe(401);
  // One character changed (a token ending in A must not be 'changed' to itself: that was 1 run in 64).
  const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
  expect((await get('tok', `Bearer ${altered}`)).status).toBe(401);
  expect(
    ((await (await get('other', `Bearer ${token}`)).json()) as { error: { code: string } }).error.code,
  ).toBe('forbidden');
  // An export token does not import.
  const imp = await app.request('/api/v1/sites/tok/import?format=native', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: '{}',
  });
  expect(imp.status).toBe(403);

  expect(await main(['token', 'revoke', list[0].id])).toBe(0);
  expect((await get('tok', `Bearer ${token}`)).status).toBe(401);
  io.out = '';
  expect(await main(['token', 'list', '--site', 'tok'])).toBe(0);
  expect(io.out).toContain('revoked');
  expect(await main(['token', 'revoke', 'ffffffffffff'])).toBe(2);
  store.close();
});
