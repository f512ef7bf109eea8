/** Checks real responses against the OpenAPI document: the status must be documented for the path and method, the body must fit its schema (ajv, draft 2020-12). */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

type Json = Record<string, unknown>;
interface Media {
  schema?: Json;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, Media>;
  $ref?: string;
}
interface Operation {
  responses: Record<string, ResponseObject>;
}

export interface Checked {
  /** The documented path template, e.g. `/api/v1/comments/{id}`. */
  path: string;
  status: number;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected freely
  json: any;
  headers: Headers;
}

const COMPONENTS_ID = 'https://afterword.invalid/components.json';

/** `#/components/schemas/X` → the same schema in the components document ajv knows. */
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
        ? `${COMPONENTS_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`
        : rebase(v),
    ]),
  );
}

export function responseChecker(doc: Json) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const components = doc.components as { schemas: Json; responses: Record<string, ResponseObject> };
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rebase(components.schemas) as Json });
  const compiled = new Map<string, ValidateFunction>();
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const templates = Object.keys(paths)
    .map((path) => ({
      path,
      params: (path.match(/\{/g) ?? []).length,
      re: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    }))
    .sort((a, b) => a.params - b.params);
  /** What was seen: `method path` → statuses. */
  const seen = new Map<string, Set<number>>();

  const deref = (r: ResponseObject): ResponseObject =>
    r.$ref ? (components.responses[r.$ref.split('/').pop() ?? ''] ?? {}) : r;

  function operation(method: string, pathname: string): { path: string; op: Operation } {
    const m = method.toLowerCase();
    const t = templates.find((x) => x.re.test(pathname) && paths[x.path]?.[m]);
    if (!t) throw new Error(`${method} ${pathname} is not in the document`);
    return { path: t.path, op: paths[t.path]![m]! };
  }

  /** Validates a body against the schema documented for method, path, status and media type. */
  function validateBody(method: string, path: string, status: number, media: string, body: unknown) {
    const key = `${method} ${path} ${status} ${media}`;
    let v = compiled.get(key);
    if (!v) {
      const op = paths[path]?.[method.toLowerCase()];
      const schema = op && deref(op.responses[String(status)] ?? {}).content?.[media]?.schema;
      if (!schema) throw new Error(`no schema for ${key}`);
      v = ajv.compile(rebase(schema) as Json);
      compiled.set(key, v);
    }
    if (!v(body)) throw new Error(`${key}: the body does not fit: ${ajv.errorsText(v.errors)}`);
  }

  /** Reads a response and fails unless its status and body are what the document says. */
  async function check(method: string, url: string, res: Response): Promise<Checked> {
    const pathname = new URL(url, 'http://localhost').pathname;
    const { path, op } = operation(method, pathname);
    const text = await res.text();
    const where = `${method} ${pathname} → ${res.status}`;
    const documented = op.responses[String(res.status)];
    if (!documented) throw new Error(`${where} is not documented (body ${text.slice(0, 200)})`);
    const content = deref(documented).content;
    let json: unknown;
    if (!content) {
      if (text !== '') throw new Error(`${where}: documented without a body, got one`);
    } else {
      const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
      if (!content[type]) throw new Error(`${where}: ${type} is not a documented media type`);
      json = type === 'application/json' ? JSON.parse(text) : undefined;
      validateBody(method, path, res.status, type, json === undefined ? text : json);
    }
    const key = `${method.toLowerCase()} ${path}`;
    if (!seen.has(key)) seen.set(key, new Set());
    seen.get(key)!.add(res.status);
    return { path, status: res.status, text, json, headers: res.headers };
  }

  return { check, validateBody, seen, paths };
}
