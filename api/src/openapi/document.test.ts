/** The OpenAPI document generated from the routes: valid 3.1, every route described and no other, every $ref resolving; the docs page. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFullApp } from '../app.js';
import { PostComment } from '../contract/requests.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { buildOpenApi, jsonSchema, openApiPath } from './document.js';

type Json = Record<string, unknown>;
type Op = {
  summary?: string;
  parameters?: Json[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, Json>;
};
type Paths = Record<string, Record<string, Op>>;

let h: Harness;
let doc: Json;
let full: Awaited<ReturnType<typeof createFullApp>>;
let paths: Paths;

beforeAll(async () => {
  h = await createHarness();
  full = await createFullApp(h.deps);
  doc = await buildOpenApi(full);
  paths = doc.paths as Paths;
});
afterAll(async () => {
  await h?.drop();
});

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

const resolve = (ref: string): unknown => {
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) node = (node as Json | undefined)?.[part];
  return node;
};

describe('OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema, and the validator does reject a broken one', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const broken = structuredClone(paths);
    const params = broken['/api/v1/comments/{id}']!.patch!.parameters!;
    const i = params.findIndex((p) => p.in === 'path');
    params[i] = { name: 'id', in: 'path', schema: {} }; // a path parameter must be required
    expect((await new Validator().validate({ ...doc, paths: broken })).valid).toBe(false);
  });

  it('gives every operation a summary, a success and the error envelope, and every $ref resolves', () => {
    for (const [path, ops] of Object.entries(paths))
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        expect(op.summary, where).toBeTruthy();
        expect(
          Object.keys(op.responses).some((s) => /^[23]\d\d$/.test(s)),
          where,
        ).toBe(true);
        expect(op.responses['500'], where).toEqual({ $ref: '#/components/responses/Error500' });
      }
    const ids = Object.values(paths).flatMap((ops) =>
      Object.values(ops).map((op) => (op as { operationId?: string }).operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(paths['/api/v1/admin/queue']!.get).toMatchObject({ security: [{ session: [] }] });
    expect(paths['/api/v1/sites/{site}/export']!.get).toMatchObject({ security: [{ apiToken: [] }] });
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(100);
    for (const ref of all) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      expect(resolve(ref), ref).toBeDefined();
    }
    expect(resolve('#/components/responses/Error404')).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    });
  });

  it('describes exactly the routes the app serves, public and admin', () => {
    const served = new Set(
      full.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`),
    );
    // The docs page is HTML about the document, not an API operation.
    served.delete('get /api/docs');
    const listed = new Set(
      Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)),
    );
    expect(
      [...served].filter((r) => !listed.has(r)),
      'served but not described',
    ).toEqual([]);
    expect(
      [...listed].filter((r) => !served.has(r)),
      'described but not served',
    ).toEqual([]);
    expect(listed.size).toBeGreaterThan(35);
    expect([...listed].some((r) => r.startsWith('post /api/v1/admin/'))).toBe(true);
  });

  it('describes requests with the very arktype schemas the routes validate with', () => {
    const post = paths['/api/v1/comments']!.post!;
    const { $schema: _drop, ...expected } = PostComment.toJsonSchema({ fallback: (ctx) => ctx.base }) as Json;
    expect(post.requestBody!.content['application/json']!.schema).toEqual(expected);
    expect(jsonSchema(PostComment)).toEqual(expected);
    const list = paths['/api/v1/comments']!.get!.parameters!;
    expect(list.find((p) => p.name === 'site')).toMatchObject({
      in: 'query',
      required: true,
      schema: { pattern: '^[a-z0-9][a-z0-9-]{0,39}$' },
    });
    const edit = paths['/api/v1/comments/{id}']!.patch!.parameters!;
    // Either proof of authorship: the browser's edit token or a signed-in reader's session.
    expect(edit.filter((p) => p.in === 'header').map((p) => [p.name, p.required ?? false])).toEqual([
      ['x-afterword-edit-token', false],
      ['x-afterword-session', false],
    ]);
  });

  it('serves the document, built once, and a docs page that loads nothing from elsewhere', async () => {
    const json = await h.app.request('/api/v1/openapi.json');
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual(doc);
    const again = await h.app.request('/api/v1/openapi.json');
    expect(await again.json()).toEqual(doc);
    const page = await h.app.request('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|src=/i);
    expect(html.match(/https?:\/\/[^\s"<]+/g) ?? []).toEqual([]);
    for (const path of Object.keys(paths)) expect(html).toContain(`<code>${path}</code>`);
  });
});
