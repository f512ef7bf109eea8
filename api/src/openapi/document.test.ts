/** The OpenAPI document: valid 3.1, every route of the app listed, every $ref resolving; the docs page. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.js';
import { buildOpenApi, openApiPath } from './document.js';
import { OPERATIONS } from './registry.js';

const doc = buildOpenApi();

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const v of node) refs(v, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    // The validator does reject a broken document (a path parameter that is not required).
    const broken = structuredClone(doc) as {
      paths: Record<string, Record<string, { parameters: object[] }>>;
    };
    broken.paths['/api/v1/comments/{id}']!.patch!.parameters[0] = { name: 'id', in: 'path', schema: {} };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('gives every operation responses, and every $ref resolves', () => {
    const paths = doc.paths as Record<string, Record<string, { responses?: object }>>;
    for (const [path, ops] of Object.entries(paths))
      for (const [method, op] of Object.entries(ops))
        expect(Object.keys(op.responses ?? {}), `${method} ${path}`).not.toHaveLength(0);
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(10);
    for (const ref of all) {
      expect(ref.startsWith('#/')).toBe(true);
      let node: unknown = doc;
      for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)?.[part];
      expect(node, ref).toBeDefined();
    }
  });

  it('lists exactly the routes the app serves, public and admin', async () => {
    const h = await createHarness();
    try {
      const served = new Set(
        h.app.routes
          .filter((r) => r.method !== 'ALL')
          .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`),
      );
      const listed = new Set(OPERATIONS.map((o) => `${o.method} ${openApiPath(o.path)}`));
      // The docs page is HTML about the document, not an API operation.
      served.delete('get /api/docs');
      expect(
        [...served].filter((r) => !listed.has(r)),
        'served but not described',
      ).toEqual([]);
      expect(
        [...listed].filter((r) => !served.has(r)),
        'described but not served',
      ).toEqual([]);
      expect([...listed].some((r) => r.startsWith('post /api/v1/admin/'))).toBe(true);
    } finally {
      await h.drop();
    }
  });

  it('describes request bodies from the same arktype schemas the routes validate with', () => {
    const post = (doc.components as { schemas: Record<string, { properties: Record<string, unknown> }> })
      .schemas.PostComment!;
    expect(Object.keys(post.properties)).toEqual(
      expect.arrayContaining(['site', 'page', 'body', 'author', 'parentId']),
    );
    expect(post.properties.site).toMatchObject({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' });
  });

  it('serves the document and a docs page that loads nothing from elsewhere', async () => {
    const h = await createHarness();
    try {
      const json = await h.app.request('/api/v1/openapi.json');
      expect(json.status).toBe(200);
      expect(await json.json()).toEqual(JSON.parse(JSON.stringify(doc)));
      const page = await h.app.request('/api/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await page.text();
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|src=/i);
      expect(html.match(/https?:\/\/[^\s"<]+/g) ?? []).toEqual([]);
      for (const o of OPERATIONS) expect(html).toContain(`<code>${openApiPath(o.path)}</code>`);
    } finally {
      await h.drop();
    }
  });
});
