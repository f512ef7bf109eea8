/**
 * Admin: a site's sign-in providers. The client secret is stored sealed apart from the site and never
 * answered (not by these routes, the settings or the public thread); a new provider
 * needs one, an issuer must be https, a site has at most 8; removal takes the secret with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecret } from '../domain/reader-oauth/seal.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, sessionFor, type TestSession } from './admin.testkit.js';

const SECRET = 'very-secret-client-value';
let h: Harness;
let owner: TestSession;

beforeAll(async () => {
  h = await createHarness();
  await h.site('alpha');
  await addModerator(h, 'owner@a.test', [['alpha', 'owner']]);
  owner = await sessionFor(h, 'owner@a.test');
});
afterAll(() => h?.drop());

const put = (id: string, body: Record<string, unknown>) =>
  adminCall(h, 'PUT', `/sites/alpha/reader-providers/${id}`, { session: owner, body });

describe('admin sign-in providers', () => {
  it('stores the secret sealed apart, shows only that it is set, and offers the provider publicly', async () => {
    const res = await put('corp', {
      kind: 'oidc',
      name: 'Corp SSO',
      issuer: 'https://id.corp.example/',
      clientId: 'afterword',
      clientSecret: SECRET,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.providers).toEqual([
      {
        id: 'corp',
        kind: 'oidc',
        name: 'Corp SSO',
        issuer: 'https://id.corp.example',
        clientId: 'afterword',
        secretSet: true,
      },
    ]);
    const sealed = await h.store.readerOAuth.secret('alpha', 'corp');
    expect(sealed).toBeDefined();
    expect(sealed).not.toContain(SECRET);
    expect(openSecret(h.config.secret, 'alpha', 'corp', sealed!)).toBe(SECRET);

    // Nowhere else either: the site item, the settings, the thread's public settings, the export.
    const answers = await Promise.all([
      h.store.sites.get('alpha').then((s) => JSON.stringify(s)),
      adminCall(h, 'GET', '/sites/alpha/settings', { session: owner }).then((r) => JSON.stringify(r.json)),
      adminCall(h, 'GET', '/sites/alpha/reader-providers', { session: owner }).then((r) =>
        JSON.stringify(r.json),
      ),
      Promise.resolve(h.app.request('http://localhost/api/v1/comments?site=alpha&page=/p/')).then((r) =>
        r.text(),
      ),
    ]);
    for (const text of answers) expect(text).not.toContain(SECRET);
    const thread = JSON.parse(answers[3]!) as { settings: { readers?: { providers?: unknown[] } } };
    expect(thread.settings.readers?.providers).toEqual([{ id: 'corp', name: 'Corp SSO', kind: 'oidc' }]);
  });

  it('keeps a known provider’s secret when none is given, and replaces it when one is', async () => {
    const renamed = await put('corp', {
      kind: 'oidc',
      name: 'Corp',
      issuer: 'https://id.corp.example',
      clientId: 'x',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json.providers[0]).toMatchObject({ name: 'Corp', clientId: 'x', secretSet: true });
    const before = await h.store.readerOAuth.secret('alpha', 'corp');
    await put('corp', {
      kind: 'oidc',
      name: 'Corp',
      issuer: 'https://id.corp.example',
      clientId: 'x',
      clientSecret: 'new',
    });
    const after = await h.store.readerOAuth.secret('alpha', 'corp');
    expect(after).not.toBe(before);
    expect(openSecret(h.config.secret, 'alpha', 'corp', after!)).toBe('new');
  });

  it('refuses a new provider without a secret, a plain-http or missing issuer, and a ninth provider', async () => {
    const noSecret = await put('gh', { kind: 'github', name: 'GitHub', clientId: 'Iv1.x' });
    expect(noSecret.status).toBe(400);
    expect(noSecret.json.error.details.fields).toEqual(['clientSecret']);
    for (const issuer of ['http://id.example', 'https://u:p@id.example', 'not a url', undefined]) {
      const res = await put('other', {
        kind: 'oidc',
        name: 'O',
        clientId: 'c',
        clientSecret: 's',
        ...(issuer ? { issuer } : {}),
      });
      expect(res.status, String(issuer)).toBe(400);
      expect(res.json.error.details.fields).toEqual(['issuer']);
    }
    expect(
      (await put('Bad_Id', { kind: 'github', name: 'G', clientId: 'c', clientSecret: 's' })).status,
    ).toBe(400);
    expect(
      (await put('gh', { kind: 'github', name: 'G', clientId: 'c', clientSecret: 's', extra: 1 })).status,
    ).toBe(400);
    for (let i = 0; i < 7; i++)
      expect(
        (await put(`p${i}`, { kind: 'github', name: `G${i}`, clientId: 'c', clientSecret: 's' })).status,
      ).toBe(200);
    const ninth = await put('p9', { kind: 'github', name: 'G9', clientId: 'c', clientSecret: 's' });
    expect(ninth.status).toBe(400);
    expect((await h.store.sites.get('alpha'))?.readers?.providers).toHaveLength(8);
  });

  it('removes a provider and its secret; an unknown one is 404', async () => {
    const res = await adminCall(h, 'DELETE', '/sites/alpha/reader-providers/corp', { session: owner });
    expect(res.status).toBe(200);
    expect(res.json.providers.map((p: { id: string }) => p.id)).not.toContain('corp');
    expect(await h.store.readerOAuth.secret('alpha', 'corp')).toBeUndefined();
    expect(
      (await adminCall(h, 'DELETE', '/sites/alpha/reader-providers/corp', { session: owner })).status,
    ).toBe(404);
    const log = await h.store.audit.list('alpha', 1);
    expect(log.entries[0]).toMatchObject({ actor: 'owner@a.test' });
  });
});
